#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_instr.sh — what one request costs the server in user-space instructions,
# which a shared machine does not move (issue 10 P1/P2; req/s and CPU µs/req do).
# Each BINARY serves a copy of DB under valgrind's callgrind with one server
# thread; after a login and 20 warm-up requests the counters are zeroed, then N
# requests are made one after another on one keep-alive connection, and the
# instructions counted (every thread: the group-commit writer's too) are divided
# by N. The kernel's part (sends, fsync) is not counted.
# MODE get: GET PATH as LOGIN (200 expected); post: POST PATH with one new
# activity of directive 1 per request (201 expected; LANTOA_BENCH_DIRECTIVE).
# Usage: bench/bench_instr.sh DB LOGIN PATH N get|post BINARY...
#        e.g. bench/bench_instr.sh nat.db vn '/api/v1/activities?limit=20' 200 get old/lantoa build/lantoa
#        (needs valgrind, curl, python3)
set -eu
SRC=$1; L=$2; URL=$3; N=$4; MODE=$5
shift 5
T=$(mktemp -d)
PORT=${LANTOA_BENCH_PORT:-18530}
DIR=${LANTOA_BENCH_DIRECTIVE:-1}
VP=""
trap '[ -z "$VP" ] || kill $VP 2>/dev/null; rm -rf "$T"' EXIT

# reqs N: N requests on one connection (python3's http.client keeps it alive).
reqs() {
	python3 - "$PORT" "$URL" "$COOKIE" "$1" "$MODE" "$CSRF" "$DIR" <<'PY'
import http.client, random, sys
port, url, cookie, n, mode, csrf, d = sys.argv[1:8]
c = http.client.HTTPConnection("127.0.0.1", int(port))
for i in range(int(n)):
    if mode == "get":
        c.request("GET", url, headers={"Cookie": cookie})
    else:
        b = '{"directive_id":%s,"channel":"print","title":"Bản tin số %d-%d","date":"2024-01-25"}' % (
            d, random.randint(1, 10**9), i)
        c.request("POST", url, body=b.encode(), headers={"Cookie": cookie, "X-CSRF-Token": csrf,
                                                        "Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    want = 200 if mode == "get" else 201
    if r.status != want:
        sys.exit("bench_instr: %s %s gave %d" % (mode, url, r.status))
PY
}

for bin in "$@"; do
	cp "$SRC" "$T/db"
	valgrind --tool=callgrind --callgrind-out-file="$T/cg.%p" --dump-instr=no \
		"$bin" --db "$T/db" serve --listen 127.0.0.1:$PORT --threads 1 >"$T/serve.log" 2>&1 &
	VP=$!
	for i in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
	curl -s -D "$T/h" -H 'Content-Type: application/json' -d "{\"login\":\"$L\",\"password\":\"lantoa2024\"}" \
		"http://127.0.0.1:$PORT/api/v1/login" -o "$T/b"
	COOKIE=$(grep -i '^set-cookie:' "$T/h" | head -1 | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
	CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$T/b")
	reqs 20
	callgrind_control -z $VP >/dev/null 2>&1
	reqs "$N"
	callgrind_control -d $VP >/dev/null 2>&1
	kill $VP
	wait $VP 2>/dev/null || true
	ir=$(awk '/^(summary|totals):/ {print $2}' "$T/cg.$VP.1" | tail -1)
	echo "$bin: $MODE $URL as $L: $(echo "$ir $N" | awk '{printf "%.0f", $1 / $2}') instructions a request ($N requests)"
	VP=""
	rm -f "$T"/cg.* "$T"/db*
done
