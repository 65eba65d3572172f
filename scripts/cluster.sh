#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# A highly available lantoa on one machine, 127.0.0.1 only (issue 11): the
# layout of docs/cluster/, every piece a local process, to try it and to test
# failover (scripts/cluster-failover-test.sh).
#
#   scripts/cluster.sh up       start it (made on the first run), print the URLs
#   scripts/cluster.sh status   each member's role and state
#   scripts/cluster.sh down     stop everything and remove the folder
#
#   etcd        3 members (Debian etcd-server)            client ports  BASE+11..13
#   PostgreSQL  3 nodes under Patroni (Debian patroni),   ports         BASE+31..33
#               synchronous_mode: true                    Patroni REST  BASE+41..43
#   HAProxy     writes → the leader (GET /primary)        port          BASE+1
#               reads  → the replicas (GET /replica)      port          BASE+2
#               lantoa → the two app nodes (GET /healthz) port          BASE+0
#   lantoa      2 nodes: --db the write port,             ports         BASE+51..52
#               --db-read the read port
#
# BASE is $LANTOA_CLUSTER_PORT (default 15400); the folder $LANTOA_CLUSTER_DIR
# (default /tmp/lantoa-cluster) holds data, configurations, logs, pid files and
# the generated passwords (secrets, 0600). Runs as root: PostgreSQL and Patroni
# run as the user postgres (Debian's postgresql-common makes it); etcd,
# HAProxy and lantoa as root. Needs `scripts/install-deps.sh cluster`.
# lantoa is $LANTOA_BIN (default build/lantoa), started from the repository.
#
# Helpers for the failover test (not for people):
#   scripts/cluster.sh leader            the leader's member number (1..3), or nothing
#   scripts/cluster.sh kill-pg N         kill -9 member N's Patroni and PostgreSQL (a lost machine)
#   scripts/cluster.sh start-pg N        start member N's Patroni again (it rejoins as a replica)
#   scripts/cluster.sh kill-app N        kill -9 lantoa node N
#   scripts/cluster.sh start-app N       start lantoa node N again
#   scripts/cluster.sh wait-healthy      until a leader, 2 streaming replicas and both app nodes answer
#   scripts/cluster.sh env               print LANTOA_CLUSTER_URL, _DB, _DB_READ, _DB_SU
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BASE=${LANTOA_CLUSTER_PORT:-15400}
DIR=${LANTOA_CLUSTER_DIR:-/tmp/lantoa-cluster}
BIN=${LANTOA_BIN:-$ROOT/build/lantoa}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGUSER_OS=postgres
PYTHON=/usr/bin/python3 # Debian's, where patroni lives (not a pyenv shim)

APP_PORT=$BASE
WRITE_PORT=$((BASE + 1))
READ_PORT=$((BASE + 2))
STATS_PORT=$((BASE + 3))

die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*" >&2; }

etcd_client() { echo $((BASE + 10 + $1)); }
etcd_peer() { echo $((BASE + 20 + $1)); }
pg_port() { echo $((BASE + 30 + $1)); }
rest_port() { echo $((BASE + 40 + $1)); }
app_port() { echo $((BASE + 50 + $1)); }

# A pid file's process, when it runs.
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Run in the background, detached, the pid in $1; as user postgres with --pg.
spawn() {
	pidf=$1 log=$2
	shift 2
	if [ "$1" = --pg ]; then
		shift
		HOME=/var/lib/postgresql nohup setpriv --reuid="$PGUSER_OS" --regid="$PGUSER_OS" --init-groups \
			"$@" >>"$log" 2>&1 </dev/null &
	else
		nohup "$@" >>"$log" 2>&1 </dev/null &
	fi
	echo $! >"$pidf"
}

# Wait up to $1 seconds for the command after it to succeed.
wait_for() {
	t=$1
	shift
	i=0
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt $((t * 5)) ] || return 1
		sleep 0.2
	done
}

http_ok() { curl -fs -m 2 -o /dev/null "$1"; }

secret() { sed -n "s/^$1=//p" "$DIR/secrets"; }

make_secrets() {
	[ -f "$DIR/secrets" ] && return 0
	umask 077
	{
		for k in superuser replication rewind lantoa; do
			echo "$k=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
		done
	} >"$DIR/secrets"
	umask 022
}

etcd_hosts() { echo "127.0.0.1:$(etcd_client 1),127.0.0.1:$(etcd_client 2),127.0.0.1:$(etcd_client 3)"; }

start_etcd() {
	n=$1
	alive "$DIR/etcd$n.pid" && return 0
	cluster="e1=http://127.0.0.1:$(etcd_peer 1),e2=http://127.0.0.1:$(etcd_peer 2),e3=http://127.0.0.1:$(etcd_peer 3)"
	state=new
	[ -d "$DIR/etcd$n/member" ] && state=existing
	spawn "$DIR/etcd$n.pid" "$DIR/etcd$n.log" etcd --name "e$n" --data-dir "$DIR/etcd$n" \
		--listen-client-urls "http://127.0.0.1:$(etcd_client "$n")" \
		--advertise-client-urls "http://127.0.0.1:$(etcd_client "$n")" \
		--listen-peer-urls "http://127.0.0.1:$(etcd_peer "$n")" \
		--initial-advertise-peer-urls "http://127.0.0.1:$(etcd_peer "$n")" \
		--initial-cluster "$cluster" --initial-cluster-token lantoa-cluster \
		--initial-cluster-state "$state" --listen-metrics-urls "" \
		--heartbeat-interval 100 --election-timeout 1000
}

# Patroni's configuration for member n (one file, same shape as docs/cluster/patroni.yml).
patroni_conf() {
	n=$1
	cat <<EOF
scope: lantoa
namespace: /lantoa/
name: pg$n
restapi:
  listen: 127.0.0.1:$(rest_port "$n")
  connect_address: 127.0.0.1:$(rest_port "$n")
etcd3:
  hosts: $(etcd_hosts)
bootstrap:
  dcs:
    ttl: 20
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      remove_data_directory_on_rewind_failure: true
      remove_data_directory_on_diverged_timelines: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_connections: 200
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
  initdb:
  - encoding: UTF8
  - locale: C
  pg_hba:
  - local all all trust
  - host replication replicator 127.0.0.1/32 scram-sha-256
  - host all all 127.0.0.1/32 scram-sha-256
postgresql:
  listen: 127.0.0.1:$(pg_port "$n")
  connect_address: 127.0.0.1:$(pg_port "$n")
  data_dir: $DIR/pg$n/data
  bin_dir: $PG_BIN
  pgpass: $DIR/pg$n/pgpass
  authentication:
    superuser:
      username: postgres
      password: $(secret superuser)
    replication:
      username: replicator
      password: $(secret replication)
    rewind:
      username: rewinder
      password: $(secret rewind)
  parameters:
    unix_socket_directories: $DIR/pg$n
    password_encryption: scram-sha-256
tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
EOF
}

start_pg() {
	n=$1
	alive "$DIR/patroni$n.pid" && return 0
	mkdir -p "$DIR/pg$n"
	chown "$PGUSER_OS" "$DIR/pg$n"
	chmod 0700 "$DIR/pg$n"
	patroni_conf "$n" >"$DIR/pg$n/patroni.yml"
	chown "$PGUSER_OS" "$DIR/pg$n/patroni.yml"
	chmod 0600 "$DIR/pg$n/patroni.yml"
	spawn "$DIR/patroni$n.pid" "$DIR/patroni$n.log" --pg "$PYTHON" /usr/bin/patroni "$DIR/pg$n/patroni.yml"
}

# The three PostgreSQL servers of a HAProxy section, each checked on its Patroni's REST API.
pg_servers() {
	echo "  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions"
	for n in 1 2 3; do
		echo "  server pg$n 127.0.0.1:$(pg_port "$n") check port $(rest_port "$n")"
	done
}

haproxy_conf() {
	cat <<EOF
global
  maxconn 2000
defaults
  log global
  retries 2
  timeout connect 2s
  timeout check 2s
listen stats
  mode http
  bind 127.0.0.1:$STATS_PORT
  timeout client 30s
  timeout server 30s
  stats enable
  stats uri /
# Writes: the Patroni leader only (its REST API answers 200 on /primary).
listen pg_write
  mode tcp
  bind 127.0.0.1:$WRITE_PORT
  timeout client 30m
  timeout server 30m
  option httpchk GET /primary
  http-check expect status 200
$(pg_servers)
# Reads: the streaming replicas (200 on /replica).
listen pg_read
  mode tcp
  bind 127.0.0.1:$READ_PORT
  balance roundrobin
  timeout client 30m
  timeout server 30m
  option httpchk GET /replica
  http-check expect status 200
$(pg_servers)
# The app nodes: stateless, any of them. A request that could not reach a
# node (refused connection) goes to the other; one a node took is never sent twice.
frontend lantoa
  mode http
  bind 127.0.0.1:$APP_PORT
  timeout client 60s
  default_backend lantoa_nodes
backend lantoa_nodes
  mode http
  balance roundrobin
  timeout server 60s
  option redispatch
  retry-on conn-failure
  option httpchk GET /healthz
  default-server inter 1s fall 2 rise 1
  server app1 127.0.0.1:$(app_port 1) check
  server app2 127.0.0.1:$(app_port 2) check
EOF
}

start_haproxy() {
	alive "$DIR/haproxy.pid" && return 0
	haproxy_conf >"$DIR/haproxy.cfg"
	haproxy -c -q -f "$DIR/haproxy.cfg" || die "bad haproxy configuration $DIR/haproxy.cfg"
	spawn "$DIR/haproxy.pid" "$DIR/haproxy.log" haproxy -f "$DIR/haproxy.cfg" -db
}

db_url() { echo "postgresql://lantoa:$(secret lantoa)@127.0.0.1:$1/lantoa"; }
su_url() { echo "postgresql://postgres:$(secret superuser)@127.0.0.1:$WRITE_PORT/postgres"; }

start_app() {
	n=$1
	alive "$DIR/app$n.pid" && return 0
	web=""
	[ -d "$ROOT/web/dist" ] && web="--web-root $ROOT/web/dist"
	# shellcheck disable=SC2086
	spawn "$DIR/app$n.pid" "$DIR/app$n.log" "$BIN" --db "$(db_url "$WRITE_PORT")" \
		--db-read "$(db_url "$READ_PORT")" serve --listen "127.0.0.1:$(app_port "$n")" $web
}

# The member number whose Patroni says it is the leader, or nothing.
leader() {
	for n in 1 2 3; do
		if http_ok "http://127.0.0.1:$(rest_port "$n")/primary"; then
			echo "$n"
			return 0
		fi
	done
}

replicas_ok() {
	c=0
	for n in 1 2 3; do
		http_ok "http://127.0.0.1:$(rest_port "$n")/replica" && c=$((c + 1))
	done
	[ "$c" -ge "${1:-2}" ]
}

has_leader() { [ -n "$(leader)" ]; }
app_ok() { http_ok "http://127.0.0.1:$(app_port "$1")/healthz"; }

wait_healthy() {
	wait_for 120 has_leader || die "no PostgreSQL leader (see $DIR/patroni*.log)"
	wait_for 180 replicas_ok 2 || die "fewer than 2 streaming replicas (see $DIR/patroni*.log)"
	for n in 1 2; do
		wait_for 60 app_ok "$n" || die "lantoa node $n does not answer (see $DIR/app$n.log)"
	done
	wait_for 30 http_ok "http://127.0.0.1:$APP_PORT/healthz" || die "HAProxy does not answer on $APP_PORT"
}

psql_su() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$(su_url)" "$@"; }

up() {
	[ "$(id -u)" -eq 0 ] || die "run as root (PostgreSQL and Patroni drop to the user $PGUSER_OS)"
	id "$PGUSER_OS" >/dev/null 2>&1 || die "no user $PGUSER_OS: apt-get install postgresql-15"
	for p in etcd "$PYTHON" haproxy curl setpriv "$PG_BIN/initdb"; do
		command -v "$p" >/dev/null 2>&1 || die "$p is missing: scripts/install-deps.sh cluster"
	done
	[ -f /usr/bin/patroni ] || die "patroni is missing: scripts/install-deps.sh cluster"
	[ -x "$BIN" ] || die "no lantoa at $BIN: build it first (ninja -C build)"
	mkdir -p "$DIR"
	chmod 0755 "$DIR"
	make_secrets
	for n in 1 2 3; do start_etcd "$n"; done
	for n in 1 2 3; do
		wait_for 60 http_ok "http://127.0.0.1:$(etcd_client "$n")/health" ||
			die "etcd member $n does not answer (see $DIR/etcd$n.log)"
	done
	for n in 1 2 3; do start_pg "$n"; done
	start_haproxy
	wait_for 180 has_leader || die "no PostgreSQL leader (see $DIR/patroni*.log)"
	wait_for 60 psql_su -c "SELECT 1" || die "the write port $WRITE_PORT does not reach the leader"
	if [ "$(psql_su -c "SELECT count(*) FROM pg_roles WHERE rolname = 'lantoa'")" = 0 ]; then
		psql_su -c "CREATE ROLE lantoa LOGIN PASSWORD '$(secret lantoa)'"
		psql_su -c "CREATE DATABASE lantoa OWNER lantoa LOCALE 'C' TEMPLATE template0"
	fi
	"$BIN" --db "$(db_url "$WRITE_PORT")" init >/dev/null || die "lantoa init failed"
	wait_for 180 replicas_ok 2 || die "fewer than 2 streaming replicas (see $DIR/patroni*.log)"
	for n in 1 2; do start_app "$n"; done
	wait_healthy
	env_lines
	echo "lantoa: http://127.0.0.1:$APP_PORT  (HAProxy stats: http://127.0.0.1:$STATS_PORT/)"
}

env_lines() {
	echo "LANTOA_CLUSTER_URL=http://127.0.0.1:$APP_PORT"
	echo "LANTOA_CLUSTER_DB=$(db_url "$WRITE_PORT")"
	echo "LANTOA_CLUSTER_DB_READ=$(db_url "$READ_PORT")"
	echo "LANTOA_CLUSTER_DB_SU=$(su_url)"
}

status() {
	[ -d "$DIR" ] || { echo "cluster: not up ($DIR)"; return 0; }
	for n in 1 2 3; do
		s=down
		alive "$DIR/etcd$n.pid" && s=up
		http_ok "http://127.0.0.1:$(etcd_client "$n")/health" && s=healthy
		echo "etcd $n       127.0.0.1:$(etcd_client "$n")  $s"
	done
	for n in 1 2 3; do
		role=$(curl -fsS -m 2 "http://127.0.0.1:$(rest_port "$n")/patroni" 2>/dev/null |
			"$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(d.get("role","?"), d.get("state","?"), "timeline", d.get("timeline","?"))' 2>/dev/null) ||
			role="down"
		echo "postgres $n   127.0.0.1:$(pg_port "$n")  ${role:-down}"
	done
	for n in 1 2; do
		s=down
		app_ok "$n" && s=healthy
		echo "lantoa $n     127.0.0.1:$(app_port "$n")  $s"
	done
	s=down
	http_ok "http://127.0.0.1:$APP_PORT/healthz" && s=healthy
	echo "haproxy      127.0.0.1:$APP_PORT (app) $WRITE_PORT (write) $READ_PORT (read)  $s"
}

# kill -9 a pid file's process and, for a postmaster, its children (by their ids).
kill9() {
	[ -f "$1" ] || return 0
	p=$(cat "$1")
	kill -9 "$p" 2>/dev/null || true
	rm -f "$1"
}

kill_pg() {
	n=$1
	pm=""
	[ -f "$DIR/pg$n/data/postmaster.pid" ] && pm=$(head -n 1 "$DIR/pg$n/data/postmaster.pid")
	kill9 "$DIR/patroni$n.pid"
	if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
		kids=$(ps -o pid= --ppid "$pm" || true)
		kill -9 "$pm" 2>/dev/null || true
		for k in $kids; do kill -9 "$k" 2>/dev/null || true; done
	fi
}

stop_term() {
	[ -f "$1" ] || return 0
	p=$(cat "$1")
	kill "$p" 2>/dev/null || true
	i=0
	while kill -0 "$p" 2>/dev/null && [ $i -lt 150 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	kill -9 "$p" 2>/dev/null || true
	rm -f "$1"
}

down() {
	[ -d "$DIR" ] || return 0
	for n in 1 2; do stop_term "$DIR/app$n.pid"; done
	stop_term "$DIR/haproxy.pid"
	for n in 1 2 3; do stop_term "$DIR/patroni$n.pid"; done
	for n in 1 2 3; do kill_pg "$n"; done # a postgres its Patroni left behind
	for n in 1 2 3; do stop_term "$DIR/etcd$n.pid"; done
	rm -rf "$DIR"
	say "down"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
up) up ;;
down) down ;;
status) status ;;
env) env_lines ;;
leader) leader ;;
kill-pg) kill_pg "$1" ;;
start-pg) start_pg "$1" ;;
kill-app) kill9 "$DIR/app$1.pid" ;;
start-app) start_app "$1" ;;
wait-healthy) wait_healthy ;;
*) die "usage: $0 up | down | status" ;;
esac
