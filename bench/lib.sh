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
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR -c max_connections=200 -c shared_buffers=256MB ${PG_OPTS:-}" start >/dev/null
  PG_CS="Host=127.0.0.1;Port=$PGPORT;Username=houqin;Database=postgres;Maximum Pool Size=64"
}

bench_stop_pg() {
  if [[ -n "$PGDIR" && -f "$PGDIR/data/postmaster.pid" ]]; then
    run_as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [[ -n "$PGDIR" ]] && rm -rf "$PGDIR"
  PGDIR=""
}

# bench_server_env DATABASE: the server's environment (also for its admin verbs, e.g. `audit verify`) into SERVER_ENV.
# Intake's rate limits are lifted: a benchmark's few users make thousands of creates a minute.
bench_server_env() {
  SERVER_ENV=(ASPNETCORE_ENVIRONMENT=Development Houqin__Audit__KeyPath="$WORK/audit.key"
    Logging__LogLevel__Default=Warning Houqin__RateLimits__SignInPerMinute=1000
    Houqin__RateLimits__IntakePerUserPerMinute=1000000 Houqin__RateLimits__IntakePerStaffPerMinute=1000000 Houqin__RateLimits__IntakePerIpPerMinute=1000000)
  if [[ $1 == postgres ]]; then
    SERVER_ENV+=(Database__Provider=Postgres ConnectionStrings__Houqin="$PG_CS")
  else
    SERVER_ENV+=(ConnectionStrings__Houqin="Data Source=$WORK/houqin.db")
  fi
  SERVER_ENV+=(${BENCH_ENV[@]+"${BENCH_ENV[@]}"}) # a benchmark's own settings, e.g. a log level
}

# bench_houqin DATABASE verb…: runs one of the server's admin verbs against the benchmark's database.
bench_houqin() {
  local db=$1
  shift
  bench_server_env "$db"
  env "${SERVER_ENV[@]}" dotnet "${BENCH_DLL:-$ROOT/src/Houqin/bin/Release/net10.0/houqin.dll}" "$@"
}

# bench_start_server sqlite|postgres [workdir]: starts Houqin (Development: migrates and seeds the demo campus)
# and waits for BENCH_READY_PATH (/healthz unless told). Sets SERVER (pid), URL, WORK, and READY_SECONDS (from
# the start to the first 200, polled every 0.1 s) and READY_CPU (the server's CPU seconds until then: the
# figure a loaded machine does not inflate). Reuses WORK's database when given (the crash test).
SERVER=""
bench_start_server() {
  local db=$1 t0
  WORK=${2:-$(mktemp -d /tmp/houqin-bench.XXXXXX)}
  mkdir -p "$WORK"
  PORT=${PORT:-$(free_port)}
  URL="http://127.0.0.1:$PORT"
  bench_server_env "$db"
  t0=$(date +%s.%N)
  # BENCH_DLL: another build of the server (e.g. `dotnet build -c Release -o DIR`, to compare with the current one)
  env "${SERVER_ENV[@]}" dotnet "${BENCH_DLL:-$ROOT/src/Houqin/bin/Release/net10.0/houqin.dll}" --urls "$URL" >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 1200); do
    if curl -sf "$URL${BENCH_READY_PATH:-/healthz}" >/dev/null; then
      READY_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      READY_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$SERVER/stat")
      return 0
    fi
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: the server did not start; see $WORK/server.log" >&2
  tail -20 "$WORK/server.log" >&2
  exit 1
}

# bench_cpu_ticks: CPU time (clock ticks) of the server and, on PostgreSQL, of the database's backends. On a
# machine shared with other work wall-clock figures mostly measure the queue for a core; the CPU a call costs does not.
bench_cpu_ticks() {
  local pids=("$SERVER")
  [[ -n $PGDIR && -f $PGDIR/data/postmaster.pid ]] && mapfile -t -O 1 pids < <(pgrep -P "$(head -1 "$PGDIR/data/postmaster.pid")")
  for p in "${pids[@]}"; do awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true; done | awk '{ s += $1 } END { print s + 0 }'
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
  [[ ${KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
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

# bench_sql DATABASE: runs SQL from stdin against the benchmark's database (sqlite3 or psql), quietly.
bench_sql() {
  if [[ $1 == sqlite ]]; then
    sqlite3 -cmd ".timeout 60000" "$WORK/houqin.db" >/dev/null
  else
    "$(pg_bin)/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres >/dev/null
  fi
}

# bench_fill_requests DATABASE [Column=expression …]: copies the one request made through the API (the template)
# ROWS times by SQL, with new ids and numbers in 2025, spread over eight staff as handlers (and their teams).
# Expressions may use s.n (1…ROWS), t.{Column} (the template's value) and h.{Column} (the staff row).
# FILL_STAFF (a condition on u, the users) and FILL_STAFF_COUNT (how many it selects) spread them over other staff.
bench_fill_requests() {
  local db=$1
  shift
  local staff="'water1','water2','repair1','repair2','property1','leader-water','leader-repair','leader-property'"
  local who=${FILL_STAFF:-} # sqlite3 reads "UserName" as the column too, as PostgreSQL does
  [[ -n $who ]] || who="u.\"UserName\" IN ($staff)"
  if [[ $db == sqlite ]]; then
    bench_sql sqlite <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
CREATE TEMP TABLE h AS
  SELECT row_number() OVER (ORDER BY u.UserName) - 1 AS k, u.Id AS UserId,
         COALESCE((SELECT p.TeamId FROM post_assignments a JOIN posts p ON p.Id = a.PostId WHERE a.UserId = u.Id LIMIT 1),
                  (SELECT t.Id FROM teams t WHERE t.LeaderId = u.Id LIMIT 1)) AS TeamId
  FROM AspNetUsers u WHERE $who;
$(bench_fill_sql sqlite "$@")
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  else
    bench_sql postgres <<SQL
CREATE TEMP TABLE h AS
  SELECT (row_number() OVER (ORDER BY u."UserName")) - 1 AS k, u."Id" AS "UserId",
         COALESCE((SELECT p."TeamId" FROM post_assignments a JOIN posts p ON p."Id" = a."PostId" WHERE a."UserId" = u."Id" LIMIT 1),
                  (SELECT t."Id" FROM teams t WHERE t."LeaderId" = u."Id" LIMIT 1)) AS "TeamId"
  FROM "AspNetUsers" u WHERE $who;
$(bench_fill_sql postgres "$@")
VACUUM ANALYZE service_requests;
SQL
  fi
}

# bench_query DATABASE SQL: one value from the benchmark's database.
bench_query() {
  if [[ $1 == sqlite ]]; then
    sqlite3 -cmd '.timeout 5000' "$WORK/houqin.db" "$2"
  else
    "$(pg_bin)/psql" -tA -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres -c "$2"
  fi
}

# The INSERT behind bench_fill_requests, with every column of the table as it is now (read from the database,
# so a new column never breaks a benchmark).
bench_fill_sql() { # sqlite|postgres [Column=expression …]
  local db=$1 cols
  shift
  if [[ $db == sqlite ]]; then
    cols=$(sqlite3 "$WORK/houqin.db" "SELECT group_concat(name, ' ') FROM pragma_table_info('service_requests')")
  else
    cols=$("$(pg_bin)/psql" -tA -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres -c \
      "SELECT string_agg(column_name, ' ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'service_requests'")
  fi
  python3 - "$db" "$ROWS" "$cols" "${FILL_STAFF_COUNT:-8}" "$@" <<'PY'
import re, sys
db, rows, cols, staff, extra = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4], sys.argv[5:]
q = (lambda c: c) if db == "sqlite" else (lambda c: '"' + c + '"')
new_id = ("upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))"
          if db == "sqlite" else "gen_random_uuid()")
number = "printf('HQ-2025-%07d', s.n)" if db == "sqlite" else "'HQ-2025-' || lpad(s.n::text, 7, '0')"
over = {
    "Id": new_id, "Year": "2025", "Sequence": "s.n", "Key": "20250000000 + s.n", "Number": number,
    "TeamId": "h.{TeamId}", "HandlerId": "h.{UserId}", "FirstContactOwnerId": "h.{UserId}",
    "Description": "t.{Description} || ' #' || s.n",
}
for e in extra:
    k, v = e.split("=", 1)
    over[k] = v
over = {k: re.sub(r"\{(\w+)\}", lambda m: q(m.group(1)), v) for k, v in over.items()}
series = ("(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < %s) SELECT n FROM c) s" % rows
          if db == "sqlite" else "generate_series(1, %s) s(n)" % rows)
print("INSERT INTO service_requests (%s)" % ", ".join(q(c) for c in cols))
print("SELECT %s" % ", ".join(over.get(c, "t." + q(c)) for c in cols))
print("FROM %s JOIN h ON h.k = s.n %% %s" % (series, staff))
print("CROSS JOIN (SELECT * FROM service_requests WHERE %s <> 2025 ORDER BY %s DESC LIMIT 1) t;" % (q("Year"), q("Key")))
PY
}
