/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_names.c — the words a document shows instead of codes: channel
 * labels (the same table the web UI uses, web/src/i18n/activities.js
 * "act.channel.*") and the file name of a rendered report.
 */
#include "render/report_render.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "core/clock.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))

static const struct {
	const char *code, *vi, *en;
} channels[] = {
	{ "facebook", "Facebook", "Facebook" },
	{ "zalo", "Zalo", "Zalo" },
	{ "youtube", "YouTube", "YouTube" },
	{ "tiktok", "TikTok", "TikTok" },
	{ "website", "Trang web", "Website" },
	{ "e-newspaper", "Báo điện tử", "E-newspaper" },
	{ "radio", "Phát thanh", "Radio" },
	{ "tv", "Truyền hình", "TV" },
	{ "print", "Báo in", "Print" },
	{ "event", "Sự kiện trực tiếp", "In-person event" },
	{ "other", "Khác", "Other" },
};

const char *lt_channel_label(const char *code, bool english)
{
	if (!code || !*code)
		code = "other";
	for (size_t i = 0; i < sizeof(channels) / sizeof(channels[0]); i++)
		if (!strcmp(channels[i].code, code))
			return english ? channels[i].en : channels[i].vi;
	return code; /* a code newer than this table: shown as stored, never dropped */
}

/*
 * Append the ASCII form of s to out (at *w, at most cap - 1 bytes): letters
 * lose their marks but keep their case (đ → d, Đ → D), anything else that is
 * not a letter or digit becomes one '-' (no leading, trailing or double '-').
 */
static void ascii_part(const char *s, char *out, size_t cap, size_t *w)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
	bool dash = *w > 0;

	while (left > 0) {
		utf8proc_int32_t cp, dec[4];
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
		int opts = 0;
		char c = 0;

		if (n <= 0)
			break;
		p += n;
		left -= n;
		if (cp == 0x111)
			cp = 'd';
		else if (cp == 0x110)
			cp = 'D';
		else if (cp >= 128 && utf8proc_decompose_char(cp, dec, 4, UTF8PROC_DECOMPOSE, &opts) > 0)
			cp = dec[0];
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
			c = (char)cp;
		if (!c) {
			dash = *w > 0;
			continue;
		}
		if (dash && *w + 2 < cap)
			out[(*w)++] = '-';
		dash = false;
		if (*w + 1 < cap)
			out[(*w)++] = c;
	}
	out[*w] = '\0';
}

void lt_report_file_name(json_t *snap, const char *ext, char *out, size_t cap)
{
	json_t *u = json_object_get(snap, "unit");
	char day[11], place[96];
	size_t w = 0, pw = 0;

	lt_vn_date(json_integer_value(json_object_get(snap, "generated_at")), day);
	ascii_part("bao-cao", out, cap, &w);
	ascii_part(S(json_object_get(snap, "directive"), "number"), out, cap, &w);
	/* The unit by its place name, in lower case: "LĐLĐ huyện Gia Lâm" → "gia-lam". */
	ascii_part(lt_report_place(S(u, "name")), place, sizeof(place), &pw);
	for (char *c = place; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	ascii_part(place, out, cap, &w);
	ascii_part(json_integer_value(json_object_get(snap, "generated_at")) ? day : NULL, out, cap,
		   &w);
	if (ext && *ext && w + strlen(ext) + 2 < cap)
		w += (size_t)snprintf(out + w, cap - w, ".%s", ext);
	out[w] = '\0';
}

int lt_report_file_names(json_t *snap, const char *ext, lt_arena *a, const char **ascii,
			 const char **utf8)
{
	json_t *u = json_object_get(snap, "unit");
	char name[160], day[11] = "";
	const char *n = S(json_object_get(snap, "directive"), "number");
	char *s;

	lt_report_file_name(snap, ext, name, sizeof(name));
	if (json_integer_value(json_object_get(snap, "generated_at")))
		lt_vn_date(json_integer_value(json_object_get(snap, "generated_at")), day);
	*ascii = lt_arena_strdup(a, name);
	s = lt_arena_printf(a, "Báo cáo%s%s %s%s%s%s%s", n && *n ? " " : "", n ? n : "",
			    lt_report_place(S(u, "name")) ? lt_report_place(S(u, "name")) : "",
			    *day ? " " : "", day, ext && *ext ? "." : "", ext ? ext : "");
	/* No path or shell punctuation in a file name: "42/LĐLĐ" → "42-LĐLĐ". */
	for (char *c = s; c && *c; c++)
		if (strchr("/\\:*?\"<>|", *c) || (unsigned char)*c < 0x20)
			*c = '-';
	*utf8 = s;
	return *ascii && *utf8 ? 0 : LT_ENOMEM;
}
