/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * url_channel.c — which channel a link's host belongs to (facebook, zalo,
 * youtube, tiktok, e-newspaper, radio, tv, website, other) and the channel
 * codes; see url.h. The host table is data: one group of hosts per line.
 */
#include <stdbool.h>
#include <string.h>

#include "net/url.h"

/* ---------------------------------------------------------------- channels */

static const char *const channel_codes[LT_CHANNEL_COUNT] = {
	[LT_CHANNEL_FACEBOOK] = "facebook",
	[LT_CHANNEL_ZALO] = "zalo",
	[LT_CHANNEL_YOUTUBE] = "youtube",
	[LT_CHANNEL_TIKTOK] = "tiktok",
	[LT_CHANNEL_WEBSITE] = "website",
	[LT_CHANNEL_ENEWSPAPER] = "e-newspaper",
	[LT_CHANNEL_RADIO] = "radio",
	[LT_CHANNEL_TV] = "tv",
	[LT_CHANNEL_PRINT] = "print",
	[LT_CHANNEL_EVENT] = "event",
	[LT_CHANNEL_OTHER] = "other",
};

const char *lt_channel_code(lt_channel c)
{
	if ((unsigned)c >= LT_CHANNEL_COUNT)
		return "other";
	return channel_codes[c];
}

int lt_channel_from_code(const char *code, lt_channel *out, lt_error *e)
{
	for (int i = 0; code && i < LT_CHANNEL_COUNT; i++) {
		if (strcmp(code, channel_codes[i]) == 0) {
			*out = (lt_channel)i;
			return 0;
		}
	}
	return lt_error_set(e, LT_EINVAL, "channel",
			    "Kênh không hợp lệ: \"%s\" (facebook, zalo, youtube, tiktok, website, "
			    "e-newspaper, radio, tv, print, event, other)",
			    "Unknown channel \"%s\" (facebook, zalo, youtube, tiktok, website, "
			    "e-newspaper, radio, tv, print, event, other)",
			    code ? code : "");
}

enum match { SELF_AND_SUB, SELF_ONLY, SUB_ONLY };

/* First match wins, so a specific rule goes before a broader one. */
#define R(domain, ch) { domain, LT_CHANNEL_##ch, SELF_AND_SUB }
static const struct host_rule {
	const char *domain;
	lt_channel ch;
	enum match how;
} host_rules[] = {
	R("facebook.com", FACEBOOK), R("fb.com", FACEBOOK), R("fb.watch", FACEBOOK),
	R("fb.me", FACEBOOK), R("messenger.com", FACEBOOK), R("m.me", FACEBOOK),
	R("zalo.me", ZALO), R("zalo.vn", ZALO), R("zaloapp.com", ZALO),
	R("youtube.com", YOUTUBE), R("youtu.be", YOUTUBE), R("youtube-nocookie.com", YOUTUBE),
	R("tiktok.com", TIKTOK),
	/* Social networks lantoa does not track apart. */
	R("instagram.com", OTHER), R("threads.net", OTHER), R("twitter.com", OTHER), R("x.com", OTHER),
	R("linkedin.com", OTHER), R("telegram.me", OTHER), R("t.me", OTHER),
	/* Radio. */
	R("vov.vn", RADIO), R("vov.gov.vn", RADIO), R("vovworld.vn", RADIO),
	R("vovgiaothong.vn", RADIO),
	/* Television. */
	R("vtv.vn", TV), R("vtv.gov.vn", TV), R("vtvgo.vn", TV), R("vtc.vn", TV), R("hanoitv.vn", TV),
	R("hanoionline.vn", TV), R("htv.com.vn", TV), R("thvl.vn", TV), R("vnews.gov.vn", TV),
	R("qpvn.vn", TV), R("antv.gov.vn", TV),
	/* congdoan.vn is the Confederation's news portal; its subdomains are
	 * the sites of provincial / sector federations. */
	{ "congdoan.vn", LT_CHANNEL_ENEWSPAPER, SELF_ONLY },
	{ "www.congdoan.vn", LT_CHANNEL_ENEWSPAPER, SELF_ONLY },
	{ "m.congdoan.vn", LT_CHANNEL_ENEWSPAPER, SELF_ONLY },
	{ "congdoan.vn", LT_CHANNEL_WEBSITE, SUB_ONLY }, R("congdoanvietnam.org", WEBSITE),
	R("congdoanhanoi.org.vn", WEBSITE),
	/* Electronic newspapers. */
	R("vnexpress.net", ENEWSPAPER), R("tuoitre.vn", ENEWSPAPER), R("thanhnien.vn", ENEWSPAPER),
	R("dantri.com.vn", ENEWSPAPER), R("laodong.vn", ENEWSPAPER), R("nld.com.vn", ENEWSPAPER),
	R("vietnamnet.vn", ENEWSPAPER), R("hanoimoi.vn", ENEWSPAPER), R("hanoimoi.com.vn", ENEWSPAPER),
	R("kinhtedothi.vn", ENEWSPAPER), R("nhandan.vn", ENEWSPAPER), R("baochinhphu.vn", ENEWSPAPER),
	R("laodongthudo.vn", ENEWSPAPER), R("laodongcongdoan.vn", ENEWSPAPER),
	R("tienphong.vn", ENEWSPAPER), R("vietnamplus.vn", ENEWSPAPER), R("baotintuc.vn", ENEWSPAPER),
	R("qdnd.vn", ENEWSPAPER), R("cand.com.vn", ENEWSPAPER), R("plo.vn", ENEWSPAPER),
	R("sggp.org.vn", ENEWSPAPER), R("znews.vn", ENEWSPAPER), R("zingnews.vn", ENEWSPAPER),
	R("vtcnews.vn", ENEWSPAPER), R("baomoi.com", ENEWSPAPER), R("kenh14.vn", ENEWSPAPER),
	R("vneconomy.vn", ENEWSPAPER), R("cafef.vn", ENEWSPAPER), R("suckhoedoisong.vn", ENEWSPAPER),
	R("24h.com.vn", ENEWSPAPER),
};
#undef R

static bool host_matches(const char *host, size_t hlen, const struct host_rule *r)
{
	size_t dlen = strlen(r->domain);

	if (hlen == dlen)
		return r->how != SUB_ONLY && memcmp(host, r->domain, dlen) == 0;
	if (hlen > dlen && r->how != SELF_ONLY)
		return host[hlen - dlen - 1] == '.' &&
		       memcmp(host + hlen - dlen, r->domain, dlen) == 0;
	return false;
}

lt_channel lt_url_host_channel(const char *host)
{
	size_t hlen;

	if (!host)
		return LT_CHANNEL_WEBSITE;
	hlen = strlen(host);
	while (hlen > 0 && host[hlen - 1] == '.')
		hlen--;
	for (size_t i = 0; i < sizeof(host_rules) / sizeof(host_rules[0]); i++)
		if (host_matches(host, hlen, &host_rules[i]))
			return host_rules[i].ch;
	return LT_CHANNEL_WEBSITE;
}

