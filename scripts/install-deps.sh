#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Install the Debian packages and npm modules lantoa needs to build, run and test.
# Idempotent: when everything is present it prints nothing and exits 0.
# Usage: scripts/install-deps.sh [run|test|bench|cluster]
set -eu
mode=${1:-test}
cd "$(dirname "$0")/.."

# Needed to build and run the server.
run_pkgs="build-essential pkg-config meson ninja-build
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libutf8proc-dev
  libcurl4-openssl-dev libzip-dev libxml2-dev libxlsxwriter-dev
  libinih-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-liberation2 sqlite3
  libssl-dev libp11-dev zlib1g-dev libpq-dev"
# Needed only by the test suites (unit, fuzz, browser, documents, SMTP sink,
# PostgreSQL: scripts/pg-test.sh runs its initdb, pg_ctl and psql; SoftHSM2 and
# the NSS tools: the signing tests' token and pdfsig's trust store; HAProxy: the
# two-node test's load balancer).
test_pkgs="libcmocka-dev clang libclang-rt-14-dev chromium curl poppler-utils
  python3-aiosmtpd postgresql-15 postgresql-client-15 libreoffice-calc-nogui libreoffice-writer-nogui
  softhsm2 opensc libnss3-tools haproxy"

# Needed only by `make bench`: wrk drives the HTTP benchmark, nginx is its baseline
# (PostgreSQL 15 and its pgbench, the raw-loop baseline, come with the test packages).
bench_pkgs="wrk nginx-light"

# The local highly available cluster (scripts/cluster.sh, make test-cluster): etcd,
# Patroni (its etcd3 client needs python3-etcd; psycopg2 to reach PostgreSQL),
# PostgreSQL 15, HAProxy, curl for the health checks. Not in the test mode.
cluster_pkgs="etcd-server patroni python3-etcd python3-psycopg2 postgresql-15 postgresql-client-15
  haproxy curl"

pkgs=$run_pkgs
[ "$mode" = test ] && pkgs="$run_pkgs $test_pkgs"
[ "$mode" = bench ] && pkgs="$run_pkgs $test_pkgs $bench_pkgs"
[ "$mode" = cluster ] && pkgs="$run_pkgs $cluster_pkgs"

# Node.js may come from elsewhere than Debian (with its own npm): take Debian's only when absent.
command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install-deps: installing$missing" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Front-end and browser-test modules, from the committed lockfile.
if [ -f web/package-lock.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
