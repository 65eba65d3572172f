/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mailq.h — deliver the queued mail (store/mail.h) over SMTP (net/smtp.h). */
#ifndef LT_APP_MAIL_H
#define LT_APP_MAIL_H

#include "core/error.h"
#include "net/smtp.h"
#include "store/db.h"

/*
 * Try every message due now (at most limit): send, log the attempt with the
 * server's reply, and leave failures for a later retry. *sent and *failed
 * (may be NULL) count this run's outcomes. Errors of one message never stop
 * the others; the return value is for database errors only.
 */
int lt_mailq_run(lt_db *db, const lt_smtp_config *c, int limit, int *sent, int *failed,
		 lt_error *e);

#endif
