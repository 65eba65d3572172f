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

int lt_check_email(const char *field, const char *s, lt_error *e)
{
	const char *at, *dot;

	if (!s || !*s)
		return 0;
	at = strchr(s, '@');
	dot = at ? strchr(at, '.') : NULL;
	if (strlen(s) > 254 || !at || at == s || strchr(at + 1, '@') || !dot || dot == at + 1 ||
	    !dot[1] || strpbrk(s, " \t\r\n<>,;\"") || s[strlen(s) - 1] == '.')
		return lt_error_set(e, LT_EINVAL, field, "Địa chỉ e-mail không hợp lệ: %s",
				    "Invalid e-mail address: %s", s);
	return 0;
}

int lt_check_login(const char *field, const char *s, lt_error *e)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 3 || n > 64)
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
			    "Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, . _ -",
			    "Login must be 3–64 characters of a-z, 0-9, . _ -");
}
