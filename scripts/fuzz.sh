#!/usr/bin/env bash
# Runs one libFuzzer target for long: scripts/fuzz.sh TARGET [SECONDS] (default 600).
# Builds build/fuzz with clang when needed, fuzzes a working corpus kept in
# build/fuzz/corpus-work/TARGET (seeded from tests/fuzz/corpus/TARGET, which it never changes) and
# writes crashes to build/fuzz/artifacts/. FATORA_FUZZ_JOBS (default 1) runs that many fuzzing
# processes at once. Exits non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(fuzz_gateway_reply fuzz_verify_reply fuzz_csv_import fuzz_money fuzz_token fuzz_db_open)
if [ $# -lt 1 ] || [ $# -gt 2 ] || [[ ! " ${targets[*]} " == *" $1 "* ]]; then
    echo "usage: scripts/fuzz.sh TARGET [SECONDS]   TARGET: ${targets[*]}" >&2
    exit 2
fi
target=$1
seconds=${2:-600}
jobs=${FATORA_FUZZ_JOBS:-1}

source scripts/deps.sh
fatora_ensure_packages cmake ninja-build ccache clang libclang-rt-dev qt6-base-dev qt6-base-dev-tools \
    libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
dir=${FATORA_FUZZ_BUILD_DIR:-build/fuzz}
source scripts/fuzz-build.sh
mkdir -p "$dir"
echo "Building $dir (clang, libFuzzer)..."
fatora_fuzz_build >"$dir/fuzz-build.log" 2>&1 || { tail -n 40 "$dir/fuzz-build.log"; exit 1; }

work=$dir/corpus-work/$target
artifacts=$dir/artifacts
mkdir -p "$work" "$artifacts"
cp -n tests/fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
dict=()
[ -f tests/fuzz/$target.dict ] && dict=(-dict=tests/fuzz/$target.dict)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$dir/fuzz-$target.log
echo "Fuzzing $target for ${seconds}s ($jobs job(s)); corpus $work, crashes in $artifacts/, log $log"
before=$(ls "$artifacts" | grep -c "^$target-" || true)
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
status=0
"$dir/tests/fuzz/$target" "$work" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "${parallel[@]}" >"$log" 2>&1 || status=$?
# With -jobs each process logs to fuzz-N.log in the current directory: fold them into the one log.
for f in fuzz-[0-9]*.log; do [ -f "$f" ] && { cat "$f" >>"$log"; rm -f "$f"; }; done

runs=$(grep -h "stat::number_of_executed_units" "$log" | awk '{s += $2} END {print s + 0}')
rate=$(grep -h "stat::average_exec_per_sec" "$log" | awk '{s += $2} END {print s + 0}')
echo "$target: $runs inputs executed ($rate/s), corpus now $(ls "$work" | wc -l) files"
after=$(ls "$artifacts" | grep -c "^$target-" || true)
if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "FINDINGS:"
    grep -h -A2 -E "fuzz invariant broken|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:" "$log" | head -40
    ls -t "$artifacts" | grep "^$target-" | head -n $((after - before > 0 ? after - before : 1)) | sed "s|^|  $artifacts/|"
    echo "Replay one: $dir/tests/fuzz/$target FILE"
    exit 1
fi
echo "No findings."
