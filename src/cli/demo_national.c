// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * demo_national.c — `lantoa demo --national`: the union at national scale,
 * to measure lantoa where it is meant to work.
 *
 * The tree is the administrative catalogue (63 provinces, about 700
 * districts, 10,500 communes) from ../shared/data/dvhcvn/ (or --file),
 * else a generated tree of the same shape; under every commune 8 to 16
 * grassroots unions (about 126,000), with member counts summing to about
 * 11 million. One national directive (01/TLĐ) is issued to every
 * grassroots union; most of them have entered their figures, and their
 * reports are accepted, waiting, returned or missing in realistic shares;
 * those with figures have logged about 17 activity items each (about two
 * million), and workers have sent about a million messages
 * (demo_national_feedback.c).
 *
 * The tree goes through app/unit.h and the directive through
 * app/directive.h like any import; the two million figures, the reports
 * and the items are generated rows loaded with store/bulk.h's prepared
 * statements. All in the caller's one transaction.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/directive.h"
#include "app/unit.h"
#include "cli/demo.h"
#include "core/clock.h"
#include "store/activity.h"
#include "store/bulk.h"
#include "store/rollup.h"
#include "store/unit.h"
#include "text/dvhcvn.h"

#define NAT_FROM "2015-01-01"
#define NAT_FILE "../shared/data/dvhcvn/dvhcvn_20240901.json"

/* A small deterministic generator (the demo is the same every time). */
static unsigned next(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffffff;
}

/* Read the catalogue, or NULL data when the file is absent. */
static int read_catalogue(lt_cli *cli, const char *file, lt_arena *a, lt_dvhcvn_unit **units,
			  size_t *n)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = fopen(file, "rb");
	int rc;

	*units = NULL;
	*n = 0;
	if (!f)
		return 0;
	fclose(f);
	rc = lt_cli_read_file(cli, file, 64u << 20, &data, &len);
	if (!rc)
		rc = lt_dvhcvn_parse(data, len, NULL, NULL, a, units, n, &cli->err);
	free(data);
	return rc;
}

/* A generated tree of the catalogue's shape: 63 × 11 × 15. */
static int generate_catalogue(lt_arena *a, lt_dvhcvn_unit **units, size_t *n)
{
	size_t cap = 1 + 63 * (1 + 11 * (1 + 15)), k = 0;
	lt_dvhcvn_unit *u = lt_arena_alloc(a, cap * sizeof(*u));

	if (!u)
		return LT_ENOMEM;
	u[k++] = (lt_dvhcvn_unit){ "VN", "Tổng Liên đoàn Lao động Việt Nam", "national", NULL };
	for (int p = 1; p <= 63; p++) {
		char *pc = lt_arena_printf(a, "%02d", p);
		u[k++] = (lt_dvhcvn_unit){ pc, lt_arena_printf(a, "LĐLĐ tỉnh Số %d", p), "province",
					   "VN" };
		for (int d = 1; d <= 11; d++) {
			char *dc = lt_arena_printf(a, "%s.%03d", pc, p * 11 + d);
			u[k++] = (lt_dvhcvn_unit){ dc, lt_arena_printf(a, "LĐLĐ huyện Số %d-%d", p, d),
						   "district", pc };
			for (int c = 1; c <= 15; c++)
				u[k++] = (lt_dvhcvn_unit){
					lt_arena_printf(a, "%s.%05d", dc, (p * 11 + d) * 15 + c),
					lt_arena_printf(a, "Công đoàn xã Số %d-%d-%d", p, d, c),
					"commune", dc
				};
		}
	}
	*units = u;
	*n = k;
	return lt_arena_failed(a) ? LT_ENOMEM : 0;
}

static void progress(void *ctx, size_t done, size_t total)
{
	lt_cli_progress(ctx, "units", (long)done, (long)total);
}

/* The tree: catalogue units plus grassroots unions; *rows and *nrows for the next steps. */
static int national_tree(lt_cli *cli, lt_db *db, lt_arena *a, const char *file,
			 lt_unit_row **rows_out, size_t *nrows_out, int64_t *members)
{
	lt_actor op;
	lt_dvhcvn_unit *units = NULL;
	lt_unit_row *rows = NULL;
	size_t n = 0, nrows = 0, created = 0;
	unsigned seed = 20240110;
	int bad = 0, rc = read_catalogue(cli, file, a, &units, &n);

	lt_actor_operator(&op);
	if (!rc && !n) {
		fprintf(stderr, cli->en ? "%s not found: a generated tree of the same shape.\n"
					: "Không có %s: dùng cây sinh ra có cùng hình dạng.\n",
			file);
		rc = generate_catalogue(a, &units, &n);
		if (rc)
			rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	if (rc)
		return rc;
	rows = calloc(n * 17 + 1, sizeof(*rows));
	if (!rows)
		return lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t i = 0; i < n; i++) {
		lt_unit_row *r = &rows[nrows++];
		r->line = (int)nrows;
		r->code = units[i].code;
		r->name = units[i].name;
		r->level = units[i].level;
		r->parent_code = units[i].parent_code;
		r->active_from = NAT_FROM;
		if (strcmp(units[i].level, "commune"))
			continue;
		int k = 8 + (int)(next(&seed) % 9);
		for (int j = 0; j < k; j++) {
			lt_unit_row *g = &rows[nrows++];
			g->line = (int)nrows;
			g->code = lt_arena_printf(a, "%s.%02d", units[i].code, j + 1);
			g->name = lt_arena_printf(a, lt_demo_kind(i + (size_t)j * 4),
						  lt_demo_place(units[i].name));
			g->level = "grassroots";
			g->parent_code = units[i].code;
			g->members = 20 + (int64_t)(next(&seed) % 135);
			g->active_from = NAT_FROM;
			*members += g->members;
		}
	}
	if (lt_arena_failed(a))
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc)
		rc = lt_app_unit_import(db, &op, rows, nrows, false, progress, cli, &created, &bad,
					&cli->err);
	if (rc) {
		free(rows);
		return rc;
	}
	*rows_out = rows;
	*nrows_out = nrows;
	return 0;
}

/* 01/TLĐ: issued by the confederation to every grassroots union. */
static int national_directive(lt_cli *cli, lt_db *db, lt_arena *a, int64_t root, int64_t *id)
{
	lt_actor op;
	lt_directive_draft in = { .issuer_id = root, .issue = true };
	lt_directive_view v;
	int rc;

	lt_actor_operator(&op);
	in.doc = json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:s,s:I},s:[s],s:[{s:s},{s:s},{s:s},{s:s}]}",
			   "number", "01/TLĐ", "place", "Hà Nội", "date", "2024-01-10",
			   "report_deadline", "2024-02-20", "subject",
			   "Chăm lo Tết Giáp Thìn 2024 cho đoàn viên, người lao động", "recipients",
			   "mode", "grassroots_under", "unit_id", (json_int_t)root, "tasks",
			   "Tổ chức chăm lo Tết và báo cáo kết quả trước ngày 20/02/2024.", "themes",
			   "title", "Tết Sum vầy – Xuân gắn kết", "title", "Chợ Tết Công đoàn",
			   "title", "Chuyến xe mùa xuân", "title", "Tuyên truyền chính sách, pháp luật");
	lt_demo_clock("2024-01-10 09:00");
	rc = lt_app_directive_create(db, &op, &in, a, &v, &cli->err);
	if (!rc)
		*id = v.meta.id;
	lt_app_directive_view_free(&v);
	json_decref(in.doc);
	return rc;
}

/*
 * The activity items of a union that has entered its figures: about 17 on
 * average (more in a bigger union) across the four themes, the channels
 * and the kinds, each its own link, dated over the campaign.
 */
static int national_items(lt_db *db, int64_t dir, const int64_t themes[4], const lt_unit *u,
			  unsigned *seed, long *nitems, lt_error *e)
{
	static const char *const titles[4] = {
		"Tết Sum vầy – Xuân gắn kết 2024: trao quà cho đoàn viên %s",
		"Chợ Tết Công đoàn 2024: đoàn viên %s mua hàng 0 đồng",
		"Chuyến xe mùa xuân đưa công nhân %s về quê đón Tết",
		"Phổ biến chính sách bảo hiểm xã hội mới cho người lao động %s",
	};
	static const struct {
		const char *channel, *url;
	} where[] = {
		{ "facebook", "https://www.facebook.com/cd%s/posts/%u" },
		{ "facebook", "https://www.facebook.com/cd%s/posts/%u" },
		{ "facebook", "https://www.facebook.com/cd%s/videos/%u" },
		{ "zalo", "https://zalo.me/cd%s/%u" },
		{ "tiktok", "https://www.tiktok.com/@cd%s/video/%u" },
		{ "website", "https://congdoan.example.vn/cd%s/tin/%u" },
		{ "youtube", "https://www.youtube.com/watch?v=cd%s-%u" },
		{ "e-newspaper", "https://laodong.example.vn/cd%s-%u.html" },
	};
	static const char *const kinds[] = { "post", "post", "post", "article", "video", "event" };
	const char *place = strncmp(u->name, "CĐCS ", strlen("CĐCS ")) ? u->name
								       : u->name + strlen("CĐCS ");
	int k = 4 + (int)(next(seed) % 22) + (int)(u->members / 30);
	int rc = 0;

	for (int i = 0; !rc && i < k; i++) {
		/* Day, theme, place and kind each drawn on their own. */
		unsigned r = next(seed), t = next(seed) % 4;
		int d = 15 + (int)(r % 36); /* 15 January to 19 February */
		char url[200], title[400], day[11];
		lt_bulk_item it = { .directive = dir, .unit = u->id, .theme = themes[t] };

		snprintf(day, sizeof(day), "2024-%02d-%02d", d > 31 ? 2 : 1, d > 31 ? d - 31 : d);
		it.channel = where[(r >> 2) % (sizeof(where) / sizeof(where[0]))].channel;
		snprintf(url, sizeof(url), where[(r >> 2) % (sizeof(where) / sizeof(where[0]))].url,
			 u->code, next(seed));
		snprintf(title, sizeof(title), titles[t], place);
		it.kind = kinds[(r >> 5) % (sizeof(kinds) / sizeof(kinds[0]))];
		it.title = title;
		it.url = url;
		it.day = day;
		it.at = lt_vn_epoch(2024, d > 31 ? 2 : 1, d > 31 ? d - 31 : d, 9 + (int)(r % 10), 0, 0);
		rc = lt_bulk_activity(db, &it, e);
		(*nitems)++;
	}
	return rc;
}

/* Figures, reports and items of one grassroots union. */
static int national_unit(lt_cli *cli, lt_db *db, int64_t dir, const int64_t themes[4],
			 const lt_unit *u, unsigned *seed, long *nfig, long *nitems)
{
	int64_t at = lt_vn_epoch(2024, 2, 1 + (int)(next(seed) % 27), 8 + (int)(next(seed) % 10),
				 (int)(next(seed) % 60), 0);
	double people = (double)(u->members * (60 + (int64_t)(next(seed) % 40)) / 100);
	double per = 300000 + (double)(next(seed) % 20) * 50000;
	double gifts = (double)(u->members * (30 + (int64_t)(next(seed) % 70)) / 100);
	const struct {
		const char *code;
		double v;
	} f[] = {
		{ "people_supported", people },
		{ "support_vnd", people * per },
		{ "support_vnd_union", people * per * 0.6 },
		{ "support_vnd_other", people * per * 0.4 },
		{ "programmes", (double)(1 + next(seed) % 4) },
		{ "programme_participants", (double)(u->members * 7 / 10) },
		{ "gift_recipients", gifts },
		{ "gift_vnd", gifts * 500000 },
		{ "tickets", (double)(next(seed) % 12) },
		{ "ticket_vnd", (double)(next(seed) % 12) * 800000 },
		{ "leader_visits", (double)(next(seed) % 3) },
		{ "workers_visited", (double)(u->members / 5) },
		{ "market_stalls", (double)(next(seed) % 3) },
		{ "legal_consultations", (double)(next(seed) % 30) },
		{ "health_consultations", (double)(next(seed) % 40) },
		{ "stay_workers_reached", (double)(next(seed) % 15) },
	};
	unsigned r = next(seed) % 100;
	int rc = 0;

	/* One union in eight has entered nothing yet. */
	if (r >= 88)
		return 0;
	for (size_t i = 0; !rc && i < sizeof(f) / sizeof(f[0]); i++)
		rc = lt_bulk_figure(db, dir, u->id, f[i].code, f[i].v, at, &cli->err);
	*nfig += (long)(sizeof(f) / sizeof(f[0]));
	/* Reports: 60 accepted, 15 waiting, 5 returned, the rest not submitted. */
	if (!rc && r < 80) {
		char snap[512];
		const char *status = r < 60 ? "accepted" : r < 75 ? "submitted" : "returned";
		snprintf(snap, sizeof(snap),
			 "{\"as_of\":\"2024-02-20\",\"basis\":\"accepted\",\"unit\":{\"id\":%" PRId64
			 ",\"code\":\"%s\"},\"rollup\":{\"figures\":[]},\"children\":[]}",
			 u->id, u->code);
		rc = lt_bulk_report(db, dir, u->id, status, at, snap, &cli->err);
	}
	if (!rc)
		rc = national_items(db, dir, themes, u, seed, nitems, &cli->err);
	return rc;
}

/* The directive's four themes' ids, in order. */
static int national_themes(lt_cli *cli, lt_db *db, lt_arena *a, int64_t dir, int64_t ids[4])
{
	lt_activity_theme *t = NULL;
	size_t n = 0;
	int rc = lt_activity_themes(db, dir, a, &t, &n, &cli->err);

	if (!rc && n != 4)
		return lt_error_set(&cli->err, LT_EINTERNAL, NULL, "01/TLĐ thiếu chủ đề",
				    "01/TLĐ lacks its themes");
	for (size_t i = 0; !rc && i < 4; i++)
		ids[i] = t[i].id;
	return rc;
}

int lt_demo_national(lt_cli *cli, lt_db *db, lt_arena *a, const char *file, const char *hash)
{
	lt_unit_row *rows = NULL;
	lt_unit root;
	size_t nrows = 0, ngr = 0;
	int64_t dir = 0, members = 0, themes[4] = { 0 };
	int64_t *gid = NULL, *gmembers = NULL;
	const char **gname = NULL;
	long nfig = 0, nitems = 0, nfb = 0;
	unsigned seed = 20240220;
	/* About 3 GB of pages written in one transaction: keep 2 GB of them in memory. */
	int rc = lt_bulk_cache(db, 2048, &cli->err);

	if (!rc)
		rc = national_tree(cli, db, a, file ? file : NAT_FILE, &rows, &nrows, &members);
	if (!rc) {
		gid = calloc(nrows, sizeof(*gid));
		gmembers = calloc(nrows, sizeof(*gmembers));
		gname = calloc(nrows, sizeof(*gname));
		if (!gid || !gmembers || !gname)
			rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	if (!rc)
		rc = lt_unit_get_by_code(db, "VN", a, &root, &cli->err);
	if (!rc)
		rc = lt_demo_user(cli, db, a, "admin", "Quản trị hệ thống", "admin", "VN", hash);
	if (!rc)
		rc = lt_demo_user(cli, db, a, "vn", "Lê Văn Quốc (Tổng Liên đoàn)", "officer", "VN",
				  hash);
	if (!rc)
		rc = lt_demo_user(cli, db, a, "hanoi", "Trần Thị Hà (LĐLĐ Hà Nội)", "officer", "01",
				  hash);
	if (!rc)
		rc = national_directive(cli, db, a, root.id, &dir);
	if (!rc)
		rc = national_themes(cli, db, a, dir, themes);
	for (size_t i = 0; !rc && i < nrows; i++) {
		lt_arena ua;
		lt_unit u;
		if (strcmp(rows[i].level, "grassroots"))
			continue;
		lt_arena_init(&ua);
		rc = lt_unit_get_by_code(db, rows[i].code, &ua, &u, &cli->err);
		if (!rc && !ngr)
			rc = lt_demo_user(cli, db, &ua, "cs-demo", "Cán bộ CĐCS", "cadre", u.code,
					  hash);
		if (!rc)
			rc = national_unit(cli, db, dir, themes, &u, &seed, &nfig, &nitems);
		lt_arena_free(&ua);
		if (rc)
			break;
		gid[ngr] = u.id;
		gname[ngr] = rows[i].name;
		gmembers[ngr] = rows[i].members;
		if (++ngr % 1024 == 0)
			lt_cli_progress(cli, "figures", (long)i, (long)nrows);
	}
	lt_cli_progress(cli, "figures", (long)nrows, (long)nrows);
	/* The bulk rows skip the writes' upkeep: the kept roll-up is built once here. */
	if (!rc)
		rc = lt_rollup_rebuild(db, dir, &cli->err);
	if (!rc)
		rc = lt_demo_national_feedback(cli, db, gid, gname, gmembers, ngr, &nfb);
	if (!rc)
		fprintf(stderr,
			cli->en ? "National tree: %zu units (%zu grassroots, %" PRId64
				  " members), %ld figures, %ld items, %ld feedback messages.\n"
				: "Cây toàn quốc: %zu đơn vị (%zu CĐCS, %" PRId64
				  " đoàn viên), %ld số liệu, %ld tin bài, %ld ý kiến.\n",
			nrows, ngr, members, nfig, nitems, nfb);
	free(gid);
	free(gmembers);
	free(gname);
	free(rows);
	return rc;
}
