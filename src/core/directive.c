/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive.c — see directive.h. */
#include "core/clock.h"
#include "core/directive.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/tree.h"
#include "core/validate.h"

#define MAX_THEMES 50
#define MAX_ITEMS 100
#define MAX_LIST 200

static const char *const known_keys[] = {
	"number", "place",  "date",  "subject",         "motto",        "recipients",
	"references", "themes", "tasks", "indicators", "contests", "report_deadline",
	"report_email", "signer", "cc", NULL,
};

void lt_directive_number_normalise(char *s)
{
	char *w = s;
	const char *r = s;

	while (*r == ' ')
		r++;
	for (; *r; r++) {
		if (*r == ' ' || *r == '\t') {
			/* keep one space only between two non-slash, non-space characters */
			const char *n = r;
			while (*n == ' ' || *n == '\t')
				n++;
			if (!*n || *n == '/' || (w > s && w[-1] == '/'))
				continue;
			*w++ = ' ';
			r = n - 1;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
}

bool lt_directive_authority_valid(const char *s)
{
	static const char *const prefixes[] = { "TM. ", "KT. ", "Q. ", "TL. ", "TUQ. " };

	if (!s || !*s)
		return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(s, prefixes[i], strlen(prefixes[i])) && s[strlen(prefixes[i])])
			return true;
	return false;
}

void lt_date_minus_days(const char *d, int days, char out[11])
{
	int64_t day = 0;

	if (lt_iso_day(d, &day)) {
		out[0] = '\0';
		return;
	}
	lt_iso_of_day(day - days, out);
}

/* Replace obj[key] (a string) by its normalised document number. */
static void normalise_key(json_t *obj, const char *key)
{
	const char *v = json_string_value(json_object_get(obj, key));
	char buf[128];

	if (!v)
		return;
	snprintf(buf, sizeof(buf), "%s", v);
	lt_directive_number_normalise(buf);
	json_object_set_new(obj, key, json_string(buf));
}

/*
 * The field a cadre sees in the letter form, for messages: "Thiếu số, ký hiệu",
 * not "Thiếu number". path is the JSON path ("signer.title", "themes[2].title");
 * the error's field stays that path, for the form to point at. The messages
 * pass (label, path): the Vietnamese one prints the label and skips the path
 * with %.0s, the English one the other way round.
 */
static const char *field_vi(const char *path)
{
	static const struct {
		const char *path, *vi;
	} names[] = {
		{ "number", "số, ký hiệu" },
		{ "place", "địa danh" },
		{ "date", "ngày ban hành" },
		{ "subject", "trích yếu" },
		{ "motto", "khẩu hiệu" },
		{ "recipients", "nơi nhận" },
		{ "report_deadline", "hạn báo cáo" },
		{ "report_email", "e-mail nhận báo cáo" },
		{ "signer.authority", "thẩm quyền ký" },
		{ "signer.title", "chức vụ người ký" },
		{ "signer.name", "họ tên người ký" },
		{ "title", "tên" },
		{ "issuer", "cơ quan ban hành" },
		{ "x", "nội dung" },
	};
	const char *leaf = strrchr(path, '.');

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(path, names[i].path) || (leaf && !strcmp(leaf + 1, names[i].path)))
			return names[i].vi;
	return path;
}

/* A trimmed string copy, or NULL when absent/null. Type and length checked. */
static int get_str(json_t *in, const char *key, const char *path, size_t max, bool required,
		   json_t *out, lt_error *e)
{
	json_t *v = json_object_get(in, key);
	const char *s, *end;
	size_t n;

	if (!v || json_is_null(v) || (json_is_string(v) && !json_string_length(v))) {
		if (required)
			return lt_error_set(e, LT_EINVAL, path, "Thiếu %s%.0s", "%.0s%s is required",
					    field_vi(path), path);
		json_object_set_new(out, key, json_null());
		return 0;
	}
	if (!json_is_string(v))
		return lt_error_set(e, LT_EINVAL, path, "%s%.0s phải là chữ", "%.0s%s must be a string",
				    field_vi(path), path);
	s = json_string_value(v);
	n = json_string_length(v);
	if (n > max)
		return lt_error_set(e, LT_EINVAL, path, "%s%.0s dài quá %zu byte",
				    "%.0s%s is longer than %zu bytes", field_vi(path), path, max);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (end == s) {
		if (required)
			return lt_error_set(e, LT_EINVAL, path, "Thiếu %s%.0s", "%.0s%s is required",
					    field_vi(path), path);
		json_object_set_new(out, key, json_null());
		return 0;
	}
	json_object_set_new(out, key, json_stringn(s, (size_t)(end - s)));
	return 0;
}

/* A one-line string (a number): get_str, and no line break inside it. */
static int get_line(json_t *in, const char *key, const char *path, size_t max, bool required,
		    json_t *out, lt_error *e)
{
	int rc = get_str(in, key, path, max, required, out, e);
	const char *s = rc ? NULL : json_string_value(json_object_get(out, key));

	if (s && strpbrk(s, "\r\n"))
		rc = lt_error_set(e, LT_EINVAL, path, "%s phải nằm trên một dòng",
				  "%s must be on one line", path);
	return rc;
}

/* A list of non-empty strings. */
static int get_strv(json_t *in, const char *key, size_t max_each, size_t max_n, json_t *out,
		    json_t **made, lt_error *e)
{
	json_t *v = json_object_get(in, key), *arr = json_array(), *x;
	size_t i;
	char path[LT_ERR_FIELD_MAX];

	if (v && !json_is_null(v) && !json_is_array(v)) {
		json_decref(arr);
		return lt_error_set(e, LT_EINVAL, key, "%s phải là một danh sách", "%s must be a list",
				    key);
	}
	if (json_array_size(v) > max_n) {
		json_decref(arr);
		return lt_error_set(e, LT_EINVAL, key, "%s có quá %zu mục", "%s has more than %zu entries",
				    key, max_n);
	}
	json_array_foreach(v, i, x) {
		json_t *tmp = json_object(), *one;
		int rc;
		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		json_object_set(tmp, "x", x);
		one = json_object();
		rc = get_str(tmp, "x", path, max_each, true, one, e);
		json_decref(tmp);
		if (rc) {
			json_decref(one);
			json_decref(arr);
			return rc;
		}
		json_array_append(arr, json_object_get(one, "x"));
		json_decref(one);
	}
	if (made)
		*made = arr;
	json_object_set_new(out, key, arr);
	return 0;
}

static int check_date_key(json_t *out, const char *key, bool required, lt_error *e)
{
	const char *d = json_string_value(json_object_get(out, key));

	if (!d)
		return required ? lt_error_set(e, LT_EINVAL, key, "Thiếu %s%.0s", "%.0s%s is required",
					       field_vi(key), key)
				: 0;
	return lt_check_date(key, d, e);
}

static int check_recipients(json_t *in, bool complete, json_t *out, lt_error *e)
{
	json_t *r = json_object_get(in, "recipients"), *o, *ids, *x;
	const char *mode;
	size_t i;

	if (!r || json_is_null(r)) {
		if (complete)
			return lt_error_set(e, LT_EINVAL, "recipients", "Chưa chọn nơi nhận (Kính gửi)",
					    "No recipients chosen");
		json_object_set_new(out, "recipients", json_null());
		return 0;
	}
	mode = json_string_value(json_object_get(r, "mode"));
	if (!json_is_object(r) || !mode ||
	    (strcmp(mode, "grassroots_under") && strcmp(mode, "children_of") && strcmp(mode, "units")))
		return lt_error_set(e, LT_EINVAL, "recipients.mode",
				    "Cách chọn nơi nhận phải là grassroots_under, children_of hoặc units",
				    "recipients.mode must be grassroots_under, children_of or units");
	o = json_pack("{s:s}", "mode", mode);
	if (strcmp(mode, "units")) {
		json_t *u = json_object_get(r, "unit_id");
		if (!json_is_integer(u) || json_integer_value(u) <= 0) {
			json_decref(o);
			return lt_error_set(e, LT_EINVAL, "recipients.unit_id",
					    "Cần đơn vị gốc của nơi nhận", "recipients.unit_id is required");
		}
		json_object_set(o, "unit_id", u);
	} else {
		ids = json_object_get(r, "unit_ids");
		if (!json_is_array(ids) || !json_array_size(ids) || json_array_size(ids) > 100000) {
			json_decref(o);
			return lt_error_set(e, LT_EINVAL, "recipients.unit_ids",
					    "Cần danh sách đơn vị nhận", "recipients.unit_ids must list units");
		}
		json_array_foreach(ids, i, x) {
			if (!json_is_integer(x) || json_integer_value(x) <= 0) {
				char path[LT_ERR_FIELD_MAX];
				snprintf(path, sizeof(path), "recipients.unit_ids[%zu]", i);
				json_decref(o);
				return lt_error_set(e, LT_EINVAL, path, "Mã đơn vị phải là số nguyên dương",
						    "Unit ids must be positive integers");
			}
		}
		json_object_set(o, "unit_ids", ids);
	}
	json_object_set_new(out, "recipients", o);
	return 0;
}

static int check_references(json_t *in, json_t *out, lt_error *e)
{
	json_t *v = json_object_get(in, "references"), *arr = json_array(), *x;
	size_t i;
	char path[LT_ERR_FIELD_MAX];

	if (v && !json_is_null(v) && !json_is_array(v))
		goto bad;
	json_array_foreach(v, i, x) {
		json_t *o = json_object(), *did;
		int rc;
		if (!json_is_object(x))
			goto bad_o;
		snprintf(path, sizeof(path), "references[%zu].number", i);
		rc = get_line(x, "number", path, 64, true, o, e);
		snprintf(path, sizeof(path), "references[%zu].date", i);
		if (!rc)
			rc = get_str(x, "date", path, 10, false, o, e);
		if (!rc && json_string_value(json_object_get(o, "date")))
			rc = lt_check_date(path, json_string_value(json_object_get(o, "date")), e);
		snprintf(path, sizeof(path), "references[%zu].issuer", i);
		if (!rc)
			rc = get_str(x, "issuer", path, 300, false, o, e);
		did = json_object_get(x, "directive_id");
		if (!rc && did && !json_is_null(did)) {
			if (!json_is_integer(did)) {
				snprintf(path, sizeof(path), "references[%zu].directive_id", i);
				rc = lt_error_set(e, LT_EINVAL, path, "Phải là số nguyên",
						  "Must be an integer");
			} else {
				json_object_set(o, "directive_id", did);
			}
		}
		if (rc) {
			json_decref(o);
			json_decref(arr);
			return rc;
		}
		normalise_key(o, "number");
		json_array_append_new(arr, o);
		continue;
bad_o:
		json_decref(o);
		json_decref(arr);
		snprintf(path, sizeof(path), "references[%zu]", i);
		return lt_error_set(e, LT_EINVAL, path, "Phải là một đối tượng", "Must be an object");
	}
	json_object_set_new(out, "references", arr);
	return 0;
bad:
	json_decref(arr);
	return lt_error_set(e, LT_EINVAL, "references", "Phải là một danh sách", "Must be a list");
}

static int check_themes(json_t *in, json_t *out, lt_error *e)
{
	json_t *v = json_object_get(in, "themes"), *arr = json_array(), *x;
	size_t i;
	char path[LT_ERR_FIELD_MAX];

	if ((v && !json_is_null(v) && !json_is_array(v)) || json_array_size(v) > MAX_THEMES) {
		json_decref(arr);
		return lt_error_set(e, LT_EINVAL, "themes", "Phải là danh sách (tối đa %d chủ đề)",
				    "Must be a list (at most %d themes)", MAX_THEMES);
	}
	json_array_foreach(v, i, x) {
		json_t *o = json_object(), *items = NULL;
		int rc;
		snprintf(path, sizeof(path), "themes[%zu].title", i);
		rc = json_is_object(x) ? get_str(x, "title", path, 500, true, o, e)
				       : lt_error_set(e, LT_EINVAL, path, "Chủ đề phải là đối tượng",
						      "A theme must be an object");
		if (!rc) {
			json_t *tmp = json_pack("{s:O?}", "items", json_object_get(x, "items"));
			rc = get_strv(tmp, "items", 4000, MAX_ITEMS, o, &items, e);
			json_decref(tmp);
			if (rc) {
				char inner[LT_ERR_FIELD_MAX];
				snprintf(inner, sizeof(inner), "themes[%zu].%.80s", i, e ? e->field : "");
				if (e)
					snprintf(e->field, sizeof(e->field), "%s", inner);
			}
		}
		if (rc) {
			json_decref(o);
			json_decref(arr);
			return rc;
		}
		json_array_append_new(arr, o);
	}
	json_object_set_new(out, "themes", arr);
	return 0;
}

static int check_signer(json_t *in, json_t *out, lt_error *e)
{
	json_t *s = json_object_get(in, "signer"), *o = json_object();
	int rc = 0;

	if (s && !json_is_null(s) && !json_is_object(s))
		rc = lt_error_set(e, LT_EINVAL, "signer", "Phải là đối tượng", "Must be an object");
	if (!rc)
		rc = get_str(s ? s : o, "authority", "signer.authority", 200, false, o, e);
	if (!rc)
		rc = get_str(s ? s : o, "title", "signer.title", 200, false, o, e);
	if (!rc)
		/* Optional even to issue: a cited or imported letter may not show its signer. */
		rc = get_str(s ? s : o, "name", "signer.name", 200, false, o, e);
	if (!rc && !lt_directive_authority_valid(json_string_value(json_object_get(o, "authority"))))
		rc = lt_error_set(e, LT_EINVAL, "signer.authority",
				  "Thẩm quyền ký phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ.",
				  "The signing authority must start with TM., KT., Q., TL. or TUQ.");
	if (rc) {
		json_decref(o);
		return rc;
	}
	json_object_set_new(out, "signer", o);
	return 0;
}

int lt_directive_check(json_t *in, bool complete, json_t **out, lt_error *e)
{
	json_t *o = NULL, *indicators = NULL, *x;
	const char *key;
	json_t *val;
	size_t i;
	int rc = 0;

	*out = NULL;
	if (!json_is_object(in))
		return lt_error_set(e, LT_EINVAL, "body", "Công văn phải là một đối tượng JSON",
				    "A directive must be a JSON object");
	json_object_foreach(in, key, val) {
		bool ok = false;
		for (i = 0; known_keys[i]; i++)
			if (!strcmp(key, known_keys[i]))
				ok = true;
		if (!ok)
			return lt_error_set(e, LT_EINVAL, key, "Trường không được hỗ trợ: %s",
					    "Unknown field: %s", key);
	}
	o = json_object();
	rc = get_line(in, "number", "number", 64, complete, o, e);
	if (!rc)
		normalise_key(o, "number");
	if (!rc)
		rc = get_str(in, "place", "place", 100, false, o, e);
	if (!rc)
		rc = get_str(in, "date", "date", 10, complete, o, e);
	if (!rc)
		rc = check_date_key(o, "date", complete, e);
	if (!rc)
		rc = get_str(in, "subject", "subject", 1000, complete, o, e);
	if (!rc)
		rc = get_str(in, "motto", "motto", 500, false, o, e);
	if (!rc)
		rc = check_recipients(in, complete, o, e);
	if (!rc)
		rc = check_references(in, o, e);
	if (!rc)
		rc = check_themes(in, o, e);
	if (!rc)
		rc = get_strv(in, "tasks", 4000, MAX_LIST, o, NULL, e);
	if (!rc)
		rc = get_strv(in, "indicators", 32, MAX_LIST, o, &indicators, e);
	json_array_foreach(indicators, i, x) {
		char path[LT_ERR_FIELD_MAX];
		snprintf(path, sizeof(path), "indicators[%zu]", i);
		if (!rc)
			rc = lt_check_code(path, json_string_value(x), e);
	}
	if (!rc)
		rc = get_strv(in, "contests", 300, MAX_LIST, o, NULL, e);
	if (!rc)
		rc = get_str(in, "report_deadline", "report_deadline", 10, false, o, e);
	if (!rc)
		rc = check_date_key(o, "report_deadline", false, e);
	if (!rc && json_string_value(json_object_get(o, "report_deadline")) &&
	    json_string_value(json_object_get(o, "date")) &&
	    strcmp(json_string_value(json_object_get(o, "report_deadline")),
		   json_string_value(json_object_get(o, "date"))) < 0)
		rc = lt_error_set(e, LT_EINVAL, "report_deadline",
				  "Hạn báo cáo không được trước ngày ban hành",
				  "The report deadline cannot be before the directive's date");
	if (!rc)
		rc = get_str(in, "report_email", "report_email", 254, false, o, e);
	if (!rc)
		rc = lt_check_email("report_email",
				    json_string_value(json_object_get(o, "report_email")), e);
	if (!rc)
		rc = check_signer(in, o, e);
	if (!rc)
		rc = get_strv(in, "cc", 500, MAX_LIST, o, NULL, e);
	if (!rc && complete && !json_array_size(json_object_get(o, "themes")) &&
	    !json_array_size(json_object_get(o, "tasks")))
		rc = lt_error_set(e, LT_EINVAL, "themes",
				  "Công văn cần ít nhất một nội dung hoặc nhiệm vụ",
				  "A directive needs at least one theme or task");
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

/* ---------- the life of a directive ---------- */

/* What each act needs, and what to say when the status does not allow it. */
static const struct {
	const char *needs; /* the status the act requires */
	const char *field;
	const char *vi, *en;
} acts[] = {
	[LT_DIR_ACT_EDIT] = { "draft", "status",
			      "Công văn đã ban hành thì không sửa được; hãy ban hành văn bản đính chính",
			      "An issued directive cannot change; issue an amendment instead" },
	[LT_DIR_ACT_ISSUE] = { "draft", "status", "Công văn này đã được ban hành",
			       "This directive is already issued" },
	[LT_DIR_ACT_AMEND] = { "issued", "status", "Bản nháp thì sửa trực tiếp",
			       "A draft is edited directly" },
	[LT_DIR_ACT_CASCADE] = { "issued", "id", "Chỉ triển khai được công văn đã ban hành",
				 "Only an issued directive can be carried out" },
};

int lt_directive_may(const char *status, lt_directive_act act, lt_error *e)
{
	assert(act >= LT_DIR_ACT_EDIT && act <= LT_DIR_ACT_CASCADE);
	if (status && !strcmp(status, acts[act].needs))
		return 0;
	return lt_error_set(e, LT_ECONFLICT, acts[act].field, "%s%.0s", "%.0s%s", acts[act].vi,
			    acts[act].en);
}

int lt_directive_standing(const char *issuer_path, bool issued, const char *reader_path,
			  bool addressed)
{
	if (issuer_path && reader_path && lt_tree_path_under(issuer_path, reader_path))
		return LT_DIR_ISSUER;
	return issued && addressed ? LT_DIR_READER : LT_DIR_NONE;
}

/* ---------- receipts ---------- */

const char *lt_receipt_state(bool opened, bool acknowledged)
{
	return acknowledged ? "acknowledged" : opened ? "opened" : "new";
}

bool lt_receipt_state_is(const char *want, bool opened, bool acknowledged)
{
	if (!want || !*want)
		return true;
	if (!strcmp(want, "pending"))
		return !acknowledged;
	return !strcmp(want, lt_receipt_state(opened, acknowledged));
}

int lt_receipt_state_check(const char *field, const char *want, lt_error *e)
{
	if (!want || !strcmp(want, "new") || !strcmp(want, "opened") ||
	    !strcmp(want, "acknowledged") || !strcmp(want, "pending"))
		return 0;
	return lt_error_set(e, LT_EINVAL, field, "state phải là new, opened, acknowledged hoặc pending",
			    "state must be new, opened, acknowledged or pending");
}

/* ---------- typed parts for storage ---------- */

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* A compact JSON text of v in a (NULL on failure). */
static const char *dump(json_t *v, lt_arena *a)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	const char *copy = s ? lt_arena_strdup(a, s) : NULL;

	free(s);
	return copy;
}

int lt_directive_parts_of(json_t *checked, lt_arena *a, lt_directive_parts *out, lt_error *e)
{
	json_t *themes = json_object_get(checked, "themes"), *inds = json_object_get(checked, "indicators");
	json_t *t, *it;
	lt_directive_theme_in *th;
	const char **ind;
	lt_buf b;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	out->number = lt_arena_strdup(a, json_string_value(json_object_get(checked, "number")));
	out->date = lt_arena_strdup(a, json_string_value(json_object_get(checked, "date")));
	out->subject = lt_arena_strdup(a, json_string_value(json_object_get(checked, "subject")));
	out->report_deadline =
		lt_arena_strdup(a, json_string_value(json_object_get(checked, "report_deadline")));
	out->doc = dump(checked, a);
	th = lt_arena_alloc(a, (json_array_size(themes) + 1) * sizeof(*th));
	ind = lt_arena_alloc(a, (json_array_size(inds) + 1) * sizeof(*ind));
	lt_buf_init(&b, 4u << 20);
	lt_buf_putf(&b, "%s %s %s", or_empty(json_string_value(json_object_get(checked, "number"))),
		    or_empty(json_string_value(json_object_get(checked, "subject"))),
		    or_empty(json_string_value(json_object_get(checked, "motto"))));
	json_array_foreach(themes, i, t) {
		lt_buf_putf(&b, " %s", or_empty(json_string_value(json_object_get(t, "title"))));
		json_array_foreach(json_object_get(t, "items"), j, it)
			lt_buf_putf(&b, " %s", or_empty(json_string_value(it)));
		if (th) {
			th[i].title = lt_arena_strdup(a, json_string_value(json_object_get(t, "title")));
			th[i].items = json_object_get(t, "items") ? dump(json_object_get(t, "items"), a)
								  : "[]";
		}
	}
	json_array_foreach(inds, i, it)
		if (ind)
			ind[i] = lt_arena_strdup(a, json_string_value(it));
	out->search = lt_arena_take_buf(a, &b);
	out->themes = th;
	out->nthemes = json_array_size(themes);
	out->indicators = ind;
	out->nindicators = json_array_size(inds);
	if (!out->doc || lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_directive_recipients_of(json_t *checked, lt_arena *a, lt_recipients *out, lt_error *e)
{
	json_t *r = json_object_get(checked, "recipients"), *ids = json_object_get(r, "unit_ids");
	const char *mode = json_string_value(json_object_get(r, "mode"));
	int64_t *v;
	size_t i;
	json_t *x;

	memset(out, 0, sizeof(*out));
	if (!mode)
		return lt_error_set(e, LT_EINVAL, "recipients", "Chưa chọn nơi nhận (Kính gửi)",
				    "No recipients chosen");
	if (!strcmp(mode, "units")) {
		out->mode = LT_RECIPIENTS_UNITS;
		v = lt_arena_alloc(a, (json_array_size(ids) + 1) * sizeof(*v));
		if (!v)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		json_array_foreach(ids, i, x)
			v[i] = json_integer_value(x);
		out->unit_ids = v;
		out->n = json_array_size(ids);
		return 0;
	}
	out->mode = !strcmp(mode, "grassroots_under") ? LT_RECIPIENTS_GRASSROOTS_UNDER
						      : LT_RECIPIENTS_CHILDREN_OF;
	out->unit_id = json_integer_value(json_object_get(r, "unit_id"));
	return 0;
}
