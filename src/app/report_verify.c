/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_verify.c — check every signature of a PDF, lantoa's or another
 * tool's: the PDF side (render/pdf_verify.h) and the CMS with its chain
 * (net/sign.h), put together; see report_sign.h.
 */
#include "app/report_sign.h"
#include "app/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Check signature g of a file of n bytes into out; last: no signature follows it. */
static void check_one(const uint8_t *pdf, size_t n, const lt_pdf_sig *g, bool last,
		      const lt_sign_trust *trust, lt_doc_sig *out)
{
	int pdf_rc, cms_rc;
	lt_error pe = { 0 };

	snprintf(out->reason, sizeof(out->reason), "%s", g->reason ? g->reason : "");
	snprintf(out->subfilter, sizeof(out->subfilter), "%s", g->subfilter);
	out->claimed = g->claimed;
	out->whole_file = g->whole_file;
	pdf_rc = lt_pdf_sig_check(g, n, &pe);
	/* Bytes after a signature are fine when they are a later signature's own update. */
	if (pdf_rc == LT_ECONFLICT && !last) {
		out->later_covered = true;
		pdf_rc = 0;
	}
	cms_rc = lt_sign_verify(g->cms, g->cms_len, pdf + g->range[0], g->range[1],
				pdf + g->range[2], g->range[3], trust, &out->check, &out->err);
	snprintf(out->name, sizeof(out->name), "%s",
		 g->name && *g->name ? g->name : out->check.signer_cn);
	/* A changed document outranks an untrusted chain: it is what the reader must hear first. */
	if (pdf_rc && (cms_rc == 0 || cms_rc == LT_EINVAL)) {
		out->rc = pdf_rc;
		out->err = pe;
	} else {
		out->rc = cms_rc;
	}
}

int lt_app_doc_verify(const uint8_t *pdf, size_t n, const lt_sign_trust *trust,
		      lt_doc_check *out, lt_error *e)
{
	lt_pdf_sigs s = { 0 };
	int rc;

	out->v = NULL;
	out->n = 0;
	rc = lt_pdf_sigs_find(pdf, n, &s, e);
	if (!rc && s.n == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "pdf", "Tệp PDF không có chữ ký số nào",
				  "The PDF has no digital signature");
	if (!rc) {
		out->v = calloc(s.n, sizeof(*out->v));
		if (!out->v)
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	for (size_t i = 0; !rc && i < s.n; i++) {
		check_one(pdf, n, &s.v[i], i + 1 == s.n, trust, &out->v[i]);
		out->n++;
	}
	/* The verdict: the first signature that fails. */
	for (size_t i = 0; !rc && i < out->n; i++)
		if (out->v[i].rc) {
			rc = out->v[i].rc;
			*e = out->v[i].err;
		}
	lt_pdf_sigs_free(&s);
	return rc;
}

json_t *lt_app_doc_check_json(const lt_doc_check *c, int rc)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < c->n; i++) {
		const lt_doc_sig *g = &c->v[i];
		const lt_sign_check *k = &g->check;
		int64_t at = k->time_src != LT_SIGN_TIME_NONE ? k->signing_time : g->claimed;
		json_t *x = json_pack(
			"{s:s,s:s,s:s,s:I,s:s,s:b,s:b,s:b,s:b,s:b,s:b,s:s,s:s,s:s,s:I,s:I,s:i}",
			"name", g->name, "signer_cn", k->signer_cn, "subject", k->signer_dn,
			"signed_at", (json_int_t)at, "time_source",
			k->time_src == LT_SIGN_TIME_TSA ? "timestamp"
			: k->time_src == LT_SIGN_TIME_CLAIMED ? "signing_time" : "claimed",
			"whole_file", g->whole_file, "changed_after", !g->whole_file && !g->later_covered,
			"intact", k->intact, "chain_ok", k->chain_ok, "timestamp", k->has_timestamp,
			"valid", g->rc == 0, "issuer", k->issuer_cn, "serial", k->serial, "subfilter",
			g->subfilter, "not_before", (json_int_t)k->not_before, "not_after",
			(json_int_t)k->not_after, "chain_len", k->chain_len);
		if (x && g->rc)
			json_object_set_new(x, "error", json_pack("{s:s,s:s,s:s?}", "vi", g->err.vi, "en",
								  g->err.en, "field",
								  g->err.field[0] ? g->err.field : NULL));
		json_array_append_new(arr, x);
	}
	return json_pack("{s:b,s:o}", "valid", rc == 0 && c->n > 0, "signatures", arr);
}

int lt_app_doc_verify_upload(const lt_actor *who, const uint8_t *pdf, size_t n,
			     const lt_sign_trust *trust, lt_doc_verdict *out, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc && (n < 5 || memcmp(pdf, "%PDF-", 5)))
		rc = lt_error_set(e, LT_EINVAL, "body",
				  "Tệp gửi lên không phải PDF (phải bắt đầu bằng %%PDF-)",
				  "The file sent is not a PDF (it must begin with %%PDF-)");
	if (rc)
		return rc;
	out->rc = lt_app_doc_verify(pdf, n, trust, &out->check, &out->err);
	if (out->rc == LT_ENOMEM)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

json_t *lt_app_doc_verdict_json(const lt_doc_verdict *v)
{
	json_t *j = lt_app_doc_check_json(&v->check, v->rc);

	if (j && v->rc)
		json_object_set_new(j, "error", json_pack("{s:s,s:s,s:s?}", "vi", v->err.vi, "en",
							  v->err.en, "field",
							  v->err.field[0] ? v->err.field : NULL));
	return j;
}

int lt_app_report_signature_check(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				  int rev, const lt_sign_trust *trust, lt_arena *a,
				  lt_report_sig_view *out, lt_error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_report_signature(db, who, ref, rev, true, a, &out->sig, e);
	if (!rc)
		out->check_rc = lt_app_doc_verify(out->sig.pdf, out->sig.pdf_len, trust, &out->check,
						  &out->check_err);
	out->sig.pdf = NULL;
	return rc;
}

void lt_app_report_sig_view_free(lt_report_sig_view *v)
{
	free(v->check.v);
	v->check.v = NULL;
	v->check.n = 0;
}

json_t *lt_app_doc_sig_json(const lt_doc_sig *g)
{
	const lt_sign_check *k = &g->check;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:I,s:b,s:b,s:b,s:b}", "signed_by", k->signer_cn,
			      "subject", k->signer_dn, "issuer", k->issuer_cn, "serial", k->serial,
			      "signed_at",
			      (json_int_t)(k->time_src != LT_SIGN_TIME_NONE ? k->signing_time
									    : g->claimed),
			      "valid", g->rc == 0, "intact", k->intact, "trusted",
			      k->intact && k->chain_ok, "changed_after",
			      !k->intact || (!g->whole_file && !g->later_covered));

	if (j && g->rc)
		json_object_set_new(j, "error", json_pack("{s:s,s:s,s:s?}", "vi", g->err.vi, "en",
							  g->err.en, "field",
							  g->err.field[0] ? g->err.field : NULL));
	return j;
}

/* The agency's signature over the signer's in a signed PDF (c), or NULL: it has none. */
static const lt_doc_sig *seal_of(const lt_doc_check *c)
{
	for (size_t i = c->n; i-- > 1;)
		if (!strcmp(c->v[i].reason, LT_SIGN_SEAL_REASON))
			return &c->v[i];
	return NULL;
}

json_t *lt_app_report_sig_view_json(const lt_report_sig_view *v)
{
	const lt_doc_sig *last = v->check.n ? &v->check.v[v->check.n - 1] : NULL;
	const lt_doc_sig *seal = seal_of(&v->check);
	bool verifies = last && last->check.intact && last->whole_file;
	bool trusted = verifies;

	/* A sealed PDF holds the signer's signature and the agency's over it: the
	 * document verifies and is trusted only when every one of them is, never
	 * on the seal's word alone. */
	for (size_t i = 0; i < v->check.n; i++) {
		verifies = verifies && v->check.v[i].check.intact;
		trusted = trusted && v->check.v[i].check.intact && v->check.v[i].check.chain_ok;
	}
	return json_pack("{s:o,s:b,s:b,s:b,s:o,s:o}", "signature", lt_app_report_sig_json(&v->sig),
			 "verifies", verifies, "trusted", trusted,
			 "changed_after", last && !(last->check.intact && last->whole_file),
			 "check", lt_app_doc_check_json(&v->check, v->check_rc), "seal",
			 seal ? lt_app_doc_sig_json(seal) : json_null());
}
