// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * letter_expect.h — the helpers the letter layout tests share: parse a
 * letter (from a format and its arguments), and check its fields, "" meaning
 * "not found". Included by test_letter_layouts5.c and test_letter_layouts6.c;
 * static inline, so a test file that leaves one unused still builds.
 */
#ifndef LT_TEST_LETTER_EXPECT_H
#define LT_TEST_LETTER_EXPECT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "text/letter.h"

static inline lt_letter *parse(const char *s)
{
	lt_letter *l = NULL;
	lt_error e = { 0 };

	assert_int_equal(lt_letter_parse(s, strlen(s), &l, &e), 0);
	assert_non_null(l);
	return l;
}

/* Parse the letter fmt makes with its arguments. */
static inline lt_letter *parsef(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return parse(buf);
}

/* Expect got to be want; want "" means "not found" (NULL). */
static inline void expect(const char *got, const char *want)
{
	if (!*want)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

/* Check l's issuer and parent body ("": none), then free it. */
static inline void expect_issuer(lt_letter *l, const char *issuer, const char *parent)
{
	expect(l->issuer, issuer);
	expect(l->parent_body, parent);
	lt_letter_free(l);
}

/* Check l's type and trích yếu ("": none), then free it. */
static inline void expect_type(lt_letter *l, const char *doc_type, const char *subject)
{
	expect(l->doc_type, doc_type);
	expect(l->subject, subject);
	lt_letter_free(l);
}

/* Check l's own number and date ("": none); l stays. */
static inline void expect_number(const lt_letter *l, const char *number, const char *date)
{
	expect(l->number, number);
	expect(l->date, date);
}

/* Check l's signer name ("": none), then free it. */
static inline void expect_name(lt_letter *l, const char *name)
{
	expect(l->signer.name, name);
	lt_letter_free(l);
}

/* Check l's place and date ("": none), then free it. */
static inline void expect_place(lt_letter *l, const char *place, const char *date)
{
	expect(l->place, place);
	expect(l->date, date);
	lt_letter_free(l);
}

/* Check that list (of l) holds n entries, entry i being want (unless NULL), then free l. */
static inline void expect_entries(lt_letter *l, const lt_letter_strv *list, size_t n,
				  size_t i, const char *want)
{
	assert_int_equal(list->n, n);
	if (want)
		expect(list->v[i], want);
	lt_letter_free(l);
}

#endif
