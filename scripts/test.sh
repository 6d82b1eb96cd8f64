#!/usr/bin/env bash
# Runs every test of MicroSpa on a fresh Debian/Ubuntu machine that has the .NET 10 SDK:
# installs and starts PostgreSQL and Debian's Chromium if they are missing, builds once, then tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

ensure_postgres
# The hot standby the replica test reads the reports from (ReadReplicaTests).
ensure_standby
export MICROSPA_TEST_STANDBY="Host=localhost;Port=$MICROSPA_STANDBY_PORT"
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium fonts-liberation
fi
# The SMTP server the mail tests send to and read from (a real one, on loopback).
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  apt_install python3-aiosmtpd
fi

# Each test run creates its own databases (microspa_test_<guid>) on this server and drops them after.
export MICROSPA_TEST_DB="$(connection_string postgres)"
# ...and the apps under test connect as the row-only role, as in production.
export MICROSPA_TEST_APP_USER="$MICROSPA_APP_DB_USER" MICROSPA_TEST_APP_PASSWORD="$MICROSPA_APP_DB_PASSWORD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Building"
dotnet build MicroSpa.sln -c Release -nologo -v quiet

log "Testing"
output="$(mktemp)"
set +e
dotnet test MicroSpa.sln -c Release --no-build --nologo --filter "Category!=Standby" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
# The standby tests last and alone: the standby replays the whole cluster, and the other classes' databases
# (each CREATE DATABASE puts its template in the WAL) kept it a minute behind under the full suite.
log "Testing the reporting standby (ReadReplicaTests) once it has caught up"
if wait_standby_caught_up; then
  dotnet test tests/MicroSpa.Web.Tests -c Release --no-build --nologo --filter "Category=Standby" 2>&1 | tee -a "$output"
  standby_status=${PIPESTATUS[0]}
else
  standby_status=1
fi
if [ "$status" = 0 ]; then status=$standby_status; fi
set -e

# The benchmark suite once at tiny scale: proves it still works (it times nothing here; bench/suite.sh
# without --tiny measures). It runs the build above rather than publishing again. Its failures fail the
# run like a test's.
if [ "$status" = 0 ]; then
  log "Benchmark suite at tiny scale"
  set +e
  mkdir -p .artifacts
  bench/suite.sh --tiny --no-build > .artifacts/bench-tiny.log 2>&1
  bench_status=$?
  set -e
  tail -n 25 .artifacts/bench-tiny.log
  if [ "$bench_status" != 0 ]; then
    echo "The benchmark suite failed at tiny scale (full log: .artifacts/bench-tiny.log)" >&2
    status=$bench_status
  fi
fi

passed=$(grep -Eo 'Passed: +[0-9]+' "$output" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$output" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$output" | awk '{s+=$2} END {print s+0}')
rm -f "$output"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
