#!/usr/bin/env bash
# Sets up everything on a fresh Debian/Ubuntu machine that has the .NET 10 SDK, then serves
# MicroSpa at http://localhost:5080. A second run keeps the data of the first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

ensure_postgres
ensure_database microspa
# Migrations run as the owner; the app serves as a role that may only read and write rows.
export ConnectionStrings__MicroSpaOwner="$(connection_string microspa)"
export ConnectionStrings__MicroSpa="$(app_connection_string microspa)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The demo: its clinic, published passwords and authenticator key, and the code shown at sign-in.
export MICROSPA_DEMO=1
# Links in emails point here; set MICROSPA_URLS and Clinic__PublicUrl to serve other machines.
export Clinic__PublicUrl="${Clinic__PublicUrl:-http://localhost:5080}"

log "Building"
dotnet publish src/MicroSpa.Web -c Release -o .artifacts/app -nologo -v quiet

# Online payments: with the clinic's own Stripe keys (Payments__Stripe__SecretKey, Payments__Stripe__WebhookSecret;
# docs/payments.md) the app talks to Stripe. Without them the demo talks to the Stripe stand-in (decision 036),
# started here on loopback with demo keys; it stops with the app.
standin_pid=""
if [ -z "${Payments__Stripe__SecretKey:-}" ]; then
  log "Starting the Stripe stand-in on http://127.0.0.1:5081 (demo payments; no real card is charged)"
  dotnet publish src/MicroSpa.StripeStandIn -c Release -o .artifacts/stripe-standin -nologo -v quiet
  export Payments__Stripe__SecretKey="sk_test_microspa_demo" Payments__Stripe__WebhookSecret="whsec_microspa_demo"
  export Payments__Stripe__ApiBase="http://127.0.0.1:5081"
  dotnet .artifacts/stripe-standin/MicroSpa.StripeStandIn.dll --urls http://127.0.0.1:5081 \
    --StandIn:ApiKey="$Payments__Stripe__SecretKey" --StandIn:WebhookSecret="$Payments__Stripe__WebhookSecret" \
    --StandIn:WebhookUrl="http://localhost:5080/payments/stripe/webhook" > .artifacts/stripe-standin.log 2>&1 &
  standin_pid=$!
  trap '[ -n "$standin_pid" ] && kill "$standin_pid" 2>/dev/null || true' EXIT
fi
cd .artifacts/app

log "Applying migrations"
dotnet MicroSpa.Web.dll migrate
log "Seeding the demo clinic (skipped when it is already there)"
dotnet MicroSpa.Web.dll seed

cat <<'TEXT'

  MicroSpa demo logins (password for all: Demo!2345)
    Admin             admin@microspa.test
    Front desk        frontdesk@microspa.test
    Medical director  director@microspa.test
    Nurse             nina.nurse@microspa.test
    Esthetician       maya.esthetician@microspa.test
    Esthetician       sofia.esthetician@microspa.test
    Client            olivia.client@example.com
  Emails the app sends (confirmation and password links) appear at http://localhost:5080/dev/mailbox

TEXT
# Loopback only unless told otherwise (MICROSPA_URLS=http://0.0.0.0:5080): the demo's passwords are published.
log "Serving ${MICROSPA_URLS:-http://localhost:5080} (Ctrl+C to stop)"
if [ -n "$standin_pid" ]; then
  # Not exec: the stand-in is stopped when the app stops.
  dotnet MicroSpa.Web.dll --urls "${MICROSPA_URLS:-http://localhost:5080}"
else
  exec dotnet MicroSpa.Web.dll --urls "${MICROSPA_URLS:-http://localhost:5080}"
fi
