/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * remind.h — reminders to units late with their report: every recipient
 * unit with an e-mail address and nothing submitted is reminded once per
 * configured offset (days relative to the report deadline, negative =
 * before), by a queued e-mail that the mail worker delivers.
 */
#ifndef LT_APP_REMIND_H
#define LT_APP_REMIND_H

#include <stddef.h>

#include "app/actor.h"
#include "core/error.h"
#include "store/db.h"

/*
 * Queue the reminders of directive due today: for each unit, the latest
 * offset that has passed and was not sent yet (earlier ones are marked
 * done without a mail). All of a directive's reminders or none. The actor
 * must be an officer whose part of the tree issued the directive (the
 * operator and the system always are). *queued gets the count.
 */
LT_MUST_CHECK int lt_app_report_remind(lt_db *db, const lt_actor *who, int64_t directive,
				       const int *offsets, size_t n, int *queued, lt_error *e);

/*
 * The same for every issued directive whose deadline lies within a month
 * either side of today (the server's hourly round; system or operator
 * only). A directive that fails does not stop the others: its error is
 * returned once all were tried.
 */
LT_MUST_CHECK int lt_app_remind_due(lt_db *db, const lt_actor *who, const int *offsets, size_t n,
				    int *queued, lt_error *e);

/*
 * "Remind now" (the review page's button): remind every recipient unit of
 * directive that has submitted nothing and has an e-mail address, at most
 * once a day (the offset is today's distance from the deadline). Same
 * access as lt_app_report_remind; LT_ECONFLICT naming "report_deadline"
 * when the directive asks for no report. *queued gets the count, *late the
 * units with nothing submitted (reminded or not).
 */
LT_MUST_CHECK int lt_app_report_remind_now(lt_db *db, const lt_actor *who, int64_t directive,
					   int *queued, int *late, lt_error *e);

#endif
