#!/bin/sh
# Runs the remote-tree benchmark (built as tree_bench with the tests; this script builds nothing)
# and prints a table. Usage: tests/bench/tree_bench.sh [build-dir] [entries]
set -eu
build=${1:-build}
entries=${2:-100000}
bench="$build/tests/bench/tree_bench"
if [ ! -x "$bench" ]; then
    echo "no $bench: build the tree_bench target first" >&2
    exit 1
fi
export QT_QPA_PLATFORM=offscreen
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for config in parse model proxy view; do
    "$bench" --entries "$entries" --config "$config" >>"$out"
done
awk '
function val(key,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] }
    return ""
}
{ config[NR] = val("config"); ms[NR] = val("ms"); stall[NR] = val("stall_ms"); peak[NR] = val("peak_mb");
  rows[NR] = val("rows"); if (val("config") == "parse") parse = val("ms"); bytes = val("bytes") }
END {
    printf "Remote tree, one folder of %d entries (%.1f MB of JSON)\n\n", rows[1], bytes / 1048576
    printf "%-28s %10s %10s %12s %10s\n", "configuration", "time ms", "x parse", "stall ms", "peak MB"
    name["parse"] = "parse alone (FileSpec)"; name["model"] = "request -> rows: model"
    name["proxy"] = "  + sort/filter proxy"; name["view"] = "  + proxy + QTreeView"
    for (i = 1; i <= NR; i++)
        printf "%-28s %10.1f %10.2f %12s %10.1f\n", name[config[i]], ms[i], ms[i] / parse,
            (config[i] == "parse" ? "-" : stall[i]), peak[i]
    printf "\ntargets: longest UI-thread stall < 50 ms; load < 3x the bare parse\n"
}' "$out"
