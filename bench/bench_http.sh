#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_http.sh — P1 and P2 of issue 10, on the national demo (138k units).
#
# P1: API reads against nginx serving the same bytes. Each endpoint's body is
#     fetched once and written to a file; nginx (Debian's nginx-light, one
#     worker per CPU, access log off) serves that file, and wrk drives both
#     with the same connections, threads and duration. Ratio = lantoa req/s ÷
#     nginx req/s. Neither side compresses (wrk sends no Accept-Encoding).
# P2: durable writes over HTTP (one activity per POST, answered after its
#     commit; SQLite synchronous=FULL) against a raw loop of the same
#     durability: sqlite3 inserting one row per transaction into a WAL
#     database with synchronous=FULL on the same file system.
# Usage: bench/bench_http.sh [BUILD_DIR]   (needs wrk, nginx, sqlite3, curl, python3)
set -eu
B=${1:-build}
T=$(mktemp -d)
PORT=${LANTOA_BENCH_PORT:-18195}
NPORT=$((PORT + 1))
DUR=${LANTOA_BENCH_SECONDS:-10}
CONN=${LANTOA_BENCH_CONNECTIONS:-16}
DB=$T/nat.db
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PID=""
. "$(dirname "$0")/lib_http.sh"
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; [ -f "$T/nginx.pid" ] && kill $(cat "$T/nginx.pid") 2>/dev/null; rm -rf "$T"' EXIT
"$B/lantoa" --db "$DB" --lang en demo --national >/dev/null 2>"$T/demo.log"
"$B/lantoa" --db "$DB" serve --listen 127.0.0.1:$PORT --threads 4 >"$T/serve.log" 2>&1 &
PID=$!
for i in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

bench_session vn
ROOT=$(sqlite3 "$DB" "select id from unit where code='VN'")
DIR=$(sqlite3 "$DB" "select id from directive order by id limit 1")

bench_nginx_conf

# wrk's requests per second for URL with our cookie.
rps() {
	wrk -t2 -c"$CONN" -d"${DUR}s" -H "Cookie: $COOKIE" "$1" | awk '/Requests\/sec/ {print $2}'
}

echo "## P1 and P2: the HTTP server against nginx and a raw SQLite loop (national tree)"
echo
echo "$(grep -o 'National tree: .*' "$T/demo.log")"
echo
echo "P1: wrk, 2 threads, $CONN connections, ${DUR} s each; lantoa \`serve --threads 4\` vs nginx $($NGINX -v 2>&1 | sed 's/.*nginx\///') ($(nproc) workers) serving the same bytes from a file."
echo
echo "| endpoint | bytes | lantoa req/s | nginx req/s | ratio |"
echo "|---|---:|---:|---:|---:|"
n=0
for p in "/api/v1/units?limit=50" "/api/v1/activities?limit=20" "/api/v1/directives/$DIR/figures/summary"; do
	n=$((n + 1))
	code=$(curl -s -H "Cookie: $COOKIE" -o "$T/www/e$n.json" -w '%{http_code}' "http://127.0.0.1:$PORT$p")
	[ "$code" = 200 ] || { echo "bench_http: GET $p gave $code" >&2; exit 1; }
	[ "$n" = 1 ] && "$NGINX" -c "$T/nginx.conf" -e "$T/ngx/error.log"
	sleep 0.2
	bytes=$(stat -c %s "$T/www/e$n.json")
	a=$(rps "http://127.0.0.1:$PORT$p")
	b=$(rps "http://127.0.0.1:$NPORT/e$n.json")
	r=$(echo "$a $b" | awk '{printf "%.3f", $1 / $2}')
	echo "| \`GET $p\` | $bytes | $a | $b | ${r}× |"
done

# P2: one new activity per request (a printed item, so no link to deduplicate).
bench_session cs-demo
N=$(sqlite3 "$DB" "select count(*) from activity")
bench_post_lua "$DIR"
out=$(wrk -t2 -c"$CONN" -d"${DUR}s" -s "$T/post.lua" "http://127.0.0.1:$PORT/api/v1/activities")
a=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
bad=$(echo "$out" | awk '/^non2xx/ {print $2}')
M=$(sqlite3 "$DB" "select count(*) from activity")
made=$((M - N))

# The raw loop: the same number of one-row transactions as lantoa acknowledged (at least 2,000).
RAW=$T/raw.db
k=$made; [ "$k" -lt 2000 ] && k=2000
raw=$(bench_sqlite_raw $k "$DIR" "$RAW")
r=$(echo "$a $raw" | awk '{printf "%.2f", $1 / $2}')
echo
echo "P2: \`POST /api/v1/activities\` as a grassroots cadre, wrk ${DUR} s, $CONN connections: $a req/s," \
	"$made activities written, $bad non-2xx answers. Raw loop (sqlite3, one INSERT per transaction," \
	"WAL, synchronous=FULL, same file system): $raw tx/s. Ratio **${r}×**."
echo
