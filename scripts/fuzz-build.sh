# Sourced by test.sh and fuzz.sh: configures and builds the libFuzzer targets with clang in their
# own build directory ($FATORA_FUZZ_BUILD_DIR, default build/fuzz), the application's gcc build
# untouched. Debug keeps Q_ASSERT on; -O1 keeps the fuzzers fast.
fatora_fuzz_build() {
    local dir=${FATORA_FUZZ_BUILD_DIR:-build/fuzz}
    cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
        "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" -DFATORA_FUZZ=ON -DFATORA_BUILD_GUI=OFF -DFATORA_BUILD_BENCH=OFF \
        -DFATORA_BUILD_TESTS=OFF "$@"
    cmake --build "$dir" --parallel "$(nproc)"
}
