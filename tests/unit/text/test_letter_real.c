// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The letter parser on the real letters of tests/data/letters (path in
 * $LT_LETTER_DIR): every NAME.txt of real/ (the test set) and of holdout2/
 * to holdout9/ (letters never used to change the parser) is parsed and compared, field by
 * field, with its NAME.json under the rules of tests/data/letters/score.py
 * (strings NFC, white space collapsed, trailing ". ; , :" dropped; number and
 * symbol ignore white space and read "–" as "-"; lists as sets;
 * signer.authorities as an ordered list of prefix/for pairs). Each field must
 * be right on at least as many letters as measured when the parser was last
 * changed (the floors below), so a change that loses a field on a real letter
 * fails here. holdout/ is not read: it stays a blind measure
 * (score.py tests/data/letters/holdout).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>

#include "text/fold.h"
#include "text/letter.h"

/* A field and the least number of letters it must be right on. */
typedef struct field_min {
	const char *path;
	int min;
} field_min;

/* Measured on real/ (85 letters, 1269 fields) when the parser was last changed. */
static const field_min REAL_MIN[] = {
	{ "number", 85 },	  { "symbol", 85 },	      { "doc_type", 82 },
	{ "issuer", 81 },	  { "parent_body", 83 },      { "place", 84 },
	{ "date", 84 },		  { "subject", 80 },	      { "recipients", 85 },
	{ "cc", 85 },		  { "deadlines", 84 },	      { "signer.authority", 85 },
	{ "signer.authorities", 85 }, { "signer.title", 85 }, { "signer.name", 85 },
};
#define NFIELDS (sizeof(REAL_MIN) / sizeof(REAL_MIN[0]))

/*
 * Measured on holdout2/ (24 letters, 359 fields; 33-TLD's signer name is cut
 * by its page, so it is not scored) after the parser was last changed. None
 * of these letters was tuned on: those that were are in real/.
 */
static const field_min HOLDOUT2_MIN[NFIELDS] = {
	{ "number", 24 },	  { "symbol", 22 },	      { "doc_type", 24 },
	{ "issuer", 21 },	  { "parent_body", 21 },      { "place", 22 },
	{ "date", 24 },		  { "subject", 22 },	      { "recipients", 23 },
	{ "cc", 24 },		  { "deadlines", 24 },	      { "signer.authority", 24 },
	{ "signer.authorities", 24 }, { "signer.title", 24 }, { "signer.name", 23 },
};

/*
 * Measured on holdout3/ (16 letters, 239 fields, all right; 92's title is
 * cut by its page, so its subject is not scored): the 11 of the first 23
 * letters the parser was not changed on, and 91-95, found after the change
 * and scored blind with it. Blind, before any change, the first 23 scored
 * 313 of 345 fields.
 */
static const field_min HOLDOUT3_MIN[NFIELDS] = {
	{ "number", 16 },	  { "symbol", 16 },	      { "doc_type", 16 },
	{ "issuer", 16 },	  { "parent_body", 16 },      { "place", 16 },
	{ "date", 16 },		  { "subject", 15 },	      { "recipients", 16 },
	{ "cc", 16 },		  { "deadlines", 16 },	      { "signer.authority", 16 },
	{ "signer.authorities", 16 }, { "signer.title", 16 }, { "signer.name", 16 },
};

/*
 * Measured on holdout4/ (19 letters, 285 fields, all right) after the parser
 * was last changed: the 13 of the first 20 letters found for it (fields
 * written before the parser was run on them) that the parser was not changed
 * on; five of 116-121, found after that change (scored blind with it, the six
 * gave 89 of 90; 119, the miss, was then moved to real/); and 122 (122-123
 * scored blind 28 of 30; 123 was moved to real/). Blind, before any change,
 * the first 20 scored 280 of 300 fields.
 */
static const field_min HOLDOUT4_MIN[NFIELDS] = {
	{ "number", 19 },	  { "symbol", 19 },	      { "doc_type", 19 },
	{ "issuer", 19 },	  { "parent_body", 19 },      { "place", 19 },
	{ "date", 19 },		  { "subject", 19 },	      { "recipients", 19 },
	{ "cc", 19 },		  { "deadlines", 19 },	      { "signer.authority", 19 },
	{ "signer.authorities", 19 }, { "signer.title", 19 }, { "signer.name", 19 },
};

/*
 * Measured on holdout5/ (18 letters, 270 fields) after the parser was last
 * changed: the 18 of the 25 letters found in round 5 (fields written and
 * committed before the parser was run on them) that the parser was not
 * changed on. Blind, before any change, the 25 scored 344 of 375 fields.
 */
static const field_min HOLDOUT5_MIN[NFIELDS] = {
	{ "number", 17 },	  { "symbol", 17 },	      { "doc_type", 17 },
	{ "issuer", 16 },	  { "parent_body", 17 },      { "place", 17 },
	{ "date", 17 },		  { "subject", 17 },	      { "recipients", 18 },
	{ "cc", 17 },		  { "deadlines", 18 },	      { "signer.authority", 17 },
	{ "signer.authorities", 17 }, { "signer.title", 17 }, { "signer.name", 17 },
};

/*
 * Measured on holdout6/ (19 letters, 284 fields) after the parser was last
 * changed: the 19 of the 23 letters found in round 6 (fields written and
 * committed before the parser was run on them) that the parser was not
 * changed on. Blind, before any change, the 23 scored 329 of 341 fields.
 */
static const field_min HOLDOUT6_MIN[NFIELDS] = {
	{ "number", 19 },	  { "symbol", 18 },	      { "doc_type", 19 },
	{ "issuer", 19 },	  { "parent_body", 19 },      { "place", 19 },
	{ "date", 19 },		  { "subject", 19 },	      { "recipients", 19 },
	{ "cc", 18 },		  { "deadlines", 19 },	      { "signer.authority", 19 },
	{ "signer.authorities", 19 }, { "signer.title", 19 }, { "signer.name", 19 },
};

/*
 * Measured on holdout7/ (5 letters, 74 fields) after the parser was last
 * changed: the 5 of the 15 letters found in round 7 (fields written and
 * committed before the parser was run on them) that the parser was not
 * changed on. Blind, before any change, the 15 scored 199 of 224 fields.
 */
static const field_min HOLDOUT7_MIN[NFIELDS] = {
	{ "number", 5 },	  { "symbol", 5 },	      { "doc_type", 4 },
	{ "issuer", 4 },	  { "parent_body", 4 },	      { "place", 4 },
	{ "date", 4 },		  { "subject", 4 },	      { "recipients", 5 },
	{ "cc", 5 },		  { "deadlines", 5 },	      { "signer.authority", 5 },
	{ "signer.authorities", 5 }, { "signer.title", 5 }, { "signer.name", 5 },
};

/*
 * Measured on holdout8/ (10 letters, 143 fields) after the parser was last
 * changed: the 7 of the 12 letters found in round 8 (fields written and
 * committed before the parser was run on them) that the parser was not
 * changed on, and 199-201, found after the change. Blind, before any
 * change, the 12 scored 142 of 170 fields; 199-201 scored 44 of 45 blind
 * on the changed parser.
 */
static const field_min HOLDOUT8_MIN[NFIELDS] = {
	{ "number", 8 },	  { "symbol", 8 },	      { "doc_type", 7 },
	{ "issuer", 8 },	  { "parent_body", 8 },	      { "place", 9 },
	{ "date", 9 },		  { "subject", 6 },	      { "recipients", 10 },
	{ "cc", 10 },		  { "deadlines", 10 },	      { "signer.authority", 10 },
	{ "signer.authorities", 10 }, { "signer.title", 10 }, { "signer.name", 10 },
};

/*
 * Measured on holdout9/ (15 letters, 216 fields): the letters found in round 9
 * (fields written before the parser was run on them) but 206, moved to real/
 * to be learned from. Blind, on the parser as round 8 left it, 202-214 scored
 * 191 of 192 fields; 215-217, kept back, scored 39 of 39 blind on the
 * parser after the round-9 change.
 */
static const field_min HOLDOUT9_MIN[NFIELDS] = {
	{ "number", 14 },	  { "symbol", 14 },	      { "doc_type", 15 },
	{ "issuer", 13 },	  { "parent_body", 13 },      { "place", 15 },
	{ "date", 14 },		  { "subject", 15 },	      { "recipients", 14 },
	{ "cc", 15 },		  { "deadlines", 15 },	      { "signer.authority", 15 },
	{ "signer.authorities", 15 }, { "signer.title", 14 }, { "signer.name", 15 },
};

/* NFC, white space collapsed, trailing ".;,:" (and "…" for list entries) dropped. */
static char *norm(const char *s, int kind)
{
	char *t, *o;
	size_t i, k = 0;
	bool sp = false;

	if (!s)
		return NULL;
	t = lt_text_nfc(s, strlen(s));
	assert_non_null(t);
	o = malloc(strlen(t) + 1);
	assert_non_null(o);
	for (i = 0; t[i]; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			sp = k > 0;
			continue;
		}
		/* number / symbol: no spaces, dashes as "-" */
		if (kind == 1 && ch == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
		    (unsigned char)t[i + 2] >= 0x90 && (unsigned char)t[i + 2] <= 0x94) {
			o[k++] = '-';
			i += 2;
			sp = false;
			continue;
		}
		if (sp && kind != 1)
			o[k++] = ' ';
		sp = false;
		o[k++] = t[i];
	}
	o[k] = '\0';
	for (;;) {
		if (k && strchr(".;,: ", o[k - 1])) {
			o[--k] = '\0';
		} else if (kind == 2 && k >= 3 && !memcmp(o + k - 3, "\xE2\x80\xA6", 3)) {
			k -= 3;
			o[k] = '\0';
		} else {
			break;
		}
	}
	free(t);
	if (!k) {
		free(o);
		return NULL;
	}
	return o;
}

static bool str_eq(const char *a, const char *b, int kind)
{
	char *x = norm(a, kind), *y = norm(b, kind);
	bool r = (!x && !y) || (x && y && !strcmp(x, y));

	free(x);
	free(y);
	return r;
}

/* Is every entry of a (normalised) in b? */
static bool subset(const json_t *a, const json_t *b)
{
	size_t i, j;
	json_t *v, *w;

	json_array_foreach(a, i, v) {
		char *x = norm(json_string_value(v), 2);
		bool found = !x;
		json_array_foreach(b, j, w) {
			char *y = norm(json_string_value(w), 2);
			if (x && y && !strcmp(x, y))
				found = true;
			free(y);
		}
		free(x);
		if (!found)
			return false;
	}
	return true;
}

static char *prefix(const char *p)
{
	char *n = norm(p, 0), *r;
	size_t k;

	if (!n)
		return NULL;
	k = strlen(n);
	while (k && (n[k - 1] == '.' || n[k - 1] == '/'))
		n[--k] = '\0';
	for (size_t i = 0; i < k; i++)
		if (n[i] >= 'a' && n[i] <= 'z')
			n[i] = (char)(n[i] - 32);
	r = malloc(k + 2);
	assert_non_null(r);
	snprintf(r, k + 2, "%s.", n);
	free(n);
	return r;
}

static bool auth_eq(const json_t *a, const json_t *b)
{
	size_t i, na = json_is_array(a) ? json_array_size(a) : 0;
	size_t nb = json_is_array(b) ? json_array_size(b) : 0;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		const json_t *x = json_array_get(a, i), *y = json_array_get(b, i);
		char *p = prefix(json_string_value(json_object_get(x, "authority")));
		char *q = prefix(json_string_value(json_object_get(y, "authority")));
		bool ok = p && q && !strcmp(p, q) &&
			  str_eq(json_string_value(json_object_get(x, "for")),
				 json_string_value(json_object_get(y, "for")), 0);
		free(p);
		free(q);
		if (!ok)
			return false;
	}
	return true;
}

static json_t *dig(json_t *o, const char *path)
{
	char key[64];
	const char *dot = strchr(path, '.');

	if (!dot)
		return json_object_get(o, path);
	snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
	return dig(json_object_get(o, key), dot + 1);
}

static bool field_ok(const char *path, json_t *want, json_t *got)
{
	const char *leaf = strrchr(path, '.') ? strrchr(path, '.') + 1 : path;

	if (!strcmp(leaf, "recipients") || !strcmp(leaf, "cc") || !strcmp(leaf, "deadlines")) {
		json_t *e = json_array();
		bool r;
		if (!json_is_array(want))
			want = e;
		if (!json_is_array(got))
			got = e;
		r = subset(want, got) && subset(got, want);
		json_decref(e);
		return r;
	}
	if (!strcmp(leaf, "authorities"))
		return auth_eq(want, got);
	return str_eq(json_string_value(want), json_string_value(got),
		      !strcmp(leaf, "number") || !strcmp(leaf, "symbol"));
}

/*
 * Parse every letter of sub/ and check each field against its floor; the
 * folder must hold nletters letters and fields_total scored fields.
 */
static void check_folder(const char *sub, const field_min *mins, int nletters, int fields_total)
{
	const char *base = getenv("LT_LETTER_DIR");
	char dir[1024], path[1200];
	int right[NFIELDS] = { 0 }, seen[NFIELDS] = { 0 }, letters = 0, total = 0;
	struct dirent *de;
	DIR *d;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/%s", base ? base : "tests/data/letters", sub);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		json_error_t je;
		json_t *want, *got;
		lt_letter *l = NULL;
		lt_error e;
		FILE *f;
		char *text;
		long len;

		if (n < 5 || strcmp(de->d_name + n - 4, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%.*s.json", dir, (int)(n - 4), de->d_name);
		want = json_load_file(path, 0, &je);
		if (!want)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		text = malloc((size_t)len + 1);
		assert_non_null(text);
		assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
		fclose(f);
		assert_int_equal(lt_letter_parse(text, (size_t)len, &l, &e), 0);
		got = lt_letter_to_json(l);
		assert_non_null(got);
		for (i = 0; i < NFIELDS; i++) {
			json_t *w = dig(want, mins[i].path);
			if (!w)
				continue;
			seen[i]++;
			if (field_ok(mins[i].path, w, dig(got, mins[i].path)))
				right[i]++;
			else
				print_message("%s/%s: %s differs\n", sub, de->d_name, mins[i].path);
		}
		letters++;
		json_decref(got);
		json_decref(want);
		lt_letter_free(l);
		free(text);
	}
	closedir(d);
	assert_int_equal(letters, nletters);
	for (i = 0; i < NFIELDS; i++) {
		print_message("%s %-20s %2d/%2d (at least %d)\n", sub, mins[i].path, right[i],
			      seen[i], mins[i].min);
		total += seen[i];
		assert_true(right[i] >= mins[i].min);
	}
	assert_int_equal(total, fields_total);
}

/* real/: the test set, every field of every letter scored. */
static void test_real_letters(void **state)
{
	(void)state;
	check_folder("real", REAL_MIN, 85, 1269);
}

/* holdout2/: letters from outside the test set (346 of 359 fields right when measured). */
static void test_holdout2_letters(void **state)
{
	(void)state;
	check_folder("holdout2", HOLDOUT2_MIN, 24, 359);
}

/* holdout3/: letters from outside the test set (239 of 239 fields right when measured). */
static void test_holdout3_letters(void **state)
{
	(void)state;
	check_folder("holdout3", HOLDOUT3_MIN, 16, 239);
}

/* holdout4/: letters from outside the test set (285 of 285 fields right when measured). */
static void test_holdout4_letters(void **state)
{
	(void)state;
	check_folder("holdout4", HOLDOUT4_MIN, 19, 285);
}

/* holdout5/: letters from outside the test set (256 of 270 fields right when measured). */
static void test_holdout5_letters(void **state)
{
	(void)state;
	check_folder("holdout5", HOLDOUT5_MIN, 18, 270);
}

/* holdout6/: letters from outside the test set (283 of 284 fields right when measured). */
static void test_holdout6_letters(void **state)
{
	(void)state;
	check_folder("holdout6", HOLDOUT6_MIN, 19, 284);
}

/* holdout7/: letters from outside the test set (69 of 74 fields right when measured). */
static void test_holdout7_letters(void **state)
{
	(void)state;
	check_folder("holdout7", HOLDOUT7_MIN, 5, 74);
}

/* holdout8/: letters from outside the test set (133 of 143 fields right when measured). */
static void test_holdout8_letters(void **state)
{
	(void)state;
	check_folder("holdout8", HOLDOUT8_MIN, 10, 143);
}

/* holdout9/: letters from outside the test set (216 of 216 fields right when measured). */
static void test_holdout9_letters(void **state)
{
	(void)state;
	check_folder("holdout9", HOLDOUT9_MIN, 15, 216);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_letters),
		cmocka_unit_test(test_holdout2_letters),
		cmocka_unit_test(test_holdout3_letters),
		cmocka_unit_test(test_holdout4_letters),
		cmocka_unit_test(test_holdout5_letters),
		cmocka_unit_test(test_holdout6_letters),
		cmocka_unit_test(test_holdout7_letters),
		cmocka_unit_test(test_holdout8_letters),
		cmocka_unit_test(test_holdout9_letters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
