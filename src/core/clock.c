/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* clock.c — see clock.h. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"

int64_t lt_now(void)
{
	const char *pin = getenv("LANTOA_NOW");

	if (pin && *pin)
		return strtoll(pin, NULL, 10);
	return (int64_t)time(NULL);
}

int64_t lt_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return lt_now() * 1000000 + ts.tv_nsec / 1000;
}

void lt_vn_tm(int64_t t, struct tm *tm)
{
	time_t x = (time_t)(t + LT_VN_OFFSET);

	gmtime_r(&x, tm);
}

int64_t lt_vn_day(int64_t t)
{
	int64_t x = t + LT_VN_OFFSET;

	return x >= 0 ? x / 86400 : (x - 86399) / 86400;
}

void lt_vn_format(int64_t t, const char *fmt, char *out, size_t n)
{
	struct tm tm;

	lt_vn_tm(t, &tm);
	if (!strftime(out, n, fmt, &tm) && n)
		out[0] = '\0';
}

void lt_vn_date(int64_t t, char out[11])
{
	lt_vn_format(t, "%Y-%m-%d", out, 11);
}

void lt_today(char buf[11])
{
	lt_vn_date(lt_now(), buf);
}

int64_t lt_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void lt_civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

int64_t lt_vn_epoch(int y, int m, int d, int h, int mi, int s)
{
	return lt_days_from_civil(y, m, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + s -
	       LT_VN_OFFSET;
}

int lt_iso_day(const char *s, int64_t *day)
{
	int y, m, d;

	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return LT_EINVAL;
	*day = lt_days_from_civil(y, m, d);
	return 0;
}

void lt_iso_of_day(int64_t day, char out[11])
{
	time_t x = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&x, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
