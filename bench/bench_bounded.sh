#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_bounded.sh — bounded responses on the national tree (issue 10).
# Builds `lantoa demo --national` (138k units, 1.8M figures) once in $TMP,
# starts the server, and prints a markdown section: bytes and time of the
# national dashboard, the national report, the figures summary, a page of
# units and the first page of every other paged list, against the strongest plain SQL for the same totals (sqlite3 on the
# covering index), and the server's RSS after a burst of requests.
# Each request: its bytes, the best wall time of $LANTOA_BENCH_RUNS (3) runs and
# the server's CPU time per run (user + system, from /proc: what a loaded
# machine inflates least).
# Usage: bench/bench_bounded.sh [BUILD_DIR] [NATIONAL_DB]   (needs sqlite3, curl, bc)
#   NATIONAL_DB: a `lantoa demo --national` SQLite file to copy instead of building one
set -eu
. "$(dirname "$0")/lib_http.sh"
B=${1:-build}
T=$(mktemp -d)
PORT=${LANTOA_BENCH_PORT:-18193}
RUNS=${LANTOA_BENCH_RUNS:-3}
DB=$T/nat.db
PID=
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
bench_national "$B" "$DB" "${2:-}"
if [ -n "${2:-}" ]; then
	sqlite3 "$DB" "SELECT 'National tree: ' || (SELECT count(*) FROM unit) || ' units, '
		|| (SELECT count(*) FROM indicator_value) || ' figures, ' || (SELECT count(*) FROM activity)
		|| ' items (a copy of $2).'" >"$T/demo.log"
fi
"$B/lantoa" --db "$DB" serve --listen 127.0.0.1:$PORT --threads 2 >"$T/serve.log" 2>&1 &
PID=$!
sleep 2
J=$T/cookies
curl -s -c "$J" -H 'Content-Type: application/json' -d '{"login":"vn","password":"lantoa2024"}' \
	"http://127.0.0.1:$PORT/api/v1/login" -o /dev/null
ROOT=$(sqlite3 "$DB" "select id from unit where code='VN'")
DIR=$(sqlite3 "$DB" "select id from directive limit 1")
PROV=$(sqlite3 "$DB" "select id from unit where parent_id = $ROOT order by path limit 1")
ms() { # PATH -> "bytes best-ms cpu-ms"
	bench_best "$J" "$1"
}
sqlms() { # best of $RUNS ms of a query with sqlite3's timer
	best=""
	for i in $(seq 1 "$RUNS"); do
		t=$(printf '.timer on\n%s\n' "$1" | sqlite3 "$DB" 2>&1 | awk '/Run Time/ {printf "%.1f", $4*1000}')
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	echo "$best"
}
echo "## Bounded responses on the national tree"
echo
echo "$(grep -o 'National tree: .*' "$T/demo.log")"
echo
echo "| request | bytes | ms (best of $RUNS) | server CPU ms per request |"
echo "|---|---:|---:|---:|"
for p in "/api/v1/directives/$DIR/dashboard?unit_id=$ROOT" "/api/v1/directives/$DIR/units/$ROOT/report" \
	"/api/v1/directives/$DIR/figures/summary" "/api/v1/directives/$DIR/dashboard?unit_id=$PROV" \
	"/api/v1/directives/$DIR/figures/summary?unit_id=$PROV" "/api/v1/units?limit=50" "/api/v1/units?parent_id=$ROOT&limit=50" \
	"/api/v1/activities?limit=20" "/api/v1/directives?box=issued" "/api/v1/directives?box=inbox" \
	"/api/v1/directives/$DIR/receipts" "/api/v1/units/$ROOT" "/api/v1/units/$ROOT/history" \
	"/api/v1/contests" "/api/v1/directives/$DIR/linkkits" "/api/v1/feedback/rules" \
	"/api/v1/directives/$DIR/figures/history?unit_id=$ROOT" "/api/v1/users"; do
	set -- $(ms "$p")
	echo "| \`GET $p\` | $1 | $2 | $3 |"
done
NAT=$(sqlms "SELECT code, sum(value) FROM indicator_value WHERE directive_id = $DIR AND unit_id IN (SELECT unit_id FROM report WHERE directive_id = $DIR AND status = 'accepted') GROUP BY code;")
REC=$(sqlms "SELECT v.code, sum(v.value), max(v.value), count(*) FROM receipt r JOIN unit u ON u.id = r.unit_id JOIN indicator_value v ON v.directive_id = r.directive_id AND v.unit_id = r.unit_id WHERE r.directive_id = $DIR AND u.path >= '/' AND u.path < '0' GROUP BY v.code;")
echo
echo "Load average (1, 5, 15 min) before: $LOAD0; after the requests: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "Baseline, plain SQL in sqlite3 on the covering index (no tree-as-of-the-deadline, no JSON):"
echo "accepted-report national totals ${NAT} ms; recipients' totals (the figures summary's query) ${REC} ms."
for i in $(seq 1 2000); do printf 'url = "http://127.0.0.1:%s/api/v1/units?limit=50"\noutput = "/dev/null"\n' "$PORT"; done >"$T/urls"
curl -s -b "$J" -K "$T/urls" >/dev/null
curl -s -b "$J" -o /dev/null "http://127.0.0.1:$PORT/api/v1/directives/$DIR/dashboard?unit_id=$ROOT"
curl -s -b "$J" -o /dev/null "http://127.0.0.1:$PORT/api/v1/directives/$DIR/figures/summary"
sleep 1
echo
echo "Server memory after 2,000 unit pages, a national dashboard and a summary:" \
	"$(awk '/RssAnon/ {printf "%.0f MB private (heap)", $2/1024}' /proc/$PID/status)," \
	"$(awk '/RssFile/ {printf "%.0f MB of the mapped database file", $2/1024}' /proc/$PID/status)," \
	"$(awk '/VmRSS/ {printf "%.0f MB RSS", $2/1024}' /proc/$PID/status), peak $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)."
echo
