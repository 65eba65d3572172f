/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * reply.h — sending a handler's reply (reply.c), for server.c.
 */
#ifndef LT_HTTP_REPLY_H
#define LT_HTTP_REPLY_H

#include <microhttpd.h>

#include "http/http.h"

/*
 * Queue req's reply on c: the body (req->ref as it is, or req->out with an
 * ETag on API reads, 304 when the client has it, gzip when worth it), the
 * security headers, the API's Cache-Control and the handler's own headers.
 */
enum MHD_Result lt_http_send_reply(struct MHD_Connection *c, lt_http_req *req);

#endif
