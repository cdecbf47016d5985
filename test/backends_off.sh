#!/usr/bin/env bash
# A csm built without its optional back ends (-DCSM_WITH_PDF=OFF
# -DCSM_WITH_XLSX=OFF -DCSM_WITH_POSTGRESQL=OFF) builds warning-free, links
# none of their libraries, does everything else, and says for each command
# that needs one that this csm was built without it (CSM_EUNSUPPORTED: exit
# 3, like other failures that are not the input's fault). Only the csm
# program is built, in BUILD_DIR (kept between runs, so a re-run is quick).
# usage: backends_off.sh SRC_DIR BUILD_DIR [C_COMPILER]
set -euo pipefail
src=$1
build=$2
cc=${3:-cc}
cmake -S "$src" -B "$build" -DCSM_WITH_PDF=OFF -DCSM_WITH_XLSX=OFF -DCSM_WITH_POSTGRESQL=OFF -DBUILD_TESTING=OFF \
	-DCMAKE_BUILD_TYPE=Debug -DCSM_WERROR=ON -DCMAKE_C_COMPILER="$cc" >"$build.log" 2>&1 ||
	{ cat "$build.log"; exit 1; }
cmake --build "$build" --target csm -j2 >>"$build.log" 2>&1 || { tail -30 "$build.log"; exit 1; }
csm=$build/cli/csm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 pass=0

# run WANT_EXIT PATTERN CMD...: exit status and a message matching PATTERN (- for none)
run() {
	local want=$1 pattern=$2 got=0
	shift 2
	"$csm" "$@" >"$work/out" 2>"$work/err" || got=$?
	if [ "$got" = "$want" ] && { [ "$pattern" = - ] || grep -Eq "$pattern" "$work/err" "$work/out"; }; then
		pass=$((pass + 1))
	else
		echo "FAIL: csm $*: exit $got (expected $want), output:"
		cat "$work/err" "$work/out" | head -5
		fail=$((fail + 1))
	fi
}
ex=$src/examples/aozora-bank.json
run 0 '^csm ' --version
run 0 'Aozora' score "$ex" --data-dir "$src"
run 0 - template --format html -o "$work/f.html" --data-dir "$src"
run 0 - db init --db "$work/b.sqlite"
run 3 'built without the PDF back end' karte "$ex" -o "$work/k.pdf" --data-dir "$src"
run 3 'built without the PDF back end' radar "$ex" -o "$work/r.svg" --data-dir "$src"
run 3 'built without the PDF back end' portfolio "$ex" -o "$work/p.pdf" --data-dir "$src"
run 3 'built without the workbook back end' template --format xlsx -o "$work/t.xlsx" --data-dir "$src"
printf 'PK\003\004' >"$work/a.xlsx"
run 3 'built without the workbook back end' import "$work/a.xlsx" --data-dir "$src"
run 3 'built without PostgreSQL support' db init --db postgresql://nobody@localhost/none
for f in k.pdf r.svg p.pdf t.xlsx; do
	[ ! -e "$work/$f" ] && pass=$((pass + 1)) || { echo "FAIL: $f written"; fail=$((fail + 1)); }
done
if ldd "$csm" | grep -E 'libpq|libcairo|libhpdf|libxml2|libzip|libxlsxwriter|libharfbuzz|libfontconfig'; then
	echo "FAIL: the csm built without back ends links their libraries"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
if ls "$build"/lib/libcsm-*.so >/dev/null 2>&1; then
	echo "FAIL: modules were built"; fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
