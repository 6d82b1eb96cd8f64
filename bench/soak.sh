#!/usr/bin/env bash
# Randomized soak (issue #7): concurrent workers book, move and cancel at random through the real app for a
# bounded time, then a SQL query over every pair of active appointments must find none overlapping on a
# provider, a room or a device, and no request may have answered 5xx. Exits non-zero otherwise.
# Usage: bench/soak.sh [seconds=120] [workers=8]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
seconds="${1:-120}"
workers="${2:-8}"
port=5093

ensure_postgres
as_root su postgres -c "dropdb -p $MICROSPA_DB_PORT --if-exists --force microspa_soak"
ensure_database microspa_soak
connection="$(connection_string microspa_soak)"

log "Building"
dotnet publish src/MicroSpa.Web -c Release -o .artifacts/bench-app -nologo -v quiet
dotnet build bench/MicroSpa.Bench -c Release -nologo -v quiet
bench=(dotnet bench/MicroSpa.Bench/bin/Release/net10.0/MicroSpa.Bench.dll)

log "Seeding (20 providers and rooms, 50,000 clients)"
"${bench[@]}" seed-front-desk "$connection"

log "Starting the app on 127.0.0.1:$port"
(
  cd .artifacts/bench-app
  ConnectionStrings__MicroSpa="$connection" ASPNETCORE_ENVIRONMENT=Development Email__Mode=Pickup Reminders__Worker=false Wallet__Worker=false \
  RateLimits__AccountPerMinute=100000 Serilog__MinimumLevel__Default=Warning exec dotnet MicroSpa.Web.dll --urls "http://127.0.0.1:$port"
) > .artifacts/bench-soak.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done

log "Soaking for ${seconds}s with $workers workers"
"${bench[@]}" soak "http://127.0.0.1:$port" "$connection" "$seconds" "$workers"
