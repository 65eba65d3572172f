#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_p2.sh — P2 of issue 10 alone, for comparing servers in one run: durable
# writes over HTTP (`POST /api/v1/activities` as a grassroots cadre, wrk, one new
# activity per request) against the raw SQLite loop (lib_http.sh: one INSERT per
# transaction, WAL, synchronous=FULL, same file system), measured in the same run.
#
# Each case is "LABEL:BINARY:THREADS:GROUP" (GROUP on|off); each runs on its own
# copy of the same national demo database, one after the other, and prints the
# requests per second, the writes kept, and the group-commit counters from
# /metrics (batches, jobs, largest batch). The raw loop runs before and after
# the cases; both rates are printed (the machine is shared). "CPU µs/req" is the
# server's CPU time (user + system, /proc/PID/stat, every thread: the writer's
# too) over the requests wrk counted.
# Usage: bench/bench_p2.sh NATIONAL_DB CASE...
#        (NATIONAL_DB from `lantoa --db FILE demo --national`; needs wrk, sqlite3, curl, python3)
#        On the plain demo: LANTOA_BENCH_LOGIN=cs-00577-01 LANTOA_BENCH_DIRECTIVE=2
#        (a grassroots cadre and the directive its unit received, with the real letter's themes).
set -eu
SRC=$1
shift
T=$(mktemp -d)
PORT=${LANTOA_BENCH_PORT:-18295}
DUR=${LANTOA_BENCH_SECONDS:-10}
CONN=${LANTOA_BENCH_CONNECTIONS:-16}
PID=""
. "$(dirname "$0")/lib_http.sh"
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$T"' EXIT

# metric NAME: its value in $T/metrics (0 when absent: a server without the counter).
metric() {
	awk -v n="$1" '$1 == n {print $2; f = 1} END {if (!f) print 0}' "$T/metrics"
}

raw_loop() {
	rm -f "$T/raw.db"*
	bench_sqlite_raw 3000 1 "$T/raw.db"
}

echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; wrk -t2 -c$CONN -d${DUR}s."
raw1=$(raw_loop)
echo "Raw loop (3000 one-row transactions, WAL, synchronous=FULL): $raw1 tx/s"
echo
echo "| case | threads | group commit | req/s | written | non-2xx | socket errors | batches | jobs | mean batch | largest | CPU µs/req | ratio to raw |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in "$@"; do
	label=${c%%:*}; rest=${c#*:}
	bin=${rest%%:*}; rest=${rest#*:}
	threads=${rest%%:*}; gc=${rest#*:}
	DB=$T/p2.db
	rm -f "$DB"*
	cp "$SRC" "$DB"
	printf '[server]\ngroup_commit = %s\n' "$gc" >"$T/p2.conf"
	"$bin" --db "$DB" --config "$T/p2.conf" serve --listen 127.0.0.1:$PORT --threads "$threads" \
		>"$T/serve.log" 2>&1 &
	PID=$!
	for i in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
	bench_session "${LANTOA_BENCH_LOGIN:-cs-demo}"
	DIR=${LANTOA_BENCH_DIRECTIVE:-$(sqlite3 "$DB" "select id from directive order by id limit 1")}
	N=$(sqlite3 "$DB" "select count(*) from activity")
	bench_post_lua "$DIR"
	c0=$(bench_cputicks $PID)
	out=$(wrk -t2 -c"$CONN" -d"${DUR}s" -s "$T/post.lua" "http://127.0.0.1:$PORT/api/v1/activities")
	c1=$(bench_cputicks $PID)
	curl -s "http://127.0.0.1:$PORT/metrics" >"$T/metrics"
	kill $PID
	wait $PID 2>/dev/null || true
	PID=""
	a=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	bad=$(echo "$out" | awk '/^non2xx/ {print $2}')
	errs=$(echo "$out" | awk '/^errs/ {print $2}')
	M=$(sqlite3 "$DB" "select count(*) from activity")
	b=$(metric lantoa_group_commit_batches_total)
	j=$(metric lantoa_group_commit_jobs_total)
	l=$(metric lantoa_group_commit_largest_batch)
	mean=$(echo "$j $b" | awk '{ if ($2 > 0) printf "%.1f", $1 / $2; else print "-" }')
	r=$(echo "$a $raw1" | awk '{printf "%.2f", $1 / $2}')
	nreq=$(echo "$out" | awk '/requests in/ {print $1}')
	us=$(echo "$c0 $c1 $BENCH_HZ $nreq" | awk '{ if ($4 > 0) printf "%.0f", ($2 - $1) * 1e6 / $3 / $4; else print "-" }')
	echo "| $label | $threads | $gc | $a | $((M - N)) | $bad | $errs | $b | $j | $mean | $l | $us | ${r}× |"
done
raw2=$(raw_loop)
echo
echo "Raw loop again after the cases: $raw2 tx/s; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
