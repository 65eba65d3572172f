/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* activity_photo.c — photos of an activity: type by content, limits, metadata stripped; see activity_photo.h. */
#include "store/activity_photo.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "store/activity.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/store.h"

static uint32_t be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le24(const unsigned char *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static int damaged(lt_error *e, const char *what)
{
	return lt_error_set(e, LT_EINVAL, "photo", "Ảnh %s bị hỏng", "The %s image is damaged", what);
}

/* Walk JPEG markers to the first SOFn for the size: false when there is none. */
static bool jpeg_size(const unsigned char *p, size_t n, int *w, int *h)
{
	size_t i = 2;

	while (i + 4 <= n) {
		unsigned m;
		uint32_t len;
		if (p[i] != 0xFF)
			return false;
		while (i < n && p[i] == 0xFF)
			i++;
		if (i >= n)
			return false;
		m = p[i++];
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01)
			continue;
		if (m == 0xD9 || m == 0xDA)
			return false; /* image data before any frame header */
		if (i + 2 > n)
			return false;
		len = be16(p + i);
		if (len < 2 || i + len > n)
			return false;
		if ((m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (len < 7)
				return false;
			*h = (int)be16(p + i + 3);
			*w = (int)be16(p + i + 5);
			return true;
		}
		i += len;
	}
	return false;
}

int lt_photo_inspect(const unsigned char *p, size_t n, lt_photo_info *out, lt_error *e)
{
	int w = 0, h = 0;

	memset(out, 0, sizeof(*out));
	if (n > LT_PHOTO_MAX_BYTES)
		return lt_error_set(e, LT_ETOOBIG, "photo", "Ảnh lớn quá %u MB",
				    "The photo is larger than %u MB", LT_PHOTO_MAX_BYTES >> 20);
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		out->mime = "image/jpeg";
		if (!jpeg_size(p, n, &w, &h))
			return damaged(e, "JPEG");
	} else if (n >= 33 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8) && !memcmp(p + 12, "IHDR", 4)) {
		out->mime = "image/png";
		w = (int)(be32(p + 16) & 0x7fffffff);
		h = (int)(be32(p + 20) & 0x7fffffff);
	} else if (n >= 30 && !memcmp(p, "RIFF", 4) && !memcmp(p + 8, "WEBP", 4)) {
		out->mime = "image/webp";
		if (!memcmp(p + 12, "VP8X", 4)) {
			w = (int)le24(p + 24) + 1;
			h = (int)le24(p + 27) + 1;
		} else if (!memcmp(p + 12, "VP8 ", 4) && p[23] == 0x9d && p[24] == 0x01 && p[25] == 0x2a) {
			w = (int)(le32(p + 26) & 0x3fff);
			h = (int)((le32(p + 26) >> 16) & 0x3fff);
		} else if (!memcmp(p + 12, "VP8L", 4) && p[20] == 0x2f) {
			uint32_t b = le32(p + 21);
			w = (int)(b & 0x3fff) + 1;
			h = (int)((b >> 14) & 0x3fff) + 1;
		} else {
			return damaged(e, "WebP");
		}
	} else {
		return lt_error_set(e, LT_EUNSUPPORTED, "photo",
				    "Chỉ nhận ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp)",
				    "Only JPEG, PNG or WebP photos are accepted (checked by content)");
	}
	if (w <= 0 || h <= 0)
		return damaged(e, out->mime + 6);
	if (w > LT_PHOTO_MAX_SIDE || h > LT_PHOTO_MAX_SIDE ||
	    (unsigned long long)w * (unsigned long long)h > LT_PHOTO_MAX_PIXELS)
		return lt_error_set(e, LT_ETOOBIG, "photo", "Ảnh %d×%d điểm ảnh là quá lớn",
				    "A %d×%d pixel photo is too large", w, h);
	out->width = w;
	out->height = h;
	return 0;
}

/* Append n bytes at p to out; a failure (the cap, or memory) is said in e. */
static int put(lt_buf *out, const unsigned char *p, size_t n, lt_error *e)
{
	int rc = lt_buf_add(out, p, n);

	if (rc == LT_ETOOBIG)
		return lt_error_set(e, rc, "photo", "Ảnh lớn quá %u MB", "The photo is larger than %u MB",
				    LT_PHOTO_MAX_BYTES >> 20);
	return rc ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory") : 0;
}

static int strip_jpeg(const unsigned char *p, size_t n, lt_buf *out, lt_error *e)
{
	size_t i = 2;
	int rc = put(out, p, 2, e);

	if (rc)
		return rc;
	while (i + 4 <= n) {
		unsigned m;
		uint32_t len;
		if (p[i] != 0xFF)
			return damaged(e, "JPEG");
		m = p[i + 1];
		if (m == 0xDA) /* start of scan: the rest is image data */
			return put(out, p + i, n - i, e);
		len = be16(p + i + 2);
		if (len < 2 || i + 2 + len > n)
			return damaged(e, "JPEG");
		/* APP1 (Exif, XMP: GPS lives here) and APP13 (IPTC) are dropped. */
		rc = m != 0xE1 && m != 0xED ? put(out, p + i, 2 + len, e) : 0;
		if (rc)
			return rc;
		i += 2 + len;
	}
	return damaged(e, "JPEG");
}

static int strip_png(const unsigned char *p, size_t n, lt_buf *out, lt_error *e)
{
	size_t i = 8;
	int rc = put(out, p, 8, e);

	if (rc)
		return rc;
	while (i + 12 <= n) {
		uint32_t len = be32(p + i);
		const unsigned char *type = p + i + 4;
		if (len > n - i - 12)
			return damaged(e, "PNG");
		if (memcmp(type, "eXIf", 4) && memcmp(type, "tEXt", 4) && memcmp(type, "zTXt", 4) &&
		    memcmp(type, "iTXt", 4))
			rc = put(out, p + i, 12 + len, e);
		if (rc)
			return rc;
		if (!memcmp(type, "IEND", 4))
			return 0;
		i += 12 + len;
	}
	return damaged(e, "PNG");
}

static int strip_webp(const unsigned char *p, size_t n, lt_buf *out, lt_error *e)
{
	size_t i = 12, start = out->len;
	uint32_t riff;
	int rc = put(out, p, 12, e);

	if (rc)
		return rc;
	while (i + 8 <= n) {
		uint32_t len = le32(p + i + 4), padded = len + (len & 1);
		if (padded > n - i - 8)
			return damaged(e, "WebP");
		if (memcmp(p + i, "EXIF", 4) && memcmp(p + i, "XMP ", 4)) {
			size_t at = out->len;
			rc = put(out, p + i, 8 + padded, e);
			if (rc)
				return rc;
			if (!memcmp(p + i, "VP8X", 4) && len >= 1)
				out->ptr[at + 8] &= (char)~0x0C; /* no EXIF (0x08), no XMP (0x04) */
		}
		i += 8 + padded;
	}
	riff = (uint32_t)(out->len - start - 8);
	out->ptr[start + 4] = (char)(riff & 0xff);
	out->ptr[start + 5] = (char)((riff >> 8) & 0xff);
	out->ptr[start + 6] = (char)((riff >> 16) & 0xff);
	out->ptr[start + 7] = (char)((riff >> 24) & 0xff);
	return 0;
}

int lt_photo_strip(const unsigned char *p, size_t n, const lt_photo_info *info, lt_buf *out,
		   lt_error *e)
{
	if (!strcmp(info->mime, "image/jpeg"))
		return strip_jpeg(p, n, out, e);
	if (!strcmp(info->mime, "image/png"))
		return strip_png(p, n, out, e);
	return strip_webp(p, n, out, e);
}

int lt_activity_photo_add(lt_db *db, int64_t activity_id, const unsigned char *p, size_t n,
			  int64_t actor, int *pos, char hash[65], lt_error *e)
{
	lt_photo_info info;
	lt_buf clean;
	lt_stmt *st = NULL;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[65];
	int64_t next = 0;
	int rc;

	lt_buf_init(&clean, LT_PHOTO_MAX_BYTES + 16);
	rc = lt_photo_inspect(p, n, &info, e);
	if (!rc)
		rc = lt_photo_strip(p, n, &info, &clean, e);
	if (rc)
		goto out;
	crypto_hash_sha256(digest, (const unsigned char *)clean.ptr, clean.len);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_db_prepare(db,
				   "SELECT count(*), COALESCE(max(pos), 0) FROM activity_photo"
				   " WHERE activity_id = $1",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, activity_id);
		rc = lt_stmt_step(st, e);
		if (rc == 1 && lt_stmt_int(st, 0) >= LT_PHOTO_MAX_PER_ITEM)
			rc = lt_error_set(e, LT_ETOOBIG, "photo", "Mỗi tin có tối đa %d ảnh",
					  "An item has at most %d photos", LT_PHOTO_MAX_PER_ITEM);
		else if (rc == 1)
			next = lt_stmt_int(st, 1) + 1;
		lt_stmt_done(st);
		if (rc == 1)
			rc = 0;
	}
	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO photo(hash, mime, width, height, bytes, data, created_at)"
				   " VALUES ($1, $2, $3, $4, $5, $6, $7)"
				   /* a no-op update: the row stays locked until commit (see below) */
				   " ON CONFLICT (hash) DO UPDATE SET created_at = photo.created_at",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_text(st, 1, hex);
		lt_stmt_bind_text(st, 2, info.mime);
		lt_stmt_bind_int(st, 3, info.width);
		lt_stmt_bind_int(st, 4, info.height);
		lt_stmt_bind_int(st, 5, (int64_t)clean.len);
		lt_stmt_bind_blob(st, 6, clean.ptr, clean.len);
		lt_stmt_bind_int(st, 7, lt_now());
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO activity_photo(activity_id, pos, hash) VALUES ($1, $2, $3)",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, activity_id);
		lt_stmt_bind_int(st, 2, next);
		lt_stmt_bind_text(st, 3, hex);
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = lt_audit(db, actor, "photo", "activity", activity_id, NULL, e);
	rc = lt_db_end(db, rc, e);
	if (!rc) {
		if (pos)
			*pos = (int)next;
		if (hash)
			memcpy(hash, hex, sizeof(hex));
	}
out:
	lt_buf_free(&clean);
	return rc;
}

int lt_activity_photo_get(lt_db *db, int64_t activity_id, int pos, lt_buf *out,
			  const char **mime, lt_error *e)
{
	lt_stmt *st = NULL;
	const void *data;
	size_t n = 0;
	int rc = lt_db_prepare(db,
			       "SELECT p.mime, p.data FROM activity_photo ap JOIN photo p ON p.hash = ap.hash"
			       " WHERE ap.activity_id = $1 AND ap.pos = $2",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, activity_id);
	lt_stmt_bind_int(st, 2, pos);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		const char *m = lt_stmt_text(st, 0);
		*mime = !strcmp(m, "image/png") ? "image/png" : !strcmp(m, "image/webp") ? "image/webp"
											 : "image/jpeg";
		data = lt_stmt_blob(st, 1, &n);
		rc = lt_buf_add(out, data, n);
	}
	lt_stmt_done(st);
	if (rc == 0 && !out->len)
		return lt_error_set(e, LT_ENOTFOUND, "pos", "Không có ảnh này", "No such photo");
	return rc < 0 ? rc : 0;
}

/*
 * The image is content-addressed and may be shared with another item. On
 * PostgreSQL another transaction may be attaching the same image right now:
 * its upsert holds the photo row, so lock it first; the DELETE, a statement
 * of its own, then sees that transaction's activity_photo row once it has
 * committed (without the lock the delete broke its foreign key: a 400).
 */
int lt_photo_drop_if_unused(lt_db *db, const char *hash, lt_error *e)
{
	int64_t one;
	int rc = lt_db_int(db, "SELECT 1 FROM photo WHERE hash = $1 FOR UPDATE", &one, e, LT_T(hash));

	if (rc < 0)
		return rc;
	return lt_db_run(db,
			 "DELETE FROM photo WHERE hash = $1"
			 " AND NOT EXISTS (SELECT 1 FROM activity_photo WHERE hash = $1)",
			 e, LT_T(hash));
}

int lt_activity_photo_hashes(lt_db *db, int64_t activity_id, char hashes[][65], size_t *n,
			     lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT hash FROM activity_photo WHERE activity_id = $1", &st, e);

	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, activity_id);
	while ((rc = lt_stmt_step(st, e)) == 1 && *n < LT_PHOTO_MAX_PER_ITEM)
		snprintf(hashes[(*n)++], 65, "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_activity_photo_delete(lt_db *db, int64_t activity_id, int pos, int64_t actor, lt_error *e)
{
	lt_stmt *st = NULL;
	char hash[65] = "", detail[32];
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_db_prepare(db, "SELECT hash FROM activity_photo WHERE activity_id = $1 AND pos = $2",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, activity_id);
		lt_stmt_bind_int(st, 2, pos);
		rc = lt_stmt_step(st, e);
		if (rc == 1)
			snprintf(hash, sizeof(hash), "%s", lt_stmt_text(st, 0));
		lt_stmt_done(st);
		if (rc == 0)
			rc = lt_error_set(e, LT_ENOTFOUND, "pos", "Không có ảnh này", "No such photo");
		else if (rc == 1)
			rc = 0;
	}
	if (!rc)
		rc = lt_db_prepare(db, "DELETE FROM activity_photo WHERE activity_id = $1 AND pos = $2",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, activity_id);
		lt_stmt_bind_int(st, 2, pos);
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = lt_photo_drop_if_unused(db, hash, e);
	snprintf(detail, sizeof(detail), "{\"pos\":%d}", pos);
	if (!rc)
		rc = lt_audit(db, actor, "photo_delete", "activity", activity_id, detail, e);
	return lt_db_end(db, rc, e);
}
