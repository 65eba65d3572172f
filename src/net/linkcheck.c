/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* linkcheck.c — see linkcheck.h. */
#include "net/linkcheck.h"

#include <curl/curl.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/buf.h"

void lt_linkcheck_opts_default(lt_linkcheck_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_ms = 5000;
	o->total_timeout_ms = 15000;
	o->max_bytes = 1024 * 1024;
	o->max_redirects = 5;
}

void lt_linkcheck_result_free(lt_linkcheck_result *r)
{
	if (!r)
		return;
	free(r->final_url);
	free(r->title);
	free(r->og_title);
	free(r->content_type);
	memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------ address policy */

/* a in host byte order. */
static bool v4_private(uint32_t a)
{
	unsigned b0 = a >> 24, b1 = (a >> 16) & 0xff, b2 = (a >> 8) & 0xff;

	return b0 == 0 || b0 == 10 || b0 == 127 ||
	       (b0 == 100 && (b1 & 0xc0) == 64) ||       /* 100.64/10 carrier NAT */
	       (b0 == 169 && b1 == 254) ||               /* link-local */
	       (b0 == 172 && (b1 & 0xf0) == 16) ||
	       (b0 == 192 && b1 == 168) ||
	       (b0 == 192 && b1 == 0 && b2 == 0) ||      /* IETF protocol assignments */
	       (b0 == 198 && (b1 & 0xfe) == 18) ||       /* benchmarking */
	       b0 >= 224;                                /* multicast, reserved, broadcast */
}

static uint32_t v4_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool v6_private(const uint8_t *a)
{
	static const uint8_t zero[12];
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const uint8_t nat64[12] = { 0x00, 0x64, 0xff, 0x9b };

	/* ::, ::1, ::a.b.c.d, ::ffff:a.b.c.d and 64:ff9b::a.b.c.d reach an IPv4 address. */
	if (memcmp(a, zero, 12) == 0 || memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
		return v4_private(v4_at(a + 12));
	if (a[0] == 0x20 && a[1] == 0x02) /* 6to4 */
		return v4_private(v4_at(a + 2));
	return (a[0] & 0xfe) == 0xfc ||                 /* fc00::/7 unique local */
	       (a[0] == 0xfe && (a[1] & 0x80) == 0x80) || /* fe80::/10 link-local, fec0::/10 */
	       a[0] == 0xff ||                           /* multicast */
	       (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8); /* documentation */
}

static bool addr_private(const struct curl_sockaddr *sa)
{
	if (sa->family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)&sa->addr;

		return v4_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&sa->addr;

		return v6_private(in6->sin6_addr.s6_addr);
	}
	return true; /* anything else (unix sockets…) is local by nature */
}

/* ------------------------------------------------------------ transfer */

typedef struct fetch {
	lt_buf body;
	bool truncated;
	bool oom;
	bool allow_private;
	bool refused; /* a connection to a private address was refused */
} fetch;

/*
 * Called for every connection curl opens, with the address it resolved:
 * the one place where the check cannot be raced by a second DNS answer.
 */
static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *sa)
{
	fetch *f = ud;

	if (purpose != CURLSOCKTYPE_IPCXN || (!f->allow_private && addr_private(sa))) {
		f->refused = true;
		return CURL_SOCKET_BAD;
	}
	return socket(sa->family, sa->socktype, sa->protocol);
}

/* Keep up to the cap; past it, keep what fits and stop the transfer. */
static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	fetch *f = ud;
	size_t len = size * n, room = f->body.cap - f->body.len;
	int rc;

	if (len > room) {
		f->truncated = true;
		if (lt_buf_add(&f->body, p, room))
			f->oom = true;
		return 0; /* CURLE_WRITE_ERROR */
	}
	rc = lt_buf_add(&f->body, p, len);
	if (rc) {
		f->oom = true;
		return 0;
	}
	return len;
}

/* ------------------------------------------------------------- titles */

/* s with white space runs collapsed and trimmed; owned, NULL when empty. */
static char *collapse(const xmlChar *s)
{
	const char *p = (const char *)s;
	char *out, *w;

	if (!p)
		return NULL;
	out = malloc(strlen(p) + 1);
	if (!out)
		return NULL;
	w = out;
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			if (w > out && w[-1] != ' ')
				*w++ = ' ';
			continue;
		}
		*w++ = *p;
	}
	if (w > out && w[-1] == ' ')
		w--;
	*w = '\0';
	if (w == out) {
		free(out);
		return NULL;
	}
	return out;
}

static void find_titles(xmlNode *n, lt_linkcheck_result *r)
{
	for (; n && !(r->title && r->og_title); n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!r->title && xmlStrcasecmp(n->name, BAD_CAST "title") == 0) {
			xmlChar *c = xmlNodeGetContent(n);

			r->title = collapse(c);
			xmlFree(c);
		} else if (!r->og_title && xmlStrcasecmp(n->name, BAD_CAST "meta") == 0) {
			xmlChar *prop = xmlGetProp(n, BAD_CAST "property");
			xmlChar *c = NULL;

			if (prop && xmlStrcasecmp(prop, BAD_CAST "og:title") == 0)
				c = xmlGetProp(n, BAD_CAST "content");
			r->og_title = collapse(c);
			xmlFree(c);
			xmlFree(prop);
		} else if (xmlStrcasecmp(n->name, BAD_CAST "svg") != 0) {
			find_titles(n->children, r);
		}
	}
}

/* The charset parameter of a Content-Type, copied into out (empty when none). */
static void charset_of(const char *ctype, char *out, size_t max)
{
	const char *p = ctype ? strcasestr(ctype, "charset=") : NULL;
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return;
	p += 8;
	if (*p == '"' || *p == '\'')
		p++;
	while (p[n] && p[n] != ';' && p[n] != ' ' && p[n] != '"' && p[n] != '\'' && n + 1 < max)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

/*
 * Parse the (possibly cut) body as HTML. The encoding is the header's
 * charset when given, else what libxml2 finds (<meta charset>, BOM).
 */
static void parse_titles(const lt_buf *body, lt_linkcheck_result *r)
{
	const int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			 HTML_PARSE_RECOVER | HTML_PARSE_NOBLANKS;
	char cs[64];
	int len = body->len > INT_MAX ? INT_MAX : (int)body->len;
	htmlDocPtr doc;

	if (len == 0)
		return;
	charset_of(r->content_type, cs, sizeof(cs));
	doc = htmlReadMemory(body->ptr, len, r->final_url, cs[0] ? cs : NULL, opts);
	if (!doc && cs[0]) /* a charset libxml2 does not know */
		doc = htmlReadMemory(body->ptr, len, r->final_url, NULL, opts);
	if (!doc)
		return;
	find_titles(xmlDocGetRootElement(doc), r);
	xmlFreeDoc(doc);
}

/* --------------------------------------------------------------- fetch */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int lt_linkcheck_fetch(const char *url, const lt_linkcheck_opts *o, lt_linkcheck_result *r,
		       lt_error *e)
{
	lt_linkcheck_opts def;
	CURL *c = NULL;
	fetch f;
	char errbuf[CURL_ERROR_SIZE] = "";
	char *eff = NULL, *ctype = NULL;
	CURLcode cc;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	memset(&f, 0, sizeof(f));
	if (!o) {
		lt_linkcheck_opts_default(&def);
		o = &def;
	}
	lt_buf_init(&f.body, o->max_bytes);
	f.allow_private = o->allow_private;
	pthread_once(&init_once, global_init);

	c = curl_easy_init();
	if (!c)
		goto nomem;
	cc = curl_easy_setopt(c, CURLOPT_URL, url);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_MAXREDIRS, o->max_redirects);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->total_timeout_ms);
	if (cc == CURLE_OK) /* no proxy: the address check must see the real server */
		cc = curl_easy_setopt(c, CURLOPT_PROXY, "");
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &f);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &f);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* what curl can decode */
	if (cc == CURLE_OK)
		cc = curl_easy_setopt(c, CURLOPT_USERAGENT,
				      o->user_agent ? o->user_agent : "lantoa-linkcheck/0.1");
	if (cc != CURLE_OK) {
		rc = lt_error_set(e, LT_EINTERNAL, "url", "Lỗi cấu hình libcurl: %s",
				  "libcurl setup failed: %s", curl_easy_strerror(cc));
		goto fail;
	}

	cc = curl_easy_perform(c);
	if (f.oom)
		goto nomem;
	if (f.refused) {
		rc = lt_error_set(e, LT_EFORBIDDEN, "url",
				  "Không kiểm tra liên kết tới địa chỉ nội bộ (loopback, mạng riêng)",
				  "Refusing to fetch a link to an internal (loopback, private) address");
		goto fail;
	}
	if (cc == CURLE_WRITE_ERROR && f.truncated)
		cc = CURLE_OK; /* stopped on purpose at the cap */
	switch (cc) {
	case CURLE_OK:
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		rc = lt_error_set(e, LT_EINVAL, "url", "Chỉ kiểm tra được liên kết http/https hợp lệ (%s)",
				  "Only valid http/https links can be checked (%s)",
				  errbuf[0] ? errbuf : curl_easy_strerror(cc));
		goto fail;
	case CURLE_OPERATION_TIMEDOUT:
		rc = lt_error_set(e, LT_EIO, "url", "Trang không trả lời kịp (quá %ld ms)",
				  "The page did not answer in time (over %ld ms)",
				  o->total_timeout_ms);
		goto fail;
	case CURLE_TOO_MANY_REDIRECTS:
		rc = lt_error_set(e, LT_EIO, "url", "Chuyển hướng quá %ld lần",
				  "More than %ld redirects", o->max_redirects);
		goto fail;
	default:
		rc = lt_error_set(e, LT_EIO, "url", "Không tải được trang: %s",
				  "Could not fetch the page: %s",
				  errbuf[0] ? errbuf : curl_easy_strerror(cc));
		goto fail;
	}

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
	r->final_url = dup_or_null(eff ? eff : url);
	r->content_type = dup_or_null(ctype);
	if (!r->final_url || (ctype && !r->content_type))
		goto nomem;
	r->bytes = f.body.len;
	r->truncated = f.truncated;
	parse_titles(&f.body, r);
	goto fail;

nomem:
	rc = lt_error_set(e, LT_ENOMEM, "url", "Hết bộ nhớ", "Out of memory");
fail:
	curl_easy_cleanup(c);
	lt_buf_free(&f.body);
	return rc;
}
