#!/usr/bin/env bash
# Runs the database tests (the program given) against a real PostgreSQL
# server started for the purpose and stopped afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/csmpg.XXXXXX)
rmdir "$dir"
trap '"$here/pg_server.sh" stop "$dir" >/dev/null 2>&1 || true' EXIT
url=$("$here/pg_server.sh" start "$dir")
"$1" "$url"
