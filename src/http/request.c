/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * request.c — the request as handlers see it (http.h): its headers, query
 * and cookies through the transport's lookup, and the reply. Nothing here
 * knows libmicrohttpd (server.c sets req->lookup), so the helpers can be
 * tested on a request built in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http/http.h"

const char *lt_req_header(lt_http_req *req, const char *name)
{
	return req->lookup ? req->lookup(req, LT_REQ_HEADER, name) : NULL;
}

const char *lt_req_query(lt_http_req *req, const char *name)
{
	return req->lookup ? req->lookup(req, LT_REQ_QUERY, name) : NULL;
}

const char *lt_req_cookie(lt_http_req *req, const char *name)
{
	return req->lookup ? req->lookup(req, LT_REQ_COOKIE, name) : NULL;
}

void lt_reply_header(lt_http_req *req, const char *name, const char *value)
{
	if (req->nhdr < LT_HTTP_MAX_HEADERS) {
		req->hdr_name[req->nhdr] = name;
		req->hdr_value[req->nhdr] = value;
		req->nhdr++;
	}
}

void lt_reply_attachment(lt_http_req *req, const char *ascii, const char *utf8)
{
	static const char hex[] = "0123456789ABCDEF";
	lt_buf b;

	if (!utf8 || !*utf8) {
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena, "attachment; filename=\"%s\"", ascii));
		return;
	}
	lt_buf_init(&b, 4096);
	lt_buf_putf(&b, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
	for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p);
		char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

		lt_buf_put(&b, plain ? (const char *)p : esc, plain ? 1 : 3);
	}
	/* On a failed buffer the ASCII name alone still names the file. */
	if (lt_buf_error(&b)) {
		lt_buf_free(&b);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena, "attachment; filename=\"%s\"", ascii));
		return;
	}
	lt_reply_header(req, "Content-Disposition", lt_arena_take_buf(&req->arena, &b));
}

int lt_reply_bytes(lt_http_req *req, int status, const char *type, const void *p, size_t n)
{
	lt_buf_reset(&req->out);
	req->status = status;
	req->content_type = type;
	if (lt_buf_add(&req->out, p, n))
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_file_sink(const void *p, size_t n, void *ctx)
{
	return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

int lt_reply_file(lt_http_req *req, int status, const char *type, FILE *f)
{
	struct stat st;

	if (fflush(f) || fstat(fileno(f), &st)) {
		fclose(f);
		return lt_req_fail(req, LT_EIO, NULL, "Không ghi được tệp tạm", "Cannot write a temporary file");
	}
	lt_buf_reset(&req->out);
	req->status = status;
	req->content_type = type;
	req->file = f;
	req->file_len = (uint64_t)st.st_size;
	return 0;
}

#define JSON_TYPE "application/json; charset=utf-8"

/* The first allocation of a written reply: a page of 20 activities or 50 units (12 kB)
 * fits, where doubling from 64 bytes took nine reallocs (issue 10 P1). */
#define JSON_OUT_FIRST (16u << 10)

lt_buf *lt_reply_json_out(lt_http_req *req)
{
	lt_buf_reset(&req->out);
	/* Not reserved: the buffer grows as it goes, as it would have anyway. */
	if (!req->out.alloc && lt_buf_reserve(&req->out, JSON_OUT_FIRST - 1))
		lt_buf_reset(&req->out);
	return &req->out;
}

int lt_reply_json_written(lt_http_req *req, int status, int rc)
{
	if (rc)
		return rc; /* the error reply replaces what was written */
	req->status = status;
	req->content_type = JSON_TYPE;
	return 0;
}

int lt_reply_json(lt_http_req *req, int status, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	int rc;

	json_decref(j);
	if (!s)
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = lt_reply_bytes(req, status, JSON_TYPE, s, strlen(s));
	free(s);
	return rc;
}

int lt_req_fail(lt_http_req *req, int code, const char *field, const char *vi, const char *en)
{
	req->err.code = code;
	snprintf(req->err.field, sizeof(req->err.field), "%s", field ? field : "");
	snprintf(req->err.vi, sizeof(req->err.vi), "%s", vi);
	snprintf(req->err.en, sizeof(req->err.en), "%s", en);
	return code;
}

