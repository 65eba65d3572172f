/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * url.h — link canonicalisation and channel detection.
 *
 * A cadre pastes a link from a phone; lantoa keeps one canonical form of it
 * (so that the same post shared twice is recognised) and guesses the channel
 * (facebook, zalo, youtube, …) from its host. Parsing is libcurl's URL API
 * (curl_url); the rules on top of it are:
 *
 *  - input: surrounding white space (also NBSP, zero-width space, BOM) is
 *    trimmed; no scheme ("facebook.com/…", "//host/…") means https; only
 *    http and https are accepted; at most LT_URL_MAX bytes of valid UTF-8.
 *  - user:pass@ is REJECTED, not dropped: no public share link carries
 *    credentials, "https://facebook.com@evil.example/" is a phishing trick,
 *    and storing a password in an activity record would leak it.
 *  - scheme and host lower-case; IDN hosts in punycode ("báo.vn" →
 *    "xn--bo-mia.vn"); trailing dots of the host dropped; default port and
 *    fragment dropped; dot segments resolved (curl).
 *  - percent-encoding normalised (RFC 3986 §6.2.2): hex digits upper-case,
 *    escaped unreserved characters decoded ("%7e" → "~"; not "." in paths,
 *    so no new dot segment appears), raw non-ASCII, space, quotes and angle
 *    brackets encoded.
 *  - trailing slashes removed from non-root paths ("/a/b/" → "/a/b").
 *  - tracking parameters removed: utm_*, fbclid, gclid, dclid, msclkid,
 *    zarsrc, gidzl, igshid, mibextid, si, share_source, __cft__*, __tn__, …
 *    on every host; ref/refid/rdid/… on facebook, feature/pp on youtube,
 *    _t/_r/is_from_webapp/sender_device/… on tiktok, s/t on twitter/x.
 *  - the remaining query parameters are SORTED by name (stable: repeated names
 *    keep their order, as a=1&a=2 may differ from a=2&a=1). The same link
 *    copied from two apps often differs only in parameter order; sorting
 *    makes those one key, and servers do not care about the order.
 *  - platforms (all https-only, so http is upgraded to https there):
 *      facebook: www./m./mbasic./web./touch./mobile./d./free./xx-xx. →
 *                facebook.com; fb.watch and fb.com kept (www. folded).
 *      youtube:  youtube.com, m. → www.youtube.com; youtu.be/ID, /shorts/ID,
 *                /live/ID, /embed/ID, /v/ID and youtube-nocookie.com/embed/ID
 *                → https://www.youtube.com/watch?v=ID; /watch keeps v only
 *                (t=, list=, si=… dropped).
 *      tiktok:   tiktok.com, m. → www.tiktok.com; /@user/video/ID loses its
 *                whole query; vt./vm. short links kept (no network here).
 *      zalo:     www.zalo.me → zalo.me.
 *    Elsewhere "www." is kept: for an arbitrary site www.x and x may be
 *    different servers.
 *
 * Thread-safe: IDN conversion runs under a thread-local C.UTF-8 locale
 * (uselocale), because libidn2 inside curl reads the input in the locale's
 * encoding; without that locale the host is kept as typed.
 */
#ifndef LT_NET_URL_H
#define LT_NET_URL_H

#include "core/error.h"

/* Longest link accepted, in bytes (input after trimming, and output). */
#define LT_URL_MAX 2048

/* Where a communication item was published. Codes: see lt_channel_code(). */
typedef enum lt_channel {
	LT_CHANNEL_FACEBOOK = 0, /* "facebook" */
	LT_CHANNEL_ZALO,         /* "zalo" */
	LT_CHANNEL_YOUTUBE,      /* "youtube" */
	LT_CHANNEL_TIKTOK,       /* "tiktok" */
	LT_CHANNEL_WEBSITE,      /* "website": a unit's or any other site */
	LT_CHANNEL_ENEWSPAPER,   /* "e-newspaper" */
	LT_CHANNEL_RADIO,        /* "radio" */
	LT_CHANNEL_TV,           /* "tv" */
	LT_CHANNEL_PRINT,        /* "print": never detected from a link */
	LT_CHANNEL_EVENT,        /* "event": never detected from a link */
	LT_CHANNEL_OTHER,        /* "other": social networks not tracked apart */
	LT_CHANNEL_COUNT
} lt_channel;

/* Stable lower-case code of c ("facebook", "e-newspaper", …); "other" when out of range. */
const char *lt_channel_code(lt_channel c);

/*
 * Parse a channel code (exact, lower-case, as lt_channel_code() writes it).
 * IN code (borrowed); OUT *out. Returns 0, or LT_EINVAL with e (field
 * "channel") filled.
 */
int lt_channel_from_code(const char *code, lt_channel *out, lt_error *e);

/*
 * Channel of a host name (lower-case ASCII/punycode, as in a canonical URL).
 * Subdomains match their domain (m.vnexpress.net → e-newspaper); unknown
 * hosts, IP addresses and NULL → website.
 */
lt_channel lt_url_host_channel(const char *host);

/*
 * Canonical form of the link in (NUL-terminated, borrowed) and its channel.
 * OUT *out: returns owned malloc'd string (free()), NULL on error.
 * OUT *channel (may be NULL): detected channel, on success only.
 * Returns 0; LT_EINVAL (not a link, other scheme, credentials, bad UTF-8),
 * LT_ETOOBIG (over LT_URL_MAX bytes) or LT_ENOMEM, with e (field "url") filled.
 * lt_url_canonical(*out) gives *out again.
 */
LT_MUST_CHECK int lt_url_canonical(const char *in, char **out, lt_channel *channel, lt_error *e);

#endif
