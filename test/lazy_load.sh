#!/usr/bin/env bash
# Each command loads only what it needs (CSM_LAZY_BACKENDS): the dynamic
# loader's own account (LD_DEBUG=files) of the files a run opens shows no
# libcrypto, libpq, cairo, libharu, libxml2 or libzip for --version, score,
# an SQLite database; libcrypto for a pseudonymized ingest; the PDF module and
# libharu for karte; the workbook module (and not the PDF one) for an Excel
# template.
# usage: lazy_load.sh CSM SRC_DIR
set -euo pipefail
csm=$(readlink -f "$1")
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0 pass=0

# loaded NAME CMD...: run CMD, print the shared objects it opened
loaded() {
	local name=$1
	shift
	LD_DEBUG=files "$@" >/dev/null 2>"$name.ld" || { echo "FAIL $name: exit $?"; sed -n '/file=/!p' "$name.ld" | tail -5; fail=$((fail + 1)); return 0; }
	sed -n 's/.*file=\([^ ]*\) .*/\1/p' "$name.ld" | sort -u > "$name.files"
}
# expect NAME yes|no PATTERN: whether a file matching PATTERN was loaded
expect() {
	local name=$1 want=$2 pattern=$3 got=no
	[ -f "$name.files" ] || { fail=$((fail + 1)); return 0; } # the run failed
	grep -Eq "$pattern" "$name.files" && got=yes
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: loaded $pattern: $got, expected $want"
		grep -E "$pattern" "$name.files" || true
		fail=$((fail + 1))
	fi
}
heavy='libcrypto\.so|libpq\.so|libcairo\.so|libhpdf|libxml2\.so|libzip\.so|libharfbuzz|libfontconfig|libxlsxwriter|libcsm-(pdf|xlsx)\.so'

loaded version "$csm" --version
expect version no "$heavy"
loaded score "$csm" score "$src/examples/aozora-bank.json" --data-dir "$src"
expect score no "$heavy"
loaded scorejson "$csm" score --json "$src/examples/minato-services.json" --data-dir "$src"
expect scorejson no "$heavy"
loaded db "$csm" db init --db "$work/bench.sqlite"
expect db no "$heavy"
expect db yes 'libsqlite3\.so'
head -c 48 /dev/urandom >"$work/key" && chmod 600 "$work/key"
loaded ingest "$csm" db ingest --db "$work/bench.sqlite" --pseudonymize --key-file "$work/key" \
	"$src/examples/aozora-bank.json" --data-dir "$src"
expect ingest yes 'libcrypto\.so' # the keyed hash
expect ingest no 'libpq\.so|libcairo\.so|libhpdf|libxml2\.so|libzip\.so'

if fc-match -f '%{family}' IPAexGothic | grep -q IPAexGothic; then
	loaded karte "$csm" karte "$src/examples/aozora-bank.json" -o "$work/k.pdf" --data-dir "$src"
	expect karte yes 'libcsm-pdf\.so'
	expect karte yes 'libhpdf'
	expect karte no 'libpq\.so|libxml2\.so|libzip\.so|libcsm-xlsx\.so'
else
	echo "note: IPAexGothic not installed, karte not checked"
fi
loaded xlsx "$csm" template --format xlsx -o "$work/t.xlsx" --data-dir "$src"
expect xlsx yes 'libcsm-xlsx\.so'
expect xlsx no 'libpq\.so|libcairo\.so|libhpdf|libcsm-pdf\.so'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
