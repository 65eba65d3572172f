#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_two_nodes.sh — issue 11's target "P1 and P2 on PostgreSQL, 2 app
# nodes: at least those of one SQLite node", measured in one run:
#   sqlite  one `lantoa serve --threads 4` on the national demo's SQLite file,
#           wrk straight at it (the baseline: how a single node runs);
#   sqlite+haproxy  the same node behind HAProxy (what the proxy alone costs);
#   pg1     one node on PostgreSQL 15 (the same demo copied by `lantoa db copy`),
#           behind HAProxy;
#   pg2     two nodes on that PostgreSQL, behind HAProxy (round robin, health
#           checks on /healthz): the cluster's app tier.
# P1 = wrk on GET /api/v1/units?limit=50 and GET /api/v1/activities?limit=20 as
# the national officer; P2 = one new activity per POST as a grassroots cadre
# (the same endpoints and writes as bench/bench_backends.sh). The session is
# made once through HAProxy and used on both nodes. PostgreSQL is durable like
# SQLite's synchronous=FULL (fsync, synchronous_commit on). Every server runs on
# 127.0.0.1 and is stopped on exit; HAProxy's configuration is generated in a
# temporary folder. The national demo is the one bench_backends.sh builds and
# keeps in $LANTOA_BENCH_CACHE (default bench/.cache); built here when missing.
# Usage: bench/bench_two_nodes.sh [BUILD_DIR]
#   (needs wrk, haproxy, sqlite3, curl, python3, PostgreSQL 15 with psql)
# LANTOA_BENCH_QUICK=1: the national demo on a tiny catalogue and 2 s runs, to
# check the script itself (numbers meaningless).
set -eu
# One compound command: read whole before it runs, so editing the file mid-run is harmless.
{
B=${1:-build}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LANTOA_BENCH_CACHE:-$HERE/bench/.cache}
QUICK=${LANTOA_BENCH_QUICK:-}
DUR=${LANTOA_BENCH_SECONDS:-10}
CONN=${LANTOA_BENCH_CONNECTIONS:-16}
BASE=${LANTOA_BENCH_PORT:-18740}
SQ_PORT=$BASE
N1_PORT=$((BASE + 1))
N2_PORT=$((BASE + 2))
H_SQ=$((BASE + 3))
H_PG=$((BASE + 4))
H_STATS=$((BASE + 5))
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
T=$(mktemp -d)
chmod 755 "$T"
PIDS=""
PGDIR=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	[ ! -f "$T/haproxy.pid" ] || kill "$(cat "$T/haproxy.pid")" 2>/dev/null || true
	[ -z "$PGDIR" ] || sh "$HERE/scripts/pg-test.sh" stop "$PGDIR"
	rm -rf "$T"
}
. "$HERE/bench/lib_http.sh"
trap cleanup EXIT
trap 'exit 1' INT TERM
say() { echo "bench_two_nodes: $*" >&2; }
load=$(cut -d' ' -f1-3 /proc/loadavg)

# The six ports BASE..BASE+5 must be free (the machine is shared: another benchmark may hold one).
python3 -c 'import socket, sys
for p in range(int(sys.argv[1]), int(sys.argv[1]) + 6):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a TIME_WAIT left by the last run is no owner
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        sys.exit("bench_two_nodes: port %d is in use: choose another LANTOA_BENCH_PORT" % p)
    s.close()' "$BASE"

# The source database: bench_backends.sh's cache, built when missing.
mkdir -p "$CACHE"
DATA=${LANTOA_DATA:-$HERE/../shared/data}
if [ -n "$QUICK" ]; then
	SRC=$T/quick.db
	DUR=2
	# Hà Nội, two districts, three communes each.
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
p = d["data"][0]
p["level2s"] = [dict(q, level3s=q["level3s"][:3]) for q in p["level2s"][:2]]
d["data"] = [p]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)' "$DATA/dvhcvn/dvhcvn_20240901.json" "$T/tiny.json"
	DEMO="demo --national --file $T/tiny.json"
else
	SRC=$CACHE/national.db
	DEMO="demo --national"
fi
if [ ! -f "$SRC" ]; then
	say "building \`lantoa $DEMO\` into $SRC (minutes)…"
	rm -f "$SRC.tmp" "$SRC.tmp-wal" "$SRC.tmp-shm"
	nice "$B/lantoa" --db "sqlite:$SRC.tmp" --lang en $DEMO >/dev/null 2>"$SRC.log"
	sqlite3 "$SRC.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	mv "$SRC.tmp" "$SRC"
	rm -f "$SRC.tmp-wal" "$SRC.tmp-shm"
fi

# PostgreSQL first (the copy is slow work that must not overlap a measure).
PGDIR=$(mktemp -d /tmp/lantoa-pgbench.XXXXXX)
say "starting PostgreSQL in $PGDIR (fsync, synchronous_commit on)…"
PG_FSYNC=on PG_SYNCHRONOUS_COMMIT=on sh "$HERE/scripts/pg-test.sh" start "$PGDIR" >"$T/pgenv"
PGURL=$(sed -n 's/^LANTOA_TEST_PG=//p' "$T/pgenv")
say "lantoa db copy into PostgreSQL…"
t0=$(date +%s)
"$B/lantoa" --lang en db copy --from "sqlite:$SRC" --to "$PGURL" >"$T/copy.log" 2>&1 ||
	{ tail -n 20 "$T/copy.log" >&2; say "db copy failed"; exit 1; }
COPY_S=$(($(date +%s) - t0))
grep -q 'DIFFERS' "$T/copy.log" && { cat "$T/copy.log" >&2; say "copy differs"; exit 1; }
cp "$SRC" "$T/nat.db"
DIR=$(sqlite3 "$T/nat.db" "select min(id) from directive")

# HAProxy: one frontend for the SQLite node, one for the two PostgreSQL nodes.
cat >"$T/haproxy.cfg" <<EOF
global
	maxconn 4096
	pidfile $T/haproxy.pid
	daemon
defaults
	mode http
	timeout connect 5s
	timeout client 60s
	timeout server 60s
	option httpchk GET /healthz
	default-server check inter 500ms rise 1 fall 2
frontend sq
	bind 127.0.0.1:$H_SQ
	default_backend sq
frontend pg
	bind 127.0.0.1:$H_PG
	default_backend pg
backend sq
	server sq 127.0.0.1:$SQ_PORT
backend pg
	balance roundrobin
	server n1 127.0.0.1:$N1_PORT
	server n2 127.0.0.1:$N2_PORT
listen stats
	bind 127.0.0.1:$H_STATS
	stats enable
	stats uri /stats
EOF
"$HAPROXY" -f "$T/haproxy.cfg" >"$T/haproxy.log" 2>&1 || { cat "$T/haproxy.log" >&2; exit 1; }

# hstat BACKEND SERVER FIELD: one field of HAProxy's statistics (CSV).
hstat() {
	curl -s "http://127.0.0.1:$H_STATS/stats;csv" | awk -F, -v b="$1" -v s="$2" -v f="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == f || $i == "# " f) c = i; next }
		$1 == b && $2 == s { print $c }'
}
# start_node NAME URL PORT: start a lantoa node, wait for it; its pid goes into PIDS.
start_node() {
	"$B/lantoa" --db "$2" serve --listen 127.0.0.1:$3 --threads 4 >"$T/serve.$1.log" 2>&1 &
	PIDS="$PIDS $!"
	for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$3/healthz" >/dev/null && return; sleep 0.1; done
	say "$1 did not start"; cat "$T/serve.$1.log" >&2; exit 1
}
# up BACKEND SERVER: until HAProxy sees it UP.
up() {
	for i in $(seq 1 100); do [ "$(hstat "$1" "$2" status)" = UP ] && return; sleep 0.1; done
	say "HAProxy does not see $1/$2 up"; exit 1
}
stop_nodes() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	PIDS=""
}
sql() {
	if [ "$1" = sqlite ]; then sqlite3 "$T/nat.db" "$2"; else psql -X -q -At "$PGURL" -c "$2"; fi
}
rps() { wrk -t2 -c"$CONN" -d"${DUR}s" -H "Cookie: $COOKIE" "$1" | awk '/Requests\/sec/ {print $2}'; }

# measure NAME BACKEND HOST_PORT: P1 and P2 through 127.0.0.1:HOST_PORT, into $T/NAME.tsv.
measure() {
	out=$T/$1.tsv
	: >"$out"
	say "$1: P1, P2…"
	PORT=$3 # bench_session's
	bench_session vn
	n=0
	for p in "/api/v1/units?limit=50" "/api/v1/activities?limit=20"; do
		n=$((n + 1))
		code=$(curl -s -H "Cookie: $COOKIE" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$3$p")
		[ "$code" = 200 ] || { say "$1: GET $p gave $code"; exit 1; }
		printf 'p1.%s\t%s\n' $n "$(rps "http://127.0.0.1:$3$p")" >>"$out"
	done
	bench_session cs-demo
	before=$(sql "$2" "select count(*) from activity")
	bench_post_lua "$DIR"
	# The non-2xx answers by status, and the first body of each thread's first one.
	cat >>"$T/post.lua" <<'EOF2'
local threads = {}
function setup(thread) table.insert(threads, thread) end
c409, c503, cother, first = 0, 0, 0, ""
function response(status, headers, body)
	if status < 300 then return end
	if status == 409 then c409 = c409 + 1 elseif status == 503 then c503 = c503 + 1 else cother = cother + 1 end
	if first == "" then first = status .. " " .. string.sub(string.gsub(body, "[\r\n\t]", " "), 1, 200) end
end
local base_done = done
done = function(summary, latency, requests)
	base_done(summary, latency, requests)
	local a, b, c, f = 0, 0, 0, ""
	for _, t in ipairs(threads) do
		a = a + t:get("c409"); b = b + t:get("c503"); c = c + t:get("cother")
		if f == "" then f = t:get("first") end
	end
	io.write(string.format("codes 409:%d 503:%d other:%d\nfirst %s\n", a, b, c, f))
end
EOF2
	w=$(wrk -t2 -c"$CONN" -d"${DUR}s" -s "$T/post.lua" "http://127.0.0.1:$3/api/v1/activities")
	after=$(sql "$2" "select count(*) from activity")
	printf 'p2\t%s\np2.made\t%s\np2.non2xx\t%s\np2.errs\t%s\n' "$(echo "$w" | awk '/Requests\/sec/ {print $2}')" \
		$((after - before)) "$(echo "$w" | awk '/^non2xx/ {print $2}')" "$(echo "$w" | awk '/^errs/ {print $2}')" >>"$out"
	printf 'p2.codes\t%s\n' "$(echo "$w" | sed -n 's/^codes //p')" >>"$out"
	printf 'p2.first\t%s\n' "$(echo "$w" | sed -n 's/^first //p' | tr -d '|')" >>"$out"
}

start_node sqlite "sqlite:$T/nat.db" $SQ_PORT
measure sqlite sqlite $SQ_PORT
up sq sq
measure sqlite_h sqlite $H_SQ
stop_nodes
start_node pg1 "$PGURL" $N1_PORT
up pg n1
measure pg1 pg $H_PG
start_node pg2 "$PGURL" $N2_PORT
up pg n2
a1=$(hstat pg n1 hrsp_2xx)
a2=$(hstat pg n2 hrsp_2xx)
measure pg2 pg $H_PG
N1_2XX=$(($(hstat pg n1 hrsp_2xx) - a1))
N2_2XX=$(($(hstat pg n2 hrsp_2xx) - a2))
# Health checks failed on each node over the run, and 5xx answers of HAProxy itself (no server up).
CHKFAIL="node 1 $(hstat pg n1 chkfail), node 2 $(hstat pg n2 chkfail)"
H5XX=$(($(hstat pg BACKEND hrsp_5xx) - $(hstat pg n1 hrsp_5xx) - $(hstat pg n2 hrsp_5xx)))
stop_nodes
errors=$(cat "$T"/serve.*.log | grep -ciE 'error|lỗi' || true)

v() { awk -F'\t' -v k="$2" '$1 == k {print $2}' "$T/$1.tsv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f×", a / b }'; }
row() {
	echo "| $1 | $(v sqlite "$2") | $(v sqlite_h "$2") | $(v pg1 "$2") | $(v pg2 "$2") | $(ratio "$(v pg2 "$2")" "$(v sqlite "$2")") | $(ratio "$(v pg2 "$2")" "$(v pg1 "$2")") |"
}
echo "## PostgreSQL with two app nodes behind HAProxy vs one SQLite node (national tree)"
echo
echo "$(date -u +%Y-%m-%d), \`bench/bench_two_nodes.sh\`. Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"); load average at the start $load, at the end"
echo "$(cut -d' ' -f1-3 /proc/loadavg). The machine is shared with other builds and test runs, and everything below runs on"
echo "its $(nproc) CPUs at once: wrk, HAProxy, PostgreSQL and the lantoa nodes. A second node here adds no CPU, only a second"
echo "process competing for the same cores; on separate machines each node would bring its own."
echo "The national demo copied into PostgreSQL $(psql -X -At "$PGURL" -c 'show server_version' | cut -d' ' -f1) by \`lantoa db copy\` (${COPY_S} s; fsync and"
echo "synchronous_commit on, like SQLite's synchronous=FULL). Each node \`lantoa serve --threads 4\`; HAProxy"
echo "$($HAPROXY -v | head -1 | awk '{print $3}') round robin with health checks on /healthz; wrk 2 threads, $CONN connections, ${DUR} s per measure,"
echo "one configuration after the other. P1 as the national officer, P2 one new activity per POST as a cadre; the"
echo "session is made once through HAProxy and serves on both nodes. Requests per second:"
echo
echo "| measure | SQLite, 1 node | SQLite, 1 node behind HAProxy | PostgreSQL, 1 node behind HAProxy | PostgreSQL, 2 nodes behind HAProxy | 2 PostgreSQL nodes / 1 SQLite node | 2 PostgreSQL nodes / 1 |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row 'P1 `GET /api/v1/units?limit=50`' p1.1
row 'P1 `GET /api/v1/activities?limit=20`' p1.2
row 'P2 `POST /api/v1/activities`' p2
echo
echo "P2 detail (activities written / non-2xx / socket errors): SQLite $(v sqlite p2.made)/$(v sqlite p2.non2xx)/$(v sqlite p2.errs),"
echo "behind HAProxy $(v sqlite_h p2.made)/$(v sqlite_h p2.non2xx)/$(v sqlite_h p2.errs); PostgreSQL 1 node $(v pg1 p2.made)/$(v pg1 p2.non2xx)/$(v pg1 p2.errs),"
echo "2 nodes $(v pg2 p2.made)/$(v pg2 p2.non2xx)/$(v pg2 p2.errs). With 2 nodes HAProxy's 2xx answers: node 1 $N1_2XX, node 2 $N2_2XX."
for c in sqlite sqlite_h pg1 pg2; do
	[ "$(v $c p2.non2xx)" = 0 ] || echo "Non-2xx in $c by status: $(v $c p2.codes); the first: \`$(v $c p2.first)\`."
done
echo "HAProxy's failed health checks: $CHKFAIL; 5xx answered by HAProxy itself: $H5XX."
echo "Lines with \"error\" in the nodes' logs: $errors."
echo
exit
}
