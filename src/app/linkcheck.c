/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* linkcheck.c — claim, fetch with no connection held, record; see linkcheck.h. */
#include "app/linkcheck.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "net/linkcheck.h"
#include "store/linkkit.h"

/* Only the server's own work (or the operator at the console) checks links. */
static int need_system(const lt_actor *who, lt_error *e)
{
	if (who->kind == LT_ACTOR_SYSTEM || who->kind == LT_ACTOR_OPERATOR)
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, NULL, "Chỉ máy chủ kiểm tra liên kết",
			    "Only the server checks links");
}

/*
 * Claim the next link, leased for twice the longest fetch and a minute: a
 * claim outlives its fetch, and one whose checker died comes back after it.
 */
static int claim(lt_db *db, const lt_linkcheck_config *c, char **url, lt_error *e)
{
	int64_t now = lt_now();
	long fetch_s = (c->connect_timeout_ms + c->timeout_ms) / 1000;

	return lt_linkcheck_claim(db, now, now + 2 * fetch_s + 60, url, e);
}

/* Fetch url with c's limits into r; the fetch's own error in fe. */
static int fetch(const char *url, const lt_linkcheck_config *c, lt_linkcheck_result *r,
		 lt_error *fe)
{
	lt_linkcheck_opts o;

	lt_linkcheck_opts_default(&o);
	o.connect_timeout_ms = c->connect_timeout_ms;
	o.total_timeout_ms = c->timeout_ms;
	o.max_bytes = c->max_bytes;
	o.max_redirects = c->max_redirects;
	o.allow_private = c->allow_private;
	o.user_agent = c->user_agent[0] ? c->user_agent : NULL;
	memset(r, 0, sizeof(*r));
	lt_error_clear(fe);
	return lt_linkcheck_fetch(url, &o, r, fe);
}

/* Record the outcome frc (fe, r) of the fetch of url. */
static int record(lt_db *db, const char *url, int frc, const lt_linkcheck_result *r,
		  const lt_error *fe, const lt_linkcheck_config *c, lt_error *e)
{
	if (frc == 0)
		return lt_linkcheck_record(db, url, r->status, r->final_url, r->title, r->og_title,
					   NULL, c->max_attempts, e);
	/* A refused address or a bad link will not get better: fail it at once. */
	return lt_linkcheck_record(db, url, 0, NULL, NULL, NULL, fe->en,
				   frc == LT_EIO ? c->max_attempts : 0, e);
}

int lt_app_linkcheck_next(lt_store *store, const lt_actor *who, const lt_linkcheck_config *c,
			  bool *done, lt_error *e)
{
	lt_linkcheck_result r;
	lt_error fe;
	char *url = NULL;
	lt_db *db;
	int rc = need_system(who, e), frc;

	*done = false;
	if (rc)
		return rc;
	db = lt_store_acquire(store);
	rc = claim(db, c, &url, e);
	lt_store_release(store, db);
	if (rc || !url)
		return rc;
	frc = fetch(url, c, &r, &fe);
	db = lt_store_acquire(store);
	rc = record(db, url, frc, &r, &fe, c, e);
	lt_store_release(store, db);
	lt_linkcheck_result_free(&r);
	free(url);
	*done = true;
	return rc;
}

int lt_app_linkcheck_run(lt_db *db, const lt_actor *who, const lt_linkcheck_config *c, int max,
			 int *checked, lt_error *e)
{
	int rc = need_system(who, e);

	*checked = 0;
	while (!rc && *checked < max) {
		lt_linkcheck_result r;
		lt_error fe;
		char *url = NULL;
		rc = claim(db, c, &url, e);
		if (rc || !url)
			break;
		rc = record(db, url, fetch(url, c, &r, &fe), &r, &fe, c, e);
		lt_linkcheck_result_free(&r);
		free(url);
		(*checked)++;
	}
	return rc;
}

int lt_app_linkcheck_reset(lt_db *db, const lt_actor *who, lt_error *e)
{
	int rc = need_system(who, e);

	return rc ? rc : lt_linkcheck_reset_running(db, lt_now(), e);
}
