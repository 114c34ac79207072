#!/usr/bin/env bash
# Runs every test of Houqin on SQLite and on a throwaway PostgreSQL, with Debian's Chromium for the
# browser tests. Installs PostgreSQL, Chromium and a CJK font from Debian's packages when missing (as root;
# otherwise it says what to install). Exits non-zero on any failure.
#   ./test.sh                 everything
#   ./test.sh --sqlite-only   skip the PostgreSQL pass
#   extra arguments after -- go to the test runner (e.g. -- --filter-class 'Houqin.Tests.Audit.*')
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

sqlite_only=false
runner_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sqlite-only) sqlite_only=true; shift ;;
    --) shift; runner_args=("$@"); break ;;
    *) echo "test.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

# ---- what the tests need -------------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -n "$(pg_bin)" && -x "$(pg_bin)/initdb" ]] || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing+=(fonts-wqy-microhei)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "test.sh: installing ${missing[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
  else
    echo "test.sh: please install: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi
export HOUQIN_TEST_CHROMIUM=/usr/bin/chromium

# ---- build once ----------------------------------------------------------------------------
dotnet tool restore >/dev/null
dotnet build Houqin.slnx -c Release -nologo -clp:ErrorsOnly

# ---- a throwaway PostgreSQL on 127.0.0.1 -----------------------------------------------------
PGDIR=""
stop_pg() {
  if [[ -n "$PGDIR" && -f "$PGDIR/data/postmaster.pid" ]]; then
    run_as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$PGDIR" ]]; then rm -rf "$PGDIR"; fi
}
trap stop_pg EXIT
run_as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
start_pg() {
  PGDIR=$(mktemp -d /tmp/houqin-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres "$PGDIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_as_pg "$(pg_bin)/initdb" -D "$PGDIR/data" -U houqin --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_as_pg "$(pg_bin)/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-h 127.0.0.1 -p $port -k $PGDIR -c fsync=off -c max_connections=300" start >/dev/null
  export HOUQIN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=houqin;Database=postgres;Pooling=true;Maximum Pool Size=20"
}

# ---- run ----------------------------------------------------------------------------------
passed=0; failed=0; skipped=0; status=0
failures=$(mktemp)
run_pass() {
  local label=$1 log
  log=$(mktemp)
  echo "== tests on $label"
  set +e
  dotnet test --project tests/Houqin.Tests -c Release --no-build --minimum-expected-tests 1 \
    "${runner_args[@]}" 2>&1 | tee "$log" | grep -E "^\s*(failed|skipped) |(^|\s)error( CS| MSB|:)|total:|failed:|succeeded:|skipped:"
  local rc=${PIPESTATUS[0]}
  set -e
  local t f s
  t=$(grep -E "^\s*succeeded:" "$log" | tail -1 | grep -oE "[0-9]+" || echo 0)
  f=$(grep -E "^\s*failed:" "$log" | tail -1 | grep -oE "[0-9]+" || echo 0)
  s=$(grep -E "^\s*skipped:" "$log" | tail -1 | grep -oE "[0-9]+" || echo 0)
  passed=$((passed + t)); failed=$((failed + f)); skipped=$((skipped + s))
  if [[ $rc -ne 0 ]]; then status=1; fi
  # Each failure's name, message and the start of its stack, kept for the end of the output (CI shows the tail;
  # the app's own log lines would otherwise bury them).
  awk -v label="$label" '/^[[:space:]]*failed [A-Z]/ { n = 30; print "-- " label ":" } n > 0 { print; n-- }' "$log" >> "$failures"
  rm -f "$log"
}

unset HOUQIN_TEST_POSTGRES
run_pass SQLite
if [[ $sqlite_only == false ]]; then
  start_pg
  run_pass PostgreSQL
fi

if [[ -s "$failures" ]]; then
  echo "== failures"
  cat "$failures"
fi
rm -f "$failures"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
