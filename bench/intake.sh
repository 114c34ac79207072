#!/usr/bin/env bash
# Intake benchmark (issue 3): 32 clients creating service requests for BENCH_SECONDS (60) on SQLite and on a
# throwaway PostgreSQL, against the no-op authenticated POST /api/v1/ping on the same server in the same run.
# Aim: ≥ 1,000 creates/s, p99 < 100 ms, ≥ 25% of the no-op rate.
#   bench/intake.sh [sqlite|postgres|both]      BENCH_SECONDS=10 for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
SECONDS_RUN=${BENCH_SECONDS:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WARMUP=${BENCH_WARMUP:-5}
bench_begin

one() { # database
  local db=$1
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  bench_setup_file "$WORK/setup.txt"
  # Warm up both paths (JIT, pools, caches) before measuring.
  bench_wrk warmup "$WARMUP" -s bench/post.lua "$URL" -- "$WORK/setup.txt" ping
  bench_wrk warmup "$WARMUP" -s bench/post.lua "$URL" -- "$WORK/setup.txt" intake
  bench_wrk ping "$SECONDS_RUN" -s bench/post.lua "$URL" -- "$WORK/setup.txt" ping
  local ping_rps=$R_RPS ping_p50=$R_P50 ping_p99=$R_P99
  bench_wrk intake "$SECONDS_RUN" -s bench/post.lua "$URL" -- "$WORK/setup.txt" intake
  printf '%-9s no-op POST /api/v1/ping  %9s req/s  p50 %6s ms  p99 %6s ms\n' "$db" "$ping_rps" "$ping_p50" "$ping_p99"
  printf '%-9s intake                   %9s creates/s  p50 %6s ms  p99 %6s ms  %s of no-op  (%s other 2xx, %s failed)\n' \
    "$db" "$R_CREATED" "$R_P50" "$R_P99" "$(python3 -c "print(f'{$R_CREATED/$ping_rps:.0%}')")" "$R_OK" "$R_FAIL"
  bench_done_with "$db"
}

bench_each_database intake "${1:-both}"
