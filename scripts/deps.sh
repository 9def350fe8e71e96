#!/usr/bin/env bash
# deps.sh: install the Debian packages unhunch needs, and only those that are missing.
# `deps.sh test` adds the private desktop the break coach's tests run on (Xvfb, a
# D-Bus daemon, dunst, xdotool); `deps.sh bench` adds that and the programs the
# benchmarks compare against.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libfyaml-dev libsqlite3-dev sqlite3 libjansson-dev
  libcmocka-dev clang libclang-rt-14-dev
  libespeak-ng-dev espeak-ng sox tmux
  libsystemd-dev python3-icalendar
  libx11-dev libxss-dev libxext-dev libwayland-dev libwayland-bin wayland-protocols
  libcairo2-dev librsvg2-dev
)
case "${1:-}" in
  test) packages+=(xvfb dunst dbus-daemon dbus-bin xdotool x11-utils x11-apps libxml2-utils poppler-utils) ;;
  bench) packages+=(xvfb dunst dbus-daemon dbus-bin xdotool x11-utils x11-apps workrave safeeyes) ;;
  "") ;;
  *) echo "usage: deps.sh [test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
