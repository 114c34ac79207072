#!/usr/bin/env bash
# Sweeper benchmark (issue 3): 1,000,000 open requests inserted by SQL, each with its pending acknowledge timer
# (due weeks ahead), on a server running the real clock and the background sweeper at its default interval.
#  1. Idle: the sweeps' own durations (the sweeper's debug log line) while nothing is due. Aim: < 5 ms.
#  2. Due: 10,000 of the timers are moved to one instant two seconds ahead; from that instant, the time until
#     all 10,000 requests are escalated (their timers fired, in the same transactions). Aim: < 10 s.
#   bench/sweeper.sh [sqlite|postgres|both]    BENCH_ROWS (default 1000000), BENCH_DUE (default 10000),
#                                              BENCH_IDLE_SECONDS (default 30), BENCH_TIMEOUT (default 300),
#                                              BENCH_WARMUP (timers fired before the storm, default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
ROWS=${BENCH_ROWS:-1000000}
DUE=${BENCH_DUE:-10000}
IDLE=${BENCH_IDLE_SECONDS:-30}
TIMEOUT=${BENCH_TIMEOUT:-300}
WARM=${BENCH_WARMUP:-1000}
SECONDS_RUN=$IDLE
CONNECTIONS=0
BENCH_ENV=(Logging__LogLevel__Houqin.Infrastructure.Deadlines=Debug)
bench_begin

# Every request's acknowledge timer, due weeks ahead (a minute apart, so the pending index is realistic); the
# DUE requests that will fall due together are listed in bench_due(RequestId, DeadlineId).
fill_timers() { # database
  local every=$((ROWS / DUE))
  if [[ $1 == sqlite ]]; then
    bench_sql sqlite <<SQL
PRAGMA synchronous=OFF;
INSERT INTO deadlines (Id, Kind, SubjectId, Due, NextAttemptAt, CreatedAt, Attempts)
SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       'service_request.acknowledge', r.Id, strftime('%Y-%m-%d %H:%M:%f', 'now', '+30 days', '+' || r.Sequence || ' minutes'),
       strftime('%Y-%m-%d %H:%M:%f', 'now', '+30 days', '+' || r.Sequence || ' minutes'), strftime('%Y-%m-%d %H:%M:%f', 'now'), 0
FROM service_requests r WHERE r.Year = 2025;
CREATE TABLE bench_due AS
  SELECT r.Id AS RequestId, d.Id AS DeadlineId FROM service_requests r
  JOIN deadlines d ON d.SubjectId = r.Id AND d.Kind = 'service_request.acknowledge'
  WHERE r.Year = 2025 AND r.Sequence % $every = 0;
CREATE UNIQUE INDEX bench_due_request ON bench_due (RequestId);
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  else
    bench_sql postgres <<SQL
INSERT INTO deadlines ("Id", "Kind", "SubjectId", "Due", "NextAttemptAt", "CreatedAt", "Attempts")
SELECT gen_random_uuid(), 'service_request.acknowledge', r."Id", now() + interval '30 days' + r."Sequence" * interval '1 minute',
       now() + interval '30 days' + r."Sequence" * interval '1 minute', now(), 0
FROM service_requests r WHERE r."Year" = 2025;
CREATE TABLE bench_due AS
  SELECT r."Id" AS "RequestId", d."Id" AS "DeadlineId" FROM service_requests r
  JOIN deadlines d ON d."SubjectId" = r."Id" AND d."Kind" = 'service_request.acknowledge'
  WHERE r."Year" = 2025 AND r."Sequence" % $every = 0;
CREATE UNIQUE INDEX bench_due_request ON bench_due ("RequestId");
VACUUM ANALYZE deadlines;
VACUUM ANALYZE service_requests;
SQL
  fi
}

query() { # database sql → one value
  if [[ $1 == sqlite ]]; then
    sqlite3 -cmd '.timeout 5000' "$WORK/houqin.db" "$2"
  else
    "$(pg_bin)/psql" -tA -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres -c "$2"
  fi
}

# The sweeper's "Deadline sweep: F fired, X failed in M ms" lines written after byte OFFSET of the log.
sweeps_since() { # offset
  tail -c +"$(($1 + 1))" "$WORK/server.log" | grep -o 'Deadline sweep: [0-9]* fired, [0-9]* failed[^"]* in [0-9.]* ms' || true
}

now_ms() { date +%s%3N; }

# The server's own CPU time so far (user + system), in ms: the storm's cost per firing whatever else runs beside it.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$SERVER/stat"; }

one() { # database
  local db=$1 token q
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  token=$(bench_token water1)
  curl -sf -X POST "$URL/api/v1/service-requests" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"categoryCode":"water-leak","roomCode":"E-01-101","description":"模板：卫生间水管漏水"}' >/dev/null
  local t0=$SECONDS
  bench_fill_requests "$db"
  fill_timers "$db"
  if [[ $db == sqlite ]]; then q=""; else q='"'; fi
  echo "$db: $ROWS requests and $(query "$db" "SELECT count(*) FROM deadlines WHERE ${q}FiredAt${q} IS NULL AND ${q}CancelledAt${q} IS NULL") pending timers inserted in $((SECONDS - t0)) s"

  # 1. Idle sweeps over the backlog.
  local offset
  sleep 6 # one sweep after the insert, so the idle figures do not include a cold cache
  offset=$(stat -c %s "$WORK/server.log")
  sleep "$IDLE"
  sweeps_since "$offset" | awk '{ print $(NF - 1) }' | sort -n | awk -v db="$db" '
    { ms[NR] = $1 }
    END {
      if (NR == 0) { print db ": no sweep logged while idle"; exit }
      printf "%-9s idle sweep over the backlog: %d sweeps, median %.2f ms, max %.2f ms (aim < 5 ms)\n", db, NR, ms[int((NR + 1) / 2)], ms[NR]
    }'

  # A server that has run for a while has its hot paths compiled: WARM other timers fire first (not measured), so
  # the storm's CPU is the firings' own and not the JIT's (the first few hundred firings cost several times more).
  if ((WARM > 0)); then
    local warm_set t_warm=$SECONDS n=0
    warm_set="SELECT d.${q}Id${q} FROM deadlines d JOIN service_requests r ON r.${q}Id${q} = d.${q}SubjectId${q}
      WHERE r.${q}Year${q} = 2025 AND r.${q}Sequence${q} % $((ROWS / DUE)) = 1 AND r.${q}EscalationLevel${q} = 0
        AND d.${q}FiredAt${q} IS NULL AND d.${q}CancelledAt${q} IS NULL ORDER BY r.${q}Sequence${q} LIMIT $WARM"
    query "$db" "CREATE TABLE bench_warm AS $warm_set" >/dev/null
    query "$db" "UPDATE deadlines SET ${q}Due${q} = ${q}CreatedAt${q}, ${q}NextAttemptAt${q} = ${q}CreatedAt${q} WHERE ${q}Id${q} IN (SELECT ${q}Id${q} FROM bench_warm)" >/dev/null
    while ((SECONDS - t_warm < TIMEOUT)); do
      n=$(query "$db" "SELECT count(*) FROM deadlines d JOIN bench_warm w ON w.${q}Id${q} = d.${q}Id${q} WHERE d.${q}FiredAt${q} IS NOT NULL")
      ((n >= WARM)) && break
      sleep 1
    done
    echo "$db: warm-up: $n timers fired in $((SECONDS - t_warm)) s"
  fi

  # 2. DUE timers fall due at one instant, two seconds from now.
  local due_epoch due_text
  due_epoch=$(($(date +%s) + 2))
  due_text=$(date -u -d "@$due_epoch" '+%Y-%m-%d %H:%M:%S')
  offset=$(stat -c %s "$WORK/server.log")
  if [[ $db == sqlite ]]; then
    query sqlite "UPDATE deadlines SET Due = '$due_text', NextAttemptAt = '$due_text' WHERE Id IN (SELECT DeadlineId FROM bench_due)" >/dev/null
  else
    query postgres "UPDATE deadlines SET \"Due\" = '$due_text+00', \"NextAttemptAt\" = '$due_text+00' WHERE \"Id\" IN (SELECT \"DeadlineId\" FROM bench_due)" >/dev/null
  fi
  local escalated=0 first="" done_ms="" now cpu0
  cpu0=$(cpu_ms)
  while :; do
    escalated=$(query "$db" "SELECT count(*) FROM bench_due b JOIN service_requests r ON r.${q}Id${q} = b.${q}RequestId${q} WHERE r.${q}EscalationLevel${q} >= 1")
    now=$(now_ms)
    [[ -z $first && $escalated -gt 0 ]] && first=$((now - due_epoch * 1000))
    if [[ $escalated -ge $DUE ]]; then done_ms=$((now - due_epoch * 1000)); break; fi
    if ((now - due_epoch * 1000 > TIMEOUT * 1000)); then break; fi
    sleep 0.2
  done
  local fired sweeps cpu
  cpu=$(($(cpu_ms) - cpu0))
  fired=$(query "$db" "SELECT count(*) FROM bench_due b JOIN deadlines d ON d.${q}Id${q} = b.${q}DeadlineId${q} WHERE d.${q}FiredAt${q} IS NOT NULL AND d.${q}Attempts${q} = 1")
  sweeps=$(sweeps_since "$offset" | awk '$3 + 0 > 0 { n++; f += $3; ms += $(NF - 1) } END { printf "%d sweeps fired %d in %.0f ms of sweeping", n, f, ms }')
  if [[ -n $done_ms ]]; then
    printf '%-9s %d due at once: all escalated %.1f s after falling due (first after %.1f s; %s) (aim < 10 s)\n' \
      "$db" "$DUE" "$(bc -l <<<"$done_ms / 1000")" "$(bc -l <<<"$first / 1000")" "$sweeps"
  else
    printf '%-9s %d due at once: only %d escalated after %d s (%s)\n' "$db" "$DUE" "$escalated" "$TIMEOUT" "$sweeps"
  fi
  printf '%-9s server CPU during the storm: %d ms, %.2f ms per firing; load %s\n' "$db" "$cpu" \
    "$(awk -v c="$cpu" -v n="$escalated" 'BEGIN { printf "%.2f", c / (n > 0 ? n : 1) }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$db: $fired of the $DUE timers fired once; $(query "$db" "SELECT count(*) FROM audit_events WHERE ${q}Action${q} = 'service_request.escalated'") escalation events"
  bench_done_with "$db"
}

bench_each_database sweeper "${1:-both}"
