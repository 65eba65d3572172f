/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c — the report's workflow as use cases: show, narrative, submit, review; see report.h. */
#include "app/report.h"
#include "app/report_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/directive.h"
#include "core/clock.h"
#include "store/audit.h"
#include "store/directive.h"
#include "store/feedback.h"
#include "store/register.h"
#include "store/report_sign.h"
#include "store/rollup.h"

int lt_app_report_target(lt_db *db, const lt_actor *who, const lt_report_ref *ref, lt_arena *a,
			 lt_unit *u, lt_error *e)
{
	lt_directive_meta m;
	int acc = LT_DIR_NONE;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc)
		rc = lt_directive_get(db, ref->directive, a, &m, NULL, e);
	if (!rc)
		rc = lt_app_directive_access(db, who, &m, &acc, e);
	if (!rc && acc == LT_DIR_NONE)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có công văn này", "No such directive");
	if (!rc)
		rc = lt_unit_get(db, ref->unit, a, u, e);
	if (!rc)
		rc = lt_actor_need_read(who, u->path, "unit_id", e);
	return rc;
}

int lt_app_report_need(const lt_actor *who, const lt_unit *u, lt_report_act act, lt_error *e)
{
	int by = lt_report_act_by(act);

	if ((by & LT_REPORT_BY_UNIT) && lt_actor_is_unit(who, u->id))
		return 0;
	if ((by & LT_REPORT_BY_REVIEWER) && lt_actor_oversees(who, u->path))
		return 0;
	if (by & LT_REPORT_BY_REVIEWER)
		return lt_error_set(e, LT_EFORBIDDEN, "unit_id",
				    "Chỉ cán bộ đơn vị cấp trên mới duyệt hoặc trả lại được",
				    "Only officers of a unit above it review a report");
	return lt_error_set(e, LT_EFORBIDDEN, "unit_id",
			    "Chỉ đơn vị báo cáo mới sửa hoặc nộp được báo cáo của mình",
			    "Only the reporting unit edits or submits its report");
}

int lt_app_report_live(lt_db *db, int64_t directive, const lt_unit *u, bool with_submitted,
		       json_t **snap, lt_error *e)
{
	lt_rollup_opts o = { 0 };
	json_t *feedback = NULL;
	int rc;

	o.include_submitted = with_submitted;
	o.per_unit = u->child_count < LT_REPORT_PER_UNIT_MAX;
	rc = lt_rollup_collect(db, directive, u->id, &o, snap, e);
	/* The workers' feedback of the subtree over the directive's period, with the top proposals. */
	if (!rc)
		rc = lt_feedback_summary(
			db, u->id,
			json_string_value(json_object_get(json_object_get(*snap, "directive"), "date")),
			json_string_value(json_object_get(*snap, "as_of")), 5, &feedback, e);
	if (!rc)
		json_object_set_new(json_object_get(*snap, "rollup"), "feedback", feedback);
	else {
		json_decref(*snap);
		*snap = NULL;
	}
	return rc;
}

int lt_app_report_snapshot(lt_db *db, int64_t id, int rev, lt_arena *a, json_t **snap,
			   char sha[65], lt_error *e)
{
	const char *text = NULL;
	int rc = lt_report_revision_text(db, id, rev, a, &text, sha, e);

	*snap = NULL;
	if (!rc) {
		*snap = json_loads(text, 0, NULL);
		if (!*snap)
			rc = lt_error_set(e, LT_EDB, "rev", "Bản lưu lần nộp %d hỏng",
					  "Revision %d is corrupt", rev);
	}
	return rc;
}

void lt_app_report_view_free(lt_report_view *v)
{
	json_decref(v->snapshot);
	json_decref(v->narrative);
	v->snapshot = v->narrative = NULL;
}

/* The stored narrative text as an object (a new reference; never NULL but out of memory). */
static json_t *narrative_of(const lt_report *r)
{
	json_t *n = r->narrative ? json_loads(r->narrative, 0, NULL) : NULL;

	if (!json_is_object(n)) {
		json_decref(n);
		n = json_object();
	}
	return n;
}

/* Fill v for the report r of unit u, seen by who. */
static int view(lt_db *db, const lt_actor *who, const lt_unit *u, const lt_report *r,
		bool with_submitted, lt_arena *a, lt_report_view *v, lt_error *e)
{
	const char *same;
	int rc;

	memset(v, 0, sizeof(*v));
	v->unit = *u;
	v->report = *r;
	v->narrative = narrative_of(r);
	v->can_edit = lt_actor_is_unit(who, u->id);
	v->can_review = lt_actor_oversees(who, u->path);
	if (!v->narrative)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	/* While the unit may still edit it, the report shows the live roll-up. */
	if (!lt_report_transition(r->status, LT_REPORT_EDIT, &same, NULL))
		rc = lt_app_report_live(db, r->directive_id, u, with_submitted, &v->snapshot, e);
	else
		rc = lt_app_report_snapshot(db, r->id, r->rev, a, &v->snapshot, v->sha256, e);
	if (!rc)
		rc = lt_report_revisions(db, r->id, a, &v->revs, &v->nrevs, e);
	if (!rc && r->id)
		rc = lt_report_sig_list(db, r->id, a, &v->sigs, &v->nsigs, e);
	if (!rc && v->nsigs && lt_report_state_signable(r->status))
		v->signed_now = v->sigs[v->nsigs - 1].rev == r->rev;
	if (rc)
		lt_app_report_view_free(v);
	return rc;
}

int lt_app_report_get(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
		      bool with_submitted, lt_arena *a, lt_report_view *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	int rc = lt_app_report_target(db, who, ref, a, &u, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_report_find(db, ref->directive, u.id, a, &r, e);
	if (!rc)
		rc = view(db, who, &u, &r, with_submitted, a, out, e);
	return rc;
}

int lt_app_report_narrative(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			    json_t *narrative, lt_arena *a, lt_report_view *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	const char *same;
	char *text = NULL;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_app_report_target(db, who, ref, a, &u, e);
	if (!rc)
		rc = lt_app_report_need(who, &u, LT_REPORT_EDIT, e);
	if (!rc)
		rc = lt_report_narrative_check(narrative, e);
	if (!rc)
		rc = lt_report_open(db, ref->directive, u.id, a, &r, e);
	if (!rc)
		rc = lt_report_transition(r.status, LT_REPORT_EDIT, &same, e);
	if (!rc) {
		text = json_dumps(narrative, JSON_COMPACT);
		rc = text ? lt_report_set_narrative(db, r.id, text, lt_now(), e)
			  : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "narrative", "report", r.id, NULL, e);
	rc = lt_db_end(db, rc, e);
	free(text);
	if (!rc && out)
		rc = lt_app_report_get(db, who, ref, false, a, out, e);
	return rc;
}

/* The next report number of unit u this year ("15/BC-LĐLĐ"). */
static int next_number(lt_db *db, const lt_unit *u, char out[64], lt_error *e)
{
	struct tm tm;
	int n = 0, rc;

	lt_vn_tm(lt_now(), &tm);
	rc = lt_report_next_number(db, u->id, tm.tm_year + 1900, &n, e);
	if (!rc)
		lt_report_number_format(n, u->level, out);
	return rc;
}

/*
 * Seal snap as revision rev: it carries its own number, revision, kind and
 * narrative, so that the hash covers them. *text (malloc'd) is what is stored.
 */
static int seal(json_t *snap, const char *number, int rev, const char *kind, json_t *narrative,
		char **text, char sha[65], lt_error *e)
{
	json_object_set_new(snap, "report_number", json_string(number));
	json_object_set_new(snap, "revision", json_integer(rev));
	json_object_set_new(snap, "kind", json_string(kind));
	json_object_set(snap, "narrative", narrative);
	*text = lt_report_canonical(snap, sha);
	if (!*text)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_app_report_submit(lt_db *db, const lt_actor *who, const lt_report_submit_in *in, int *rev,
			 lt_arena *a, lt_report_view *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	json_t *snap = NULL, *narrative = NULL;
	const char *kind = in->kind ? in->kind : "final", *to = NULL;
	bool with_submitted = in->basis && !strcmp(in->basis, "accepted_submitted");
	char number[64] = "", sha[65], *text = NULL;
	int64_t now = lt_now();
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_app_report_target(db, who, &in->ref, a, &u, e);
	if (!rc)
		rc = lt_app_report_need(who, &u, LT_REPORT_SUBMIT, e);
	if (!rc && !lt_report_kind_valid(kind))
		rc = lt_error_set(e, LT_EINVAL, "kind", "Loại báo cáo là quick (nhanh) hoặc final",
				  "The kind is quick or final");
	if (!rc && in->basis && !with_submitted && strcmp(in->basis, "accepted"))
		rc = lt_error_set(e, LT_EINVAL, "basis", "basis là accepted hoặc accepted_submitted",
				  "basis is accepted or accepted_submitted");
	if (!rc)
		rc = lt_report_open(db, in->ref.directive, u.id, a, &r, e);
	if (!rc)
		rc = lt_report_transition(r.status, LT_REPORT_SUBMIT, &to, e);
	if (!rc)
		rc = lt_app_report_live(db, r.directive_id, &u, with_submitted, &snap, e);
	if (!rc && !r.number)
		rc = next_number(db, &u, number, e);
	if (!rc) {
		narrative = narrative_of(&r);
		rc = seal(snap, r.number ? r.number : number, r.rev + 1, kind, narrative, &text, sha, e);
	}
	if (!rc)
		rc = lt_report_add_revision(db, r.id, r.rev + 1, kind, text, sha,
					    lt_actor_audit_id(who), now, e);
	if (!rc)
		rc = lt_report_mark_submitted(db, r.id, r.number ? NULL : number, now, e);
	if (!rc) /* the registers: out for the unit, in for the unit it reports to */
		rc = lt_register_report_submitted(db, r.id, r.rev + 1, now, e);
	if (!rc)
		rc = lt_report_lock(db, r.directive_id, r.unit_id, lt_report_state_locks(to), now, e);
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "submit", "report", r.id, NULL, e);
	rc = lt_db_end(db, rc, e);
	free(text);
	json_decref(snap);
	json_decref(narrative);
	if (!rc && rev)
		*rev = r.rev + 1;
	if (!rc && out)
		rc = lt_app_report_get(db, who, &in->ref, false, a, out, e);
	return rc;
}

/* The review's text: a comment to return, a reason to reopen; required, at most 4,000 bytes. */
static int need_text(lt_report_act act, const char *text, lt_error *e)
{
	const char *field = act == LT_REPORT_RETURN ? "comment" : "reason";

	if (act == LT_REPORT_ACCEPT)
		return 0;
	if (!text || !*text)
		return act == LT_REPORT_RETURN
			       ? lt_error_set(e, LT_EINVAL, field, "Cần nêu lý do trả lại",
					      "A comment saying why is required")
			       : lt_error_set(e, LT_EINVAL, field, "Cần nêu lý do điều chỉnh",
					      "A reason for the correction is required");
	if (strlen(text) > 4000)
		return lt_error_set(e, LT_EINVAL, field, "Tối đa 4.000 byte", "At most 4,000 bytes");
	return 0;
}

/*
 * The lock of a signed report (core/report.h): when r's last revision is
 * signed and still stands, refuse act if the table says so; *signer gets
 * the signer's name (in a) when act supersedes the signature, else NULL.
 */
static int signed_effect(lt_db *db, const lt_report *r, lt_report_act act, lt_arena *a,
			 const char **signer, lt_error *e)
{
	lt_report_sig s;
	int rc;

	*signer = NULL;
	if (!r->id || !lt_report_state_signable(r->status))
		return 0;
	rc = lt_report_sig_get(db, r->id, r->rev, false, a, &s, e);
	if (rc <= 0)
		return rc;
	rc = lt_report_signed_allows(act, r->rev, e);
	if (!rc && lt_report_signed_effect_of(act) == LT_SIGNED_SUPERSEDES)
		*signer = s.signer_name;
	return rc;
}

int lt_app_report_review(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			 lt_report_act act, const char *text, lt_arena *a, lt_report_view *out,
			 lt_error *e)
{
	static const char *const action[] = {
		[LT_REPORT_RETURN] = "return", [LT_REPORT_ACCEPT] = "accept", [LT_REPORT_REOPEN] = "reopen",
	};
	lt_unit u;
	lt_report r;
	const char *to = NULL, *signer = NULL;
	char *detail = NULL;
	int64_t now = lt_now();
	int rc;

	assert(act == LT_REPORT_RETURN || act == LT_REPORT_ACCEPT || act == LT_REPORT_REOPEN);
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_app_report_target(db, who, ref, a, &u, e);
	if (!rc)
		rc = lt_app_report_need(who, &u, act, e);
	if (!rc)
		rc = need_text(act, text, e);
	if (!rc)
		rc = lt_report_open(db, ref->directive, u.id, a, &r, e);
	if (!rc)
		rc = lt_report_transition(r.status, act, &to, e);
	/* The unit may take back a report still waiting; once accepted, its data stays
	 * locked until a level above reopens it (approval by level, issue 12). */
	if (!rc && act == LT_REPORT_REOPEN && !strcmp(r.status, "accepted") &&
	    !lt_actor_oversees(who, u.path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "unit_id",
				  "Báo cáo đã được duyệt: chỉ cán bộ đơn vị cấp trên mới mở lại được",
				  "The report is accepted: only officers of a unit above it reopen it");
	if (!rc && act == LT_REPORT_REOPEN)
		rc = lt_report_mark_draft(db, r.id, now, e);
	else if (!rc)
		rc = lt_report_mark_reviewed(db, r.id, r.rev, to, act == LT_REPORT_RETURN ? text : NULL,
					     lt_actor_audit_id(who), now, e);
	if (!rc)
		rc = lt_report_lock(db, r.directive_id, r.unit_id, lt_report_state_locks(to), now, e);
	if (!rc)
		rc = signed_effect(db, &r, act, a, &signer, e);
	if (!rc && (act == LT_REPORT_REOPEN || signer)) {
		json_t *j = json_pack("{s:s,s:i}", "reason", text, "after_rev", r.rev);
		/* A correction of a signed revision says so: its signature no longer stands. */
		if (j && signer)
			json_object_set_new(j, "superseded_signature",
					    json_pack("{s:i,s:s}", "rev", r.rev, "signed_by", signer));
		detail = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		if (!detail)
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), action[act], "report", r.id, detail, e);
	rc = lt_db_end(db, rc, e);
	free(detail);
	if (!rc && out)
		rc = lt_app_report_get(db, who, ref, false, a, out, e);
	return rc;
}
