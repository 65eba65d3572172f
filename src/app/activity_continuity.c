/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_continuity.c — the campaign's continuity: who has logged what,
 * day by day, since receiving the directive, and who has gone silent. See
 * activity.h.
 */
#include "app/activity.h"

#include <stdio.h>
#include <string.h>

#include "app/activity_access.h"
#include "core/clock.h"
#include "core/page.h"

static int64_t day_number(const char *iso)
{
	int64_t day = 0;

	return lt_iso_day(iso, &day) ? 0 : day;
}

/* Fill u's days, first/last item and total from days[n] (grouped by unit). */
static void unit_days(lt_app_continuity_unit *u, lt_activity_day *days, size_t n, lt_arena *a)
{
	size_t first = n, count = 0;

	for (size_t i = 0; i < n; i++) {
		if (days[i].unit_id != u->unit.id)
			continue;
		if (first == n)
			first = i;
		count++;
	}
	if (!count)
		return;
	u->days = lt_arena_alloc(a, count * sizeof(*u->days));
	for (size_t i = first; u->days && i < n && u->ndays < count; i++) {
		if (days[i].unit_id != u->unit.id)
			continue;
		u->days[u->ndays].date = days[i].date;
		u->days[u->ndays++].n = days[i].n;
		u->total += days[i].n;
	}
	if (u->ndays) {
		u->first_date = u->days[0].date;
		u->last_date = u->days[u->ndays - 1].date;
	}
}

int lt_app_activity_continuity(lt_db *db, const lt_actor *who, int64_t directive_id,
			       int64_t unit_id, int64_t silent_days, const lt_page *pg, lt_arena *a,
			       lt_app_continuity *out, lt_error *e)
{
	lt_activity_days d;
	const char *within = NULL;
	char today[11];
	int64_t t_end;
	int rc = lt_app_act_directive(db, who, directive_id, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_app_act_within(db, who, unit_id, a, &within, e);
	if (!rc)
		rc = lt_activity_continuity_rows(db, directive_id, within, pg ? pg->after : NULL,
						 pg ? pg->limit + 1 : 0, a, &d, e);
	if (rc)
		return rc;
	/* One more than asked: whether a next page exists. */
	if (pg && d.nunits > (size_t)pg->limit) {
		d.nunits = (size_t)pg->limit;
		out->next_cursor = lt_page_cursor(a, d.units[pg->limit - 1].unit.path);
		if (!out->next_cursor)
			return lt_app_act_nomem(e);
	}
	if (silent_days > 3650)
		silent_days = 3650;
	lt_today(today);
	/* The campaign ends at the report deadline: silence after it does not count. */
	snprintf(out->to, sizeof(out->to), "%.10s",
		 d.deadline && strcmp(d.deadline, today) < 0 ? d.deadline : today);
	t_end = day_number(out->to);
	out->units = lt_arena_alloc(a, (d.nunits ? d.nunits : 1) * sizeof(*out->units));
	if (!out->units)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < d.nunits; i++) {
		lt_app_continuity_unit *u = &out->units[out->n];
		int64_t rec, silent;
		memset(u, 0, sizeof(*u));
		u->unit = d.units[i].unit;
		lt_vn_date(d.units[i].received_at, u->received);
		if (!out->from[0] || strcmp(u->received, out->from) < 0)
			memcpy(out->from, u->received, sizeof(out->from));
		unit_days(u, d.days, d.ndays, a);
		rec = day_number(u->received);
		silent = t_end - (u->last_date ? day_number(u->last_date) : rec);
		u->silent_days = silent < 0 ? 0 : silent;
		if (u->first_date)
			u->first_after_days = day_number(u->first_date) - rec;
		if (silent_days > 0 && silent < silent_days)
			continue;
		out->n++;
	}
	if (!out->from[0])
		memcpy(out->from, out->to, sizeof(out->from));
	return lt_arena_failed(a) ? lt_app_act_nomem(e) : 0;
}
