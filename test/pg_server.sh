#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its own data directory, reached
# only through a Unix socket (no TCP), trust authentication, fsync off.
#
#   test/pg_server.sh start DIR   DIR: a fresh, empty directory, short (the
#                                 socket path DIR/sock/.s.PGSQL.5432 must fit
#                                 in 107 bytes), e.g. $(mktemp -d /tmp/csmpg.XXXXXX).
#                                 Creates database csmtest, prints one line on
#                                 stdout: a libpq URL for it, usable by the caller.
#   test/pg_server.sh stop DIR    stops that server and removes DIR.
#   test/pg_server.sh bindir      prints the directory of the PostgreSQL programs.
#
# Run as root, the server runs as the unprivileged system user "postgres"
# (created by Debian's postgresql package; CSM_PG_OS_USER overrides it), as
# PostgreSQL refuses to run as root. Run as anyone else, it runs as that user.
# Either way the database superuser is "postgres". PG_BINDIR may name the
# directory holding initdb, pg_ctl, postgres, createdb and psql; otherwise the
# newest /usr/lib/postgresql/N/bin (Debian) or else $PATH is used.
# Needs (Debian): apt-get install postgresql   (libpq-dev to build clients).
# Never touches a system cluster, its port, or systemd.
set -euo pipefail
umask 022

me=${0##*/}
die() { printf '%s: %s\n' "$me" "$*" >&2; exit 1; }
usage() { die "usage: $me start DIR | stop DIR | bindir"; }

readonly port=5432 db=csmtest dbuser=postgres marker=.csm_pg_server
# Settings the caller's environment could otherwise slip into our commands.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE \
      PGOPTIONS PGDATA PGPASSFILE PGPASSWORD PGSSLMODE PGTARGETSESSIONATTRS || true
export LC_ALL=C

find_bindir() {
	local d
	if [[ -n ${PG_BINDIR:-} ]]; then
		[[ -x $PG_BINDIR/initdb && -x $PG_BINDIR/pg_ctl && -x $PG_BINDIR/postgres ]] ||
			die "PG_BINDIR=$PG_BINDIR does not hold initdb, pg_ctl and postgres"
		printf '%s\n' "$PG_BINDIR"; return
	fi
	# Debian keeps the server programs off $PATH, one directory per major version.
	while IFS= read -r d; do
		if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
			printf '%s\n' "$d"; return
		fi
	done < <(printf "%s\n" /usr/lib/postgresql/*/bin | sort -rV)
	if d=$(command -v pg_ctl 2>/dev/null) && d=$(dirname "$(readlink -f "$d")") &&
	   [[ -x $d/initdb && -x $d/postgres ]]; then
		printf '%s\n' "$d"; return
	fi
	die "PostgreSQL server programs (initdb, pg_ctl, postgres) not found;" \
	    "install them (Debian: apt-get install postgresql) or set PG_BINDIR"
}

# Run a client program (createdb, psql): from the server's bindir if there, else $PATH.
client() {
	local p=$1; shift
	if [[ -x $bindir/$p ]]; then "$bindir/$p" "$@"
	elif command -v "$p" >/dev/null; then "$p" "$@"
	else die "$p not found (Debian: apt-get install postgresql-client)"; fi
}

# Percent-encode a string for a URL query value.
urlencode() {
	local s=$1 out="" c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~/-]) out+=$c ;;
		*) printf -v c '%%%02X' "'$c"; out+=$c ;;
		esac
	done
	printf '%s' "$out"
}

# Absolute form of DIR, without requiring it to exist.
absdir() {
	local d=$1
	[[ -n $d ]] || usage
	[[ $d == /* ]] || d=$PWD/$d
	realpath -m -- "$d"
}

# as_owner USER CMD...: run CMD as USER (only differs from us when we are root),
# from inside $dir so that the server never has an unreadable working directory.
as_owner() {
	local u=$1; shift
	if (( EUID == 0 )) && [[ $u != root ]]; then
		if command -v setpriv >/dev/null; then
			(cd "$dir" && exec setpriv --reuid="$u" --regid="$u" --init-groups -- "$@")
		else
			(cd "$dir" && exec runuser -u "$u" -- "$@")
		fi
	else
		(cd "$dir" && exec "$@")
	fi
}

# ---------------------------------------------------------------------------
cmd_start() {
	dir=$(absdir "${1:-}")
	# Globals, not locals: the EXIT trap (cleanup) reads them.
	sock=$dir/sock data=$dir/data osuser="" started=0 ok=0
	local url

	bindir=$(find_bindir)
	case $dir in *[\'\\\"\$\`]*|*[[:space:]]*)
		die "DIR must not contain quotes, backslashes, dollars or white space: $dir" ;;
	esac
	local sockfile=$sock/.s.PGSQL.$port
	(( ${#sockfile} <= 107 )) ||
		die "DIR too long: socket path $sockfile is ${#sockfile} bytes, the limit is 107; use a DIR under /tmp"
	if (( EUID == 0 )); then
		osuser=${CSM_PG_OS_USER:-postgres}
		getent passwd "$osuser" >/dev/null ||
			die "running as root, but there is no system user '$osuser' to run the server" \
			    "(Debian's postgresql package creates 'postgres'; or set CSM_PG_OS_USER)"
	else
		osuser=$(id -un)
	fi

	if [[ -e $dir ]]; then
		[[ -d $dir ]] || die "$dir exists and is not a directory"
		[[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
	else
		mkdir -p "$dir"
	fi

	cleanup() {
		(( ok )) && return
		if (( started )); then
			as_owner "$osuser" "$bindir/pg_ctl" -D "$data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
		fi
		local f files="pg_ctl.out log createdb.out"
		(( started )) || files="initdb.out"
		for f in $files; do
			[[ -s $dir/$f ]] && { printf -- '--- %s\n' "$f"; tail -n 30 "$dir/$f"; } >&2
		done
		rm -rf -- "$dir"
		printf '%s: failed to start a PostgreSQL server in %s\n' "$me" "$dir" >&2
	}
	trap cleanup EXIT

	: > "$dir/$marker"
	mkdir "$sock"
	chmod 0755 "$dir" "$sock"   # the caller (maybe not the owner) must reach the socket
	if (( EUID == 0 )); then
		chown -R "$osuser:" "$dir"
		as_owner "$osuser" test -w "$dir" ||
			die "user $osuser cannot write to $dir (is a parent directory closed to it?); use a DIR under /tmp"
	fi

	as_owner "$osuser" "$bindir/initdb" -D "$data" -U "$dbuser" --auth=trust \
		--encoding=UTF8 --locale=C --no-sync > "$dir/initdb.out" 2>&1 ||
		die "initdb failed"

	started=1   # from here on, cleanup stops whatever may have started
	as_owner "$osuser" "$bindir/pg_ctl" -D "$data" -l "$dir/log" -w -t 60 \
		-o "-k '$sock' -p $port -c listen_addresses='' -F" start > "$dir/pg_ctl.out" 2>&1 ||
		die "pg_ctl start failed"

	client createdb -h "$sock" -p "$port" -U "$dbuser" "$db" > "$dir/createdb.out" 2>&1 ||
		die "createdb failed"

	url="postgresql:///$db?host=$(urlencode "$sock")&port=$port&user=$dbuser"
	[[ $(client psql "$url" -X -A -t -q -c 'select 1' 2>>"$dir/createdb.out") == 1 ]] ||
		die "the server does not answer at $url"

	ok=1
	trap - EXIT
	printf '%s\n' "$url"
}

# ---------------------------------------------------------------------------
cmd_stop() {
	dir=$(absdir "${1:-}")
	local data=$dir/data osuser rc=0
	[[ -e $dir ]] || return 0        # already gone: nothing to do
	[[ -d $dir ]] || die "$dir is not a directory"
	# Never rm -rf something that pg_server.sh start did not make.
	[[ -e $dir/$marker || -z $(ls -A "$dir") ]] ||
		die "$dir was not made by '$me start'; not removing it"

	if [[ -f $data/postmaster.pid ]]; then
		bindir=$(find_bindir)
		osuser=$(stat -c %U "$data")
		if ! as_owner "$osuser" "$bindir/pg_ctl" -D "$data" stop -m fast -w -t 60 >/dev/null 2>&1 &&
		   ! as_owner "$osuser" "$bindir/pg_ctl" -D "$data" stop -m immediate -w -t 30 >/dev/null 2>&1 &&
		   [[ -f $data/postmaster.pid ]]; then
			# Still there: a live postmaster we cannot stop, or a stale pid file.
			local pid
			pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
			if [[ $pid =~ ^[0-9]+$ && -d /proc/$pid ]] &&
			   [[ $(ps -o comm= -p "$pid" 2>/dev/null) =~ ^(postgres|postmaster)$ ]]; then
				printf '%s: could not stop postmaster %s of %s\n' "$me" "$pid" "$data" >&2
				tail -n 20 "$dir/log" >&2 2>/dev/null || true
				return 1   # keep DIR: removing a live server's files helps nobody
			fi
		fi
	fi
	rm -rf -- "$dir" || rc=$?
	return "$rc"
}

case ${1:-} in
start)  [[ $# == 2 ]] || usage; cmd_start "$2" ;;
stop)   [[ $# == 2 ]] || usage; cmd_stop "$2" ;;
bindir) [[ $# == 1 ]] || usage; find_bindir ;;
*)      usage ;;
esac
