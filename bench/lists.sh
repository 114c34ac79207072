#!/usr/bin/env bash
# Lists benchmark (issue 3): the staff's lists over ROWS requests inserted by SQL — newest first and deeper pages
# by keyset cursor — and the staff queue page. Aim: p95 < 50 ms over 1,000,000. A page's latency is the aim, not a
# load test: two clients (one per core) by default. Beside p50/p95 it prints the CPU a page costs (the server's
# and, on PostgreSQL, the backends', from /proc ÷ pages): on a shared machine wall-clock time mostly measures the
# queue for a core.
# The fill: 70% Confirmed (closed), 10% each Acknowledged, Completed and as made (Submitted); 1% escalated; and 1 in
# 101 of all Referred instead, its follow-up due n minutes into 2025 and recorded for a third of them (101 is prime to
# the eight staff, so each of them owes some; a bucket of n % 10 would give only half of them any).
# Then (BENCH_PLANS=1, the default) each list's first and a deep page once more with the server logging its SQL,
# and their plans: SQLite EXPLAIN QUERY PLAN of the logged SQL, PostgreSQL auto_explain (ANALYZE, BUFFERS) of the
# real calls; written to $WORK/plans.txt (KEEP_WORK=1 keeps it) and, shortened, to the output.
#   bench/lists.sh [sqlite|postgres|both]      BENCH_SECONDS (default 20), BENCH_ROWS (default 1000000),
#                                              BENCH_CONNECTIONS (default 2), BENCH_PLANS (default 1),
#                                              BENCH_ONLY (a list's name, e.g. queue-page: that list alone;
#                                              queue-older: the queue page's handling section on older pages;
#                                              queue-followups: its follow-ups owed, due later and later)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
SECONDS_RUN=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-2}
ROWS=${BENCH_ROWS:-1000000}
# auto_explain is loaded but off (-1) until the plans are wanted, so it costs the timed runs nothing.
PG_OPTS="-c shared_preload_libraries=auto_explain -c auto_explain.log_min_duration=-1 -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on"
bench_begin

# The lists timed: name, viewer, path. water1 is in one team and handles 1 in 8 requests; deputy is in four teams.
LISTS=(
  "handling water1 /api/v1/service-requests?scope=handling"
  "team(1) water1 /api/v1/service-requests?scope=team"
  "team(4) deputy /api/v1/service-requests?scope=team"
  "owned water1 /api/v1/service-requests?scope=owned"
  "mine water1 /api/v1/service-requests?scope=mine"
  "all deputy /api/v1/service-requests?scope=all"
  "handling+status water1 /api/v1/service-requests?scope=handling&status=Acknowledged"
  "team(4)+status deputy /api/v1/service-requests?scope=team&status=Acknowledged"
  "queue-page water1 /desk"
  "queue-older water1 /desk?handling="
  "followups water1 /api/v1/service-requests?scope=followups"
  "queue-followups water1 /desk?followups="
)
if [[ -n ${BENCH_ONLY:-} ]]; then
  for i in "${!LISTS[@]}"; do [[ ${LISTS[$i]%% *} == "$BENCH_ONLY" ]] || unset "LISTS[$i]"; done
  LISTS=("${LISTS[@]}")
fi

paths() { # base path → page 1, then 199 cursors spread through the year (base64url of "year:sequence"; the
  # follow-ups': "ticks:year:sequence", ticks of the due instant, n minutes into 2025 as the fill makes it)
  python3 - "$ROWS" "$1" <<'PY'
import base64, datetime, sys
rows, base = int(sys.argv[1]), sys.argv[2]
def place(n):
    if "followups" not in base:
        return f"2025:{n}"
    due = datetime.datetime(2025, 1, 1) + datetime.timedelta(minutes=n)
    return f"{(due - datetime.datetime(1, 1, 1)) // datetime.timedelta(microseconds=1) * 10}:2025:{n}"
# A list page's path ends in its list's own cursor parameter (/desk?handling=, ADR 0020); page 1 is without it.
print(base.split("?")[0] if base.endswith("=") else base)
if base == "/desk":
    sys.exit()
for i in range(1, 200):
    c = base64.urlsafe_b64encode(place(rows * i // 200).encode()).decode().rstrip("=")
    print(f"{base}{c}" if base.endswith("=") else f"{base}&cursor={c}")
PY
}

one() { # database
  local db=$1 token name user path i=0
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  token=$(bench_token water1)
  curl -sf -X POST "$URL/api/v1/service-requests" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"categoryCode":"water-leak","roomCode":"E-01-101","description":"模板：卫生间水管漏水"}' >/dev/null
  local t0=$SECONDS minutes
  # A referral's instants: n minutes into 2025 (the follow-ups' cursors above count on it).
  if [[ $db == sqlite ]]; then
    minutes="strftime('%Y-%m-%d %H:%M:%S', '2025-01-01', '+' || s.n || ' minutes')"
  else
    minutes="(timestamptz '2025-01-01 00:00:00+00' + s.n * interval '1 minute')"
  fi
  bench_fill_requests "$db" \
    "Status=CASE WHEN s.n % 101 = 42 THEN 'Referred' WHEN s.n % 10 < 7 THEN 'Confirmed' WHEN s.n % 10 = 7 THEN 'Acknowledged' WHEN s.n % 10 = 8 THEN 'Completed' ELSE t.{Status} END" \
    "EscalationLevel=CASE WHEN s.n % 100 = 3 THEN 1 ELSE 0 END" \
    "ReferredTo=CASE WHEN s.n % 101 = 42 THEN '信息化办公室' END" \
    "ReferredAt=CASE WHEN s.n % 101 = 42 THEN $minutes END" \
    "ReferralFollowUpBy=CASE WHEN s.n % 101 = 42 THEN $minutes END" \
    "ReferralHelpedAt=CASE WHEN s.n % 101 = 42 AND (s.n / 101) % 3 = 0 THEN $minutes END"
  echo "$db: $ROWS requests inserted in $((SECONDS - t0)) s"
  declare -A tokens=([water1]=$token [deputy]=$(bench_token deputy))
  for entry in "${LISTS[@]}"; do
    read -r name user path <<<"$entry"
    i=$((i + 1))
    paths "$path" >"$WORK/list$i.txt"
    curl -sf -o /dev/null -H "Authorization: Bearer ${tokens[$user]}" "$URL$(sed -n 2p "$WORK/list$i.txt")" ||
      { echo "bench: $name answered an error" >&2; return 1; }
    bench_wrk warmup 3 -s bench/get.lua "$URL" -- "$WORK/list$i.txt" "${tokens[$user]}"
    local c0 c1
    c0=$(bench_cpu_ticks)
    bench_wrk "$name" "$SECONDS_RUN" -s bench/get.lua "$URL" -- "$WORK/list$i.txt" "${tokens[$user]}"
    c1=$(bench_cpu_ticks)
    printf '%-9s %-22s %8s pages/s  p50 %6s ms  p95 %6s ms  p99 %6s ms  CPU %5.1f ms/page  (%s not 200, load %s)\n' \
      "$db" "$name" "$R_RPS" "$R_P50" "$R_P95" "$R_P99" \
      "$(bc -l <<<"($c1 - $c0) * 1000 / $(getconf CLK_TCK) / $R_COUNT")" "$R_FAIL" "$(cut -d' ' -f1 /proc/loadavg)"
  done
  [[ ${BENCH_PLANS:-1} == 1 ]] && plans "$db" "${tokens[water1]}" "${tokens[deputy]}"
  bench_done_with "$db"
}

# plans DATABASE water1-token deputy-token: each list's page 1 and a deep page (three quarters down) once, with the
# SQL logged, between markers; then their plans.
plans() {
  local db=$1 name user path i=0 log
  declare -A tokens=([water1]=$2 [deputy]=$3)
  bench_stop_server
  BENCH_ENV=(Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information)
  bench_start_server "$db" "$WORK"
  BENCH_ENV=()
  log=$WORK/server.log
  if [[ $db == postgres ]]; then
    log=$PGDIR/log
    bench_sql postgres <<<"ALTER SYSTEM SET auto_explain.log_min_duration = 0; SELECT pg_reload_conf();"
    sleep 1
  fi
  for entry in "${LISTS[@]}"; do
    read -r name user path <<<"$entry"
    i=$((i + 1))
    for page in 1 150; do
      [[ $page == 150 && $path == /desk ]] && continue
      echo "=== PLAN $name page $page" >>"$log"
      curl -sf -o /dev/null -H "Authorization: Bearer ${tokens[$user]}" "$URL$(sed -n "${page}p" "$WORK/list$i.txt")"
      sleep 0.5 # the server's log is written asynchronously
    done
  done
  echo "=== PLAN end" >>"$log"
  [[ $db == postgres ]] && bench_sql postgres <<<"ALTER SYSTEM SET auto_explain.log_min_duration = -1; SELECT pg_reload_conf();"
  python3 bench/plans.py "$db" "$log" "$WORK/houqin.db" >"$WORK/plans.txt"
  echo "$db plans (in full: $WORK/plans.txt):"
  grep -E '^(===|  (SEARCH|SCAN|USE TEMP|.*Index|.*Sort|.*Seq Scan|.*Limit|.*Buffers))' "$WORK/plans.txt" | cut -c1-170 | head -200
}

bench_each_database lists "${1:-both}"
