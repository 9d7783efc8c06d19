#!/usr/bin/env bash
# Brings a fresh machine to the point where `npm start` and `npm test` run:
# Node.js 20+, a Java 17+ JDK and Maven (build and run the engine in engine/),
# Chromium (browser tests) and the npm packages. Installs what it can (Debian,
# as root) and says plainly what it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] FOUT: %s\n' "$*" >&2; exit 1; }

if ! command -v node >/dev/null 2>&1; then
  fail "Node.js 20 or newer is needed (https://nodejs.org); it is not installed."
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is needed; this is $(node --version)."

missing=()
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${DOORZET_SKIP_BROWSER:-}" != 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} (Debian packages) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    fail "missing: ${missing[*]}. Install them (e.g. sudo apt-get install -y ${missing[*]}) and run this again."
  fi
fi

# The engine needs a Java 17+ JDK (javac too: Maven builds it); `npm start` looks in JAVA_HOME and
# /usr/lib/jvm and explains what it found. Check here too, and install Debian's JDK 17 as root.
java_ok() {
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    [ -n "$v" ] && [ "$v" -ge 17 ] && return 0
  done
  return 1
}
if ! java_ok; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing a JDK (Debian package openjdk-17-jdk-headless) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
  fi
  java_ok || fail "no Java 17+ JDK found (JAVA_HOME or /usr/lib/jvm). Install one (e.g. apt-get install -y openjdk-17-jdk-headless) and set JAVA_HOME."
fi

# Reinstall the npm packages only when the lockfile changed since the last install.
stamp=node_modules/.doorzet-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing npm packages (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
say "ready"
