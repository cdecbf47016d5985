#!/usr/bin/env bash
# Install into a temporary prefix, then: the installed csm finds its data
# from any directory; a C program builds against the library through
# pkg-config and through CMake's find_package(csm), and runs.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
cd "$work"   # away from the source tree: data must come from the prefix

"$prefix/bin/csm" --version
"$prefix/bin/csm" score --json "$src/examples/aozora-bank.json" | grep -q '"grade":"A"'
test -f "$prefix/share/csm/questions/csmg-v2.json"
test -f "$prefix/share/csm/benchmarks/beta-2020.json"
test -f "$prefix/include/csm.h" && test -f "$prefix/include/csm_version.h"

cat > consumer.c <<'C'
#include <csm.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
	csm_questionnaire *q = NULL;
	if (csm_questionnaire_open(&q, argv[1], "csmg-v2") != 0) {
		fprintf(stderr, "%s\n", csm_error_last());
		return 1;
	}
	printf("%s %s %zu\n", csm_version(), csm_questionnaire_id(q), csm_questionnaire_item_count(q));
	csm_questionnaire_free(q);
	return strcmp(csm_version(), CSM_VERSION_STRING) != 0;
}
C
# pkg-config, shared library
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name csm.pc)") ; export PKG_CONFIG_PATH
cc -o consumer-pc consumer.c $(pkg-config --cflags --libs csm) -Wl,-rpath,"$(pkg-config --variable=libdir csm)"
./consumer-pc "$prefix/share/csm" | grep -q "csmg-v2 39"
# --cflags names only csm's own headers (no private dependency's include path)
set -- $(pkg-config --cflags csm)
test $# = 1 && test "$(cd "${1#-I}" && pwd -P)" = "$(cd "$prefix/include" && pwd -P)"
# pkg-config, static library: --static --libs is all it needs
cc -o consumer-static consumer.c $(pkg-config --cflags csm) $(pkg-config --static --libs csm | sed 's/-lcsm\b/-l:libcsm.a/')
! ldd consumer-static | grep -q libcsm
./consumer-static "$prefix/share/csm" | grep -q "csmg-v2 39"

# The back-end modules are installed where csm.pc says, and the installed csm
# opens them from there (not from the build tree) when a command needs them.
moduledir=$(pkg-config --variable=moduledir csm)
if grep -q '^CSM_LAZY_BACKENDS:BOOL=ON' "$build/CMakeCache.txt"; then
	for m in pdf xlsx; do
		grep -q "^CSM_WITH_${m^^}:BOOL=ON" "$build/CMakeCache.txt" || continue
		test -f "$moduledir/libcsm-$m.so"
	done
	if grep -q '^CSM_WITH_PDF:BOOL=ON' "$build/CMakeCache.txt" && fc-match -f '%{family}' IPAexGothic | grep -q IPAexGothic; then
		env -u CSM_MODULE_DIR LD_DEBUG=files "$prefix/bin/csm" karte "$src/examples/aozora-bank.json" -o k.pdf 2> ld.log
		test -s k.pdf
		opened=$(sed -n 's/.*file=\([^ ]*libcsm-pdf\.so\) .*/\1/p' ld.log | head -1)
		test "$(readlink -f "$opened")" = "$(readlink -f "$moduledir/libcsm-pdf.so")" ||
			{ echo "install: the PDF module was opened from '$opened', not from $moduledir" >&2; exit 1; }
	fi
fi

# CMake package, static library
mkdir cm && cat > cm/CMakeLists.txt <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(csm REQUIRED)
add_executable(consumer ../consumer.c)
target_link_libraries(consumer PRIVATE csm::csm_static)
CM
cmake -S cm -B cm/build -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build cm/build >/dev/null
cm/build/consumer "$prefix/share/csm" | grep -q "csmg-v2 39"
echo "1 passed, 0 failed"
