#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# make bench: run every benchmark on this machine and write bench/RESULTS.md.
# Each program prints its own markdown section (with its in-run baseline and
# ratio) on stdout; this script puts them together under the machine's
# description. The shared data lives in ../shared/data (as in CI).
set -eu
cd "$(dirname "$0")/.."
DATA=${LANTOA_DATA:-../shared/data}
B=build/bench
ninja -C build >/dev/null
# The side-by-side benchmarks' quick modes first: a broken script stops here, not after an hour.
for t in bench/check_backends.test.mjs bench/check_two_nodes.test.mjs; do
	node --test "$t" >/dev/null || { echo "$t failed" >&2; exit 1; }
done
out=$(mktemp)
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` on $(date -u +%Y-%m-%d). Machine: $(nproc) CPUs,"
	echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
	echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory, $(. /etc/os-release; echo "$PRETTY_NAME")."
	echo "Every ratio is against a baseline measured in the same run on the same machine."
	echo
	echo "Running the roll-up benchmark (builds a 141,000-unit tree)…" >&2
	$B/bench_rollup "$DATA/dvhcvn/dvhcvn_20240901.json"
	echo "Running the document benchmark (LibreOffice baseline)…" >&2
	$B/bench_render
	echo "Running the classifier benchmark…" >&2
	$B/bench_classify "$DATA/uit-vsfc"
	echo
	echo "The models tried before choosing this one: bench/CLASSIFIER-MODELS.md."
	echo
	echo "Running the table benchmark…" >&2
	$B/bench_table
	echo "Running the bounded-responses benchmark (builds the national demo)…" >&2
	bench/bench_bounded.sh build
	echo "Running the feedback and search benchmark (builds the national demo)…" >&2
	bench/bench_feedback_scale.sh build
	echo "Running the HTTP benchmark (wrk against nginx and a raw SQLite loop)…" >&2
	bench/bench_http.sh build
	echo "Running the kept roll-up benchmark (builds the national demo)…" >&2
	bench/bench_rollup_kept.sh build
	echo "Running the national benchmarks on SQLite and PostgreSQL side by side…" >&2
	bench/bench_backends.sh build
	echo "Running PostgreSQL with two app nodes behind HAProxy beside one SQLite node…" >&2
	bench/bench_two_nodes.sh build
	for extra in $B/bench_import $B/bench_feedback $B/bench_sign; do
		[ -x "$extra" ] || continue
		echo "Running $(basename "$extra")…" >&2
		"$extra" "$DATA"
	done
} >"$out"
mv "$out" bench/RESULTS.md
echo "bench/RESULTS.md written." >&2
