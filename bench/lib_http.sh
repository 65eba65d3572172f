# SPDX-License-Identifier: AGPL-3.0-or-later
# lib_http.sh — shared by the HTTP benchmarks (sourced): a session on the server at
# $PORT, nginx's configuration on $NPORT, wrk's POST script, the raw SQLite loop,
# the national demo's file and a request's best time. Every file goes into $T.

# bench_national B DB [SRC]: DB a migrated copy of SRC (a `lantoa demo --national`
# file), else a fresh national demo built with $B/lantoa (its log in $T/demo.log).
bench_national() {
	if [ -n "${3:-}" ]; then
		cp "$3" "$2"
		"$1/lantoa" --db "$2" init >/dev/null 2>&1
	else
		"$1/lantoa" --db "$2" --lang en demo --national >/dev/null 2>"$T/demo.log"
	fi
}

# bench_best JAR PATH: "bytes best-ms cpu-ms" of GET PATH with the cookies of JAR
# after one warming request: the best wall time of $RUNS runs, and the CPU time the
# server ($PID) spent per run (user + system, from /proc: what a loaded machine
# inflates least).
bench_best() {
	curl -s -b "$1" -o /dev/null "http://127.0.0.1:$PORT$2"
	best=""
	c0=$(awk '{print $14 + $15}' /proc/$PID/stat)
	for i in $(seq 1 "$RUNS"); do
		r=$(curl -s -b "$1" -o /dev/null -w "%{size_download} %{time_total}" "http://127.0.0.1:$PORT$2")
		t=$(echo "$r" | awk '{printf "%.1f", $2*1000}')
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
		bytes=$(echo "$r" | cut -d' ' -f1)
	done
	c1=$(awk '{print $14 + $15}' /proc/$PID/stat)
	echo "$bytes $best $(echo "scale=1; ($c1 - $c0) * 1000 / $(getconf CLK_TCK) / $RUNS" | bc)"
}

# bench_session LOGIN: sets COOKIE and CSRF for that demo login.
bench_session() {
	curl -s -D "$T/h.$1" -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"lantoa2024\"}" \
		"http://127.0.0.1:$PORT/api/v1/login" -o "$T/b.$1"
	COOKIE=$(grep -i '^set-cookie:' "$T/h.$1" | head -1 | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
	CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$T/b.$1")
}

# bench_nginx_conf: $T/nginx.conf, serving $T/www on 127.0.0.1:$NPORT, one worker per CPU, no log.
bench_nginx_conf() {
	mkdir -p "$T/www" "$T/ngx"
	cat >"$T/nginx.conf" <<EOF
worker_processes $(nproc);
pid $T/nginx.pid;
error_log $T/ngx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $T/ngx; proxy_temp_path $T/ngx; fastcgi_temp_path $T/ngx;
	uwsgi_temp_path $T/ngx; scgi_temp_path $T/ngx;
	types { application/json json; }
	server { listen 127.0.0.1:$NPORT; root $T/www; }
}
EOF
}

# bench_post_lua DIRECTIVE: $T/post.lua, one new activity (a printed item, so no
# link to deduplicate) per request with $COOKIE and $CSRF; prints "non2xx N" and
# "errs N" (socket errors and timeouts) at the end.
bench_post_lua() {
	cat >"$T/post.lua" <<EOF
local n = 0
request = function()
	n = n + 1
	local body = string.format('{"directive_id":$1,"channel":"print","title":"Bản tin số %d-%d","date":"2024-01-25"}', math.random(1, 1000000000), n)
	return wrk.format("POST", "/api/v1/activities", {
		["Content-Type"] = "application/json", ["Cookie"] = "$COOKIE", ["X-CSRF-Token"] = "$CSRF" }, body)
end
done = function(summary, latency, requests)
	io.write(string.format("non2xx %d\\nerrs %d\\n", summary.errors.status, summary.errors.timeout + summary.errors.read + summary.errors.write + summary.errors.connect))
end
EOF
}

# bench_sqlite_raw K DIRECTIVE FILE: prints the tx/s of sqlite3 inserting K rows, one
# per transaction, into a new WAL database FILE with synchronous=FULL.
bench_sqlite_raw() {
	{
		echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		echo "CREATE TABLE a(id INTEGER PRIMARY KEY, directive_id INT, unit_id INT, channel TEXT, title TEXT, date TEXT, created_at TEXT);"
		i=0
		while [ $i -lt $1 ]; do
			echo "BEGIN; INSERT INTO a(directive_id, unit_id, channel, title, date, created_at) VALUES ($2, 1, 'print', 'Bản tin số $i', '2024-01-25', '2026-12-05T00:00:00Z'); COMMIT;"
			i=$((i + 1))
		done
	} >"$3.sql"
	t0=$(date +%s.%N)
	sqlite3 "$3" <"$3.sql" >/dev/null
	t1=$(date +%s.%N)
	echo "$1 $t0 $t1" | awk '{printf "%.0f", $1 / ($3 - $2)}'
}

# bench_cputicks PID: the process's user + system time so far (all its threads), in
# clock ticks; BENCH_HZ ticks a second.
bench_cputicks() {
	sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}
BENCH_HZ=$(getconf CLK_TCK)
