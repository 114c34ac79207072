# Shared by bench/*.sh: build, a throwaway PostgreSQL, a Houqin server on a fresh database, tokens, wrk.
# Everything listens on 127.0.0.1 only and is stopped by bench_cleanup (the callers trap EXIT).

# bench_begin: what every benchmark needs before it starts (wrk, the cleanup trap, a Release build).
bench_begin() {
  command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)" >&2; exit 2; }
  trap bench_cleanup EXIT
  [[ ${NO_BUILD:-0} == 1 ]] || bench_build
}

bench_build() {
  dotnet build "$ROOT/src/Houqin" -c Release -nologo -clp:ErrorsOnly >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
run_as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A throwaway PostgreSQL like test.sh's, but with fsync on: an acknowledged create must be durable here too.
PGDIR=""
bench_start_pg() {
  [[ -x "$(pg_bin)/initdb" ]] || { echo "bench: install postgresql (apt-get install postgresql)" >&2; exit 2; }
  PGDIR=$(mktemp -d /tmp/houqin-bench-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres "$PGDIR"
  PGPORT=$(free_port)
  run_as_pg "$(pg_bin)/initdb" -D "$PGDIR/data" -U houqin --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
  PG_CS="Host=127.0.0.1;Port=$PGPORT;Username=houqin;Database=postgres;Maximum Pool Size=64"
}

bench_stop_pg() {
  if [[ -n "$PGDIR" && -f "$PGDIR/data/postmaster.pid" ]]; then
    run_as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [[ -n "$PGDIR" ]] && rm -rf "$PGDIR"
  PGDIR=""
}

# bench_start_server sqlite|postgres [workdir]: starts Houqin (Development: migrates and seeds the demo campus)
# and waits for /healthz. Sets SERVER (pid), URL, WORK. Reuses WORK's database when given (the crash test).
SERVER=""
bench_start_server() {
  local db=$1
  WORK=${2:-$(mktemp -d /tmp/houqin-bench.XXXXXX)}
  mkdir -p "$WORK"
  PORT=${PORT:-$(free_port)}
  URL="http://127.0.0.1:$PORT"
  local env=(ASPNETCORE_ENVIRONMENT=Development Houqin__Audit__KeyPath="$WORK/audit.key"
    Logging__LogLevel__Default=Warning Houqin__RateLimits__SignInPerMinute=1000)
  if [[ $db == postgres ]]; then
    env+=(Database__Provider=Postgres ConnectionStrings__Houqin="$PG_CS")
  else
    env+=(ConnectionStrings__Houqin="Data Source=$WORK/houqin.db")
  fi
  env "${env[@]}" dotnet "$ROOT/src/Houqin/bin/Release/net10.0/houqin.dll" --urls "$URL" >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do
    curl -sf "$URL/healthz" >/dev/null && return 0
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.5
  done
  echo "bench: the server did not start; see $WORK/server.log" >&2
  tail -20 "$WORK/server.log" >&2
  exit 1
}

bench_stop_server() {
  [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  SERVER=""
}

bench_token() { # user name → bearer token
  curl -sf -X POST "$URL/api/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"Houqin-demo-2026\",\"name\":\"bench\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# The demo users who report (requesters and staff reporting for themselves, none with two-factor sign-in).
BENCH_USERS=(student teacher frontdesk water1 water2 repair1 repair2 property1)

# bench_setup_file FILE: tokens of BENCH_USERS, the campus's rooms and the leaf categories, for post.lua.
bench_setup_file() {
  local file=$1 user token
  : >"$file"
  for user in "${BENCH_USERS[@]}"; do
    token=$(bench_token "$user")
    echo "token $token" >>"$file"
  done
  curl -sf -H "Authorization: Bearer $token" "$URL/api/v1/service-categories" | python3 -c '
import json, sys
cats = json.load(sys.stdin)
parents = {c["parentCode"] for c in cats if c["parentCode"]}
for c in cats:
    if c["code"] not in parents:
        print("category", c["code"])' >>"$file"
  for prefix in E-01 E-02 E-03 E-04 E-05 E-10 W-01 W-02 W-03 W-04; do
    curl -sf -H "Authorization: Bearer $token" "$URL/api/v1/rooms?query=$prefix" |
      python3 -c 'import json,sys; [print("room", r["code"]) for r in json.load(sys.stdin)]' >>"$file" || true
  done
}

# bench_wrk NAME SECONDS wrk-args…: runs wrk with a Lua script that prints "RESULT …" and sets
# R_RPS R_CREATED R_OK R_FAIL R_P50 R_P95 R_P99 R_COUNT.
bench_wrk() {
  local name=$1 seconds=$2 out line
  shift 2
  out=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${seconds}s" --timeout 10s "$@")
  line=$(grep '^RESULT' <<<"$out" || true)
  [[ -n $line ]] || { echo "bench: wrk gave no result for $name" >&2; echo "$out" >&2; return 1; }
  read -r _ R_RPS R_CREATED R_OK R_FAIL R_P50 R_P95 R_P99 R_COUNT <<<"$line"
}

bench_cleanup() {
  bench_stop_server
  bench_stop_pg
  [[ -n "${WORK:-}" && ${KEEP_WORK:-0} != 1 ]] && rm -rf "$WORK"
  return 0
}

# bench_done_with DATABASE: stops the server (and the throwaway PostgreSQL) of one database's run.
bench_done_with() {
  bench_stop_server
  [[ $1 == postgres ]] && bench_stop_pg
  rm -rf "$WORK"
}

# bench_each_database NAME sqlite|postgres|both: prints the run's header, then calls the script's one().
bench_each_database() {
  echo "Houqin $1 · $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · load $(cut -d' ' -f1-3 /proc/loadavg) ·" \
    "${CONNECTIONS:-32} connections × ${SECONDS_RUN}s"
  case $2 in
    sqlite | postgres) one "$2" ;;
    both) one sqlite; one postgres ;;
    *) echo "usage: bench/$1.sh [sqlite|postgres|both]" >&2; exit 2 ;;
  esac
}
