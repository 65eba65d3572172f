/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive.c — access to directives, and their life from draft to
 * receipts: list, open, create, edit, issue, acknowledge, receipts, chain.
 * See directive.h.
 */
#include "app/directive.h"
#include "app/indicator_catalog.h"
#include "store/indicator.h"
#include "core/page.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "app/directive_int.h"
#include "app/unit.h"

void lt_app_directive_view_free(lt_directive_view *v)
{
	if (!v)
		return;
	json_decref(v->doc);
	v->doc = NULL;
}

int lt_app_directive_access(lt_db *db, const lt_actor *who, const lt_directive_meta *m, int *acc,
			    lt_error *e)
{
	bool issued = m->status && !strcmp(m->status, "issued"), addressed = false;
	int rc = 0;

	*acc = LT_DIR_NONE;
	if (who->kind == LT_ACTOR_PUBLIC)
		return 0;
	if (issued)
		rc = lt_receipt_addressed(db, m->id, who->unit_path, &addressed, e);
	if (!rc)
		*acc = lt_directive_standing(m->issuer_path, issued, who->unit_path, addressed);
	return rc;
}

int lt_app_directive_load(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			  lt_directive_meta *m, const char **doc, int *acc, lt_error *e)
{
	int standing = LT_DIR_NONE;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	assert(who && m);
	if (!rc)
		rc = lt_directive_load(db, id, a, m, doc, e);
	if (!rc)
		rc = lt_app_directive_access(db, who, m, &standing, e);
	/* Same answer as a missing one: a sibling's drafts are not even named. */
	if (!rc && standing == LT_DIR_NONE)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có công văn #%" PRId64,
				  "No directive #%" PRId64, id);
	if (acc)
		*acc = standing;
	return rc;
}

int lt_app_directive_find(lt_db *db, const lt_actor *who, const char *ref, int64_t *id,
			  lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	return rc ? rc : lt_directive_find(db, ref, id, e);
}

int lt_app_need_issuer_officer(const lt_actor *who, int acc, lt_error *e)
{
	if (acc != LT_DIR_ISSUER || !lt_actor_at_least(who, LT_ROLE_OFFICER))
		return lt_error_set(e, LT_EFORBIDDEN, "id",
				    "Chỉ cán bộ của đơn vị ban hành được làm việc này",
				    "Only officers of the issuing unit may do this");
	return 0;
}

int lt_app_directive_load_issuer(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				 lt_directive_meta *m, const char **doc, lt_error *e)
{
	int acc = LT_DIR_NONE, rc = lt_app_directive_load(db, who, id, a, m, doc, &acc, e);

	return rc ? rc : lt_app_need_issuer_officer(who, acc, e);
}

int lt_app_directive_parse_doc(const char *text, json_t **doc, lt_error *e)
{
	*doc = text ? json_loads(text, 0, NULL) : NULL;
	if (!*doc)
		return lt_error_set(e, LT_EDB, "doc", "Nội dung công văn hỏng", "Corrupt directive");
	return 0;
}

int lt_app_directive_acting_unit(const lt_actor *who, int64_t unit_id, int64_t *out, lt_error *e)
{
	*out = unit_id ? unit_id : who->unit_id;
	if (!lt_actor_is_unit(who, *out))
		return lt_error_set(e, LT_EFORBIDDEN, "unit_id",
				    "Bạn chỉ làm việc này cho đơn vị của mình",
				    "You may do this only for your own unit");
	return 0;
}

/*
 * The catalogue rows of the codes doc lists, in its order, into
 * out->indicators: readers see each figure's label and unit, never its code.
 * A code the catalogue lacks (a letter from before codes were checked) keeps
 * its code as its label.
 */
static int indicator_labels(lt_db *db, json_t *doc, lt_arena *a, lt_directive_view *out,
			    lt_error *e)
{
	json_t *inds = json_object_get(doc, "indicators"), *x;
	lt_indicator_row *cat = NULL;
	size_t ncat = 0, i;
	int rc;

	if (!json_array_size(inds))
		return 0;
	rc = lt_indicator_catalogue(db, a, &cat, &ncat, e);
	if (rc)
		return rc;
	out->indicators = lt_arena_alloc(a, json_array_size(inds) * sizeof(*out->indicators));
	if (!out->indicators)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_array_foreach(inds, i, x) {
		const char *code = json_string_value(x);
		lt_indicator_row *r = &out->indicators[out->nindicators];
		if (!code)
			continue;
		memset(r, 0, sizeof(*r));
		r->code = r->name_vi = r->name_en = code;
		r->measure = "items";
		for (size_t k = 0; k < ncat; k++)
			if (!strcmp(cat[k].code, code))
				*r = cat[k];
		out->nindicators++;
	}
	return 0;
}

int lt_app_directive_view(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			  lt_directive_view *out, lt_error *e)
{
	const char *text = NULL;
	bool opened;
	lt_receipt *rows;
	size_t nrows;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_directive_load(db, who, id, a, &out->meta, &text, &out->access, e);
	if (!rc)
		rc = lt_app_directive_parse_doc(text, &out->doc, e);
	if (!rc)
		rc = lt_directive_theme_list(db, id, a, &out->themes, &out->nthemes, e);
	if (!rc)
		rc = indicator_labels(db, out->doc, a, out, e);
	if (!rc && who->unit_id)
		rc = lt_receipt_of(db, id, who->unit_id, a, &out->receipt, &out->has_receipt, e);
	/* The first view by a recipient unit is recorded. */
	opened = out->receipt.opened_at != 0;
	if (!rc && out->has_receipt && !opened)
		rc = lt_receipt_open(db, id, who->unit_id, lt_actor_audit_id(who), e);
	if (!rc && out->has_receipt && !opened)
		rc = lt_receipt_of(db, id, who->unit_id, a, &out->receipt, &out->has_receipt, e);
	if (!rc && out->access == LT_DIR_ISSUER) {
		rc = lt_receipt_rows(db, id, NULL, a, &rows, &nrows, &out->counts, e);
		out->has_counts = true;
	}
	if (rc)
		lt_app_directive_view_free(out);
	return rc;
}

int lt_app_directive_begin(lt_db *db, lt_directive_view *out, lt_error *e)
{
	if (out)
		memset(out, 0, sizeof(*out));
	return lt_db_begin(db, e);
}

int lt_app_directive_finish(lt_db *db, const lt_actor *who, int64_t id, int rc, lt_arena *a,
			    lt_directive_view *out, lt_error *e)
{
	if (!rc && out)
		rc = lt_app_directive_view(db, who, id, a, out, e);
	rc = lt_db_end(db, rc, e);
	if (rc)
		lt_app_directive_view_free(out);
	return rc;
}

int lt_app_directive_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			 lt_directive_view *out, lt_error *e)
{
	int rc = lt_app_directive_begin(db, out, e);

	return rc ? rc : lt_app_directive_finish(db, who, id, 0, a, out, e);
}

int lt_app_directive_list(lt_db *db, const lt_actor *who, const lt_directive_filter *f,
			  lt_arena *a, lt_directive_summary **items, size_t *n, lt_error *e)
{
	lt_directive_filter g = *f;
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*items = NULL;
	*n = 0;
	if (!g.box)
		g.box = "inbox";
	if (!rc && strcmp(g.box, "inbox") && strcmp(g.box, "issued"))
		rc = lt_error_set(e, LT_EINVAL, "box", "box phải là inbox hoặc issued",
				  "box must be inbox or issued");
	if (rc)
		return rc;
	if (!g.unit_id) {
		g.unit_id = who->unit_id;
		g.unit_path = who->unit_path;
	} else {
		rc = lt_unit_get(db, g.unit_id, a, &u, e);
		g.unit_path = rc ? NULL : u.path;
		/* An inbox is its unit's own; the issued box is read over a subtree. */
		if (!rc && !strcmp(g.box, "inbox"))
			rc = lt_app_directive_acting_unit(who, g.unit_id, &g.unit_id, e);
		else if (!rc)
			rc = lt_actor_need_read(who, u.path, "unit_id", e);
		if (rc)
			return rc;
	}
	if (!strcmp(g.box, "inbox") && !g.unit_id)
		return lt_error_set(e, LT_EINVAL, "unit_id", "Cần chọn đơn vị nhận",
				    "Say which unit's inbox");
	/* The cursor's key: inbox "received_at|id", issued box "status|date|id". */
	if (g.after) {
		const char *head = NULL, *bar;
		char *end = NULL;
		rc = lt_page_key_id(g.after, a, &head, &g.after_id, e);
		if (rc)
			return rc;
		bar = strchr(head, '|');
		if (!strcmp(g.box, "inbox")) {
			g.after_at = strtoll(head, &end, 10);
			if (!*head || *end || g.after_at < 0)
				return lt_page_bad_cursor(e);
		} else {
			g.after_status = bar ? lt_arena_strndup(a, head, (size_t)(bar - head)) : NULL;
			g.after_date = bar ? bar + 1 : NULL;
			if (!g.after_status ||
			    (strcmp(g.after_status, "draft") && strcmp(g.after_status, "issued")))
				return lt_page_bad_cursor(e);
		}
	}
	return lt_directive_summaries(db, &g, a, items, n, e);
}

int lt_app_directive_issue_one(lt_db *db, const lt_actor *who, int64_t id, int64_t *n,
			       lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	lt_recipients r;
	json_t *doc = NULL, *checked = NULL;
	const char *text = NULL;
	int rc;

	lt_arena_init(&a);
	rc = lt_directive_load(db, id, &a, &m, &text, e);
	if (!rc)
		rc = lt_directive_may(m.status, LT_DIR_ACT_ISSUE, e);
	if (!rc)
		rc = lt_app_directive_parse_doc(text, &doc, e);
	if (!rc)
		rc = lt_directive_check(doc, true, &checked, e);
	if (!rc)
		rc = lt_directive_recipients_of(checked, &a, &r, e);
	if (!rc)
		rc = lt_directive_issue_to(db, id, &r, lt_actor_audit_id(who), n, e);
	json_decref(doc);
	json_decref(checked);
	lt_arena_free(&a);
	return rc;
}

int lt_app_directive_insert(lt_db *db, const lt_actor *who, json_t *checked,
			    const lt_directive_new *base, int64_t *id, lt_error *e)
{
	lt_arena a;
	lt_directive_new in = *base;
	int rc;

	lt_arena_init(&a);
	rc = lt_directive_parts_of(checked, &a, &in.parts, e);
	if (!rc)
		rc = lt_directive_insert(db, &in, lt_actor_audit_id(who), id, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_directive_create(lt_db *db, const lt_actor *who, const lt_directive_draft *in,
			    lt_arena *a, lt_directive_view *out, lt_error *e)
{
	lt_directive_new row = { .kind = "directive", .implements_id = in->implements_id };
	lt_directive_meta parent;
	lt_unit u;
	json_t *checked = NULL;
	int64_t id = 0, n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	if (out)
		memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_app_indicator_codes_check(db, in->doc, e);
	if (!rc)
		rc = lt_directive_check(in->doc, false, &checked, e);
	row.issuer_id = in->issuer_id ? in->issuer_id : who->unit_id;
	if (!rc) {
		rc = lt_app_unit_in_scope(db, who, row.issuer_id, a, &u, e);
		if (rc && e)
			strcpy(e->field, "issuer_id");
	}
	if (!rc)
		rc = lt_app_directive_begin(db, out, e);
	if (rc)
		goto out;
	if (in->implements_id) {
		rc = lt_app_directive_load(db, who, in->implements_id, a, &parent, NULL, NULL, e);
		if (rc && e)
			strcpy(e->field, "implements_id");
	}
	if (!rc)
		rc = lt_app_directive_insert(db, who, checked, &row, &id, e);
	if (!rc && in->issue)
		rc = lt_app_directive_issue_one(db, who, id, &n, e);
	rc = lt_app_directive_finish(db, who, id, rc, a, out, e);
out:
	json_decref(checked);
	return rc;
}

int lt_app_directive_update(lt_db *db, const lt_actor *who, int64_t id, json_t *doc, lt_arena *a,
			    lt_directive_view *out, lt_error *e)
{
	lt_directive_meta m;
	lt_directive_parts p;
	json_t *checked = NULL;
	int rc = lt_app_directive_begin(db, out, e);

	if (!rc)
		rc = lt_app_directive_load_issuer(db, who, id, a, &m, NULL, e);
	if (!rc)
		rc = lt_app_indicator_codes_check(db, doc, e);
	if (!rc)
		rc = lt_directive_check(doc, false, &checked, e);
	if (!rc)
		rc = lt_directive_may(m.status, LT_DIR_ACT_EDIT, e);
	if (!rc)
		rc = lt_directive_parts_of(checked, a, &p, e);
	if (!rc)
		rc = lt_directive_replace(db, id, &p, lt_actor_audit_id(who), e);
	rc = lt_app_directive_finish(db, who, id, rc, a, out, e);
	json_decref(checked);
	return rc;
}

/* lt_db_end rolls back when handed an error: a rehearsal hands it this one. */
#define REHEARSAL 1

int lt_app_directive_issue(lt_db *db, const lt_actor *who, int64_t id, bool dry_run, int64_t *n,
			   lt_arena *a, lt_directive_view *out, lt_error *e)
{
	lt_directive_meta m;
	int rc = lt_app_directive_begin(db, out, e);

	*n = 0;
	if (rc)
		return rc;
	rc = lt_app_directive_load_issuer(db, who, id, a, &m, NULL, e);
	if (!rc)
		rc = lt_app_directive_issue_one(db, who, id, n, e);
	if (dry_run) {
		/* Issue inside a transaction that is rolled back: who would receive it, or what is missing. */
		lt_ignore(lt_db_end(db, rc ? rc : REHEARSAL, e));
		return rc;
	}
	return lt_app_directive_finish(db, who, id, rc, a, out, e);
}

/* Record a view or an acknowledgement for unit_id (0: the actor's unit). */
static int stamp(lt_db *db, const lt_actor *who, int64_t id, int64_t unit_id, bool ack,
		 lt_arena *a, lt_directive_view *out, lt_error *e)
{
	lt_directive_meta m;
	int64_t unit = 0;
	int rc = lt_app_directive_begin(db, out, e);

	if (rc)
		return rc;
	rc = lt_app_directive_load(db, who, id, a, &m, NULL, NULL, e);
	if (!rc)
		rc = lt_app_directive_acting_unit(who, unit_id, &unit, e);
	if (!rc)
		rc = ack ? lt_receipt_ack(db, id, unit, lt_actor_audit_id(who), e)
			 : lt_receipt_open(db, id, unit, lt_actor_audit_id(who), e);
	return lt_app_directive_finish(db, who, id, rc, a, out, e);
}

int lt_app_directive_open(lt_db *db, const lt_actor *who, int64_t id, int64_t unit_id,
			  lt_error *e)
{
	lt_arena a;
	int rc;

	lt_arena_init(&a);
	rc = stamp(db, who, id, unit_id, false, &a, NULL, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_directive_ack(lt_db *db, const lt_actor *who, int64_t id, int64_t unit_id, lt_arena *a,
			 lt_directive_view *out, lt_error *e)
{
	return stamp(db, who, id, unit_id, true, a, out, e);
}

int lt_app_directive_receipts(lt_db *db, const lt_actor *who, int64_t id, const char *state,
			      lt_arena *a, lt_receipt **items, size_t *n, lt_receipt_counts *counts,
			      lt_error *e)
{
	return lt_app_directive_receipts_page(db, who, id, state, NULL, a, items, n, counts, e);
}

int lt_app_directive_receipts_page(lt_db *db, const lt_actor *who, int64_t id, const char *state,
				   const lt_page *pg, lt_arena *a, lt_receipt **items, size_t *n,
				   lt_receipt_counts *counts, lt_error *e)
{
	lt_directive_meta m;
	const char *below = NULL;
	int acc, rc = lt_app_directive_load(db, who, id, a, &m, NULL, &acc, e);

	*items = NULL;
	*n = 0;
	/* The issuing side sees every recipient; an officer of a unit that reads it
	 * (a commune whose unions received it) sees the recipients below it. */
	if (!rc && acc != LT_DIR_ISSUER) {
		if (who->role >= LT_ROLE_OFFICER && who->unit_path)
			below = who->unit_path;
		else
			rc = lt_error_set(e, LT_EFORBIDDEN, "id",
					  "Chỉ đơn vị ban hành và cán bộ đơn vị cấp trên của nơi nhận"
					  " xem được tình trạng nhận",
					  "Only the issuing side and officers above the recipients"
					  " see the receipts");
	}
	if (!rc)
		rc = lt_receipt_state_check("state", state, e);
	return rc ? rc
		  : lt_receipt_page(db, id, state, below, pg ? pg->after : NULL,
				    pg ? pg->limit + 1 : 0, a, items, n, counts, e);
}

int lt_app_directive_chain(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			   lt_directive_chain *out, lt_error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_directive_load(db, who, id, a, &out->meta, NULL, NULL, e);
	return rc ? rc
		  : lt_directive_chain_rows(db, id, a, &out->up, &out->nup, &out->down,
					    &out->ndown, e);
}
