#!/usr/bin/env bash
# The Debian package as a user gets it, extracted into a temporary folder (dpkg-deb -x; nothing
# is installed on this machine):
#   check_deb.sh PACKAGE_DIR VERSION
# size under 10 MB, Depends computed by dpkg-shlibdeps plus the run-time pieces, every file in
# its place (man pages, completion, icons, desktop entry, AppStream, copyright, changelog),
# binaries stripped with their symbols in the -dbgsym package, and the programs running from
# the package: --version, the CLI listing the packaged emulator, the app drawing its window
# offscreen, and a second start handing its path to the first over D-Bus.
set -euo pipefail
package_dir=$1 version=$2
work=$(mktemp -d)
. "$(dirname "$0")/emulator.sh"
trap 'rm -rf "$work"' EXIT

deb=$(ls "$package_dir"/fal-files_"$version"_*.deb)
ddeb=$(ls "$package_dir"/fal-files-dbgsym_"$version"_*.ddeb)
size=$(stat -c %s "$deb")
echo "package: $deb, $size bytes; symbols: $ddeb, $(stat -c %s "$ddeb") bytes"
[ "$size" -lt 10000000 ] || fail "the package is $size bytes, not under 10 MB"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for needed in libqt6widgets6 libqt6network6 libqt6dbus6 libqt6sql6 libc6 libqt6sql6-sqlite libqt6svg6 breeze-icon-theme; do
    grep -qE "(^|, )$needed( |,|$)" <<<"$depends" || fail "Depends lacks $needed"
done
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
[ -n "$(dpkg-deb -f "$deb" Recommends)" ] || fail "no Recommends"

root=$work/root
dpkg-deb -x "$deb" "$root"
for file in usr/bin/fal-files usr/bin/fal-files-cli usr/bin/fal-files-emulator \
    usr/share/man/man1/fal-files.1.gz usr/share/man/man1/fal-files-cli.1.gz \
    usr/share/man/man1/fal-files-emulator.1.gz \
    usr/share/bash-completion/completions/fal-files-cli usr/share/bash-completion/completions/fal-files \
    usr/share/zsh/vendor-completions/_fal-files-cli usr/share/fish/vendor_completions.d/fal-files-cli.fish \
    usr/share/applications/ai.fal.Files.desktop usr/share/metainfo/ai.fal.Files.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/ai.fal.Files.svg \
    usr/share/doc/fal-files/copyright usr/share/doc/fal-files/changelog.gz; do
    [ -s "$root/$file" ] || fail "missing from the package: /$file"
done
for size in 16 22 24 32 48 64 128 256; do
    [ -s "$root/usr/share/icons/hicolor/${size}x${size}/apps/ai.fal.Files.png" ] || fail "no ${size}px icon"
done
grep -qx 'Icon=ai.fal.Files' "$root/usr/share/applications/ai.fal.Files.desktop" || fail "desktop entry icon"

for program in fal-files fal-files-cli fal-files-emulator; do
    if readelf -S "$root/usr/bin/$program" | grep -q '\.debug_info'; then
        fail "$program is not stripped"
    fi
done
symbols=$(dpkg-deb -c "$ddeb")
[ "$(grep -c '/usr/lib/debug/.build-id/.*\.debug$' <<<"$symbols")" -eq 3 ] || fail "not 3 symbol files in $ddeb"

# The programs from the package, on this machine's libraries; nothing of the user's is read.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_CACHE_HOME=$work/home/cache XDG_RUNTIME_DIR=$work/runtime FAL_CONFIG_PATH=$work/none.toml
export QT_QPA_PLATFORM=offscreen
unset FAL_KEY FAL_KEY_ID FAL_KEY_SECRET FAL_PROFILE FAL_REST_HOST FAL_HOST DBUS_SESSION_BUS_ADDRESS
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
bin=$root/usr/bin
for program in fal-files fal-files-cli fal-files-emulator; do
    said=$("$bin/$program" --version)
    [[ $said == "$program $version"* ]] || fail "$program --version says '$said'"
done

mkdir -p "$work/data/models"
echo weights >"$work/data/models/model.safetensors"
start_emulator "$bin/fal-files-emulator" "$work/data"
listing=$(FAL_KEY=test-id:test-secret "$bin/fal-files-cli" --endpoint "$EMULATOR_URL" ls /data/models)
[ "$listing" = model.safetensors ] || fail "fal-files-cli ls from the package: '$listing'"

# The app draws its window (the built-in emulator's demo /data) and quits once the picture is
# saved; the ceiling only stops a hung app.
timeout 120 "$bin/fal-files" --emulator --emulator-data "$work/app-data" \
    --screenshot "$work/window.png" >"$work/app.log" 2>&1 || {
    cat "$work/app.log" >&2
    fail "fal-files from the package did not show its window"
}
[ -s "$work/window.png" ] || fail "no picture of the window"

# One window per session: under a session bus of its own, a second start hands its path to the
# first and exits 0 (were it not handed over, it would open a window and run until the ceiling).
if command -v dbus-run-session >/dev/null; then
    dbus-run-session -- bash -c '
        bin=$1 work=$2
        QT_LOGGING_RULES=fal.ui.info=true \
            "$bin/fal-files" --emulator --emulator-data "$work/app-data" >"$work/first.log" 2>&1 &
        first=$!
        for _ in $(seq 300); do
            dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                org.freedesktop.DBus.NameHasOwner string:ai.fal.Files 2>/dev/null |
                grep -q "boolean true" && break
            kill -0 $first 2>/dev/null || { cat "$work/first.log" >&2; exit 3; }
            sleep 0.1
        done
        timeout 60 "$bin/fal-files" /data/models >"$work/second.log" 2>&1
        code=$?
        kill -0 $first 2>/dev/null || code=4 # the first one must still be there
        # and it got the path (the window then shows it: MainWindow::navigateTo)
        for _ in $(seq 300); do
            grep -q "another start asks to show .*\"/data/models\"" "$work/first.log" && break
            sleep 0.1
        done
        grep -q "another start asks to show .*\"/data/models\"" "$work/first.log" || code=5
        kill $first
        wait $first 2>/dev/null
        exit $code' bash "$bin" "$work" || fail "a second start did not hand over to the first (exit $?)"
else
    fail "dbus-run-session is not installed (Debian package dbus)"
fi
echo "PASS: $deb"
