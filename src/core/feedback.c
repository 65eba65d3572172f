/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* feedback.c — the pure rules of workers' feedback; see feedback.h. */
#include "core/feedback.h"

#include <assert.h>
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/validate.h"

/* ---------- settings ---------- */

static lt_feedback_config g_cfg = {
	.urgent_days = 2,
	.normal_days = 7,
	.min_train = 30,
	.group_days = 60,
	.group_distance = LT_FB_GROUP_DISTANCE,
	.form_max_per_ip = 5,
	.form_max_per_unit = 200,
	.form_window = 3600,
	.public_url = "",
};

void lt_feedback_config_defaults(lt_feedback_config *c)
{
	memset(c, 0, sizeof(*c));
	c->urgent_days = 2;
	c->normal_days = 7;
	c->min_train = 30;
	c->group_days = 60;
	c->group_distance = LT_FB_GROUP_DISTANCE;
	c->form_max_per_ip = 5;
	c->form_max_per_unit = 200;
	c->form_window = 3600;
}

const lt_feedback_config *lt_feedback_config_get(void)
{
	return &g_cfg;
}

void lt_feedback_config_set(const lt_feedback_config *c)
{
	g_cfg = *c;
}

int lt_feedback_config_kv(lt_feedback_config *c, const char *key, const char *value,
			  lt_error *e)
{
	static const struct {
		const char *key;
		size_t off;
		long lo, hi;
	} ints[] = {
		{ "urgent_days", offsetof(lt_feedback_config, urgent_days), 1, 365 },
		{ "normal_days", offsetof(lt_feedback_config, normal_days), 1, 365 },
		{ "min_train", offsetof(lt_feedback_config, min_train), 1, 1000000 },
		{ "group_days", offsetof(lt_feedback_config, group_days), 1, 3650 },
		{ "group_distance", offsetof(lt_feedback_config, group_distance), 0, 64 },
		{ "form_max_per_ip", offsetof(lt_feedback_config, form_max_per_ip), 1, 1000000 },
		{ "form_max_per_unit", offsetof(lt_feedback_config, form_max_per_unit), 1, 10000000 },
		{ "form_window", offsetof(lt_feedback_config, form_window), 1, 30 * 86400 },
	};
	char *end;
	long x;

	if (!strcmp(key, "public_url")) {
		if (strlen(value) >= sizeof(c->public_url) ||
		    (strncmp(value, "http://", 7) && strncmp(value, "https://", 8)))
			goto bad;
		snprintf(c->public_url, sizeof(c->public_url), "%s", value);
		/* "https://x.vn/" and "https://x.vn" give the same links. */
		if (c->public_url[0] && c->public_url[strlen(c->public_url) - 1] == '/')
			c->public_url[strlen(c->public_url) - 1] = '\0';
		return 0;
	}
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		if (strcmp(key, ints[i].key))
			continue;
		x = strtol(value, &end, 10);
		if (!*value || *end || x < ints[i].lo || x > ints[i].hi)
			goto bad;
		*(int *)((char *)c + ints[i].off) = (int)x;
		return 0;
	}
	return lt_error_set(e, LT_EINVAL, "feedback", "Khoá cấu hình không rõ: feedback.%s",
			    "Unknown setting: feedback.%s", key);
bad:
	return lt_error_set(e, LT_EINVAL, "feedback", "Cấu hình feedback.%s không hợp lệ: \"%s\"",
			    "Invalid setting feedback.%s: \"%s\"", key, value);
}

/* ---------- codes ---------- */

static const char *const status_codes[LT_FB_STATUS_COUNT] = {
	"new", "in_progress", "proposed", "escalated", "answered", "closed", "spam", "duplicate",
};

const char *lt_fb_status_code(int s)
{
	return s >= 0 && s < LT_FB_STATUS_COUNT ? status_codes[s] : "new";
}

/* The index of code in codes[n], or -1. */
static int code_index(const char *const *codes, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(code, codes[i]))
			return i;
	return -1;
}

int lt_fb_status_from(const char *code)
{
	return code_index(status_codes, LT_FB_STATUS_COUNT, code);
}

bool lt_fb_status_open(int s)
{
	return s >= LT_FB_NEW && s <= LT_FB_ESCALATED;
}

bool lt_fb_channel_valid(const char *code)
{
	static const char *const ch[] = { "form",      "hotline", "zalo", "facebook",
					  "in_person", "import",  "api",  "other" };
	for (size_t i = 0; code && i < sizeof(ch) / sizeof(ch[0]); i++)
		if (!strcmp(code, ch[i]))
			return true;
	return false;
}

const char *lt_fb_sender_code(int s)
{
	static const char *const codes[] = { "none", "full", "masked", "hidden" };

	return s >= 0 && s <= LT_FB_SENDER_HIDDEN ? codes[s] : "none";
}

/* ---------- the handling flow ---------- */

#define B(s) (1u << (s))
#define OPEN (B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS) | B(LT_FB_PROPOSED) | B(LT_FB_ESCALATED))

/* One row per action: the statuses it may start from, where it leads, who holds it then. */
static const struct flow_rule {
	const char *code;
	unsigned from;  /* bit s = enum lt_fb_status s */
	int to;         /* -1: unchanged */
	int holder;     /* enum lt_fb_holder */
	bool needs_text;
	const char *text_field;
} flow[LT_FB_ACTION_COUNT] = {
	[LT_FB_DO_START] = { "start", B(LT_FB_NEW), LT_FB_IN_PROGRESS, LT_FB_HOLD_SAME, false,
			     "proposal" },
	[LT_FB_DO_PROPOSE] = { "propose", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS) | B(LT_FB_PROPOSED),
			       LT_FB_PROPOSED, LT_FB_HOLD_SAME, true, "proposal" },
	[LT_FB_DO_ESCALATE] = { "escalate", B(LT_FB_PROPOSED) | B(LT_FB_ESCALATED),
				LT_FB_ESCALATED, LT_FB_HOLD_PARENT, false, "proposal" },
	[LT_FB_DO_ANSWER] = { "answer", OPEN, LT_FB_ANSWERED, LT_FB_HOLD_RECEIVER, true, "answer" },
	[LT_FB_DO_PUBLISH] = { "publish", B(LT_FB_ANSWERED) | B(LT_FB_CLOSED), -1, LT_FB_HOLD_SAME,
			       false, "proposal" },
	[LT_FB_DO_CLOSE] = { "close", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS) | B(LT_FB_PROPOSED) |
					      B(LT_FB_ANSWERED),
			     LT_FB_CLOSED, LT_FB_HOLD_SAME, false, "proposal" },
	[LT_FB_DO_SPAM] = { "spam", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS), LT_FB_SPAM,
			    LT_FB_HOLD_SAME, false, "proposal" },
	[LT_FB_DO_DUPLICATE] = { "duplicate", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS), LT_FB_DUPLICATE,
				 LT_FB_HOLD_SAME, false, "proposal" },
};
#undef OPEN
#undef B

const char *lt_fb_action_code(int a)
{
	return a >= 0 && a < LT_FB_ACTION_COUNT ? flow[a].code : "?";
}

static int unknown_action(lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, "action",
			    "Thao tác không hợp lệ (start, propose, escalate, answer, publish,"
			    " close, spam, duplicate)",
			    "Unknown action (start, propose, escalate, answer, publish, close,"
			    " spam, duplicate)");
}

int lt_fb_action_parse(const char *code, int *out, lt_error *e)
{
	for (int a = 0; code && a < LT_FB_ACTION_COUNT; a++)
		if (!strcmp(code, flow[a].code)) {
			*out = a;
			return 0;
		}
	return unknown_action(e);
}

const char *lt_fb_action_text_field(int a)
{
	return a >= 0 && a < LT_FB_ACTION_COUNT ? flow[a].text_field : "proposal";
}

bool lt_fb_action_needs_text(int a)
{
	return a >= 0 && a < LT_FB_ACTION_COUNT && flow[a].needs_text;
}

int lt_fb_transition(int action, const lt_fb_state *s, bool publish, lt_fb_move *m,
		     lt_error *e)
{
	const struct flow_rule *r;

	if (action < 0 || action >= LT_FB_ACTION_COUNT)
		return unknown_action(e);
	assert(s && s->status >= 0 && s->status < LT_FB_STATUS_COUNT);
	r = &flow[action];
	if (!(r->from & (1u << s->status)))
		return lt_error_set(e, LT_ECONFLICT, "action",
				    "Không thể \"%s\" ý kiến đang ở trạng thái \"%s\"",
				    "Cannot \"%s\" a message whose status is \"%s\"", r->code,
				    lt_fb_status_code(s->status));
	if (r->holder == LT_FB_HOLD_PARENT && !s->has_proposal)
		return lt_error_set(e, LT_EINVAL, "proposal",
				    "Cần viết đề xuất trước khi chuyển lên cấp trên",
				    "Write a proposal before escalating");
	if (r->holder == LT_FB_HOLD_PARENT && !s->holder_has_parent)
		return lt_error_set(e, LT_ECONFLICT, "action", "Đơn vị đang xử lý không có cấp trên",
				    "The handling unit has no parent unit");
	if (action == LT_FB_DO_PUBLISH && !s->has_answer)
		return lt_error_set(e, LT_ECONFLICT, "action", "Chưa có câu trả lời để công bố",
				    "There is no answer to publish");
	memset(m, 0, sizeof(*m));
	m->to = r->to >= 0 ? r->to : s->status;
	m->holder = r->holder;
	m->new_deadline = r->holder == LT_FB_HOLD_PARENT;
	m->publish = action == LT_FB_DO_PUBLISH || (action == LT_FB_DO_ANSWER && publish);
	return 0;
}

/* ---------- the worker's verdict ---------- */

static const char *const verdict_codes[LT_FB_VERDICT_COUNT] = { "fixed", "partly", "not_fixed" };

const char *lt_fb_verdict_code(int v)
{
	return v >= 0 && v < LT_FB_VERDICT_COUNT ? verdict_codes[v] : "";
}

int lt_fb_verdict_from(const char *code)
{
	return code_index(verdict_codes, LT_FB_VERDICT_COUNT, code);
}

int lt_fb_verdict_parse(const char *code, int *out, lt_error *e)
{
	*out = lt_fb_verdict_from(code);
	if (*out < 0)
		return lt_error_set(e, LT_EINVAL, "verdict",
				    "Hãy chọn: đã giải quyết, giải quyết một phần hoặc chưa giải quyết"
				    " (fixed, partly, not_fixed)",
				    "Choose: fixed, partly fixed or not fixed (fixed, partly, not_fixed)");
	return 0;
}

int lt_fb_verdict_transition(int v, const lt_fb_state *s, lt_fb_move *m, lt_error *e)
{
	assert(s && s->status >= 0 && s->status < LT_FB_STATUS_COUNT);
	if (v >= LT_FB_VERDICT_COUNT)
		return lt_error_set(e, LT_EINVAL, "verdict", "Lựa chọn không hợp lệ",
				    "Unknown verdict");
	if (!s->has_answer || !s->answer_published)
		return lt_error_set(e, LT_ECONFLICT, "verdict",
				    "Công đoàn chưa công bố câu trả lời cho ý kiến này",
				    "The union has not published an answer to this message yet");
	if (s->status != LT_FB_ANSWERED && s->status != LT_FB_CLOSED)
		return lt_error_set(e, LT_ECONFLICT, "verdict",
				    "Ý kiến đang được xử lý lại, chưa thể đánh giá",
				    "The message is being handled again; it cannot be judged now");
	if (s->verdict_given)
		return lt_error_set(e, LT_ECONFLICT, "verdict",
				    "Bạn đã đánh giá câu trả lời này rồi",
				    "You have already judged this answer");
	if (m) {
		memset(m, 0, sizeof(*m));
		m->to = v == LT_FB_VERDICT_FIXED ? LT_FB_CLOSED : LT_FB_IN_PROGRESS;
		m->holder = LT_FB_HOLD_SAME;
		m->new_deadline = v != LT_FB_VERDICT_FIXED;
	}
	return 0;
}

int64_t lt_fb_deadline(int64_t from, bool urgent)
{
	return from + (int64_t)(urgent ? g_cfg.urgent_days : g_cfg.normal_days) * 86400;
}

/* ---------- personal data ---------- */

const char *lt_fb_mask_name(lt_arena *a, const char *s)
{
	size_t k = 1;

	if (!s || !*s)
		return lt_arena_strdup(a, "***");
	while (s[k] && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return lt_arena_printf(a, "%.*s***", (int)k, s);
}

const char *lt_fb_mask_phone(lt_arena *a, const char *s)
{
	char d[LT_FB_PHONE_MAX + 1];
	size_t n = 0;

	for (; s && *s && n < LT_FB_PHONE_MAX; s++)
		if (isdigit((unsigned char)*s))
			d[n++] = *s;
	d[n] = '\0';
	if (n < 6)
		return lt_arena_strdup(a, "***");
	for (size_t i = 3; i + 2 < n; i++)
		d[i] = '*';
	return lt_arena_strdup(a, d);
}

/* ---------- helpers ---------- */

void *lt_fb_grow(lt_arena *a, void *items, size_t n, size_t *cap, size_t size)
{
	size_t want = *cap ? *cap * 2 : 32;
	void *p;

	if (n < *cap)
		return items;
	p = lt_arena_alloc(a, want * size);
	if (!p)
		return NULL;
	*cap = want;
	if (n)
		memcpy(p, items, n * size);
	return p;
}

/* ---------- times ---------- */

static int bad_time(const char *field, lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, field,
			    "Thời điểm phải có dạng YYYY-MM-DD HH:MM hoặc DD/MM/YYYY HH:MM",
			    "Times must be YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM");
}

static bool epoch_vn(int y, int mo, int d, int h, int mi, int s, int64_t *out)
{
	char iso[16];

	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, mo, d);
	if (!lt_date_valid(iso) || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0)
		return false;
	*out = lt_vn_epoch(y, mo, d, h, mi, s);
	return true;
}

/* The "[ T]HH:MM[:SS]" tail after a date, then nothing but spaces. */
static bool clock_tail(const char *t, int *h, int *mi, int *sec)
{
	int k = 0;

	if (*t == 'T' || *t == ' ') {
		t++;
		if (sscanf(t, "%2d:%2d%n", h, mi, &k) != 2 || k < 4)
			return false;
		t += k;
		if (*t == ':') {
			if (sscanf(t + 1, "%2d%n", sec, &k) != 1 || k != 2)
				return false;
			t += 1 + k;
		}
	}
	while (*t == ' ')
		t++;
	return !*t;
}

int lt_feedback_parse_time(const char *s, int64_t *out, const char *field, lt_error *e)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;

	if (!s)
		return bad_time(field, e);
	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10) {
		/* ISO date */
	} else if (sscanf(s, "%2d/%2d/%4d%n", &d, &mo, &y, &n) == 3 && n >= 8 &&
		   s[n - 5] == '/') {
		/* Vietnamese date */
	} else {
		return bad_time(field, e);
	}
	if (!clock_tail(s + n, &h, &mi, &sec) || !epoch_vn(y, mo, d, h, mi, sec, out))
		return bad_time(field, e);
	return 0;
}

int lt_feedback_day_start(const char *date, int64_t *out, const char *field, lt_error *e)
{
	int y, mo, d, n = 0;

	if (!date || !lt_date_valid(date) || sscanf(date, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 ||
	    n != 10 || !epoch_vn(y, mo, d, 0, 0, 0, out))
		return lt_error_set(e, LT_EINVAL, field, "Ngày phải có dạng YYYY-MM-DD",
				    "Dates must be YYYY-MM-DD");
	return 0;
}
