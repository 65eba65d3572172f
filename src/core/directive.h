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
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
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

/* ---------- the life of a directive: what its status allows ---------- */

/* What one asks of a directive; lt_directive_may says whether its status allows it. */
typedef enum lt_directive_act {
	LT_DIR_ACT_EDIT,    /* change the content: drafts only */
	LT_DIR_ACT_ISSUE,   /* send it to its recipients: drafts only */
	LT_DIR_ACT_AMEND,   /* draft an amendment: issued only (a draft is edited) */
	LT_DIR_ACT_CASCADE, /* draft the implementing directive below: issued only */
} lt_directive_act;

/*
 * May a directive in status ("draft" | "issued") undergo act? 0, or
 * LT_ECONFLICT with the reason, naming the field the adapters have always
 * named ("status"; "id" for a cascade).
 */
LT_MUST_CHECK int lt_directive_may(const char *status, lt_directive_act act, lt_error *e);

/* How a reader stands to a directive. */
enum lt_directive_access {
	LT_DIR_NONE = 0,
	LT_DIR_READER = 1, /* addressed to its unit or to one of its ancestors */
	LT_DIR_ISSUER = 2, /* the issuer is the reader's unit or below it */
};

/*
 * The access rule: the issuing side (the reader's subtree holds the issuer)
 * reads its drafts and issued letters; once issued, a letter addressed to
 * the reader's unit or one of its ancestors (addressed) is readable too —
 * the city's letter to the district is public to the district's unions, a
 * letter the district sent to another commune's unions is not.
 */
int lt_directive_standing(const char *issuer_path, bool issued, const char *reader_path,
			  bool addressed);

/* ---------- receipts: received → opened → acknowledged ---------- */

/* "new", "opened" or "acknowledged". */
const char *lt_receipt_state(bool opened, bool acknowledged);
/* Does a receipt match the filter want (NULL/"" all, new, opened, acknowledged, pending)? */
bool lt_receipt_state_is(const char *want, bool opened, bool acknowledged);
/* Is want a known filter (NULL allowed)? 0 or LT_EINVAL naming field. */
LT_MUST_CHECK int lt_receipt_state_check(const char *field, const char *want, lt_error *e);

/* ---------- a checked document as typed values, for storage ---------- */

typedef struct lt_directive_theme_in {
	const char *title;
	const char *items; /* the items as a JSON array text */
} lt_directive_theme_in;

/* What storage keeps of a checked document besides the document itself. */
typedef struct lt_directive_parts {
	const char *number, *date, *subject, *report_deadline; /* NULL when absent */
	const char *doc;    /* the whole checked document, compact JSON */
	const char *search; /* number, subject, motto, themes and items, for the search index */
	const lt_directive_theme_in *themes;
	size_t nthemes;
	const char *const *indicators;
	size_t nindicators;
} lt_directive_parts;

/* Fill *out from a checked document (borrowed); strings live in a. 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_directive_parts_of(json_t *checked, lt_arena *a, lt_directive_parts *out,
					lt_error *e);

enum lt_recipients_mode {
	LT_RECIPIENTS_GRASSROOTS_UNDER, /* every grassroots union under unit_id */
	LT_RECIPIENTS_CHILDREN_OF,      /* unit_id's direct units */
	LT_RECIPIENTS_UNITS,            /* the listed unit_ids */
};

typedef struct lt_recipients {
	int mode;               /* enum lt_recipients_mode */
	int64_t unit_id;        /* the root of a rule */
	const int64_t *unit_ids; /* LT_RECIPIENTS_UNITS */
	size_t n;
} lt_recipients;

/* The recipients of a complete checked document (borrowed) into *out (ids in a). */
LT_MUST_CHECK int lt_directive_recipients_of(json_t *checked, lt_arena *a, lt_recipients *out,
					     lt_error *e);

#endif
