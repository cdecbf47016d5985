#!/usr/bin/env bash
# Smoke test of test/pg_server.sh: start a throwaway PostgreSQL server, create
# a table, insert and count through psql, stop the server.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server=$here/pg_server.sh

dir=$(mktemp -d /tmp/csmpg.XXXXXX) || { echo "0 passed, 1 failed"; exit 1; }
trap '"$server" stop "$dir"' EXIT

fail() { printf 'FAIL: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

url=$("$server" start "$dir") || fail "pg_server.sh start failed"
[[ -n $url ]] || fail "pg_server.sh start printed no URL"

if command -v psql >/dev/null; then psql=psql; else psql=$("$server" bindir)/psql; fi
out=$("$psql" "$url" -X -q -A -t -v ON_ERROR_STOP=1 \
	-c "create table t(x int); insert into t values (1); select count(*) from t;" 2>&1) ||
	fail "psql failed: $out"
[[ $out == 1 ]] || fail "expected count 1, psql printed: $out"

"$server" stop "$dir" || fail "pg_server.sh stop failed"
trap - EXIT
[[ ! -e $dir ]] || fail "$dir is still there after stop"
echo "1 passed, 0 failed"
