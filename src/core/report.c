/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c — see report.h. */
#include "core/clock.h"
#include "core/report.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"

typedef struct move {
	lt_report_act act;
	const char *from, *to; /* to NULL: the state stays */
} move;

/* The whole workflow: a transition not listed here is refused. */
static const move moves[] = {
	{ LT_REPORT_EDIT, "draft", NULL },
	{ LT_REPORT_EDIT, "returned", NULL },
	{ LT_REPORT_SUBMIT, "draft", "submitted" },
	{ LT_REPORT_SUBMIT, "returned", "submitted" },
	{ LT_REPORT_RETURN, "submitted", "returned" },
	{ LT_REPORT_ACCEPT, "submitted", "accepted" },
	{ LT_REPORT_REOPEN, "submitted", "draft" },
	{ LT_REPORT_REOPEN, "accepted", "draft" },
};

static const struct {
	int by;
	const char *vi, *en; /* what the action does, for the refusal */
} acts[] = {
	[LT_REPORT_EDIT] = { LT_REPORT_BY_UNIT, "sửa", "edit it" },
	[LT_REPORT_SUBMIT] = { LT_REPORT_BY_UNIT, "nộp lại", "submit it again" },
	[LT_REPORT_RETURN] = { LT_REPORT_BY_REVIEWER, "trả lại", "return it" },
	[LT_REPORT_ACCEPT] = { LT_REPORT_BY_REVIEWER, "duyệt", "accept it" },
	[LT_REPORT_REOPEN] = { LT_REPORT_BY_UNIT | LT_REPORT_BY_REVIEWER, "mở lại", "reopen it" },
};

int lt_report_transition(const char *from, lt_report_act act, const char **to, lt_error *e)
{
	assert(act >= LT_REPORT_EDIT && act <= LT_REPORT_REOPEN);
	*to = NULL;
	for (size_t i = 0; from && i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].act == act && !strcmp(moves[i].from, from)) {
			*to = moves[i].to ? moves[i].to : moves[i].from;
			return 0;
		}
	return lt_error_set(e, LT_ECONFLICT, "status", "Báo cáo đang ở trạng thái %s: không thể %s%.0s",
			    "The report is %s: cannot %.0s%s", from ? from : "?", acts[act].vi,
			    acts[act].en);
}

bool lt_report_state_signable(const char *state)
{
	return state && (!strcmp(state, "submitted") || !strcmp(state, "accepted"));
}

lt_report_signed_effect lt_report_signed_effect_of(lt_report_act act)
{
	static const lt_report_signed_effect effect[] = {
		[LT_REPORT_EDIT] = LT_SIGNED_REFUSED,      [LT_REPORT_SUBMIT] = LT_SIGNED_REFUSED,
		[LT_REPORT_RETURN] = LT_SIGNED_SUPERSEDES, [LT_REPORT_ACCEPT] = LT_SIGNED_KEEPS,
		[LT_REPORT_REOPEN] = LT_SIGNED_SUPERSEDES,
	};
	assert(act >= LT_REPORT_EDIT && act <= LT_REPORT_REOPEN);
	return effect[act];
}

int lt_report_signed_allows(lt_report_act act, int rev, lt_error *e)
{
	if (lt_report_signed_effect_of(act) != LT_SIGNED_REFUSED)
		return 0;
	return lt_error_set(e, LT_ECONFLICT, "status",
			    "Lần nộp %d đã được ký số: không thể %s%.0s; hãy mở lại để điều chỉnh",
			    "Revision %d is digitally signed: cannot %.0s%s; reopen it for a correction",
			    rev, acts[act].vi, acts[act].en);
}

int lt_report_act_by(lt_report_act act)
{
	assert(act >= LT_REPORT_EDIT && act <= LT_REPORT_REOPEN);
	return acts[act].by;
}

bool lt_report_state_locks(const char *state)
{
	return state && (!strcmp(state, "submitted") || !strcmp(state, "accepted"));
}

int lt_report_narrative_check(json_t *narrative, lt_error *e)
{
	const char *k;
	json_t *v;

	if (!json_is_object(narrative))
		return lt_error_set(e, LT_EINVAL, "narrative", "Phần thuyết minh phải là đối tượng",
				    "The narrative must be an object");
	json_object_foreach(narrative, k, v)
		if (!json_is_string(v) || json_string_length(v) > 20000)
			return lt_error_set(e, LT_EINVAL, "narrative",
					    "Mỗi đoạn thuyết minh là chuỗi tối đa 20.000 byte (%s)",
					    "Each narrative entry is a string of at most 20,000 bytes (%s)",
					    k);
	return 0;
}

bool lt_report_kind_valid(const char *kind)
{
	return kind && (!strcmp(kind, "quick") || !strcmp(kind, "final"));
}

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

/* Compare two objects of texts (the narrative: per theme id, "general", the signer) key by key. */
static void compare_texts(json_t *out, const char *what, json_t *a, json_t *b)
{
	const char *k;
	json_t *v, *o;

	json_object_foreach(b, k, v) {
		o = json_object_get(a, k);
		if (!json_is_string(v) || (json_is_string(o) && json_equal(o, v)) ||
		    (!o && !json_string_length(v)))
			continue;
		json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:O?,s:O}", "what", what, "key", k,
						     "name", k, "old", o, "new", v));
	}
	json_object_foreach(a, k, v)
		if (json_is_string(v) && json_string_length(v) && !json_object_get(b, k))
			json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:O,s:n}", "what", what,
							     "key", k, "name", k, "old", v, "new"));
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
	/* The narrative is part of what was submitted: a changed paragraph is a change. */
	compare_texts(out, "narrative", json_object_get(a, "narrative"), json_object_get(b, "narrative"));
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
