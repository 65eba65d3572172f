#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# bench_rollup_kept.sh — the kept national total (issue 10, part 3): builds
# `lantoa demo --national` once in $TMP (or uses DB_PATH), then prints the
# markdown section of build/bench/bench_rollup_kept, which times the kept
# read against the strongest plain SQL and checks its freshness after a write.
# Usage: bench/bench_rollup_kept.sh [BUILD_DIR] [DB_PATH]
set -eu
B=${1:-build}
if [ -n "${2:-}" ]; then
	DB=$2
else
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
	DB=$T/nat.db
	"$B/lantoa" --db "sqlite:$DB" --lang en demo --national >/dev/null 2>"$T/demo.log"
fi
"$B/bench/bench_rollup_kept" "$DB"
