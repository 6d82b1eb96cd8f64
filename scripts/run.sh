#!/usr/bin/env bash
# Sets up everything on a fresh Debian/Ubuntu machine that has the .NET 10 SDK, then serves
# MicroSpa at http://localhost:5080. A second run keeps the data of the first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

ensure_postgres
ensure_database microspa
export ConnectionStrings__MicroSpa="$(connection_string microspa)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

log "Building"
dotnet build src/MicroSpa.Web -c Release -nologo -v quiet
app=(dotnet src/MicroSpa.Web/bin/Release/net10.0/MicroSpa.Web.dll)

log "Applying migrations"
"${app[@]}" migrate
log "Seeding the demo clinic (skipped when it is already there)"
"${app[@]}" seed

cat <<'TEXT'

  MicroSpa demo logins (password for all: Demo!2345)
    Admin             admin@microspa.test
    Front desk        frontdesk@microspa.test
    Medical director  director@microspa.test
    Nurse             nina.nurse@microspa.test
    Esthetician       maya.esthetician@microspa.test
    Client            olivia.client@example.com
  Emails sent by the app (confirmation links...) appear at http://localhost:5080/dev/mailbox

TEXT
log "Serving http://localhost:5080 (Ctrl+C to stop)"
cd src/MicroSpa.Web
exec "${app[@]/#src\/MicroSpa.Web\//}" --urls "${MICROSPA_URLS:-http://0.0.0.0:5080}"
