/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_json.c — the JSON documents of workers' feedback, the same for
 * the HTTP API and the CLI's --json; see feedback.h.
 */
#include <string.h>

#include "app/feedback_int.h"
#include "core/clock.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *lt_app_feedback_topics_json(uint32_t topics)
{
	json_t *arr = json_array();

	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (topics & (1u << t))
			json_array_append_new(arr, json_string(lt_topic_code(t)));
	return arr;
}

int lt_app_feedback_topics_from_json(json_t *arr, const char *field, uint32_t *out, lt_error *e)
{
	size_t i;
	json_t *v;
	uint32_t m = 0;

	if (!json_is_array(arr) || !json_array_size(arr))
		return lt_error_set(e, LT_EINVAL, field, "%s phải là danh sách chủ đề, ít nhất một",
				    "%s must be a list of at least one topic", field);
	json_array_foreach(arr, i, v) {
		int t = json_is_string(v) ? lt_topic_from_code(json_string_value(v),
							       json_string_length(v))
					  : -1;
		if (t < 0)
			return lt_error_set(e, LT_EINVAL, field, "Chủ đề không hợp lệ ở vị trí %zu",
					    "Unknown topic at position %zu", i);
		m |= 1u << t;
	}
	*out = m;
	return 0;
}

/* The stored "why" text as JSON (an empty array when absent or unreadable). */
static json_t *why_json(const char *why)
{
	json_t *j = why ? json_loads(why, 0, NULL) : NULL;

	return j ? j : json_array();
}

json_t *lt_app_feedback_json(const lt_feedback *f, bool en)
{
	json_t *j = json_object(), *names = json_array(), *sender;

	json_object_set_new(j, "id", json_integer(f->id));
	json_object_set_new(j, "unit", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)f->unit_id,
						 "code", f->unit_code ? f->unit_code : "",
						 "name", f->unit_name ? f->unit_name : ""));
	json_object_set_new(j, "handler", json_pack("{s:I,s:s}", "id",
						    (json_int_t)f->handler_unit_id, "name",
						    f->handler_name ? f->handler_name : ""));
	json_object_set_new(j, "receipt", str_or_null(f->receipt));
	json_object_set_new(j, "channel", json_string(f->channel ? f->channel : "other"));
	json_object_set_new(j, "text", json_string(f->text ? f->text : ""));
	sender = json_pack("{s:s}", "shown", lt_fb_sender_code(f->sender));
	json_object_set_new(sender, "name", str_or_null(f->sender_name));
	json_object_set_new(sender, "phone", str_or_null(f->sender_phone));
	json_object_set_new(j, "sender", sender);
	json_object_set_new(j, "anonymous", json_boolean(f->anonymous));
	json_object_set_new(j, "topics", lt_app_feedback_topics_json(f->topics));
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (f->topics & (1u << t))
			json_array_append_new(names, json_string(en ? lt_topic_name_en(t)
								    : lt_topic_name_vi(t)));
	json_object_set_new(j, "topic_names", names);
	json_object_set_new(j, "topics_source", json_string(f->topics_source ? f->topics_source
									     : "rules"));
	json_object_set_new(j, "why", why_json(f->why));
	json_object_set_new(j, "urgent", json_boolean(f->urgent));
	json_object_set_new(j, "urgency_why", str_or_null(f->urgency_why));
	json_object_set_new(j, "status", json_string(lt_fb_status_code(f->status)));
	json_object_set_new(j, "proposal", str_or_null(f->proposal));
	json_object_set_new(j, "answer", str_or_null(f->answer));
	json_object_set_new(j, "answer_published", json_boolean(f->answer_published));
	json_object_set_new(j, "overdue", json_boolean(f->overdue));
	/* The worker's answer to "was it fixed?" on the receipt page. */
	json_object_set_new(j, "verdict",
			    f->verdict >= 0 ? json_string(lt_fb_verdict_code(f->verdict)) : json_null());
	json_object_set_new(j, "verdict_at", f->verdict_at ? json_integer(f->verdict_at) : json_null());
	json_object_set_new(j, "reopened", json_boolean(f->reopened_at != 0));
	json_object_set_new(j, "case_id", json_integer(f->case_id));
	json_object_set_new(j, "case_count", json_integer(f->case_count));
	json_object_set_new(j, "received_at", json_integer(f->received_at));
	json_object_set_new(j, "due_at", json_integer(f->due_at));
	json_object_set_new(j, "updated_at", json_integer(f->updated_at));
	return j;
}

static json_t *steps_json(const lt_fb_step *s, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s}", "at", (json_int_t)s[i].at, "action",
				      s[i].action, "to_status", s[i].to_status);
		json_object_set_new(o, "from_status", str_or_null(s[i].from_status));
		json_object_set_new(o, "user", str_or_null(s[i].user_name));
		json_object_set_new(o, "unit", str_or_null(s[i].unit_name));
		json_object_set_new(o, "note", str_or_null(s[i].note));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *lt_app_feedback_view_json(const lt_fb_view *v, bool en)
{
	json_t *j = lt_app_feedback_json(&v->f, en), *arr = json_array();

	json_object_set_new(j, "steps", steps_json(v->steps, v->nsteps));
	json_object_set_new(j, "can_act", json_boolean(v->can_act));
	json_object_set_new(j, "handler_has_parent", json_boolean(v->holder_has_parent));
	for (size_t i = 0; i < v->nmates; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:I,s:s}", "id",
						     (json_int_t)v->mates[i].id, "text",
						     v->mates[i].text, "received_at",
						     (json_int_t)v->mates[i].received_at, "status",
						     lt_fb_status_code(v->mates[i].status)));
	json_object_set_new(j, "case_messages", arr);
	return json_pack("{s:o}", "feedback", j);
}

json_t *lt_app_feedback_list_json(const lt_fb_list *l, bool en)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(arr, lt_app_feedback_json(&l->items[i], en));
	return json_pack("{s:o,s:I,s:b,s:I,s:b,s:o}", "items", arr, "total", (json_int_t)l->total,
			 "total_more", l->total_more, "overdue", (json_int_t)l->overdue,
			 "overdue_more", l->overdue_more, "next_cursor",
			 l->next_cursor ? json_string(l->next_cursor) : json_null());
}

/* The topics of mask, main first. */
static json_t *topics_main_first(uint32_t topics, int main_topic)
{
	json_t *arr = json_array();

	if (main_topic >= 0 && main_topic < LT_TOPIC_COUNT && ((topics >> main_topic) & 1u))
		json_array_append_new(arr, json_string(lt_topic_code(main_topic)));
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (t != main_topic && (topics & (1u << t)))
			json_array_append_new(arr, json_string(lt_topic_code(t)));
	return arr;
}

json_t *lt_app_feedback_class_json(const lt_fb_class *c)
{
	return json_pack("{s:o,s:s,s:o,s:b,s:s}", "topics",
			 topics_main_first(c->topics, c->main_topic),
			 "source", c->source, "why", why_json(c->why), "urgent", c->urgent,
			 "urgency_why", c->urgency_why);
}

json_t *lt_app_feedback_rules_json(const lt_fb_rule *r, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:f,s:I,s:o}", "id",
						     (json_int_t)r[i].id, "topic", r[i].topic,
						     "pattern", r[i].pattern, "weight", r[i].weight,
						     "created_at", (json_int_t)r[i].created_at,
						     /* its scope; null: the whole tree */
						     "unit_id", r[i].unit_id ? json_integer(r[i].unit_id)
									    : json_null()));
	return json_pack("{s:o,s:s}", "items", arr, "builtin", lt_topics_default_text());
}

json_t *lt_app_feedback_preview_json(const lt_fb_rule_change *ch, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n && i < 200; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:o}", "id",
						     (json_int_t)ch[i].id, "text", ch[i].text,
						     "before", lt_app_feedback_topics_json(ch[i].before),
						     "after", lt_app_feedback_topics_json(ch[i].after)));
	return json_pack("{s:I,s:o}", "count", (json_int_t)n, "changes", arr);
}

json_t *lt_app_feedback_model_json(const lt_fb_model_info *m)
{
	/* min_train: kept for older clients; the shipped model needs no minimum */
	return json_pack("{s:b,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "present", m->present, "source",
			 m->shipped ? "shipped" : "database", "n_train", (json_int_t)m->n_train,
			 "updates", (json_int_t)m->updates, "trained_at", (json_int_t)m->trained_at,
			 "bytes", (json_int_t)m->bytes, "features", (json_int_t)m->nfeatures,
			 "confirmed", (json_int_t)m->confirmed, "min_train",
			 (json_int_t)lt_feedback_config_get()->min_train);
}

json_t *lt_app_feedback_trained_json(const lt_fb_trained *t)
{
	return json_pack("{s:b,s:I,s:o}", "trained", t->trained, "messages", (json_int_t)t->used,
			 "model", lt_app_feedback_model_json(&t->model));
}

json_t *lt_app_feedback_import_json(const lt_fb_import_out *o)
{
	json_t *rows = json_array();

	for (int r = 0; r < o->preview_rows; r++) {
		json_t *cells = json_array();
		for (int c = 0; c < o->preview_cols; c++)
			json_array_append_new(cells, json_string(o->preview[r][c] ? o->preview[r][c]
										  : ""));
		json_array_append_new(rows, cells);
	}
	return json_pack("{s:I,s:I,s:b,s:o}", "created", (json_int_t)o->created, "rows",
			 (json_int_t)o->rows, "dry_run", o->dry_run, "preview", rows);
}

static json_t *scores_json(const lt_classify_scores *s)
{
	return json_pack("{s:f,s:f,s:f,s:I}", "accuracy", s->accuracy, "macro_f1", s->macro_f1,
			 "weighted_f1", s->weighted_f1, "n", (json_int_t)s->n);
}

json_t *lt_app_feedback_eval_json(const lt_fb_eval *v)
{
	json_t *th = json_object();

	if (!v->feedback)
		return json_pack("{s:s,s:o,s:o,s:f,s:f}", "corpus", "uit-vsfc", "test",
				 scores_json(&v->test), "dev",
				 v->have_dev ? scores_json(&v->dev) : json_null(), "train_seconds",
				 v->train_seconds, "messages_per_second", v->messages_per_second);
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		json_object_set_new(th, lt_topic_code(t),
				    v->calib.threshold[t] < 1e299 ? json_real(v->calib.threshold[t])
								  : json_null());
	return json_pack("{s:s,s:s,s:b,s:o,s:{s:o,s:f},s:I,s:I,s:f,s:f,s:f}", "corpus", "feedback",
			 "split", v->split, "cross_validated", v->cross_validated, "scores", lt_app_fb_scores_json(&v->fb), "thresholds",
			 "secondary", th, "urgent", v->calib.urgent_threshold, "n_train",
			 (json_int_t)v->n_train, "features", (json_int_t)v->nfeatures,
			 "train_seconds", v->train_seconds, "messages_per_second",
			 v->messages_per_second, "messages_per_second_with_why", v->why_per_second);
}

/* ---------- the summary ---------- */

static json_t *by_topic_json(const lt_fb_summary *s)
{
	json_t *arr = json_array();

	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:I}", "code", lt_topic_code(t),
						     "name_vi", lt_topic_name_vi(t), "name_en",
						     lt_topic_name_en(t), "count",
						     (json_int_t)s->by_topic[t]));
	return arr;
}

static json_t *by_unit_json(const lt_fb_summary *s)
{
	json_t *arr = json_array();

	for (size_t k = 0; k < s->nunits; k++) {
		const lt_fb_sum_unit *u = &s->units[k];
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I}", "id",
						     (json_int_t)u->id, "code", u->code, "name",
						     u->name, "total", (json_int_t)u->total, "urgent",
						     (json_int_t)u->urgent, "open", (json_int_t)u->open,
						     "overdue", (json_int_t)u->overdue));
	}
	return arr;
}

static json_t *by_week_json(const lt_fb_summary *s)
{
	json_t *arr = json_array();
	char iso[11];

	for (size_t w = 0; w < s->nweeks; w++) {
		json_t *tc = json_object();
		for (int t = 0; t < LT_TOPIC_COUNT; t++)
			json_object_set_new(tc, lt_topic_code(t), json_integer(s->weeks[w].topic[t]));
		lt_iso_of_day(s->weeks[w].monday, iso);
		json_array_append_new(arr, json_pack("{s:s,s:I,s:o}", "week", iso, "total",
						     (json_int_t)s->weeks[w].total, "topics", tc));
	}
	return arr;
}

static json_t *cases_json(const lt_fb_summary *s)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < s->ncases; i++) {
		const lt_fb_sum_case *c = &s->cases[i];
		json_t *o = json_pack("{s:I,s:I,s:b,s:I,s:s,s:o,s:s,s:{s:s,s:s}}", "case_id",
				      (json_int_t)c->case_id, "count", (json_int_t)c->count, "urgent",
				      c->urgent, "open", (json_int_t)c->open, "text", c->text,
				      "topics", lt_app_feedback_topics_json(c->topics), "status",
				      c->status, "unit", "code", c->unit_code, "name", c->unit_name);
		json_object_set_new(o, "proposal", str_or_null(c->proposal));
		json_object_set_new(o, "answer", str_or_null(c->answer));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *lt_app_feedback_summary_json(const lt_fb_summary *s)
{
	json_t *j = json_pack("{s:{s:I,s:s,s:s},s:I,s:I,s:I}", "unit", "id",
			      (json_int_t)s->unit_id, "code", s->unit_code, "name", s->unit_name,
			      "total", (json_int_t)s->total, "urgent", (json_int_t)s->urgent,
			      "overdue", (json_int_t)s->overdue);
	json_t *st = json_object();

	json_object_set_new(j, "from", str_or_null(s->from));
	json_object_set_new(j, "to", str_or_null(s->to));
	json_object_set_new(j, "by_topic", by_topic_json(s));
	for (int k = 0; k < LT_FB_STATUS_COUNT; k++)
		json_object_set_new(st, lt_fb_status_code(k), json_integer(s->by_status[k]));
	json_object_set_new(j, "by_status", st);
	json_object_set_new(j, "by_urgency", json_pack("{s:I,s:I}", "urgent", (json_int_t)s->urgent,
						       "normal", (json_int_t)(s->total - s->urgent)));
	json_object_set_new(j, "by_unit", by_unit_json(s));
	json_object_set_new(j, "by_week", by_week_json(s));
	json_object_set_new(j, "top_cases", cases_json(s));
	return j;
}
