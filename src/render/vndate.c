/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* vndate.c — see vndate.h. */
#include "render/vndate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool lt_vndate_valid(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int max;

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1] + (m == 2 && leap(y));
	return d <= max;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int lt_vndate_parse_iso(const char *s, int *y, int *m, int *d)
{
	int yy, mm, dd;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return LT_EINVAL;
	yy = digits(s, 4);
	mm = digits(s + 5, 2);
	dd = digits(s + 8, 2);
	if (yy < 0 || mm < 0 || dd < 0 || !lt_vndate_valid(yy, mm, dd))
		return LT_EINVAL;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

int lt_vndate_format_line(lt_buf *b, const char *place, int y, int m, int d)
{
	int rc;

	if (!lt_vndate_valid(y, m, d))
		return LT_EINVAL;
	if (place && place[0]) {
		rc = lt_buf_printf(b, "%s, ", place);
		if (rc)
			return rc;
	}
	/* The decree: zero-pad days below 10 and months 1–2 ("tháng 02"), so that
	 * nobody can later add a digit in front; months 3–12 are written plainly. */
	if (m < 3)
		return lt_buf_printf(b, "ngày %02d tháng %02d năm %d", d, m, y);
	return lt_buf_printf(b, "ngày %02d tháng %d năm %d", d, m, y);
}

int lt_vndate_format_short(lt_buf *b, int y, int m, int d)
{
	if (!lt_vndate_valid(y, m, d))
		return LT_EINVAL;
	return lt_buf_printf(b, "%02d/%02d/%04d", d, m, y);
}

/* Digits of u grouped by three with '.', into the end of tmp; returns start. */
static char *group(uint64_t u, char *tmp, size_t n)
{
	char *p = tmp + n - 1;
	int k = 0;

	*p = '\0';
	do {
		if (k && k % 3 == 0)
			*--p = '.';
		*--p = (char)('0' + u % 10);
		u /= 10;
		k++;
	} while (u);
	return p;
}

int lt_vndate_format_number(lt_buf *b, int64_t v)
{
	char tmp[40];
	/* Negate in unsigned arithmetic so that INT64_MIN works. */
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int rc;

	if (v < 0) {
		rc = lt_buf_add(b, "-", 1);
		if (rc)
			return rc;
	}
	return lt_buf_adds(b, group(u, tmp, sizeof(tmp)));
}

int lt_vndate_format_money(lt_buf *b, int64_t v)
{
	size_t len0 = b->len;
	int rc = lt_vndate_format_number(b, v);

	if (!rc)
		rc = lt_buf_adds(b, " đ");
	if (rc) {
		b->len = len0;
		if (b->ptr)
			b->ptr[len0] = '\0';
	}
	return rc;
}

int lt_vndate_format_decimal(lt_buf *b, double v, int decimals)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	char tmp[40], frac[8];
	double a, ip, scaled;
	uint64_t iu, fu;
	int n, rc;

	if (decimals < 0 || decimals > 6 || !isfinite(v) || fabs(v) >= 9e15)
		return LT_EINVAL;
	a = fabs(v);
	scaled = llround(a * pow10[decimals]);
	ip = floor(scaled / pow10[decimals]);
	iu = (uint64_t)ip;
	fu = (uint64_t)(scaled - ip * pow10[decimals]);
	n = decimals;
	while (n > 0 && fu % 10 == 0) {
		fu /= 10;
		n--;
	}
	if (v < 0 && (iu || fu)) {
		rc = lt_buf_add(b, "-", 1);
		if (rc)
			return rc;
	}
	rc = lt_buf_adds(b, group(iu, tmp, sizeof(tmp)));
	if (rc || n == 0)
		return rc;
	snprintf(frac, sizeof(frac), "%0*" PRIu64, n, fu);
	return lt_buf_printf(b, ",%s", frac);
}
