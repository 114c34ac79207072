#!/usr/bin/env bash
# Lists benchmark (issue 3): a staff member's queue pages over 1,000,000 requests inserted by SQL, newest first
# and deeper pages by keyset cursor, for water1 (scope=handling: 1 in 8 requests; scope=team: the water team's).
# Aim: p95 < 50 ms. The aim is a page's latency, not a load test: two clients (one per core) by default.
#   bench/lists.sh [sqlite|postgres|both]      BENCH_SECONDS (default 20), BENCH_ROWS (default 1000000),
#                                              BENCH_CONNECTIONS (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
SECONDS_RUN=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-2}
ROWS=${BENCH_ROWS:-1000000}
bench_begin

one() { # database
  local db=$1 token
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  token=$(bench_token water1)
  curl -sf -X POST "$URL/api/v1/service-requests" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"categoryCode":"water-leak","roomCode":"E-01-101","description":"模板：卫生间水管漏水"}' >/dev/null
  local t0=$SECONDS
  bench_fill_requests "$db" "Status=CASE WHEN s.n % 2 = 0 THEN 'Acknowledged' ELSE t.{Status} END"
  echo "$db: $ROWS requests inserted in $((SECONDS - t0)) s"
  # Page 1, then cursors spread through the year (the cursor is base64url of "year:sequence").
  python3 - "$ROWS" >"$WORK/handling.txt" <<'PY'
import base64, sys
rows = int(sys.argv[1])
print("/api/v1/service-requests?scope=handling")
for i in range(1, 200):
    c = base64.urlsafe_b64encode(f"2025:{rows * i // 200}".encode()).decode().rstrip("=")
    print(f"/api/v1/service-requests?scope=handling&cursor={c}")
PY
  sed 's/scope=handling/scope=team/' "$WORK/handling.txt" >"$WORK/team.txt"
  curl -sf -H "Authorization: Bearer $token" "$URL$(sed -n 2p "$WORK/team.txt")" | python3 -c '
import json, sys
page = json.load(sys.stdin)
assert len(page["items"]) == 20 and page["nextCursor"], "a team page should be full"'
  local scope
  for scope in handling team; do
    bench_wrk warmup 3 -s bench/get.lua "$URL" -- "$WORK/$scope.txt" "$token"
    bench_wrk "$scope" "$SECONDS_RUN" -s bench/get.lua "$URL" -- "$WORK/$scope.txt" "$token"
    printf '%-9s GET ?scope=%-9s %8s req/s  p50 %6s ms  p95 %6s ms  p99 %6s ms  (%s not 200)\n' \
      "$db" "$scope" "$R_RPS" "$R_P50" "$R_P95" "$R_P99" "$R_FAIL"
  done
  bench_done_with "$db"
}

bench_each_database lists "${1:-both}"
