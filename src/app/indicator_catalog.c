/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* indicator_catalog.c — the catalogue for the directive form's picker; see indicator_catalog.h. */
#include "app/indicator_catalog.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator.h"
#include "core/validate.h"
#include "store/indicator.h"
#include "text/fold.h"

#define CODE_MAX 32

static int nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* The folded form of s in a (NULL when s is NULL; "" when it folds to nothing). */
static const char *folded(lt_arena *a, const char *s, lt_error *e, int *rc)
{
	char *f, *out;

	*rc = 0;
	if (!s)
		return NULL;
	f = lt_text_fold(s, strlen(s));
	if (!f) {
		*rc = lt_error_set(e, LT_EINVAL, "q", "Chuỗi tìm không phải UTF-8 hợp lệ",
				   "The search text is not valid UTF-8");
		return NULL;
	}
	out = lt_arena_strdup(a, f);
	free(f);
	if (!out)
		*rc = nomem(e);
	return out;
}

int lt_app_indicator_search(lt_db *db, const lt_actor *who, const char *q, const lt_page *pg,
			    lt_arena *a, lt_app_indicator_page *out, lt_error *e)
{
	const char *fq = NULL, *after_code = NULL;
	int64_t after_pos = 0;
	char *end = NULL, key[CODE_MAX + 32];
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		fq = folded(a, q, e, &rc);
	if (!rc && pg->after) {
		/* The key is "pos|code" of the last row sent. */
		const char *bar = strchr(pg->after, '|');
		after_pos = strtoll(pg->after, &end, 10);
		if (!bar || end != bar || !bar[1] || strlen(bar + 1) > CODE_MAX)
			return lt_page_bad_cursor(e);
		after_code = bar + 1;
	}
	if (!rc)
		rc = lt_indicator_catalog_search(db, fq, after_pos, after_code, pg->limit + 1, a,
						 &out->v, &out->n, e);
	if (!rc && out->n > (size_t)pg->limit) {
		const lt_indicator_entry *last = &out->v[pg->limit - 1];
		out->n = (size_t)pg->limit;
		snprintf(key, sizeof(key), "%" PRId64 "|%s", last->pos, last->row.code);
		out->next_cursor = lt_page_cursor(a, key);
		if (!out->next_cursor)
			rc = nomem(e);
	}
	return rc;
}

/* The ASCII slug of a folded label into out[CODE_MAX + 1]: a-z0-9 words joined by "_". */
static void slug(const char *f, char *out, size_t max)
{
	size_t n = 0;
	bool gap = false;

	for (const char *p = f; *p && n < max; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && n && n + 1 < max)
				out[n++] = '_';
			out[n++] = c;
			gap = false;
		} else {
			gap = true;
		}
	}
	/* Cut at a word's end when the label ran past the room. */
	out[n] = '\0';
	if (!n)
		snprintf(out, max + 1, "indicator");
}

int lt_app_indicator_create(lt_db *db, const lt_actor *who, const lt_app_indicator_in *in,
			    lt_arena *a, lt_indicator_entry *out, lt_error *e)
{
	lt_indicator_entry *all = NULL;
	lt_indicator_row r;
	const char *want = NULL;
	char base[CODE_MAX + 1], code[CODE_MAX + 1];
	size_t n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if (!rc)
		rc = lt_check_text("name_vi", in->name_vi, 200, e);
	if (!rc && in->name_en)
		rc = lt_check_text("name_en", in->name_en, 200, e);
	r.measure = in->measure ? in->measure : "items";
	if (!rc && !lt_indicator_measure_known(r.measure))
		rc = lt_error_set(e, LT_EINVAL, "measure",
				  "Đơn vị tính \"%s\" không có (người, đồng, vé, chuyến, gian hàng,"
				  " chương trình, suất, cuộc, %%)",
				  "Unknown measure \"%s\" (people, vnd, tickets, trips, stalls,"
				  " programmes, items, visits, percent)", r.measure);
	if (!rc)
		want = folded(a, in->name_vi, e, &rc);
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	/* One label, one definition: the picker offers the one already there. */
	rc = lt_indicator_catalog_search(db, NULL, 0, NULL, 100000, a, &all, &n, e);
	for (size_t i = 0; !rc && i < n; i++) {
		char *f = lt_text_fold(all[i].row.name_vi, strlen(all[i].row.name_vi));
		if (f && !strcmp(f, want))
			rc = lt_error_set(e, LT_EEXIST, "name_vi",
					  "Chỉ tiêu \"%s\" đã có trong danh mục (mã %s)",
					  "\"%s\" is already in the catalogue (code %s)",
					  all[i].row.name_vi, all[i].row.code);
		free(f);
	}
	slug(want, base, CODE_MAX - 3);
	snprintf(code, sizeof(code), "%s", base);
	for (int k = 2; !rc; k++) {
		bool taken = false;
		rc = lt_indicator_catalog_has(db, code, &taken, e);
		if (rc || !taken)
			break;
		if (k > 99) {
			rc = lt_error_set(e, LT_EEXIST, "name_vi", "Không đặt được mã cho \"%s\"",
					  "No free code for \"%s\"", in->name_vi);
			break;
		}
		snprintf(code, sizeof(code), "%s_%d", base, k);
	}
	r.code = code;
	r.name_vi = in->name_vi;
	r.name_en = in->name_en ? in->name_en : in->name_vi;
	r.aggregation = "sum";
	if (!rc)
		rc = lt_indicator_catalog_add(db, &r, lt_actor_audit_id(who), e);
	if (!rc) {
		out->row = r;
		out->row.code = lt_arena_strdup(a, code);
		out->row.rules = "{}";
		if (!out->row.code)
			rc = nomem(e);
	}
	return lt_db_end(db, rc, e);
}

/* Is a a code the way lt_check_code takes it (ASCII letters, digits, . _ -; 1..32)? */
static bool looks_like_code(const char *s)
{
	lt_error ignore;

	return lt_check_code("code", s, &ignore) == 0;
}

int lt_app_indicator_codes_check(lt_db *db, json_t *doc, lt_error *e)
{
	json_t *inds = doc ? json_object_get(doc, "indicators") : NULL, *x;
	size_t i;
	int rc = 0;

	if (!json_is_array(inds))
		return 0; /* absent, or not a list: lt_directive_check says what is wrong */
	json_array_foreach(inds, i, x) {
		const char *code;
		char field[48];
		bool found = false;
		snprintf(field, sizeof(field), "indicators[%zu].code", i);
		if (json_is_object(x)) {
			json_t *c = json_object_get(x, "code");
			if (!json_is_string(c))
				return lt_error_set(e, LT_EINVAL, field, "Thiếu mã chỉ tiêu",
						    "The indicator's code is missing");
			json_array_set(inds, i, c); /* {code} → "code" */
			x = json_array_get(inds, i);
		}
		code = json_string_value(x);
		if (!code)
			return lt_error_set(e, LT_EINVAL, field,
					    "Chỉ tiêu phải là mã trong danh mục",
					    "An indicator must be a code of the catalogue");
		if (!looks_like_code(code))
			return lt_error_set(e, LT_EINVAL, field,
					    "\"%s\" không phải mã chỉ tiêu: hãy chọn chỉ tiêu trong"
					    " danh mục (tìm theo tên) hoặc tạo chỉ tiêu mới",
					    "\"%s\" is not an indicator code: pick the indicator from"
					    " the catalogue (search by its name) or create a new one",
					    code);
		rc = lt_indicator_catalog_has(db, code, &found, e);
		if (rc)
			return rc;
		if (!found)
			return lt_error_set(e, LT_EINVAL, field,
					    "Không có chỉ tiêu mã \"%s\" trong danh mục",
					    "No indicator with code \"%s\" in the catalogue", code);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(json_string_value(json_array_get(inds, k)), code))
				return lt_error_set(e, LT_EINVAL, field, "Chỉ tiêu %s bị lặp",
						    "Indicator %s is listed twice", code);
	}
	return 0;
}

json_t *lt_app_indicator_json(const lt_indicator_row *r)
{
	json_t *rules = json_loads(r->rules ? r->rules : "{}", 0, NULL);

	return json_pack("{s:s,s:s,s:s,s:s,s:s?,s:o,s:b}", "code", r->code, "name_vi", r->name_vi,
			 "name_en", r->name_en, "measure", r->measure, "aggregation",
			 r->aggregation, "rules", rules ? rules : json_object(), "tet_default",
			 r->tet_default);
}

int lt_app_indicator_page_json(const lt_app_indicator_page *p, json_t **out, lt_error *e)
{
	json_t *arr = json_array(), *o;
	int bad = !arr;

	for (size_t i = 0; !bad && i < p->n; i++) {
		json_t *x = lt_app_indicator_json(&p->v[i].row);
		bad |= !x || json_array_append_new(arr, x);
	}
	o = json_pack("{s:o,s:o}", "items", arr ? arr : json_array(), "next_cursor",
		      p->next_cursor ? json_string(p->next_cursor) : json_null());
	*out = NULL;
	if (!o || bad) {
		json_decref(o);
		return nomem(e);
	}
	*out = o;
	return 0;
}
