# Sourced by the packaging tests: start_emulator PROGRAM ROOT starts fal-files-emulator on a free
# loopback port with the key test-id:test-secret and sets EMULATOR_URL; it is stopped on exit.
start_emulator() {
    local log="$work/emulator.log"
    : >"$log" # before the background start: the loop below reads it at once
    "$1" --root "$2" --key test-id:test-secret >"$log" 2>&1 &
    emulator_pid=$!
    trap 'kill "$emulator_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
    local tries=0
    until EMULATOR_URL=$(sed -n 's/^fal-files-emulator listening on //p' "$log") && [ -n "$EMULATOR_URL" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 300 ] || ! kill -0 "$emulator_pid" 2>/dev/null; then
            echo "FAIL: the emulator did not start:" >&2
            cat "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
    export EMULATOR_URL
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
