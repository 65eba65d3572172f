#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_p2_pg.sh — P2 on PostgreSQL with group commit off and on (issue 11):
# durable writes over HTTP (`POST /api/v1/activities` as a grassroots cadre,
# wrk, one new activity per request) against one `lantoa serve --threads 4`
# node on a throw-away PostgreSQL 15 with fsync and synchronous_commit on, and
# pgbench on the same server (one INSERT per transaction, 1 and $CONN clients)
# as the baseline. The database is the plain `lantoa demo` (not the national
# one: its `db copy` into PostgreSQL takes minutes and P2 writes one row per
# request whatever the tree). The cases alternate off/on ROUNDS times, because
# the machine is shared; each prints its requests per second, the writes kept
# (rows counted before and after), non-2xx and socket errors, and the
# group-commit counters from /metrics (batches, jobs, largest batch).
# Usage: bench/bench_p2_pg.sh [BUILD_DIR]   (needs wrk, curl, python3, psql, pgbench)
set -eu
{
B=${1:-build}
HERE=$(cd "$(dirname "$0")/.." && pwd)
DUR=${LANTOA_BENCH_SECONDS:-10}
CONN=${LANTOA_BENCH_CONNECTIONS:-16}
ROUNDS=${LANTOA_BENCH_ROUNDS:-2}
PORT=${LANTOA_BENCH_PORT:-18397}
T=$(mktemp -d)
PID=""
PGDIR=""
cleanup() {
	[ -z "$PID" ] || kill "$PID" 2>/dev/null || true
	[ -z "$PGDIR" ] || sh "$HERE/scripts/pg-test.sh" stop "$PGDIR"
	rm -rf "$T"
}
. "$HERE/bench/lib_http.sh"
trap cleanup EXIT
trap 'exit 1' INT TERM

# Durable like SQLite's synchronous=FULL (pg-test.sh's defaults are for tests).
PG_FSYNC=on PG_SYNCHRONOUS_COMMIT=on sh "$HERE/scripts/pg-test.sh" start >"$T/pgenv"
PGDIR=$(sed -n 's/^LANTOA_TEST_PG_DIR=//p' "$T/pgenv")
PGURL=$(sed -n 's/^LANTOA_TEST_PG=//p' "$T/pgenv")
sql() { psql -X -q -At "$PGURL" -c "$1"; }
"$B/lantoa" --db "$PGURL" init >/dev/null
"$B/lantoa" --db "$PGURL" demo >/dev/null
DIR=$(sql "SELECT id FROM directive WHERE number = '42/LĐLĐ'")
echo "PostgreSQL $(sql 'show server_version'): fsync $(sql 'show fsync'), synchronous_commit $(sql 'show synchronous_commit'), full_page_writes $(sql 'show full_page_writes')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; wrk -t2 -c$CONN -d${DUR}s"

metric() { awk -v n="$1" '$1 == n {print $2; f = 1} END {if (!f) print "-"}' "$T/metrics"; }

run() {
	printf '[server]\nthreads = 4\ngroup_commit = %s\naccess_log = false\n' "$1" >"$T/lantoa.conf"
	"$B/lantoa" --db "$PGURL" --config "$T/lantoa.conf" serve --listen 127.0.0.1:$PORT --threads 4 \
		>"$T/serve.log" 2>&1 &
	PID=$!
	for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
	bench_session cs-00577-01
	bench_post_lua "$DIR"
	before=$(sql "SELECT count(*) FROM activity")
	w=$(wrk -t2 -c"$CONN" -d"${DUR}s" -s "$T/post.lua" "http://127.0.0.1:$PORT/api/v1/activities")
	after=$(sql "SELECT count(*) FROM activity")
	curl -s "http://127.0.0.1:$PORT/metrics" >"$T/metrics"
	kill "$PID"
	wait "$PID" 2>/dev/null || true
	PID=""
	printf '| group_commit = %s | %s | %s | %s | %s | %s / %s / %s | %s |\n' "$1" \
		"$(echo "$w" | awk '/Requests\/sec/ {printf "%.0f", $2}')" $((after - before)) \
		"$(echo "$w" | awk '/^non2xx/ {print $2}')" "$(echo "$w" | awk '/^errs/ {print $2}')" \
		"$(metric lantoa_group_commit_batches_total)" "$(metric lantoa_group_commit_jobs_total)" \
		"$(metric lantoa_group_commit_largest_batch)" "$(cut -d' ' -f1 /proc/loadavg)"
}

pgb() {
	echo "INSERT INTO raw_a(directive_id, unit_id, channel, title, date, created_at) VALUES ($DIR, 1, 'print', 'Bản tin số ' || :client_id, '2024-01-25', '2026-12-05T00:00:00Z');" >"$T/raw.pgb"
	tps=$(pgbench -n -f "$T/raw.pgb" -c "$1" -j $(($1 > 1 ? 2 : 1)) -T "$DUR" "$PGURL" 2>"$T/pgbench.err" |
		awk '/^tps/ {printf "%.0f", $3; exit}')
	printf '| pgbench, %s client(s), one INSERT per transaction | %s | | | | | %s |\n' "$1" "$tps" \
		"$(cut -d' ' -f1 /proc/loadavg)"
}

sql "CREATE TABLE raw_a(id bigserial PRIMARY KEY, directive_id bigint, unit_id bigint, channel text, title text, date text, created_at text)" >/dev/null
echo
echo "| case | req/s (tx/s) | writes kept | non-2xx | socket errors | batches / jobs / largest | load (1 min) |"
echo "|---|---|---|---|---|---|---|"
pgb 1
pgb "$CONN"
r=0
while [ $r -lt "$ROUNDS" ]; do
	run off
	run on
	r=$((r + 1))
done
pgb "$CONN"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
