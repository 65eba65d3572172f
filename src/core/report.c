/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c — see report.h. */
#include "core/clock.h"
#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"

char *lt_report_canonical(json_t *snapshot, char sha[65])
{
	char *text = json_dumps(snapshot, JSON_COMPACT | JSON_SORT_KEYS);

	if (text)
		lt_sha256_hex(text, strlen(text), sha);
	else
		sha[0] = '\0';
	return text;
}

static void add_change(json_t *out, const char *what, const char *key, const char *name,
		       json_t *old, json_t *new, json_t *fig)
{
	double o = json_number_value(old), n = json_number_value(new);

	if (json_is_number(old) && json_is_number(new) && o == n)
		return;
	if (!old && !new)
		return;
	json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:O?,s:O?,s:f,s:O?,s:O?}", "what", what,
					     "key", key, "name", name ? name : key, "old", old, "new",
					     new, "delta", n - o, "name_en",
					     json_object_get(fig, "name_en"), "measure",
					     json_object_get(fig, "measure")));
}

/* Compare two objects of numbers key by key (both directions). */
static void compare_counts(json_t *out, const char *what, json_t *a, json_t *b)
{
	const char *k;
	json_t *v;

	json_object_foreach(b, k, v)
		if (json_is_number(v))
			add_change(out, what, k, NULL, json_object_get(a, k), v, NULL);
	json_object_foreach(a, k, v)
		if (json_is_number(v) && !json_object_get(b, k))
			add_change(out, what, k, NULL, v, NULL, NULL);
}

static json_t *topic_counts(json_t *snap)
{
	json_t *o = json_object(), *x;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(json_object_get(snap, "rollup"), "feedback"),
					   "by_topic"),
			   i, x)
		json_object_set(o, json_string_value(json_object_get(x, "code")), json_object_get(x, "count"));
	return o;
}

json_t *lt_report_compare(json_t *a, json_t *b)
{
	json_t *out = json_array(), *fa = json_object_get(json_object_get(a, "rollup"), "figures"),
	       *fb = json_object_get(json_object_get(b, "rollup"), "figures"), *x, *y;
	size_t i, j;

	/* Figures are arrays of {code, name, value}: match by code. */
	json_array_foreach(fb, i, y) {
		const char *code = json_string_value(json_object_get(y, "code"));
		json_t *old = NULL;
		json_array_foreach(fa, j, x)
			if (code && !strcmp(code, json_string_value(json_object_get(x, "code"))))
				old = json_object_get(x, "value");
		add_change(out, "figure", code, json_string_value(json_object_get(y, "name")), old,
			   json_object_get(y, "value"), y);
	}
	json_array_foreach(fa, i, x) {
		const char *code = json_string_value(json_object_get(x, "code"));
		bool still = false;
		json_array_foreach(fb, j, y)
			if (code && !strcmp(code, json_string_value(json_object_get(y, "code"))))
				still = true;
		if (!still)
			add_change(out, "figure", code, json_string_value(json_object_get(x, "name")),
				   json_object_get(x, "value"), NULL, x);
	}
	compare_counts(out, "items", json_object_get(json_object_get(a, "rollup"), "item_totals"),
		       json_object_get(json_object_get(b, "rollup"), "item_totals"));
	compare_counts(out, "contests", json_object_get(json_object_get(a, "rollup"), "contests"),
		       json_object_get(json_object_get(b, "rollup"), "contests"));
	{
		/* Feedback by topic is an array of {code, count}: compare as {code: count}. */
		json_t *ta = topic_counts(a), *tb = topic_counts(b);
		compare_counts(out, "feedback", ta, tb);
		json_decref(ta);
		json_decref(tb);
	}
	return out;
}

int64_t lt_deadline_end(const char *d)
{
	int64_t day;

	if (lt_iso_day(d, &day))
		return 0;
	return (day + 1) * 86400 - 1 - LT_VN_OFFSET;
}

void lt_report_number_format(int n, const char *level, char out[64])
{
	const char *sym = "LĐLĐ";

	if (level && !strcmp(level, "grassroots"))
		sym = "CĐCS";
	else if (level && !strcmp(level, "commune"))
		sym = "CĐ";
	else if (level && !strcmp(level, "national"))
		sym = "TLĐ";
	snprintf(out, 64, "%d/BC-%s", n, sym);
}
