/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive_sign.c — sign a directive on a PKCS#11 token; see directive_sign.h. */
#include "app/directive_sign.h"
#include "app/directive_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/directive.h"
#include "core/password.h"
#include "render/directive_doc.h"
#include "store/audit.h"
#include "store/unit.h"

static const char *S(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int lt_app_directive_sig_current(lt_db *db, int64_t id, const char *text, bool with_pdf,
				 lt_arena *a, lt_report_sig *out, lt_error *e)
{
	char sha[65];

	lt_sha256_hex(text, strlen(text), sha);
	return lt_directive_sig_get(db, id, sha, 0, with_pdf, a, out, e);
}

/* Does doc name its recipients in a list ("danh sách gửi kèm"), which goes with it as its annex? */
static bool has_annex(json_t *doc)
{
	const char *mode = S(json_object_get(doc, "recipients"), "mode");

	return mode && !strcmp(mode, "units");
}

/*
 * The annex of m (doc: its document) as PDF appended to out: the listed
 * recipient units, each by code and name (a unit gone since is still named
 * by its id).
 */
static int render_annex(lt_db *db, const lt_directive_meta *m, json_t *doc, lt_arena *a,
			lt_buf *out, lt_error *e)
{
	json_t *ids = json_object_get(json_object_get(doc, "recipients"), "unit_ids"), *x;
	size_t n = json_array_size(ids), i;
	const char **codes = lt_arena_alloc(a, (n + 1) * sizeof(*codes));
	const char **names = lt_arena_alloc(a, (n + 1) * sizeof(*names));

	if (!codes || !names)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_array_foreach(ids, i, x) {
		lt_unit u;
		int64_t id = json_integer_value(x);
		if (lt_unit_get(db, id, a, &u, NULL) == 0) {
			codes[i] = u.code;
			names[i] = u.name;
		} else {
			codes[i] = lt_arena_printf(a, "#%lld", (long long)id);
			names[i] = "";
		}
	}
	return lt_directive_annex_pdf(doc, m->issuer_name, codes, names, n, out, e);
}

/* Issued, or a draft that would pass the issue check: its fields name what is missing. */
static int signable(const lt_directive_meta *m, const char *text, lt_error *e)
{
	json_t *doc = NULL, *checked = NULL;
	int rc;

	if (!strcmp(m->status, "issued"))
		return 0;
	rc = lt_app_directive_parse_doc(text, &doc, e);
	if (!rc)
		rc = lt_directive_check(doc, true, &checked, e);
	json_decref(doc);
	json_decref(checked);
	return rc;
}

/* Store the record in one transaction, if the document still has the hash signed (s->doc_sha256). */
static int record(lt_db *db, const lt_actor *who, void *ctx, lt_report_sig *s, lt_arena *a,
		  lt_error *e)
{
	lt_directive_meta m;
	const char *text = NULL;
	char now_sha[65] = "";
	int rc = lt_db_begin(db, e);

	(void)ctx;
	if (rc)
		return rc;
	rc = lt_directive_load(db, s->directive_id, a, &m, &text, e);
	if (!rc)
		lt_sha256_hex(text, strlen(text), now_sha);
	if (!rc && strcmp(now_sha, s->doc_sha256))
		rc = lt_error_set(e, LT_ECONFLICT, "status",
				  "Công văn đã thay đổi trong khi ký: hãy ký lại",
				  "The directive changed while it was being signed: sign it again");
	if (!rc)
		rc = lt_directive_sig_add(db, s, &s->id, &s->rev, e);
	if (!rc) {
		char detail[256];
		lt_app_sign_audit_detail(s, detail, sizeof(detail));
		rc = lt_audit(db, lt_actor_audit_id(who), "sign", "directive", s->directive_id,
			      detail, e);
	}
	return lt_db_end(db, rc, e);
}

int lt_app_directive_sign(lt_db *db, const lt_actor *who, const lt_directive_sign_in *in,
			  lt_arena *a, lt_report_sig *out, lt_buf *pdf, lt_error *e)
{
	lt_directive_meta m;
	lt_report_sig s, had;
	lt_sign_place place = { .reason = "Ký ban hành công văn" };
	lt_buf plain, annex;
	const char *text = NULL, *type = NULL;
	json_t *doc = NULL;
	char sha[65] = "";
	int rc;

	memset(&s, 0, sizeof(s));
	lt_buf_init(&plain, 64u << 20);
	lt_buf_init(&annex, 64u << 20);
	rc = lt_app_directive_load_issuer(db, who, in->id, a, &m, &text, e);
	if (!rc)
		rc = lt_app_sign_how_check(&in->how, e);
	if (!rc)
		rc = signable(&m, text, e);
	if (!rc) {
		lt_sha256_hex(text, strlen(text), sha);
		rc = lt_directive_sig_get(db, in->id, sha, 0, false, a, &had, e);
		if (rc == 1)
			rc = lt_error_set(e, LT_ECONFLICT, "doc",
					  "Công văn này đã được ký (chữ ký số %d)",
					  "This directive is signed already (signature %d)", had.rev);
	}
	if (!rc)
		rc = lt_app_directive_parse_doc(text, &doc, e);
	/* An annex is the agency's to sign: refused before anyone's token is touched. */
	if (!rc)
		rc = lt_app_sign_need_seal(&in->how, has_annex(doc), e);
	if (!rc)
		rc = lt_app_directive_render(db, &m, text, "pdf", a, &plain, &type, &place.spot, e);
	if (!rc && has_annex(doc))
		rc = render_annex(db, &m, doc, a, &annex, e);
	if (!rc) {
		const char *where = S(doc, "place");
		place.location = lt_arena_strdup(a, where && *where ? where : m.issuer_name);
		place.org = m.issuer_name;
		place.annex = annex.len ? (const uint8_t *)annex.ptr : NULL;
		place.annex_len = annex.len;
		place.number = S(doc, "number");
		s.directive_id = in->id;
		s.doc_sha256 = lt_arena_strdup(a, sha);
		rc = lt_app_sign_doc(db, who, &in->how, &place, (const uint8_t *)plain.ptr, plain.len,
				     record, NULL, a, &s, pdf, e);
	}
	if (!rc && out)
		*out = s;
	json_decref(doc);
	lt_buf_free(&plain);
	lt_buf_free(&annex);
	return rc;
}

int lt_app_directive_sign_server(lt_db *db, const lt_actor *who, int64_t id,
				 const lt_signing_config *cfg, lt_arena *a, lt_report_sig *out,
				 lt_error *e)
{
	lt_directive_sign_in in = { .id = id };
	lt_directive_meta m;
	char pin[256] = "", seal_pin[256] = "";
	/* Access first: a stranger learns nothing of the server's token. */
	int rc = lt_app_directive_load_issuer(db, who, id, a, &m, NULL, e);

	if (!rc)
		rc = lt_app_sign_server_how(who, cfg, "lantoa directive sign", a, &in.how, pin,
					    sizeof(pin), e);
	if (!rc)
		rc = lt_app_sign_server_seal(cfg, &in.how, seal_pin, sizeof(seal_pin), e);
	if (!rc)
		rc = lt_app_directive_sign(db, who, &in, a, out, NULL, e);
	rc = lt_app_sign_server_rc(who, rc, e);
	sodium_memzero(pin, sizeof(pin));
	sodium_memzero(seal_pin, sizeof(seal_pin));
	return rc;
}

int lt_app_directive_signature(lt_db *db, const lt_actor *who, int64_t id,
			       const lt_sign_trust *trust, lt_arena *a, lt_directive_sig_state *out,
			       lt_error *e)
{
	lt_directive_meta m;
	const char *text = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_directive_load(db, who, id, a, &m, &text, NULL, e);
	if (!rc) {
		json_t *doc = NULL;
		rc = lt_app_directive_parse_doc(text, &doc, e);
		out->annex = !rc && has_annex(doc);
		json_decref(doc);
	}
	if (!rc)
		rc = lt_directive_sig_list(db, id, a, &out->all, &out->n, e);
	if (!rc && out->n)
		rc = lt_app_directive_sig_current(db, id, text, true, a, &out->cur.sig, e);
	if (rc == 1) {
		out->signed_now = true;
		out->cur.check_rc = lt_app_doc_verify(out->cur.sig.pdf, out->cur.sig.pdf_len, trust,
						      &out->cur.check, &out->cur.check_err);
		out->cur.sig.pdf = NULL;
		rc = 0;
	}
	if (!rc && out->signed_now && out->cur.sig.annex_pdf) {
		out->annex_signed = true;
		out->annex_rc = lt_app_doc_verify(out->cur.sig.annex_pdf, out->cur.sig.annex_len, trust,
						  &out->annex_check, &out->annex_err);
	}
	out->cur.sig.annex_pdf = NULL;
	/* A check that failed for want of memory is no verdict on the file. */
	if (!rc && (out->cur.check_rc == LT_ENOMEM || out->annex_rc == LT_ENOMEM))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc;
}

void lt_app_directive_sig_state_free(lt_directive_sig_state *s)
{
	lt_app_report_sig_view_free(&s->cur);
	free(s->annex_check.v);
	s->annex_check.v = NULL;
	s->annex_check.n = 0;
}

int lt_app_directive_signed_pdf(lt_db *db, const lt_actor *who, int64_t id, int rev,
				lt_arena *a, lt_report_sig *out, lt_error *e)
{
	lt_directive_meta m;
	const char *text = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_directive_load(db, who, id, a, &m, &text, NULL, e);
	if (!rc)
		rc = rev > 0 ? lt_directive_sig_get(db, id, NULL, rev, true, a, out, e)
			     : lt_app_directive_sig_current(db, id, text, true, a, out, e);
	if (rc == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "rev",
				  rev > 0 ? "Công văn không có chữ ký số %d" : "Công văn chưa được ký số",
				  rev > 0 ? "The directive has no signature %d" : "The directive is not signed",
				  rev);
	return rc < 0 ? rc : 0;
}

int lt_app_directive_annex(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			   lt_buf *out, bool *signed_now, lt_error *e)
{
	lt_directive_meta m;
	lt_report_sig sig;
	const char *text = NULL;
	json_t *doc = NULL;
	int rc = lt_app_directive_load(db, who, id, a, &m, &text, NULL, e);

	*signed_now = false;
	if (!rc)
		rc = lt_app_directive_parse_doc(text, &doc, e);
	if (!rc && !has_annex(doc))
		rc = lt_error_set(e, LT_ENOTFOUND, "annex",
				  "Công văn này không có danh sách gửi kèm",
				  "This directive has no annex (list of recipients)");
	if (!rc)
		rc = lt_app_directive_sig_current(db, id, text, true, a, &sig, e);
	if (rc == 1 && sig.annex_pdf) {
		*signed_now = true;
		rc = lt_buf_add(out, sig.annex_pdf, sig.annex_len)
			     ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
			     : 0;
	} else if (rc >= 0) {
		rc = render_annex(db, &m, doc, a, out, e);
	}
	json_decref(doc);
	return rc;
}

json_t *lt_app_directive_sig_json(const lt_report_sig *s)
{
	json_t *j = lt_app_report_sig_json(s);

	if (j) {
		json_object_set(j, "doc_sha256", json_object_get(j, "revision_sha256"));
		json_object_del(j, "revision_sha256");
	}
	return j;
}

/* The annex's signature checked, with the whole check; null when none is stored. */
static json_t *annex_check_json(const lt_directive_sig_state *s)
{
	json_t *j;

	if (!s->annex_signed)
		return json_null();
	if (!s->annex_check.n)
		return json_pack("{s:b,s:b,s:b,s:o}", "valid", false, "trusted", false,
				 "changed_after", true, "check",
				 lt_app_doc_check_json(&s->annex_check, s->annex_rc));
	j = lt_app_doc_sig_json(&s->annex_check.v[s->annex_check.n - 1]);
	if (j) {
		json_object_set_new(j, "valid", json_boolean(s->annex_rc == 0));
		json_object_set_new(j, "check", lt_app_doc_check_json(&s->annex_check, s->annex_rc));
	}
	return j;
}

json_t *lt_app_directive_sig_state_json(const lt_directive_sig_state *s)
{
	json_t *all = json_array(), *j;

	for (size_t i = 0; all && i < s->n; i++)
		json_array_append_new(all, lt_app_directive_sig_json(&s->all[i]));
	if (!s->signed_now)
		return json_pack("{s:b,s:n,s:o,s:b,s:n,s:n}", "signed", false, "signature",
				 "signatures", all, "annex", s->annex, "seal", "annex_check");
	j = lt_app_report_sig_view_json(&s->cur);
	if (j) {
		json_object_set_new(j, "signature", lt_app_directive_sig_json(&s->cur.sig));
		json_object_set_new(j, "signed", json_true());
		json_object_set_new(j, "signatures", all);
		json_object_set_new(j, "annex", json_boolean(s->annex));
		json_object_set_new(j, "annex_check", annex_check_json(s));
	} else {
		json_decref(all);
	}
	return j;
}
