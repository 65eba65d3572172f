/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_mail.h — reports and reminders as queued e-mail (store/mail.h):
 * the report goes to the address its directive names, in Vietnamese, with
 * the PDF and the XLSX attached; units with nothing submitted are reminded
 * at configured offsets before and after the deadline.
 */
#ifndef LT_APP_REPORT_MAIL_H
#define LT_APP_REPORT_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

/*
 * Queue the latest submitted revision of report id to to (NULL: the
 * directive's report address). *mail_id gets the queued message.
 */
int lt_report_mail(lt_db *db, int64_t report_id, const char *to, int64_t *mail_id, lt_error *e);

/*
 * Queue reminders for directive: every recipient unit with an e-mail and
 * nothing submitted, for the latest offset (days relative to the deadline,
 * negative = before) that has passed today and not been sent yet. Earlier
 * offsets are marked done without a mail. *queued gets the count.
 */
int lt_report_remind(lt_db *db, int64_t directive, const int *offsets, size_t n, int *queued,
		     lt_error *e);

#endif
