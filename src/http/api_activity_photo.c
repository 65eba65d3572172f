/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_photo.c — photos of an activity over HTTP: the body is the
 * image itself (any Content-Type; the bytes decide), answered with the
 * item; a photo is read back, or removed, by its position.
 */
#include <string.h>

#include "core/access.h"
#include "http/api.h"
#include "http/api_activity.h"
#include "store/activity_photo.h"

/* The item params[0] must be readable; for a write, it must be the user's (or an admin's). */
static int item_scope(lt_http_req *req, bool write)
{
	int64_t dir = 0, unit = 0, w = 0;
	lt_unit u;
	int rc = lt_activity_owner(req->db, req->params[0], &dir, &unit, &req->err);

	if (!rc)
		rc = lt_unit_get(req->db, unit, &req->arena, &u, &req->err);
	if (!rc && !lt_access_read(req->user.unit_path, u.path))
		rc = lt_error_set(&req->err, LT_ENOTFOUND, "id", "Không có hoạt động #%lld",
				  "No activity #%lld", (long long)req->params[0]);
	if (!rc && write)
		rc = lt_api_act_write_unit(req, unit, &w);
	return rc;
}

int lt_api_activity_photo_add(lt_http_req *req)
{
	json_t *item = NULL;
	char hash[65];
	int pos = 0;
	int rc = item_scope(req, true);

	if (!rc && !req->body_len)
		rc = lt_req_fail(req, LT_EINVAL, "body", "Hãy gửi ảnh (JPEG, PNG hoặc WebP)",
				 "Send a JPEG, PNG or WebP photo");
	if (!rc)
		rc = lt_activity_photo_add(req->db, req->params[0], (const unsigned char *)req->body,
					   req->body_len, req->user.id, &pos, hash, &req->err);
	if (!rc)
		rc = lt_activity_get(req->db, req->params[0], &item, &req->err);
	return rc ? rc : lt_reply_json(req, 201, item);
}

int lt_api_activity_photo_get(lt_http_req *req)
{
	lt_buf b;
	const char *mime = NULL;
	int rc = item_scope(req, false);

	lt_buf_init(&b, LT_PHOTO_MAX_BYTES + 16);
	if (!rc)
		rc = lt_activity_photo_get(req->db, req->params[0], (int)req->params[1], &b, &mime,
					   &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, mime, b.ptr, b.len);
		lt_reply_header(req, "Cache-Control", "private, max-age=86400");
	}
	lt_buf_free(&b);
	return rc;
}

/* DELETE /api/v1/activities/{id}/photos/{pos}: answered with the item as it now is. */
int lt_api_activity_photo_delete(lt_http_req *req)
{
	json_t *item = NULL;
	int rc = item_scope(req, true);

	if (!rc)
		rc = lt_activity_photo_delete(req->db, req->params[0], (int)req->params[1], req->user.id,
					      &req->err);
	if (!rc)
		rc = lt_activity_get(req->db, req->params[0], &item, &req->err);
	return rc ? rc : lt_reply_json(req, 200, item);
}
