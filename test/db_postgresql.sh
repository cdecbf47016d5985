#!/usr/bin/env bash
# Runs a test program (the command given, with its arguments) against a real
# PostgreSQL server started for the purpose and stopped afterwards; the
# server's libpq URL is passed as the last argument.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/csmpg.XXXXXX)
rmdir "$dir"
trap '"$here/pg_server.sh" stop "$dir" >/dev/null 2>&1 || true' EXIT
url=$("$here/pg_server.sh" start "$dir")
"$@" "$url"
