/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* feedback_int.h — what the store/feedback*.c files share and nobody else uses. */
#ifndef LT_FEEDBACK_INT_H
#define LT_FEEDBACK_INT_H

#include "core/error.h"
#include "store/feedback.h"

/* The statuses lt_fb_status_open() calls open, as SQL. */
#define FB_OPEN_SQL "('new', 'in_progress', 'proposed', 'escalated')"

/*
 * A message's columns and tables, as lt_fb_read_row reads them; CASES is
 * the column of its case's size (FB_COLS counts it; an export, which does
 * not show it, reads 0).
 */
#define FB_COLS_WITH(CASES)                                                                 \
	"f.id, f.unit_id, f.handler_unit_id, f.case_id, " CASES ","                         \
	" u.code, u.name, u.path, u.level, l.grassroots, h.name, h.path,"                  \
	" f.receipt, f.channel, f.text, f.sender_name, f.sender_phone, f.anonymous,"        \
	" f.topics, f.topics_source, f.why, f.urgent, f.urgency_why, f.status,"             \
	" f.proposal, f.answer, f.answer_published, f.received_at, f.due_at,"               \
	" f.created_at, f.updated_at, f.text_fold, f.verdict, f.verdict_at, f.reopened_at"
#define FB_COLS FB_COLS_WITH("(SELECT count(*) FROM feedback c WHERE c.case_id = f.case_id)")
#define FB_FROM                                                                            \
	" FROM feedback f JOIN unit u ON u.id = f.unit_id JOIN level l ON l.code = u.level" \
	" JOIN unit h ON h.id = f.handler_unit_id"

/* The current row of an FB_COLS query into f (strings copied into a). */
void lt_fb_read_row(lt_stmt *st, lt_arena *a, lt_feedback *f);

/* The out-of-memory error, set on e. */
int lt_fb_nomem(lt_error *e);
/* LT_ENOTFOUND naming "id": no message id. */
int lt_fb_notfound(lt_error *e, int64_t id);

#endif
