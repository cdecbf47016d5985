#!/usr/bin/env bash
# Aggregate benchmark: `csm bench aggregate` vs the straightforward Python
# reference, peak memory, and `csm db ingest` throughput.
#
# usage: benchmarks/aggregate/run.sh BUILD_DIR [N]     (N defaults to 1000000)
#
# BUILD_DIR is a CMake build directory; the binary is BUILD_DIR/cli/csm.
# Build in release mode first:
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release -j
#
# In a temporary directory (removed on exit) it generates (generate.py) a file
# of N csm-answers/1 lines and one of 100,000 lines, then:
#  1. times (wall clock) `csm bench aggregate FILE -o OUT --name bench`, best
#     of RUNS (default 3), and `python3 reference.py FILE` (one run: it is
#     slow), checks with compare.py that both exports agree and prints
#       csm: X s  reference: Y s  speedup: Zx (goal >= 20x)
#  2. peak RSS of `csm bench aggregate` at 100k and at N lines
#     (/usr/bin/time -f %M);
#  3. `csm db init --db T.sqlite`, then times `csm db ingest --db T.sqlite
#     FILE100k` and prints assessments/s; the same with PostgreSQL when
#     CSM_PG_URL is set (csm db init/ingest --db "$CSM_PG_URL"; this writes
#     100,000 organizations "Org 000001".. into that database), else prints
#     "PostgreSQL: skipped (set CSM_PG_URL)".
#
# Exit status: 0 the exports agree (even if the speed goal is missed);
# 1 they differ; 2 usage or setup error; 3 a command failed.
#
# Environment (optional): SEED (default 2020), RUNS (default 3), CSM_PG_URL,
# CSM_QUESTIONNAIRE (default REPO/questions/csmg-v2.json), TMPDIR.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 BUILD_DIR [N]" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${2:-1000000}
[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] || die "N must be a positive integer: $n"
seed=${SEED:-2020}
runs=${RUNS:-3}
[[ $runs =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || die "RUNS must be a positive integer: $runs"
goal=20
small=100000
quest=${CSM_QUESTIONNAIRE:-$root/questions/csmg-v2.json}

[ -d "$1" ] || die "not a directory: $1"
csm="$(cd "$1" && pwd)/cli/csm"
[ -f "$csm" ] && [ -x "$csm" ] || die "no executable $csm (build csm first)"
[ -f "$quest" ] || die "questionnaire not found: $quest"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for the peak RSS (apt-get install time)"

work=$(mktemp -d "${TMPDIR:-/tmp}/csm-aggregate-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_cmd OUT CMD...: run CMD once, stdout and stderr to OUT and OUT.err;
# on failure report it and return 3.
run_cmd() {
    local out=$1 rc=0
    shift
    "$@" >"$out" 2>"$out.err" || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "run.sh: failed (exit $rc): $*" >&2
        head -n 20 "$out.err" >&2
        return 3
    fi
}

# time_best K OUT CMD...: run CMD K times, print the best wall-clock time
# in seconds. Returns 3 if CMD fails.
time_best() {
    local k=$1 out=$2 best="" t0 t1 i
    shift 2
    for ((i = 0; i < k; i++)); do
        t0=$(date +%s.%N)
        run_cmd "$out" "$@" || return 3
        t1=$(date +%s.%N)
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
            'BEGIN { t = b - a; if (best == "" || t < best + 0) best = t; printf "%.6f", best }')
    done
    echo "$best"
}

# peak_rss_mb OUT CMD...: run CMD once under /usr/bin/time, print its peak RSS in MB.
peak_rss_mb() {
    local out=$1
    shift
    run_cmd "$out" /usr/bin/time -f %M -o "$out.rss" "$@" || return 3
    awk '{ kb = $1 } END { printf "%.1f", kb / 1024 }' "$out.rss"
}

big="$work/answers-$n.jsonl"
hundred="$work/answers-$small.jsonl"
echo "generating $n lines and $small lines (seed $seed) ..."
python3 "$here/generate.py" "$n" "$big" --seed "$seed" --questionnaire "$quest" \
    || { echo "run.sh: generate.py failed" >&2; exit 3; }
if [ "$n" -eq "$small" ]; then
    hundred=$big
else
    python3 "$here/generate.py" "$small" "$hundred" --seed "$seed" --questionnaire "$quest" \
        || { echo "run.sh: generate.py failed" >&2; exit 3; }
fi
echo "input: $n lines, $(awk -v b="$(wc -c <"$big")" 'BEGIN { printf "%.1f", b / 1048576 }') MB"

# 1. csm vs the reference.
t_csm=$(time_best "$runs" "$work/csm.log" \
    "$csm" bench aggregate "$big" -o "$work/csm.json" --name bench --allow-partial --data-dir "$root") || exit 3
t_ref=$(time_best 1 "$work/ref.json" python3 "$here/reference.py" "$big") || exit 3
awk -v c="$t_csm" -v r="$t_ref" -v g="$goal" -v n="$n" 'BEGIN {
    s = (c > 0) ? r / c : 0
    printf "csm: %.3f s  reference: %.2f s  speedup: %.1fx (goal >= %dx)%s\n",
        c, r, s, g, (s >= g) ? "" : "   goal missed"
    if (c > 0) printf "csm: %.0f lines/s\n", n / c
}'
status=0
python3 "$here/compare.py" "$work/csm.json" "$work/ref.json" || status=1

# 2. Peak memory.
rss_small=$(peak_rss_mb "$work/rss-small.log" \
    "$csm" bench aggregate "$hundred" -o "$work/rss-small.json" --name bench --allow-partial --data-dir "$root") || exit 3
rss_big=$(peak_rss_mb "$work/rss-big.log" \
    "$csm" bench aggregate "$big" -o "$work/rss-big.json" --name bench --allow-partial --data-dir "$root") || exit 3
echo "peak RSS: 100k lines $rss_small MB, $n lines $rss_big MB"

# 3. Database ingest.
ingest() {       # ingest LABEL DB
    local label=$1 db=$2 t
    run_cmd "$work/init.log" "$csm" db init --db "$db" --data-dir "$root" || return 3
    t=$(time_best 1 "$work/ingest.log" "$csm" db ingest --db "$db" "$hundred" --allow-partial --data-dir "$root") || return 3
    awk -v l="$label" -v t="$t" -v n="$small" 'BEGIN {
        printf "%s ingest: %d assessments in %.2f s = %.0f assessments/s\n",
            l, n, t, (t > 0) ? n / t : 0 }'
}
ingest SQLite "$work/T.sqlite" || exit 3
if [ -n "${CSM_PG_URL:-}" ]; then
    ingest PostgreSQL "$CSM_PG_URL" || exit 3
else
    echo "PostgreSQL: skipped (set CSM_PG_URL)"
fi

exit "$status"
