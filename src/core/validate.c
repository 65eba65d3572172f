/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* validate.c — see validate.h. */
#include "core/validate.h"

#include <string.h>

bool lt_date_valid(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, max;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

int lt_check_date(const char *field, const char *s, lt_error *e)
{
	if (lt_date_valid(s))
		return 0;
	return lt_error_set(e, LT_EINVAL, field, "Ngày không hợp lệ (cần dạng YYYY-MM-DD): %s",
			    "Invalid date (expected YYYY-MM-DD): %s", s ? s : "(trống/empty)");
}

int lt_check_code(const char *field, const char *s, lt_error *e)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 32)
		return lt_error_set(e, LT_EINVAL, field, "Mã phải dài từ 1 đến 32 ký tự",
				    "Code must be 1 to 32 characters long");
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return lt_error_set(e, LT_EINVAL, field,
					    "Mã chỉ gồm chữ không dấu, số và . _ -: \"%s\"",
					    "Code may only hold ASCII letters, digits and . _ -: \"%s\"",
					    s);
	}
	return 0;
}

int lt_check_text(const char *field, const char *s, size_t max, lt_error *e)
{
	size_t n = s ? strlen(s) : 0;
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i == n)
		return lt_error_set(e, LT_EINVAL, field, "Không được để trống", "Must not be empty");
	if (n > max)
		return lt_error_set(e, LT_EINVAL, field, "Dài quá %zu byte", "Longer than %zu bytes",
				    max);
	return 0;
}

/* RFC 5322 atext: what a dot-atom local part may hold besides dots. */
static bool atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

/* One DNS label: 1–63 of [A-Za-z0-9-], no hyphen at either end. */
static bool label_ok(const char *p, size_t n)
{
	if (n < 1 || n > 63 || p[0] == '-' || p[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
		      (p[i] >= '0' && p[i] <= '9') || p[i] == '-'))
			return false;
	return true;
}

/*
 * A strict subset of RFC 5321's Mailbox, written here because it is a few
 * lines and no Debian library offers it as a pure check: a dot-atom local
 * part (≤ 64), '@', a domain of two or more DNS labels whose last is a
 * top-level domain (letters, or an IDN's "xn--" form), ASCII only, ≤ 254 in
 * all. Quoted local parts, address literals, display names, lists and any
 * control character are refused, so that nothing a mail header could read
 * as a second address or a second line gets through.
 */
static bool mailbox_ok(const char *s)
{
	const char *at = strchr(s, '@'), *p, *dot;
	size_t n = strlen(s), labels = 0;

	if (n > 254 || !at || at == s || at - s > 64 || strchr(at + 1, '@'))
		return false;
	for (p = s; p < at; p++)
		if (!atext(*p) && !(*p == '.' && p > s && p + 1 < at && p[1] != '.'))
			return false;
	for (p = at + 1;; p = dot + 1) {
		dot = strchr(p, '.');
		if (!label_ok(p, dot ? (size_t)(dot - p) : strlen(p)))
			return false;
		labels++;
		if (!dot)
			break;
	}
	/* p is the top-level domain: letters only, at least two, or an IDN. */
	if (labels < 2 || strlen(p) < 2)
		return false;
	if (!strncmp(p, "xn--", 4))
		return true;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return true;
}

int lt_check_email(const char *field, const char *s, lt_error *e)
{
	if (!s || !*s)
		return 0;
	if (!mailbox_ok(s))
		return lt_error_set(e, LT_EINVAL, field,
				    "Địa chỉ e-mail không hợp lệ: cần đúng một địa chỉ dạng"
				    " ten@ten-mien.vn (chữ không dấu, không khoảng trắng, không danh sách)",
				    "Invalid e-mail address: exactly one plain address such as"
				    " name@domain.vn is required (ASCII, no spaces, no list)");
	return 0;
}

int lt_check_login(const char *field, const char *s, lt_error *e)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 2 || n > 64)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			goto bad;
	}
	return 0;
bad:
	return lt_error_set(e, LT_EINVAL, field,
			    "Tên đăng nhập gồm 2–64 ký tự a-z, 0-9, . _ -",
			    "Login must be 2–64 characters of a-z, 0-9, . _ -");
}
