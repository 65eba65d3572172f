#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# A throw-away PostgreSQL 15 for the tests: one server for a whole test run.
#
#   scripts/pg-test.sh start [DIR]   initdb in DIR (default: a new /tmp/lantoa-pg.XXXXXX),
#                                    start it on 127.0.0.1 and a unix socket in DIR on a
#                                    free port, create the role and database `lantoa`, and
#                                    print two lines for the shell or the test runner:
#                                      LANTOA_TEST_PG=postgresql://lantoa:…@127.0.0.1:PORT/lantoa
#                                      LANTOA_TEST_PG_DIR=DIR
#   scripts/pg-test.sh env DIR       print those two lines again
#   scripts/pg-test.sh stop DIR      stop the server and remove DIR
#   scripts/pg-test.sh restart DIR   stop the server at once (as a crash would: -m immediate)
#                                    and start it again, same port and settings
#   scripts/pg-test.sh psql DIR …    psql as the superuser over the unix socket
#
# The server runs as a non-root system user: as root, `postgres` (made by
# Debian's postgresql-common) or else a dedicated `lantoa-pg`; as anyone else,
# as that user. It is tuned for tests, not for keeping data: fsync off, and synchronous_commit
# off unless PG_SYNCHRONOUS_COMMIT=on (a test that crashes the server wants it on).
# PG_FSYNC=on turns fsync and full_page_writes on (a benchmark's durable writes
# must reach the disk like SQLite's synchronous=FULL; the tests keep the fast default).
# The superuser connects only over the socket (DIR is 0700); over TCP only
# `lantoa` with its random password (scram-sha-256), so a wrong password fails
# like it does on a real server.
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() { echo "pg-test: $*" >&2; exit 1; }

# Run a command as the server's user.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$PG_USER" -- "$@"
	else
		"$@"
	fi
}

pick_user() {
	if [ "$(id -u)" -ne 0 ]; then
		PG_USER=$(id -un)
	elif id postgres >/dev/null 2>&1; then
		PG_USER=postgres
	else
		id lantoa-pg >/dev/null 2>&1 ||
			useradd --system --no-create-home --shell /usr/sbin/nologin lantoa-pg
		PG_USER=lantoa-pg
	fi
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

print_env() {
	dir=$1
	[ -f "$dir/url" ] || die "no test server in $dir"
	echo "LANTOA_TEST_PG=$(cat "$dir/url")"
	echo "LANTOA_TEST_PG_DIR=$dir"
}

psql_su() {
	dir=$1
	shift
	as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$(cat "$dir/port")" -U postgres \
		-d postgres "$@"
}

start() {
	[ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb): apt-get install postgresql-15"
	pick_user
	if [ $# -gt 0 ]; then
		dir=$1
		mkdir -p "$dir"
	else
		dir=$(mktemp -d /tmp/lantoa-pg.XXXXXX)
	fi
	dir=$(cd "$dir" && pwd)
	# Whatever fails below leaves no server and no folder behind.
	trap 'stop "$dir"' EXIT
	chmod 0700 "$dir"
	[ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$dir"
	password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	# C collation: text sorts by code point, as in SQLite.
	if ! as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --no-locale --no-sync \
		--auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		die "initdb failed in $dir"
	fi
	tries=0
	while :; do
		port=$(free_port)
		if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -s \
			-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir \
			    -c fsync=${PG_FSYNC:-off} -c synchronous_commit=${PG_SYNCHRONOUS_COMMIT:-off} \
			    -c full_page_writes=${PG_FSYNC:-off} \
			    -c max_connections=200 -c log_min_messages=warning \
			    -c log_min_error_statement=panic" start; then
			break
		fi
		tries=$((tries + 1))
		# Another process may have taken the port between the probe and the start.
		[ $tries -lt 3 ] || { tail -n 20 "$dir/server.log" >&2; die "the server did not start"; }
	done
	echo "$port" >"$dir/port"
	# DROP DATABASE … WITH (FORCE) in the tests also ends autovacuum workers, a right of pg_signal_backend.
	psql_su "$dir" -c "CREATE ROLE lantoa LOGIN CREATEDB PASSWORD '$password'" \
		-c "GRANT pg_signal_backend TO lantoa" \
		-c "CREATE DATABASE lantoa OWNER lantoa"
	echo "postgresql://lantoa:$password@127.0.0.1:$port/lantoa" >"$dir/url"
	trap - EXIT
	print_env "$dir"
}

stop() {
	dir=$1
	[ -d "$dir" ] || return 0
	pick_user
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 -s stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

restart() {
	dir=$1
	[ -f "$dir/data/postmaster.pid" ] || die "no running server in $dir"
	pick_user
	as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m immediate -w -t 30 -s restart
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
start) start "$@" ;;
env) [ $# -eq 1 ] || die "usage: $0 env DIR"; print_env "$1" ;;
stop) [ $# -eq 1 ] || die "usage: $0 stop DIR"; stop "$1" ;;
restart) [ $# -eq 1 ] || die "usage: $0 restart DIR"; restart "$1" ;;
psql) [ $# -ge 1 ] || die "usage: $0 psql DIR [ARGS…]"; pick_user; d=$1; shift; psql_su "$d" "$@" ;;
*) die "usage: $0 start [DIR] | env DIR | stop DIR | restart DIR | psql DIR [ARGS…]" ;;
esac
