#!/usr/bin/env bash
# Houqin's benchmarks. Prints a summary to paste into docs/performance.md. Machines here are shared and
# noisy: compare the ratios printed (against the no-op baseline measured in the same run), not the times.
#   bench/run.sh            HTTP load (wrk) against a local server on a fresh SQLite database
#   bench/run.sh --audit    also seal and verify 1,000,000 audit events (several minutes)
#   bench/run.sh --intake [sqlite|postgres|both]   creates/s against the no-op POST (bench/intake.sh)
#   bench/run.sh --lists [sqlite|postgres|both]    queue pages over 1,000,000 requests (bench/lists.sh)
#   bench/run.sh --sweeper [sqlite|postgres|both]  10,000 timers falling due at once among 1,000,000 (bench/sweeper.sh)
#   bench/run.sh --crash [sqlite|postgres|both]    kill -9 in 5,000-create bursts, 20 times (bench/crash.sh)
#   bench/run.sh --scorecards [sqlite|postgres|both]  a month's scorecards for 500 staff over 1,000,000 requests
#                                                  (bench/scorecards.sh)
# Traffic goes to 127.0.0.1 only; every loop is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
case ${1:-} in
  --intake) shift; exec bench/intake.sh "$@" ;;
  --lists) shift; exec bench/lists.sh "$@" ;;
  --sweeper) shift; exec bench/sweeper.sh "$@" ;;
  --crash) shift; exec bench/crash.sh "$@" ;;
  --scorecards) shift; exec bench/scorecards.sh "$@" ;;
esac
DURATION=${BENCH_SECONDS:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)" >&2; exit 2; }

dotnet build src/Houqin -c Release -nologo -clp:ErrorsOnly >/dev/null
WORK=$(mktemp -d /tmp/houqin-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__Houqin="Data Source=$WORK/houqin.db" Houqin__Audit__KeyPath="$WORK/audit.key" \
  Logging__LogLevel__Default=Warning \
  dotnet src/Houqin/bin/Release/net10.0/houqin.dll --urls "$URL" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.5; done

TOKEN=$(curl -sf -X POST "$URL/api/v1/auth/tokens" -H 'Content-Type: application/json' \
  -d '{"userName":"water1","password":"Houqin-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

run() { # name path [auth]
  local name=$1 path=$2 out
  local args=(-t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency)
  [[ ${3:-} == auth ]] && args+=(-H "Authorization: Bearer $TOKEN")
  out=$(wrk "${args[@]}" "$URL$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-28s %10s req/s  p50 %-9s p99 %-9s' "$name" "$rps" "$p50" "$p99"
  if [[ -n ${BASE:-} ]]; then python3 -c "print(f'  {float($rps)/float($BASE):.0%} of no-op')"; else echo "  (baseline)"; BASE=$rps; fi
}

echo "Houqin bench · $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · $(uname -r) · ${CONNECTIONS} connections × ${DURATION}s"
BASE=""
run "no-op (GET /healthz)" /healthz
run "GET /api/v1/me (bearer)" /api/v1/me auth
run "GET /api/v1/rooms?query=E-12" "/api/v1/rooms?query=E-12" auth
run "GET /api/v1/calendar (1 year)" "/api/v1/calendar?from=2026-01-01&to=2026-12-31" auth
run "GET /api/v1/audit/tree-head" /api/v1/audit/tree-head

if [[ ${1:-} == --audit ]]; then
  echo "audit: sealing and verifying 1,000,000 events (opt-in test)…"
  HOUQIN_AUDIT_MILLION=1 dotnet test --project tests/Houqin.Tests -c Release -- \
    --filter-class 'Houqin.Tests.Audit.MillionEventsTests' >/dev/null 2>&1 || true
  cat "${TMPDIR:-/tmp}/houqin-audit-million.txt" 2>/dev/null || echo "audit: no result file"
fi
