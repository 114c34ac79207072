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

# One real request made through the API is the template; the million are copies of it with new ids and numbers
# in 2025, spread over eight staff as handlers (and their teams), every other one acknowledged.
fill() { # database
  local staff="'water1','water2','repair1','repair2','property1','leader-water','leader-repair','leader-property'"
  if [[ $1 == sqlite ]]; then
    sqlite3 "$WORK/houqin.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
CREATE TEMP TABLE h AS
  SELECT row_number() OVER (ORDER BY u.UserName) - 1 AS k, u.Id AS UserId,
         COALESCE((SELECT p.TeamId FROM post_assignments a JOIN posts p ON p.Id = a.PostId WHERE a.UserId = u.Id LIMIT 1),
                  (SELECT t.Id FROM teams t WHERE t.LeaderId = u.Id LIMIT 1)) AS TeamId
  FROM AspNetUsers u WHERE u.UserName IN ($staff);
$(fill_sql sqlite)
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  else
    "$(pg_bin)/psql" -q -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres <<SQL
CREATE TEMP TABLE h AS
  SELECT (row_number() OVER (ORDER BY u."UserName")) - 1 AS k, u."Id" AS "UserId",
         COALESCE((SELECT p."TeamId" FROM post_assignments a JOIN posts p ON p."Id" = a."PostId" WHERE a."UserId" = u."Id" LIMIT 1),
                  (SELECT t."Id" FROM teams t WHERE t."LeaderId" = u."Id" LIMIT 1)) AS "TeamId"
  FROM "AspNetUsers" u WHERE u."UserName" IN ($staff);
$(fill_sql postgres)
VACUUM ANALYZE service_requests;
SQL
  fi
}

# The INSERT that copies one template request ROWS times, spread over eight staff, with every column of the
# table as it is now (columns are read from the database, so a new column never breaks the benchmark).
fill_sql() { # sqlite|postgres
  local cols
  if [[ $1 == sqlite ]]; then
    cols=$(sqlite3 "$WORK/houqin.db" "SELECT group_concat(name, ' ') FROM pragma_table_info('service_requests')")
  else
    cols=$("$(pg_bin)/psql" -tA -h 127.0.0.1 -p "$PGPORT" -U houqin -d postgres -c \
      "SELECT string_agg(column_name, ' ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'service_requests'")
  fi
  python3 - "$1" "$ROWS" $cols <<'PY'
import sys
db, rows, cols = sys.argv[1], sys.argv[2], sys.argv[3:]
q = (lambda c: c) if db == "sqlite" else (lambda c: '"' + c + '"')
new_id = ("upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))"
          if db == "sqlite" else "gen_random_uuid()")
number = "printf('HQ-2025-%07d', s.n)" if db == "sqlite" else "'HQ-2025-' || lpad(s.n::text, 7, '0')"
over = {
    "Id": new_id, "Year": "2025", "Sequence": "s.n", "Key": "2025 * 10000000 + s.n", "Number": number,
    "TeamId": 'h.' + q("TeamId"), "HandlerId": 'h.' + q("UserId"), "FirstContactOwnerId": 'h.' + q("UserId"),
    "Description": 't.' + q("Description") + " || ' #' || s.n",
    "Status": "CASE WHEN s.n % 2 = 0 THEN 'Acknowledged' ELSE t." + q("Status") + " END",
}
series = ("(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < %s) SELECT n FROM c) s" % rows
          if db == "sqlite" else "generate_series(1, %s) s(n)" % rows)
print("INSERT INTO service_requests (%s)" % ", ".join(q(c) for c in cols))
print("SELECT %s" % ", ".join(over.get(c, "t." + q(c)) for c in cols))
print("FROM %s JOIN h ON h.k = s.n %% 8" % series)
print("CROSS JOIN (SELECT * FROM service_requests WHERE %s <> 2025 LIMIT 1) t;" % q("Year"))
PY
}

one() { # database
  local db=$1 token
  [[ $db == postgres ]] && bench_start_pg
  bench_start_server "$db"
  token=$(bench_token water1)
  curl -sf -X POST "$URL/api/v1/service-requests" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"categoryCode":"water-leak","roomCode":"E-01-101","description":"模板：卫生间水管漏水"}' >/dev/null
  local t0=$SECONDS
  fill "$db"
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
