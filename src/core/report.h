/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.h — pure rules of a unit report: the canonical text of a snapshot
 * and its SHA-256, comparing two revisions, the deadline's last second,
 * report numbers.
 */
#ifndef LT_REPORT_RULES_H
#define LT_REPORT_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * The canonical text of a snapshot (sorted keys, compact, UTF-8) as a
 * malloc'd string, and its SHA-256 in hex into sha[65]. Returns owned text.
 */
char *lt_report_canonical(json_t *snapshot, char sha[65]);

/*
 * What changed between two snapshots (borrowed): a new array of
 * {what: "figure"|"items"|"contests"|"feedback", key, name, old, new, delta}
 * for every figure and count that differs.
 */
json_t *lt_report_compare(json_t *a, json_t *b);

/* The last second (epoch) of ISO day d in Vietnam (UTC+7): submissions up to it are on time. */
int64_t lt_deadline_end(const char *d);

/* A report number "N/BC-SYMBOL" for the unit's level (LĐLĐ for federations, CĐCS, CĐ). */
void lt_report_number_format(int n, const char *level, char out[64]);

#endif
