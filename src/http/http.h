/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * http.h — the request as handlers see it, and the helpers they use to
 * read input and write a reply. libmicrohttpd stays inside server.c.
 *
 * A handler is a thin adapter: it parses and checks input (the *_or_reply
 * helpers write the 4xx themselves), checks access, calls one function in
 * core/ or store/, and renders the result. It returns 0, or a negative
 * LT_E* code with req->err filled, which the server turns into
 * {"error":{"code","message","field"}} with the mapped HTTP status.
 */
#ifndef LT_HTTP_H
#define LT_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "app/actor.h"
#include "app/config.h"
#include "core/access.h"
#include "core/buf.h"
#include "core/error.h"
#include "net/smtp.h"
#include "store/db.h"
#include "store/store.h"
#include "store/user.h"



#define LT_HTTP_MAX_PARAMS 4
#define LT_HTTP_MAX_HEADERS 8

typedef struct lt_app {
	lt_store *store;
	lt_http_config cfg;
	lt_smtp_config smtp;    /* mail is delivered by a background worker when url is set */
	int remind_offsets[8];  /* reminder days relative to report deadlines */
	size_t nremind;
	lt_signing_config signing; /* [signing]: the server's token (off when module is "") */
} lt_app;

/* What lt_http_req.lookup reads. */
enum lt_req_kind { LT_REQ_HEADER, LT_REQ_QUERY, LT_REQ_COOKIE };

typedef struct lt_http_req lt_http_req;

struct lt_http_req {
	lt_app *app;
	lt_arena arena; /* freed when the response is sent */
	const char *method;
	const char *path;
	const char *ip;
	const char *body; /* NUL-terminated, body_len bytes */
	size_t body_len;
	bool en;          /* reply in English */
	lt_db *db;        /* borrowed from the pool for this request */
	/* the logged-in user (authed), with the session's CSRF token */
	bool authed;
	int role;
	lt_user user;
	lt_actor actor; /* who acts, for the app/ call: the user, or the public */
	char csrf[44];
	const char *route;                  /* the route's name, once matched */
	int64_t params[LT_HTTP_MAX_PARAMS]; /* {id} captures, in order */
	int nparams;
	lt_error err;
	/* the reply */
	int status;
	const char *content_type;
	lt_buf out;
	const void *ref;  /* or a body borrowed for the life of the process (a static */
	size_t ref_len;   /* file held in memory), sent without a copy */
	FILE *file;       /* or a file's bytes (lt_reply_file), closed once sent */
	uint64_t file_len;
	const char *hdr_name[LT_HTTP_MAX_HEADERS];
	const char *hdr_value[LT_HTTP_MAX_HEADERS];
	int nhdr;
	void *conn; /* struct MHD_Connection *, for server.c only */
	/* the JSON body parsed before a group-commit job is queued (server.c), or NULL */
	json_t *json;
	/* the transport's lookup of a header, query argument or cookie (NULL: none) */
	const char *(*lookup)(lt_http_req *req, int kind, const char *name);
};

typedef int (*lt_http_handler)(lt_http_req *req);

/* Request header / query argument / cookie, or NULL. Borrowed for the request. */
const char *lt_req_header(lt_http_req *req, const char *name);
const char *lt_req_query(lt_http_req *req, const char *name);
const char *lt_req_cookie(lt_http_req *req, const char *name);

/* Add a response header (both strings must live until the reply: literals or arena). */
void lt_reply_header(lt_http_req *req, const char *name, const char *value);
/*
 * Content-Disposition: attachment for a download (RFC 6266): the ASCII name
 * for every client, and filename* (RFC 8187) with the UTF-8 name
 * percent-encoded (utf8 NULL or empty: the ASCII name alone).
 */
void lt_reply_attachment(lt_http_req *req, const char *ascii, const char *utf8);
/* Reply with JSON (steals j). */
int lt_reply_json(lt_http_req *req, int status, json_t *j);
/*
 * Start a JSON reply written straight into req->out (text/json_write.h: the
 * hot list pages); returns the emptied buffer. After writing, the handler
 * returns lt_reply_json_written(req, status, rc) with the writer's result.
 */
lt_buf *lt_reply_json_out(lt_http_req *req);
int lt_reply_json_written(lt_http_req *req, int status, int rc);
/* Reply with raw bytes (copied) of the given type. */
int lt_reply_bytes(lt_http_req *req, int status, const char *type, const void *p, size_t n);
/*
 * Reply with the whole of file f (written, not yet rewound: a streamed
 * export in an unlinked temporary file), sent from the file instead of from
 * memory; the reply owns f from here, also on error.
 */
int lt_reply_file(lt_http_req *req, int status, const char *type, FILE *f);
/* An export's sink (app/io_sink.h) writing to the FILE ctx: 0, or -1 when fwrite fell short. */
int lt_file_sink(const void *p, size_t n, void *ctx);
/* Fill req->err and return code (so handlers can `return lt_req_fail(...)`). */
int lt_req_fail(lt_http_req *req, int code, const char *field, const char *vi, const char *en);

/*
 * Parse the body as a JSON object, strictly: valid UTF-8, no duplicate keys,
 * an object at the top, only keys from allowed (NULL-terminated). On error
 * fills req->err (field names the culprit) and returns < 0.
 */
int lt_req_json_or_reply(lt_http_req *req, const char *const *allowed, json_t **out);
/* The body parsed as lt_req_json_or_reply parses it (duplicate keys refused), or
 * NULL with jerr (may be NULL) saying where; the caller owns the tree. */
json_t *lt_req_json_parse(const lt_http_req *req, json_error_t *jerr);
/*
 * Read a member of obj: string (NULL when absent and !required), integer
 * (*out unchanged when absent), boolean. Type errors name the key.
 */
int lt_json_str_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			 size_t max, const char **out);
int lt_json_int_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			 int64_t *out);
/* A one-line string: as lt_json_str_or_reply, and no CR or LF inside (400 naming key). */
int lt_json_line_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			  size_t max, const char **out);
/* An id that may be 0 (none): as lt_json_int_or_reply, and not below 0 (400 naming key). */
int lt_json_id0_or_reply(lt_http_req *req, json_t *obj, const char *key, bool required,
			 int64_t *out);
/*
 * A count where -1 stands for "not given": as lt_json_int_or_reply, but a
 * negative value given (-1 too) becomes LT_COUNT_NEGATIVE, which the
 * feature's own check refuses naming the field in its words.
 */
#define LT_COUNT_NEGATIVE INT64_MIN
int lt_json_count_or_reply(lt_http_req *req, json_t *obj, const char *key, int64_t *out);
/* Integer query argument (absent → *out unchanged); bad number → 400 naming it. */
int lt_query_int_or_reply(lt_http_req *req, const char *name, int64_t *out);

/*
 * The page asked for: ?limit= (default 50, 1..500) and ?cursor= (core/page.h);
 * a bad one → 400 naming "limit" or "cursor".
 */
struct lt_page;
int lt_page_or_reply(lt_http_req *req, struct lt_page *out);
/* Set j's "next_cursor" to next (NULL: null, the last page); j may be NULL. Returns j. */
json_t *lt_json_set_next(json_t *j, const char *next);

/* Run the server until SIGINT/SIGTERM. */
int lt_http_serve(lt_app *app, lt_error *e);

#endif
