/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail.c — delivering the mail queue; see mail.h. */
#include "app/mail.h"

#include <jansson.h>
#include <stdlib.h>

#include "store/mail.h"
#include "store/store.h"

static int deliver(lt_db *db, const lt_smtp_config *c, int64_t id, int *ok, lt_error *e)
{
	json_t *msg = NULL, *att;
	unsigned char *blobs = NULL;
	lt_mail_part parts[8];
	lt_buf reply;
	size_t i, n = 0;
	int rc = lt_mail_load(db, id, &msg, &blobs, e);

	*ok = 0;
	if (rc)
		return rc;
	lt_buf_init(&reply, 1024);
	json_array_foreach(json_object_get(msg, "attachments"), i, att) {
		if (n >= 8)
			break;
		parts[n].filename = json_string_value(json_object_get(att, "filename"));
		parts[n].content_type = json_string_value(json_object_get(att, "content_type"));
		parts[n].data = blobs + json_integer_value(json_object_get(att, "offset"));
		parts[n].len = (size_t)json_integer_value(json_object_get(att, "len"));
		n++;
	}
	*ok = lt_smtp_send(c, json_string_value(json_object_get(msg, "to")),
			   json_string_value(json_object_get(msg, "subject")),
			   json_string_value(json_object_get(msg, "body")), parts, n, &reply, NULL) == 0;
	rc = lt_mail_attempt(db, id, *ok, reply.len ? lt_buf_cstr(&reply) : (*ok ? "250" : "error"), e);
	lt_buf_free(&reply);
	json_decref(msg);
	free(blobs);
	return rc;
}

int lt_mailq_run(lt_db *db, const lt_smtp_config *c, int limit, int *sent, int *failed,
		 lt_error *e)
{
	json_t *ids = NULL, *x;
	size_t i;
	int rc = lt_mail_due(db, lt_now(), limit, &ids, e);

	if (sent)
		*sent = 0;
	if (failed)
		*failed = 0;
	json_array_foreach(ids, i, x) {
		int ok = 0;
		if (rc)
			break;
		rc = deliver(db, c, json_integer_value(x), &ok, e);
		if (ok && sent)
			(*sent)++;
		else if (!ok && failed)
			(*failed)++;
	}
	json_decref(ids);
	return rc;
}
