/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_letter.c — libFuzzer target for lt_letter_parse() / lt_letter_to_json().
 *
 * Any bytes: no crash, no leak, no sanitizer report. A refusal is
 * LT_EINVAL (bad UTF-8) or LT_ETOOBIG and names the field "text"; a parse
 * gives a 16-key JSON object whose dates are ISO "YYYY-MM-DD" and whose
 * strings are valid UTF-8 (jansson refuses anything else).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"
#include "text/letter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const char *d)
{
	if (!d)
		return;
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		abort();
}

static void check_str(const char *s)
{
	if (s && !lt_utf8_valid(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_letter *l = NULL;
	lt_error e = { 0 };
	json_t *j;
	char *dump;
	size_t i;
	int rc = lt_letter_parse((const char *)data, size, &l, &e);

	if (rc) {
		if ((rc != LT_EINVAL && rc != LT_ETOOBIG) || strcmp(e.field, "text") || l)
			abort();
		return 0;
	}
	check_date(l->date);
	for (i = 0; i < l->n_refs; i++) {
		check_date(l->refs[i].date);
		check_str(l->refs[i].number);
		check_str(l->refs[i].issuer);
	}
	for (i = 0; i < l->deadlines.n; i++)
		check_date(l->deadlines.v[i]);
	check_str(l->number);
	check_str(l->issuer);
	check_str(l->subject);
	check_str(l->place);
	check_str(l->signer.name);
	check_str(l->signer.title);
	check_str(l->symbol);
	check_str(l->doc_type);
	check_str(l->signer.authority);
	if (l->signer.n_auth > LT_LETTER_MAX_AUTH)
		abort();
	for (i = 0; i < l->signer.n_auth; i++) {
		/* a canonical prefix: capitals and one final dot */
		const char *p = l->signer.auth[i].prefix;
		if (!p || !*p || p[strlen(p) - 1] != '.')
			abort();
		check_str(l->signer.auth[i].of);
	}
	j = lt_letter_to_json(l);
	if (!j || json_object_size(j) != 18)
		abort();
	dump = json_dumps(j, 0);
	if (!dump)
		abort();
	free(dump);
	json_decref(j);
	lt_letter_free(l);
	return 0;
}
