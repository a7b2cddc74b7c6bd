#!/usr/bin/env bash
# Fresh Debian/Ubuntu machine -> packages, a Release build of the benchmarks (build/bench), the
# benchmark dataset when it is absent, and the table of figures (issue 5; README "Performance").
#
#   scripts/bench.sh                    1,000,000 customers (~5,000,000 payments, ~4.5 GB, minutes)
#   scripts/bench.sh --customers 20000  a smaller dataset
#   scripts/bench.sh --quick            a few repetitions only (checks the benchmarks, not speed)
#   scripts/bench.sh --only store,gateway
#
# Other options go to fatora-bench (--charges N, --only LIST). Environment:
#   FATORA_BENCH_DIR   where datasets live (default build/bench/data)
#   FATORA_BENCH_SEED  generator seed (default 1)
# The table is also written to build/bench/bench-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fatora_ensure_packages "${FATORA_BUILD_PACKAGES[@]}"

customers=1000000
bench_args=()
while [ $# -gt 0 ]; do
    case "$1" in
    --customers)
        [ $# -ge 2 ] || { echo "--customers needs a number" >&2; exit 2; }
        customers=$2
        shift 2
        ;;
    --customers=*)
        customers=${1#--customers=}
        shift
        ;;
    *)
        bench_args+=("$1")
        shift
        ;;
    esac
done
case "$customers" in
'' | *[!0-9]*) echo "--customers: give a whole number, not '$customers'" >&2; exit 2 ;;
esac

build_dir=build/bench
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFATORA_BUILD_TESTS=OFF -DFATORA_BUILD_BENCH=ON
cmake --build "$build_dir" --parallel "$(nproc)" --target fatora-bench-generate fatora-bench fatora-bench-desk

seed=${FATORA_BENCH_SEED:-1}
data_dir=${FATORA_BENCH_DIR:-$build_dir/data}
mkdir -p "$data_dir"
database="$data_dir/fatora-bench-${customers}-seed${seed}.sqlite"
if [ ! -f "$database" ]; then
    # The generator writes <file>.partial and renames it when complete: an interrupted run leaves
    # no half dataset behind, and the next run starts over.
    until_day=$(date +%F)
    "$build_dir/bench/fatora-bench-generate" --customers "$customers" --seed "$seed" --until "$until_day" \
        --output "$database"
    echo "customers=$customers seed=$seed until=$until_day" >"$database.info"
else
    echo "Using the existing dataset $database ($(cat "$database.info" 2>/dev/null || echo 'no .info'))"
fi

export QT_QPA_PLATFORM=offscreen
"$build_dir/bench/fatora-bench" --database "$database" --markdown "$build_dir/bench-results.md" "${bench_args[@]}"
