#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_backends.sh — the national-scale benchmarks on SQLite and on
# PostgreSQL 15 side by side (issue 11): the same `lantoa demo --national`
# database, once as the SQLite file and once copied into a throw-away
# PostgreSQL by `lantoa db copy`; one `lantoa serve --threads 4` node per
# backend, measured in turn, each against its own backend's baseline:
#   P1      API reads (wrk) vs nginx serving the same bytes from a file;
#   P2      durable writes over HTTP (one activity per POST, answered after its
#           commit) vs the backend's own raw loop of one INSERT per transaction
#           with the same durability: sqlite3 WAL synchronous=FULL; pgbench
#           (one client) on the same server with fsync and synchronous_commit on;
#   roll-up the national total read from the kept roll-up vs the plain SQL
#           (build/bench/bench_rollup_kept on the backend);
#   memory  the lantoa node's RSS after the bursts vs just after its start.
# The national demo is built once (nice, minutes) into $LANTOA_BENCH_CACHE
# (default bench/.cache, not committed) and reused; LANTOA_BENCH_FRESH=1
# rebuilds it. Every server started here is stopped on exit.
# Usage: bench/bench_backends.sh [BUILD_DIR]
#   (needs wrk, nginx, sqlite3, curl, python3, PostgreSQL 15 with pgbench and psql)
# LANTOA_BENCH_QUICK=1: the small `lantoa demo` tree and 2 s runs, to check the
# script itself in under a minute (numbers meaningless).
set -eu
# One compound command: read whole before it runs, so editing the file mid-run is harmless.
{
B=${1:-build}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LANTOA_BENCH_CACHE:-$HERE/bench/.cache}
QUICK=${LANTOA_BENCH_QUICK:-}
DUR=${LANTOA_BENCH_SECONDS:-10}
CONN=${LANTOA_BENCH_CONNECTIONS:-16}
PORT=${LANTOA_BENCH_PORT:-18197}
NPORT=$((PORT + 1))
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
T=$(mktemp -d)
chmod 755 "$T"
PID=""
PGDIR=""
cleanup() {
	[ -z "$PID" ] || kill "$PID" 2>/dev/null || true
	[ ! -f "$T/nginx.pid" ] || kill "$(cat "$T/nginx.pid")" 2>/dev/null || true
	[ -z "$PGDIR" ] || sh "$HERE/scripts/pg-test.sh" stop "$PGDIR"
	rm -rf "$T"
}
. "$HERE/bench/lib_http.sh"
trap cleanup EXIT
trap 'exit 1' INT TERM
load=$(cut -d' ' -f1-3 /proc/loadavg)

# The source database, built once.
mkdir -p "$CACHE"
DATA=${LANTOA_DATA:-$HERE/../shared/data}
if [ -n "$QUICK" ]; then
	# The national demo on a tiny catalogue: Hà Nội, two districts, three communes each.
	SRC=$CACHE/quick.db
	DUR=2
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
p = d["data"][0]
p["level2s"] = p["level2s"][:2]
for q in p["level2s"]:
    q["level3s"] = q["level3s"][:3]
d["data"] = [p]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)' "$DATA/dvhcvn/dvhcvn_20240901.json" "$T/tiny.json"
	DEMO="demo --national --file $T/tiny.json"
	LANTOA_BENCH_FRESH=1
else
	SRC=$CACHE/national.db
	DEMO="demo --national"
fi
if [ -n "${LANTOA_BENCH_FRESH:-}" ] || [ ! -f "$SRC" ]; then
	echo "bench_backends: building \`lantoa $DEMO\` into $SRC (minutes)…" >&2
	rm -f "$SRC" "$SRC.tmp" "$SRC.tmp-wal" "$SRC.tmp-shm"
	nice "$B/lantoa" --db "sqlite:$SRC.tmp" --lang en $DEMO >/dev/null 2>"$SRC.log"
	sqlite3 "$SRC.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	mv "$SRC.tmp" "$SRC"
	rm -f "$SRC.tmp-wal" "$SRC.tmp-shm"
fi

# The throw-away PostgreSQL, durable like SQLite's synchronous=FULL.
PGDIR=$(mktemp -d /tmp/lantoa-pgbench.XXXXXX)
echo "bench_backends: starting PostgreSQL in $PGDIR (fsync, synchronous_commit on)…" >&2
PG_FSYNC=on PG_SYNCHRONOUS_COMMIT=on sh "$HERE/scripts/pg-test.sh" start "$PGDIR" >"$T/pgenv"
PGURL=$(sed -n 's/^LANTOA_TEST_PG=//p' "$T/pgenv")
echo "bench_backends: lantoa db copy into PostgreSQL…" >&2
t0=$(date +%s)
"$B/lantoa" --lang en db copy --from "sqlite:$SRC" --to "$PGURL" >"$T/copy.log" 2>&1 ||
	{ tail -n 20 "$T/copy.log" >&2; echo "bench_backends: db copy failed" >&2; exit 1; }
COPY_S=$(($(date +%s) - t0))
grep -q 'DIFFERS' "$T/copy.log" && { cat "$T/copy.log" >&2; echo "bench_backends: copy differs" >&2; exit 1; }
# The planner's statistics, as autovacuum would gather them on a live server.
psql -X -q "$PGURL" -c ANALYZE 2>/dev/null
cp "$SRC" "$T/nat.db"

# sql BACKEND QUERY: one value from the backend's database.
sql() {
	if [ "$1" = sqlite ]; then sqlite3 "$T/nat.db" "$2"; else psql -X -q -At "$PGURL" -c "$2"; fi
}
url_of() { if [ "$1" = sqlite ]; then echo "sqlite:$T/nat.db"; else echo "$PGURL"; fi; }

rps() { wrk -t2 -c"$CONN" -d"${DUR}s" -H "Cookie: $COOKIE" "$1" | awk '/Requests\/sec/ {print $2}'; }
kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }

bench_nginx_conf
"$NGINX" -c "$T/nginx.conf" -e "$T/ngx/error.log"

# measure BACKEND: appends "key<TAB>value" lines to $T/BACKEND.tsv.
measure() {
	be=$1
	out=$T/$be.tsv
	: >"$out"
	echo "bench_backends: $be: serve, P1, P2, roll-up, memory…" >&2
	"$B/lantoa" --db "$(url_of "$be")" serve --listen 127.0.0.1:$PORT --threads 4 >"$T/serve.$be.log" 2>&1 &
	PID=$!
	for i in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
	bench_session vn
	printf 'rss0\t%s\nanon0\t%s\n' "$(kb $PID VmRSS)" "$(kb $PID RssAnon)" >>"$out"
	DIR=$(sql "$be" "select min(id) from directive")
	n=0
	for p in "/api/v1/units?limit=50" "/api/v1/activities?limit=20"; do
		n=$((n + 1))
		code=$(curl -s -H "Cookie: $COOKIE" -o "$T/www/$be$n.json" -w '%{http_code}' "http://127.0.0.1:$PORT$p")
		[ "$code" = 200 ] || { echo "bench_backends: $be: GET $p gave $code" >&2; exit 1; }
		printf 'p1.%s.bytes\t%s\n' $n "$(stat -c %s "$T/www/$be$n.json")" >>"$out"
		printf 'p1.%s.lantoa\t%s\n' $n "$(rps "http://127.0.0.1:$PORT$p")" >>"$out"
		printf 'p1.%s.nginx\t%s\n' $n "$(rps "http://127.0.0.1:$NPORT/$be$n.json")" >>"$out"
	done
	# P2: one new activity per request, as a grassroots cadre.
	bench_session cs-demo
	before=$(sql "$be" "select count(*) from activity")
	bench_post_lua "$DIR"
	w=$(wrk -t2 -c"$CONN" -d"${DUR}s" -s "$T/post.lua" "http://127.0.0.1:$PORT/api/v1/activities")
	after=$(sql "$be" "select count(*) from activity")
	printf 'p2.rps\t%s\np2.made\t%s\np2.non2xx\t%s\np2.errs\t%s\n' "$(echo "$w" | awk '/Requests\/sec/ {print $2}')" \
		$((after - before)) "$(echo "$w" | awk '/^non2xx/ {print $2}')" "$(echo "$w" | awk '/^errs/ {print $2}')" >>"$out"
	printf 'rss1\t%s\nanon1\t%s\nhwm\t%s\n' "$(kb $PID VmRSS)" "$(kb $PID RssAnon)" "$(kb $PID VmHWM)" >>"$out"
	grep -ciE 'error|lỗi' "$T/serve.$be.log" | sed 's/^/serve.errors\t/' >>"$out" || true
	kill $PID
	wait $PID 2>/dev/null || true
	PID=""
	# The raw loop of the same durability, one INSERT per transaction, one connection.
	if [ "$be" = sqlite ]; then
		k=$((after - before)); [ "$k" -lt 2000 ] && k=2000
		printf 'raw\t%s\n' "$(bench_sqlite_raw $k "$DIR" "$T/raw.db")" >>"$out"
	else
		sql pg "CREATE TABLE raw_a(id bigserial PRIMARY KEY, directive_id bigint, unit_id bigint, channel text, title text, date text, created_at text)" >/dev/null
		echo "INSERT INTO raw_a(directive_id, unit_id, channel, title, date, created_at) VALUES ($DIR, 1, 'print', 'Bản tin số ' || :client_id, '2024-01-25', '2026-12-05T00:00:00Z');" >"$T/raw.pgb"
		for c in 1 $CONN; do
			tps=$(pgbench -n -f "$T/raw.pgb" -c $c -j $((c > 1 ? 2 : 1)) -T "$DUR" "$PGURL" 2>"$T/pgbench.err" |
				awk '/^tps/ {printf "%.0f", $3; exit}')
			[ -n "$tps" ] || { cat "$T/pgbench.err" >&2; exit 1; }
			printf 'raw.c%s\t%s\n' $c "$tps" >>"$out"
		done
		printf 'raw\t%s\n' "$(awk '$1 == "raw.c1" {print $2}' "$out")" >>"$out"
		printf 'pg.sync\t%s/%s/%s\n' "$(sql pg 'show fsync')" "$(sql pg 'show synchronous_commit')" \
			"$(sql pg 'show full_page_writes')" >>"$out"
	fi
	# The national total: the kept roll-up against the plain SQL.
	"$B/bench/bench_rollup_kept" "$(url_of "$be")" >"$T/rollup.$be.md" 2>&1 || true
	awk -F'|' '/kept table/ {gsub(/ /, "", $3); print "rollup.kept\t" $3}
		/plain SQL/ {gsub(/ /, "", $3); print "rollup.sql\t" $3}
		/completeness kept/ {gsub(/ /, "", $3); print "snap.kept\t" $3}
		/recomputed/ {gsub(/ /, "", $3); print "snap.re\t" $3}
		/^Freshness/ {print "rollup.fresh\t" ($0 ~ /at once/ ? "yes" : "NO")}' "$T/rollup.$be.md" >>"$out"
}
measure sqlite
measure pg

v() { awk -F'\t' -v k="$2" '$1 == k {print $2}' "$T/$1.tsv"; }
ratio() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf f "×", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
sq=sqlite
echo "## SQLite and PostgreSQL side by side (national tree)"
echo
grep -o 'National tree: .*' "$SRC.log" || true
echo
echo "$(date -u +%Y-%m-%d), \`bench/bench_backends.sh\`. Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"); load average at the start $load,"
echo "at the end $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: absolute numbers move with the others' work; each ratio is"
echo "against a baseline measured in the same run on the same backend)."
echo "SQLite: the demo's file (WAL, synchronous=FULL). PostgreSQL $(psql -X -At "$PGURL" -c 'show server_version' | cut -d' ' -f1) on the same"
echo "machine (\`scripts/pg-test.sh\` with PG_FSYNC=on PG_SYNCHRONOUS_COMMIT=on: fsync/synchronous_commit/full_page_writes"
echo "$(v pg pg.sync)), filled by \`lantoa db copy\` in ${COPY_S} s, then ANALYZE. One \`lantoa serve --threads 4\` node per backend, run in"
echo "turn; wrk 2 threads, $CONN connections, ${DUR} s per measure; nginx $($NGINX -v 2>&1 | sed 's/.*nginx\///') ($(nproc) workers) serves each backend's bytes."
echo
echo "| measure | SQLite | its baseline | ratio | PostgreSQL | its baseline | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
n=0
for p in "/api/v1/units?limit=50" "/api/v1/activities?limit=20"; do
	n=$((n + 1))
	echo "| P1 \`GET $p\` ($(v $sq p1.$n.bytes) / $(v pg p1.$n.bytes) bytes), req/s vs nginx | $(v $sq p1.$n.lantoa) | $(v $sq p1.$n.nginx) | $(ratio "$(v $sq p1.$n.lantoa)" "$(v $sq p1.$n.nginx)" %.3f) | $(v pg p1.$n.lantoa) | $(v pg p1.$n.nginx) | $(ratio "$(v pg p1.$n.lantoa)" "$(v pg p1.$n.nginx)" %.3f) |"
done
echo "| P2 \`POST /api/v1/activities\` req/s vs raw loop tx/s (one INSERT per transaction, one connection) | $(v $sq p2.rps) | $(v $sq raw) | $(ratio "$(v $sq p2.rps)" "$(v $sq raw)" %.2f) | $(v pg p2.rps) | $(v pg raw) | $(ratio "$(v pg p2.rps)" "$(v pg raw)" %.2f) |"
echo "| roll-up: national total, kept read vs plain SQL, median ms (ratio = SQL / kept) | $(v $sq rollup.kept) | $(v $sq rollup.sql) | $(ratio "$(v $sq rollup.sql)" "$(v $sq rollup.kept)" %.0f) | $(v pg rollup.kept) | $(v pg rollup.sql) | $(ratio "$(v pg rollup.sql)" "$(v pg rollup.kept)" %.0f) |"
echo "| national dashboard snapshot, kept vs recomputed, median ms | $(v $sq snap.kept) | $(v $sq snap.re) | $(ratio "$(v $sq snap.re)" "$(v $sq snap.kept)" %.1f) | $(v pg snap.kept) | $(v pg snap.re) | $(ratio "$(v pg snap.re)" "$(v pg snap.kept)" %.1f) |"
echo "| memory: node RSS after the bursts vs just after its start, MB | $(mb "$(v $sq rss1)") | $(mb "$(v $sq rss0)") | $(ratio "$(v $sq rss1)" "$(v $sq rss0)" %.1f) | $(mb "$(v pg rss1)") | $(mb "$(v pg rss0)") | $(ratio "$(v pg rss1)" "$(v pg rss0)" %.1f) |"
echo "| memory: node private (anonymous) RSS after the bursts, MB; peak RSS | $(mb "$(v $sq anon1)") | peak $(mb "$(v $sq hwm)") | | $(mb "$(v pg anon1)") | peak $(mb "$(v pg hwm)") | |"
echo
echo "P2 detail: SQLite $(v $sq p2.made) activities written, $(v $sq p2.non2xx) non-2xx, $(v $sq p2.errs) socket errors/timeouts;"
echo "PostgreSQL $(v pg p2.made) written, $(v pg p2.non2xx) non-2xx, $(v pg p2.errs) socket errors/timeouts. pgbench with $CONN clients"
echo "on the same server: $(v pg raw.c$CONN) tx/s (PostgreSQL commits concurrent transactions with one WAL flush; the"
echo "one-client loop is the baseline, as sqlite3's is). National total read fresh after a write: SQLite $(v $sq rollup.fresh),"
echo "PostgreSQL $(v pg rollup.fresh). Lines with \"error\" in the node's log: SQLite $(v $sq serve.errors), PostgreSQL $(v pg serve.errors)."
echo
exit
}
