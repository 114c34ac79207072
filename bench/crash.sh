#!/usr/bin/env bash
# Crash test (issue 3, QUALITY.md "durability"): ROUNDS (BENCH_ROUNDS, 20) bursts of BURST (BENCH_BURST, 5,000)
# creates by 16 clients on one database; in each, the client kills the server (kill -9) once a random 20–80% of
# the burst has been acknowledged (it counts the 201s; bench/crash.py). Then, per round:
#   - restart, and the time from the start to /readyz 200 (must be ≤ 10 s);
#   - every request answered 201 is there, and retrying every call with its Idempotency-Key creates no duplicate;
#   - the server is stopped and the database checked: SQLite PRAGMA integrity_check + foreign_key_check,
#     PostgreSQL pg_amcheck (heap and every B-tree index, with --heapallindexed);
#   - the audit log verifies (`houqin audit verify`: seals what is committed, recomputes the whole tree).
# Finally no description (unique per key) occurs twice. Prints a table to paste into docs/performance.md.
#   bench/crash.sh [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
ROUNDS=${BENCH_ROUNDS:-20}
BURST=${BENCH_BURST:-5000}
BENCH_ENV=(Houqin__RateLimits__IntakePerUserPerMinute=10000000 Houqin__RateLimits__IntakePerStaffPerMinute=10000000 Houqin__RateLimits__IntakePerIpPerMinute=10000000) # measure durability, not the limits
trap bench_cleanup EXIT
[[ ${NO_BUILD:-0} == 1 ]] || bench_build

integrity() { # database → "ok" or the problems (the server is stopped)
  if [[ $1 == sqlite ]]; then
    python3 bench/crash.py integrity-sqlite "$WORK/houqin.db" 2>&1
  else
    "$(pg_bin)/pg_amcheck" -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres --install-missing --heapallindexed 2>&1 &&
      echo "ok (pg_amcheck)"
  fi
}

one() { # database
  local db=$1 failed=0 round summary out
  [[ $db == postgres ]] && bench_start_pg
  WORK=$(mktemp -d /tmp/houqin-crash.XXXXXX)
  PORT=$(free_port)
  bench_start_server "$db" "$WORK"
  bench_setup_file "$WORK/setup.txt"
  echo "Houqin crash test · $(date -u +%Y-%m-%dT%H:%MZ) · $db · $ROUNDS rounds of $BURST creates · load $(cut -d' ' -f1-3 /proc/loadavg)"
  for round in $(seq 1 "$ROUNDS"); do
    if ! python3 bench/crash.py burst "$URL" "$WORK/setup.txt" "$WORK/round$round.jsonl" "$round" "$BURST" "$SERVER" 2>>"$WORK/bursts.log"; then
      echo "round $round: the burst ended before the kill" >&2
      failed=1
      kill -9 "$SERVER" 2>/dev/null || true
    fi
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
    BENCH_READY_PATH=/readyz bench_start_server "$db" "$WORK"
    summary="$WORK/round$round.jsonl.summary.json"
    printf 'round %2d: ready %4s s after restart (%s s CPU) · ' "$round" "$READY_SECONDS" "$READY_CPU"
    python3 bench/crash.py verify "$URL" "$WORK/setup.txt" "$WORK/round$round.jsonl" || failed=1
    python3 bench/crash.py note "$summary" ready "$READY_SECONDS"
    python3 bench/crash.py note "$summary" ready_cpu "$READY_CPU"
    awk -v s="$READY_SECONDS" 'BEGIN { exit !(s > 10) }' && { echo "  ready took more than 10 s"; failed=1; }
    bench_stop_server
    out=$(integrity "$db") && python3 bench/crash.py note "$summary" integrity ok ||
      { python3 bench/crash.py note "$summary" integrity FAILED; failed=1; }
    echo "  integrity: $out" | head -5
    if out=$(bench_houqin "$db" audit verify 2>&1); then
      python3 bench/crash.py note "$summary" audit ok
      echo "  audit verify: $(grep -v '^public key' <<<"$out" | tr '\n' ' ' | cut -c1-160)"
    else
      python3 bench/crash.py note "$summary" audit FAILED
      failed=1
      echo "  audit verify FAILED:"
      tail -5 <<<"$out"
    fi
    ((round < ROUNDS)) && bench_start_server "$db" "$WORK"
  done
  local twice
  twice=$(bench_query "$db" "SELECT count(*) FROM (SELECT \"Description\" FROM service_requests WHERE \"Description\" LIKE 'crash %' GROUP BY \"Description\" HAVING count(*) > 1) d")
  echo "descriptions created twice: $twice"
  python3 bench/crash.py report $(for r in $(seq 1 "$ROUNDS"); do echo "$WORK/round$r.jsonl.summary.json"; done)
  [[ $twice == 0 && $failed == 0 ]] && echo "crash test ($db): passed" || { echo "crash test ($db): FAILED"; CRASH_FAILED=1; }
  KEEP_WORK=${KEEP_WORK:-0} bench_done_with "$db"
}

CRASH_FAILED=0
case ${1:-sqlite} in
  sqlite | postgres) one "$1" ;;
  both) one sqlite; one postgres ;;
  *) echo "usage: bench/crash.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
exit "$CRASH_FAILED"
