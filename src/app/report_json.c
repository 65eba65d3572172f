/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_json.c — the report's API documents, the same for HTTP and `--json`; see report.h. */
#include "app/report.h"
#include "app/report_sign.h"

#include <stdio.h>
#include <string.h>

#include "core/page.h"

/* v when not 0, else JSON null (for json_pack's "o?"): a time or an id. */
static json_t *time_or_null(int64_t v)
{
	return v ? json_integer(v) : NULL;
}

json_t *lt_app_report_row_json(const lt_report *r, json_t *narrative)
{
	/* id null: a draft nobody wrote yet (reads make no row). */
	return json_pack("{s:o?,s:s,s:s?,s:i,s:O?,s:o?,s:o?,s:o?}", "id", time_or_null(r->id), "status",
			 r->status, "number", r->number, "rev", r->rev, "narrative", narrative,
			 "first_submitted_at", time_or_null(r->first_submitted_at),
			 "last_submitted_at", time_or_null(r->last_submitted_at), "accepted_at",
			 time_or_null(r->accepted_at));
}

json_t *lt_app_report_revs_json(const lt_report_rev *revs, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:i,s:s,s:s,s:I,s:s?,s:o?,s:s?}", "rev",
						     revs[i].rev, "kind", revs[i].kind, "sha256",
						     revs[i].sha256, "submitted_at",
						     (json_int_t)revs[i].submitted_at, "review",
						     revs[i].review, "reviewed_at",
						     time_or_null(revs[i].reviewed_at), "comment",
						     revs[i].comment));
	return arr;
}

json_t *lt_app_report_json(const lt_report_view *v)
{
	json_t *out = json_pack("{s:o,s:O?,s:o,s:b,s:b}", "report",
				lt_app_report_row_json(&v->report, v->narrative), "snapshot",
				v->snapshot, "revisions", lt_app_report_revs_json(v->revs, v->nrevs),
				"can_edit", v->can_edit, "can_review", v->can_review);

	json_t *sigs = json_array();

	if (out && v->sha256[0])
		json_object_set_new(out, "sha256", json_string(v->sha256));
	for (size_t i = 0; sigs && i < v->nsigs; i++)
		json_array_append_new(sigs, lt_app_report_sig_json(&v->sigs[i]));
	if (out) {
		json_object_set_new(out, "signature",
				    v->signed_now ? lt_app_report_sig_json(&v->sigs[v->nsigs - 1])
						  : json_null());
		json_object_set_new(out, "signatures", sigs ? sigs : json_array());
	} else {
		json_decref(sigs);
	}
	return out;
}

/* Tree order of direct children: their path segments, compared as text ("12/" < "5/"). */
static int seg_cmp(int64_t id, const char *after)
{
	char a[32], b[LT_PAGE_KEY_MAX + 2];

	snprintf(a, sizeof(a), "%lld/", (long long)id);
	snprintf(b, sizeof(b), "%s/", after);
	return strcmp(a, b);
}

void lt_app_snapshot_page(json_t *snap, const lt_page *pg, lt_arena *a)
{
	json_t *kids = json_object_get(snap, "children"), *page = json_array(), *k;
	size_t i, total = json_array_size(kids);
	int64_t last = 0;
	bool more = false;

	json_array_foreach(kids, i, k) {
		int64_t id = json_integer_value(json_object_get(k, "id"));
		if (pg->after && seg_cmp(id, pg->after) <= 0)
			continue;
		if (json_array_size(page) == (size_t)pg->limit) {
			more = true;
			break;
		}
		json_array_append(page, k);
		last = id;
	}
	json_object_set_new(snap, "children", page);
	json_object_set_new(snap, "children_total", json_integer((json_int_t)total));
	if (more) {
		char key[32];
		const char *c;
		snprintf(key, sizeof(key), "%lld", (long long)last);
		c = lt_page_cursor(a, key);
		json_object_set_new(snap, "children_next_cursor", c ? json_string(c) : json_null());
	} else {
		json_object_set_new(snap, "children_next_cursor", json_null());
	}
}

json_t *lt_app_mail_log_json(const lt_mail_entry *m, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++) {
		json_t *log = json_array();
		for (size_t k = 0; log && k < m[i].ntries; k++)
			json_array_append_new(log, json_pack("{s:I,s:b,s:s?}", "at",
							     (json_int_t)m[i].tries[k].at, "ok",
							     m[i].tries[k].ok, "reply",
							     m[i].tries[k].reply));
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:i,s:I,s:o?,s:o}", "id",
						     (json_int_t)m[i].id, "to", m[i].to, "subject",
						     m[i].subject, "status", m[i].status, "attempts",
						     m[i].attempts, "created_at",
						     (json_int_t)m[i].created_at, "sent_at",
						     time_or_null(m[i].sent_at), "log", log));
	}
	return arr;
}

json_t *lt_app_report_check_json(const lt_report_check *c)
{
	return json_pack("{s:i,s:b,s:s,s:s}", "rev", c->rev, "ok", c->ok, "sha256", c->stored,
			 "computed", c->computed);
}
