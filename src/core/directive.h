/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive.h — the rules of a directive (công văn) document, pure.
 *
 * A directive travels as a JSON object (jansson) with these keys:
 *   number "42/LĐLĐ", place, date "YYYY-MM-DD", subject (the V/v line),
 *   motto, recipients {mode: "grassroots_under" | "children_of" | "units",
 *   unit_id, unit_ids[]}, references [{number, date, issuer, directive_id}],
 *   themes [{title, items[]}], tasks[], indicators[] (codes), contests[],
 *   report_deadline, report_email, signer {authority, title, name}, cc[].
 * lt_directive_check validates and normalises one; a draft may be partial,
 * an issued directive must be complete.
 */
#ifndef LT_DIRECTIVE_RULES_H
#define LT_DIRECTIVE_RULES_H

#include <jansson.h>
#include <stdbool.h>

#include "core/error.h"

/*
 * Check in (borrowed) and return in *out a new object holding only the
 * known keys, normalised ("42 /LĐLĐ" → "42/LĐLĐ", trimmed strings, empty
 * lists for absent ones). With complete, the fields needed to issue are
 * required. Errors name the JSON path ("themes[2].items[0]").
 */
LT_MUST_CHECK int lt_directive_check(json_t *in, bool complete, json_t **out, lt_error *e);

/* Normalise a document number in place: no spaces around '/', runs of spaces removed. */
void lt_directive_number_normalise(char *s);

/* Is s an accepted signer authority prefix ("TM. …", "KT. …", "Q. …", "TL. …", "TUQ. …") or empty? */
bool lt_directive_authority_valid(const char *s);

/* ISO date d minus days into out[11] (d must be valid). */
void lt_date_minus_days(const char *d, int days, char out[11]);

#endif
