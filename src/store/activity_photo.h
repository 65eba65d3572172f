/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_photo.h — photos attached to an activity.
 *
 * A photo is JPEG, PNG or WebP, recognised by its bytes (never by a file
 * name or a declared type), within size and pixel limits. Before it is
 * stored, metadata that can carry a location is removed: JPEG APP1
 * segments (Exif, XMP) and APP13 (IPTC), PNG eXIf/tEXt/zTXt/iTXt chunks,
 * WebP EXIF and XMP chunks (with the VP8X flags fixed). The cleaned bytes
 * are stored once under their SHA-256 (content addressing: the same photo
 * on two items is one row).
 */
#ifndef LT_ACTIVITY_PHOTO_H
#define LT_ACTIVITY_PHOTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "store/db.h"

#define LT_PHOTO_MAX_BYTES (8u << 20)
#define LT_PHOTO_MAX_SIDE 12000
#define LT_PHOTO_MAX_PIXELS 50000000ULL
#define LT_PHOTO_MAX_PER_ITEM 6

typedef struct lt_photo_info {
	const char *mime; /* "image/jpeg", "image/png", "image/webp" (static) */
	int width, height;
} lt_photo_info;

/*
 * Recognise the n bytes at p (borrowed) and read their dimensions.
 * 0, LT_EUNSUPPORTED (not JPEG/PNG/WebP), LT_EINVAL (damaged) or
 * LT_ETOOBIG (bytes, side or pixel limits) with e set.
 */
LT_MUST_CHECK int lt_photo_inspect(const unsigned char *p, size_t n, lt_photo_info *out, lt_error *e);

/* Append to out a copy of the image without location-bearing metadata. */
LT_MUST_CHECK int lt_photo_strip(const unsigned char *p, size_t n, const lt_photo_info *info, lt_buf *out,
		   lt_error *e);

/*
 * Attach a photo to activity (who may, and whether the item is locked, is
 * app/'s decision): inspect, strip, hash, store once, link at the next
 * position (*pos); at most LT_PHOTO_MAX_PER_ITEM.
 * *hash (may be NULL) gets the hex SHA-256 (65 bytes).
 */
LT_MUST_CHECK int lt_activity_photo_add(lt_db *db, int64_t activity_id, const unsigned char *p, size_t n,
			  int64_t actor, int *pos, char hash[65], lt_error *e);

/* The photo at pos of activity: bytes appended to out, *mime static. */
LT_MUST_CHECK int lt_activity_photo_get(lt_db *db, int64_t activity_id, int pos, lt_buf *out,
			  const char **mime, lt_error *e);

/* Drop the stored image hash if no item shows it any more (inside the caller's transaction). */
LT_MUST_CHECK int lt_photo_drop_if_unused(lt_db *db, const char *hash, lt_error *e);

/*
 * Hashes of activity's photos into hashes[0..LT_PHOTO_MAX_PER_ITEM) (*n
 * set), so that a caller removing the item can drop them afterwards.
 */
LT_MUST_CHECK int lt_activity_photo_hashes(lt_db *db, int64_t activity_id, char hashes[][65], size_t *n,
			     lt_error *e);

/*
 * Remove the photo at pos from activity. The stored image goes too when no
 * other item shows it. The other photos keep their positions, so their
 * addresses stay valid. 0 or LT_ENOTFOUND ("pos").
 */
LT_MUST_CHECK int lt_activity_photo_delete(lt_db *db, int64_t activity_id, int pos, int64_t actor, lt_error *e);

#endif
