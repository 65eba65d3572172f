/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_query.c — reading the activity log: one item, filtered lists
 * with original/share counts, the claims of a link, the theme guess and
 * the campaign's continuity. See activity.h.
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/buf.h"
#include "core/tree.h"
#include "store/activity.h"
#include "text/fold.h"

#define ITEM_COLS                                                                            \
	"a.id, a.unit_id, u.code, u.name, a.directive_id, a.theme_id, t.pos, t.title,"       \
	" a.kit_item_id, a.channel, a.kind, a.url, a.url_canonical, a.title, a.date, a.views," \
	" a.reactions, a.comments, a.shares, a.counts_on, a.is_original, a.created_at,"      \
	" a.updated_at, a.search_fold, u.name,"                                                \
	" (SELECT count(*) FROM activity_photo ap WHERE ap.activity_id = a.id)"

static json_t *opt_int(lt_stmt *st, int c)
{
	return lt_stmt_is_null(st, c) ? json_null() : json_integer(lt_stmt_int(st, c));
}

static json_t *opt_str(lt_stmt *st, int c)
{
	return lt_stmt_is_null(st, c) ? json_null() : json_string(lt_stmt_text(st, c));
}

static json_t *item_row(lt_stmt *st)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(lt_stmt_int(st, 0)));
	json_object_set_new(o, "unit", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)lt_stmt_int(st, 1),
						 "code", lt_stmt_text(st, 2), "name",
						 lt_stmt_text(st, 3)));
	json_object_set_new(o, "directive_id", json_integer(lt_stmt_int(st, 4)));
	json_object_set_new(o, "theme",
			    lt_stmt_is_null(st, 5)
				    ? json_null()
				    : json_pack("{s:I,s:I,s:s}", "id", (json_int_t)lt_stmt_int(st, 5),
						"pos", (json_int_t)lt_stmt_int(st, 6), "title",
						lt_stmt_text(st, 7)));
	json_object_set_new(o, "kit_item_id", opt_int(st, 8));
	json_object_set_new(o, "channel", json_string(lt_stmt_text(st, 9)));
	json_object_set_new(o, "kind", json_string(lt_stmt_text(st, 10)));
	json_object_set_new(o, "url", opt_str(st, 11));
	json_object_set_new(o, "url_canonical", opt_str(st, 12));
	json_object_set_new(o, "title", json_string(lt_stmt_text(st, 13)));
	json_object_set_new(o, "date", json_string(lt_stmt_text(st, 14)));
	json_object_set_new(o, "views", opt_int(st, 15));
	json_object_set_new(o, "reactions", opt_int(st, 16));
	json_object_set_new(o, "comments", opt_int(st, 17));
	json_object_set_new(o, "shares", opt_int(st, 18));
	json_object_set_new(o, "counts_on", opt_str(st, 19));
	json_object_set_new(o, "is_original", json_boolean(lt_stmt_int(st, 20)));
	json_object_set_new(o, "created_at", json_integer(lt_stmt_int(st, 21)));
	json_object_set_new(o, "updated_at", json_integer(lt_stmt_int(st, 22)));
	json_object_set_new(o, "photo_count", json_integer(lt_stmt_int(st, 25)));
	return o;
}

int lt_activity_claims(lt_db *db, const char *url_canonical, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT a.id, u.id, u.code, u.name, a.kind, a.date, a.is_original,"
			       " a.directive_id FROM activity a JOIN unit u ON u.id = a.unit_id"
			       " WHERE a.url_canonical = $1 ORDER BY a.is_original DESC, a.date, a.id"
			       " LIMIT 500",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_text(st, 1, url_canonical);
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(
			arr, json_pack("{s:I,s:{s:I,s:s,s:s},s:s,s:s,s:b,s:I}", "id",
				       (json_int_t)lt_stmt_int(st, 0), "unit", "id",
				       (json_int_t)lt_stmt_int(st, 1), "code", lt_stmt_text(st, 2),
				       "name", lt_stmt_text(st, 3), "kind", lt_stmt_text(st, 4), "date",
				       lt_stmt_text(st, 5), "is_original", (int)lt_stmt_int(st, 6),
				       "directive_id", (json_int_t)lt_stmt_int(st, 7)));
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

static int add_photos(lt_db *db, int64_t id, json_t *o, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT ap.pos, p.hash, p.mime, p.width, p.height, p.bytes FROM"
			       " activity_photo ap JOIN photo p ON p.hash = ap.hash"
			       " WHERE ap.activity_id = $1 ORDER BY ap.pos",
			       &st, e);

	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, id);
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:I,s:I}", "pos",
						     (json_int_t)lt_stmt_int(st, 0), "hash",
						     lt_stmt_text(st, 1), "mime", lt_stmt_text(st, 2),
						     "width", (json_int_t)lt_stmt_int(st, 3), "height",
						     (json_int_t)lt_stmt_int(st, 4), "bytes",
						     (json_int_t)lt_stmt_int(st, 5)));
	lt_stmt_done(st);
	json_object_set_new(o, "photos", arr);
	return rc < 0 ? rc : 0;
}

static int add_link_check(lt_db *db, const char *url, json_t *o, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT state, http_status, title, og_title, final_url, error, checked_at"
			       " FROM link_check WHERE url_canonical = $1",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, url);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		json_t *c = json_object();
		json_object_set_new(c, "state", json_string(lt_stmt_text(st, 0)));
		json_object_set_new(c, "http_status", opt_int(st, 1));
		json_object_set_new(c, "title", opt_str(st, 2));
		json_object_set_new(c, "og_title", opt_str(st, 3));
		json_object_set_new(c, "final_url", opt_str(st, 4));
		json_object_set_new(c, "error", opt_str(st, 5));
		json_object_set_new(c, "checked_at", opt_int(st, 6));
		json_object_set_new(o, "link_check", c);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_activity_get(lt_db *db, int64_t id, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *o = NULL, *claims = NULL;
	const char *url;
	int rc = lt_db_prepare(db,
			       "SELECT " ITEM_COLS ", u.path FROM activity a JOIN unit u ON u.id = a.unit_id"
			       " LEFT JOIN directive_theme t ON t.id = a.theme_id WHERE a.id = $1",
			       &st, e);

	*out = NULL;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		o = item_row(st);
		json_object_set_new(json_object_get(o, "unit"), "path",
				    json_string(lt_stmt_text(st, 26)));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có hoạt động #%" PRId64,
				    "No activity #%" PRId64, id);
	if (rc < 0)
		return rc;
	rc = add_photos(db, id, o, e);
	url = json_string_value(json_object_get(o, "url_canonical"));
	if (!rc && url) {
		rc = lt_activity_claims(db, url, &claims, e);
		if (!rc)
			json_object_set_new(o, "claims", claims);
		if (!rc)
			rc = add_link_check(db, url, o, e);
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

/* "%first-token%" of a folded query, LIKE wildcards escaped; NULL when empty. */
static char *like_first(const char *fold)
{
	size_t n = strcspn(fold, " ");
	char *p, *w;

	if (!n)
		return NULL;
	p = malloc(n * 2 + 3);
	if (!p)
		return NULL;
	w = p;
	*w++ = '%';
	for (size_t i = 0; i < n; i++) {
		if (fold[i] == '%' || fold[i] == '_' || fold[i] == '\\')
			*w++ = '\\';
		*w++ = fold[i];
	}
	*w++ = '%';
	*w = '\0';
	return p;
}

int lt_activity_list(lt_db *db, const lt_activity_filter *f, json_t **items, json_t **counts,
		     lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	char *fold = NULL, *pat = NULL, *ufold = NULL;
	json_t *arr = json_array(), *by_channel = json_object();
	int limit = f->limit > 0 ? (f->limit > 10000 ? 10000 : f->limit) : 100;
	int64_t total = 0, originals = 0;
	int rc;

	*items = *counts = NULL;
	if (f->q && *f->q) {
		fold = lt_text_fold(f->q, strlen(f->q));
		if (!fold) {
			rc = lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					  "Search text is not valid UTF-8");
			goto out;
		}
		pat = like_first(fold);
	}
	lt_tree_path_end(f->within ? f->within : "/", end);
	rc = lt_db_prepare(db,
			   "SELECT " ITEM_COLS " FROM activity a JOIN unit u ON u.id = a.unit_id"
			   " LEFT JOIN directive_theme t ON t.id = a.theme_id"
			   " WHERE u.path >= $1 AND u.path < $2"
			   " AND ($3 = 0 OR a.directive_id = $3) AND ($4 = 0 OR a.unit_id = $4)"
			   " AND ($5 = 0 OR a.theme_id = $5) AND ($6 IS NULL OR a.channel = $6)"
			   " AND ($7 IS NULL OR a.kind = $7) AND ($8 IS NULL OR a.date >= $8)"
			   " AND ($9 IS NULL OR a.date <= $9) AND ($10 = 0 OR a.kit_item_id = $10)"
			   " AND ($11 IS NULL OR a.search_fold LIKE $11 ESCAPE '\\'"
			   "   OR u.name_fold LIKE $11 ESCAPE '\\')"
			   " ORDER BY a.date DESC, a.id DESC",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_text(st, 1, f->within ? f->within : "/");
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, f->directive_id);
	lt_stmt_bind_int(st, 4, f->unit_id);
	lt_stmt_bind_int(st, 5, f->theme_id);
	lt_stmt_bind_text(st, 6, f->channel && *f->channel ? f->channel : NULL);
	lt_stmt_bind_text(st, 7, f->kind && *f->kind ? f->kind : NULL);
	lt_stmt_bind_text(st, 8, f->from && *f->from ? f->from : NULL);
	lt_stmt_bind_text(st, 9, f->to && *f->to ? f->to : NULL);
	lt_stmt_bind_int(st, 10, f->kit_item_id);
	lt_stmt_bind_text(st, 11, pat);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char *ch = lt_stmt_text(st, 9);
		json_t *c;
		if (fold) {
			/* Every word must be in the title, the link or the unit's name. */
			lt_buf b;
			bool ok;
			const char *un = lt_stmt_text(st, 24);
			lt_buf_init(&b, 1 << 16);
			free(ufold);
			ufold = lt_text_fold(un, strlen(un));
			lt_buf_putf(&b, "%s %s", lt_stmt_text(st, 23), ufold ? ufold : "");
			ok = !lt_buf_error(&b) && lt_text_match_folded(lt_buf_cstr(&b), fold);
			lt_buf_free(&b);
			if (!ok)
				continue;
		}
		total++;
		originals += lt_stmt_int(st, 20) != 0;
		c = json_object_get(by_channel, ch);
		json_object_set_new(by_channel, ch, json_integer(c ? json_integer_value(c) + 1 : 1));
		if (total > f->offset && json_array_size(arr) < (size_t)limit)
			json_array_append_new(arr, item_row(st));
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	*counts = json_pack("{s:I,s:I,s:I,s:O}", "items", (json_int_t)total, "originals",
			    (json_int_t)originals, "shares", (json_int_t)(total - originals),
			    "by_channel", by_channel);
	*items = arr;
	arr = NULL;
out:
	json_decref(arr);
	json_decref(by_channel);
	free(fold);
	free(pat);
	free(ufold);
	return rc;
}

/* ---------- theme guess ---------- */

#define GUESS_MAX_WORDS 256
#define GUESS_MAX_THEMES 32

/* Words common to every Vietnamese title: no help in telling themes apart. */
static const char *const stop[] = { "va", "cua", "cac", "nhung", "mot", "voi", "trong", "tai",
				    "la", "co", "duoc", "cho", "den", "tu", "nam", "ngay", "http",
				    "https", "www", "com", "vn", "html", "htm", "php", "the",
				    "nguoi", "de", "ve", "nay", "khi", "da", "se", "post", "posts",
				    "watch", "video", "story", "fbid", "id" };

static bool is_stop(const char *w)
{
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (!strcmp(w, stop[i]))
			return true;
	return false;
}

/* Split folded text into words of [a-z0-9] (in place); returns the count. */
static size_t words_of(char *s, char **w, size_t max)
{
	size_t n = 0;
	char *p = s;

	while (*p && n < max) {
		while (*p && !isalnum((unsigned char)*p))
			*p++ = '\0';
		if (!*p)
			break;
		w[n++] = p;
		while (*p && isalnum((unsigned char)*p))
			p++;
	}
	while (*p) {
		if (!isalnum((unsigned char)*p))
			*p = '\0';
		p++;
	}
	return n;
}

static bool has_word(char **w, size_t n, const char *x)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w[i], x))
			return true;
	return false;
}

static bool has_pair(char **w, size_t n, const char *x, const char *y)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (!strcmp(w[i], x) && !strcmp(w[i + 1], y))
			return true;
	return false;
}

int lt_activity_guess_theme(lt_db *db, int64_t directive_id, const char *title, const char *url,
			    int64_t *theme_id, double *score, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_buf b;
	char *q = NULL, *tt[GUESS_MAX_THEMES] = { 0 };
	char *qw[GUESS_MAX_WORDS], *tw[GUESS_MAX_THEMES][GUESS_MAX_WORDS];
	size_t nq, nt[GUESS_MAX_THEMES] = { 0 }, ntheme = 0;
	int64_t ids[GUESS_MAX_THEMES];
	double best = 0;
	int rc;

	*theme_id = 0;
	*score = 0;
	lt_buf_init(&b, 1 << 16);
	lt_buf_putf(&b, "%s ", title ? title : "");
	/* The link's path often carries the headline as a slug: "cho-tet-cong-doan". */
	if (url) {
		const char *p = strstr(url, "://");
		p = p ? strchr(p + 3, '/') : NULL;
		if (p)
			lt_buf_puts(&b, p);
	}
	q = lt_buf_error(&b) ? NULL : lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	if (!q)
		return 0;
	nq = words_of(q, qw, GUESS_MAX_WORDS);
	rc = lt_db_prepare(db,
			   "SELECT id, title, items FROM directive_theme WHERE directive_id = $1"
			   " ORDER BY pos",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive_id);
	while ((rc = lt_stmt_step(st, e)) == 1 && ntheme < GUESS_MAX_THEMES) {
		char *txt = NULL;
		lt_buf tb;
		lt_buf_init(&tb, 1 << 20);
		lt_buf_putf(&tb, "%s %s", lt_stmt_text(st, 1), lt_stmt_text(st, 2));
		txt = lt_buf_error(&tb) ? NULL : lt_text_fold(lt_buf_cstr(&tb), tb.len);
		lt_buf_free(&tb);
		if (!txt)
			continue;
		ids[ntheme] = lt_stmt_int(st, 0);
		tt[ntheme] = txt;
		nt[ntheme] = words_of(txt, tw[ntheme], GUESS_MAX_WORDS);
		ntheme++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	for (size_t k = 0; k < ntheme; k++) {
		double s = 0;
		for (size_t i = 0; i < nq; i++) {
			size_t df = 0;
			bool dup = false;
			if (is_stop(qw[i]) || strlen(qw[i]) < 2)
				continue;
			for (size_t j = 0; j < i; j++)
				dup = dup || !strcmp(qw[j], qw[i]);
			if (dup || !has_word(tw[k], nt[k], qw[i]))
				continue;
			for (size_t m = 0; m < ntheme; m++)
				df += has_word(tw[m], nt[m], qw[i]);
			/* A word found in one theme only decides more than one found in all. */
			s += 1.0 / (double)df;
			if (i + 1 < nq && has_pair(tw[k], nt[k], qw[i], qw[i + 1]))
				s += 1.0;
		}
		if (s > best + 1e-9) {
			best = s;
			*theme_id = ids[k];
		}
	}
	*score = best;
	/* One shared common word is not a guess. */
	if (best < 1.0) {
		*theme_id = 0;
		*score = 0;
	}
out:
	for (size_t k = 0; k < ntheme; k++)
		free(tt[k]);
	free(q);
	return rc;
}

/* ---------- continuity ---------- */

static int64_t day_number(const char *iso)
{
	int64_t day = 0;

	return lt_iso_day(iso, &day) ? 0 : day;
}

int lt_activity_continuity(lt_db *db, int64_t directive_id, const char *within,
			   const char *today, int silent_days, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX], from[11] = "", until[11];
	json_t *units = json_array(), *byid = json_object(), *res = NULL;
	int64_t t_today;
	size_t i;
	json_t *u;
	int rc;

	snprintf(until, sizeof(until), "%.10s", today);
	*out = NULL;
	lt_tree_path_end(within, end);
	/* The campaign ends at the report deadline: silence after it does not count. */
	rc = lt_db_prepare(db, "SELECT report_deadline FROM directive WHERE id = $1", &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive_id);
	if (lt_stmt_step(st, e) == 1 && lt_stmt_text(st, 0) && strcmp(lt_stmt_text(st, 0), today) < 0)
		snprintf(until, sizeof(until), "%.10s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	t_today = day_number(until);
	/* Recipients (and the issuer) under within, with their receipt time. */
	rc = lt_db_prepare(db,
			   "SELECT u.id, u.code, u.name, r.received_at FROM receipt r"
			   " JOIN unit u ON u.id = r.unit_id WHERE r.directive_id = $1"
			   " AND u.path >= $2 AND u.path < $3 ORDER BY u.path",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive_id);
	lt_stmt_bind_text(st, 2, within);
	lt_stmt_bind_text(st, 3, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		char rec[11], key[24];
		lt_vn_date(lt_stmt_int(st, 3), rec);
		if (!from[0] || strcmp(rec, from) < 0)
			memcpy(from, rec, sizeof(from));
		u = json_pack("{s:{s:I,s:s,s:s},s:s,s:n,s:n,s:n,s:I,s:n,s:o}", "unit", "id",
			      (json_int_t)lt_stmt_int(st, 0), "code", lt_stmt_text(st, 1), "name",
			      lt_stmt_text(st, 2), "received", rec, "first_date", "first_after_days",
			      "last_date", "total", (json_int_t)0, "silent_days", "days",
			      json_object());
		snprintf(key, sizeof(key), "%" PRId64, lt_stmt_int(st, 0));
		json_object_set(byid, key, u);
		json_array_append_new(units, u);
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = lt_db_prepare(db,
			   "SELECT a.unit_id, a.date, count(*) FROM activity a JOIN unit u"
			   " ON u.id = a.unit_id WHERE a.directive_id = $1 AND u.path >= $2"
			   " AND u.path < $3 GROUP BY a.unit_id, a.date ORDER BY a.unit_id, a.date",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive_id);
	lt_stmt_bind_text(st, 2, within);
	lt_stmt_bind_text(st, 3, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		char key[24];
		const char *d = lt_stmt_text(st, 1);
		int64_t n = lt_stmt_int(st, 2);
		snprintf(key, sizeof(key), "%" PRId64, lt_stmt_int(st, 0));
		u = json_object_get(byid, key);
		if (!u)
			continue; /* e.g. the issuer's own items: not a recipient */
		json_object_set_new(json_object_get(u, "days"), d, json_integer(n));
		json_object_set_new(u, "total",
				    json_integer(json_integer_value(json_object_get(u, "total")) + n));
		if (json_is_null(json_object_get(u, "first_date")))
			json_object_set_new(u, "first_date", json_string(d));
		json_object_set_new(u, "last_date", json_string(d));
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	res = json_pack("{s:s,s:s,s:o}", "from", from[0] ? from : until, "to", until, "units",
			json_array());
	json_array_foreach(units, i, u) {
		const char *first = json_string_value(json_object_get(u, "first_date"));
		const char *last = json_string_value(json_object_get(u, "last_date"));
		int64_t rec = day_number(json_string_value(json_object_get(u, "received")));
		int64_t silent = t_today - (last ? day_number(last) : rec);
		if (first)
			json_object_set_new(u, "first_after_days",
					    json_integer(day_number(first) - rec));
		json_object_set_new(u, "silent_days", json_integer(silent < 0 ? 0 : silent));
		if (silent_days > 0 && silent < silent_days)
			continue;
		json_array_append(json_object_get(res, "units"), u);
	}
	*out = res;
	res = NULL;
out:
	json_decref(units);
	json_decref(byid);
	json_decref(res);
	return rc;
}
