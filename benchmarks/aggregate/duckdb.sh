#!/usr/bin/env bash
# DuckDB as a peer of `csm bench aggregate`: the same group means (the ten
# directive means of `all` and of each industry) on the same generated files,
# the numbers checked against csm's export, and the ratio of wall times.
#
# usage: benchmarks/aggregate/duckdb.sh BUILD_DIR [N ...]   (N defaults to 200000 1000000)
#
# DuckDB is not a dependency of csm or of its tests: the first run installs
# the npm package @duckdb/node-api into a scratch folder (CSM_DUCKDB_DIR,
# default ${TMPDIR:-/tmp}/csm-duckdb; needs node >= 20 and npm). For each N
# it generates N lines (generate.py), then runs csm and DuckDB RUNS times
# each (default 5), alternately so that both see the same load, and prints
# the medians of the wall times of the whole processes (csm: read, validate
# every line, score, aggregate, write the full k-anonymous export; DuckDB:
# start, read_ndjson, group, return 80 means), DuckDB's own query time
# (without node's start), the ratio csm / DuckDB (goal <= 1.0) and the load
# average. csm's peak RSS is printed too (it must not grow with N).
#
# Exit status: 0 the means agree (even if the speed goal is missed); 1 they
# differ; 2 usage or setup error; 3 a command failed.
#
# Environment (optional): RUNS (5), THREADS (DuckDB threads, 2), SEED (2020),
# CSM_DUCKDB_DIR, CSM_QUESTIONNAIRE, TMPDIR.
set -euo pipefail

die() { echo "duckdb.sh: $*" >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [N ...]" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
threads=${THREADS:-2}
seed=${SEED:-2020}
quest=${CSM_QUESTIONNAIRE:-$root/questions/csmg-v2.json}
duck=${CSM_DUCKDB_DIR:-${TMPDIR:-/tmp}/csm-duckdb}
[[ $runs =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || die "RUNS must be a positive integer: $runs"
[ -d "$1" ] || die "not a directory: $1"
csm="$(cd "$1" && pwd)/cli/csm"
[ -x "$csm" ] || die "no executable $csm (build csm first)"
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200000 1000000)
for n in "${sizes[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] || die "N must be a positive integer: $n"
done
command -v node >/dev/null || die "node (>= 20) is needed for DuckDB's @duckdb/node-api"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for the peak RSS (apt-get install time)"

if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
    command -v npm >/dev/null || die "npm is needed to install @duckdb/node-api into $duck"
    echo "installing @duckdb/node-api into $duck ..."
    mkdir -p "$duck"
    npm install --prefix "$duck" --no-audit --no-fund --loglevel=error @duckdb/node-api >/dev/null \
        || die "npm install @duckdb/node-api failed"
fi
export CSM_DUCKDB_DIR=$duck
duck_version=$(node -e "console.log(require('$duck/node_modules/@duckdb/node-api/package.json').version)")

work=$(mktemp -d "${TMPDIR:-/tmp}/csm-duckdb-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wall CMD...: run CMD (output to $work/out, $work/err), print its wall time in s.
wall() {
    local t0 t1 rc=0
    t0=$(date +%s.%N)
    "$@" >"$work/out" 2>"$work/err" || rc=$?
    t1=$(date +%s.%N)
    if [ "$rc" -ne 0 ]; then
        echo "duckdb.sh: failed (exit $rc): $*" >&2
        head -n 20 "$work/err" >&2
        return 3
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }'
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "DuckDB $duck_version (node $(node --version), $threads threads); csm $("$csm" --version 2>/dev/null | head -n 1)"
echo "cores: $(nproc); median of $runs runs each, csm and DuckDB alternately"
status=0
for n in "${sizes[@]}"; do
    f="$work/answers-$n.jsonl"
    python3 "$here/generate.py" "$n" "$f" --seed "$seed" --questionnaire "$quest" \
        || { echo "duckdb.sh: generate.py failed" >&2; exit 3; }
    csm_cmd=("$csm" bench aggregate "$f" -o "$work/csm.json" --name bench --allow-partial --data-dir "$root")
    duck_cmd=(node "$here/duckdb_means.mjs" "$f" "$quest" "$threads")
    # the check, and a first run of each to warm the page cache
    wall "${csm_cmd[@]}" >/dev/null || exit 3
    if ! node "$here/duckdb_means.mjs" "$f" "$quest" "$threads" "$work/csm.json" >"$work/check" 2>"$work/check.err"; then
        cat "$work/check.err" >&2
        echo "N=$n: DuckDB's means differ from csm's" >&2
        status=1
    fi
    check=$(cat "$work/check")
    load0=$(cut -d' ' -f1 /proc/loadavg)
    tc="" td="" tq=""
    for ((i = 0; i < runs; i++)); do
        tc="$tc $(wall "${csm_cmd[@]}")" || exit 3
        td="$td $(wall "${duck_cmd[@]}")" || exit 3
        tq="$tq $(sed -n 's/.*"query_s":\([0-9.e-]*\).*/\1/p' "$work/out")"
    done
    load1=$(cut -d' ' -f1 /proc/loadavg)
    rss=$(/usr/bin/time -f %M "${csm_cmd[@]}" 2>&1 >/dev/null | tail -n 1)
    mc=$(echo "$tc" | median) md=$(echo "$td" | median) mq=$(echo "$tq" | median)
    awk -v n="$n" -v c="$mc" -v d="$md" -v q="$mq" -v rss="$rss" -v l0="$load0" -v l1="$load1" -v chk="$check" 'BEGIN {
        r = c / d
        printf "N=%d: csm %.3f s  DuckDB %.3f s (query %.3f s)  csm/DuckDB %.2f (goal <= 1.0)%s\n",
            n, c, d, q, r, (r <= 1.0) ? "" : "   goal missed"
        printf "      csm peak RSS %.1f MB; load average %s -> %s; check %s\n", rss / 1024, l0, l1, chk
    }'
    echo "      csm runs:$tc"
    echo "      DuckDB runs:$td"
    rm -f "$f"
done
exit "$status"
