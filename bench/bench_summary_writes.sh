#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_summary_writes.sh — the figures summary's national page (P1's third
# endpoint) while writes go on, since its reply is kept only while nothing is
# committed (app/kept.h): summary reads per second with no writes, with a
# writer posting about 5 activities a second (curl, one at a time, 100 ms
# apart), and with wrk posting activities flat out on 4 connections; then the
# kept replies' hits and misses from /metrics.
# Usage: bench/bench_summary_writes.sh NATIONAL_DB [BINARY]
#        (NATIONAL_DB from `lantoa demo --national`, copied first; needs wrk, curl, python3)
set -eu
SRC=$1
B=${2:-build/lantoa}
PORT=${LANTOA_BENCH_PORT:-18411}
T=$(mktemp -d)
PID=""
. "$(dirname "$0")/lib_http.sh"
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$T"' EXIT
cp "$SRC" "$T/nat.db"
"$B" --db "$T/nat.db" serve --listen 127.0.0.1:$PORT --threads 4 >"$T/serve.log" 2>&1 &
PID=$!
for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
bench_session vn
DIR=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select min(id) from directive").fetchone()[0])' "$T/nat.db")
bench_post_lua "$DIR"
SUM="http://127.0.0.1:$PORT/api/v1/directives/$DIR/figures/summary"
reads() { wrk -t2 -c16 -d8s -H "Cookie: $COOKIE" "$SUM" | awk '/Requests\/sec/ {print $2}'; }
echo "no writes: $(reads) summary reads/s"
(
	end=$(($(date +%s) + 9))
	n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		curl -s -o /dev/null -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
			-d "{\"directive_id\":$DIR,\"channel\":\"print\",\"title\":\"Bản tin $n\",\"date\":\"2024-01-25\"}" \
			"http://127.0.0.1:$PORT/api/v1/activities"
		n=$((n + 1))
		sleep 0.1
	done
	echo "$n" >"$T/slow.n"
) &
W=$!
R=$(reads)
wait $W
echo "a writer at about 5 a second ($(cat "$T/slow.n") writes in 9 s): $R summary reads/s"
wrk -t1 -c4 -d9s -s "$T/post.lua" -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
	"http://127.0.0.1:$PORT/api/v1/activities" >"$T/w.out" &
W=$!
sleep 0.5
R=$(reads)
wait $W
echo "writes flat out (4 connections): $R summary reads/s, $(awk '/Requests\/sec/ {print $2}' "$T/w.out") writes/s"
curl -s "http://127.0.0.1:$PORT/metrics" | grep '^lantoa_kept_replies_total'
