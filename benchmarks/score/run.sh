#!/usr/bin/env bash
# Score benchmark: csm vs the straightforward Python reference.
#
# usage: benchmarks/score/run.sh CSM_BINARY [N]      (N defaults to 10000)
#
# Generates N random csmg-v2 answers files in a temporary directory (removed
# on exit), times, best of 3 runs each (wall clock),
#   CSM_BINARY score --json --allow-partial --data-dir REPO_ROOT FILE...
#   python3 reference.py --benchmark REPO_ROOT/benchmarks/beta-2020.json FILE...
# checks that both agree on every file (compare.py: directive scores and
# overall within 1e-9, same grade) and prints the times and the speedup
# (goal: csm at least 20x faster).
#
# Exit status: 0 all files agree (even if the speed goal is missed);
# 1 some file disagrees; 2 usage or setup error; 3 csm or the reference failed.
#
# Environment (optional): SEED (default 2020), RUNS (default 3),
# CSM_BENCHMARK and CSM_QUESTIONNAIRE to override the benchmark and
# questionnaire paths, TMPDIR for the work directory.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 CSM_BINARY [N]" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${2:-10000}
[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] || die "N must be a positive integer: $n"
seed=${SEED:-2020}
runs=${RUNS:-3}
goal=20
bench=${CSM_BENCHMARK:-$root/benchmarks/beta-2020.json}
quest=${CSM_QUESTIONNAIRE:-$root/questions/csmg-v2.json}

# Absolute path of the binary: we run the tools from inside the work directory.
csm=$1
if [[ $csm == */* ]]; then
    csm="$(cd "$(dirname "$csm")" && pwd)/$(basename "$csm")" || die "no such path: $1"
else
    csm=$(command -v "$csm") || die "not found: $1"
fi
[ -f "$csm" ] && [ -x "$csm" ] || die "not an executable file: $1"
[ -f "$bench" ] || die "benchmark not found: $bench"
[ -f "$quest" ] || die "questionnaire not found: $quest"
bench=$(cd "$(dirname "$bench")" && pwd)/$(basename "$bench")
quest=$(cd "$(dirname "$quest")" && pwd)/$(basename "$quest")

work=$(mktemp -d "${TMPDIR:-/tmp}/csm-score-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

python3 "$here/generate.py" "$n" "$work/files" --seed "$seed" \
    --questionnaire "$quest" || { echo "run.sh: generate.py failed" >&2; exit 3; }

# Short relative names keep the argument list small (about 20 bytes a file).
cd "$work/files"
files=(a*.json)
[ "${#files[@]}" -eq "$n" ] || die "expected $n files, found ${#files[@]}"
argbytes=$(( ${#files[@]} * 20 + 4096 ))
argmax=$(getconf ARG_MAX 2>/dev/null || echo 2097152)
[ "$argbytes" -lt "$argmax" ] || die "N=$n files do not fit in one argument list (ARG_MAX $argmax); use a smaller N"

# time_best OUT CMD...: run CMD RUNS times, stdout to OUT (last run kept),
# print the best wall-clock time in seconds. Returns 3 if CMD fails.
time_best() {
    local out=$1 best="" t0 t1 i rc
    shift
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s.%N)
        rc=0
        "$@" >"$out" 2>"$out.err" || rc=$?
        t1=$(date +%s.%N)
        if [ "$rc" -ne 0 ]; then
            echo "run.sh: failed (exit $rc): $1 ..." >&2
            head -n 20 "$out.err" >&2
            return 3
        fi
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
            'BEGIN { t = b - a; if (best == "" || t < best + 0) best = t; printf "%.6f", best }')
    done
    echo "$best"
}

t_csm=$(time_best "$work/csm.out" \
    "$csm" score --json --allow-partial --data-dir "$root" "${files[@]}") || exit 3
t_ref=$(time_best "$work/ref.out" \
    python3 "$here/reference.py" --benchmark "$bench" "${files[@]}") || exit 3

# The floor: only opening and reading the same files (cat), which neither
# side can go below; it bounds the ratio any implementation can reach here.
t_io=$(time_best "$work/io.out" cat "${files[@]}") || exit 3

echo "files: $n"
awk -v c="$t_csm" -v r="$t_ref" -v g="$goal" -v io="$t_io" 'BEGIN {
    s = (c > 0) ? r / c : 0
    printf "csm score: %.3f s   reference (python): %.2f s   speedup: %.1fx (goal >= %dx)%s\n",
        c, r, s, g, (s >= g) ? "" : "   goal missed"
    printf "reading the files alone (cat): %.3f s, so no program can be more than %.1fx faster than the reference here\n",
        io, (io > 0) ? r / io : 0
    printf "csm score / reading floor: %.2f (goal <= 2.0)%s\n", (io > 0) ? c / io : 0, (io > 0 && c / io <= 2.0) ? "" : "   goal missed"
}'

python3 "$here/compare.py" "$work/csm.out" "$work/ref.out" || exit 1
