#!/usr/bin/env bash
# Build and run every test: a normal build (warnings as errors) and a build
# with AddressSanitizer + UndefinedBehaviorSanitizer, each running the whole
# ctest suite. Usage: ./test.sh   (after the dependencies are installed)
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCSM_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCSM_SANITIZE=ON -DCSM_WERROR=ON >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$PWD/test/lsan.supp":print_suppressions=0 \
    ctest --test-dir build-asan --output-on-failure
