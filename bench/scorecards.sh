#!/usr/bin/env bash
# Scorecards benchmark (issue 5): a month's scorecards for 500 staff over 1,000,000 requests, computed live.
# The year behind them is inserted by SQL (bench/scorecards.py): 500 staff each holding a post in one of the
# campus's teams, a request every 30 s from December 2025 (≈ 89,000 a month, commitments kept or late in
# realistic fractions), real and default ratings, self-evaluations, rejected completions and declined hand-offs
# in the audit log, upheld complaints and a few decided cases, a year of daily checklists and work-log days.
# Then, on a restarted server, as the director: GET /api/v1/scorecards?month=2026-10 (every card, the teams'
# ranking and the office's month) cold once and warm RUNS times; one person's card with the requests behind each
# figure; the no-op GET /healthz the same way, for the ratio. Last, the worst case: all 1,000,000 requests'
# commitments moved into the measured month. Aim: < 2 s for the month.
#   bench/scorecards.sh [sqlite|postgres|both]   BENCH_ROWS (default 1000000), BENCH_STAFF (default 500),
#                                                BENCH_RUNS (default 10), BENCH_WORST (default 1; 0 skips it),
#                                                BENCH_PROFILE=1 logs every query's time (kept in the work directory)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
ROWS=${BENCH_ROWS:-1000000}
STAFF=${BENCH_STAFF:-500}
RUNS=${BENCH_RUNS:-10}
MONTH=2026-10
SECONDS_RUN=0
CONNECTIONS=1
trap bench_cleanup EXIT
[[ ${BENCH_PROFILE:-0} == 1 ]] && BENCH_ENV=(Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information) && KEEP_WORK=1
[[ ${NO_BUILD:-0} == 1 ]] || bench_build

fill_sql() { python3 bench/scorecards.py "$1" "$2" "$ROWS" "$STAFF"; }

# The director signs in with the demo's shared authenticator secret.
director_token() {
  local otp
  otp=$(python3 - "${HOUQIN_TOTP_SECRET:-JBSWY3DPEHPK3PXP}" <<'PY'
import base64, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
)
  curl -sf -X POST "$URL/api/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"director\",\"password\":\"Houqin-demo-2026\",\"otp\":\"$otp\",\"name\":\"bench\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# CPU time (clock ticks) of the server and, on PostgreSQL, of the database's backends: on a machine shared with
# other work the wall-clock figures mostly measure the queue for a core; the CPU a call costs does not.
cpu_ticks() {
  local pids=("$SERVER")
  [[ -n $PGDIR && -f $PGDIR/data/postmaster.pid ]] && mapfile -t -O 1 pids < <(pgrep -P "$(head -1 "$PGDIR/data/postmaster.pid")")
  for p in "${pids[@]}"; do awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true; done | awk '{ s += $1 } END { print s + 0 }'
}

# timed NAME URL [token]: one cold call, then RUNS calls; sets T_COLD T_P50 T_MAX (seconds) and T_CPU (CPU ms per
# warm call, server and database).
timed() {
  local name=$1 url=$2 auth=() out code c0
  [[ -n ${3:-} ]] && auth=(-H "Authorization: Bearer $3")
  : >"$WORK/times.txt"
  for i in $(seq 0 "$RUNS"); do
    ((i == 1)) && c0=$(cpu_ticks)
    out=$(curl -s -o "$WORK/body.json" -w '%{http_code} %{time_total}' "${auth[@]}" "$URL$url")
    code=${out% *}
    [[ $code == 200 ]] || { echo "bench: $name answered $code" >&2; head -c 500 "$WORK/body.json" >&2; exit 1; }
    echo "${out#* }" >>"$WORK/times.txt"
  done
  T_CPU=$((($(cpu_ticks) - c0) * 1000 / $(getconf CLK_TCK) / RUNS))
  read -r T_COLD T_P50 T_MAX <<<"$(python3 - "$WORK/times.txt" <<'PY'
import statistics, sys
t = [float(x) for x in open(sys.argv[1])]
warm = t[1:]
print(t[0], statistics.median(warm), max(warm))
PY
)"
}

BASE="" # the no-op's warm p50
report() { # db label
  local ratio="baseline"
  [[ -n $BASE ]] && ratio="$(python3 -c "print(round($T_P50 / $BASE))") × no-op"
  printf '%-9s %-48s cold %6.0f ms  warm p50 %6.0f ms  max %6.0f ms  CPU %5d ms  %-14s (load %s)\n' "$1" "$2" \
    "$(bc -l <<<"$T_COLD * 1000")" "$(bc -l <<<"$T_P50 * 1000")" "$(bc -l <<<"$T_MAX * 1000")" "$T_CPU" "$ratio" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

# The audit log seals what the fill inserted in the background: wait for it, so the timings do not share the CPU.
wait_sealed() { # db
  local events leaves
  for _ in $(seq 1 600); do
    events=$(bench_query "$1" "SELECT count(*) FROM audit_events")
    leaves=$(bench_query "$1" "SELECT count(*) FROM audit_leaves")
    ((leaves >= events)) && return 0
    sleep 1
  done
  echo "bench: the audit log was still sealing ($leaves of $events)" >&2
}

analyze() { # db
  if [[ $1 == sqlite ]]; then
    printf 'ANALYZE;\nPRAGMA wal_checkpoint(TRUNCATE);\n' | bench_sql sqlite
  else
    echo 'VACUUM ANALYZE;' | bench_sql postgres
  fi
}

measure() { # db label token user
  local db=$1 label=$2 token=$3 user=$4
  timed "$db month" "/api/v1/scorecards?month=$MONTH" "$token"
  report "$db" "$label: GET ?month=$MONTH (all cards)"
  python3 - "$WORK/body.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
people = m["people"]
ack = sum(f["count"] for p in people for f in p["figures"] if f["key"] == "commitments.acknowledge.keptRate")
print(f"          {len(people)} cards, {len(m['teams'])} teams; acknowledge commitments counted: {ack}")
PY
  timed "$db card" "/api/v1/scorecards/$user/$MONTH" "$token"
  report "$db" "$label: GET /$user/$MONTH (requestIds)"
  python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print("          score", c["score"], "·", sum(len(f.get("requestIds") or []) for f in c["figures"]), "request ids on the card")' "$WORK/body.json"
}

one() { # database
  local db=$1 token t0
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  token=$(bench_token water1)
  curl -sf -X POST "$URL/api/v1/service-requests" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"categoryCode":"water-leak","roomCode":"E-01-101","description":"模板：卫生间水管漏水"}' >/dev/null
  t0=$SECONDS
  fill_sql "$db" staff | bench_sql "$db"
  local overrides=()
  mapfile -t overrides < <(fill_sql "$db" requests)
  FILL_STAFF="u.\"UserName\" LIKE 'bench-%'" FILL_STAFF_COUNT=$STAFF bench_fill_requests "$db" "${overrides[@]}"
  fill_sql "$db" facts | bench_sql "$db"
  analyze "$db"
  echo "$db: $STAFF staff, $(bench_query "$db" "SELECT count(*) FROM service_requests") requests," \
    "$(bench_query "$db" "SELECT count(*) FROM ratings") ratings, $(bench_query "$db" "SELECT count(*) FROM checklist_items") checklist items," \
    "$(bench_query "$db" "SELECT count(*) FROM audit_events") audit events inserted in $((SECONDS - t0)) s"
  wait_sealed "$db"

  # A restarted server: the first call pays for compiling the queries and a cold cache of its own.
  bench_stop_server
  bench_start_server "$db" "$WORK"
  token=$(director_token)
  BASE=""
  timed "$db no-op" /healthz
  report "$db" "no-op GET /healthz"
  BASE=$T_P50
  measure "$db" month "$token" bench-007

  if [[ ${BENCH_WORST:-1} == 1 ]]; then
    t0=$SECONDS
    fill_sql "$db" worst | bench_sql "$db"
    analyze "$db"
    echo "$db: every request's commitments moved into $MONTH in $((SECONDS - t0)) s"
    measure "$db" "worst case" "$token" bench-007
  fi
  echo "$db: $RUNS warm runs each after one cold"
  bench_done_with "$db"
}

bench_each_database scorecards "${1:-both}"
