/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* smtp.c — see smtp.h. */
#include "net/smtp.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void lt_smtp_config_defaults(lt_smtp_config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->starttls, sizeof(c->starttls), "try");
	c->timeout_s = 30;
}

static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || *s < 0x20 || *s == '=' || *s == '?' || *s == '"')
			return false;
	return true;
}

int lt_smtp_encode_header(lt_buf *out, const char *s)
{
	size_t n = strlen(s), i = 0;
	int rc = 0;

	if (plain_ascii(s))
		return lt_buf_adds(out, s);
	while (i < n && !rc) {
		/* 45 bytes → 60 base64 chars + 12 of framing: under the 75-character limit. */
		size_t k = n - i < 45 ? n - i : 45;
		char b64[128];
		while (k > 0 && i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--; /* never split a UTF-8 sequence */
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s + i, k,
				  sodium_base64_VARIANT_ORIGINAL);
		rc = lt_buf_printf(out, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b64);
		i += k;
	}
	return rc;
}

/* No CR/LF/angle brackets in an address: header injection is impossible. */
static bool address_ok(const char *a)
{
	return a && *a && strlen(a) < 256 && !strpbrk(a, "\r\n<>\",;") && strchr(a, '@');
}

typedef struct reply_ctx {
	lt_buf *reply;
} reply_ctx;

/* curl's debug callback sees the server's lines: keep the last one for the log. */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *ctx)
{
	reply_ctx *r = ctx;

	(void)h;
	if (type == CURLINFO_HEADER_IN && r->reply) {
		lt_buf_reset(r->reply);
		while (size && (data[size - 1] == '\n' || data[size - 1] == '\r'))
			size--;
		lt_buf_put(r->reply, data, size < 500 ? size : 500); /* the log line only */
	}
	return 0;
}

int lt_smtp_send(const lt_smtp_config *c, const char *to, const char *subject, const char *body,
		 const lt_mail_part *parts, size_t nparts, lt_buf *reply, lt_error *e)
{
	CURL *h = NULL;
	curl_mime *mime = NULL;
	curl_mimepart *part;
	struct curl_slist *rcpt = NULL, *headers = NULL;
	lt_buf hdr;
	char errbuf[CURL_ERROR_SIZE] = "", mailfrom[300], line[600];
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	reply_ctx rctx = { reply };
	CURLcode cc;
	int rc = 0;

	lt_buf_init(&hdr, 4096);
	if (!c->url[0])
		return lt_error_set(e, LT_EINVAL, "smtp.url", "Chưa cấu hình máy chủ thư [smtp] url",
				    "No mail server configured ([smtp] url)");
	if (!address_ok(to))
		return lt_error_set(e, LT_EINVAL, "to", "Địa chỉ nhận không hợp lệ: %s",
				    "Invalid recipient address: %s", to ? to : "");
	if (!address_ok(c->from))
		return lt_error_set(e, LT_EINVAL, "smtp.from", "Địa chỉ gửi không hợp lệ",
				    "Invalid sender address");
	h = curl_easy_init();
	mime = h ? curl_mime_init(h) : NULL;
	if (!h || !mime) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	snprintf(mailfrom, sizeof(mailfrom), "<%s>", c->from);
	snprintf(line, sizeof(line), "<%s>", to);
	rcpt = curl_slist_append(rcpt, line);
	/* Headers: From (display name encoded), To, Subject (RFC 2047), Date. */
	lt_buf_puts(&hdr, "Subject: ");
	lt_ignore(lt_smtp_encode_header(&hdr, subject)); /* sticky: checked below */
	rc = lt_buf_error(&hdr);
	if (rc)
		goto nomem;
	headers = curl_slist_append(headers, lt_buf_cstr(&hdr));
	lt_buf_reset(&hdr);
	lt_buf_puts(&hdr, "From: ");
	if (c->from_name[0]) {
		lt_ignore(lt_smtp_encode_header(&hdr, c->from_name));
		lt_buf_putf(&hdr, " <%s>", c->from);
	} else {
		lt_buf_puts(&hdr, c->from);
	}
	rc = lt_buf_error(&hdr);
	if (rc)
		goto nomem;
	headers = curl_slist_append(headers, lt_buf_cstr(&hdr));
	snprintf(line, sizeof(line), "To: <%s>", to);
	headers = curl_slist_append(headers, line);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "Date: %a, %d %b %Y %H:%M:%S +0000", &tm);
	headers = curl_slist_append(headers, date);
	headers = curl_slist_append(headers, "MIME-Version: 1.0");

	part = curl_mime_addpart(mime);
	curl_mime_data(part, body, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/plain; charset=UTF-8");
	curl_mime_encoder(part, "quoted-printable");
	for (size_t i = 0; i < nparts; i++) {
		part = curl_mime_addpart(mime);
		curl_mime_data(part, parts[i].data, parts[i].len);
		curl_mime_type(part, parts[i].content_type);
		curl_mime_filename(part, parts[i].filename);
		curl_mime_encoder(part, "base64");
	}

	curl_easy_setopt(h, CURLOPT_URL, c->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, mailfrom);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout_s > 0 ? c->timeout_s : 30L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USE_SSL, !strcmp(c->starttls, "require") ? (long)CURLUSESSL_ALL
					     : !strcmp(c->starttls, "no")     ? (long)CURLUSESSL_NONE
									      : (long)CURLUSESSL_TRY);
	if (c->username[0]) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->username);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	}
	if (c->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (reply) {
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(h, CURLOPT_DEBUGDATA, &rctx);
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	}
	cc = curl_easy_perform(h);
	if (cc != CURLE_OK) {
		if (reply && !reply->len)
			lt_buf_puts(reply, errbuf[0] ? errbuf : curl_easy_strerror(cc)); /* for the log */
		rc = lt_error_set(e, LT_EIO, "smtp", "Gửi thư thất bại: %s", "Sending failed: %s",
				  errbuf[0] ? errbuf : curl_easy_strerror(cc));
	}
	goto out;
nomem:
	rc = lt_error_set(e, rc, "subject", "Tiêu đề thư quá dài", "The mail header is too long");
out:
	curl_slist_free_all(rcpt);
	curl_slist_free_all(headers);
	curl_mime_free(mime);
	curl_easy_cleanup(h);
	lt_buf_free(&hdr);
	return rc;
}
