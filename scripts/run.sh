#!/usr/bin/env bash
# Fresh Debian/Ubuntu machine -> packages, a Release build, and the desk on the built-in sandbox
# gateway (a local simulator: no Fatora account needed, no real money).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fatora_ensure_packages "${FATORA_BUILD_PACKAGES[@]}"

build_dir=${FATORA_RUN_BUILD_DIR:-build/release}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFATORA_BUILD_TESTS=OFF -DFATORA_BUILD_BENCH=OFF
cmake --build "$build_dir" --parallel "$(nproc)" --target fatora-backoffice fatora-cli

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found (DISPLAY/WAYLAND_DISPLAY unset). On a headless machine try:" >&2
    echo "  xvfb-run -a $build_dir/src/app/fatora-backoffice --sandbox" >&2
    exit 1
fi
exec "$build_dir/src/app/fatora-backoffice" --sandbox "$@"
