#!/usr/bin/env bash
# A PostgreSQL server that stops during `csm db ingest`: one clear error
# (not thousands of libpq notices) and how many were stored, exit 3.
# usage: db_pg_lost.sh CSM SRC_DIR
set -euo pipefail
csm=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/csmpg.XXXXXX)
rmdir "$dir"
work=$(mktemp -d /tmp/csm-lost.XXXXXX)
trap '"$here/pg_server.sh" stop "$dir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
url=$("$here/pg_server.sh" start "$dir")
bindir=$("$here/pg_server.sh" bindir)
python3 - "$src" "$work/big.jsonl" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1] + "/examples/minato-services.json"))
with open(sys.argv[2], "w") as f:
    for i in range(20000):
        doc["organization"]["name"] = f"Org {i}"
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
PY
"$csm" db init --db "$url" --data-dir "$src" 2>/dev/null
"$csm" db ingest --db "$url" "$work/big.jsonl" --data-dir "$src" 2>"$work/err" &
pid=$!
# stop the server once the first batch is committed
for _ in $(seq 600); do
	n=$(psql -X -A -t -q "$url" -c 'SELECT count(*) FROM assessment' 2>/dev/null || echo 0)
	[[ $n -gt 0 ]] && break
	sleep 0.05
done
owner=$(stat -c %U "$dir/data")
if (( EUID == 0 )); then
	setpriv --reuid="$owner" --regid="$owner" --init-groups -- "$bindir/pg_ctl" -D "$dir/data" stop -m fast -w >/dev/null
else
	"$bindir/pg_ctl" -D "$dir/data" stop -m fast -w >/dev/null
fi
status=0
wait "$pid" || status=$?
lines=$(wc -l < "$work/err")
echo "exit $status, $lines line(s) on stderr:"
head -c 2000 "$work/err"
if [[ $status == 0 ]]; then
	echo "the ingest finished before the server stopped; nothing to test"
	exit 77
fi
fail=0
[[ $status == 3 ]] || { echo "FAIL: exit $status, expected 3"; fail=1; }
(( lines <= 3 )) || { echo "FAIL: $lines lines on stderr, expected one error and what was stored"; fail=1; }
grep -q "were stored before this; run the same ingest again" "$work/err" || { echo "FAIL: does not say to rerun"; fail=1; }
grep -q "connection to the server was lost" "$work/err" || { echo "FAIL: no clear message"; fail=1; }
grep -q "arrived from server while idle" "$work/err" && { echo "FAIL: libpq notices printed"; fail=1; }
if (( fail )); then echo "0 passed, 1 failed"; exit 1; fi
echo "1 passed, 0 failed"
