#!/usr/bin/env bash
# Portfolio benchmark: N generated subsidiaries (default 100) into one PDF
# with `csm portfolio`, whole process, median of RUNS (default 5) runs.
# Goal: 100 subsidiaries in <= 3 s on this machine.
# usage: benchmarks/portfolio/run.sh BUILD_DIR [N]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [N]" >&2; exit 2; }
build=$(cd "$1" && pwd)
n=${2:-100}
runs=${RUNS:-5}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
csm=$build/cli/csm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/benchmarks/score/generate.py" "$n" "$work/subs" --seed 7 \
    --questionnaire "$root/questions/csmg-v2.json" >/dev/null
export SOURCE_DATE_EPOCH=1700000000
for lang in ja en; do
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        "$csm" portfolio "$work"/subs/*.json -o "$work/p.pdf" --csv "$work/p.csv" --lang "$lang" \
            --allow-partial --data-dir "$root"
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000000 ))
    done | sort -n | awk -v n="$n" -v lang="$lang" '
        { a[NR] = $1 } END {
            m = a[int((NR + 1) / 2)] / 1000
            printf "%s: %d subsidiaries in %.2f s (median of %d), goal <= 3 s%s\n", lang, n, m, NR, (m <= 3) ? "" : "  goal missed"
        }' | tee "$work/t"
    # Baseline: what a user would do without it, one `csm karte` per subsidiary.
    t0=$(date +%s%N)
    for f in "$work"/subs/*.json; do
        "$csm" karte "$f" -o "$work/one.pdf" --lang "$lang" --allow-partial --data-dir "$root"
    done
    t1=$(date +%s%N)
    awk -v b="$(( (t1 - t0) / 1000000 ))" -v n="$n" \
        '{ p = $5 * 1000; printf "    baseline (%d separate kartes): %.2f s; ratio portfolio/baseline %.2f\n", n, b / 1000, p / b }' "$work/t"
    printf "    %s pages, %.0f KB\n" "$(pdfinfo "$work/p.pdf" | awk '/^Pages/ {print $2}')" "$(( $(stat -c %s "$work/p.pdf") / 1024 ))"
done
