#!/usr/bin/env bash
# Runs every fuzz target (tests/fuzz/) for SECONDS each, default 300. With clang installed:
# libFuzzer with ASan and UBSan, from a build of its own in build-fuzz/ (-DFAL_FUZZ_INSTRUMENT=ON,
# every library instrumented). Without clang: the deterministic driver, same build dir, gcc, a
# fresh seed per run. Inputs libFuzzer finds interesting go to build-fuzz/corpus/<target>/ (the
# committed seed corpus is only read); crashes land in build-fuzz/findings/<target>/ and make
# the script exit 1. Each crash becomes a fix and a unit test (tests/fuzz/README.md).
#
#   tests/bench/fuzz.sh [SECONDS] [TARGET...]
#   FAL_FUZZ_WRAP=/work/buildlock tests/bench/fuzz.sh 180   # each build and run under a lock
set -euo pipefail
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(filespec multipartform safepath zipextractor range)
src=$(cd "$(dirname "$0")/../.." && pwd)
build="$src/build-fuzz"
wrap=${FAL_FUZZ_WRAP:-}
export QT_QPA_PLATFORM=offscreen

if command -v clang++ >/dev/null 2>&1; then
    engine=libfuzzer
    configure=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DFAL_FUZZ_INSTRUMENT=ON)
    suffix=_libfuzzer
else
    engine=driver
    configure=()
    suffix=
fi
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
$wrap cmake -S "$src" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "${configure[@]}" >/dev/null
build_targets=()
for t in "${targets[@]}"; do build_targets+=("fuzz_$t$suffix"); done
$wrap cmake --build "$build" --parallel "$(nproc)" --target "${build_targets[@]}"

failed=0
for t in "${targets[@]}"; do
    findings="$build/findings/$t"
    mkdir -p "$findings" "$build/corpus/$t"
    bin="$build/tests/fuzz/fuzz_$t$suffix"
    echo "== fuzz_$t: $engine, $seconds s"
    if [ "$engine" = libfuzzer ]; then
        # -timeout: an input taking 10 s is a hang; findings keep their libFuzzer names.
        if ! (cd "$findings" && $wrap "$bin" -max_total_time="$seconds" -timeout=10 \
                -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" \
                "$build/corpus/$t" "$src/tests/fuzz/corpus/$t" 2>&1 | tail -25); then
            failed=1
        fi
    else
        if ! (cd "$findings" && $wrap "$bin" --seconds "$seconds" --seed "$(date +%s)" \
                "$src/tests/fuzz/corpus/$t"); then
            failed=1
        fi
    fi
    if ls "$findings" | grep -q .; then
        echo "!! fuzz_$t: findings in $findings" >&2
        failed=1
    fi
done
exit $failed
