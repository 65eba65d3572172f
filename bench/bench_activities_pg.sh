#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# GET /api/v1/activities?limit=20 for several readers on one database (issue 11):
# the single-request latency (curl, median of N) and wrk's req/s, per login.
#
#   bench/bench_activities_pg.sh DB_URL [LOGIN…]     (default logins: vn)
#
# The database is the national demo (`lantoa demo --national`), in SQLite or
# copied into PostgreSQL with `lantoa db copy` (see bench_backends.sh); every
# login's password is lantoa2024. One `lantoa serve --threads 4` node, stopped
# on exit. N (default 9) requests per login for the latency, then wrk -t2
# -c$CONN (16) for $DUR (10) s. Extra query parameters: $QUERY (e.g.
# "&channel=facebook"). Prints "login  median_ms  min_ms  max_ms  req_s".
set -eu

HERE=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$HERE/build}
DB=$1
shift
[ $# -gt 0 ] || set -- vn
N=${N:-9}
CONN=${CONN:-16}
DUR=${DUR:-10}
QUERY=${QUERY:-}
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
T=$(mktemp -d /tmp/bench-act.XXXXXX)
PID=
cleanup() {
	[ -z "$PID" ] || kill "$PID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
. "$HERE/bench/lib_http.sh"

"$B/lantoa" --db "$DB" serve --listen 127.0.0.1:$PORT --threads 4 >"$T/serve.log" 2>&1 &
PID=$!
for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/api/v1/activities?limit=20$QUERY"
printf 'login\tmedian_ms\tmin_ms\tmax_ms\treq_s\n'
for login in "$@"; do
	bench_session "$login"
	code=$(curl -s -H "Cookie: $COOKIE" -o "$T/page.json" -w '%{http_code}' "$URL")
	[ "$code" = 200 ] || { echo "bench_activities_pg: $login: GET gave $code" >&2; cat "$T/page.json" >&2; exit 1; }
	for i in $(seq 1 "$N"); do
		curl -s -H "Cookie: $COOKIE" -o /dev/null -w '%{time_total}\n' "$URL"
	done | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f\t%.1f\t%.1f", v[int((NR + 1) / 2)], v[1], v[NR] }' >"$T/lat"
	rps=$(wrk -t2 -c"$CONN" -d"${DUR}s" -H "Cookie: $COOKIE" "$URL" | awk '/Requests\/sec/ {print $2}')
	printf '%s\t%s\t%s\n' "$login" "$(cat "$T/lat")" "$rps"
done
