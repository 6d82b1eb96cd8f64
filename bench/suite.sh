#!/usr/bin/env bash
# The clinic-chain benchmark suite (issue #8), one command:
#   bench/suite.sh            full scale and 10x fewer rows, 3 runs each, then two instances behind nginx;
#                             writes the figures into docs/benchmarks.md (about 25 minutes on 2 cores)
#   bench/suite.sh --tiny     a small data set, one short run of everything (CI: proves the suite works;
#                             writes .artifacts/bench/benchmarks-tiny.md, times nothing)
#   --no-build                (after the other option) runs the solution's Release build as it is, instead of
#                             publishing the app and building the bench: scripts/test.sh has just built it
# Environment: BENCH_SECONDS (load per path, default 10), BENCH_CONCURRENCY (default 8), BENCH_RUNS (default 3),
#   BENCH_PATHS (all, the default; money: only the checkout, day close and receipts paths of issue #17, at both scales, without
#   the limit and the scale-out, and the report rewrites only their part of docs/benchmarks.md; deposit: only booking online
#   with a deposit of issue 18, the same way; reports: every report of issue 21 over one month and 12 months, read from the
#   standby, one request at a time, at both scales, rewriting only its own part), BENCH_PORT (default 5110: nginx there, the app instances on the next two ports,
#   the Stripe stand-in on +7, the bench's timing relay to it on +8, the limit on +9) and BENCH_DATABASE_PREFIX
#   (default microspa_chain), so a second suite on the same machine does not meet the first one's.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/lib/common.sh

scales=("full:1" "tenth:0.1")
runs="${BENCH_RUNS:-3}"
seconds="${BENCH_SECONDS:-10}"
concurrency="${BENCH_CONCURRENCY:-8}"
output=docs/benchmarks.md
build=1
paths="${BENCH_PATHS:-all}"
case "$paths" in all|money|deposit|reports) ;; *) echo "BENCH_PATHS is all, money, deposit or reports" >&2; exit 2 ;; esac
# The Stripe stand-in is for booking with a deposit: the money and reports runs book nothing online.
standin=1
case "$paths" in money|reports) standin=0 ;; esac
port="${BENCH_PORT:-5110}"
nginx_port="$port"
app_port=$((port + 1))
second_port=$((port + 2))
standin_port=$((port + 7))
relay_port=$((port + 8))
limit_port=$((port + 9))
prefix="${BENCH_DATABASE_PREFIX:-microspa_chain}"
for option in "$@"; do
  case "$option" in
    --tiny)
      scales=("tiny:0.01")
      runs=1
      seconds=1
      concurrency=2
      output=.artifacts/bench/benchmarks-tiny.md
      ;;
    --no-build) build=0 ;;
    *) echo "Usage: bench/suite.sh [--tiny] [--no-build]" >&2; exit 2 ;;
  esac
done

artifacts=.artifacts/bench
rm -rf "$artifacts" && mkdir -p "$artifacts"
results="$artifacts/results.jsonl"
: > "$results"
if [ "$output" != docs/benchmarks.md ]; then cp docs/benchmarks.md "$output"; fi

ensure_postgres
# The hot standby the app reads the reports from (issue 21, docs/scaling.md): a second cluster streaming from the first.
ensure_standby
if ! command -v curl >/dev/null 2>&1; then
  apt_install curl ca-certificates
fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt_install nginx
  # The package starts a default server on port 80; the suite runs its own.
  as_root /usr/sbin/nginx -s stop >/dev/null 2>&1 || true
fi
export BENCH_POSTGRES="$(psql "host=localhost port=$MICROSPA_DB_PORT user=$MICROSPA_DB_USER password=$MICROSPA_DB_PASSWORD dbname=postgres" -tAc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /')"

# The app runs from app_dir with content root content_root (its wwwroot and appsettings.json).
if [ "$build" = 1 ]; then
  log "Building"
  dotnet publish src/MicroSpa.Web -c Release -o .artifacts/bench-app -nologo -v quiet
  dotnet build bench/MicroSpa.Bench -c Release -nologo -v quiet
  app_dir="$PWD/.artifacts/bench-app"
  content_root="$app_dir"
  standin_dll="$PWD/.artifacts/bench-standin/MicroSpa.StripeStandIn.dll"
  if [ "$standin" = 1 ]; then
    dotnet publish src/MicroSpa.StripeStandIn -c Release -o .artifacts/bench-standin -nologo -v quiet
  fi
else
  app_dir="$PWD/src/MicroSpa.Web/bin/Release/net10.0"
  content_root="$PWD/src/MicroSpa.Web"
  standin_dll="$PWD/src/MicroSpa.StripeStandIn/bin/Release/net10.0/MicroSpa.StripeStandIn.dll"
  for built in "$app_dir/MicroSpa.Web.dll" bench/MicroSpa.Bench/bin/Release/net10.0/MicroSpa.Bench.dll "$standin_dll"; do
    if [ ! -f "$built" ]; then
      echo "--no-build: $built is missing (dotnet build MicroSpa.sln -c Release first)" >&2
      exit 2
    fi
  done
fi
bench=(dotnet bench/MicroSpa.Bench/bin/Release/net10.0/MicroSpa.Bench.dll)

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT

wait_ready() {
  for _ in $(seq 1 90); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "Not ready: $1" >&2
  return 1
}

# Booking with a deposit (issue 18): the app takes online payments from the Stripe stand-in (decision 036), as
# scripts/run.sh starts it, but its API calls go through the bench's timing relay (MicroSpa.Bench measure starts it on
# relay_port and forwards to the stand-in), so the bench knows how long each booking waited for the provider.
stripe_key="sk_test_microspa_bench"
stripe_webhook_secret="whsec_microspa_bench"
stripe_env=()
if [ "$standin" = 1 ]; then
  stripe_env=(Payments__Stripe__SecretKey="$stripe_key" Payments__Stripe__WebhookSecret="$stripe_webhook_secret"
              Payments__Stripe__ApiBase="http://127.0.0.1:$relay_port")
  export BENCH_STRIPE_STANDIN="http://127.0.0.1:$standin_port" BENCH_STRIPE_RELAY="http://127.0.0.1:$relay_port"
fi

start_standin() {
  dotnet "$standin_dll" --urls "http://127.0.0.1:$standin_port" --StandIn:ApiKey="$stripe_key" \
    --StandIn:WebhookSecret="$stripe_webhook_secret" --StandIn:WebhookUrl="http://127.0.0.1:$app_port/payments/stripe/webhook" > "$1" 2>&1 &
  pids+=("$!")
  # Any answer will do (an unknown page is a 404): it listens.
  for _ in $(seq 1 90); do
    if curl -s -o /dev/null "http://127.0.0.1:$standin_port/pay/cs_none"; then return 0; fi
    sleep 1
  done
  echo "Not ready: the Stripe stand-in on $standin_port" >&2
  return 1
}

# An app instance as production runs it, except cookies without the Secure flag (plain HTTP on loopback).
start_app() {
  local port="$1" connection="$2" log_file="$3"
  (
    cd "$content_root"
    if [ "${#stripe_env[@]}" -gt 0 ]; then export "${stripe_env[@]}"; fi
    ConnectionStrings__MicroSpa="$connection" ConnectionStrings__MicroSpaReadOnly="$standby_app" ASPNETCORE_ENVIRONMENT=Testing Email__Mode=Pickup Clinic__PublicUrl="http://127.0.0.1:$port" \
    Email__PickupDirectory="$root/$artifacts/mail" RateLimits__PublicApiPerMinute=100000000 RateLimits__BookingPerMinute=100000000 \
    RateLimits__AccountPerMinute=100000 Serilog__MinimumLevel__Default=Warning \
      exec dotnet "$app_dir/MicroSpa.Web.dll" --urls "http://127.0.0.1:$port"
  ) > "$log_file" 2>&1 &
  pids+=("$!")
  wait_ready "http://127.0.0.1:$port/health/ready"
}

status=0
first=1
for entry in "${scales[@]}"; do
  scale="${entry%%:*}"
  factor="${entry##*:}"
  database="${prefix}_$scale"
  as_root su postgres -c "dropdb -p $MICROSPA_DB_PORT --if-exists --force $database"
  ensure_database "$database"
  owner="$(connection_string "$database")"
  app="$(app_connection_string "$database")"

  log "[$scale] Migrating and generating data (factor $factor)"
  (cd "$content_root" && ConnectionStrings__MicroSpaOwner="$owner" ConnectionStrings__MicroSpa="$app" \
     Serilog__MinimumLevel__Default=Warning dotnet "$app_dir/MicroSpa.Web.dll" migrate)
  "${bench[@]}" generate "$owner" "$factor" | tee "$artifacts/data-$scale.txt"
  standby_app="$(standby_app_connection_string "$database")"
  export BENCH_STANDBY="$(standby_connection_string "$database")"
  log "[$scale] Waiting for the standby to replay the generated data"
  wait_standby_caught_up

  log "[$scale] Starting the app and the raw-Npgsql limit"
  if [ "$standin" = 1 ]; then
    start_standin "$artifacts/standin-$scale.log"
  fi
  start_app "$app_port" "$app" "$artifacts/app-$scale.log"
  app_pid="${pids[-1]}"
  limit_url=-
  if [ "$paths" = all ]; then
    "${bench[@]}" limit "$app" "http://127.0.0.1:$limit_port" > "$artifacts/limit-$scale.log" 2>&1 &
    pids+=("$!")
    wait_ready "http://127.0.0.1:$limit_port/limit/ready"
    limit_url="http://127.0.0.1:$limit_port"
  fi

  # The generated money adds up: the product's own read code and pages show what the ledger's rows say.
  if [ "$paths" != reports ]; then
    "${bench[@]}" check "http://127.0.0.1:$app_port" "$owner" | tee "$artifacts/check-$scale.txt" || status=1
  fi

  for run in $(seq 1 "$runs"); do
    log "[$scale] Run $run of $runs: ${seconds}s per path, $concurrency concurrent"
    # Errors are reported (and fail the suite at the end), the other runs still go on.
    BENCH_PATHS="$paths" "${bench[@]}" measure "http://127.0.0.1:$app_port" "$limit_url" "$owner" "$scale" direct "$run" "$seconds" "$concurrency" "$results" "$app_pid" || status=1
  done

  if [ "$first" = 1 ] && [ "$paths" = all ]; then
    log "[$scale] Scale out: a second instance and nginx in front of both"
    start_app "$second_port" "$app" "$artifacts/app-$scale-second.log"
    second_pid="${pids[-1]}"
    mkdir -p "$artifacts/nginx"
    cat > "$artifacts/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $PWD/$artifacts/nginx/nginx.pid;
error_log $PWD/$artifacts/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $PWD/$artifacts/nginx/body;
  proxy_temp_path $PWD/$artifacts/nginx/proxy;
  fastcgi_temp_path $PWD/$artifacts/nginx/fastcgi;
  uwsgi_temp_path $PWD/$artifacts/nginx/uwsgi;
  scgi_temp_path $PWD/$artifacts/nginx/scgi;
  upstream microspa {
    server 127.0.0.1:$app_port;
    server 127.0.0.1:$second_port;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://microspa;
      proxy_http_version 1.1;
      proxy_max_temp_file_size 0;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
    /usr/sbin/nginx -c "$PWD/$artifacts/nginx/nginx.conf" -g 'daemon off;' > "$artifacts/nginx/stdout.log" 2>&1 &
    pids+=("$!")
    wait_ready "http://127.0.0.1:$nginx_port/health/ready"
    "${bench[@]}" same "http://127.0.0.1:$app_port" "http://127.0.0.1:$nginx_port" "$owner" | tee "$artifacts/scale-out.txt" || status=1
    # Scale out measures the paths of issue #8 (the money paths' open invoices are for the direct runs).
    BENCH_PATHS=core "${bench[@]}" measure "http://127.0.0.1:$nginx_port" - "$owner" "$scale" nginx 1 "$seconds" "$concurrency" "$results" "$app_pid" "$second_pid" || status=1
    first=0
  fi
  stop_all
done

log "Writing $output"
BENCH_PATHS="$paths" "${bench[@]}" report "$results" "$output" "$artifacts"
if [ "$status" != 0 ]; then
  echo "Some requests failed or answers differed (see above and $output)." >&2
fi
exit "$status"
