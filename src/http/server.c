/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.c — with reply.c, the only file that knows libmicrohttpd.
 *
 * One request: the body is gathered (refused past body_limit), then the
 * route table decides; the session, CSRF token and role are checked before
 * the handler runs; the reply gets the security headers, an access-log
 * line and its metrics. Everything a handler allocates comes from the
 * request's arena, freed when MHD reports the request completed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/password.h"
#include "http/http.h"
#include "http/encode.h"
#include "http/metrics.h"
#include "http/reply.h"
#include "http/router.h"
#include "http/static.h"
#include "http/worker.h"
#include "store/group.h"
#include "text/fold.h"

/* After a response or body this large the freed heap is returned (malloc_trim). */
#define TRIM_AFTER (256u << 10)
#define SESSION_COOKIE "lantoa_session"
/* Open connections in all; [server] max_connections_per_ip bounds one address's share. */
#define CONNECTION_LIMIT 1000

typedef struct conn_state {
	lt_buf body;
	size_t limit;
	bool too_big;
	bool over_memory; /* the bodies of all connections would pass body_memory: 503 */
	size_t taken;     /* bytes of body_memory this body took, given back when it ends */
	bool anon_upload; /* an upload route without a live session: held to body_limit */
	struct timespec t0;
	lt_http_req *req;
	/* group commit: the request's job, handed to the writer while the
	 * connection is suspended (see "Group commit" below) */
	lt_group_job job;
	const lt_route *route;
	lt_route_match found; /* the route, found when the headers came */
	int nhdr;      /* the reply's headers before the job ran */
	bool grouped;  /* the job was handed over; on_request is called again once it is done */
	int group_rc;  /* its result, set by the writer before it resumes the connection */
} conn_state;

/* ---------- accessors for handlers ---------- */

/* The request's headers, query arguments and cookies, from libmicrohttpd. */
static const char *mhd_lookup(lt_http_req *req, int kind, const char *name)
{
	static const enum MHD_ValueKind kinds[] = { MHD_HEADER_KIND, MHD_GET_ARGUMENT_KIND,
						    MHD_COOKIE_KIND };

	return MHD_lookup_connection_value(req->conn, kinds[kind], name);
}

/* ---------- error replies ---------- */

static void reply_error(lt_http_req *req, int code)
{
	json_t *j;
	const char *msg = lt_error_msg(&req->err, req->en);

	if (!msg[0])
		msg = req->en ? "Request failed" : "Yêu cầu không thực hiện được";
	j = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", lt_err_name(code), "message", msg,
		      "field", req->err.field);
	lt_reply_json(req, lt_err_http_status(code), j);
	if (code == LT_EAUTH)
		lt_reply_header(req, "WWW-Authenticate", "Cookie");
	/* The database was locked past the busy timeout, or is unreachable (a restart,
	 * a failover: the pool reconnects at the next request): a retry soon will do. */
	if (code == LT_EBUSY)
		lt_reply_header(req, "Retry-After", "5");
}

/* ---------- session and access ---------- */

static bool is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* Authenticate, check CSRF and role for route r. 0 or < 0 with req->err set. */
static int check_access(lt_http_req *req, const lt_route *r)
{
	const char *tok = lt_req_cookie(req, SESSION_COOKIE);
	const char *sent;
	int rc;

	lt_actor_public(&req->actor, req->ip);
	if (tok && strlen(tok) < 100) {
		rc = lt_session_lookup(req->db, tok, &req->arena, &req->user, req->csrf, &req->err);
		/* The database unreachable is 503 + Retry-After, not "log in again". */
		if (rc == LT_EBUSY || rc == LT_EDB)
			return rc;
		lt_error_clear(&req->err);
		if (!rc) {
			req->authed = true;
			lt_actor_user(&req->actor, &req->user, req->ip);
			req->role = req->actor.role;
		}
	}
	if (r->role == LT_ROLE_PUBLIC)
		return 0;
	if (!req->authed)
		return lt_req_fail(req, LT_EAUTH, NULL, "Bạn cần đăng nhập",
				   "You need to log in");
	if (is_write(req->method)) {
		sent = lt_req_header(req, "X-CSRF-Token");
		if (!sent || !lt_str_ct_equal(sent, req->csrf)) {
			lt_metrics_event("csrf_rejected");
			return lt_req_fail(req, LT_ECSRF, "X-CSRF-Token",
					   "Thiếu hoặc sai mã chống giả mạo (CSRF)",
					   "Missing or wrong CSRF token");
		}
	}
	if (req->role < r->role)
		return lt_req_fail(req, LT_EFORBIDDEN, NULL,
				   "Vai trò của bạn không được làm việc này",
				   "Your role does not allow this");
	return 0;
}

/* ---------- static files ---------- */

static bool safe_path(const char *p)
{
	if (strstr(p, "..") || strstr(p, "//"))
		return false;
	for (; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '/' || c == '-'))
			return false;
	}
	return true;
}

static int serve_static(lt_http_req *req)
{
	const char *rel = strcmp(req->path, "/") ? req->path : "/index.html";
	const char *ae = lt_req_header(req, "Accept-Encoding");
	const lt_static_file *f = NULL;
	int k = LT_CODING_IDENTITY;

	if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))
		return lt_req_fail(req, LT_EMETHOD, NULL, "Phương thức không được phép",
				   "Method not allowed");
	if (!safe_path(rel) || lt_static_get(req->app->cfg.web_root, rel, &f))
		return lt_req_fail(req, LT_ENOTFOUND, "path", "Không tìm thấy trang",
				   "Page not found");
	lt_reply_header(req, "Cache-Control", f->cache_control);
	lt_reply_header(req, "ETag", f->etag);
	lt_reply_header(req, "Vary", "Accept-Encoding");
	req->content_type = f->type;
	if (lt_etag_matches(lt_req_header(req, "If-None-Match"), f->etag)) {
		req->status = 304;
		return 0;
	}
	if (f->body[LT_CODING_BR] && lt_accepts_coding(ae, "br"))
		k = LT_CODING_BR;
	else if (f->body[LT_CODING_GZIP] && lt_accepts_coding(ae, "gzip"))
		k = LT_CODING_GZIP;
	if (k != LT_CODING_IDENTITY)
		lt_reply_header(req, "Content-Encoding", k == LT_CODING_BR ? "br" : "gzip");
	req->status = 200;
	req->ref = f->body[k];
	req->ref_len = f->len[k];
	return 0;
}

/* ---------- request lifecycle ---------- */

static bool wants_english(lt_http_req *req)
{
	const char *al = lt_req_header(req, "Accept-Language");

	/* The first listed language decides: vi unless it is English. */
	return al && (al[0] == 'e' || al[0] == 'E') && (al[1] == 'n' || al[1] == 'N');
}

static const char *client_ip(struct MHD_Connection *c, lt_arena *a)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "?";

	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
				  sizeof(buf));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
				  sizeof(buf));
	}
	return lt_arena_strdup(a, buf);
}

static bool is_text_type(const char *ct)
{
	return !ct || !strncmp(ct, "application/json", 16) || !strncmp(ct, "text/", 5) ||
	       !strncmp(ct, "application/x-www-form-urlencoded", 33);
}

static bool is_json_type(const char *ct)
{
	return ct && !strncmp(ct, "application/json", 16);
}

/* ---------- read connections (--db-read) ---------- */

/*
 * With --db-read, the routes below (lists, dashboards, exports: reads that
 * never write) run on a replica's connection, which may lag the primary by a
 * moment. A caller who has just written must see the write: a successful
 * write request sets the cookie READ_COOKIE to the time, and for
 * READ_PRIMARY_S seconds after it that caller's reads stay on the primary.
 * The cookie only chooses the connection (never what a caller may see).
 * A replica route whose replica is unreachable runs again on the primary.
 */
#define READ_COOKIE "lantoa_w"
#define READ_PRIMARY_S 10

static bool replica_route(const char *name)
{
	static const char *const names[] = {
		"units", "directives", "directive_receipts", "dashboard", "series", "users",
		"feedback", "feedback_summary", "activities", "figures_summary", "linkkits",
		"contests", "contest_entries", "todo", "activities_export_xlsx",
		"activities_export_csv", "figures_export_xlsx", "figures_export_csv",
		"contest_export_xlsx", "contest_export_csv",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

static bool reads_replica(lt_http_req *req, const lt_route *r)
{
	const char *w = lt_req_cookie(req, READ_COOKIE);
	long long t = w ? strtoll(w, NULL, 10) : 0;
	long long now = (long long)time(NULL);

	if (!lt_store_has_read(req->app->store) || is_write(req->method) || !replica_route(r->name))
		return false;
	return !(t > 0 && t <= now && now - t < READ_PRIMARY_S);
}

static void note_write(lt_http_req *req)
{
	char *c;

	if (!lt_store_has_read(req->app->store) || !is_write(req->method) || req->status >= 400)
		return;
	c = lt_arena_printf(&req->arena, READ_COOKIE "=%lld; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s",
			    (long long)time(NULL), READ_PRIMARY_S,
			    req->app->cfg.secure_cookies ? "; Secure" : "");
	if (c)
		lt_reply_header(req, "Set-Cookie", c);
}

/*
 * Group commit ([server] group_commit = on; store/group.h): the write
 * routes below run on the one writer thread, many requests in one transaction
 * and one WAL sync, each in its own savepoint; the request thread waits, and
 * its reply (built by the handler into req, sent only after dispatch returns)
 * leaves after the batch is durable. Other writes run as before, each on its
 * own pooled connection and transaction: those that hash passwords (Argon2id:
 * login, password changes, new users), parse or import uploads, sign with a
 * token, send mail, rewrite a subtree or fan a directive out to every unit —
 * slow work that would hold up everyone's batch. A new route stays off the
 * group path until it is listed here.
 * The request's thread does not wait: it suspends the connection
 * (MHD_suspend_connection) and goes on serving its other connections, so
 * every write in flight, not one per server thread, can meet in the next
 * batch. After the batch's COMMIT has returned (SQLite synchronous=FULL,
 * PostgreSQL synchronous_commit on: the WAL is flushed) the writer stores each
 * job's result and resumes its connection;
 * libmicrohttpd then calls on_request again on the connection's own thread,
 * which sends the reply. No reply of a grouped write leaves before that.
 */
#define GROUP_BATCH 64
/* Longer than SQLite's busy timeout (10 s, sqlite_db.c) and PostgreSQL's connect
 * timeout (5 s, pg_db.c); shorter than its statement timeout (20 s): a batch stuck on
 * a lock that long fails its jobs 503, and those queued behind it are dropped 503. */
#define GROUP_WAIT_MS 15000

static lt_group *group;
static lt_db *group_db;

static bool group_route(const char *name)
{
	static const char *const names[] = {
		"logout", "unit_create", "unit_update", "unit_close", "directive_create",
		"directive_update", "directive_ack", "directive_amend", "report_narrative",
		"report_submit", "report_return", "report_accept", "report_reopen",
		"feedback_create", "feedback_act", "feedback_topics", "feedback_verdict",
		"feedback_form_post", "feedback_rule_add", "activity_create", "activity_update",
		"activity_delete", "activity_photo_delete", "figures_set", "figures_confirm",
		"linkkit_create", "contest_create", "contest_entry_add", "contest_entry_delete",
		"contest_update", "indicator_create", "me_digest_set",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* On the writer thread, inside the batch: what dispatch does with a pooled connection. */
static int run_grouped(lt_db *db, void *arg)
{
	conn_state *cs = arg;
	lt_http_req *req = cs->req;
	int rc;

	req->db = db;
	rc = check_access(req, cs->route);
	if (!rc)
		rc = cs->route->handler(req);
	req->db = NULL;
	return rc;
}

/* The writer is done with the job (or it could not be queued): wake its connection. */
static void grouped_done(void *arg, int rc)
{
	conn_state *cs = arg;

	cs->group_rc = rc;
	/* Resuming publishes group_rc and the reply built into req: libmicrohttpd
	 * takes its lock here and again before it runs on_request for cs. */
	MHD_resume_connection(cs->req->conn);
}

/* Hand the request to the writer and suspend its connection (on_request is called again). */
static void dispatch_grouped(lt_http_req *req, const lt_route *r, conn_state *cs)
{
	int rc;

	/* The JSON body parsed here, on the request's thread, not by the one writer
	 * (lt_req_json_or_reply takes it; invalid JSON is parsed again there, for
	 * its error, after the session check as before). */
	if (req->body_len && is_json_type(lt_req_header(req, "Content-Type")))
		req->json = lt_req_json_parse(req, NULL);

	req->route = r->name;
	cs->route = r;
	cs->nhdr = req->nhdr;
	cs->grouped = true;
	/* Suspended before the job is queued: the writer may resume it at once. */
	MHD_suspend_connection(req->conn);
	rc = lt_group_submit(group, &cs->job, run_grouped, grouped_done, cs, GROUP_WAIT_MS,
			     &req->err);
	if (rc)
		grouped_done(cs, rc); /* the group is stopping: resumed at once with the error */
}

/* The grouped request is back on its connection's thread: its reply or its error. */
static void finish_grouped(lt_http_req *req, conn_state *cs)
{
	if (cs->group_rc) {
		req->nhdr = cs->nhdr; /* the error reply replaces whatever the job had built */
		reply_error(req, cs->group_rc);
		return;
	}
	note_write(req);
}

/*
 * Start the writer when group commit is on: by default on SQLite only. On
 * PostgreSQL it must be asked for ([server] group_commit = on): PostgreSQL
 * already shares one WAL flush among concurrent commits, and one writer runs
 * its batch's statements one after another on one connection. Behind HAProxy,
 * with synchronous replication (scripts/cluster.sh), that serial writer
 * acknowledged 8,094 writes where the server threads' own transactions
 * acknowledged 23,306 in the same failover test (bench/RESULTS.md). The
 * writer keeps one of the primary's pooled connections for its life; on
 * PostgreSQL the driver makes it anew after a restart or a failover (pg_db.c).
 * Replicas (--db-read) are never the writer's: reads that may lag go there as
 * before, and a grouped write sets the read-your-writes cookie after its batch
 * committed (finish_grouped).
 */
static void group_start(lt_app *app)
{
	lt_error e;

	if (!app->cfg.group_commit)
		return;
	group_db = lt_store_acquire(app->store);
	if ((app->cfg.group_commit == LT_GROUP_AUTO && lt_db_dialect(group_db) != LT_DIALECT_SQLITE) ||
	    lt_group_open(group_db, GROUP_BATCH, &group, &e)) {
		lt_store_release(app->store, group_db);
		group_db = NULL;
		group = NULL;
	}
	lt_metrics_group(group);
}

/* Before the server stops: run the queued writes and resume their connections
 * (libmicrohttpd must not be stopped with a connection suspended). */
static void group_drain(void)
{
	lt_group_stop(group);
}

static void group_stop(lt_app *app)
{
	lt_metrics_group(NULL);
	lt_group_close(group);
	group = NULL;
	if (group_db)
		lt_store_release(app->store, group_db);
	group_db = NULL;
}

/*
 * Check access and run route r's handler on req->db. A read (GET, HEAD) runs
 * all its statements, the session's included, in one read snapshot (SQLite:
 * one BEGIN DEFERRED … COMMIT instead of one read transaction per statement,
 * issue 10 P1), which ends here, with the handler, before the reply is sent;
 * a write the handler makes ends it earlier (db.h).
 */
static int serve_route(lt_http_req *req, const lt_route *r)
{
	bool read = !is_write(req->method);
	int rc = 0;

	if (read)
		rc = lt_db_read_begin(req->db, &req->err);
	if (!rc)
		rc = check_access(req, r);
	if (!rc)
		rc = r->handler(req);
	if (read)
		lt_db_read_end(req->db);
	return rc;
}

/*
 * Run the request, or hand it to the group-commit writer: false when the
 * reply is in req, true when the connection is suspended until the writer is
 * done with it (on_request then calls finish_grouped).
 */
static bool dispatch(lt_http_req *req, conn_state *cs)
{
	const lt_route *r;
	bool known = false, replica;
	int rc, nhdr;

	if (cs->too_big && cs->anon_upload) {
		rc = lt_error_set(&req->err, LT_EAUTH, NULL, "Bạn cần đăng nhập",
				  "You need to log in");
		goto fail;
	}
	if (cs->over_memory) {
		rc = lt_error_set(&req->err, LT_EBUSY, "body",
				  "Máy chủ đang nhận quá nhiều dữ liệu cùng lúc, hãy gửi lại sau ít phút",
				  "The server is receiving too much at once: send it again in a moment");
		goto fail;
	}
	if (cs->too_big) {
		rc = lt_error_set(&req->err, LT_ETOOBIG, "body",
				  "Nội dung gửi lên quá lớn (tối đa %zu byte)",
				  "Request body too large (at most %zu bytes)", cs->limit);
		goto fail;
	}
	r = lt_route_use(req, &cs->found, &known);
	if (!r) {
		if (known) {
			rc = lt_req_fail(req, LT_EMETHOD, NULL, "Phương thức không được phép",
					 "Method not allowed");
			goto fail;
		}
		if (!strncmp(req->path, "/api/", 5)) {
			rc = lt_req_fail(req, LT_ENOTFOUND, "path", "Không có địa chỉ API này",
					 "No such API endpoint");
			goto fail;
		}
		rc = serve_static(req);
		if (rc)
			goto fail;
		return false;
	}
	/* Text bodies are checked here, once; binary uploads (a .docx, a photo)
	 * are checked by the parser that reads them. */
	if (req->body_len && is_text_type(lt_req_header(req, "Content-Type")) &&
	    !lt_utf8_valid(req->body, req->body_len)) {
		rc = lt_req_fail(req, LT_EINVAL, "body", "Nội dung không phải UTF-8 hợp lệ",
				 "The body is not valid UTF-8");
		goto fail;
	}
	/* A JSON body's strings are checked one by one once decoded (json.c), so that
	 * the error names the field; other text bodies are checked whole here. */
	if (req->body_len && is_text_type(lt_req_header(req, "Content-Type")) &&
	    !is_json_type(lt_req_header(req, "Content-Type"))) {
		rc = lt_text_check_field(req->body, req->body_len, "body", &req->err);
		if (rc)
			goto fail;
	}
	if (group && is_write(req->method) && group_route(r->name)) {
		dispatch_grouped(req, r, cs);
		return true;
	}
	replica = reads_replica(req, r);
	nhdr = req->nhdr;
	req->db = replica ? lt_store_acquire_read(req->app->store)
			  : lt_store_acquire(req->app->store);
	req->route = r->name;
	rc = serve_route(req, r);
	if (replica && rc == LT_EBUSY) {
		/* The replica is unreachable (down, being promoted): these routes only read,
		 * so the primary answers instead. */
		lt_store_release(req->app->store, req->db);
		req->nhdr = nhdr;
		req->authed = false;
		lt_error_clear(&req->err);
		req->db = lt_store_acquire(req->app->store);
		rc = serve_route(req, r);
	}
	if (!rc)
		note_write(req);
	lt_store_release(req->app->store, req->db);
	req->db = NULL;
	if (rc)
		goto fail;
	return false;
fail:
	reply_error(req, rc);
	return false;
}

static double since_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/*
 * The body the request may send: its route's limit; but an upload route
 * (files of up to 20 MiB, all behind a login) takes more than body_limit
 * only from a caller with a live session, so that anonymous connections
 * cannot make the server hold 20 MiB each. *anon: held to body_limit.
 */
static size_t body_limit_of(lt_app *app, struct MHD_Connection *c, const lt_route_match *found,
			    bool *anon)
{
	size_t limit = lt_route_body_limit(found, app->cfg.body_limit);
	const char *tok;
	char csrf[44];
	lt_arena a;
	lt_user u;
	lt_error e;
	lt_db *db;
	bool live;

	*anon = false;
	if (limit <= app->cfg.body_limit)
		return limit;
	tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, SESSION_COOKIE);
	live = tok && strlen(tok) < 100;
	if (live) {
		db = lt_store_acquire(app->store);
		lt_arena_init(&a);
		live = db && lt_session_lookup(db, tok, &a, &u, csrf, &e) == 0;
		lt_arena_free(&a);
		if (db)
			lt_store_release(app->store, db);
	}
	*anon = !live;
	return live ? limit : app->cfg.body_limit;
}

/*
 * The bytes of request bodies every connection holds, against body_memory:
 * each connection is held to its route's limit (20 MiB for an upload), but
 * a thousand connections at their limits would hold gigabytes (issue 10: no
 * request may take the server past its memory bound). A body that would take
 * the total past it is refused 503 with Retry-After; its bytes are not kept.
 */
static atomic_size_t body_bytes;

static bool body_take(lt_app *app, size_t n)
{
	size_t had = atomic_fetch_add(&body_bytes, n);

	if (had + n <= app->cfg.body_memory)
		return true;
	atomic_fetch_sub(&body_bytes, n);
	return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **con_cls)
{
	lt_app *app = cls;
	conn_state *cs = *con_cls;
	lt_http_req *req;
	enum MHD_Result ret;
	double ms;

	(void)version;
	if (!cs) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		cs = calloc(1, sizeof(*cs));
		if (!cs)
			return MHD_NO;
		lt_route_match_find(method, url, &cs->found);
		size_t limit = body_limit_of(app, c, &cs->found, &cs->anon_upload);
		clock_gettime(CLOCK_MONOTONIC, &cs->t0);
		lt_buf_init(&cs->body, limit);
		cs->limit = limit;
		if (cl && strtoull(cl, NULL, 10) > limit)
			cs->too_big = true;
		*con_cls = cs;
		lt_metrics_inflight(1);
		return MHD_YES;
	}
	if (*upload_size) {
		/* Once refused, the rest of the body is read and dropped. */
		if (!cs->too_big && !cs->over_memory) {
			if (!body_take(app, *upload_size)) {
				cs->over_memory = true;
			} else {
				cs->taken += *upload_size;
				cs->too_big = lt_buf_add(&cs->body, upload, *upload_size) != 0;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cs->req) {
		/* Called again after the group-commit writer resumed the connection. */
		req = cs->req;
		if (!cs->grouped)
			return MHD_NO; /* cannot happen: a reply was queued before */
		cs->grouped = false;
		finish_grouped(req, cs);
		goto reply;
	}
	req = calloc(1, sizeof(*req));
	if (!req)
		return MHD_NO;
	cs->req = req;
	lt_arena_init(&req->arena);
	lt_buf_init(&req->out, 256u * 1024 * 1024);
	req->app = app;
	req->conn = c;
	req->lookup = mhd_lookup;
	req->method = method;
	req->path = url;
	req->body = lt_buf_cstr(&cs->body);
	req->body_len = cs->body.len;
	req->ip = client_ip(c, &req->arena);
	req->en = wants_english(req);
	req->status = 200;
	if (dispatch(req, cs))
		return MHD_YES; /* suspended; the reply is sent when it is resumed */
reply:
	ret = lt_http_send_reply(c, req);
	ms = since_ms(&cs->t0);
	lt_metrics_request(req->status, ms);
	if (app->cfg.access_log)
		fprintf(stderr, "%s \"%s %s\" %d %zu %.1fms %s\n", req->ip, method, url,
			req->status,
			req->ref ? req->ref_len : req->file_len ? (size_t)req->file_len : req->out.len, ms,
			req->authed ? req->user.login : "-");
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	conn_state *cs = *con_cls;
	bool big = false;

	(void)cls;
	(void)c;
	(void)toe;
	if (!cs)
		return;
	if (cs->req) {
		big = cs->req->out.len > TRIM_AFTER || cs->body.len > TRIM_AFTER;
		json_decref(cs->req->json);
		if (cs->req->file) /* a file reply that was never sent */
			fclose(cs->req->file);
		lt_arena_free(&cs->req->arena);
		lt_buf_free(&cs->req->out);
		free(cs->req);
	}
	atomic_fetch_sub(&body_bytes, cs->taken);
	lt_buf_free(&cs->body);
	free(cs);
	*con_cls = NULL;
	lt_metrics_inflight(-1);
#ifdef __GLIBC__
	/* Give the heap of a large response back to the system (issue 10: RSS stays bounded). */
	if (big)
		malloc_trim(0);
#endif
}


static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

int lt_http_serve(lt_app *app, lt_error *e)
{
	struct MHD_Daemon *d;
	struct sockaddr_in addr;
	struct sigaction sa;

#ifdef __GLIBC__
	/*
	 * One malloc arena per server thread, plus one for the rest, not eight per
	 * core: a thread does not keep more than one heap. Two arenas for four
	 * threads made malloc's arena locks about 70% of the server's futex calls
	 * under load (issue 10 P1).
	 */
	mallopt(M_ARENA_MAX, app->cfg.threads + 1);
#endif
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)app->cfg.port);
	if (inet_pton(AF_INET, app->cfg.listen_host, &addr.sin_addr) != 1)
		return lt_error_set(e, LT_EINVAL, "listen", "Địa chỉ lắng nghe không hợp lệ: %s",
				    "Invalid listen address: %s", app->cfg.listen_host);
	group_start(app);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
				     MHD_ALLOW_SUSPEND_RESUME,
			     (uint16_t)app->cfg.port, NULL, NULL, on_request, app,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)app->cfg.threads,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
			     /* One address cannot hold every connection (slowloris). */
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)app->cfg.max_conns_per_ip,
			     MHD_OPTION_END);
	if (!d) {
		int rc = lt_error_set(e, LT_EIO, "listen", "Không mở được cổng %s:%d (%s)",
				    "Cannot listen on %s:%d (%s)", app->cfg.listen_host,
				    app->cfg.port, strerror(errno));
		group_stop(app);
		return rc;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	fprintf(stderr, "lantoa: listening on http://%s:%d/\n", app->cfg.listen_host,
		app->cfg.port);
	if (lt_worker_start(app))
		fprintf(stderr, "lantoa: the mail worker did not start\n");
	while (!stop_flag)
		pause();
	fprintf(stderr, "lantoa: stopping\n");
	group_drain();
	MHD_stop_daemon(d);
	group_stop(app);
	lt_worker_stop();
	return 0;
}
