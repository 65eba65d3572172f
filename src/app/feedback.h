/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback.h — the use cases of workers' feedback (letter 42/LĐLĐ: "collect
 * and promptly propose the feedback of members and workers"), shared by the
 * HTTP API, the public form, the CLI and the demo.
 *
 * Each function takes the actor and decides access first:
 *   - a message belongs to the subtree of its receiving unit: a user reads
 *     and handles the messages received in its unit's subtree, and moves a
 *     message on only while a unit of that subtree holds it;
 *   - officers write topic rules and train the model; any logged-in user
 *     (cadre and up) does the rest; the console operator does everything;
 *   - the public (the form) sends messages and checks a receipt code only.
 *
 * Personal data: the sender's name and phone are shown in full only to users
 * of the receiving unit and to administrators (and the operator), masked for
 * everyone else; a message marked "anonymous from my employer" never shows
 * its sender to the enterprise (grassroots) union that received it, nor to
 * anyone but administrators. Every record returned with its sender in full
 * is logged in the audit trail ("view_personal").
 *
 * Strings in returned values live in the arena a.
 */
#ifndef LT_APP_FEEDBACK_H
#define LT_APP_FEEDBACK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/config.h"
#include "app/io_sink.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/feedback.h"
#include "core/page.h"
#include "store/db.h"
#include "store/feedback.h"
#include "store/unit.h"
#include "text/classify.h"
#include "text/classify_fb.h"

/* ---------- intake (feedback_intake.c) ---------- */

/* A new message as an adapter received it. */
typedef struct lt_feedback_input {
	int64_t unit_id;          /* receiving unit; 0: the actor's own */
	const char *channel;      /* see lt_fb_channel_valid */
	const char *text;         /* 1..LT_FB_TEXT_MAX bytes of UTF-8 */
	const char *sender_name;  /* NULL or "": none */
	const char *sender_phone; /* digits, spaces, + . - ( ); NULL or "": none */
	bool anonymous;           /* keep me anonymous from my employer */
	int64_t received_at;      /* 0: now */
} lt_feedback_input;

/* What intake gave the new message. */
typedef struct lt_fb_added {
	int64_t id;
	char receipt[LT_FB_RECEIPT_LEN + 1];
} lt_fb_added;

/* A message with what the actor may do with it (lt_app_feedback_get). */
typedef struct lt_fb_view {
	lt_feedback f;            /* the sender masked for the actor */
	lt_fb_step *steps;        /* the handling history, oldest first */
	size_t nsteps;
	bool can_act;             /* a unit of the actor's subtree holds it */
	bool holder_has_parent;   /* it can still go up */
	lt_feedback *mates;       /* the other messages of its case (in the actor's subtree) */
	size_t nmates;
} lt_fb_view;

/*
 * A cadre (or the operator) records a message received by hotline, Zalo, in
 * person or through the API: validated, classified (rules, then the model),
 * flagged urgent, given its deadline, joined to a near-duplicate case. The
 * unit must lie in the actor's subtree. OUT *out; view (may be NULL): the
 * message as lt_app_feedback_get shows it.
 */
LT_MUST_CHECK int lt_app_feedback_add(lt_db *db, const lt_actor *who, const lt_feedback_input *in,
				      lt_fb_added *out, lt_arena *a, lt_fb_view *view,
				      lt_error *e);

/*
 * The unit whose public form is at /f/{unit_id}: any actor; LT_ENOTFOUND
 * naming "unit_id" when there is none or it is closed.
 */
LT_MUST_CHECK int lt_app_feedback_form_unit(lt_db *db, const lt_actor *who, int64_t unit_id,
					    lt_arena *a, lt_unit *out, lt_error *e);

/*
 * A worker posts the public form (who: the public, with its IP). The post
 * counts against the form's rate limits first: LT_ETHROTTLE when over one
 * (nothing stored). in->channel is "form". LT_EINVAL/LT_ETOOBIG name the
 * field of bad input. OUT *out with the receipt code.
 */
LT_MUST_CHECK int lt_app_feedback_form_post(lt_db *db, const lt_actor *who,
					    const lt_feedback_input *in, lt_fb_added *out,
					    lt_error *e);

/*
 * The status a receipt code shows (any actor; nothing personal), and
 * whether the worker may now say if the problem was fixed (out->may_verdict).
 * LT_ENOTFOUND naming "code".
 */
LT_MUST_CHECK int lt_app_feedback_receipt(lt_db *db, const lt_actor *who, const char *code,
					  lt_arena *a, lt_fb_public_status *out, lt_error *e);
/*
 * lt_app_feedback_receipt for the public pages, where codes can be guessed:
 * a code no message has counts on the login throttle's counter of who's
 * address (cfg's login_free_ip, login_delay...; key "receipt:"), a found one
 * takes its attempt back. Past the free failures every lookup from the
 * address is refused for the delay, the right code too: LT_ETHROTTLE with
 * *wait (seconds), so that a refused address learns nothing.
 */
LT_MUST_CHECK int lt_app_feedback_receipt_guarded(lt_db *db, const lt_actor *who,
						  const lt_http_config *cfg, const char *code,
						  lt_arena *a, lt_fb_public_status *out,
						  int64_t *wait, lt_error *e);
/*
 * The worker's verdict on the published answer of the message of receipt
 * code (the code is the capability; any actor): verdict "fixed" closes it,
 * "partly" and "not_fixed" reopen it on its holder's to-do list (rules in
 * core/feedback.h lt_fb_verdict_transition). Rate-limited like the form,
 * and the code guarded as lt_app_feedback_receipt_guarded (cfg; *wait).
 * OUT *out (may be NULL): the status after it. Errors: LT_EINVAL "verdict",
 * LT_ENOTFOUND "code", LT_ETHROTTLE, LT_ECONFLICT "verdict" (not now, or
 * already given).
 */
LT_MUST_CHECK int lt_app_feedback_verdict(lt_db *db, const lt_actor *who,
					  const lt_http_config *cfg, int64_t *wait, const char *code,
					  const char *verdict, lt_arena *a,
					  lt_fb_public_status *out, lt_error *e);

/* An import of chat exports (Zalo, Facebook, Excel): one message per row. */
typedef struct lt_fb_import_in {
	int64_t unit_id;          /* receiving unit of every row; 0: the actor's own */
	const char *channel;      /* NULL: "import" */
	const void *data;         /* the file's bytes (borrowed) */
	size_t len;
	const char *format;       /* "csv", "xlsx", or NULL: by content (a zip is XLSX) */
	const char *sheet;        /* NULL: the first */
	bool header;              /* the first row names the columns */
	int col_time, col_sender, col_phone, col_text; /* 1-based; 0: absent (text required) */
	bool dry_run;             /* check everything, write nothing */
} lt_fb_import_in;

#define LT_FB_PREVIEW_ROWS 6
#define LT_FB_PREVIEW_COLS 26

typedef struct lt_fb_import_out {
	size_t rows;              /* messages found */
	size_t created;           /* 0 on a dry run */
	bool dry_run;
	/* The first rows of the sheet as read, for the caller to check the columns. */
	const char *preview[LT_FB_PREVIEW_ROWS][LT_FB_PREVIEW_COLS];
	int preview_rows, preview_cols;
} lt_fb_import_out;

/*
 * Import the rows of a CSV or XLSX file as messages of one unit of the
 * actor's subtree, all or nothing (at most 20,000 rows). An error names the
 * cell as field ("A4") and says "Dòng 4, cột A: …" / "Row 4, column A: …".
 */
LT_MUST_CHECK int lt_app_feedback_import(lt_db *db, const lt_actor *who, const lt_fb_import_in *in,
					 lt_arena *a, lt_fb_import_out *out, lt_error *e);

/* Column "A".."IV" (any case) or a 1-based number up to 256 → index; 0 absent (NULL/""), -1 bad. */
int lt_app_feedback_column(const char *s);

/* ---------- reading (feedback_read.c) ---------- */

/* A list as an adapter asks for it. Strings are parsed here, errors name them. */
typedef struct lt_fb_list_in {
	const char *view;   /* "inbox" (default: held or received by the actor's unit), "held", "subtree" */
	const char *status; /* a status code, "open" (new … escalated), or NULL/"" */
	const char *topic;  /* a topic code or NULL/"" */
	int urgent;         /* -1 any, 0 or 1 */
	bool overdue;       /* only overdue ones */
	bool by_case;       /* one row per near-duplicate case */
	const char *q;      /* search, diacritics ignored (≤ 200 bytes) */
	int64_t unit_id;    /* received by this unit (in the actor's subtree), or 0 */
	int64_t under;      /* received in this unit's subtree (in the actor's), or 0 */
	int64_t case_id;    /* the messages of this case, or 0 */
	const char *from, *to; /* received on these ISO dates (inclusive), or NULL */
	int limit;          /* 0: 50; at most 1000 */
	int offset;
	const char *after;  /* a list page's cursor key ("received_at|id", core/page.h), or NULL */
	bool reveal;        /* show senders in full where the actor may (and log it) */
	const char *via;    /* for the audit: "list", "export", "cli" … (NULL: "list") */
} lt_fb_list_in;

typedef struct lt_fb_list {
	lt_feedback *items; /* senders masked for the actor */
	size_t n;
	size_t total;       /* matches from the cursor on, among the candidates looked at */
	bool total_more;    /* the look ended first (LT_FB_SCAN): total is a floor, next_cursor goes on */
	size_t overdue;     /* overdue messages of the same view, whatever the filters */
	bool overdue_more;  /* overdue is a floor */
	const char *next_cursor; /* the next page's cursor, or NULL at the end */
} lt_fb_list;

/* Messages the actor may read, newest first. */
LT_MUST_CHECK int lt_app_feedback_list(lt_db *db, const lt_actor *who, const lt_fb_list_in *in,
				       lt_arena *a, lt_fb_list *out, lt_error *e);

/*
 * One message of the actor's subtree with its history and its case.
 * reveal: show the sender in full where the actor may (and log it).
 */
LT_MUST_CHECK int lt_app_feedback_get(lt_db *db, const lt_actor *who, int64_t id, bool reveal,
				      lt_arena *a, lt_fb_view *out, lt_error *e);

/*
 * Every message of the list (in's filters; its limit and cursor ignored),
 * newest first, read in one walk and written out to sink 1,000 rows at a
 * time: a CSV (BOM and header first), or an XLSX streamed in constant
 * memory (render/xlsx_write.h), refused with LT_ETOOBIG naming "format"
 * past a sheet's 1,048,575 rows. Senders as the list shows them; full views
 * logged "export". A sink that fails: LT_EIO.
 */
LT_MUST_CHECK int lt_app_feedback_export(lt_db *db, const lt_actor *who, const lt_fb_list_in *in,
					 bool xlsx, lt_io_sink sink, void *ctx, lt_error *e);

/* The summary of a subtree for reports. */
typedef struct lt_fb_summary_in {
	int64_t unit_id;      /* the subtree's root; 0: the actor's unit */
	const char *from, *to; /* ISO dates, inclusive; NULL: unbounded */
	int top;              /* largest cases to list: 1..100 (others: 10) */
} lt_fb_summary_in;
LT_MUST_CHECK int lt_app_feedback_summary(lt_db *db, const lt_actor *who,
					  const lt_fb_summary_in *in, lt_arena *a,
					  lt_fb_summary *out, lt_error *e);

/*
 * The short link of unit_id's public form for its QR poster: the
 * [feedback] public_url, else http(s)://host (a bad host: localhost). The
 * unit must lie in the actor's subtree. OUT *u, *url.
 */
LT_MUST_CHECK int lt_app_feedback_form_link(lt_db *db, const lt_actor *who, int64_t unit_id,
					    const char *host, bool https, lt_arena *a, lt_unit *u,
					    const char **url, lt_error *e);

/* ---------- handling (feedback_flow.c) ---------- */

/* A handling step as an adapter received it. */
typedef struct lt_fb_action {
	const char *action; /* start | propose | escalate | answer | publish | close | spam | duplicate */
	const char *note;   /* optional, ≤ LT_FB_NOTE_MAX */
	const char *text;   /* propose/escalate: the proposal; answer: the answer */
	bool publish;       /* answer: publish to the worker's receipt code at once */
} lt_fb_action;

/*
 * Apply a step to message id (core/feedback.h says which steps are allowed;
 * LT_ECONFLICT naming "action" otherwise). The actor must be able to read
 * the message and a unit of its subtree must hold it. Escalation moves the
 * message to the parent of its holder with a fresh deadline; an answer
 * returns it to the receiving unit. view (may be NULL): the message after.
 */
LT_MUST_CHECK int lt_app_feedback_act(lt_db *db, const lt_actor *who, int64_t id,
				      const lt_fb_action *act, lt_arena *a, lt_fb_view *view,
				      lt_error *e);

/*
 * A cadre confirms (topics unchanged) or corrects the topics of message id
 * to mask topics (non-zero, bits < LT_TOPIC_COUNT). The model learns it at
 * once (the database's copy of the shipped model, made on the first
 * confirmation); the model never re-labels a confirmed message. view (may
 * be NULL): the message after.
 */
LT_MUST_CHECK int lt_app_feedback_set_topics(lt_db *db, const lt_actor *who, int64_t id,
					     uint32_t topics, lt_arena *a, lt_fb_view *view,
					     lt_error *e);

/* ---------- classification, rules, model (feedback_classify.c, feedback_rules.c) ---------- */

/* What a classification says about one text. */
typedef struct lt_fb_class {
	uint32_t topics;
	int main_topic;      /* the first of topics */
	const char *source;  /* "rules" (an officer's rule matched) or "model" */
	char *why;           /* JSON array text, owned: free() */
	bool urgent;
	char urgency_why[256];
} lt_fb_class;

/*
 * Classify text as intake does (an officer's rule that matches, else the
 * model), with the why and urgency. Cadres up. Any text is classified: an
 * empty one is "khac" with the reason, a long one is cut to the model's
 * max_bytes.
 */
LT_MUST_CHECK int lt_app_feedback_classify(lt_db *db, const lt_actor *who, const char *text,
					   lt_fb_class *out, lt_error *e);

/*
 * The officers' rules in force in the actor's subtree, oldest first (cadres
 * up): those of its unit and the units below it, of the units above it,
 * and the whole tree's; never a sibling's. A rule has the scope of the unit
 * that made it: it applies to the messages received in that unit's subtree
 * (the console's rules: the whole tree). Oldest first, one page of pg
 * (pg->limit + 1 rows: more when there are; NULL: all).
 */
LT_MUST_CHECK int lt_app_feedback_rules(lt_db *db, const lt_actor *who, const lt_page *pg,
					lt_arena *a, lt_fb_rule **items, size_t *n, lt_error *e);

/* A rule "TOPIC | pattern | weight" an officer proposes. */
typedef struct lt_fb_rule_in {
	const char *topic;   /* a topic code */
	const char *pattern; /* 1..200 bytes, no | # or line break */
	double weight;       /* non-zero, -100..100 */
} lt_fb_rule_in;

/* A message a new rule would change. */
typedef struct lt_fb_rule_change {
	int64_t id;
	const char *text;
	uint32_t before, after;
} lt_fb_rule_change;

/*
 * Which messages of the officer's subtree would get other topics with the
 * rule (each judged with the rules of its own unit)? Those a cadre
 * confirmed are left out (a rule never overrides a cadre). Nothing is
 * written. Arena array, newest message first.
 */
LT_MUST_CHECK int lt_app_feedback_rule_preview(lt_db *db, const lt_actor *who,
					       const lt_fb_rule_in *in, lt_arena *a,
					       lt_fb_rule_change **changes, size_t *n, lt_error *e);
/*
 * Add the rule, scoped to the officer's unit, and re-classify at once what
 * the preview showed. OUT *rule_id, *changed.
 */
LT_MUST_CHECK int lt_app_feedback_rule_add(lt_db *db, const lt_actor *who, const lt_fb_rule_in *in,
					   int64_t *rule_id, size_t *changed, lt_error *e);

/* State of the model (cadres up). */
LT_MUST_CHECK int lt_app_feedback_model(lt_db *db, const lt_actor *who, lt_fb_model_info *out,
					lt_error *e);

typedef struct lt_fb_trained {
	bool trained;          /* false: nothing confirmed, the shipped model classifies */
	size_t used;           /* confirmed messages seen */
	lt_fb_model_info model;
} lt_fb_trained;
/* Rebuild the database's model from the shipped one and every confirmed message (officers). */
LT_MUST_CHECK int lt_app_feedback_train(lt_db *db, const lt_actor *who, lt_fb_trained *out,
					lt_error *e);

/* A measurement of the classifier on a labelled corpus (feedback_eval.c). */
typedef struct lt_fb_eval {
	bool feedback;               /* a JSONL workers' corpus (else UIT-VSFC's layout) */
	const char *split;           /* feedback: the split scored */
	size_t n_train, nfeatures;
	double train_seconds;
	double messages_per_second;  /* one thread: topics, secondaries and urgency */
	double why_per_second;       /* feedback: the same with the "why" terms and reasons */
	lt_classify_scores test, dev; /* UIT-VSFC; dev only when have_dev */
	bool have_dev;
	lt_fbm_scores fb;            /* feedback: the split's scores */
	lt_fbm_calib calib;          /* feedback: thresholds (out-of-fold margins) */
	bool cross_validated;        /* feedback: the split is in the training pool, so its
				      * scores are out of fold (site-grouped, 5 folds) */
} lt_fb_eval;
/*
 * Measure the topic classifier on a corpus directory, in one of two layouts:
 *   - DIR/train.jsonl … (data/feedback/): the feedback model as `make model`
 *     builds it (trained on the pool files, lt_app_fb_pool_files; thresholds
 *     from site-grouped out-of-fold margins), scoring split ("dev" when NULL;
 *     "train", "holdout", "holdout2" … "holdout6"): a pool file is scored out
 *     of fold (cross_validated), another file by the model itself;
 *   - DIR/train, DIR/test (and DIR/dev), each with sents.txt and topics.txt
 *     aligned by line (labels 0..3, as UIT-VSFC): train on train, score
 *     test and dev.
 * Reads files only: any actor.
 */
LT_MUST_CHECK int lt_app_feedback_eval(const lt_actor *who, const char *dir, const char *split,
				       lt_fb_eval *out, lt_error *e);

/*
 * Build the shipped model from the corpus DIR: trained on every message of
 * the pool files (lt_app_fb_pool_files), thresholds chosen on site-grouped
 * out-of-fold margins, scored out of fold, with the default options. The model's bytes are appended to
 * model; *manifest (new reference) says what it was built from (file
 * hashes), how (settings, thresholds) and its scores. Deterministic: the
 * same corpus gives the same bytes. Reads files only: any actor.
 */
LT_MUST_CHECK int lt_app_feedback_model_build(const lt_actor *who, const char *dir,
					      lt_buf *model, json_t **manifest, lt_error *e);

/* ---------- JSON documents (feedback_json.c): the same for the API and --json ---------- */

/* A message (sender as masked; "why" parsed). en: English topic names. New reference. */
json_t *lt_app_feedback_json(const lt_feedback *f, bool en);
/* {"feedback": message + steps, can_act, handler_has_parent, case_messages}. */
json_t *lt_app_feedback_view_json(const lt_fb_view *v, bool en);
/* {"items", "total", "overdue"}. */
json_t *lt_app_feedback_list_json(const lt_fb_list *l, bool en);
/* {"topics" (main first), "source", "why", "urgent", "urgency_why"}. */
json_t *lt_app_feedback_class_json(const lt_fb_class *c);
/* {"items": [{id, topic, pattern, weight, created_at, unit_id}], "builtin": the built-in rules}. */
json_t *lt_app_feedback_rules_json(const lt_fb_rule *r, size_t n);
/* {"count", "changes": the first 200}. */
json_t *lt_app_feedback_preview_json(const lt_fb_rule_change *ch, size_t n);
/* {"present", "n_train", …, "min_train"}. */
json_t *lt_app_feedback_model_json(const lt_fb_model_info *m);
/* {"trained", "messages", "model"}. */
json_t *lt_app_feedback_trained_json(const lt_fb_trained *t);
/* The summary object (what reports embed). */
json_t *lt_app_feedback_summary_json(const lt_fb_summary *s);
/* {"created", "rows", "dry_run", "preview"}. */
json_t *lt_app_feedback_import_json(const lt_fb_import_out *o);
/* UIT-VSFC: {"test": {accuracy, macro_f1, weighted_f1, n}, "dev": {…} or null, "train_seconds",
 * "messages_per_second"}; feedback: {"corpus": "feedback", "split", the split's scores
 * (per topic, top-1, urgency), "thresholds", "messages_per_second", …}. */
json_t *lt_app_feedback_eval_json(const lt_fb_eval *v);
/* Topic mask as a JSON array of codes. */
json_t *lt_app_feedback_topics_json(uint32_t topics);
/* Topic mask from a JSON array of codes (at least one); LT_EINVAL naming field. */
LT_MUST_CHECK int lt_app_feedback_topics_from_json(json_t *arr, const char *field, uint32_t *out,
						   lt_error *e);

#endif
