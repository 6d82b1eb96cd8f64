#!/usr/bin/env bash
# Availability benchmark (issue: p95 <= 50 ms for 14 days, 10 providers, 6 rooms, 4 devices, 20,000 appointments).
# Seeds a fresh database, starts the real app on loopback, drives GET /api/v1/availability over HTTP and prints
# p50/p95/p99. Usage: bench/availability.sh [seconds=30] [concurrency=4]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
seconds="${1:-30}"
concurrency="${2:-4}"
port=5091

ensure_postgres
as_root su postgres -c "dropdb -p $MICROSPA_DB_PORT --if-exists --force microspa_bench"
ensure_database microspa_bench
connection="$(connection_string microspa_bench)"

log "Building"
dotnet publish src/MicroSpa.Web -c Release -o .artifacts/bench-app -nologo -v quiet
dotnet build bench/MicroSpa.Bench -c Release -nologo -v quiet
bench=(dotnet bench/MicroSpa.Bench/bin/Release/net10.0/MicroSpa.Bench.dll)

log "Seeding"
"${bench[@]}" seed "$connection"

log "Starting the app on 127.0.0.1:$port"
(
  cd .artifacts/bench-app
  ConnectionStrings__MicroSpa="$connection" ASPNETCORE_ENVIRONMENT=Production Clinic__PublicUrl="http://127.0.0.1:$port" \
  Email__Mode=Smtp Email__SmtpHost=127.0.0.1 \
  RateLimits__PublicApiPerMinute=100000000 Serilog__MinimumLevel__Default=Warning \
    exec dotnet MicroSpa.Web.dll --urls "http://127.0.0.1:$port"
) > .artifacts/bench-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done

log "Measuring for ${seconds}s with $concurrency concurrent clients"
"${bench[@]}" load "http://127.0.0.1:$port" "$seconds" "$concurrency" 14
"${bench[@]}" load "http://127.0.0.1:$port" "$seconds" 1 14
rss=$(ps -o rss= -p "$(pgrep -f 'MicroSpa.Web.dll --urls http://127.0.0.1:'$port | head -n 1)" 2>/dev/null || echo 0)
echo "app resident memory after the run: $((rss / 1024)) MB"
