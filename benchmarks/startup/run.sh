#!/usr/bin/env bash
# Start-up benchmark (issue 15): the time of one short csm run, median of many,
# each command side by side with its baseline in the same hyperfine run:
#   csm --version              <= 8 ms          (baseline: BASELINE_CSM --version)
#   csm score of one file      <= 12 ms         (baseline: BASELINE_CSM score)
#   csm karte of one file      <= 0.15 x naive  (naive_karte: cairo radar as an
#                                                image + the whole font through
#                                                libharu's UTF-8 encoder)
# Prints the median wall times and their ratios, the mean CPU times (user +
# system, less sensitive to a busy machine) and theirs, and the shared objects
# each csm loads.
#
# usage: benchmarks/startup/run.sh BUILD_DIR [BASELINE_CSM] [RUNS]
#   BASELINE_CSM: a csm built before the change (e.g. from main), or none
#   RUNS: runs per command (default 200)
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [BASELINE_CSM] [RUNS]" >&2; exit 2; }
build=$(cd "$1" && pwd)
base=${2:-}
runs=${3:-200}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
csm=$build/cli/csm
naive=$build/benchmarks/startup/naive_karte
font=$(fc-match -f '%{file}' IPAexGothic)
command -v hyperfine >/dev/null || { echo "run.sh: needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 2; }
[ -x "$csm" ] && [ -x "$naive" ] || { echo "run.sh: build $build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000
ex=$root/examples/aozora-bank.json

# bench NAME CMD...: hyperfine, no shell; per command the median wall time
# and the mean CPU time in ms, into $work/NAME.median and $work/NAME.cpu
bench() {
	local name=$1
	shift
	hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/$name.json" "$@" >/dev/null 2>&1 ||
		{ echo "run.sh: hyperfine failed for $name" >&2; exit 3; }
	python3 -c 'import json,sys; print(" ".join("%.3f" % (r["median"] * 1000) for r in json.load(open(sys.argv[1]))["results"]))' \
		"$work/$name.json" >"$work/$name.median"
	python3 -c 'import json,sys; print(" ".join("%.3f" % ((r["user"] + r["system"]) * 1000) for r in json.load(open(sys.argv[1]))["results"]))' \
		"$work/$name.json" >"$work/$name.cpu"
}

echo "wall: median ms of $runs runs; cpu: mean user+system ms"
printf "%-31s %8s %8s %7s | %8s %8s %7s   %s\n" command wall "vs wall" ratio cpu "vs cpu" ratio goal
row() { # row LABEL NEW BASE NEWCPU BASECPU GOAL
	awk -v l="$1" -v n="$2" -v b="$3" -v nc="$4" -v bc="$5" -v g="$6" 'BEGIN {
		if (b == "-") printf "%-31s %8.2f %8s %7s | %8.2f %8s %7s   %s\n", l, n, "-", "-", nc, "-", "-", g;
		else printf "%-31s %8.2f %8.2f %7.3f | %8.2f %8.2f %7.3f   %s\n", l, n, b, n / b, nc, bc, nc / bc, g }'
}

if [ -n "$base" ]; then
	bench version "$csm --version" "$base --version"
	bench score "$csm score $ex --data-dir $root" "$base score $ex --data-dir $root"
else
	bench version "$csm --version"
	bench score "$csm score $ex --data-dir $root"
fi
read -r v vb <"$work/version.median"
read -r vc vbc <"$work/version.cpu"
read -r s sb <"$work/score.median"
read -r sc sbc <"$work/score.cpu"
row "csm --version vs baseline" "$v" "${vb:--}" "$vc" "${vbc:--}" "<= 8 ms"
row "csm score (one file) vs base" "$s" "${sb:--}" "$sc" "${sbc:--}" "<= 12 ms"

k_cmds=("$csm karte $ex -o $work/c.pdf --data-dir $root" "$naive $work/n.pdf $font")
[ -n "$base" ] && k_cmds+=("$base karte $ex -o $work/b.pdf --data-dir $root")
bench karte "${k_cmds[@]}"
read -r k kn kb <"$work/karte.median"
read -r kc knc kbc <"$work/karte.cpu"
row "csm karte (one file) vs naive" "$k" "$kn" "$kc" "$knc" "<= 0.15 x naive"
[ -n "$base" ] && row "baseline karte vs naive" "$kb" "$kn" "$kbc" "$knc" "(before)"

echo
echo "shared objects loaded (ldd):  csm $(ldd "$csm" | wc -l)${base:+, baseline $(ldd "$base" | wc -l)}"
for c in version score karte; do
	case $c in
	version) args=(--version) ;;
	score) args=(score "$ex" --data-dir "$root") ;;
	karte) args=(karte "$ex" -o "$work/c.pdf" --data-dir "$root") ;;
	esac
	n=$(LD_DEBUG=files "$csm" "${args[@]}" 2>&1 >/dev/null | grep -c 'generating link map' || true)
	printf "  %-8s opens %3d objects" "$c" "$n"
	if [ -n "$base" ]; then
		nb=$(LD_DEBUG=files "$base" "${args[@]}" 2>&1 >/dev/null | grep -c 'generating link map' || true)
		printf "   (baseline %d)" "$nb"
	fi
	echo
done
