/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * clock.h — the one clock of lantoa, on the campaign's calendar.
 *
 * Time is kept as seconds since the epoch (UTC). Days, deadlines and dates
 * shown to people are Vietnam's (UTC+7, no daylight saving), so every
 * conversion between the two goes through here and nowhere else.
 * Tests may pin the clock with LANTOA_NOW (epoch seconds).
 */
#ifndef LT_CLOCK_H
#define LT_CLOCK_H

#include "core/error.h"

#include <stdint.h>
#include <time.h>

/* Vietnam's offset from UTC, seconds. */
#define LT_VN_OFFSET (7 * 3600)

/* Now: seconds since the epoch, or $LANTOA_NOW when set. */
int64_t lt_now(void);
/*
 * lt_now() in microseconds, the microseconds within its second read off the
 * real clock: orders events of one second (sessions opened in a burst) by
 * when they happened.
 */
int64_t lt_now_us(void);
/* Today's date in Vietnam, ISO "YYYY-MM-DD", into buf[11]. */
void lt_today(char buf[11]);

/* The broken-down Vietnam local time of epoch t. */
void lt_vn_tm(int64_t t, struct tm *tm);
/* Day number (days since 1970-01-01) of epoch t on Vietnam's calendar. */
int64_t lt_vn_day(int64_t t);
/* Format epoch t in Vietnam time with strftime's fmt into out[n]. */
void lt_vn_format(int64_t t, const char *fmt, char *out, size_t n);
/* ISO date "YYYY-MM-DD" of epoch t in Vietnam, into out[11]. */
void lt_vn_date(int64_t t, char out[11]);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's algorithm). */
int64_t lt_days_from_civil(int y, int m, int d);
/* The date of day number z (days since 1970-01-01). */
void lt_civil_from_days(long z, long *y, unsigned *m, unsigned *d);
/* Epoch seconds of the Vietnam local time y-m-d h:mi:s. */
int64_t lt_vn_epoch(int y, int m, int d, int h, int mi, int s);
/*
 * Parse an ISO date "YYYY-MM-DD" (anything may follow) into its day number.
 * Returns 0 and *day, or LT_EINVAL when s is not a date.
 */
LT_MUST_CHECK int lt_iso_day(const char *s, int64_t *day);
/* ISO date of day number day, into out[11]. */
void lt_iso_of_day(int64_t day, char out[11]);

#endif
