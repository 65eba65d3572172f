/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback.h — the pure rules of workers' feedback messages: the settings
 * of the [feedback] section, status and channel codes, the handling flow as
 * one transition table, deadlines, how a sender is masked, and the message
 * times that imports and the API accept. No I/O: app/feedback*.c applies
 * these rules, store/feedback*.c keeps the rows.
 *
 * The flow (letter 42/LĐLĐ: "collect and promptly propose the feedback of
 * members and workers"):
 *
 *   new → in_progress → proposed → escalated (up the tree, again and again)
 *       → answered (back down to the receiving unit) → closed
 *   and, early on, spam or duplicate.
 *
 * lt_fb_transition is the one place that says whether a step is allowed
 * and, when it is not, why.
 */
#ifndef LT_CORE_FEEDBACK_H
#define LT_CORE_FEEDBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"

#define LT_FB_TEXT_MAX 4000 /* bytes of a message */
#define LT_FB_NAME_MAX 120
#define LT_FB_PHONE_MAX 32
#define LT_FB_NOTE_MAX 4000 /* a note, proposal or answer */
#define LT_FB_RECEIPT_LEN 9 /* "ABCD-EFGH" */
/* Default SimHash distance of near-duplicates: LT_SIMHASH_NEAR of text/simhash.h. */
#define LT_FB_GROUP_DISTANCE 12

/* ---------- settings ---------- */

/* Settings of the [feedback] config section; process-wide, set at start-up. */
typedef struct lt_feedback_config {
	int urgent_days;       /* handling deadline of an urgent message [2] */
	int normal_days;       /* … of the others [7] */
	int min_train;         /* confirmed messages needed to train a model [30] */
	int group_days;        /* near-duplicates are looked for this far back [60] */
	int group_distance;    /* SimHash distance of near-duplicates [12] */
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
 * "feedback") for an unknown key or a bad value.
 */
LT_MUST_CHECK int lt_feedback_config_kv(lt_feedback_config *c, const char *key,
					const char *value, lt_error *e);

/* ---------- codes ---------- */

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
int lt_fb_status_from(const char *code);
/* Still to be handled (new … escalated): it has a deadline and can be overdue. */
bool lt_fb_status_open(int s);
/* True for a channel code: form, hotline, zalo, facebook, in_person, import, api, other. */
bool lt_fb_channel_valid(const char *code);

/* How the sender is shown to a viewer (app/feedback decides which). */
enum lt_fb_sender {
	LT_FB_SENDER_NONE = 0, /* no name or phone was given */
	LT_FB_SENDER_FULL,     /* shown in full (and the view is logged) */
	LT_FB_SENDER_MASKED,   /* "N***", "091*****78" */
	LT_FB_SENDER_HIDDEN,   /* anonymous from the employer: nothing shown */
};
/* "none", "full", "masked", "hidden"; static. */
const char *lt_fb_sender_code(int s);

/* ---------- the handling flow ---------- */

/* Handling steps, in the order the table lists them. */
enum lt_fb_do {
	LT_FB_DO_START = 0,
	LT_FB_DO_PROPOSE,
	LT_FB_DO_ESCALATE,
	LT_FB_DO_ANSWER,
	LT_FB_DO_PUBLISH,
	LT_FB_DO_CLOSE,
	LT_FB_DO_SPAM,
	LT_FB_DO_DUPLICATE,
	LT_FB_ACTION_COUNT
};
/* "start", "propose", …; static. */
const char *lt_fb_action_code(int a);
/* The action named code into *out; LT_EINVAL naming "action" (listing the codes) if none. */
LT_MUST_CHECK int lt_fb_action_parse(const char *code, int *out, lt_error *e);
/*
 * The text a step carries: "answer" for an answer, else "proposal" (a
 * proposal given with any other step replaces the stored one). Static.
 */
const char *lt_fb_action_text_field(int a);
/* Must the step carry that text (propose, answer)? */
bool lt_fb_action_needs_text(int a);

/* Who holds the message after a step. */
enum lt_fb_holder {
	LT_FB_HOLD_SAME = 0, /* the unit that holds it now */
	LT_FB_HOLD_PARENT,   /* escalation: the parent of the holder, with a fresh deadline */
	LT_FB_HOLD_RECEIVER, /* an answer goes back down to the receiving unit */
};

/* What the transition needs to know about the message before the step. */
typedef struct lt_fb_state {
	int status;              /* enum lt_fb_status */
	bool has_proposal;       /* stored, or carried by this step */
	bool has_answer;         /* stored, or carried by this step */
	bool holder_has_parent;  /* the holding unit is not the root */
	bool answer_published;   /* the worker can read the answer (the verdict needs it) */
	bool verdict_given;      /* the worker already judged the current answer */
} lt_fb_state;

/* The outcome of an allowed step. */
typedef struct lt_fb_move {
	int to;            /* status after the step (the same for publish) */
	int holder;        /* enum lt_fb_holder */
	bool new_deadline; /* the new holder gets a fresh deadline */
	bool publish;      /* the answer becomes visible on the receipt code */
} lt_fb_move;

/*
 * May step `action` (enum lt_fb_do) be applied to a message in state s?
 * publish: an answer asked to be published at once. Returns 0 with *m
 * filled, or says why not:
 *   LT_EINVAL   "action"   unknown action;
 *   LT_ECONFLICT "action"  the status does not allow the step, the holder
 *                          has no parent to escalate to, or there is no
 *                          answer to publish;
 *   LT_EINVAL   "proposal" escalation without a proposal.
 */
LT_MUST_CHECK int lt_fb_transition(int action, const lt_fb_state *s, bool publish, lt_fb_move *m,
				   lt_error *e);

/* ---------- the worker's verdict ---------- */

/*
 * Once an answer is published, the worker who wrote is asked on the receipt
 * page whether the problem was fixed (FixMyStreet's questionnaire):
 *   fixed     → closed;
 *   partly    → reopened (in_progress, a fresh deadline, on the holder's to-do
 *               list): "partly" means something is still to be done, and
 *               only the handler can say whether more can be done, so it is
 *               their call to close it again with a note;
 *   not_fixed → reopened, as partly.
 */
enum lt_fb_verdict {
	LT_FB_VERDICT_FIXED = 0,
	LT_FB_VERDICT_PARTLY,
	LT_FB_VERDICT_NOT_FIXED,
	LT_FB_VERDICT_COUNT
};
/* "fixed", "partly", "not_fixed"; static ("" for none). -1 from _from for unknown codes. */
const char *lt_fb_verdict_code(int v);
int lt_fb_verdict_from(const char *code);
/* The verdict named code into *out; LT_EINVAL naming "verdict" if none. */
LT_MUST_CHECK int lt_fb_verdict_parse(const char *code, int *out, lt_error *e);
/*
 * May the worker give verdict v (enum lt_fb_verdict) on a message in state
 * s? (v < 0: may they give one at all.) Returns 0 with *m filled (m may be
 * NULL), or says why not:
 *   LT_EINVAL    "verdict" unknown verdict;
 *   LT_ECONFLICT "verdict" no answer published yet, the status is not
 *                          answered or closed, or this answer was judged already.
 */
LT_MUST_CHECK int lt_fb_verdict_transition(int v, const lt_fb_state *s, lt_fb_move *m,
					   lt_error *e);

/* Handling deadline of a message that became due at `from`: + urgent/normal days. */
int64_t lt_fb_deadline(int64_t from, bool urgent);

/* ---------- personal data ---------- */

/* "Nguyễn Văn An" → "N***": the first character only. Arena string (NULL: out of memory). */
const char *lt_fb_mask_name(lt_arena *a, const char *name);
/* "0912 345 678" → "091*****78": the first three and last two digits; "***" if short. */
const char *lt_fb_mask_phone(lt_arena *a, const char *phone);

/* ---------- helpers ---------- */

/*
 * Make room for one more item in an arena array of n items of size bytes
 * (capacity *cap, doubled when full). The array, possibly moved, or NULL
 * when out of memory (the old one stays valid).
 */
void *lt_fb_grow(lt_arena *a, void *items, size_t n, size_t *cap, size_t size);

/* ---------- times ---------- */

/*
 * A message time as exports write it: "YYYY-MM-DD[ T]HH:MM[:SS]",
 * "DD/MM/YYYY[ HH:MM[:SS]]" or a date alone, in Vietnam time (UTC+7).
 * 0 and *out (epoch seconds), or LT_EINVAL with e (may be NULL) naming field.
 */
LT_MUST_CHECK int lt_feedback_parse_time(const char *s, int64_t *out, const char *field,
					 lt_error *e);
/*
 * Epoch seconds of 00:00 Vietnam time on ISO date (validated). 0, or
 * LT_EINVAL with e (may be NULL) naming field.
 */
LT_MUST_CHECK int lt_feedback_day_start(const char *date, int64_t *out, const char *field,
					lt_error *e);

#endif
