/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_feedback_public.c — what a worker sees without logging in: the form of
 * one unit (GET /f/{id}), its result page with the receipt code (POST /f/{id},
 * an urlencoded body so that it works without JavaScript), the status page
 * (GET /f/status?code=…) with, once an answer is published, the question
 * "was it fixed?" (POST /f/status: the receipt code is the capability; no
 * session, so no CSRF token, and a post a browser says another site made is
 * refused), and the QR code a unit prints (PNG).
 *
 * Pages are server-rendered HTML under the strict CSP: no inline script or
 * style; the look comes from /app.css (web/src/styles/feedback.css). Every
 * value is HTML-escaped. What happens to a post, a code or a poster is
 * app/feedback.h's; this file only speaks HTML and PNG.
 */
#include <cairo.h>
#include <inttypes.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/feedback.h"
#include "core/clock.h"
#include "core/password.h"
#include "http/api.h"
#include "http/form.h"

#define PAGE_MAX (256u << 10)

/* ---------- HTML ---------- */

static void esc(lt_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': lt_buf_puts(b, "&amp;"); break;
		case '<': lt_buf_puts(b, "&lt;"); break;
		case '>': lt_buf_puts(b, "&gt;"); break;
		case '"': lt_buf_puts(b, "&quot;"); break;
		case '\'': lt_buf_puts(b, "&#39;"); break;
		default: lt_buf_put(b, s, 1);
		}
	}
}

/* English when ?lang=en (or the form's lang field), else the Accept-Language choice. */
static bool page_en(lt_http_req *req, const lt_form *f)
{
	const char *l = f ? lt_form_get(f, "lang") : NULL;

	if (!l)
		l = lt_req_query(req, "lang");
	if (l)
		return !strcmp(l, "en");
	return req->en;
}

#define T(vi_s, en_s) (en ? (en_s) : (vi_s))

static void head(lt_buf *b, bool en, const char *title)
{
	lt_buf_putf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			 "<title>", en ? "en" : "vi");
	esc(b, title);
	lt_buf_puts(b, " · lantoa</title><link rel=\"stylesheet\" href=\"/app.css\">"
		       "<link rel=\"icon\" href=\"/favicon.svg\"></head>\n"
		       "<body class=\"fb-public\"><main class=\"fb-public-main\">"
		       "<p class=\"fb-public-brand\"><img src=\"/favicon.svg\" alt=\"\" width=\"28\""
		       " height=\"28\"> lantoa</p>");
}

static void foot(lt_buf *b, bool en, const char *lang_href)
{
	lt_buf_puts(b, "<p class=\"fb-public-lang\"><a href=\"");
	esc(b, lang_href);
	lt_buf_putf(b, "\" hreflang=\"%s\">%s</a></p></main></body></html>\n",
		      en ? "vi" : "en", en ? "Tiếng Việt" : "English");
}

/* Send the page built in b (with lt_buf_put*: its one check is here), and free b. */
static int reply_page(lt_http_req *req, int status, lt_buf *b)
{
	int rc = lt_buf_error(b);

	if (rc)
		rc = lt_req_fail(req, rc, NULL, "Trang quá lớn để hiển thị", "The page is too large to show");
	else
		rc = lt_reply_bytes(req, status, "text/html; charset=utf-8", b->ptr ? b->ptr : "",
				    b->len);
	lt_reply_header(req, "Cache-Control", "no-store");
	lt_buf_free(b);
	return rc;
}

static void status_form(lt_buf *b, bool en, const char *code)
{
	lt_buf_putf(b, "<section class=\"fb-public-card\" aria-labelledby=\"fb-st\">"
			 "<h2 id=\"fb-st\">%s</h2><form method=\"get\" action=\"/f/status\""
			 " class=\"fb-form fb-form--inline\"><label for=\"fb-code\">%s</label>"
			 "<div class=\"fb-row\"><input id=\"fb-code\" name=\"code\" class=\"input\""
			 " autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\""
			 " maxlength=\"16\" placeholder=\"ABCD-EFGH\" required value=\"",
		      T("Tra cứu ý kiến đã gửi", "Check a message you sent"),
		      T("Mã tiếp nhận", "Receipt code"));
	esc(b, code ? code : "");
	lt_buf_putf(b, "\"><input type=\"hidden\" name=\"lang\" value=\"%s\">"
			 "<button type=\"submit\" class=\"btn btn--secondary\">%s</button></div>"
			 "</form></section>",
		      en ? "en" : "vi", T("Tra cứu", "Check"));
}

/* The form of unit u; err (may be NULL) shown on top, values kept from f. */
static int form_page(lt_http_req *req, int status, const lt_unit *u, const char *err,
		     const lt_form *f)
{
	bool en = page_en(req, f);
	const char *text = f ? lt_form_get(f, "text") : NULL;
	const char *name = f ? lt_form_get(f, "name") : NULL;
	const char *phone = f ? lt_form_get(f, "phone") : NULL;
	bool anon = f && lt_form_get(f, "anonymous");
	lt_buf b;

	lt_buf_init(&b, PAGE_MAX);
	head(&b, en, T("Gửi ý kiến", "Send feedback"));
	lt_buf_putf(&b, "<header class=\"fb-public-head\"><p class=\"fb-public-kicker\">%s</p>"
			  "<h1>",
		      T("Công đoàn lắng nghe người lao động", "Your union is listening"));
	esc(&b, T("Gửi ý kiến tới ", "Send feedback to "));
	esc(&b, u->name);
	lt_buf_putf(&b, "</h1><p>%s</p></header>",
		      T("Ý kiến về đời sống, việc làm, tiền lương, thưởng Tết, bảo hiểm xã hội, an"
			" toàn lao động… được gửi thẳng tới ban chấp hành công đoàn. Bạn sẽ nhận mã"
			" tiếp nhận để tra cứu kết quả mà không cần đăng nhập.",
			"Messages about living conditions, jobs, wages, Tết bonuses, social"
			" insurance, safety… go straight to the union committee. You get a receipt"
			" code to check the outcome without logging in."));
	if (err) {
		lt_buf_puts(&b, "<div class=\"alert alert--error\" role=\"alert\"><p>");
		esc(&b, err);
		lt_buf_puts(&b, "</p></div>");
	}
	lt_buf_putf(&b, "<form method=\"post\" action=\"/f/%" PRId64 "\" class=\"fb-form"
			  " fb-public-card\" accept-charset=\"utf-8\">"
			  "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
			  "<label for=\"fb-text\">%s <span class=\"fb-req\">%s</span></label>"
			  "<textarea id=\"fb-text\" name=\"text\" class=\"input\" rows=\"7\""
			  " maxlength=\"%d\" required>",
		      u->id, en ? "en" : "vi", T("Nội dung ý kiến", "Your message"),
		      T("(bắt buộc)", "(required)"), LT_FB_TEXT_MAX);
	esc(&b, text);
	lt_buf_putf(&b, "</textarea><label for=\"fb-name\">%s <span class=\"fb-opt\">%s</span>"
			  "</label><input id=\"fb-name\" name=\"name\" class=\"input\""
			  " maxlength=\"%d\" autocomplete=\"name\" value=\"",
		      T("Họ và tên", "Name"), T("(không bắt buộc)", "(optional)"), LT_FB_NAME_MAX);
	esc(&b, name);
	lt_buf_putf(&b, "\"><label for=\"fb-phone\">%s <span class=\"fb-opt\">%s</span></label>"
			  "<input id=\"fb-phone\" name=\"phone\" type=\"tel\" class=\"input\""
			  " maxlength=\"%d\" autocomplete=\"tel\" value=\"",
		      T("Số điện thoại", "Phone"), T("(không bắt buộc)", "(optional)"),
		      LT_FB_PHONE_MAX);
	esc(&b, phone);
	lt_buf_putf(&b, "\"><div class=\"fb-check\"><input type=\"checkbox\" id=\"fb-anon\""
			  " name=\"anonymous\" value=\"1\"%s><label for=\"fb-anon\">%s</label></div>"
			  /* The honeypot: hidden by CSS and from screen readers; people leave it empty. */
			  "<div class=\"fb-hp\" aria-hidden=\"true\"><label for=\"fb-website\">"
			  "Website</label><input id=\"fb-website\" name=\"website\" tabindex=\"-1\""
			  " autocomplete=\"off\"></div>"
			  "<p class=\"hint\">%s</p>"
			  "<button type=\"submit\" class=\"btn btn--primary\">%s</button></form>",
		      anon ? " checked" : "",
		      T("Giữ kín tên tôi với chủ doanh nghiệp", "Keep me anonymous from my employer"),
		      T("Họ tên và số điện thoại chỉ ban chấp hành công đoàn nhận ý kiến được xem.",
			"Only the committee of the union you write to can see your name and phone."),
		      T("Gửi ý kiến", "Send"));
	status_form(&b, en, NULL);
	foot(&b, en, en ? lt_arena_printf(&req->arena, "/f/%" PRId64 "?lang=vi", u->id)
			: lt_arena_printf(&req->arena, "/f/%" PRId64 "?lang=en", u->id));
	return reply_page(req, status, &b);
}

/* A short page with a heading and a paragraph (errors, limits). */
static int note_page(lt_http_req *req, int status, bool en, const char *title, const char *text)
{
	lt_buf b;

	lt_buf_init(&b, PAGE_MAX);
	head(&b, en, title);
	lt_buf_puts(&b, "<header class=\"fb-public-head\"><h1>");
	esc(&b, title);
	lt_buf_puts(&b, "</h1></header><div class=\"alert alert--error\" role=\"alert\"><p>");
	esc(&b, text);
	lt_buf_puts(&b, "</p></div>");
	foot(&b, en, en ? "?lang=vi" : "?lang=en");
	return reply_page(req, status, &b);
}

/* The receiving unit of params[0]: active, else a 404 page (returns 1). */
static int form_unit(lt_http_req *req, lt_unit *u, bool en)
{
	lt_error e;

	if (lt_app_feedback_form_unit(req->db, &req->actor, req->params[0], &req->arena, u, &e)) {
		note_page(req, 404, en, T("Không tìm thấy", "Not found"),
			  T("Không có công đoàn nhận ý kiến ở địa chỉ này.",
			    "No union takes messages at this address."));
		return 1;
	}
	return 0;
}

int lt_api_feedback_form(lt_http_req *req)
{
	lt_unit u;

	if (form_unit(req, &u, page_en(req, NULL)))
		return 0;
	return form_page(req, 200, &u, NULL, NULL);
}

static int result_page(lt_http_req *req, bool en, const lt_unit *u, const char *code)
{
	lt_buf b;

	lt_buf_init(&b, PAGE_MAX);
	head(&b, en, T("Đã nhận ý kiến", "Message received"));
	lt_buf_putf(&b, "<header class=\"fb-public-head\"><h1>%s</h1><p>",
		      T("Cảm ơn bạn, ý kiến đã được tiếp nhận", "Thank you, your message was received"));
	esc(&b, u->name);
	lt_buf_putf(&b, " %s</p></header><section class=\"fb-public-card fb-receipt\""
			  " aria-labelledby=\"fb-rc\"><h2 id=\"fb-rc\">%s</h2>"
			  "<p class=\"fb-receipt-code\" id=\"receipt-code\">",
		      T("sẽ xem xét và trả lời sớm.", "will look into it and answer soon."),
		      T("Mã tiếp nhận của bạn", "Your receipt code"));
	esc(&b, code);
	lt_buf_putf(&b, "</p><p>%s</p><p><a class=\"btn btn--secondary\" href=\"/f/status?code=",
		      T("Hãy ghi lại hoặc chụp màn hình mã này. Mã chỉ dùng để tra cứu tình trạng"
			" ý kiến, không cho biết bạn là ai.",
			"Write this code down or take a screenshot. It only shows the status of your"
			" message and says nothing about who you are."));
	esc(&b, code);
	lt_buf_putf(&b, "&amp;lang=%s\">%s</a></p></section>", en ? "en" : "vi",
		      T("Xem tình trạng", "See the status"));
	/* The code is shown once: the other language is its status page, not a fresh form. */
	foot(&b, en, lt_arena_printf(&req->arena, "/f/status?code=%s&lang=%s", code, en ? "vi" : "en"));
	return reply_page(req, 200, &b);
}

/* A code that looks like a real receipt (for the honeypot); never stored. */
static void fake_receipt(char out[LT_FB_RECEIPT_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	char tok[44];
	int k = 0;

	lt_random_token(tok);
	for (int i = 0; i < 8; i++) {
		if (i == 4)
			out[k++] = '-';
		out[k++] = alphabet[(unsigned char)tok[i] % (sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

int lt_api_feedback_form_post(lt_http_req *req)
{
	const char *ct = lt_req_header(req, "Content-Type");
	lt_feedback_input in = { 0 };
	lt_fb_added added;
	lt_form f = { 0 };
	lt_unit u;
	lt_error e;
	char code[LT_FB_RECEIPT_LEN + 1];
	const char *hp;
	bool en = req->en;
	int rc;

	if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33))
		return note_page(req, 415, req->en, T("Không gửi được", "Not sent"),
				 T("Biểu mẫu phải gửi dạng application/x-www-form-urlencoded.",
				   "The form must be sent as application/x-www-form-urlencoded."));
	rc = lt_form_parse(req->body, req->body_len, 16, &req->arena, &f, &e);
	en = page_en(req, rc ? NULL : &f);
	if (form_unit(req, &u, en))
		return 0;
	if (rc)
		return form_page(req, 400, &u, lt_error_msg(&e, en), NULL);
	/* The honeypot: a bot filled the hidden field. Look accepted, store nothing. */
	hp = lt_form_get(&f, "website");
	if (hp && *hp) {
		fake_receipt(code);
		return result_page(req, en, &u, code);
	}
	in.unit_id = u.id;
	in.text = lt_form_get(&f, "text");
	in.sender_name = lt_form_get(&f, "name");
	in.sender_phone = lt_form_get(&f, "phone");
	in.anonymous = lt_form_get(&f, "anonymous") != NULL;
	rc = lt_app_feedback_form_post(req->db, &req->actor, &in, &added, &e);
	if (rc == LT_ETHROTTLE) {
		lt_reply_header(req, "Retry-After",
				lt_arena_printf(&req->arena, "%d",
						lt_feedback_config_get()->form_window));
		return note_page(req, 429, en, T("Xin thử lại sau", "Please try again later"),
				 lt_error_msg(&e, en));
	}
	if (rc == LT_EINVAL || rc == LT_ETOOBIG)
		return form_page(req, 400, &u, lt_error_msg(&e, en), &f);
	if (rc)
		return note_page(req, 503, en, T("Lỗi", "Error"), lt_error_msg(&e, en));
	return result_page(req, en, &u, added.receipt);
}

/* Plain words for a worker; a case they reopened says so. */
static const char *status_label(const lt_fb_public_status *st, bool en)
{
	static const char *const vi[] = { "Đã tiếp nhận",
					  "Đang xử lý",
					  "Công đoàn đã có đề xuất",
					  "Đã chuyển lên công đoàn cấp trên",
					  "Đã có trả lời",
					  "Đã kết thúc",
					  "Đã đóng",
					  "Đã gộp với ý kiến giống nhau" };
	static const char *const eng[] = { "Received",
					   "Being handled",
					   "The union has written a proposal",
					   "Passed on to the higher union",
					   "Answered",
					   "Closed",
					   "Closed",
					   "Joined with identical messages" };
	int s = st->status;

	if (s == LT_FB_IN_PROGRESS && st->verdict >= 0)
		return T("Đang xử lý lại theo đánh giá của bạn", "Being handled again, as you asked");
	return s >= 0 && s < LT_FB_STATUS_COUNT ? (en ? eng[s] : vi[s]) : "?";
}

static const char *verdict_label(int v, bool en)
{
	switch (v) {
	case LT_FB_VERDICT_FIXED: return T("Đã được giải quyết", "Fixed");
	case LT_FB_VERDICT_PARTLY: return T("Mới giải quyết một phần", "Partly fixed");
	case LT_FB_VERDICT_NOT_FIXED: return T("Chưa được giải quyết", "Not fixed");
	default: return "";
	}
}

static void date_vn(int64_t t, char out[20])
{
	lt_vn_format(t, "%d/%m/%Y %H:%M", out, 20);
}

/* Percent-encode s for a query value (the receipt code in the language link). */
static void url_esc(lt_buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			lt_buf_put(b, s, 1);
		else
			lt_buf_putf(b, "%%%02X", c);
	}
}

/* "Was it fixed?": three buttons, one tap; the code and language ride along. */
static void verdict_form(lt_buf *b, bool en, const char *code)
{
	lt_buf_putf(b, "<section class=\"fb-public-card fb-verdict\" aria-labelledby=\"fb-vq\">"
			 "<h2 id=\"fb-vq\">%s</h2><p class=\"hint\">%s</p>"
			 "<form method=\"post\" action=\"/f/status\" class=\"fb-form\""
			 " accept-charset=\"utf-8\"><input type=\"hidden\" name=\"code\" value=\"",
		      T("Vấn đề của bạn đã được giải quyết chưa?", "Was your problem fixed?"),
		      T("Nếu chưa, ý kiến sẽ được mở lại và chuyển lại cho người xử lý.",
			"If not, your message is opened again and goes back to its handler."));
	esc(b, code);
	lt_buf_putf(b, "\"><input type=\"hidden\" name=\"lang\" value=\"%s\"><div class=\"fb-verdict-btns\">"
			 "<button type=\"submit\" name=\"verdict\" value=\"fixed\" class=\"btn btn--primary\">%s</button>"
			 "<button type=\"submit\" name=\"verdict\" value=\"partly\" class=\"btn btn--secondary\">%s</button>"
			 "<button type=\"submit\" name=\"verdict\" value=\"not_fixed\" class=\"btn btn--secondary\">%s</button>"
			 "</div></form></section>",
		      en ? "en" : "vi", T("Đã giải quyết", "Yes, fixed"),
		      T("Một phần", "Partly"), T("Chưa", "No"));
}

/*
 * The status page of code. status: the HTTP status; note (may be NULL): a
 * line on top, an error when err.
 */
static int status_page(lt_http_req *req, int status, bool en, const char *code, const char *note,
		       bool err)
{
	lt_fb_public_status st;
	lt_error e;
	lt_buf b;
	char d1[20], d2[20];

	lt_buf_init(&b, PAGE_MAX);
	head(&b, en, T("Tra cứu ý kiến", "Check a message"));
	lt_buf_putf(&b, "<header class=\"fb-public-head\"><h1>%s</h1></header>",
		      T("Tra cứu ý kiến", "Check a message"));
	if (note) {
		lt_buf_putf(&b, "<div class=\"alert alert--%s\" role=\"%s\" id=\"fb-note\"><p>",
			      err ? "error" : "ok", err ? "alert" : "status");
		esc(&b, note);
		lt_buf_puts(&b, "</p></div>");
	}
	if (code && *code) {
		int64_t wait = 0;
		int rc = lt_app_feedback_receipt_guarded(req->db, &req->actor, &req->app->cfg, code,
							 &req->arena, &st, &wait, &e);

		if (rc == LT_ETHROTTLE) {
			/* Guessed too often from this address: no answer on any code. */
			status = 429;
			lt_reply_header(req, "Retry-After",
					lt_arena_printf(&req->arena, "%lld", (long long)wait));
			lt_buf_puts(&b, "<div class=\"alert alert--error\" role=\"alert\"><p>");
			esc(&b, lt_error_msg(&e, en));
			lt_buf_puts(&b, "</p></div>");
		} else if (rc) {
			if (status == 200)
				status = 404;
			lt_buf_putf(&b, "<div class=\"alert alert--error\" role=\"alert\"><p>%s</p>"
					  "</div>",
				      T("Không tìm thấy ý kiến có mã này. Hãy kiểm tra lại mã.",
					"No message has this code. Please check the code."));
		} else {
			date_vn(st.received_at, d1);
			date_vn(st.updated_at, d2);
			lt_buf_putf(&b, "<section class=\"fb-public-card\" aria-labelledby=\"fb-sh\">"
					  "<h2 id=\"fb-sh\">%s <span class=\"code\">",
				      T("Ý kiến", "Message"));
			esc(&b, code);
			lt_buf_putf(&b, "</span></h2><dl class=\"details\"><div class=\"detail\">"
					  "<dt>%s</dt><dd class=\"fb-status fb-status--%s\""
					  " id=\"fb-status\">%s</dd></div><div class=\"detail\"><dt>%s"
					  "</dt><dd>%s</dd></div><div class=\"detail\"><dt>%s</dt>"
					  "<dd>%s</dd></div>",
				      T("Tình trạng", "Status"), lt_fb_status_code(st.status),
				      status_label(&st, en), T("Ngày gửi", "Sent"), d1,
				      T("Cập nhật", "Updated"), d2);
			if (st.verdict >= 0)
				lt_buf_putf(&b, "<div class=\"detail\"><dt>%s</dt><dd id=\"fb-verdict\">%s"
						  "</dd></div>",
					      T("Đánh giá của bạn", "Your answer"),
					      verdict_label(st.verdict, en));
			lt_buf_puts(&b, "</dl>");
			if (st.answer) {
				lt_buf_putf(&b, "<h3>%s</h3><blockquote class=\"fb-answer\""
						  " id=\"fb-answer\">",
					      T("Trả lời của công đoàn", "The union's answer"));
				esc(&b, st.answer);
				lt_buf_puts(&b, "</blockquote>");
			}
			lt_buf_puts(&b, "</section>");
			if (st.may_verdict)
				verdict_form(&b, en, code);
		}
	}
	status_form(&b, en, code);
	/* The language link keeps the code: the same page in the other language. */
	lt_buf_puts(&b, "<p class=\"fb-public-lang\"><a id=\"fb-lang\" href=\"/f/status?");
	if (code && *code) {
		lt_buf_puts(&b, "code=");
		url_esc(&b, code);
		lt_buf_puts(&b, "&amp;");
	}
	lt_buf_putf(&b, "lang=%s\" hreflang=\"%s\">%s</a></p></main></body></html>\n",
		      en ? "vi" : "en", en ? "vi" : "en", en ? "Tiếng Việt" : "English");
	return reply_page(req, status, &b);
}

int lt_api_feedback_status_page(lt_http_req *req)
{
	return status_page(req, 200, page_en(req, NULL), lt_req_query(req, "code"), NULL, false);
}

int lt_api_feedback_verdict_post(lt_http_req *req)
{
	const char *ct = lt_req_header(req, "Content-Type");
	const char *site = lt_req_header(req, "Sec-Fetch-Site");
	lt_form f = { 0 };
	lt_error e;
	const char *code;
	bool en = req->en;
	int64_t wait = 0;
	int rc, status;

	if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33))
		return note_page(req, 415, en, T("Không gửi được", "Not sent"),
				 T("Biểu mẫu phải gửi dạng application/x-www-form-urlencoded.",
				   "The form must be sent as application/x-www-form-urlencoded."));
	rc = lt_form_parse(req->body, req->body_len, 8, &req->arena, &f, &e);
	en = page_en(req, rc ? NULL : &f);
	if (rc)
		return status_page(req, 400, en, NULL, lt_error_msg(&e, en), true);
	code = lt_form_get(&f, "code");
	/* Only this page posts here: a browser says when another site made it post. */
	if (site && !strcmp(site, "cross-site"))
		return status_page(req, 403, en, code,
				   T("Đánh giá phải gửi từ trang tra cứu ý kiến.",
				     "Answer from the status page of your message."),
				   true);
	rc = lt_app_feedback_verdict(req->db, &req->actor, &req->app->cfg, &wait, code,
				     lt_form_get(&f, "verdict"), &req->arena, NULL, &e);
	switch (rc) {
	case 0:
		return status_page(req, 200, en, code,
				   T("Cảm ơn bạn đã cho biết. Công đoàn đã nhận được đánh giá.",
				     "Thank you for telling us. The union has your answer."),
				   false);
	case LT_ETHROTTLE:
		lt_reply_header(req, "Retry-After",
				lt_arena_printf(&req->arena, "%lld",
						wait > 0 ? (long long)wait
							 : (long long)lt_feedback_config_get()->form_window));
		status = 429;
		break;
	case LT_EINVAL: status = 400; break;
	case LT_ENOTFOUND: status = 404; break;
	case LT_ECONFLICT: status = 409; break;
	default:
		/* busy, storage full, …: the JSON error with its status. */
		req->err = e;
		return rc;
	}
	return status_page(req, status, en, code, lt_error_msg(&e, en), true);
}

/* ---------- QR code ---------- */

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int n)
{
	return lt_buf_add(closure, data, n) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int lt_api_feedback_qr(lt_http_req *req)
{
	const int scale = 10, margin = 4;
	lt_unit u;
	QRcode *qr = NULL;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	lt_buf png;
	const char *url = NULL, *proto = lt_req_header(req, "X-Forwarded-Proto");
	int rc = lt_app_feedback_form_link(req->db, &req->actor, req->params[0],
					   lt_req_header(req, "Host"), proto && !strcmp(proto, "https"),
					   &req->arena, &u, &url, &req->err),
	    size;

	if (rc)
		return rc;
	lt_buf_init(&png, 4u << 20);
	qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) {
		rc = lt_req_fail(req, LT_EINTERNAL, NULL, "Không tạo được mã QR",
				 "Cannot make the QR code");
		goto out;
	}
	size = (qr->width + 2 * margin) * scale;
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size, size);
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				cairo_rectangle(cr, (x + margin) * scale, (y + margin) * scale, scale,
						scale);
	cairo_fill(cr);
	cairo_surface_flush(sf);
	if (cairo_surface_write_to_png_stream(sf, png_sink, &png) != CAIRO_STATUS_SUCCESS) {
		rc = lt_req_fail(req, LT_EINTERNAL, NULL, "Không tạo được ảnh PNG",
				 "Cannot write the PNG");
		goto out;
	}
	rc = lt_reply_bytes(req, 200, "image/png", png.ptr, png.len);
	lt_reply_header(req, "Content-Disposition",
			lt_arena_printf(&req->arena, "inline; filename=\"gop-y-%s.png\"", u.code));
	lt_reply_header(req, "X-Feedback-Url", url);
out:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	if (qr)
		QRcode_free(qr);
	lt_buf_free(&png);
	return rc;
}
