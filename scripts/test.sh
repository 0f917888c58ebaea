#!/usr/bin/env bash
# The README's test command, and the only thing .ci/run calls. It brings what a fresh Debian machine
# lacks (Chromium for Playwright, LibreOffice Calc for the workbook recalculation, PostgreSQL 15), runs
# `npm ci`, starts a throwaway PostgreSQL cluster on a free loopback port, runs every suite
# (`npm run validate`) and stops the cluster again, leaving nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
CHROMIUM=${CHROMIUM_PATH:-/usr/lib/chromium/chromium}

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
[ -x "$PGBIN/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
  else
    echo "This machine lacks: ${missing[*]}." >&2
    echo "Install them, then run this command again:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} (Debian packages)…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci

# A throwaway PostgreSQL cluster: its own folder, a free port on 127.0.0.1, stopped and removed on exit.
PGTMP=$(mktemp -d -t susi-pg-XXXXXX)
PGPORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
cleanup() {
  as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' stop -m fast" >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGTMP"; fi
as_pg "'$PGBIN/initdb' -D '$PGTMP/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -w -o \"-p $PGPORT -k '$PGTMP' -c listen_addresses=127.0.0.1 -c max_connections=200\" -l '$PGTMP/pg.log' start" >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "PostgreSQL for the tests: $TEST_DATABASE_URL"

npm run validate
