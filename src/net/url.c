/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* url.c — see url.h. */
#include "net/url.h"

#include <curl/curl.h>
#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "text/fold.h"

/* ------------------------------------------------------ platform folding */

enum platform { P_NONE, P_FACEBOOK, P_YOUTUBE, P_YOUTU_BE, P_TIKTOK, P_ZALO, P_X };

/* Hosts that are aliases of one another: each is rewritten to `to`. */
#define F(host, to, p) { host, to, P_##p }
static const struct fold_rule {
	const char *host;
	const char *to;
	enum platform p;
} fold_rules[] = {
	F("facebook.com", "facebook.com", FACEBOOK), F("www.facebook.com", "facebook.com", FACEBOOK),
	F("m.facebook.com", "facebook.com", FACEBOOK), F("mbasic.facebook.com", "facebook.com", FACEBOOK),
	F("web.facebook.com", "facebook.com", FACEBOOK), F("touch.facebook.com", "facebook.com", FACEBOOK),
	F("mobile.facebook.com", "facebook.com", FACEBOOK), F("d.facebook.com", "facebook.com", FACEBOOK),
	F("free.facebook.com", "facebook.com", FACEBOOK),
	F("fb.com", "fb.com", FACEBOOK), F("www.fb.com", "fb.com", FACEBOOK),
	F("fb.watch", "fb.watch", FACEBOOK), F("www.fb.watch", "fb.watch", FACEBOOK),
	F("youtube.com", "www.youtube.com", YOUTUBE), F("www.youtube.com", "www.youtube.com", YOUTUBE),
	F("m.youtube.com", "www.youtube.com", YOUTUBE),
	F("youtube-nocookie.com", "www.youtube-nocookie.com", YOUTUBE),
	F("www.youtube-nocookie.com", "www.youtube-nocookie.com", YOUTUBE),
	F("youtu.be", "youtu.be", YOUTU_BE), F("www.youtu.be", "youtu.be", YOUTU_BE),
	F("tiktok.com", "www.tiktok.com", TIKTOK), F("www.tiktok.com", "www.tiktok.com", TIKTOK),
	F("m.tiktok.com", "www.tiktok.com", TIKTOK),
	F("vt.tiktok.com", "vt.tiktok.com", TIKTOK), F("vm.tiktok.com", "vm.tiktok.com", TIKTOK),
	F("zalo.me", "zalo.me", ZALO), F("www.zalo.me", "zalo.me", ZALO),
	F("twitter.com", "twitter.com", X), F("www.twitter.com", "twitter.com", X),
	F("mobile.twitter.com", "twitter.com", X), F("x.com", "x.com", X), F("www.x.com", "x.com", X),
};
#undef F

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_alnum(char c)
{
	return is_lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/*
 * Platform of host; *to is the host to write (a fold_rule's target, or NULL
 * to keep host). "vi-vn.facebook.com"-style locale hosts fold too.
 */
static enum platform host_platform(const char *host, const char **to)
{
	size_t n = strlen(host);

	*to = NULL;
	for (size_t i = 0; i < sizeof(fold_rules) / sizeof(fold_rules[0]); i++) {
		if (strcmp(host, fold_rules[i].host) == 0) {
			*to = fold_rules[i].to;
			return fold_rules[i].p;
		}
	}
	if (n == 18 && is_lower(host[0]) && is_lower(host[1]) && host[2] == '-' &&
	    is_lower(host[3]) && is_lower(host[4]) && strcmp(host + 5, ".facebook.com") == 0) {
		*to = "facebook.com";
		return P_FACEBOOK;
	}
	if (n > 13 && strcmp(host + n - 13, ".facebook.com") == 0)
		return P_FACEBOOK;
	if (n > 12 && strcmp(host + n - 12, ".youtube.com") == 0)
		return P_YOUTUBE;
	if (n > 11 && strcmp(host + n - 11, ".tiktok.com") == 0)
		return P_TIKTOK;
	return P_NONE;
}

/* ------------------------------------------------------ tracking params */

static bool key_is(lt_str key, const char *name)
{
	size_t n = strlen(name);

	if (key.len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (to_lower(key.ptr[i]) != name[i])
			return false;
	return true;
}

static bool key_has_prefix(lt_str key, const char *prefix)
{
	size_t n = strlen(prefix);

	if (key.len < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (to_lower(key.ptr[i]) != prefix[i])
			return false;
	return true;
}

static bool key_in(lt_str key, const char *const *names)
{
	for (; *names; names++)
		if (key_is(key, *names))
			return true;
	return false;
}

/* Added by ad networks, share sheets and in-app browsers, on any site. */
static const char *const track_any[] = {
	"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
	"ttclid", "igshid", "igsh", "mibextid", "zarsrc", "gidzl", "si", "share_source",
	"sfnsn", "__tn__", "_hsenc", "_hsmi", "mc_cid", "mc_eid", NULL,
};
static const char *const track_facebook[] = {
	"ref", "refid", "rdid", "share_url", "hc_ref", "fref", "hc_location",
	"comment_tracking", "notif_id", "notif_t", "_rdc", "_rdr", "rdr", "paipv",
	"eav", "acontext", "extid", "app", "s", "fs", NULL, /* s, fs: reel share links */
};
static const char *const track_youtube[] = {
	"feature", "pp", "ab_channel", "app", "embeds_referring_euri", NULL,
};
static const char *const track_tiktok[] = {
	"_t", "_r", "is_from_webapp", "sender_device", "sender_web_id", "share_app_id",
	"share_item_id", "share_link_id", "u_code", "preview_pb", "timestamp", "user_id",
	"sec_user_id", "social_sharing", "source", "tt_from", "checksum", "web_id",
	"is_copy_url", "enter_from", "enter_method", "refer", "referer_url", NULL,
};
static const char *const track_x[] = { "s", "t", "ref_src", "ref_url", NULL };

static bool is_tracking(enum platform p, lt_str key)
{
	if (key_has_prefix(key, "utm_") || key_has_prefix(key, "__cft__") ||
	    key_has_prefix(key, "__xts__") || key_in(key, track_any))
		return true;
	switch (p) {
	case P_FACEBOOK:
		return key_in(key, track_facebook);
	case P_YOUTUBE:
	case P_YOUTU_BE:
		return key_in(key, track_youtube);
	case P_TIKTOK:
		return key_in(key, track_tiktok);
	case P_X:
		return key_in(key, track_x);
	default:
		return false;
	}
}

/* ------------------------------------------------- percent-encoding */

enum part { PART_PATH, PART_QUERY };

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = to_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Bytes written %XX whatever the part: the WHATWG path/query sets, DEL,
 * non-ASCII, and a '%' that does not start an escape.
 */
static bool must_encode(unsigned char c, enum part part)
{
	if (c <= 0x20 || c >= 0x7f)
		return true;
	switch (c) {
	case '%': /* a stray one: "%%34" must not become "%4" and then "%4…" an escape */
	case '"':
	case '<':
	case '>':
	case '`':
	case '#':
		return true;
	case '{':
	case '}':
	case '?':
		return part == PART_PATH;
	case '\'':
		return part == PART_QUERY;
	default:
		return false;
	}
}

/* Unreserved characters that are written plainly when they come escaped. */
static bool decode_ok(unsigned char c, enum part part)
{
	if (is_alnum((char)c) || c == '-' || c == '_' || c == '~')
		return true;
	return c == '.' && part == PART_QUERY; /* "." in a path could make a dot segment */
}

/* Append the n bytes at s to b, percent-encoding normalised. */
static int norm_append(lt_buf *b, const char *s, size_t n, enum part part)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[3];
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			unsigned char v = (unsigned char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));

			i += 2;
			if (decode_ok(v, part)) {
				rc = lt_buf_add(b, &v, 1);
				continue;
			}
			c = v;
		} else if (!must_encode(c, part)) {
			rc = lt_buf_add(b, &c, 1);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 15];
		rc = lt_buf_add(b, esc, 3);
	}
	return rc;
}

/* ------------------------------------------------------- query params */

typedef struct param {
	lt_str all; /* "k=v" */
	lt_str key; /* "k" */
	size_t idx; /* original position, for a stable sort */
} param;

static int param_cmp(const void *a, const void *b)
{
	const param *x = a, *y = b;
	size_t n = x->key.len < y->key.len ? x->key.len : y->key.len;
	int c = memcmp(x->key.ptr, y->key.ptr, n);

	if (c)
		return c;
	if (x->key.len != y->key.len)
		return x->key.len < y->key.len ? -1 : 1;
	return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* Split the normalised query q (NUL-terminated) on '&'; empty ones are skipped. */
static size_t split_params(const char *q, param *ps, size_t max)
{
	size_t n = 0;

	while (*q && n < max) {
		const char *end = strchr(q, '&');
		const char *eq;
		size_t len = end ? (size_t)(end - q) : strlen(q);

		if (len > 0) {
			eq = memchr(q, '=', len);
			ps[n].all = (lt_str){ q, len };
			ps[n].key = (lt_str){ q, eq ? (size_t)(eq - q) : len };
			ps[n].idx = n;
			n++;
		}
		q += len;
		if (*q == '&')
			q++;
	}
	return n;
}

/* True when s is a YouTube video id: 11 of [A-Za-z0-9_-]. */
static bool is_video_id(const char *s, size_t n)
{
	if (n != 11)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

/*
 * YouTube video URL forms → the id (pointing into path), or NULL.
 * youtu.be/ID; /shorts/ID, /live/ID, /embed/ID, /v/ID, /e/ID.
 */
static const char *youtube_path_id(enum platform p, const char *path)
{
	static const char *const prefixes[] = { "/shorts/", "/live/", "/embed/", "/v/", "/e/", NULL };

	if (p == P_YOUTU_BE)
		return is_video_id(path + 1, strlen(path + 1)) ? path + 1 : NULL;
	if (p != P_YOUTUBE)
		return NULL;
	for (size_t i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);

		if (strncmp(path, prefixes[i], n) == 0 && is_video_id(path + n, strlen(path + n)))
			return path + n;
	}
	return NULL;
}

/* TikTok post pages: /@user/video/ID or /@user/photo/ID. */
static bool tiktok_post(const char *path)
{
	const char *s;

	if (path[0] != '/' || path[1] != '@')
		return false;
	s = strchr(path + 2, '/');
	return s && (strncmp(s, "/video/", 7) == 0 || strncmp(s, "/photo/", 7) == 0);
}

/* ------------------------------------------------------------- input */

/* White space a phone adds around a pasted link: ASCII, NBSP, ZWSP, BOM. */
static size_t space_len(const char *s, size_t n, bool at_end)
{
	static const char *const wide[] = { "\xc2\xa0", "\xe2\x80\x8b", "\xef\xbb\xbf", NULL };
	const char *p = at_end ? s + n - 1 : s;

	if (n == 0)
		return 0;
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	for (size_t i = 0; wide[i]; i++) {
		size_t w = strlen(wide[i]);

		if (n >= w && memcmp(at_end ? s + n - w : s, wide[i], w) == 0)
			return w;
	}
	return 0;
}

/*
 * Length of the scheme that s starts with ("https" of "https://…"), or 0
 * when s starts with a host: "facebook.com/x", "vnexpress.net:443/x".
 */
static size_t scheme_len(const char *s, size_t n)
{
	size_t i = 0, j;

	if (n == 0 || !(is_alnum(s[0]) && !(s[0] >= '0' && s[0] <= '9')))
		return 0;
	while (i < n && (is_alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	if (i == n || s[i] != ':')
		return 0;
	for (j = i + 1; j < n && s[j] >= '0' && s[j] <= '9'; j++)
		;
	if (j > i + 1 && (j == n || s[j] == '/' || s[j] == '?' || s[j] == '#'))
		return 0; /* host:port */
	return i;
}

static bool scheme_is(const char *s, size_t n, const char *name)
{
	return key_is((lt_str){ s, n }, name);
}

/* ---------------------------------------------------------------- IDN */

static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;
static locale_t utf8_locale;

static void utf8_locale_init(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/*
 * One pass over the host of u: punycode, ASCII lower-case, trailing dots
 * dropped, then checked to be a plain host name or an IP literal (curl
 * accepts "a|b" or "ho%st"; no real site has them). When no UTF-8 locale
 * exists, IDN cannot be converted and a non-ASCII host is kept as typed.
 * OUT *out: owned. Returns 0 or LT_EINVAL.
 */
static int host_pass(CURLU *u, char **out)
{
	char *h = NULL;
	locale_t old;
	CURLUcode uc;
	size_t n;
	int rc = LT_EINVAL;

	*out = NULL;
	pthread_once(&utf8_once, utf8_locale_init);
	if (utf8_locale) {
		old = uselocale(utf8_locale);
		uc = curl_url_get(u, CURLUPART_HOST, &h, CURLU_PUNYCODE);
		uselocale(old);
	} else {
		uc = curl_url_get(u, CURLUPART_HOST, &h, 0);
	}
	if (uc != CURLUE_OK)
		goto fail;
	n = strlen(h);
	while (n > 0 && h[n - 1] == '.')
		n--;
	h[n] = '\0';
	for (size_t i = 0; i < n && h[0] != '['; i++) {
		unsigned char c = (unsigned char)h[i];

		h[i] = to_lower(h[i]);
		if (!is_alnum(h[i]) && c != '-' && c != '.' && c != '_' && !(c >= 0x80 && !utf8_locale))
			goto fail;
	}
	if (n == 0)
		goto fail;
	*out = strdup(h);
	rc = *out ? 0 : LT_ENOMEM;
fail:
	curl_free(h);
	return rc;
}

/*
 * The canonical host of u. curl decodes %XX in a host but reads IPv4 forms
 * ("0xc0.0250.01") before that, so "%30%78%63%30…" comes out as "0xc0…",
 * which the next parse turns into "192.168.0.1": the host is parsed a second
 * time so that the result is stable. OUT *out: owned. Returns 0 or LT_E*.
 */
static int canonical_host(CURLU *u, char **out)
{
	CURLU *u2 = NULL;
	char *url = NULL, *again = NULL;
	int rc = host_pass(u, out);

	if (rc)
		goto fail;
	u2 = curl_url();
	if (u2 && asprintf(&url, "http://%s/", *out) >= 0 &&
	    curl_url_set(u2, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    host_pass(u2, &again) == 0) {
		free(*out);
		*out = again;
	}
fail:
	free(url);
	curl_url_cleanup(u2);
	return rc;
}

/* ------------------------------------------------------------- query */

/*
 * Build the canonical query of a page on platform p at path (already
 * canonical) from the raw query q into b: tracking parameters dropped,
 * the rest sorted by name.
 */
static int build_query(lt_buf *b, enum platform p, const char *path, const char *q)
{
	lt_buf norm;
	param *ps = NULL;
	size_t n, cnt = 1;
	int rc;

	lt_buf_init(&norm, 4 * LT_URL_MAX);
	rc = norm_append(&norm, q, strlen(q), PART_QUERY);
	if (rc)
		goto fail;
	for (const char *s = lt_buf_cstr(&norm); *s; s++)
		cnt += *s == '&';
	ps = calloc(cnt, sizeof(*ps));
	if (!ps) {
		rc = LT_ENOMEM;
		goto fail;
	}
	n = split_params(lt_buf_cstr(&norm), ps, cnt);
	if (p == P_TIKTOK && tiktok_post(path))
		goto fail; /* the post id is in the path; everything else is share noise */
	if (p == P_YOUTUBE && strcmp(path, "/watch") == 0) {
		for (size_t i = 0; i < n; i++)
			if (key_is(ps[i].key, "v")) {
				rc = lt_buf_add(b, ps[i].all.ptr, ps[i].all.len);
				break;
			}
		goto fail;
	}
	qsort(ps, n, sizeof(*ps), param_cmp);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (is_tracking(p, ps[i].key))
			continue;
		if (b->len > 0)
			rc = lt_buf_add(b, "&", 1);
		if (rc == 0)
			rc = lt_buf_add(b, ps[i].all.ptr, ps[i].all.len);
	}
fail:
	free(ps);
	lt_buf_free(&norm);
	return rc;
}

/* ------------------------------------------------------------ the API */

static int curl_fail(lt_error *e, CURLUcode uc)
{
	if (uc == CURLUE_OUT_OF_MEMORY)
		return lt_error_set(e, LT_ENOMEM, "url", "Hết bộ nhớ", "Out of memory");
	return lt_error_set(e, LT_EINVAL, "url", "Liên kết không hợp lệ (%s)",
			    "Not a valid link (%s)", curl_url_strerror(uc));
}

int lt_url_canonical(const char *in, char **out, lt_channel *channel, lt_error *e)
{
	CURLU *u = NULL;
	char *host = NULL, *part = NULL;
	lt_buf work, path, query;
	const char *s = in, *to = NULL, *id;
	size_t n, k;
	enum platform p;
	CURLUcode uc;
	long port = -1;
	bool https;
	int rc = 0;

	lt_buf_init(&work, LT_URL_MAX + 8); /* + "https://" */
	lt_buf_init(&path, 4 * LT_URL_MAX);
	lt_buf_init(&query, 4 * LT_URL_MAX);
	*out = NULL;

	/* Trim; the length is looked at once, and only up to just past the limit. */
	n = strnlen(s, 4 * LT_URL_MAX + 1);
	while ((k = space_len(s, n, false)) > 0) {
		s += k;
		n -= k;
	}
	while ((k = space_len(s, n, true)) > 0)
		n -= k;
	if (n == 0) {
		rc = lt_error_set(e, LT_EINVAL, "url", "Liên kết trống", "The link is empty");
		goto fail;
	}
	if (n > LT_URL_MAX) {
		rc = lt_error_set(e, LT_ETOOBIG, "url", "Liên kết dài quá %d byte",
				  "The link is longer than %d bytes", LT_URL_MAX);
		goto fail;
	}
	if (!lt_utf8_valid(s, n)) {
		rc = lt_error_set(e, LT_EINVAL, "url", "Liên kết có ký tự không hợp lệ (không phải UTF-8)",
				  "The link is not valid UTF-8");
		goto fail;
	}

	/* No scheme → https. Other schemes (javascript:, data:, file:, ftp:) → refused. */
	k = scheme_len(s, n);
	if (k == 0 && n >= 2 && s[0] == '/' && s[1] == '/')
		rc = lt_buf_adds(&work, "https:");
	else if (k == 0)
		rc = lt_buf_adds(&work, "https://");
	else if (!scheme_is(s, k, "http") && !scheme_is(s, k, "https")) {
		rc = lt_error_set(e, LT_EINVAL, "url",
				  "Chỉ nhận liên kết http:// hoặc https://, không nhận \"%.*s:\"",
				  "Only http:// and https:// links are accepted, not \"%.*s:\"",
				  (int)(k > 16 ? 16 : k), s);
		goto fail;
	}
	if (rc == 0)
		rc = lt_buf_add(&work, s, n);
	if (rc)
		goto nomem;

	u = curl_url();
	if (!u)
		goto nomem;
	uc = curl_url_set(u, CURLUPART_URL, lt_buf_cstr(&work), 0);
	if (uc != CURLUE_OK) {
		rc = curl_fail(e, uc);
		goto fail;
	}
	if (curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PASSWORD, &part, 0) == CURLUE_OK) {
		rc = lt_error_set(e, LT_EINVAL, "url",
				  "Liên kết chứa tên đăng nhập hoặc mật khẩu (user:pass@); hãy bỏ phần đó",
				  "The link carries a user name or password (user:pass@); remove it");
		goto fail;
	}

	rc = canonical_host(u, &host);
	if (rc == LT_ENOMEM)
		goto nomem;
	if (rc) {
		rc = lt_error_set(e, LT_EINVAL, "url", "Tên miền trong liên kết không hợp lệ",
				  "The link's host name is not valid");
		goto fail;
	}
	p = host_platform(host, &to);
	/* The big platforms are https-only: http://facebook.com/x is the same page. */
	https = p != P_NONE || curl_url_get(u, CURLUPART_SCHEME, &part, 0) != CURLUE_OK ||
		strcmp(part, "http") != 0;
	curl_free(part);
	part = NULL;
	if (curl_url_get(u, CURLUPART_PORT, &part, 0) == CURLUE_OK) {
		port = strtol(part, NULL, 10);
		if (port == (https ? 443 : 80))
			port = -1;
	}
	curl_free(part);
	part = NULL;
	/*
	 * http://nld.com.vn/x and https://nld.com.vn/x are one article: the
	 * canonical link is https. An http link on a port of its own
	 * (http://host:8080/) is another server and keeps its scheme.
	 */
	if (port < 0)
		https = true;

	/* Path: encoding normalised, trailing slashes gone. */
	uc = curl_url_get(u, CURLUPART_PATH, &part, 0);
	if (uc != CURLUE_OK) {
		rc = curl_fail(e, uc);
		goto fail;
	}
	rc = norm_append(&path, part, strlen(part), PART_PATH);
	while (rc == 0 && path.len > 1 && path.ptr[path.len - 1] == '/')
		path.ptr[--path.len] = '\0';
	if (rc == 0 && path.len == 0)
		rc = lt_buf_adds(&path, "/");
	if (rc)
		goto toobig;
	curl_free(part);
	part = NULL;

	id = youtube_path_id(p, lt_buf_cstr(&path));
	if (id) {
		/* youtu.be/ID, /shorts/ID, /embed/ID… → the one watch page. */
		rc = lt_buf_printf(&query, "v=%s", id);
		lt_buf_reset(&path);
		if (rc == 0)
			rc = lt_buf_adds(&path, "/watch");
		to = "www.youtube.com";
		port = -1;
	} else if (curl_url_get(u, CURLUPART_QUERY, &part, 0) == CURLUE_OK) {
		rc = build_query(&query, p, lt_buf_cstr(&path), part);
	}
	if (rc)
		goto toobig;

	/*
	 * Written out here rather than through curl_url_set(), which turns
	 * %XX into %xx; then parsed once more, so that whatever is returned is
	 * a URL curl accepts.
	 */
	lt_buf_reset(&work);
	rc = lt_buf_printf(&work, "%s://%s", https ? "https" : "http", to ? to : host);
	if (rc == 0 && port >= 0)
		rc = lt_buf_printf(&work, ":%ld", port);
	if (rc == 0)
		rc = lt_buf_add(&work, path.ptr, path.len);
	if (rc == 0 && query.len > 0)
		rc = lt_buf_printf(&work, "?%s", lt_buf_cstr(&query));
	if (rc == 0 && work.len > LT_URL_MAX)
		rc = LT_ETOOBIG;
	if (rc)
		goto toobig;
	uc = curl_url_set(u, CURLUPART_URL, lt_buf_cstr(&work), 0);
	if (uc != CURLUE_OK) {
		rc = curl_fail(e, uc);
		goto fail;
	}
	*out = lt_buf_steal(&work);
	if (!*out)
		goto nomem;
	if (channel)
		*channel = lt_url_host_channel(to ? to : host);
	goto fail;

toobig:
	if (rc == LT_ENOMEM)
		goto nomem;
	rc = lt_error_set(e, LT_ETOOBIG, "url", "Liên kết dài quá %d byte",
			  "The link is longer than %d bytes", LT_URL_MAX);
	goto fail;
nomem:
	rc = lt_error_set(e, LT_ENOMEM, "url", "Hết bộ nhớ", "Out of memory");
fail:
	curl_free(part);
	free(host);
	curl_url_cleanup(u);
	lt_buf_free(&work);
	lt_buf_free(&path);
	lt_buf_free(&query);
	return rc;
}
