#!/usr/bin/env bash
# Real-browser tests of the study pages: headless Chromium (Debian's package) driven by
# playwright-core, against the server binary that `cargo test` built.
#   FACTCARDS_BIN  the server binary (default target/debug/factcards; a relative path is taken
#                  from the repo root)
#   CHROMIUM       the browser (default /usr/bin/chromium)
# Exits non-zero when a test fails; node:test prints its summary last.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bin="${FACTCARDS_BIN:-target/debug/factcards}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "run.sh: no server binary at $bin; build it first (cargo build, or cargo test)" >&2
  exit 1
fi

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ "$CHROMIUM" = /usr/bin/chromium ] && [ ! -x /usr/bin/chromium ]; then
  echo "run.sh: installing Debian's chromium" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
fi

[ -x "$CHROMIUM" ] || { echo "run.sh: no browser at $CHROMIUM" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: node (20 or later) is needed" >&2; exit 1; }

cd "$here"
# playwright-core ships no browser and downloads none; the variable only makes sure of it.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

export FACTCARDS_BIN="$bin"
shopt -s nullglob
tests=(./*.test.mjs)
if [ ${#tests[@]} -eq 0 ]; then
  echo "run.sh: no *.test.mjs in $here" >&2
  exit 1
fi
exec node --test "${tests[@]}"
