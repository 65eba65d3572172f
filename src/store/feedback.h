/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback.h — workers' feedback messages (letter 42/LĐLĐ: "collect and
 * promptly propose the feedback of members and workers"): intake from the
 * public form, cadres, imports and the API; classification (keyword rules
 * first, then the trained model); near-duplicate cases; the handling flow
 * new → in_progress → proposed → escalated (up the tree) → answered → closed
 * (or spam / duplicate), each step with who, when and a note; deadlines by
 * urgency; and the personal-data rules.
 *
 * Personal data: the sender's name and phone are shown in full only to users
 * of the receiving unit and to admins, masked for everyone else; a message
 * marked "anonymous from my employer" never shows its sender to the
 * enterprise (grassroots) union that received it, nor to anyone but admins.
 * The read functions below apply these rules themselves and record an audit
 * event ("view_personal") for every record they return unmasked, so that no
 * caller can forget either.
 *
 * Write functions run in one transaction each (nested in the caller's) and
 * record audit events. Strings in returned values are owned by the arena.
 */
#ifndef LT_FEEDBACK_H
#define LT_FEEDBACK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#define LT_FB_TEXT_MAX 4000   /* bytes of a message */
#define LT_FB_NAME_MAX 120
#define LT_FB_PHONE_MAX 32
#define LT_FB_NOTE_MAX 4000   /* a note, proposal or answer */
#define LT_FB_RECEIPT_LEN 9   /* "ABCD-EFGH" */

/* Settings of the [feedback] config section; process-wide, set at start-up. */
typedef struct lt_feedback_config {
	int urgent_days;       /* handling deadline of an urgent message [2] */
	int normal_days;       /* … of the others [7] */
	int min_train;         /* confirmed messages needed to train a model [30] */
	int group_days;        /* near-duplicates are looked for this far back [60] */
	int group_distance;    /* SimHash distance of near-duplicates [LT_SIMHASH_NEAR] */
	int form_max_per_ip;   /* public form posts per IP per window [5] */
	int form_max_per_unit; /* … per unit per window [200] */
	int form_window;       /* seconds [3600] */
	char public_url[256];  /* base of the form's short link, "" = from the Host header */
} lt_feedback_config;

void lt_feedback_config_defaults(lt_feedback_config *c);
/* The current settings (defaults until lt_feedback_config_set). Borrowed. */
const lt_feedback_config *lt_feedback_config_get(void);
/* Replace the settings (copied). Call before serving requests. */
void lt_feedback_config_set(const lt_feedback_config *c);
/*
 * Apply one "key = value" of the [feedback] section to c. LT_EINVAL (e names
 * "feedback.KEY") for an unknown key or a bad value.
 */
LT_MUST_CHECK int lt_feedback_config_kv(lt_feedback_config *c, const char *key, const char *value,
			  lt_error *e);

/* Statuses in flow order. */
enum lt_fb_status {
	LT_FB_NEW = 0,
	LT_FB_IN_PROGRESS,
	LT_FB_PROPOSED,
	LT_FB_ESCALATED,
	LT_FB_ANSWERED,
	LT_FB_CLOSED,
	LT_FB_SPAM,
	LT_FB_DUPLICATE,
	LT_FB_STATUS_COUNT
};
/* "new", "in_progress", …; static. -1 from lt_fb_status_from for unknown codes. */
const char *lt_fb_status_code(int s);
LT_MUST_CHECK int lt_fb_status_from(const char *code);
/* True for a channel code: form, hotline, zalo, facebook, in_person, import, api, other. */
bool lt_fb_channel_valid(const char *code);

/* How the sender is shown to a viewer. */
enum lt_fb_sender {
	LT_FB_SENDER_NONE = 0, /* no name or phone was given */
	LT_FB_SENDER_FULL,     /* shown in full (and the view is logged) */
	LT_FB_SENDER_MASKED,   /* "N***", "091*****78" */
	LT_FB_SENDER_HIDDEN,   /* anonymous from the employer: nothing shown */
};

/* Who is looking: decides masking and is named in the audit log. */
typedef struct lt_fb_viewer {
	int64_t user_id;  /* 0: the CLI / system */
	int64_t unit_id;  /* the viewer's unit */
	bool admin;       /* admins see every sender */
	const char *via;  /* "list", "get", "export", "cli" — for the audit detail */
} lt_fb_viewer;

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
	const char *sender_name;  /* after masking; NULL when none / hidden */
	const char *sender_phone;
	int sender;               /* enum lt_fb_sender */
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
} lt_feedback;

/* A new message. */
typedef struct lt_feedback_input {
	int64_t unit_id;
	const char *channel;      /* see lt_fb_channel_valid */
	const char *text;         /* 1..LT_FB_TEXT_MAX bytes of UTF-8 */
	const char *sender_name;  /* NULL or "": none */
	const char *sender_phone; /* digits, spaces, + . - ( ); NULL or "": none */
	bool anonymous;           /* keep me anonymous from my employer */
	int64_t received_at;      /* 0: now */
} lt_feedback_input;

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
	bool leads_only;         /* one row per near-duplicate case (its first message) */
	int64_t case_id;         /* members of this case, or 0 */
	const char *q;           /* diacritic-insensitive search in the text, or NULL */
	int64_t from, to;        /* received_at in [from, to), 0 = unbounded */
	int limit;               /* 0: 50; at most 1000 */
	int offset;
} lt_feedback_query;

/*
 * Record a new message: validate, classify (rules, then the model), flag
 * urgency, set the deadline, join a near-duplicate case and draw a receipt
 * code. actor: user id or 0 (public form, CLI). OUT *id_out (may be NULL),
 * receipt (may be NULL) gets the code.
 */
LT_MUST_CHECK int lt_feedback_add(lt_db *db, const lt_feedback_input *in, int64_t actor, int64_t *id_out,
		    char receipt[LT_FB_RECEIPT_LEN + 1], lt_error *e);

/*
 * Record n messages for one unit in one transaction, all or nothing. On error
 * *bad_index is the failing row (0-based) and e->field its field name
 * ("text", "received_at", "sender_name"…). OUT *created.
 */
LT_MUST_CHECK int lt_feedback_import(lt_db *db, const lt_feedback_input *rows, size_t n, int64_t actor,
		       size_t *created, size_t *bad_index, lt_error *e);

/* One message, masked for v (logged when shown in full). LT_ENOTFOUND. */
LT_MUST_CHECK int lt_feedback_get(lt_db *db, int64_t id, const lt_fb_viewer *v, lt_arena *a,
		    lt_feedback *out, lt_error *e);
/* Messages matching q, newest first, masked for v (each full view logged). Arena array. */
LT_MUST_CHECK int lt_feedback_list(lt_db *db, const lt_feedback_query *q, const lt_fb_viewer *v,
		     lt_arena *a, lt_feedback **items, size_t *n, size_t *total, lt_error *e);
/* Handling history of one message, oldest first. Arena array. */
LT_MUST_CHECK int lt_feedback_steps(lt_db *db, int64_t id, lt_arena *a, lt_fb_step **items, size_t *n,
		      lt_error *e);

/*
 * Status of the message with receipt code (public, no login): only status,
 * dates and the answer when it was published. LT_ENOTFOUND for an unknown
 * code (a malformed one too).
 */
typedef struct lt_fb_public_status {
	int status;
	int64_t received_at, updated_at;
	const char *answer; /* NULL unless published */
} lt_fb_public_status;
LT_MUST_CHECK int lt_feedback_status_by_receipt(lt_db *db, const char *code, lt_arena *a,
				  lt_fb_public_status *out, lt_error *e);

/* A handling step. */
typedef struct lt_fb_action {
	const char *action; /* start | propose | escalate | answer | publish | close | spam | duplicate */
	const char *note;   /* optional, ≤ LT_FB_NOTE_MAX */
	const char *text;   /* propose/escalate: the proposal; answer: the answer */
	bool publish;       /* answer: publish to the worker's receipt code at once */
} lt_fb_action;

/*
 * Apply act to message id on behalf of actor (a user of unit actor_unit).
 * The state machine is checked here (LT_ECONFLICT naming the action); who
 * may act on which message is the caller's check (the handler unit must lie
 * in the actor's subtree). Escalation moves the message to the parent of its
 * current handler with a fresh deadline; an answer returns it to the
 * receiving unit.
 */
LT_MUST_CHECK int lt_feedback_act(lt_db *db, int64_t id, const lt_fb_action *act, int64_t actor,
		    int64_t actor_unit, lt_error *e);

/*
 * A cadre confirms (topics unchanged) or corrects the topics of message id
 * to mask topics (non-zero, bits < LT_TOPIC_COUNT). The model learns it at
 * once (lt_classify_update); without a model, one is trained from all
 * confirmed messages as soon as there are min_train of them.
 */
LT_MUST_CHECK int lt_feedback_set_topics(lt_db *db, int64_t id, uint32_t topics, int64_t actor,
			   int64_t actor_unit, lt_error *e);

/* ---------- rules and model (feedback_rules.c) ---------- */

/* A message a new rule would change. */
typedef struct lt_fb_rule_change {
	int64_t id;
	const char *text;
	uint32_t before, after;
} lt_fb_rule_change;

/* An officer's rule as stored. */
typedef struct lt_fb_rule {
	int64_t id;
	const char *topic, *pattern;
	double weight;
	int64_t created_by, created_at;
} lt_fb_rule;

/*
 * Which messages received in the subtree within (path; NULL: all) would get
 * other topics if rule TOPIC | pattern | weight were added? Messages whose
 * topics a cadre confirmed are left out (a rule never overrides a cadre).
 * Nothing is written. Arena array *changes of *n.
 */
LT_MUST_CHECK int lt_feedback_rule_preview(lt_db *db, const char *within, const char *topic,
			     const char *pattern, double weight, lt_arena *a,
			     lt_fb_rule_change **changes, size_t *n, lt_error *e);
/*
 * Add the rule and re-classify at once the messages of within that it
 * changes (as the preview showed). OUT *rule_id, *changed (may be NULL).
 */
LT_MUST_CHECK int lt_feedback_rule_add(lt_db *db, const char *within, const char *topic,
			 const char *pattern, double weight, int64_t actor, int64_t *rule_id,
			 size_t *changed, lt_error *e);
/* The officers' rules, oldest first. Arena array. */
LT_MUST_CHECK int lt_feedback_rule_list(lt_db *db, lt_arena *a, lt_fb_rule **items, size_t *n, lt_error *e);

/* What a classification says about one text (lt_feedback_classify). */
typedef struct lt_fb_class {
	uint32_t topics;
	const char *source;  /* "rules" or "model" */
	char *why;           /* JSON array text, owned: free() */
	bool urgent;
	char urgency_why[256];
} lt_fb_class;

/* Classify text with the rules and the stored model, as intake does. */
LT_MUST_CHECK int lt_feedback_classify(lt_db *db, const char *text, lt_fb_class *out, lt_error *e);

/* State of the stored model. */
typedef struct lt_fb_model_info {
	bool present;
	int64_t n_train, updates, trained_at, updated_at;
	size_t bytes, nfeatures;
	int64_t confirmed; /* messages a cadre confirmed: the training set */
} lt_fb_model_info;
LT_MUST_CHECK int lt_feedback_model_info(lt_db *db, lt_fb_model_info *out, lt_error *e);

/*
 * Train the model from scratch on every confirmed message and store it.
 * With fewer than min_train of them no model is kept (classification falls
 * back to the rules): *trained is false then. OUT *n_used (may be NULL).
 */
LT_MUST_CHECK int lt_feedback_train(lt_db *db, int64_t actor, bool *trained, size_t *n_used, lt_error *e);

/* ---------- public form limits (feedback.c) ---------- */

/*
 * May one more public form post from ip to unit_id be taken now? Counts the
 * posts of the last form_window seconds per IP (kept only as a hash) and per
 * unit against the configured maxima; when allowed, the post is counted.
 * *allowed false: over a limit, nothing counted.
 */
LT_MUST_CHECK int lt_feedback_rate_take(lt_db *db, const char *ip, int64_t unit_id, bool *allowed,
			  lt_error *e);

/* ---------- summary for reports (feedback_summary.c) ---------- */

/*
 * The "tổng hợp và đề xuất" of root_unit_id's subtree for messages received
 * from..to (ISO dates, inclusive; NULL: unbounded): total; counts by topic,
 * status, urgency and direct sub-unit; overdue; weekly topic counts; and the
 * top_n largest cases with their proposals and answers. No personal data.
 * OUT *out: a new JSON object (json_decref).
 */
LT_MUST_CHECK int lt_feedback_summary(lt_db *db, int64_t root_unit_id, const char *from, const char *to,
			int top_n, json_t **out, lt_error *e);

/* ---------- helpers ---------- */

/*
 * Parse a message time as exports write it: "YYYY-MM-DD[ T]HH:MM[:SS]",
 * "DD/MM/YYYY[ HH:MM[:SS]]" or a date alone, in Vietnam time (UTC+7).
 * 0 and *out (epoch seconds) or LT_EINVAL.
 */
LT_MUST_CHECK int lt_feedback_parse_time(const char *s, int64_t *out);
/* Epoch seconds of 00:00 Vietnam time on ISO date (validated). 0 or LT_EINVAL. */
LT_MUST_CHECK int lt_feedback_day_start(const char *date, int64_t *out);

/*
 * A message as JSON for the API and the CLI (sender as masked; "why" parsed).
 * en: English topic names. New reference.
 */
json_t *lt_feedback_json(const lt_feedback *f, bool en);
/* Topic mask as a JSON array of codes. New reference. */
json_t *lt_feedback_topics_json(uint32_t topics);
/* Topic mask from a JSON array of codes; LT_EINVAL (e names field). */
LT_MUST_CHECK int lt_feedback_topics_from_json(json_t *arr, const char *field, uint32_t *out, lt_error *e);

#endif
