#!/usr/bin/env bash
# Shared by run.sh and test.sh: installs what a fresh Debian/Ubuntu machine lacks and starts PostgreSQL.
# Safe to run again: every step checks before it acts.

MICROSPA_DB_USER="${MICROSPA_DB_USER:-microspa}"
MICROSPA_DB_PASSWORD="${MICROSPA_DB_PASSWORD:-microspa}"
MICROSPA_DB_PORT="${MICROSPA_DB_PORT:-5432}"
# The role the running app connects as: rows only, owns nothing (docs/security.md, "Database roles").
MICROSPA_APP_DB_USER="${MICROSPA_APP_DB_USER:-microspa_app}"
MICROSPA_APP_DB_PASSWORD="${MICROSPA_APP_DB_PASSWORD:-microspa}"
# A hot standby of the cluster above, streaming from it: reports read from it when ConnectionStrings__MicroSpaReadOnly
# names it (issue 21, docs/scaling.md).
MICROSPA_STANDBY_PORT="${MICROSPA_STANDBY_PORT:-5433}"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "Installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql postgresql-contrib
  fi

  local version
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    log "Creating PostgreSQL $version cluster"
    as_root pg_createcluster "$version" main --port "$MICROSPA_DB_PORT" >/dev/null
  fi

  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "Starting PostgreSQL $version (as the postgres system user)"
    # pg_ctlcluster drops root privileges to the cluster owner (postgres), which PostgreSQL requires.
    as_root pg_ctlcluster "$version" main start
  fi

  local port
  port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
  MICROSPA_DB_PORT="$port"

  for _ in $(seq 1 30); do
    if pg_isready -q -h localhost -p "$port"; then break; fi
    sleep 1
  done

  # The owner role: owns the databases and runs the migrations, may create test databases, is no superuser.
  # The app's role: logs in, is given row access by each migration run, owns nothing.
  as_root su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$MICROSPA_DB_USER') THEN
    CREATE ROLE $MICROSPA_DB_USER LOGIN CREATEDB PASSWORD '$MICROSPA_DB_PASSWORD';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$MICROSPA_APP_DB_USER') THEN
    CREATE ROLE $MICROSPA_APP_DB_USER LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$MICROSPA_APP_DB_PASSWORD';
  END IF;
END
\$\$;
-- The owner may end the app's sessions: DROP DATABASE ... WITH (FORCE) (test databases, restores)
-- must terminate them, which PostgreSQL allows only to members of the session's role.
GRANT $MICROSPA_APP_DB_USER TO $MICROSPA_DB_USER;
SQL
}

# A second cluster of the same PostgreSQL, "standby", made by pg_basebackup from "main" and kept up to date by
# streaming replication (primary_conninfo, standby.signal, written by pg_basebackup -R). Made again when it is not
# streaming from main (main was made again, or the standby stopped). Needs ensure_postgres first.
ensure_standby() {
  local version
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  # The replica test pauses and resumes replay (pg_wal_replay_pause is the superuser's unless granted). Granted in
  # the primary's postgres database, the grant reaches the standby by replication.
  as_root su postgres -c "psql -q -p $MICROSPA_DB_PORT -d postgres -v ON_ERROR_STOP=1" <<SQL
GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume(), pg_is_wal_replay_paused(), pg_get_wal_replay_pause_state() TO $MICROSPA_DB_USER;
SQL
  # A standby made before keeps its port (it may have moved off a port that was taken, below).
  local existing
  existing="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="standby" {print $3}')"
  if [ -n "$existing" ]; then
    MICROSPA_STANDBY_PORT="$existing"
  fi
  if pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="standby" {print $4}' | grep -q online \
    && [ "$(as_root su postgres -c "psql -p $MICROSPA_STANDBY_PORT -tAc \"SELECT status FROM pg_stat_wal_receiver\"" 2>/dev/null)" = streaming ]; then
    # A test stopped half-way may have left replay paused.
    as_root su postgres -c "psql -q -p $MICROSPA_STANDBY_PORT -d postgres -tAc 'SELECT pg_wal_replay_resume()'" >/dev/null
    return 0
  fi

  if pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version standby"; then
    as_root pg_dropcluster --stop "$version" standby
  fi
  # Another server may hold the port (a second PostgreSQL, anything): the standby takes the next free one.
  local tries=0
  while (exec 3<>"/dev/tcp/127.0.0.1/$MICROSPA_STANDBY_PORT") 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 50 ]; then
      echo "No free port for the standby from $((MICROSPA_STANDBY_PORT - tries)) to $MICROSPA_STANDBY_PORT" >&2
      return 1
    fi
    MICROSPA_STANDBY_PORT=$((MICROSPA_STANDBY_PORT + 1))
  done
  log "Making PostgreSQL $version standby of main on port $MICROSPA_STANDBY_PORT (pg_basebackup)"
  as_root pg_createcluster "$version" standby --port "$MICROSPA_STANDBY_PORT" >/dev/null
  local data="/var/lib/postgresql/$version/standby"
  as_root rm -rf "$data"
  as_root su postgres -c "pg_basebackup -p $MICROSPA_DB_PORT -D $data -R -X stream -c fast"
  # A long read (the clinic export's snapshot, a year's report) is not cancelled by the replay of a vacuum on the
  # primary: the standby tells the primary what it still reads (docs/scaling.md).
  echo "hot_standby_feedback = on" | as_root tee "/etc/postgresql/$version/standby/conf.d/microspa.conf" >/dev/null
  as_root pg_ctlcluster "$version" standby start
  for _ in $(seq 1 30); do
    if pg_isready -q -h localhost -p "$MICROSPA_STANDBY_PORT"; then break; fi
    sleep 1
  done
}

# Waits (10 minutes at most) until the standby has replayed all the primary had written when asked: after the
# benchmark's data is generated, before the reports are measured on it.
wait_standby_caught_up() {
  local target
  target="$(as_root su postgres -c "psql -p $MICROSPA_DB_PORT -tAc 'SELECT pg_current_wal_flush_lsn()'")"
  for _ in $(seq 1 600); do
    if [ "$(as_root su postgres -c "psql -p $MICROSPA_STANDBY_PORT -tAc \"SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn\"")" = t ]; then
      return 0
    fi
    sleep 1
  done
  echo "The standby on port $MICROSPA_STANDBY_PORT did not catch up with the primary within 10 minutes" >&2
  return 1
}

# The owner's connection to the standby (the replica test, the benchmark's sequential scans there).
standby_connection_string() {
  local name="$1"
  echo "Host=localhost;Port=$MICROSPA_STANDBY_PORT;Database=$name;Username=$MICROSPA_DB_USER;Password=$MICROSPA_DB_PASSWORD"
}

ensure_database() {
  local name="$1"
  if ! as_root su postgres -c "psql -p $MICROSPA_DB_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname = '$name'\"" | grep -q 1; then
    log "Creating database $name"
    as_root su postgres -c "createdb -p $MICROSPA_DB_PORT -O $MICROSPA_DB_USER $name"
  fi
}

# The owner's connection (migrations, backups, test databases).
connection_string() {
  local name="$1"
  echo "Host=localhost;Port=$MICROSPA_DB_PORT;Database=$name;Username=$MICROSPA_DB_USER;Password=$MICROSPA_DB_PASSWORD"
}

# The running app's connection to the standby (reports, ConnectionStrings__MicroSpaReadOnly).
standby_app_connection_string() {
  local name="$1"
  echo "Host=localhost;Port=$MICROSPA_STANDBY_PORT;Database=$name;Username=$MICROSPA_APP_DB_USER;Password=$MICROSPA_APP_DB_PASSWORD"
}

# The running app's connection.
app_connection_string() {
  local name="$1"
  echo "Host=localhost;Port=$MICROSPA_DB_PORT;Database=$name;Username=$MICROSPA_APP_DB_USER;Password=$MICROSPA_APP_DB_PASSWORD"
}
