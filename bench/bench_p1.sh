#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_p1.sh — P1 of issue 10 alone, for comparing servers in one run: the three
# API reads of bench_http.sh (`GET /api/v1/units?limit=50`,
# `GET /api/v1/activities?limit=20`, `GET /api/v1/directives/1/figures/summary`,
# as the national officer) against nginx
# serving the same bytes from a file (lib_http.sh), measured in turns.
#
# Each case is "LABEL:BINARY"; each serves its own copy of the same national
# demo database (a newer binary may migrate it), all started at once on their
# own ports. The bodies must be byte-identical across the cases (else the run
# stops). Then ROUNDS times (LANTOA_BENCH_ROUNDS, default 2), for each endpoint:
# nginx, then every case in turn, wrk with the same threads, connections and
# duration; the ratio is the case's req/s over nginx's in the same round.
# "CPU µs/req" is the server process's CPU time (user + system, from
# /proc/PID/stat) over the requests wrk counted: what one request costs the
# server, which moves less than req/s when other work shares the machine.
# Usage: bench/bench_p1.sh NATIONAL_DB CASE...
#        (NATIONAL_DB from `lantoa --db FILE demo --national`; needs wrk, nginx, sqlite3, curl, python3)
set -eu
SRC=$1
shift
T=$(mktemp -d)
BASE=${LANTOA_BENCH_PORT:-18395}
NPORT=$BASE
DUR=${LANTOA_BENCH_SECONDS:-10}
CONN=${LANTOA_BENCH_CONNECTIONS:-16}
ROUNDS=${LANTOA_BENCH_ROUNDS:-2}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PIDS=""
. "$(dirname "$0")/lib_http.sh"
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; [ -f "$T/nginx.pid" ] && kill $(cat "$T/nginx.pid") 2>/dev/null; rm -rf "$T"' EXIT

bench_nginx_conf
DIR=$(sqlite3 "$SRC" "select id from directive order by id limit 1")
EPS="/api/v1/units?limit=50 /api/v1/activities?limit=20 /api/v1/directives/$DIR/figures/summary"
k=0
for c in "$@"; do
	k=$((k + 1))
	bin=${c#*:}
	PORT=$((BASE + k))
	cp "$SRC" "$T/c$k.db"
	"$bin" --db "$T/c$k.db" serve --listen 127.0.0.1:$PORT --threads 4 >"$T/serve$k.log" 2>&1 &
	PIDS="$PIDS $!"
	echo $! >"$T/pid$k"
	for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
	bench_session vn
	echo "$COOKIE" >"$T/cookie$k"
	n=0
	for p in $EPS; do
		n=$((n + 1))
		code=$(curl -s -H "Cookie: $COOKIE" -o "$T/c$k.e$n" -w '%{http_code}' "http://127.0.0.1:$PORT$p")
		[ "$code" = 200 ] || { echo "bench_p1: ${c%%:*}: GET $p gave $code" >&2; exit 1; }
		if [ $k = 1 ]; then
			cp "$T/c$k.e$n" "$T/www/e$n.json"
		elif ! cmp -s "$T/c$k.e$n" "$T/www/e$n.json"; then
			echo "bench_p1: ${c%%:*}: GET $p differs from ${1%%:*}'s body" >&2
			exit 1
		fi
	done
done
"$NGINX" -c "$T/nginx.conf" -e "$T/ngx/error.log"
sleep 0.2

rps() {
	wrk -t2 -c"$CONN" -d"${DUR}s" -H "Cookie: $2" "$1" >"$T/wrk.out"
	awk '/Requests\/sec/ {print $2}' "$T/wrk.out"
}

echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; wrk -t2 -c$CONN -d${DUR}s;" \
	"\`serve --threads 4\`; nginx $($NGINX -v 2>&1 | sed 's/.*nginx\///') ($(nproc) workers). Bodies byte-identical across the cases."
echo
head="| round | endpoint | bytes | nginx req/s |"
rule="|---:|---|---:|---:|"
for c in "$@"; do
	head="$head ${c%%:*} req/s | ratio | CPU µs/req |"
	rule="$rule---:|---:|---:|"
done
echo "$head"
echo "$rule"
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	n=0
	for p in $EPS; do
		n=$((n + 1))
		b=$(rps "http://127.0.0.1:$NPORT/e$n.json" x)
		line="| $r | \`GET $p\` | $(stat -c %s "$T/www/e$n.json") | $b |"
		k=0
		for c in "$@"; do
			k=$((k + 1))
			t0=$(bench_cputicks "$(cat "$T/pid$k")")
			a=$(rps "http://127.0.0.1:$((BASE + k))$p" "$(cat "$T/cookie$k")")
			t1=$(bench_cputicks "$(cat "$T/pid$k")")
			nreq=$(awk '/requests in/ {print $1}' "$T/wrk.out")
			line="$line $a | $(echo "$a $b" | awk '{printf "%.3f", $1 / $2}')× | $(echo "$t0 $t1 $BENCH_HZ $nreq" | awk '{printf "%.0f", ($2 - $1) * 1e6 / $3 / $4}') |"
		done
		echo "$line"
	done
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
