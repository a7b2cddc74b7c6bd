#!/usr/bin/env bash
# Fresh Debian/Ubuntu machine -> packages, a sanitizer build (ASan + UBSan) and the whole ctest suite,
# headless, then the fuzz targets (clang, libFuzzer) for a short run each. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fatora_ensure_packages "${FATORA_BUILD_PACKAGES[@]}"

build_dir=${FATORA_TEST_BUILD_DIR:-build/test}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFATORA_SANITIZE=ON
cmake --build "$build_dir" --parallel "$(nproc)"

export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build_dir" --output-on-failure --parallel 2 --timeout 600

# Fuzzing: the libFuzzer targets built with clang in their own directory, each a ctest that fuzzes
# a copy of its seed corpus for FATORA_FUZZ_SECONDS (20). scripts/fuzz.sh TARGET runs one for long.
source scripts/fuzz-build.sh
fatora_fuzz_build -DFATORA_FUZZ_SECONDS="${FATORA_FUZZ_SECONDS:-20}"
ctest --test-dir "${FATORA_FUZZ_BUILD_DIR:-build/fuzz}" --output-on-failure --parallel 2 --timeout 300
