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
# The create path's code is still being re-compiled by tiered JIT for its first ≈ 40 s under load (a perf profile
# showed the JIT's thread at 16% of the CPU 20 s in), so it is warmed longer than the no-op's few methods.
WARMUP=${BENCH_WARMUP:-30}
# Intake is bound by CPU per create; req/s swings with a shared machine's load, CPU per call much less.
BENCH_ENV=(Houqin__RateLimits__IntakePerUserPerMinute=10000000 Houqin__RateLimits__IntakePerStaffPerMinute=10000000 Houqin__RateLimits__IntakePerIpPerMinute=10000000)
bench_begin

# cpu_ticks server|pg: clock ticks used so far by the server, or by the postmaster and its backends.
cpu_ticks() {
  local pids=()
  if [[ $1 == server ]]; then
    pids=("$SERVER")
  elif [[ -n $PGDIR && -f $PGDIR/data/postmaster.pid ]]; then
    local pm
    pm=$(head -1 "$PGDIR/data/postmaster.pid")
    pids=("$pm" $(ps -o pid= --ppid "$pm"))
  fi
  local total=0 pid
  for pid in ${pids[@]+"${pids[@]}"}; do
    [[ -r /proc/$pid/stat ]] || continue
    # utime stime cutime cstime are fields 14-17; the command name (field 2) may hold spaces, so cut after ")".
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13 + $14 + $15}')))
  done
  echo "$total"
}
cpu_mark() { echo "$(cpu_ticks server) $(cpu_ticks pg)"; }
# cpu_per "MARK" COUNT: milliseconds of CPU per call since MARK, "server pg".
cpu_per() {
  local now
  now=$(cpu_mark)
  python3 -c "
b, n, c, hz = '$1'.split(), '$now'.split(), max($2, 1), $(getconf CLK_TCK)
print(' '.join(f'{(int(y) - int(x)) * 1000 / hz / c:.2f}' for x, y in zip(b, n)))"
}

one() { # database
  local db=$1
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  bench_setup_file "$WORK/setup.txt"
  # Warm up both paths (JIT, pools, caches) before measuring.
  bench_wrk warmup 5 -s bench/post.lua "$URL" -- "$WORK/setup.txt" ping
  bench_wrk warmup "$WARMUP" -s bench/post.lua "$URL" -- "$WORK/setup.txt" intake
  local t0 ping_cpu intake_cpu
  t0=$(cpu_mark)
  bench_wrk ping "$SECONDS_RUN" -s bench/post.lua "$URL" -- "$WORK/setup.txt" ping
  ping_cpu=($(cpu_per "$t0" "$(python3 -c "print(round($R_RPS * $SECONDS_RUN))")"))
  local ping_rps=$R_RPS ping_p50=$R_P50 ping_p99=$R_P99
  t0=$(cpu_mark)
  bench_wrk intake "$SECONDS_RUN" -s bench/post.lua "$URL" -- "$WORK/setup.txt" intake
  intake_cpu=($(cpu_per "$t0" "$R_COUNT"))
  printf '%-9s no-op POST /api/v1/ping  %9s req/s  p50 %6s ms  p99 %6s ms\n' "$db" "$ping_rps" "$ping_p50" "$ping_p99"
  printf '%-9s intake                   %9s creates/s  p50 %6s ms  p99 %6s ms  %s of no-op  (%s other 2xx, %s failed)\n' \
    "$db" "$R_CREATED" "$R_P50" "$R_P99" "$(python3 -c "print(f'{$R_CREATED/$ping_rps:.0%}')")" "$R_OK" "$R_FAIL"
  # CPU a call: the server's, then PostgreSQL's (0 on SQLite, whose work is in the server's process).
  printf '%-9s CPU a call, server + database: no-op %s + %s ms, create %s + %s ms (%s× the no-op)\n' "$db" \
    "${ping_cpu[0]}" "${ping_cpu[1]}" "${intake_cpu[0]}" "${intake_cpu[1]}" \
    "$(python3 -c "print(f'{($intake_cpu + ${intake_cpu[1]}) / max($ping_cpu + ${ping_cpu[1]}, 0.001):.1f}')")"
  bench_done_with "$db"
}

bench_each_database intake "${1:-both}"
