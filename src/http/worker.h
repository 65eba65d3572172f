/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* worker.h — the server's background thread (mail delivery, reminders). */
#ifndef LT_WORKER_H
#define LT_WORKER_H

#include "http/http.h"

/* Start the worker when app->smtp.url is set (else do nothing). 0 or < 0. */
int lt_worker_start(lt_app *app);
/* Stop it and wait for it to finish its round. */
void lt_worker_stop(void);

#endif
