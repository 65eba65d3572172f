/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pdf_sign.c — see pdf_sign.h.
 *
 * Why the incremental update is written by hand: Debian 12 has no C library
 * that writes a PDF signature. In poppler 22.12 (bookworm), the C binding
 * (poppler-glib) only reads signatures (poppler_document_get_signature_fields);
 * signing is in the C++ core (PDFDoc::sign, a private API) and the Qt
 * binding (PDFConverter::sign, FormFieldSignature::sign), both taking a
 * certificate nickname in an NSS database, so neither our signer (OpenSSL
 * CMS, key on the token through libp11) nor the appearance of Nghị định 30
 * could be plugged in. PoDoFo 0.9.8 (PdfSignOutputDevice) is C++, and would
 * bring a C++ runtime and a second PDF model into a C11 code base for a
 * few objects. qpdf rewrites files and cannot append an incremental update,
 * which a signature over the rendered revision needs.
 * The update itself is small and fully specified (ISO 32000-1 §7.5.6
 * incremental updates, §12.7 AcroForm, §12.8 signatures; ETSI EN 319 142-1
 * for PAdES): a few objects, one cross-reference section and a trailer,
 * written over the reader of pdf_sign_parse.c. What the update does not
 * change is copied byte for byte.
 */
#include "render/pdf_sign.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/clock.h"
#include "render/pdf_sign_int.h"

#define RESERVE_DEFAULT 16384
#define RESERVE_MAX (512u << 10)
#define PDF_MAX (1u << 30)
#define BR_WIDTH 34 /* "0 " and three 10-digit numbers with their spaces */

typedef struct xent {
	unsigned num, gen;
	size_t off;
} xent;

/* The update being written: its bytes, the new objects' offsets, and where
 * the byte range and the /Contents hole are (offsets in u). */
typedef struct upd {
	const lt_pdfdoc *d;
	lt_buf u;
	size_t base; /* offset of u's first byte in the signed file */
	xent x[16];
	int nx;
	size_t br_at, hole_at, hole_len;
} upd;

static void obj_begin(upd *w, unsigned num, unsigned gen)
{
	assert(w->nx < (int)(sizeof(w->x) / sizeof(w->x[0])));
	w->x[w->nx++] = (xent){ num, gen, w->base + w->u.len };
	lt_buf_putf(&w->u, "%u %u obj\n", num, gen);
}

static void obj_end(upd *w)
{
	lt_buf_puts(&w->u, "\nendobj\n");
}

/* A stream object: dict entries (without << >>), then the data. */
static void put_stream(upd *w, unsigned num, const char *dict, const lt_buf *data)
{
	obj_begin(w, num, 0);
	lt_buf_putf(&w->u, "<< %s /Filter /FlateDecode /Length %zu >>\nstream\n", dict, data->len);
	lt_buf_put(&w->u, data->ptr, data->len);
	lt_buf_puts(&w->u, "\nendstream");
	obj_end(w);
}

/* Copy the entries of the dictionary at d, except the keys in drop (NULL-ended). */
static int put_dict_entries(lt_buf *b, const uint8_t *p, size_t n, size_t d,
			    const char *const *drop)
{
	size_t i = d, ks, ke, vs, ve;
	int rc;

	while ((rc = lt_pdfp_dict_next(p, n, &i, &ks, &ke, &vs, &ve)) == 1) {
		bool skip = false;
		for (const char *const *k = drop; *k && !skip; k++)
			skip = ke - ks == strlen(*k) && memcmp(p + ks, *k, ke - ks) == 0;
		if (skip)
			continue;
		lt_buf_put(b, p + ks - 1, ke - ks + 1);
		lt_buf_puts(b, " ");
		lt_buf_put(b, p + vs, ve - vs);
		lt_buf_puts(b, "\n");
	}
	return rc;
}

/* A text string: literal when plain printable ASCII, else UTF-16BE with BOM in hex. */
static void put_text(lt_buf *b, const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t n = strlen(s);
	bool ascii = true;

	for (size_t i = 0; i < n; i++)
		if (u[i] < 0x20 || u[i] > 0x7e)
			ascii = false;
	if (ascii) {
		lt_buf_puts(b, "(");
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
				lt_buf_puts(b, "\\");
			lt_buf_put(b, s + i, 1);
		}
		lt_buf_puts(b, ")");
		return;
	}
	lt_buf_puts(b, "<FEFF");
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			c = 0xfffd;
			k = 1;
		}
		i += (size_t)k;
		if (c >= 0x10000) {
			c -= 0x10000;
			lt_buf_putf(b, "%04X%04X", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
		} else {
			lt_buf_putf(b, "%04X", (unsigned)c);
		}
	}
	lt_buf_puts(b, ">");
}

/* The items of an array value (a reference to one is followed): [*is, *ie). */
static int array_items(const lt_pdfdoc *d, size_t vs, size_t ve, size_t *is, size_t *ie,
		       lt_error *e)
{
	int rc = lt_pdfdoc_resolve(d, &vs, &ve, e);

	if (rc)
		return rc;
	if (d->p[vs] != '[')
		return lt_error_set(e, LT_EUNSUPPORTED, "pdf",
				    "Không ký được PDF này: một mảng (/Annots hay /Fields) hỏng",
				    "This PDF cannot be signed: a damaged array (/Annots or /Fields)");
	*is = vs + 1;
	*ie = ve - 1;
	return 0;
}

/* Whether a field of the array items [is, ie) is named name (its /T). */
static bool field_named(const lt_pdfdoc *d, size_t is, size_t ie, const char *name)
{
	const uint8_t *p = d->p;
	size_t i = lt_pdfp_skip_ws(p, ie, is), j, vs, ve;
	lt_buf t, u;
	bool hit = false;

	lt_buf_init(&t, 4096);
	lt_buf_init(&u, 16384);
	while (i < ie && !hit) {
		if (lt_pdfp_value_end(p, ie, i, &j))
			break;
		vs = i;
		ve = j;
		if (lt_pdfdoc_resolve(d, &vs, &ve, NULL) == 0 && p[vs] == '<' &&
		    lt_pdfp_dict_get(p, d->n, vs, "T", &vs, &ve) == 0) {
			lt_buf_reset(&t);
			lt_buf_reset(&u);
			hit = lt_pdfp_string(p, vs, ve, &t) == 0 &&
			      lt_pdfp_text_utf8((const uint8_t *)t.ptr, t.len, &u) == 0 &&
			      strcmp(lt_buf_cstr(&u), name) == 0;
		}
		i = lt_pdfp_skip_ws(p, ie, j);
	}
	lt_buf_free(&t);
	lt_buf_free(&u);
	return hit;
}

static int cmp_xent(const void *a, const void *b)
{
	const xent *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num;
}

static void put_xref(upd *w, size_t newsize)
{
	const lt_pdfdoc *d = w->d;
	const uint8_t *p = d->p;
	size_t xref_at = w->base + w->u.len, vs, ve;

	qsort(w->x, (size_t)w->nx, sizeof(w->x[0]), cmp_xent);
	lt_buf_puts(&w->u, "xref\n");
	for (int i = 0; i < w->nx;) {
		int j = i;
		while (j + 1 < w->nx && w->x[j + 1].num == w->x[j].num + 1)
			j++;
		lt_buf_putf(&w->u, "%u %d\n", w->x[i].num, j - i + 1);
		for (; i <= j; i++)
			lt_buf_putf(&w->u, "%010zu %05u n\r\n", w->x[i].off, w->x[i].gen);
	}
	lt_buf_putf(&w->u, "trailer\n<< /Size %zu /Root %u %u R", newsize, d->root, d->root_gen);
	if (lt_pdfp_dict_get(p, d->n, d->trailer, "Info", &vs, &ve) == 0) {
		lt_buf_puts(&w->u, " /Info ");
		lt_buf_put(&w->u, p + vs, ve - vs);
	}
	if (lt_pdfp_dict_get(p, d->n, d->trailer, "ID", &vs, &ve) == 0) {
		lt_buf_puts(&w->u, " /ID ");
		lt_buf_put(&w->u, p + vs, ve - vs);
	}
	lt_buf_putf(&w->u, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", d->startxref, xref_at);
}

/* Everything lt_pdf_sign decides before writing: the page, the numbers. */
typedef struct plan {
	lt_pdfpage pg;
	size_t cvs, cve;           /* the catalog */
	bool has_af, af_reuse;     /* an AcroForm exists; it is an indirect object */
	unsigned af_num, af_gen;
	size_t afs, afe;           /* its dictionary */
	size_t fis, fie;           /* items of its /Fields */
	bool has_annots;
	size_t ais, aie;           /* items of the page's /Annots */
	char field[128];
	unsigned sig, wid, form, img[2], mask[2];
	size_t newsize;
} plan;

static int make_plan(const lt_pdfdoc *d, const lt_pdf_sign_opts *o, const lt_pdf_ap *ap,
		     plan *pl, lt_error *e)
{
	const uint8_t *p = d->p;
	size_t vs, ve;
	unsigned next = (unsigned)d->size;
	int rc, page = o->page;

	if (page == 0 && o->look != LT_PDF_LOOK_ATTACHMENT) {
		rc = lt_pdfdoc_page(d, 1, &pl->pg, e);
		if (rc)
			return rc;
		page = (int)pl->pg.count;
	}
	rc = lt_pdfdoc_page(d, page ? page : 1, &pl->pg, e);
	if (rc)
		return rc;
	rc = lt_pdfdoc_obj(d, d->root, &pl->cvs, &pl->cve, e);
	if (rc)
		return rc;
	if (p[pl->cvs] != '<')
		return lt_error_set(e, LT_EUNSUPPORTED, "pdf", "Không ký được PDF này: danh mục hỏng",
				    "This PDF cannot be signed: a damaged catalog");
	if (lt_pdfp_dict_get(p, d->n, pl->cvs, "AcroForm", &vs, &ve) == 0) {
		pl->has_af = true;
		pl->af_reuse = lt_pdfp_ref(p, vs, ve, &pl->af_num, &pl->af_gen) == 0;
		rc = lt_pdfdoc_resolve(d, &vs, &ve, e);
		if (rc)
			return rc;
		if (p[vs] != '<')
			return lt_error_set(e, LT_EUNSUPPORTED, "pdf",
					    "Không ký được PDF này: /AcroForm hỏng",
					    "This PDF cannot be signed: a damaged /AcroForm");
		pl->afs = vs;
		pl->afe = ve;
		if (lt_pdfp_dict_get(p, d->n, vs, "Fields", &vs, &ve) == 0) {
			rc = array_items(d, vs, ve, &pl->fis, &pl->fie, e);
			if (rc)
				return rc;
		}
	}
	if (lt_pdfp_dict_get(p, d->n, pl->pg.vs, "Annots", &vs, &ve) == 0) {
		pl->has_annots = true;
		rc = array_items(d, vs, ve, &pl->ais, &pl->aie, e);
		if (rc)
			return rc;
	}
	if (o->field) {
		if (!*o->field || strlen(o->field) >= sizeof(pl->field) || strchr(o->field, '.'))
			return lt_error_set(e, LT_EINVAL, "field",
					    "Tên trường chữ ký phải có 1–127 byte, không có dấu chấm",
					    "The signature field name must be 1–127 bytes, without a dot");
		snprintf(pl->field, sizeof(pl->field), "%s", o->field);
		if (pl->fie > pl->fis && field_named(d, pl->fis, pl->fie, pl->field))
			return lt_error_set(e, LT_EEXIST, "field",
					    "Tài liệu đã có trường chữ ký tên \"%s\"",
					    "The document already has a signature field named \"%s\"",
					    pl->field);
	} else {
		for (int k = 1; k < 1000; k++) {
			snprintf(pl->field, sizeof(pl->field), "Signature%d", k);
			if (!(pl->fie > pl->fis && field_named(d, pl->fis, pl->fie, pl->field)))
				break;
		}
	}
	pl->sig = next++;
	pl->wid = next++;
	if (ap) {
		pl->form = next++;
		for (int k = 0; k < ap->nimg; k++) {
			pl->img[k] = next++;
			pl->mask[k] = ap->img[k].alpha.len ? next++ : 0;
		}
	}
	if (!pl->af_reuse) {
		pl->af_num = next++;
		pl->af_gen = 0;
	}
	pl->newsize = next;
	return 0;
}

/* The update for plan pl with a /Contents hole of reserve bytes. */
static int write_update(upd *w, const lt_pdf_sign_opts *o, const plan *pl, const lt_pdf_ap *ap,
			int64_t when, size_t reserve, lt_error *e)
{
	static const char *const drop_af[] = { "Fields", "SigFlags", NULL };
	static const char *const drop_page[] = { "Annots", NULL };
	static const char *const drop_cat[] = { "AcroForm", NULL };
	const lt_pdfdoc *d = w->d;
	const uint8_t *p = d->p;
	lt_buf *u = &w->u;
	struct tm tm;
	int rc = 0;

	if (d->n && d->p[d->n - 1] != '\n' && d->p[d->n - 1] != '\r')
		lt_buf_puts(u, "\n");
	/* The signature dictionary, with the two placeholders. */
	lt_vn_tm(when, &tm);
	obj_begin(w, pl->sig, 0);
	lt_buf_puts(u, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n"
		       "/ByteRange [");
	w->br_at = u->len;
	lt_buf_putf(u, "%-*s]\n/Contents ", BR_WIDTH, "0");
	w->hole_at = u->len;
	w->hole_len = 2 * reserve + 2;
	lt_buf_puts(u, "<");
	for (size_t k = 0; k < reserve; k++)
		lt_buf_put(u, "00", 2);
	lt_buf_puts(u, ">\n");
	lt_buf_putf(u, "/M (D:%04d%02d%02d%02d%02d%02d+07'00')", tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (o->name && *o->name) {
		lt_buf_puts(u, "\n/Name ");
		put_text(u, o->name);
	}
	if (o->reason && *o->reason) {
		lt_buf_puts(u, "\n/Reason ");
		put_text(u, o->reason);
	}
	if (o->location && *o->location) {
		lt_buf_puts(u, "\n/Location ");
		put_text(u, o->location);
	}
	lt_buf_puts(u, " >>");
	obj_end(w);
	/* The field and its widget, merged in one dictionary. */
	obj_begin(w, pl->wid, 0);
	lt_buf_puts(u, "<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T ");
	put_text(u, pl->field);
	lt_buf_putf(u, " /V %u 0 R /P %u %u R", pl->sig, pl->pg.num, pl->pg.gen);
	if (ap)
		lt_buf_putf(u, " /Rect [%.2f %.2f %.2f %.2f] /AP << /N %u 0 R >> >>", ap->rect[0],
			    ap->rect[1], ap->rect[2], ap->rect[3], pl->form);
	else
		lt_buf_puts(u, " /Rect [0 0 0 0] >>");
	obj_end(w);
	if (ap) {
		char dict[256];
		lt_buf res;
		lt_buf_init(&res, 4096);
		for (int k = 0; k < ap->nimg; k++)
			lt_buf_putf(&res, " /I%d %u 0 R", k, pl->img[k]);
		snprintf(dict, sizeof(dict),
			 "/Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << /XObject << %s >> >>",
			 ap->rect[2] - ap->rect[0], ap->rect[3] - ap->rect[1], lt_buf_cstr(&res));
		lt_buf_free(&res);
		put_stream(w, pl->form, dict, &ap->content);
		for (int k = 0; k < ap->nimg; k++) {
			const lt_pdf_img *im = &ap->img[k];
			char sm[32] = "";
			if (pl->mask[k])
				snprintf(sm, sizeof(sm), " /SMask %u 0 R", pl->mask[k]);
			snprintf(dict, sizeof(dict),
				 "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8%s",
				 im->w, im->h, sm);
			put_stream(w, pl->img[k], dict, &im->rgb);
			if (pl->mask[k]) {
				snprintf(dict, sizeof(dict),
					 "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8",
					 im->w, im->h);
				put_stream(w, pl->mask[k], dict, &im->alpha);
			}
		}
	}
	/* The AcroForm with the new field, signatures marked present and append-only. */
	obj_begin(w, pl->af_num, pl->af_gen);
	lt_buf_puts(u, "<< ");
	if (pl->has_af)
		rc = put_dict_entries(u, p, d->n, pl->afs, drop_af);
	lt_buf_puts(u, "/Fields [");
	if (pl->fie > pl->fis)
		lt_buf_put(u, p + pl->fis, pl->fie - pl->fis);
	lt_buf_putf(u, " %u 0 R] /SigFlags 3 >>", pl->wid);
	obj_end(w);
	/* The page with the widget among its annotations. */
	obj_begin(w, pl->pg.num, pl->pg.gen);
	lt_buf_puts(u, "<< ");
	if (!rc)
		rc = put_dict_entries(u, p, d->n, pl->pg.vs, drop_page);
	lt_buf_puts(u, "/Annots [");
	if (pl->has_annots && pl->aie > pl->ais)
		lt_buf_put(u, p + pl->ais, pl->aie - pl->ais);
	lt_buf_putf(u, " %u 0 R] >>", pl->wid);
	obj_end(w);
	/* The catalog pointing at the AcroForm. */
	obj_begin(w, d->root, d->root_gen);
	lt_buf_puts(u, "<< ");
	if (!rc)
		rc = put_dict_entries(u, p, d->n, pl->cvs, drop_cat);
	lt_buf_putf(u, "/AcroForm %u %u R >>", pl->af_num, pl->af_gen);
	obj_end(w);
	put_xref(w, pl->newsize);
	if (rc < 0)
		return lt_error_set(e, LT_EUNSUPPORTED, "pdf",
				    "Không ký được PDF này: một từ điển hỏng",
				    "This PDF cannot be signed: a damaged dictionary");
	return lt_buf_error(u);
}

static const char hexd[] = "0123456789ABCDEF";

/* Build the file (pdf + update), fill the byte range, digest, sign, embed. */
static int assemble(const uint8_t *pdf, size_t n, const lt_pdf_sign_opts *o, upd *w,
		    size_t reserve, lt_buf *file, size_t *need, lt_error *e)
{
	crypto_hash_sha256_state st;
	uint8_t digest[crypto_hash_sha256_BYTES];
	size_t a, b, total;
	char br[BR_WIDTH + 1];
	lt_buf cms;
	int rc;

	lt_buf_init(&cms, RESERVE_MAX * 2);
	*need = 0;
	rc = lt_buf_add(file, pdf, n);
	if (!rc)
		rc = lt_buf_add(file, w->u.ptr, w->u.len);
	if (rc)
		goto fail;
	total = file->len;
	a = w->base + w->hole_at; /* offset of '<' */
	b = a + w->hole_len;      /* just past '>' */
	snprintf(br, sizeof(br), "0 %zu %zu %zu", a, b, total - b);
	memset(br + strlen(br), ' ', BR_WIDTH - strlen(br));
	memcpy(file->ptr + w->base + w->br_at, br, BR_WIDTH);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)file->ptr, a);
	crypto_hash_sha256_update(&st, (const uint8_t *)file->ptr + b, total - b);
	crypto_hash_sha256_final(&st, digest);
	rc = o->cms(o->cms_ctx, digest, &cms, e);
	if (rc)
		goto fail;
	if (cms.len == 0) {
		rc = lt_error_set(e, LT_EINTERNAL, "cms", "Bộ ký không trả về chữ ký CMS nào",
				  "The signer returned no CMS signature");
		goto fail;
	}
	if (cms.len > reserve) {
		*need = cms.len;
		rc = LT_ETOOBIG;
		goto fail;
	}
	for (size_t k = 0; k < cms.len; k++) {
		uint8_t c = (uint8_t)cms.ptr[k];
		file->ptr[a + 1 + 2 * k] = hexd[c >> 4];
		file->ptr[a + 2 + 2 * k] = hexd[c & 15];
	}
fail:
	lt_buf_free(&cms);
	return rc;
}

int lt_pdf_sign(const uint8_t *pdf, size_t n, const lt_pdf_sign_opts *o, lt_buf *out, lt_error *e)
{
	lt_pdfdoc d;
	lt_pdf_ap ap, *app = NULL;
	plan pl;
	upd w;
	lt_buf file;
	size_t reserve = o->reserve ? o->reserve : RESERVE_DEFAULT, need = 0;
	int64_t when = o->when ? o->when : lt_now();
	int rc;

	memset(&pl, 0, sizeof(pl));
	memset(&w, 0, sizeof(w));
	memset(&ap, 0, sizeof(ap));
	lt_buf_init(&w.u, 256u << 20);
	lt_buf_init(&file, PDF_MAX + (256u << 20));
	rc = lt_pdfdoc_open(&d, pdf, n, e);
	if (rc)
		goto fail;
	if (!o->cms || o->look < LT_PDF_LOOK_INVISIBLE || o->look > LT_PDF_LOOK_ATTACHMENT ||
	    reserve > RESERVE_MAX || n > PDF_MAX) {
		rc = lt_error_set(e, LT_EINVAL, !o->cms ? "cms" : reserve > RESERVE_MAX ? "reserve" : "look",
				  "Tuỳ chọn ký không hợp lệ", "Invalid signing options");
		goto fail;
	}
	/* The page first: its MediaBox places the appearance. */
	rc = make_plan(&d, o, NULL, &pl, e);
	if (rc)
		goto fail;
	if (o->look != LT_PDF_LOOK_INVISIBLE) {
		app = &ap;
		rc = lt_pdf_ap_build(o, pl.pg.box, when, &ap, e);
		if (rc)
			goto fail;
		memset(&pl, 0, sizeof(pl));
		rc = make_plan(&d, o, app, &pl, e);
		if (rc)
			goto fail;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		lt_buf_reset(&w.u);
		lt_buf_reset(&file);
		w.d = &d;
		w.nx = 0;
		w.base = n;
		rc = write_update(&w, o, &pl, app, when, reserve, e);
		if (!rc)
			rc = assemble(pdf, n, o, &w, reserve, &file, &need, e);
		if (rc != LT_ETOOBIG || !need || attempt == 1)
			break;
		/* The CMS came out larger than the room kept for it: once more, with room. */
		reserve = (need + 4096) & ~(size_t)1023;
		if (reserve > RESERVE_MAX)
			break;
	}
	if (rc == LT_ETOOBIG && need) {
		rc = lt_error_set(e, LT_ETOOBIG, "reserve",
				  "Chữ ký CMS (%zu byte) lớn hơn chỗ dành cho nó (%zu byte)",
				  "The CMS signature (%zu bytes) is larger than the room kept for it (%zu bytes)",
				  need, reserve);
		goto fail;
	}
	if (rc)
		goto fail;
	rc = lt_buf_add(out, file.ptr, file.len);
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, NULL, "Không ký được PDF (%s)", "Cannot sign the PDF (%s)",
			     lt_err_name(rc));
	if (app)
		lt_pdf_ap_free(app);
	lt_pdfdoc_close(&d);
	lt_buf_free(&w.u);
	lt_buf_free(&file);
	return rc;
}
