/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_feedback.h — `lantoa feedback …` commands (workers' feedback messages). */
#ifndef LT_CMD_FEEDBACK_H
#define LT_CMD_FEEDBACK_H

#include "app/actor.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "store/db.h"

/*
 * The `lantoa feedback …` commands, adapters over app/feedback.h: each parses
 * its options (cli/opts.h; --help and --json everywhere, an unknown option
 * exits 2), acts as the console operator or, with --as LOGIN, as that user,
 * and returns 0 or a negative LT_E* code with cli->err filled.
 *   add      --unit CODE --text TEXT [--channel C] [--at T] [--name N]
 *            [--phone P] [--anonymous]: record a message received by
 *            hotline, Zalo, … and print its receipt code.
 *   import   FILE --unit CODE --text-col C [--time-col A] [--sender-col B]
 *            [--phone-col D] [--channel C] [--sheet S] [--no-header]: a
 *            CSV/XLSX chat export, all or nothing; errors name the cell.
 *   list     [--unit CODE] [--view subtree|inbox|held] [--status S|open]
 *            [--topic T] [--urgent] [--overdue] [--q TEXT] [--limit N]
 *            [--personal]: senders masked unless --personal (then each full
 *            view is audited).
 *   classify TEXT|-: topics (rules, then the model), why, urgency.
 *   train    retrain the model from the confirmed messages (rules only when
 *            too few).
 *   eval     --corpus DIR (cmd_feedback_eval.c): train the topic classifier
 *            on DIR/train, print accuracy, macro-F1 and weighted F1 on
 *            DIR/test (and DIR/dev), the training time and the speed.
 */

/*
 * demo_feedback.c: about 60 made-up workers' messages across the Gia Lâm
 * grassroots unions, in every status (escalated to the commune and the
 * district too), and the commune officers xa-00577 and xa-00565, through
 * the same use cases as everyone (app/feedback.h, as the operator). Runs in
 * the demo's transaction; leaves LANTOA_NOW unset.
 */
int lt_demo_feedback(lt_cli *cli, lt_db *db, lt_arena *a);
/* Pin lt_now() at t (epoch seconds): setenv LANTOA_NOW. */
void lt_demo_feedback_clock(int64_t t);
/*
 * Carry message id through plan as op, one letter a step, each some hours
 * after the previous one (never later than a minute ago): s start, p
 * propose, e escalate, a answer (published), c close, x spam, d duplicate,
 * t confirm the topics. k picks the proposal and answer texts.
 */
LT_MUST_CHECK int lt_demo_feedback_play(lt_db *db, const lt_actor *op, int64_t id,
					const char *plan, int64_t t, size_t k, lt_error *e);

#endif
