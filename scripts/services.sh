#!/usr/bin/env bash
# PostgreSQL and Redis on loopback, for the scale-out test (tests/load/test_scale_out.py) and for trying the
# scaled-out set-up (endpoints.scale.yml, docs/deploy.md) on one machine.
#
#   bash scripts/services.sh start    install when missing, start both (idempotent), write .services/env
#   bash scripts/services.sh stop     stop both (the data stays in .services/)
#   bash scripts/services.sh status   say what runs where
#
# Installs the Debian packages postgresql and redis-server when their programs are missing (needs root:
# apt-get update once, then apt-get install -y). Data, logs, sockets and generated passwords live in the
# project's .services/ (git-ignored; XINMI_SERVICES_DIR moves it). Ports are free ones picked on first start
# and kept. As root, PostgreSQL runs as the "postgres" user (it refuses to run as root).
# .services/env holds the XINMI_PG_* and XINMI_REDIS_* variables that endpoints.scale.yml reads:
#   set -a; . .services/env; set +a
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${XINMI_SERVICES_DIR:-$ROOT/.services}
ENV_FILE=$DIR/env
PG_DATA=$DIR/postgres/data
PG_RUN=$DIR/postgres/run
REDIS_DIR=$DIR/redis

say() { echo "services: $*"; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/pg_ctl" ] && echo "$bin"
}

install_missing() {
  local wanted=()
  pg_bin >/dev/null || wanted+=(postgresql)
  command -v redis-server >/dev/null || wanted+=(redis-server)
  [ ${#wanted[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "${wanted[*]} missing; install them (as root: apt-get install -y ${wanted[*]}) and rerun"
  say "installing ${wanted[*]} (apt-get) …"
  # Debian starts a package's own system-wide service on install; ours run from .services/ instead.
  local policy=/usr/sbin/policy-rc.d made_policy=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; made_policy=1; fi
  { DEBIAN_FRONTEND=noninteractive apt-get update -q \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${wanted[@]}"; } >"$DIR/apt.log" 2>&1 \
    || { [ -n "$made_policy" ] && rm -f "$policy"; tail -n 20 "$DIR/apt.log" >&2; die "apt-get install ${wanted[*]} failed (log: $DIR/apt.log)"; }
  [ -n "$made_policy" ] && rm -f "$policy"
  pg_bin >/dev/null || die "PostgreSQL still missing after apt-get install postgresql"
  command -v redis-server >/dev/null || die "redis-server still missing after apt-get install redis-server"
}

free_port() {  # a port nothing listens on, preferring $1
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32; }

as_postgres() {  # run a PostgreSQL program as the owner of the data directory
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

write_env() {
  umask 077
  cat >"$ENV_FILE" <<EOF
# Written by scripts/services.sh; read by endpoints.scale.yml and tests/load/test_scale_out.py.
XINMI_PG_HOST=127.0.0.1
XINMI_PG_PORT=$PG_PORT
XINMI_PG_USER=xinmi
XINMI_PG_PASSWORD=$PG_PASSWORD
XINMI_PG_TRACKER_DB=xinmi_tracker
XINMI_PG_RECORDS_DB=xinmi_records
XINMI_REDIS_HOST=127.0.0.1
XINMI_REDIS_PORT=$REDIS_PORT
XINMI_REDIS_PASSWORD=$REDIS_PASSWORD
XINMI_REDIS_LOCK_DB=0
XINMI_REDIS_DEDUPE_DB=1
EOF
}

load_env() {
  PG_PORT="" PG_PASSWORD="" REDIS_PORT="" REDIS_PASSWORD=""
  if [ -f "$ENV_FILE" ]; then
    PG_PORT=$(sed -n 's/^XINMI_PG_PORT=//p' "$ENV_FILE")
    PG_PASSWORD=$(sed -n 's/^XINMI_PG_PASSWORD=//p' "$ENV_FILE")
    REDIS_PORT=$(sed -n 's/^XINMI_REDIS_PORT=//p' "$ENV_FILE")
    REDIS_PASSWORD=$(sed -n 's/^XINMI_REDIS_PASSWORD=//p' "$ENV_FILE")
  fi
}

pg_running() { [ -f "$PG_DATA/postmaster.pid" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
redis_running() { [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; }

start_postgres() {
  local bin; bin=$(pg_bin)
  if pg_running; then say "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return 0; fi
  [ -n "$PG_PORT" ] && [ -d "$PG_DATA" ] || PG_PORT=$(free_port 55432)
  mkdir -p "$PG_DATA" "$PG_RUN"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$DIR/postgres"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "initialising a PostgreSQL cluster in $PG_DATA"
    PG_PASSWORD=$(secret)
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$DIR/postgres/initdb.log" 2>&1 || { cat "$DIR/postgres/initdb.log" >&2; die "initdb failed"; }
  fi
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$DIR/postgres/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_RUN" start >/dev/null \
    || { tail -n 20 "$DIR/postgres/server.log" >&2; die "PostgreSQL did not start"; }
  psql_su() { as_postgres "$bin/psql" -h "$PG_RUN" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  [ -n "$PG_PASSWORD" ] || PG_PASSWORD=$(secret)
  if [ "$(psql_su -c "select 1 from pg_roles where rolname = 'xinmi'")" != "1" ]; then
    psql_su -c "create role xinmi login password '$PG_PASSWORD'"
  else
    psql_su -c "alter role xinmi password '$PG_PASSWORD'"
  fi
  for db in xinmi_tracker xinmi_records; do
    [ "$(psql_su -c "select 1 from pg_database where datname = '$db'")" = "1" ] || psql_su -c "create database $db owner xinmi"
  done
  say "PostgreSQL on 127.0.0.1:$PG_PORT (databases xinmi_tracker, xinmi_records; role xinmi)"
}

start_redis() {
  if redis_running; then say "Redis already running on 127.0.0.1:$REDIS_PORT"; return 0; fi
  [ -n "$REDIS_PORT" ] || REDIS_PORT=$(free_port 56379)
  [ -n "$REDIS_PASSWORD" ] || REDIS_PASSWORD=$(secret)
  mkdir -p "$REDIS_DIR"
  chmod 700 "$REDIS_DIR"
  printf 'requirepass %s\n' "$REDIS_PASSWORD" >"$REDIS_DIR/secret.conf"
  chmod 600 "$REDIS_DIR/secret.conf"
  redis-server "$REDIS_DIR/secret.conf" --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR" \
    --save "" --appendonly no
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning -a "$REDIS_PASSWORD" ping 2>/dev/null | grep -q PONG \
      && { say "Redis on 127.0.0.1:$REDIS_PORT"; return 0; }
    sleep 0.2
  done
  tail -n 20 "$REDIS_DIR/redis.log" >&2
  die "Redis did not start"
}

stop_all() {
  load_env
  local bin; bin=$(pg_bin || true)
  if [ -n "$bin" ] && pg_running; then as_postgres "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null; say "PostgreSQL stopped"; fi
  if redis_running; then
    kill "$(cat "$REDIS_DIR/redis.pid")"
    for _ in $(seq 1 50); do redis_running || break; sleep 0.2; done
    say "Redis stopped"
  fi
}

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    install_missing
    load_env
    start_postgres
    start_redis
    write_env
    say "settings in $ENV_FILE"
    ;;
  stop) stop_all ;;
  status)
    load_env
    if pg_bin >/dev/null && pg_running; then say "PostgreSQL running on 127.0.0.1:$PG_PORT"; else say "PostgreSQL not running"; fi
    if redis_running; then say "Redis running on 127.0.0.1:$REDIS_PORT"; else say "Redis not running"; fi
    ;;
  *) echo "usage: bash scripts/services.sh start|stop|status" >&2; exit 2 ;;
esac
