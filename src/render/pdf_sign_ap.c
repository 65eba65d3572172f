/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pdf_sign_ap.c — the visible appearance of a signature (Nghị định
 * 30/2020/NĐ-CP, Phụ lục I), as a form XObject for the widget:
 *
 *  - the signer's signature: the signature image (PNG, transparent) centred
 *    at the signature position, between the signer's title and name; the
 *    seal image at its real size over the left third of it; beside them the
 *    text naming the signer, position, agency and the time of signing
 *    (ISO 8601 with Vietnam's offset);
 *  - an attachment's signature: at the top right of its first page, the
 *    number and symbol and the time, Times New Roman (Liberation Serif has
 *    its metrics) 10 pt, upright, black, no image.
 *
 * Text is laid out by pango and written as filled outlines (the form needs
 * no font of its own, so nothing is embedded twice and the glyphs are the
 * ones the document uses). Images are decoded by cairo and written as 8-bit
 * RGB with an alpha soft mask, both deflated.
 */
#include "render/pdf_sign_int.h"

#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/clock.h"
#include "render/doc_pdf_int.h" /* MM, FONT, the thread's PangoContext */

#define IMG_MAX 4096          /* pixels per side */
#define PNG_MAX (8u << 20)    /* bytes of one PNG */

void lt_pdf_iso_time(int64_t t, char out[40])
{
	struct tm tm;

	lt_vn_tm(t, &tm);
	/* The fields are in range; the casts tell the compiler so. */
	snprintf(out, 40, "%04u-%02u-%02uT%02u:%02u:%02u+07:00", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
		 (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

int lt_pdf_deflate(const void *src, size_t n, lt_buf *out)
{
	uLongf len = compressBound((uLong)n);
	Bytef *tmp = malloc(len ? len : 1);
	int rc;

	if (!tmp)
		return LT_ENOMEM;
	/* Fastest level: the images are mostly transparency, which any level
	 * packs well, and signing time matters more than a few kilobytes. */
	if (compress2(tmp, &len, src, (uLong)n, Z_BEST_SPEED) != Z_OK) {
		free(tmp);
		return LT_ENOMEM;
	}
	rc = lt_buf_add(out, tmp, len);
	free(tmp);
	return rc;
}

typedef struct png_src {
	const uint8_t *p;
	size_t n, at;
} png_src;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	png_src *s = closure;

	if (s->n - s->at < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->at, len);
	s->at += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Decode a PNG into im: RGB and alpha planes, un-premultiplied, deflated. */
static int load_png(const uint8_t *png, size_t n, const char *field, lt_pdf_img *im, lt_error *e)
{
	png_src src = { png, n, 0 };
	cairo_surface_t *s = NULL;
	uint8_t *rgb = NULL, *alpha = NULL;
	bool opaque = true;
	int rc = 0, w, h, stride;

	if (n > PNG_MAX || n < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0) {
		rc = lt_error_set(e, LT_EINVAL, field, "Ảnh không phải tệp PNG (hoặc lớn quá 8 MiB)",
				  "The image is not a PNG file (or is over 8 MiB)");
		goto fail;
	}
	s = cairo_image_surface_create_from_png_stream(png_read, &src);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		rc = lt_error_set(e, LT_EINVAL, field, "Không đọc được ảnh PNG",
				  "Cannot read the PNG image");
		goto fail;
	}
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	if (w < 1 || h < 1 || w > IMG_MAX || h > IMG_MAX) {
		rc = lt_error_set(e, LT_EINVAL, field, "Ảnh PNG quá lớn (tối đa %d×%d điểm ảnh)",
				  "The PNG image is too large (at most %d×%d pixels)", IMG_MAX, IMG_MAX);
		goto fail;
	}
	cairo_surface_flush(s);
	stride = cairo_image_surface_get_stride(s);
	rgb = malloc((size_t)w * h * 3);
	alpha = malloc((size_t)w * h);
	if (!rgb || !alpha) {
		rc = LT_ENOMEM;
		goto fail;
	}
	const uint8_t *data = cairo_image_surface_get_data(s);
	bool has_alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			uint32_t px = row[x];
			unsigned a = has_alpha ? px >> 24 : 255;
			unsigned c[3] = { (px >> 16) & 255, (px >> 8) & 255, px & 255 };
			uint8_t *o = rgb + ((size_t)y * w + x) * 3;
			for (int k = 0; k < 3; k++)
				o[k] = (uint8_t)(a == 0 ? 255 : a == 255 ? c[k] : (c[k] * 255 + a / 2) / a);
			alpha[(size_t)y * w + x] = (uint8_t)a;
			if (a != 255)
				opaque = false;
		}
	}
	im->w = w;
	im->h = h;
	rc = lt_pdf_deflate(rgb, (size_t)w * h * 3, &im->rgb);
	if (!rc && !opaque)
		rc = lt_pdf_deflate(alpha, (size_t)w * h, &im->alpha);
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, field, "Không xử lý được ảnh", "Cannot process the image");
	free(rgb);
	free(alpha);
	if (s)
		cairo_surface_destroy(s);
	return rc;
}

/* Text as filled outlines: the layout's path, moved so that its top-left
 * is at (x, top) in form space (y up). */
static void put_path(lt_buf *b, cairo_path_t *path, double x, double top)
{
	for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
		const cairo_path_data_t *d = &path->data[i];
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO:
			lt_buf_putf(b, "%.2f %.2f m\n", x + d[1].point.x, top - d[1].point.y);
			break;
		case CAIRO_PATH_LINE_TO:
			lt_buf_putf(b, "%.2f %.2f l\n", x + d[1].point.x, top - d[1].point.y);
			break;
		case CAIRO_PATH_CURVE_TO:
			lt_buf_putf(b, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", x + d[1].point.x,
				    top - d[1].point.y, x + d[2].point.x, top - d[2].point.y,
				    x + d[3].point.x, top - d[3].point.y);
			break;
		case CAIRO_PATH_CLOSE_PATH:
			lt_buf_puts(b, "h\n");
			break;
		}
	}
	lt_buf_puts(b, "f\n");
}

/* A pango layout of text at pt points, width w (≤ 0: unwrapped), alignment al. */
typedef struct textbox {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoLayout *lay;
	double w, h;
} textbox;

static int text_layout(textbox *t, const char *text, double pt, double w, PangoAlignment al)
{
	PangoContext *ctx = lt_pdf_thread_ctx();
	PangoFontDescription *fd = NULL;
	PangoRectangle r;

	/* An unbounded recording surface: a bounded one would cull glyphs
	 * outside it from the path. */
	t->surf = cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, NULL);
	t->cr = cairo_create(t->surf);
	if (!ctx || cairo_status(t->cr) != CAIRO_STATUS_SUCCESS)
		return LT_ENOMEM;
	pango_cairo_update_context(t->cr, ctx);
	t->lay = pango_layout_new(ctx);
	if (!t->lay)
		return LT_ENOMEM;
	fd = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	pango_layout_set_font_description(t->lay, fd);
	pango_font_description_free(fd);
	if (w > 0) {
		pango_layout_set_width(t->lay, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(t->lay, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(t->lay, al);
	pango_layout_set_text(t->lay, text, -1);
	pango_layout_get_extents(t->lay, NULL, &r);
	t->w = w > 0 ? w : (double)r.width / PANGO_SCALE;
	t->h = (double)r.height / PANGO_SCALE;
	return 0;
}

static int text_draw(textbox *t, lt_buf *b, double x, double top)
{
	cairo_path_t *path;

	cairo_new_path(t->cr);
	cairo_move_to(t->cr, 0, 0);
	pango_cairo_layout_path(t->cr, t->lay);
	path = cairo_copy_path(t->cr);
	if (!path || path->status != CAIRO_STATUS_SUCCESS) {
		cairo_path_destroy(path);
		return LT_ENOMEM;
	}
	lt_buf_puts(b, "0 g\n");
	put_path(b, path, x, top);
	cairo_path_destroy(path);
	return 0;
}

static void text_free(textbox *t)
{
	if (t->lay)
		g_object_unref(t->lay);
	if (t->cr)
		cairo_destroy(t->cr);
	if (t->surf)
		cairo_surface_destroy(t->surf);
}

/* A box in page space with y down from the page top (the renderer's). */
typedef struct box {
	double x, y, w, h;
} box;

static void grow(box *u, const box *b)
{
	double x1 = fmax(u->x + u->w, b->x + b->w), y1 = fmax(u->y + u->h, b->y + b->h);

	u->x = fmin(u->x, b->x);
	u->y = fmin(u->y, b->y);
	u->w = x1 - u->x;
	u->h = y1 - u->y;
}

/* "q w 0 0 h x y cm /In Do Q" for an image placed at b (page space, y down). */
static void put_image(lt_buf *c, int k, const box *b, const box *u)
{
	lt_buf_putf(c, "q %.2f 0 0 %.2f %.2f %.2f cm /I%d Do Q\n", b->w, b->h, b->x - u->x,
		    (u->y + u->h) - (b->y + b->h), k);
}

/* Wrap t's layout at width w. */
static void text_wrap(textbox *t, double w)
{
	PangoRectangle r;

	pango_layout_set_width(t->lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(t->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_get_extents(t->lay, NULL, &r);
	t->w = w;
	t->h = (double)r.height / PANGO_SCALE;
}

/*
 * The signer's look in the position o->x/y/w/h: the text block at its right
 * (at most 42 % of it), the images in the rest, centred. The signature image
 * fits 90 % of the height; the seal is drawn at its real size with its
 * right edge over the first third of the signature, and may reach a quarter
 * of its width left of the position (as a seal on paper does) before the
 * signature is made smaller to leave the text its room.
 */
static void place_signer(const lt_pdf_sign_opts *o, const lt_pdf_ap *ap, int sig, int seal,
			 textbox *t, box ib[2], box *tb)
{
	double cy = o->y + o->h / 2, d = (o->seal_mm > 0 ? o->seal_mm : 36) * MM;
	double tw = ap->nimg ? fmin(t->w, o->w * 0.42) : o->w, avail, over, g = 0, a = 1;

	if (t->w > tw)
		text_wrap(t, tw);
	avail = ap->nimg ? o->w - tw - 6 : 0;
	over = seal >= 0 ? ib[seal].w / 4 : 0;
	if (seal >= 0) {
		double sa = (double)ap->img[seal].w / ap->img[seal].h;
		ib[seal].w = sa >= 1 ? d : d * sa;
		ib[seal].h = sa >= 1 ? d / sa : d;
		ib[seal].y = cy - ib[seal].h / 2;
		over = ib[seal].w / 4;
		g = ib[seal].w;
	}
	if (sig >= 0) {
		a = (double)ap->img[sig].w / ap->img[sig].h;
		ib[sig].h = o->h * 0.9;
		ib[sig].w = fmin(ib[sig].h * a, o->w * 0.5);
		/* What the signature may take beside the seal (2/3 of it shows). */
		double room = seal >= 0 ? (avail + over - ib[seal].w) * 3 / 2 : avail;
		if (ib[sig].w > room)
			ib[sig].w = fmax(room, 24);
		ib[sig].h = ib[sig].w / a;
		ib[sig].y = cy - ib[sig].h / 2;
		g = seal >= 0 ? ib[seal].w + ib[sig].w * 2 / 3 : ib[sig].w;
	}
	/* Centred in its room; wider than it, against the text (reaching left). */
	double gx = o->x + (g <= avail ? (avail - g) / 2 : avail - g);
	if (seal >= 0) {
		ib[seal].x = gx;
		if (sig >= 0)
			ib[sig].x = gx + ib[seal].w - ib[sig].w / 3;
	} else if (sig >= 0) {
		ib[sig].x = gx;
	}
	tb->x = o->x + o->w - tw;
	tb->w = tw;
	tb->h = t->h;
	tb->y = cy - tb->h / 2;
}

static int check_text(const char *s, const char *field, lt_error *e)
{
	if (!s || !*s)
		return lt_error_set(e, LT_EINVAL, field, "Thiếu nội dung hiển thị của chữ ký (%s)",
				    "The signature's visible text is missing (%s)", field);
	if (strlen(s) > 512)
		return lt_error_set(e, LT_EINVAL, field, "Nội dung %s quá dài", "%s is too long", field);
	return 0;
}

int lt_pdf_ap_build(const lt_pdf_sign_opts *o, const double mb[4], int64_t when, lt_pdf_ap *ap,
		    lt_error *e)
{
	const double pw = mb[2] - mb[0], ph = mb[3] - mb[1];
	textbox t = { 0 };
	lt_buf text, raw;
	char iso[40];
	box u, ib[2] = { { 0 } }, tb = { 0 };
	int rc = 0, sig = -1, seal = -1;

	memset(ap, 0, sizeof(*ap));
	lt_buf_init(&ap->content, 16u << 20);
	for (int k = 0; k < 2; k++) {
		lt_buf_init(&ap->img[k].rgb, 64u << 20);
		lt_buf_init(&ap->img[k].alpha, 64u << 20);
	}
	lt_buf_init(&text, 4096);
	lt_buf_init(&raw, 16u << 20);
	lt_pdf_iso_time(when, iso);
	if (o->look == LT_PDF_LOOK_ATTACHMENT) {
		rc = check_text(o->doc_number, "doc_number", e);
		if (rc)
			goto fail;
		lt_buf_putf(&text, "%s\n%s", o->doc_number, iso);
		rc = lt_buf_error(&text);
		if (!rc)
			rc = text_layout(&t, lt_buf_cstr(&text), 10, 0, PANGO_ALIGN_RIGHT);
		if (rc)
			goto fail;
		tb.w = t.w;
		tb.h = t.h;
		if (o->w > 0 && o->h > 0) {
			tb.x = o->x + o->w - tb.w;
			tb.y = o->y;
		} else { /* top right, inside the 15 mm right margin, in the top margin */
			tb.x = pw - 15 * MM - tb.w;
			tb.y = 8 * MM;
		}
		u = tb;
		rc = text_draw(&t, &raw, tb.x - u.x, u.h);
		if (rc)
			goto fail;
	} else {
		rc = check_text(o->signer, "signer", e);
		if (rc)
			goto fail;
		if (o->w < 20 || o->h < 10 || o->x < 0 || o->y < 0 || o->x + o->w > pw + 0.5 ||
		    o->y + o->h > ph + 0.5) {
			rc = lt_error_set(e, LT_EINVAL, "rect",
					  "Vị trí chữ ký nằm ngoài trang hoặc quá nhỏ",
					  "The signature position is off the page or too small");
			goto fail;
		}
		if (o->sig_png) {
			rc = load_png(o->sig_png, o->sig_png_len, "sig_png", &ap->img[ap->nimg], e);
			if (rc)
				goto fail;
			sig = ap->nimg++;
		}
		if (o->seal_png) {
			rc = load_png(o->seal_png, o->seal_png_len, "seal_png", &ap->img[ap->nimg], e);
			if (rc)
				goto fail;
			seal = ap->nimg++;
		}
		lt_buf_putf(&text, "Ký bởi: %s", o->signer);
		if (o->position && *o->position)
			lt_buf_putf(&text, "\nChức vụ: %s", o->position);
		if (o->org && *o->org)
			lt_buf_putf(&text, "\nCơ quan: %s", o->org);
		lt_buf_putf(&text, "\nThời gian ký: %s", iso);
		rc = lt_buf_error(&text);
		if (!rc)
			rc = text_layout(&t, lt_buf_cstr(&text), 8, 0, PANGO_ALIGN_LEFT);
		if (rc)
			goto fail;
		place_signer(o, ap, sig, seal, &t, ib, &tb);
		u = (box){ o->x, o->y, o->w, o->h };
		grow(&u, &tb);
		for (int k = 0; k < ap->nimg; k++)
			grow(&u, &ib[k]);
		/* Clip to the page: a seal may not reach past its edges. */
		if (u.x < 0) {
			u.w += u.x;
			u.x = 0;
		}
		if (u.y < 0) {
			u.h += u.y;
			u.y = 0;
		}
		/* Signature first, then the seal over it ("trùm lên"), then the text. */
		if (sig >= 0)
			put_image(&raw, sig, &ib[sig], &u);
		if (seal >= 0)
			put_image(&raw, seal, &ib[seal], &u);
		rc = text_draw(&t, &raw, tb.x - u.x, u.y + u.h - tb.y);
		if (rc)
			goto fail;
	}
	ap->rect[0] = mb[0] + u.x;
	ap->rect[1] = mb[3] - (u.y + u.h);
	ap->rect[2] = mb[0] + u.x + u.w;
	ap->rect[3] = mb[3] - u.y;
	rc = lt_buf_error(&raw);
	if (!rc)
		rc = lt_pdf_deflate(raw.ptr, raw.len, &ap->content);
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, NULL, "Không dựng được hình chữ ký (%s)",
			     "Cannot build the signature's appearance (%s)", lt_err_name(rc));
	text_free(&t);
	lt_buf_free(&text);
	lt_buf_free(&raw);
	return rc;
}

void lt_pdf_ap_free(lt_pdf_ap *ap)
{
	lt_buf_free(&ap->content);
	for (int k = 0; k < 2; k++) {
		lt_buf_free(&ap->img[k].rgb);
		lt_buf_free(&ap->img[k].alpha);
	}
}
