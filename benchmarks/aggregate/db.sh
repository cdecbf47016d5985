#!/usr/bin/env bash
# The benchmark database: `csm db ingest` rate and `csm db export` time, for
# SQLite (and PostgreSQL with CSM_PG_URL), side by side with a baseline build.
#
# usage: benchmarks/aggregate/db.sh BUILD_DIR [BASELINE_BUILD_DIR] [N]   (N defaults to 100000)
#
# For each build (BUILD_DIR/cli/csm, and the baseline's if given) it
# generates N lines once (generate.py), then RUNS times (default 3 for
# ingest, 5 for export): `csm db init` + `csm db ingest` into a new SQLite
# file (timed: assessments/s, goal >= 50,000/s), and `csm db export` of the
# ingested database (timed on a fresh copy each time, as each export adds a
# release to the log; goal <= 0.5 s for 100,000). Medians; with a baseline,
# the ratios new/baseline. Both exports must be byte for byte the same
# (first release of the same data). With CSM_PG_URL (a database this may
# empty: it drops csm's tables; test/pg_server.sh start DIR starts one) the
# same on PostgreSQL (one run each).
#
# Exit status: 0 the exports agree (even if a goal is missed); 1 they differ;
# 2 usage error; 3 a command failed.
set -euo pipefail

die() { echo "db.sh: $*" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || { echo "usage: $0 BUILD_DIR [BASELINE_BUILD_DIR] [N]" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
builds=("$1")
n=100000
if [ $# -ge 2 ]; then
    if [[ $2 =~ ^[0-9]+$ ]]; then n=$2; else builds+=("$2"); fi
fi
[ $# -eq 3 ] && n=$3
[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] || die "N must be a positive integer: $n"
ingest_runs=${INGEST_RUNS:-3}
export_runs=${EXPORT_RUNS:-5}
seed=${SEED:-2020}
quest=${CSM_QUESTIONNAIRE:-$root/questions/csmg-v2.json}
bins=()
for b in "${builds[@]}"; do
    [ -x "$b/cli/csm" ] || die "no executable $b/cli/csm"
    bins+=("$(cd "$b" && pwd)/cli/csm")
done

work=$(mktemp -d "${TMPDIR:-/tmp}/csm-db-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wall() { # wall CMD...: run it (output to $work/out, $work/err), print the wall time in s
    local t0 t1 rc=0
    t0=$(date +%s.%N)
    "$@" >"$work/out" 2>"$work/err" || rc=$?
    t1=$(date +%s.%N)
    if [ "$rc" -ne 0 ]; then
        echo "db.sh: failed (exit $rc): $*" >&2
        head -n 20 "$work/err" >&2
        return 3
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

f="$work/answers-$n.jsonl"
python3 "$here/generate.py" "$n" "$f" --seed "$seed" --questionnaire "$quest" \
    || { echo "db.sh: generate.py failed" >&2; exit 3; }
echo "input: $n assessments; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

declare -a rate exp
for k in "${!bins[@]}"; do
    csm=${bins[$k]}
    label=$([ "$k" -eq 0 ] && echo new || echo baseline)
    ti=""
    for ((i = 0; i < ingest_runs; i++)); do
        rm -f "$work/$label.sqlite"
        wall "$csm" db init --db "$work/$label.sqlite" --data-dir "$root" >/dev/null || exit 3
        ti="$ti $(wall "$csm" db ingest --db "$work/$label.sqlite" "$f" --allow-partial --data-dir "$root")" || exit 3
    done
    te=""
    for ((i = 0; i < export_runs; i++)); do
        cp "$work/$label.sqlite" "$work/copy.sqlite"
        # the copy's dirty pages written out now, not by the export's commit
        # (whose own fsync of what it writes stays timed)
        sync "$work/copy.sqlite"
        te="$te $(wall "$csm" db export --db "$work/copy.sqlite" -o "$work/$label.json" --name bench --data-dir "$root")" || exit 3
    done
    rm -f "$work/copy.sqlite"
    mi=$(echo "$ti" | median) me=$(echo "$te" | median)
    rate[$k]=$(awk -v n="$n" -v t="$mi" 'BEGIN { printf "%.0f", n / t }')
    exp[$k]=$me
    awk -v l="$label" -v n="$n" -v t="$mi" -v e="$me" -v r="${rate[$k]}" 'BEGIN {
        printf "%-8s SQLite ingest %.2f s = %d assessments/s (goal >= 50000)%s; export %.3f s (goal <= 0.5 for 100k)%s\n",
            l, t, r, (r >= 50000) ? "" : " missed", e, (e <= 0.5) ? "" : " missed" }'
    echo "         ingest runs:$ti; export runs:$te"
done
status=0
if [ "${#bins[@]}" -eq 2 ]; then
    awk -v a="${rate[0]}" -v b="${rate[1]}" -v c="${exp[0]}" -v d="${exp[1]}" 'BEGIN {
        printf "new/baseline: ingest rate %.2fx, export time %.2fx\n", a / b, c / d }'
    if cmp -s "$work/new.json" "$work/baseline.json"; then
        echo "exports: byte-identical"
    else
        echo "exports differ" >&2
        status=1
    fi
fi
if [ -n "${CSM_PG_URL:-}" ]; then
    for k in "${!bins[@]}"; do
        csm=${bins[$k]}
        label=$([ "$k" -eq 0 ] && echo new || echo baseline)
        psql -X -q "$CSM_PG_URL" -c 'DROP TABLE IF EXISTS answer, assessor, assessment, csm_schema, csm_release_group, csm_release CASCADE' \
            >/dev/null 2>&1 || die "psql could not reach CSM_PG_URL"
        wall "$csm" db init --db "$CSM_PG_URL" --data-dir "$root" >/dev/null || exit 3
        ti=$(wall "$csm" db ingest --db "$CSM_PG_URL" "$f" --allow-partial --data-dir "$root") || exit 3
        te=$(wall "$csm" db export --db "$CSM_PG_URL" -o "$work/pg-$label.json" --name bench --data-dir "$root") || exit 3
        awk -v l="$label" -v n="$n" -v t="$ti" -v e="$te" 'BEGIN {
            printf "%-8s PostgreSQL ingest %.2f s = %.0f assessments/s; export %.3f s\n", l, t, n / t, e }'
    done
    if ! cmp -s "$work/pg-new.json" "$work/new.json"; then
        echo "PostgreSQL and SQLite exports differ" >&2
        status=1
    fi
else
    echo "PostgreSQL: skipped (set CSM_PG_URL; test/pg_server.sh start DIR prints one)"
fi
exit "$status"
