/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* digest.c — the daily e-mail digest of the to-do list; see digest.h. */
#include "app/digest.h"

#include <stdio.h>
#include <string.h>

#include "app/todo.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/feedback.h"
#include "store/digest.h"
#include "store/mail.h"

static char g_public[256], g_listen[300] = "http://127.0.0.1:8080";

void lt_app_digest_set_base(const char *public_url, const char *listen_host, int port)
{
	const char *h = listen_host && *listen_host ? listen_host : "127.0.0.1";
	bool v6;

	if (!strcmp(h, "0.0.0.0") || !strcmp(h, "::") || !strcmp(h, "[::]"))
		h = "localhost";
	snprintf(g_public, sizeof(g_public), "%s", public_url ? public_url : "");
	v6 = strchr(h, ':') && h[0] != '[';
	snprintf(g_listen, sizeof(g_listen), "http://%s%s%s:%d", v6 ? "[" : "", h, v6 ? "]" : "",
		 port > 0 ? port : 8080);
}

const char *lt_app_digest_base(void)
{
	const char *fb = lt_feedback_config_get()->public_url;

	if (g_public[0])
		return g_public;
	return fb[0] ? fb : g_listen;
}

static int need_user(const lt_actor *who, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc && (who->kind != LT_ACTOR_USER || !who->user_id))
		rc = lt_error_set(e, LT_EFORBIDDEN, NULL,
				  "Chỉ người dùng đã đăng nhập mới chọn nhận thư tóm tắt",
				  "Only a signed-in user chooses to get the digest");
	return rc;
}

int lt_app_digest_get(lt_db *db, const lt_actor *who, bool *on, lt_error *e)
{
	int rc = need_user(who, e);

	*on = false;
	return rc ? rc : lt_digest_get(db, who->user_id, on, e);
}

int lt_app_digest_set(lt_db *db, const lt_actor *who, bool on, lt_error *e)
{
	int rc = need_user(who, e);

	return rc ? rc : lt_digest_set(db, who->user_id, on, e);
}

/* What each kind of task asks the user to do, for the mail. */
static const char *kind_text(const char *kind)
{
	static const struct { const char *kind, *text; } k[] = {
		{ "report_fix", "Sửa báo cáo bị trả lại" },
		{ "report_write", "Nộp báo cáo" },
		{ "directive_ack", "Xác nhận đã nhận công văn" },
		{ "report_review", "Duyệt báo cáo của đơn vị cấp dưới" },
		{ "feedback_triage", "Xử lý ý kiến người lao động" },
		{ "units_remind", "Nhắc đơn vị chưa báo cáo" },
	};

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (!strcmp(kind, k[i].kind))
			return k[i].text;
	return kind;
}

/* "2026-12-05" → "05/12/2026" into out[11]. */
static void vn_day(const char *iso, char out[11])
{
	if (iso && strlen(iso) >= 10)
		snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, 11, "%s", iso ? iso : "");
}

/* The mail's text from the to-do list's document (app/todo.h's JSON) into b. */
static int digest_text(lt_buf *b, const lt_user *u, json_t *doc, const char *base)
{
	json_t *items = json_object_get(doc, "items"), *it;
	json_int_t total = json_integer_value(json_object_get(doc, "total"));
	char today[11];
	size_t i;
	int r = 0;

	vn_day(json_string_value(json_object_get(doc, "today")), today);
	r |= lt_buf_printf(b, "Kính gửi: %s\n\nViệc cần làm ngày %s trên lantoa: %lld việc.\n\n",
		      u->name, today, (long long)total);
	json_array_foreach(items, i, it) {
		const char *due = json_string_value(json_object_get(it, "due"));
		char d[11];
		r |= lt_buf_printf(b, "%zu. %s: %s", i + 1,
			      kind_text(json_string_value(json_object_get(it, "kind"))),
			      json_string_value(json_object_get(it, "title")));
		if (due) {
			vn_day(due, d);
			r |= lt_buf_printf(b, " (hạn %s)", d);
		}
		r |= lt_buf_printf(b, "\n   %s%s\n", base, json_string_value(json_object_get(it, "url")));
	}
	if ((json_int_t)json_array_size(items) < total)
		r |= lt_buf_printf(b, "… và %lld việc khác.\n",
			      (long long)(total - (json_int_t)json_array_size(items)));
	r |= lt_buf_printf(b,
		      "\nDaily lantoa digest: your open to-do items (%lld).\n\n-- \n"
		      "Thư tóm tắt hằng ngày từ lantoa. Tắt thư này tại %s/#/account/password\n",
		      (long long)total, base);
	return r || b->err ? -1 : 0;
}

/* One user's digest of day, in one transaction: recorded, then queued unless empty. */
static int send_one(lt_db *db, const char *login, const char *day, const char *base,
		    lt_digest_run *out, lt_error *e)
{
	lt_arena a;
	lt_user u;
	lt_actor as;
	lt_todo_in in = { .kind = NULL, .limit = LT_DIGEST_ITEMS, .offset = 0 };
	lt_todo_page page;
	lt_buf b;
	json_t *doc = NULL;
	bool fresh = false, empty = false;
	int rc;

	lt_arena_init(&a);
	lt_buf_init(&b, 1u << 20);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_user_get_by_login(db, login, &a, &u, NULL, e);
	if (!rc)
		rc = lt_digest_claim(db, u.id, day, &fresh, e);
	if (rc || !fresh)
		goto end;
	/* The list the user would see: its own actor, its own unit's scope. */
	lt_actor_user(&as, &u, NULL);
	rc = lt_app_todo_list(db, &as, &in, &a, &page, e);
	if (rc || page.total == 0) {
		empty = !rc;
		goto end;
	}
	doc = lt_app_todo_json(&page);
	if (!doc || digest_text(&b, &u, doc, base)) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto end;
	}
	rc = lt_mail_enqueue(db, "digest", u.id, u.email,
			     lt_arena_printf(&a, "Việc cần làm ngày %.2s/%.2s: %zu việc (lantoa)",
					     day + 8, day + 5, page.total),
			     b.ptr, NULL, 0, NULL, e);
end:
	rc = lt_db_end(db, rc, e);
	if (!rc && fresh) {
		out->queued += !empty;
		out->empty += empty;
	}
out:
	json_decref(doc);
	lt_buf_free(&b);
	lt_arena_free(&a);
	return rc;
}

int lt_app_digest_send(lt_db *db, const lt_actor *who, bool now, lt_digest_run *out,
		       lt_error *e)
{
	const char *base = lt_app_digest_base();
	int64_t after = 0, ids[100];
	const char *logins[100];
	char day[11];
	struct tm tm;
	size_t n;
	lt_arena a;
	int rc = lt_actor_need_role(who, LT_ROLE_ADMIN, e), last = 0;

	memset(out, 0, sizeof(*out));
	if (!rc && who->kind == LT_ACTOR_USER)
		rc = lt_error_set(e, LT_EFORBIDDEN, NULL,
				  "Chỉ máy chủ hoặc người quản trị ở bàn điều khiển mới gửi thư tóm tắt",
				  "Only the server or the console operator sends the digests");
	if (rc)
		return rc;
	lt_vn_tm(lt_now(), &tm);
	if (!now && tm.tm_hour < LT_DIGEST_HOUR) {
		out->early = true;
		return 0;
	}
	lt_today(day);
	lt_arena_init(&a);
	do {
		lt_arena_free(&a);
		lt_arena_init(&a);
		rc = lt_digest_due(db, day, after, 100, &a, ids, logins, &n, e);
		for (size_t i = 0; !rc && i < n; i++) {
			lt_error one;
			after = ids[i];
			if (send_one(db, logins[i], day, base, out, &one)) {
				out->failed++;
				last = one.code;
				if (e)
					*e = one;
			}
		}
	} while (!rc && n == 100);
	lt_arena_free(&a);
	return rc ? rc : last;
}
