#!/usr/bin/env bash
# deps.sh: install the Debian packages unhunch needs, and only those that are missing
# (john-data: its list of the most common passwords, which the clinic's accounts refuse).
# `deps.sh test` adds the private desktop the break coach's tests run on (Xvfb, a
# D-Bus daemon, dunst, xdotool) and what the web tests need (curl, Chromium, Node.js
# and, with npm ci, the browser-test packages pinned in package-lock.json), the German
# locale (de_DE.UTF-8) the suite also runs under, to prove files are written the same
# whatever the locale, and nss_wrapper (a stand-in password database, to test where the
# data lives without HOME), the time zones (tzdata) it runs in, and the PostgreSQL server
# the store conformance suite starts a throwaway cluster of, PyYAML for the check of
# full stops in the content files; `deps.sh bench` adds those
# and the programs the benchmarks compare against (nginx,
# wrk, Workrave, Safe Eyes).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libfyaml-dev libsqlite3-dev sqlite3 libpq-dev libjansson-dev
  libcmocka-dev clang libclang-rt-14-dev libmicrohttpd-dev
  lld-14 wasi-libc libclang-rt-14-dev-wasm32
  libespeak-ng-dev espeak-ng sox tmux
  libsystemd-dev python3-icalendar
  libx11-dev libxss-dev libxext-dev libwayland-dev libwayland-bin wayland-protocols
  libcairo2-dev librsvg2-dev libsodium-dev libqrencode-dev
  john-data
)
test_packages=(xvfb dunst dbus-daemon dbus-bin xdotool x11-utils x11-apps libxml2-utils poppler-utils
  curl chromium python3 python3-yaml iproute2 locales libnss-wrapper tzdata postgresql
  nginx-light)
# Node.js and npm from Debian unless the machine has them already (another build of
# Node.js brings its own npm, and Debian's npm package would conflict with it)
command -v node >/dev/null 2>&1 || test_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || test_packages+=(npm)
case "${1:-}" in
  test) packages+=("${test_packages[@]}") ;;
  bench) packages+=("${test_packages[@]}" workrave safeeyes wrk) ;;
  "") ;;
  *) echo "usage: deps.sh [test|bench]" >&2; exit 2 ;;
esac

# The browser tests' npm packages, exactly as package-lock.json pins them; npm ci runs
# again only when the lock file changed.
npm_packages() {
  local root stamp want
  root=$(cd "$(dirname "$0")/.." && pwd)
  stamp="$root/node_modules/.unhunch-lock"
  want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "deps: npm ci (package-lock.json)"
    (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) && echo "$want" > "$stamp"
  fi
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
fi

# The test locale, compiled into the system's locale archive when it is not there.
if [ "${1:-}" = test ] && ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  echo "deps: generating the de_DE.UTF-8 locale"
  $SUDO localedef -i de_DE -f UTF-8 de_DE.UTF-8
fi
[ -z "${1:-}" ] || npm_packages
