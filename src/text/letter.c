/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter.c — the letter parser's entry points: input checks, the order of
 * the passes (lines → header → closing block → body), the warnings for what
 * was not found, and the JSON form. See letter.h and letter_int.h.
 */
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"
#include "text/letter_int.h"

static void warn_missing(lt_lctx *c)
{
	const lt_letter *l = c->l;

	if (!l->number)
		lt_letter_warn(c, "number", "not found", "không tìm thấy số, ký hiệu văn bản");
	if (!l->issuer)
		lt_letter_warn(c, "issuer", "not found (no header)",
			       "không tìm thấy cơ quan ban hành");
	if (!l->parent_body)
		lt_letter_warn(c, "parent_body", "not found", "không tìm thấy cơ quan chủ quản");
	if (!l->place)
		lt_letter_warn(c, "place", "not found", "không tìm thấy địa danh");
	if (!l->date)
		lt_letter_warn(c, "date", "not found", "không tìm thấy ngày ban hành");
	if (!l->subject)
		lt_letter_warn(c, "subject", "not found", "không tìm thấy trích yếu (V/v)");
	if (!l->recipients.n)
		lt_letter_warn(c, "recipients", "not found", "không tìm thấy nơi gửi (Kính gửi)");
	if (!l->n_refs)
		lt_letter_warn(c, "references", "none found", "không thấy văn bản được viện dẫn");
	if (!l->motto)
		lt_letter_warn(c, "motto", "not found", "không tìm thấy phương châm");
	if (!l->n_sections)
		lt_letter_warn(c, "sections", "none found", "không tìm thấy nội dung (mục) nào");
	if (!l->tasks.n)
		lt_letter_warn(c, "tasks", "none found", "không tìm thấy nhiệm vụ nào");
	if (!l->emails.n)
		lt_letter_warn(c, "emails", "none found", "không tìm thấy địa chỉ e-mail");
	if (!l->deadlines.n)
		lt_letter_warn(c, "deadlines", "none found", "không tìm thấy thời hạn");
	if (!l->cc.n)
		lt_letter_warn(c, "cc", "not found", "không tìm thấy nơi nhận");
	if (!l->signer.authority)
		lt_letter_warn(c, "signer.authority", "not found",
			       "không tìm thấy thẩm quyền ký (TM., KT., …)");
	if (!l->signer.title)
		lt_letter_warn(c, "signer.title", "not found", "không tìm thấy chức vụ người ký");
	if (!l->signer.name)
		lt_letter_warn(c, "signer.name", "not found", "không tìm thấy họ tên người ký");
	if (!c->have_tail)
		lt_letter_warn(c, "text",
			       "no closing block (Nơi nhận / signature): the letter may be cut off",
			       "không có phần kết (Nơi nhận / chữ ký): văn bản có thể bị cắt");
}

int lt_letter_parse(const char *text, size_t len, lt_letter **out, lt_error *e)
{
	lt_letter *l = NULL;
	lt_lctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	*out = NULL;
	if (!text && len) {
		rc = lt_error_set(e, LT_EINVAL, "text", "Thiếu văn bản", "No text given");
		goto fail;
	}
	if (len > LT_LETTER_MAX) {
		rc = lt_error_set(e, LT_ETOOBIG, "text",
				  "Văn bản quá lớn (%zu byte, tối đa %zu)",
				  "The text is too big (%zu bytes, at most %zu)", len, LT_LETTER_MAX);
		goto fail;
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (len && !lt_utf8_valid(text, len)) {
		rc = lt_error_set(e, LT_EINVAL, "text",
				  "Văn bản không phải UTF-8 hợp lệ (hoặc chứa byte NUL); "
				  "hãy lưu lại với bảng mã UTF-8",
				  "The text is not valid UTF-8 (or holds a NUL byte); "
				  "save it as UTF-8");
		goto fail;
	}
	l = calloc(1, sizeof(*l));
	if (!l)
		goto oom;
	lt_arena_init(&l->arena);
	c.l = l;
	c.a = &l->arena;
	rc = lt_letter_re_init(&c);
	if (rc < 0) {
		lt_error_set(e, rc, "text", "Lỗi nội bộ (biểu thức chính quy)",
			     "Internal error (regular expressions)");
		goto fail;
	}
	if (len && lt_letter_norm(&c, text, len) < 0)
		goto oom;
	lt_letter_head(&c);
	lt_letter_tail(&c);
	lt_letter_body(&c);
	warn_missing(&c);
	if (c.oom)
		goto oom;
	*out = l;
	return 0;
oom:
	rc = lt_error_set(e, LT_ENOMEM, "text", "Hết bộ nhớ", "Out of memory");
fail:
	lt_letter_free(l);
	return rc;
}

void lt_letter_free(lt_letter *l)
{
	if (!l)
		return;
	lt_arena_free(&l->arena);
	free(l);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jstrv(const lt_letter_strv *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < v->n; i++)
		json_array_append_new(a, jstr(v->v[i]));
	return a;
}

json_t *lt_letter_to_json(const lt_letter *l)
{
	json_t *o = json_object(), *refs = json_array(), *secs = json_array(), *sig = NULL, *auths = NULL;
	size_t i;

	if (!o || !refs || !secs)
		goto fail;
	for (i = 0; i < l->n_refs; i++)
		json_array_append_new(refs, json_pack("{s:o,s:o,s:o}",
						      "number", jstr(l->refs[i].number),
						      "date", jstr(l->refs[i].date),
						      "issuer", jstr(l->refs[i].issuer)));
	for (i = 0; i < l->n_sections; i++)
		json_array_append_new(secs, json_pack("{s:o,s:o}",
						      "title", jstr(l->sections[i].title),
						      "items", jstrv(&l->sections[i].items)));
	auths = json_array();
	for (i = 0; auths && i < l->signer.n_auth; i++)
		json_array_append_new(auths, json_pack("{s:o,s:o}",
						       "authority", jstr(l->signer.auth[i].prefix),
						       "for", jstr(l->signer.auth[i].of)));
	if (!auths)
		goto fail;
	sig = json_pack("{s:o,s:o,s:o,s:o}", "authority", jstr(l->signer.authority),
			"authorities", auths, "title", jstr(l->signer.title),
			"name", jstr(l->signer.name));
	if (!sig)
		goto fail;
	/* Insertion order is the documented key order. */
	json_object_set_new(o, "number", jstr(l->number));
	json_object_set_new(o, "symbol", jstr(l->symbol));
	json_object_set_new(o, "doc_type", jstr(l->doc_type));
	json_object_set_new(o, "issuer", jstr(l->issuer));
	json_object_set_new(o, "parent_body", jstr(l->parent_body));
	json_object_set_new(o, "place", jstr(l->place));
	json_object_set_new(o, "date", jstr(l->date));
	json_object_set_new(o, "subject", jstr(l->subject));
	json_object_set_new(o, "recipients", jstrv(&l->recipients));
	json_object_set_new(o, "references", refs);
	json_object_set_new(o, "motto", jstr(l->motto));
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "tasks", jstrv(&l->tasks));
	json_object_set_new(o, "emails", jstrv(&l->emails));
	json_object_set_new(o, "deadlines", jstrv(&l->deadlines));
	json_object_set_new(o, "cc", jstrv(&l->cc));
	json_object_set_new(o, "signer", sig);
	json_object_set_new(o, "warnings", jstrv(&l->warnings));
	if (json_object_size(o) != 18) {
		json_decref(o);
		return NULL;
	}
	return o;
fail:
	json_decref(o);
	json_decref(refs);
	json_decref(secs);
	return NULL;
}
