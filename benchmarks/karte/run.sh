#!/usr/bin/env bash
# Karte benchmark: csm karte against a naive karte (whole font through
# libharu's UTF-8 encoder, ARGB PNG radar), each a whole process per karte,
# side by side in one run. Prints median times, their ratio and PDF sizes.
#
# usage: benchmarks/karte/run.sh BUILD_DIR [RUNS]     (RUNS defaults to 15)
# Goal: csm in <= 0.25x the naive time, PDF <= 100 KB, text extractable.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [RUNS]" >&2; exit 2; }
build=$(cd "$1" && pwd)
runs=${2:-15}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
csm=$build/cli/csm
naive=$build/benchmarks/karte/karte_naive
font=$(fc-match -f '%{file}' IPAexGothic)
[ -x "$csm" ] && [ -x "$naive" ] || { echo "run.sh: build $build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# median_ms CMD...: median wall time of RUNS runs, in milliseconds.
median_ms() {
    local i t0 t1
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        "$@" >/dev/null || { echo "run.sh: failed: $1" >&2; exit 3; }
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000 ))
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

status=0
printf "%-28s %-4s %10s %10s %7s %10s %10s\n" example lang "csm ms" "naive ms" ratio "csm KB" "naive KB"
for ex in aozora-bank kitamachi-machinery minato-services; do
    for lang in ja en; do
        c=$(median_ms "$csm" karte "$root/examples/$ex.json" --lang "$lang" -o "$work/c.pdf" --data-dir "$root")
        n=$(median_ms "$naive" "$root/examples/$ex.json" "$work/n.pdf" "$root" "$font" "$lang")
        cs=$(stat -c %s "$work/c.pdf"); ns=$(stat -c %s "$work/n.pdf")
        if pdftotext "$work/c.pdf" - 2>"$work/warn" >/dev/null && [ -s "$work/warn" ]; then
            echo "  pdftotext warned on csm's PDF:"; cat "$work/warn"; status=1
        fi
        awk -v ex="$ex" -v l="$lang" -v c="$c" -v n="$n" -v cs="$cs" -v ns="$ns" 'BEGIN {
            printf "%-28s %-4s %10.1f %10.1f %7.2f %10.1f %10.1f\n", ex, l, c, n, c / n, cs / 1024, ns / 1024 }'
        echo "$c $n $cs" >> "$work/all"
    done
done
awk 'BEGIN { max = 0 } { r = $1 / $2; s += r; k++; if ($3 > max) max = $3 }
     END { printf "mean time ratio csm/naive: %.2f (goal <= 0.25); largest csm karte: %.1f KB (goal <= 100 KB)\n", s / k, max / 1024 }' "$work/all"
exit $status
