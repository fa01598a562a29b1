#!/usr/bin/env bash
# Sets fal Files up from nothing on Debian 12: installs the packages in debian-packages.txt
# (apt, as root), configures and builds with CMake (Ninja and ccache when present), then
#   --run    starts the GUI on the built-in emulator (under Xvfb when there is no display)
#   --test   runs every test (ctest, offscreen), and exits with its status
#   --deb    builds the Debian package (cpack): build/fal-files_<version>_<arch>.deb and its
#            symbols, build/fal-files-dbgsym_<version>_<arch>.ddeb
#   (none)   only builds
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="${FAL_BUILD_DIR:-$root/build}"
mode="${1:-build}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# 1. Packages. Only what is missing is installed; --no-install-recommends keeps it small.
packages=$(sed -e 's/#.*//' "$here/debian-packages.txt" | xargs)
missing=()
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
    log "installing ${#missing[@]} Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Build. ccache's cache lives outside the clone, so a fresh clone in CI reuses it.
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_BASEDIR="$root" # paths relative to the clone: a fresh clone elsewhere still hits
jobs=$(nproc)
log "configuring in $build"
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
log "building with $jobs jobs"
cmake --build "$build" --parallel "$jobs"

case "$mode" in
--run)
    shift || true
    log "starting fal Files on the built-in emulator"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        log "no display: running under Xvfb"
        exec xvfb-run -a -s "-screen 0 1400x900x24" "$build/app/fal-files" --emulator "$@"
    fi
    exec "$build/app/fal-files" --emulator "$@"
    ;;
--test)
    log "running the tests"
    export QT_QPA_PLATFORM=offscreen
    export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
    chmod 0700 "$XDG_RUNTIME_DIR"
    cd "$build"
    exec ctest --output-on-failure --no-tests=error --parallel "$jobs" --timeout 600
    ;;
--deb)
    log "building the Debian package"
    cd "$build"
    cpack -G DEB
    log "$(ls "$build"/fal-files_*.deb)"
    ;;
build) ;;
*)
    echo "usage: $0 [--run | --test | --deb]" >&2
    exit 2
    ;;
esac
