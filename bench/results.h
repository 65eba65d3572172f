/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results.h — a benchmark's section of bench/RESULTS.md, written in place
 * when a benchmark runs on its own (scripts/bench.sh collects stdout instead).
 */
#ifndef LT_BENCH_RESULTS_H
#define LT_BENCH_RESULTS_H

/*
 * Replace the section of path that starts with the line heading (up to the
 * next "## " line) by section, or append it; the other sections stay as
 * they are. A missing file is started with a title. Written to a temporary
 * file and renamed, so a failed run leaves the old file. 0 or -1.
 */
int bench_write_section(const char *path, const char *heading, const char *section);

#endif
