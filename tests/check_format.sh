#!/usr/bin/env bash
# Fails when a tracked C++ source differs from what clang-format makes of it with the project's
# .clang-format (run by ctest as "format"; fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format is not installed" >&2; exit 1; }
git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run -Werror
