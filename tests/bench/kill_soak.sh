#!/usr/bin/env bash
# Kill soak: ROUNDS rounds (50 unless told) of a mixed upload and download of a tree through
# fal-files-cli, each killed with SIGKILL at a random moment and then run again to the end.
# At the end both copies must equal their sources byte for byte, and nothing may be left over:
# no temporary download files, no unfinished journal entries, no unfinished multipart uploads
# in the emulator.
#
#   tests/bench/kill_soak.sh [BUILD_DIR] [ROUNDS] [SEED]
#
# Prints one line per round and a summary; exits non-zero on the first difference.
set -euo pipefail

build="$(cd "${1:-build}" && pwd)"
rounds="${2:-50}"
seed="${3:-$RANDOM}"
cli="$build/app/fal-files-cli"
emulator="$build/emulator/fal-files-emulator"
[ -x "$cli" ] && [ -x "$emulator" ] || { echo "build $build first" >&2; exit 2; }

work="$(mktemp -d /tmp/fal-kill-soak.XXXXXX)"
emulator_pid=""
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
RANDOM=$seed
echo "kill soak: $rounds rounds, seed $seed, in $work"

# The tree: a few large files (multipart, resumable downloads), many small ones (packed uploads),
# nested folders, an empty file.
src="$work/src"
mkdir -p "$src/weights" "$src/data/a/b" "$src/data/c"
head -c $((48 * 1024 * 1024 + 123)) /dev/urandom >"$src/weights/model.safetensors"
head -c $((23 * 1024 * 1024)) /dev/urandom >"$src/weights/optimizer.pt"
for i in $(seq 1 120); do head -c $((RANDOM % 20000 + 1)) /dev/urandom >"$src/data/a/img$i.png"; done
for i in $(seq 1 30); do head -c $((RANDOM % 300000)) /dev/urandom >"$src/data/a/b/part$i.bin"; done
: >"$src/data/c/empty.txt"

root="$work/root"
mkdir -p "$root/soak/remote"
# What downloads fetch: a copy of the same tree, already on the server.
cp -a "$src/." "$root/soak/remote/"
key="soak:$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
"$emulator" --root "$root" --port 0 --key "$key" --latency-ms 5 >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/emulator.log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { echo "the emulator did not start" >&2; cat "$work/emulator.log" >&2; exit 1; }

export FAL_KEY="$key" HOME="$work/home" XDG_DATA_HOME="$work/home/data"
export FAL_CONFIG_PATH="$work/home/none.toml"
journal="$work/journal.sqlite"
cli_args=(--endpoint "http://127.0.0.1:$port" --journal "$journal" --retry-for 60s)
run_cli() { "$cli" "${cli_args[@]}" "$@"; }
# The commands as words, so that the killed process is the CLI itself (a function run in the
# background is a subshell: killing it would leave the CLI running).
declare -A command=(
    [upload]="upload --on-conflict=overwrite $src/weights $src/data /data/soak/up/"
    [download]="download --on-conflict=overwrite /data/soak/remote/weights /data/soak/remote/data $work/down/"
)
upload() { run_cli ${command[upload]}; }
download() { run_cli ${command[download]}; }
mkdir -p "$work/down"

now_ms() { date +%s%3N; }
# How long a whole run takes, per direction: kills land at a random moment inside it.
declare -A run_ms=([upload]=2000 [download]=2000)
kills=0
for round in $(seq 1 "$rounds"); do
    if ((RANDOM % 2)); then what=upload; else what=download; fi
    span=$((run_ms[$what] * 9 / 10))
    delay_ms=$(((RANDOM * 32768 + RANDOM) % (span > 40 ? span : 40) + 20))
    "$cli" "${cli_args[@]}" ${command[$what]} >"$work/round.log" 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' $((delay_ms % 1000)))"
    [ $delay_ms -ge 1000 ] && sleep $((delay_ms / 1000))
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); state=killed; else state=finished; fi
    wait "$pid" 2>/dev/null || true
    # The rerun goes on from what the killed run kept.
    started=$(now_ms)
    if ! $what >"$work/rerun.log" 2>&1; then
        echo "round $round: the rerun of the $what failed:" >&2
        cat "$work/rerun.log" >&2
        exit 1
    fi
    rerun=$(($(now_ms) - started))
    [ "$state" = finished ] && run_ms[$what]=$rerun # a whole run, from nothing kept
    printf 'round %2d: %-8s %-8s after %4d ms, rerun ok in %4d ms\n' "$round" "$what" "$state" "$delay_ms" "$rerun"
done

# Both directions once more to the end (the last rounds may all have been one way).
upload >/dev/null 2>&1 || { echo "final upload failed" >&2; exit 1; }
download >/dev/null 2>&1 || { echo "final download failed" >&2; exit 1; }

fail=0
if ! diff -r "$src" "$root/soak/up" >"$work/diff-up.txt"; then
    echo "uploaded tree differs:" >&2; head "$work/diff-up.txt" >&2; fail=1
fi
if ! diff -r "$src" "$work/down" >"$work/diff-down.txt"; then
    echo "downloaded tree differs:" >&2; head "$work/diff-down.txt" >&2; fail=1
fi
leftovers=$(find "$work/down" "$root/soak" -name '*.falpart*' | head)
[ -z "$leftovers" ] || { echo "temporary files left: $leftovers" >&2; fail=1; }
unfinished=$(run_cli transfers --json | python3 -c '
import json, sys
items = json.load(sys.stdin)
print(sum(1 for i in items if i.get("state") not in ("done", "skipped")))')
[ "$unfinished" = 0 ] || { echo "$unfinished journal entries are not finished" >&2; fail=1; }
staged=$(find "$root/.fal-emulator" -mindepth 2 -name meta.json 2>/dev/null | wc -l)
[ "$staged" = 0 ] || echo "note: $staged multipart uploads left open in the emulator (expire in days)"
[ $fail = 0 ] || exit 1
echo "kill soak passed: $rounds rounds, $kills kills, trees identical, no temporary files, journal clean"
