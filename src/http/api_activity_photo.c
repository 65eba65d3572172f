/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_photo.c — photos of an activity over HTTP: the body is the
 * image itself (any Content-Type; the bytes decide), answered with the
 * item; a photo is read back, or removed, by its position. Adapters over
 * app/activity.h.
 */
#include "app/activity.h"
#include "app/activity_json.h"
#include "http/api_activity.h"
#include "store/activity_photo.h"

int lt_api_activity_photo_add(lt_http_req *req)
{
	lt_app_item it;
	int rc = lt_app_activity_photo_add(req->db, &req->actor, req->params[0],
					   (const unsigned char *)req->body, req->body_len,
					   &req->arena, &it, &req->err);

	return lt_api_act_reply_item(req, 201, rc, &it);
}

int lt_api_activity_photo_get(lt_http_req *req)
{
	lt_buf b;
	const char *mime = NULL;
	int rc;

	lt_buf_init(&b, LT_PHOTO_MAX_BYTES + 16);
	rc = lt_app_activity_photo_get(req->db, &req->actor, req->params[0], (int)req->params[1], &b,
				       &mime, &req->err);
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
	lt_app_item it;
	int rc = lt_app_activity_photo_delete(req->db, &req->actor, req->params[0],
					      (int)req->params[1], &req->arena, &it, &req->err);

	return lt_api_act_reply_item(req, 200, rc, &it);
}
