/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* feedback_int.h — what the store/feedback*.c files share and nobody else uses. */
#ifndef LT_FEEDBACK_INT_H
#define LT_FEEDBACK_INT_H

#include "core/error.h"
#include "store/feedback.h"

/* The statuses lt_fb_status_open() calls open, as SQL. */
#define FB_OPEN_SQL "('new', 'in_progress', 'proposed', 'escalated')"

/* The out-of-memory error, set on e. */
int lt_fb_nomem(lt_error *e);
/* LT_ENOTFOUND naming "id": no message id. */
int lt_fb_notfound(lt_error *e, int64_t id);

#endif
