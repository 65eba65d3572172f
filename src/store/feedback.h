/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback.h — the rows of workers' feedback: messages, their handling
 * steps, the officers' topic rules, the stored topic model, the public
 * form's rate counters, and the counts of the summary.
 *
 * SQL and typed rows only. What a row means — who may see it, whether a
 * step is allowed (core/feedback.h), which topics a text gets (rules and
 * model, app/feedback) — is decided above. Read functions return senders
 * unmasked: app/feedback masks them for the viewer and logs full views.
 *
 * Write functions run in one transaction each (nested in the caller's) and
 * record their audit events. Strings in returned values are owned by the
 * arena.
 */
#ifndef LT_FEEDBACK_H
#define LT_FEEDBACK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/feedback.h"
#include "store/db.h"
#include "text/topics.h"

typedef struct lt_feedback {
	int64_t id;
	int64_t unit_id;         /* receiving unit */
	int64_t handler_unit_id; /* the unit that holds it now (moves up on escalation) */
	int64_t case_id;         /* id of the first message of its near-duplicate case */
	int64_t case_count;      /* messages in that case */
	const char *unit_code, *unit_name, *unit_path, *unit_level;
	bool unit_grassroots;    /* the receiving unit is a grassroots (enterprise) union */
	const char *handler_name, *handler_path;
	const char *receipt;
	const char *channel;
	const char *text;
	const char *sender_name;  /* as stored; app/feedback masks it for the viewer */
	const char *sender_phone;
	int sender;               /* enum lt_fb_sender, set by app/feedback */
	bool anonymous;
	uint32_t topics;          /* bit t = enum lt_topic t */
	const char *topics_source; /* "rules", "model" or "cadre" */
	const char *why;          /* JSON array text: [{"kind","topic","term","weight"}…] */
	bool urgent;
	const char *urgency_why;
	int status;               /* enum lt_fb_status */
	const char *proposal;
	const char *answer;
	bool answer_published;
	bool overdue;
	int64_t received_at, due_at, created_at, updated_at;
	int verdict;              /* enum lt_fb_verdict of the worker; -1: none */
	int64_t verdict_at;       /* 0: none */
	int64_t reopened_at;      /* the worker reopened it and the holder has not acted; 0: no */
} lt_feedback;

/* A new message, validated and classified by the caller. */
typedef struct lt_feedback_row {
	int64_t unit_id;
	const char *channel;
	const char *text, *text_fold;     /* NFC; folded for search */
	const char *sender_name, *sender_phone; /* NULL: none */
	bool anonymous;
	int64_t received_at, due_at;
	uint32_t topics;
	const char *topics_source, *why;  /* "rules"/"model"; JSON array text */
	bool urgent;
	const char *urgency_why;          /* NULL unless urgent */
	uint64_t simhash;
	int64_t case_id;                  /* 0: the message starts its own case */
} lt_feedback_row;

/* Tests only: when set, draws the receipt codes lt_feedback_insert tries (NULL: at random). */
extern void (*lt_fb_receipt_draw)(char out[LT_FB_RECEIPT_LEN + 1]);

/*
 * Store the message with a fresh receipt code, its "receive" step and a
 * "create" audit event by actor (user id or 0). OUT *id_out, receipt (both
 * may be NULL).
 */
LT_MUST_CHECK int lt_feedback_insert(lt_db *db, const lt_feedback_row *r, int64_t actor,
				     int64_t *id_out, char receipt[LT_FB_RECEIPT_LEN + 1],
				     lt_error *e);

/* How many of a unit's latest messages lt_feedback_find_case compares. */
#define LT_FB_CASE_SCAN 500

/*
 * The case of the nearest earlier message of unit_id received since `since`
 * whose SimHash lies within max_distance of sig (spam left out), or 0. Only
 * the unit's latest LT_FB_CASE_SCAN messages since `since` are looked at, so
 * that a lookup costs the same in a unit of 50 messages and of 50,000.
 */
LT_MUST_CHECK int lt_feedback_find_case(lt_db *db, int64_t unit_id, uint64_t sig, int64_t since,
					int max_distance, int64_t *case_id, lt_error *e);

/* One step of the handling history. */
typedef struct lt_fb_step {
	int64_t at;
	int64_t user_id;
	const char *user_name;  /* NULL for the system */
	int64_t unit_id;
	const char *unit_name;
	const char *action;
	const char *from_status, *to_status;
	const char *note;
} lt_fb_step;

typedef struct lt_feedback_query {
	const char *within;      /* receiving unit in this subtree (path), or NULL: all */
	int64_t handler_unit_id; /* only what this unit holds now, or 0 */
	int64_t involves;        /* held now or received by this unit, or 0 (an inbox) */
	int64_t unit_id;         /* received by this unit, or 0 */
	int status;              /* enum lt_fb_status, -1 any, -2 open (new…escalated) */
	int topic;               /* enum lt_topic, or -1 */
	int urgent;              /* -1 any, 0 or 1 */
	bool overdue;            /* only overdue ones */
	bool leads_only;         /* one row per near-duplicate case (its newest match) */
	int64_t case_id;         /* members of this case, or 0 */
	const char *q;           /* diacritic-insensitive search in the text, or NULL */
	int64_t from, to;        /* received_at in [from, to), 0 = unbounded */
	int limit;               /* 0: 50; at most 1000 */
	int offset;
	int64_t after_at, after_id; /* keyset paging: only rows after (received_at, id), newest first; 0: none */
	int scan;                /* the window: candidates looked at (0: LT_FB_SCAN) */
	int small;               /* a subtree of up to this many units is read unit by unit (0: LT_FB_SMALL) */
} lt_feedback_query;

/* How many candidate messages one list request looks at, at most. */
#define LT_FB_SCAN 5000
/* Subtrees up to this many units are read unit by unit, larger ones by time. */
#define LT_FB_SMALL 5000

/* A page of lt_feedback_list. */
typedef struct lt_feedback_page {
	lt_feedback *items;       /* arena array, senders unmasked */
	size_t n;
	size_t total;             /* matches in the window (from the cursor on) */
	bool more;                /* the window ended before the candidates: total is a floor */
	int64_t next_at, next_id; /* the next page's cursor (received_at, id); 0: the end */
} lt_feedback_page;

/* One message (sender unmasked). LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_feedback_get(lt_db *db, int64_t id, lt_arena *a, lt_feedback *out,
				  lt_error *e);
/*
 * A page of the messages matching q, newest first, from a window of at most
 * q->scan candidates after the cursor (feedback_list.c says how it reads).
 */
LT_MUST_CHECK int lt_feedback_list(lt_db *db, const lt_feedback_query *q, lt_arena *a,
				   lt_feedback_page *out, lt_error *e);
/* A batch of an export's messages, valid until the function returns: 0, or an error set on e. */
typedef int (*lt_feedback_batch_fn)(lt_feedback *rows, size_t n, void *ctx, lt_error *e);
/*
 * Every message matching q (its limit, offset, cursor and window aside),
 * newest first, in one walk: fn gets them `batch` at a time (the memory
 * held is a batch's). Their case_count is 0. fn's error ends the walk and
 * is returned.
 */
LT_MUST_CHECK int lt_feedback_each(lt_db *db, const lt_feedback_query *q, size_t batch,
				   lt_feedback_batch_fn fn, void *ctx, lt_error *e);
/* Handling history of one message, oldest first. Arena array. */
LT_MUST_CHECK int lt_feedback_steps(lt_db *db, int64_t id, lt_arena *a, lt_fb_step **items,
				    size_t *n, lt_error *e);

/*
 * Status of the message with receipt code (typed loosely: "abcd efgh"):
 * only status, dates and the answer when it was published. LT_ENOTFOUND
 * naming "code" for an unknown or malformed code.
 */
typedef struct lt_fb_public_status {
	int status;
	int64_t received_at, updated_at;
	const char *answer; /* NULL unless published */
	int verdict;        /* enum lt_fb_verdict the worker gave on this answer; -1: none */
	bool may_verdict;   /* set by app/feedback: the page may ask "was it fixed?" */
} lt_fb_public_status;
LT_MUST_CHECK int lt_feedback_status_by_receipt(lt_db *db, const char *code, lt_arena *a,
						lt_fb_public_status *out, lt_error *e);

/*
 * 0 when code has the shape of a receipt code (typed loosely), else the
 * same LT_ENOTFOUND naming "code" as an unknown code: a caller may count
 * only lookups that could find something.
 */
LT_MUST_CHECK int lt_feedback_receipt_shaped(const char *code, lt_error *e);

/*
 * The message of receipt code (typed loosely), for the worker's verdict:
 * OUT *id and *unit_id (the receiving unit). LT_ENOTFOUND naming "code".
 */
LT_MUST_CHECK int lt_feedback_receipt_find(lt_db *db, const char *code, int64_t *id,
					   int64_t *unit_id, lt_error *e);

/* ---------- handling (feedback_flow.c) ---------- */

/* A message as the flow needs it. */
typedef struct lt_fb_flow_row {
	int status;                /* enum lt_fb_status */
	int64_t unit_id, handler_unit_id;
	int64_t handler_parent;    /* 0: the holder is the root */
	bool urgent;
	const char *proposal, *answer, *text;
	uint32_t topics;
	bool answer_published;
	int verdict;               /* enum lt_fb_verdict; -1: none on this answer */
} lt_fb_flow_row;
/* LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_feedback_flow_get(lt_db *db, int64_t id, lt_arena *a, lt_fb_flow_row *out,
				       lt_error *e);

/* The new state after a step. */
typedef struct lt_fb_flow_set {
	int status;               /* enum lt_fb_status */
	int64_t handler_unit_id;
	const char *proposal, *answer;
	bool publish;             /* publish the answer (never unpublishes) */
	int64_t due_at;           /* 0: keep */
	bool new_answer;          /* a new answer: the worker's verdict on the old one goes */
} lt_fb_flow_set;
/*
 * The update a step makes (it also ends a reopening: the holder acted).
 */
LT_MUST_CHECK int lt_feedback_flow_update(lt_db *db, int64_t id, const lt_fb_flow_set *s,
					  lt_error *e);

/*
 * Store the worker's verdict (a code of core/feedback.h) on message id,
 * moving it from status `from` to `status`; reopen: put it on its holder's
 * to-do list with deadline due_at. LT_ECONFLICT naming "verdict" when the
 * message is no longer in `from` or was judged meanwhile (nothing written).
 */
LT_MUST_CHECK int lt_feedback_verdict_set(lt_db *db, int64_t id, const char *verdict, int from,
					  int status, bool reopen, int64_t due_at, lt_error *e);

/*
 * Record a handling step of message id by actor (user id or 0) for unit
 * (0: none) and the audit event named action. from may be NULL.
 */
LT_MUST_CHECK int lt_feedback_step_add(lt_db *db, int64_t id, int64_t actor, int64_t unit,
				       const char *action, const char *from, const char *to,
				       const char *note, lt_error *e);

/*
 * Set the topics of message id. source "cadre" overwrites anything; any
 * other source ("rules", "model") leaves a message a cadre confirmed as it
 * is. why: JSON array text.
 */
LT_MUST_CHECK int lt_feedback_topics_update(lt_db *db, int64_t id, uint32_t topics,
					    const char *source, const char *why, lt_error *e);

/* ---------- rules and model (feedback_rules.c) ---------- */

/* An officer's rule as stored. */
typedef struct lt_fb_rule {
	int64_t id;
	const char *topic, *pattern;
	double weight;
	int64_t created_by, created_at;
	int64_t unit_id;       /* its scope: the unit whose subtree it applies to; 0: the whole tree */
	const char *unit_path; /* that unit's path; "/" for the whole tree */
} lt_fb_rule;

/*
 * Store a rule (checked by the caller) for the subtree of unit_id (0: the
 * whole tree). OUT *rule_id. No audit: the caller records it.
 */
LT_MUST_CHECK int lt_feedback_rule_insert(lt_db *db, int64_t unit_id, const char *topic,
					  const char *pattern, double weight, int64_t actor,
					  int64_t *rule_id, lt_error *e);
/* The rules for the whole tree (unit_id 0: every message gets them), oldest first. Arena array. */
LT_MUST_CHECK int lt_feedback_rule_list(lt_db *db, lt_arena *a, lt_fb_rule **items, size_t *n,
					lt_error *e);

/* Which scoped rules lt_feedback_rule_scoped returns, as seen from a path. */
enum {
	LT_FB_RULES_ABOVE = 1,      /* of the path's own unit and the units above it: they apply there */
	LT_FB_RULES_BELOW = 2,      /* of the path's own unit and the units below it */
	LT_FB_RULES_WHOLE_TREE = 4, /* the whole tree's (unit_id 0) */
};
/*
 * The rules which (LT_FB_RULES_*) selects around path, oldest first (id
 * up): ids above after_id (0: from the oldest), at most max (0: all).
 * Arena array.
 */
LT_MUST_CHECK int lt_feedback_rule_scoped(lt_db *db, const char *path, unsigned which,
					  int64_t after_id, int max, lt_arena *a,
					  lt_fb_rule **items, size_t *n, lt_error *e);

/* A message's text and topics. */
typedef struct lt_fb_text {
	int64_t id;
	const char *text;
	uint32_t topics;
	const char *unit_path; /* the receiving unit's path (lt_feedback_unconfirmed only) */
} lt_fb_text;
/*
 * Messages received in the subtree within (path; NULL: all) whose topics no
 * cadre confirmed, newest first (at most 20000). Arena array.
 */
LT_MUST_CHECK int lt_feedback_unconfirmed(lt_db *db, const char *within, lt_arena *a,
					  lt_fb_text **items, size_t *n, lt_error *e);
/* Every message whose topics a cadre confirmed, oldest first: the training set. */
LT_MUST_CHECK int lt_feedback_confirmed(lt_db *db, lt_arena *a, lt_fb_text **items, size_t *n,
					lt_error *e);
/* How many messages a cadre confirmed. */
LT_MUST_CHECK int lt_feedback_confirmed_count(lt_db *db, int64_t *n, lt_error *e);

/* ---------- the model's rows (feedback_model.c) ---------- */

/*
 * The database keeps only what cadres' confirmations changed in the shipped
 * model (text/classify_fb_delta.h): one row per feature whose weights moved,
 * with the sum of its increments, and the biases as feature 0; a head row
 * says which shipped model they add to. A database written by an older
 * lantoa holds a whole copy in the head instead (a blob): the rows then add
 * to it, until a training replaces it with rows.
 */
#define LT_FB_MODEL_NOUT 8 /* the model's outputs: seven topics, then urgency */

/* State of the stored model. */
typedef struct lt_fb_model_info {
	bool present;
	int64_t n_train, updates, trained_at, updated_at;
	size_t bytes, nfeatures; /* bytes: of the rows and any whole copy; nfeatures: by app */
	int64_t confirmed;       /* messages a cadre confirmed: the training set */
	bool shipped;            /* filled by app/feedback: the shipped model classifies */
} lt_fb_model_info;
/* Everything but nfeatures. */
LT_MUST_CHECK int lt_feedback_model_meta(lt_db *db, lt_fb_model_info *out, lt_error *e);

/* What a reader checks before using the copy it built: one small row. */
#define LT_FB_STAMP_MAX 64
typedef struct lt_fb_model_head {
	bool present;                /* something learnt: else the shipped model as it is */
	char stamp[LT_FB_STAMP_MAX]; /* random: new with every training or start over */
	int64_t version;             /* +1 with every confirmation learnt */
	int64_t base;                /* lt_fbm_id of the shipped model the rows add to */
	int64_t updates;             /* confirmations learnt since the last training */
	size_t blob;                 /* bytes of a whole copy from an older lantoa, or 0 */
} lt_fb_model_head;
LT_MUST_CHECK int lt_feedback_model_head(lt_db *db, lt_fb_model_head *out, lt_error *e);
/* The stored model's stamp ("" when there is none): a token that changes with every
 * confirmation learnt and every training ("<stamp>.<version>"). */
LT_MUST_CHECK int lt_feedback_model_stamp(lt_db *db, char stamp[LT_FB_STAMP_MAX], lt_error *e);
/* The whole copy an older lantoa stored (copied into a), or *p NULL when there is none. */
LT_MUST_CHECK int lt_feedback_model_blob(lt_db *db, lt_arena *a, const void **p, size_t *n,
					 lt_error *e);

/* One changed feature: the sums of its increments. */
typedef struct lt_fb_model_row {
	uint64_t feature;              /* 0: the biases */
	double idf;                    /* of a feature the shipped model lacks */
	double w[LT_FB_MODEL_NOUT];
	int64_t version;               /* of the confirmation that changed it last */
} lt_fb_model_row;
/*
 * Call fn on every row changed after version since (-1: every row), until
 * fn returns non-zero (returned). 0, or < 0 on a database error.
 */
LT_MUST_CHECK int lt_feedback_model_rows(lt_db *db, int64_t since,
					 int (*fn)(void *ctx, const lt_fb_model_row *r, lt_error *e),
					 void *ctx, lt_error *e);
/*
 * Take the head row, in the caller's transaction: on PostgreSQL its lock
 * makes another node's confirmation or training wait until this
 * transaction ends, and then see what it wrote. create: make an empty head
 * first when there is none (base 0: lt_feedback_model_reset it).
 */
LT_MUST_CHECK int lt_feedback_model_lock(lt_db *db, bool create, lt_error *e);
/*
 * Add n rows' increments to the stored sums (a feature new to the table is
 * inserted with its idf) as the next version; update: counted as an update
 * of the copy (not its first confirmation, nor a training's rows).
 */
LT_MUST_CHECK int lt_feedback_model_add(lt_db *db, const lt_fb_model_row *rows, size_t n,
					bool update, lt_error *e);
/*
 * Start over from the shipped model whose id is base: no row, no whole
 * copy, a new stamp; n_train > 0 messages trained on (a training) or a
 * fresh copy started by a confirmation.
 */
LT_MUST_CHECK int lt_feedback_model_reset(lt_db *db, int64_t base, int64_t n_train, lt_error *e);
/* Store a whole copy (n bytes) as lantoa did before the rows (tests of an old database). */
LT_MUST_CHECK int lt_feedback_model_put(lt_db *db, const void *p, size_t n, int64_t n_train,
					lt_error *e);
/* Forget the model and its rows (the shipped model classifies). */
LT_MUST_CHECK int lt_feedback_model_drop(lt_db *db, lt_error *e);

/* ---------- public form limits (feedback.c) ---------- */

/*
 * May one more public form post from ip to unit_id be taken now? Counts the
 * posts of the last `window` seconds per IP (kept only as a hash) and per
 * unit against max_ip and max_unit; when allowed, the post is counted.
 * *allowed false: over a limit, nothing counted.
 */
LT_MUST_CHECK int lt_feedback_rate_take(lt_db *db, const char *ip, int64_t unit_id, int window,
					int max_ip, int max_unit, bool *allowed, lt_error *e);

/* ---------- summary for reports (feedback_summary.c) ---------- */

typedef struct lt_fb_sum_unit {
	int64_t id;
	const char *code, *name;
	int64_t total, urgent, open, overdue;
} lt_fb_sum_unit;

typedef struct lt_fb_sum_week {
	int64_t monday; /* days since 1970-01-01 */
	int64_t total;
	int64_t topic[LT_TOPIC_COUNT];
} lt_fb_sum_week;

typedef struct lt_fb_sum_case {
	int64_t case_id, count, open;
	bool urgent;
	const char *text, *status, *unit_code, *unit_name;
	uint32_t topics;
	const char *proposal, *answer; /* the latest of the case, or NULL */
} lt_fb_sum_case;

/*
 * The "tổng hợp và đề xuất" of a subtree for a period: counts by topic,
 * status, urgency, direct sub-unit (the root itself for its own messages)
 * and week (oldest first), and the largest near-duplicate cases. No
 * personal data: senders are never read.
 */
typedef struct lt_fb_summary {
	int64_t unit_id;
	const char *unit_code, *unit_name;
	const char *from, *to; /* the period as asked (ISO dates), or NULL: unbounded */
	int64_t total, urgent, overdue;
	int64_t by_topic[LT_TOPIC_COUNT];
	int64_t by_status[LT_FB_STATUS_COUNT];
	lt_fb_sum_unit *units;
	size_t nunits;
	lt_fb_sum_week *weeks;
	size_t nweeks;
	lt_fb_sum_case *cases;
	size_t ncases;
} lt_fb_summary;

/*
 * The summary of root_unit_id's subtree for messages received in [t0, t1)
 * with the top_n (1..100) largest cases; from/to of *out are left NULL.
 * LT_ENOTFOUND naming "unit_id" for an unknown unit.
 */
LT_MUST_CHECK int lt_feedback_summary_read(lt_db *db, int64_t root_unit_id, int64_t t0,
					   int64_t t1, int top_n, lt_arena *a, lt_fb_summary *out,
					   lt_error *e);

/*
 * The same summary as a JSON document, from..to ISO dates inclusive (NULL:
 * unbounded), top_n ≤ 0 or > 100 meaning 10. OUT *out: a new object.
 *
 * Kept only for store/rollup_collect.c, which builds the report snapshot in
 * store today. The document is the one app/feedback_json.c writes
 * (lt_app_feedback_summary_json); once the roll-up moves to app/ it calls
 * that and this function goes.
 */
LT_MUST_CHECK int lt_feedback_summary(lt_db *db, int64_t root_unit_id, const char *from,
				      const char *to, int top_n, json_t **out, lt_error *e);

#endif
