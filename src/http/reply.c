/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * reply.c — a handler's reply put on the wire (split from server.c): its
 * entity tag and 304, gzip when the client takes it, the security headers
 * and the API's cache policy, then libmicrohttpd's response.
 */
#include <microhttpd.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "http/encode.h"
#include "http/reply.h"

#define CSP "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';" \
	    " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

static bool has_header(const lt_http_req *req, const char *name)
{
	for (int i = 0; i < req->nhdr; i++)
		if (!strcmp(req->hdr_name[i], name))
			return true;
	return false;
}

/* API reads whose answer is the same for everyone allowed to see it and holds no
 * personal data: a browser may keep them and revalidate with If-None-Match. */
static bool cacheable_read(const lt_http_req *req)
{
	static const char *const names[] = { "levels", "indicators", "directive_document",
					     "directive_chain", "series" };

	for (size_t i = 0; req->route && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(req->route, names[i]))
			return true;
	return false;
}

static bool compressible(const char *type)
{
	return type && (!strncmp(type, "application/json", 16) || !strncmp(type, "text/", 5) ||
			!strncmp(type, "image/svg", 9));
}

/*
 * A dynamic reply: an ETag on API reads (304 when the client has it), and
 * gzip when the client takes it and the body is worth it. The body to send
 * is left in *body and *len (req->out, or z when compressed).
 */
static void encode_dynamic(lt_http_req *req, lt_buf *z, const char **body, size_t *len)
{
	char *etag;

	*body = req->out.ptr ? req->out.ptr : "";
	*len = req->out.len;
	if (req->status == 200 && !strcmp(req->method, "GET") && !strncmp(req->path, "/api/", 5)) {
		etag = lt_arena_alloc(&req->arena, 32);
		if (etag) {
			lt_etag_of(*body, *len, etag);
			lt_reply_header(req, "ETag", etag);
			if (lt_etag_matches(lt_req_header(req, "If-None-Match"), etag)) {
				req->status = 304;
				*len = 0;
				return;
			}
		}
	}
	if (*len < LT_GZIP_MIN || !compressible(req->content_type) ||
	    !lt_accepts_coding(lt_req_header(req, "Accept-Encoding"), "gzip"))
		return;
	lt_reply_header(req, "Vary", "Accept-Encoding");
	if (lt_gzip(*body, *len, z) || z->len >= *len)
		return; /* sent as it is: correct, only larger */
	lt_reply_header(req, "Content-Encoding", "gzip");
	*body = z->ptr;
	*len = z->len;
}

enum MHD_Result lt_http_send_reply(struct MHD_Connection *c, lt_http_req *req)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool api = !strncmp(req->path, "/api/", 5);
	lt_buf z;
	const char *body;
	size_t len;

	lt_buf_init(&z, req->out.len + 1024);
	if (req->file) {
		/* MHD reads it with pread from offset 0 and closes the descriptor it was given. */
		int fd = dup(fileno(req->file));
		fclose(req->file);
		req->file = NULL;
		resp = fd < 0 ? NULL : MHD_create_response_from_fd64(req->file_len, fd);
		if (!resp && fd >= 0)
			close(fd);
	} else if (req->ref) {
		resp = MHD_create_response_from_buffer(req->status == 304 ? 0 : req->ref_len,
						       (void *)(uintptr_t)req->ref,
						       MHD_RESPMEM_PERSISTENT);
	} else {
		encode_dynamic(req, &z, &body, &len);
		/* req->out lives until the request is completed (server.c on_completed),
		 * after the last byte is sent: sent from where it is, not copied first. */
		resp = MHD_create_response_from_buffer(len, (void *)(uintptr_t)body,
						       body == req->out.ptr
							       ? MHD_RESPMEM_PERSISTENT
							       : MHD_RESPMEM_MUST_COPY);
	}
	lt_buf_free(&z);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				req->content_type ? req->content_type : "text/plain; charset=utf-8");
	if (!has_header(req, "Content-Security-Policy"))
		MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (api)
		MHD_add_response_header(resp, "Cache-Control",
					cacheable_read(req) && (req->status == 200 || req->status == 304)
						? "private, no-cache"
						: "no-store");
	for (int i = 0; i < req->nhdr; i++)
		MHD_add_response_header(resp, req->hdr_name[i], req->hdr_value[i]);
	ret = MHD_queue_response(c, (unsigned)req->status, resp);
	MHD_destroy_response(resp);
	return ret;
}
