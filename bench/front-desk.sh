#!/usr/bin/env bash
# Front desk benchmark (issue: day view for 20 providers and 300 appointments p95 <= 50 ms; client search over
# 50,000 clients p95 <= 30 ms). Seeds a fresh database, starts the real app on loopback, signs in as the front
# desk and measures both pages over HTTP. Usage: bench/front-desk.sh [seconds=20] [concurrency=1]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
seconds="${1:-20}"
concurrency="${2:-1}"
port=5092

ensure_postgres
as_root su postgres -c "dropdb -p $MICROSPA_DB_PORT --if-exists --force microspa_bench_desk"
ensure_database microspa_bench_desk
connection="$(connection_string microspa_bench_desk)"

log "Building"
dotnet publish src/MicroSpa.Web -c Release -o .artifacts/bench-app -nologo -v quiet
dotnet build bench/MicroSpa.Bench -c Release -nologo -v quiet
bench=(dotnet bench/MicroSpa.Bench/bin/Release/net10.0/MicroSpa.Bench.dll)

log "Seeding"
"${bench[@]}" seed-front-desk "$connection"

log "Starting the app on 127.0.0.1:$port"
(
  cd .artifacts/bench-app
  # Development: the auth cookie is not marked Secure, so the plain-HTTP load client keeps it.
  ConnectionStrings__MicroSpa="$connection" ASPNETCORE_ENVIRONMENT=Development Email__Mode=Pickup \
  Serilog__MinimumLevel__Default=Warning exec dotnet MicroSpa.Web.dll --urls "http://127.0.0.1:$port"
) > .artifacts/bench-desk.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done

log "Measuring for ${seconds}s per page with $concurrency concurrent client(s)"
"${bench[@]}" load-front-desk "http://127.0.0.1:$port" "$seconds" "$concurrency"
