#!/usr/bin/env bash
# Crash test (issue 3): kill -9 of the server in the middle of an intake burst, ROUNDS (10) times, on one
# database. After each restart every request answered 201 is there, and retrying every call with its
# Idempotency-Key creates no duplicate (bench/crash.py). Finally no description (unique per key) occurs twice.
#   bench/crash.sh [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
ROUNDS=${BENCH_ROUNDS:-10}
DB=${1:-sqlite}
BENCH_ENV=(Houqin__RateLimits__IntakePerUserPerMinute=10000000 Houqin__RateLimits__IntakePerStaffPerMinute=10000000 Houqin__RateLimits__IntakePerIpPerMinute=10000000) # measure durability, not the limits
trap bench_cleanup EXIT
[[ ${NO_BUILD:-0} == 1 ]] || bench_build
[[ $DB == postgres ]] && bench_start_pg
WORK=$(mktemp -d /tmp/houqin-crash.XXXXXX)
PORT=$(free_port)
bench_start_server "$DB" "$WORK"
bench_setup_file "$WORK/setup.txt"
echo "Houqin crash test · $(date -u +%Y-%m-%dT%H:%MZ) · $DB · $ROUNDS rounds · load $(cut -d' ' -f1-3 /proc/loadavg)"
failed=0
for round in $(seq 1 "$ROUNDS"); do
  python3 bench/crash.py burst "$URL" "$WORK/setup.txt" "$WORK/round$round.jsonl" "$round" &
  BURST=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 4), 1))')"
  kill -9 "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  wait "$BURST"
  bench_start_server "$DB" "$WORK"
  printf 'round %2d: ' "$round"
  python3 bench/crash.py verify "$URL" "$WORK/setup.txt" "$WORK/round$round.jsonl" || failed=1
done
if [[ $DB == sqlite ]]; then
  twice=$(sqlite3 "$WORK/houqin.db" "SELECT count(*) FROM (SELECT Description FROM service_requests WHERE Description LIKE 'crash %' GROUP BY Description HAVING count(*) > 1)")
else
  twice=$("$(pg_bin)/psql" -tA -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres -c "SELECT count(*) FROM (SELECT \"Description\" FROM service_requests WHERE \"Description\" LIKE 'crash %' GROUP BY \"Description\" HAVING count(*) > 1) d")
fi
echo "descriptions created twice: $twice"
[[ $twice == 0 && $failed == 0 ]] && echo "crash test: passed" || { echo "crash test: FAILED"; exit 1; }
