/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_demo.c — `lantoa demo`: the Gia Lâm demo in an empty database.
 *
 * The tree is real down to communes: Hà Nội → Huyện Gia Lâm → its 22
 * communes and towns, from the administrative-units catalogue of
 * 01/09/2024 (data/demo/dvhcvn-gia-lam-20240901.json, see SOURCE.txt).
 * Under each commune it adds five to seven grassroots unions of the kinds
 * found there (enterprises, schools, public services), with made-up but
 * plausible names, so that a new user sees about 150 units at once.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "cli/cmd_activity.h"
#include "cli/cmds.h"
#include "cli/demo.h"
#include "cli/opts.h"
#include "app/contest.h"
#include "app/unit.h"
#include "app/user.h"
#include "core/password.h"
#include "text/dvhcvn.h"

#define DEMO_PASSWORD "lantoa2024"
#define DEMO_FROM "2015-01-01"

const char *lt_demo_dir(void)
{
	const char *d = getenv("LANTOA_DEMO_DIR");
	return d && *d ? d : "data/demo";
}

void lt_demo_clock(const char *when)
{
	struct tm tm;
	char buf[32];

	memset(&tm, 0, sizeof(tm));
	if (sscanf(when, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min) < 3)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	/* Campaign times are Vietnam's (UTC+7). */
	snprintf(buf, sizeof(buf), "%lld",
		 (long long)lt_vn_epoch(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
					tm.tm_min, 0));
	setenv("LANTOA_NOW", buf, 1);
}

/* Kinds of grassroots union, with a name pattern taking the place name. */
static const char *const kinds[] = {
	"CĐCS Công ty TNHH May %s",
	"CĐCS Trường Tiểu học %s",
	"CĐCS Công ty CP Cơ khí %s",
	"CĐCS Trường Mầm non %s",
	"CĐCS Trạm Y tế %s",
	"CĐCS Công ty TNHH Điện tử %s",
	"CĐCS Trường THCS %s",
	"CĐCS Hợp tác xã Dịch vụ %s",
	"CĐCS Công ty CP Thực phẩm %s",
};

const char *lt_demo_kind(size_t i)
{
	return kinds[i % (sizeof(kinds) / sizeof(kinds[0]))];
}

const char *lt_demo_place(const char *name)
{
	static const char *const prefixes[] = { "Công đoàn thị trấn ", "Công đoàn xã ",
						"Công đoàn phường " };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return name + strlen(prefixes[i]);
	return name;
}

int lt_demo_user(lt_cli *cli, lt_db *db, lt_arena *a, const char *login, const char *name,
		 const char *role, const char *unit_code, const char *hash)
{
	lt_actor op;
	lt_unit u;
	lt_user made;
	lt_user_new in = { .login = login, .name = name, .role = role, .pw_hash = hash };
	int rc = lt_unit_get_by_code(db, unit_code, a, &u, &cli->err);

	lt_actor_operator(&op);
	in.unit_id = u.id;
	return rc ? rc : lt_app_user_create(db, &op, &in, a, &made, &cli->err);
}

static int demo_tree(lt_cli *cli, lt_db *db, lt_arena *a, const char *hash, int *nunits,
		     int *ncadres)
{
	lt_actor op;
	char *path = lt_arena_printf(a, "%s/dvhcvn-gia-lam-20240901.json", lt_demo_dir());
	char *data = NULL;
	size_t len = 0, n = 0, created = 0;
	lt_dvhcvn_unit *units = NULL;
	lt_unit_row *rows = NULL;
	int bad = 0, rc, nrows = 0;
	unsigned seed = 20240118;

	lt_actor_operator(&op);
	rc = lt_cli_read_file(cli, path, 1u << 20, &data, &len);
	if (!rc)
		rc = lt_dvhcvn_parse(data, len, "01", "018", a, &units, &n, &cli->err);
	if (rc)
		goto out;
	rows = calloc(n * 8 + 1, sizeof(*rows));
	if (!rows) {
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		lt_unit_row *r = &rows[nrows++];
		r->line = nrows;
		r->code = units[i].code;
		r->name = units[i].name;
		r->level = units[i].level;
		r->parent_code = units[i].parent_code;
		r->active_from = DEMO_FROM;
		if (!strcmp(units[i].code, "01.018"))
			r->email = "gialam@congdoanhanoi.org.vn"; /* as in letter 42/LĐLĐ */
		if (strcmp(units[i].level, "commune"))
			continue;
		r->members = 0;
		/* Five to seven grassroots unions per commune. */
		int k = 5 + (int)(i % 3);
		for (int j = 0; j < k; j++) {
			lt_unit_row *g = &rows[nrows++];
			const char *place = lt_demo_place(units[i].name);
			seed = seed * 1103515245u + 12345u;
			g->line = nrows;
			g->code = lt_arena_printf(a, "%s.%02d", units[i].code, j + 1);
			g->name = lt_arena_printf(a, kinds[(i + (size_t)j * 4) % 9], place);
			g->level = "grassroots";
			g->parent_code = units[i].code;
			g->members = 25 + (int64_t)((seed >> 8) % 1800);
			g->email = lt_arena_printf(a, "cs-%s-%02d@example.org",
						   units[i].code + strlen("01.018."), j + 1);
			g->active_from = DEMO_FROM;
		}
	}
	rc = lt_app_unit_import(db, &op, rows, (size_t)nrows, false, NULL, NULL, &created, &bad,
				&cli->err);
	if (rc)
		goto out;
	*nunits = (int)created;
	rc = lt_demo_user(cli, db, a, "admin", "Quản trị hệ thống", "admin", "01", hash);
	if (!rc)
		rc = lt_demo_user(cli, db, a, "hanoi", "Trần Thị Hà (LĐLĐ Hà Nội)", "officer", "01", hash);
	if (!rc)
		rc = lt_demo_user(cli, db, a, "gialam", "Nguyễn Văn Lâm (LĐLĐ Gia Lâm)", "officer", "01.018",
			      hash);
	for (int i = 0; !rc && i < nrows; i++) {
		if (strcmp(rows[i].level, "grassroots"))
			continue;
		/* 01.018.00526.03 → cs-00526-03 */
		const char *tail = rows[i].code + strlen("01.018.");
		char *login = lt_arena_printf(a, "cs-%.5s-%s", tail, tail + 6);
		char *name = lt_arena_printf(a, "Cán bộ %s", rows[i].name + strlen("CĐCS "));
		rc = lt_demo_user(cli, db, a, login, name, "cadre", rows[i].code, hash);
		if (!rc)
			(*ncadres)++;
	}
out:
	free(rows);
	free(data);
	return rc;
}

typedef struct demo_opts {
	bool national;
	const char *file;
} demo_opts;

static const lt_opt demo_opts_table[] = {
	{ "national", LT_OPT_FLAG, offsetof(demo_opts, national), NULL,
	  "cây toàn quốc (~140.000 đơn vị) để đo hiệu năng",
	  "the national tree (~140,000 units), to measure at scale" },
	{ "file", LT_OPT_STR, offsetof(demo_opts, file), "FILE.json",
	  "danh mục hành chính (mặc định ../shared/data/dvhcvn/dvhcvn_20240901.json)",
	  "the administrative catalogue (default ../shared/data/dvhcvn/dvhcvn_20240901.json)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec demo_spec = {
	"demo", NULL, 0, 0, demo_opts_table,
	"Nạp dữ liệu mẫu (Gia Lâm, hoặc toàn quốc với --national) vào CSDL trống và in các tài khoản.",
	"Fill an empty database with the demo (Gia Lâm, or national with --national) and print the logins.",
};

/*
 * The terms of the demo's contest "Bên nhau là Tết" (demo_activity.c made it
 * with its entries) as its organiser writes them on the directive's page:
 * rules, both kinds, a prize (issue 12, defect 4). It opens on the day it
 * was made and names no closing day: entries dated today (the demo runs in
 * any year) are still taken.
 */
static int demo_contest_terms(lt_cli *cli, lt_db *db, lt_arena *a)
{
	lt_actor op;
	lt_contest_row c;
	int64_t id = 0;
	lt_app_contest_in in = {
		.name = "Bên nhau là Tết",
		.hashtag = "#BenNhauLaTet",
		.rules = "Đoàn viên, người lao động gửi bài viết (tối đa 1.500 chữ) hoặc video clip"
			 " (tối đa 3 phút) về cái Tết bên gia đình, đồng nghiệp, đăng công khai trên"
			 " Facebook hoặc TikTok kèm hashtag #BenNhauLaTet. Công đoàn cơ sở ghi nhận bài"
			 " dự thi của đoàn viên đơn vị mình trên lantoa.",
		.starts_on = "2024-01-20",
		.prize = "01 giải Nhất 3.000.000 đ, 02 giải Nhì 2.000.000 đ, 03 giải Ba 1.000.000 đ",
	};
	int rc = lt_contest_find(db, 0, "Bên nhau là Tết", &id, &cli->err);

	lt_actor_operator(&op);
	if (!rc)
		rc = lt_app_contest_update(db, &op, id, &in, a, &c, &cli->err);
	return rc;
}

int lt_cmd_demo(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	lt_arena a;
	lt_actor op;
	lt_unit_query q = { .limit = 1 };
	lt_unit *items;
	size_t n;
	char hash[LT_PWHASH_MAX];
	demo_opts o = { 0 };
	int nunits = 0, ncadres = 0, rc;

	rc = lt_cli_parse(cli, &demo_spec, argc, argv, &o, NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	lt_actor_operator(&op);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_app_unit_list(db, &op, &q, &a, &items, &n, &cli->err);
	if (!rc && n) {
		rc = lt_error_set(&cli->err, LT_ECONFLICT, "db",
				  "CSDL đã có dữ liệu; dữ liệu mẫu chỉ nạp vào CSDL trống",
				  "The database is not empty; the demo only fills an empty one");
	}
	/* One hash for every demo login: they share the published demo password. */
	if (!rc)
		rc = lt_password_hash(DEMO_PASSWORD, hash, &cli->err);
	if (!rc)
		rc = lt_db_begin(db, &cli->err);
	if (!rc && o.national) {
		rc = lt_demo_national(cli, db, &a, o.file, hash);
		unsetenv("LANTOA_NOW");
		rc = lt_db_end(db, rc, &cli->err);
		if (!rc) {
			printf(cli->en ? "Logins (password %s):\n" : "Tài khoản (mật khẩu %s):\n",
			       DEMO_PASSWORD);
			printf("  vn       %s\n", cli->en ? "officer, national confederation"
						     : "cán bộ Tổng Liên đoàn");
			printf("  hanoi    %s\n", cli->en ? "officer, LĐLĐ thành phố Hà Nội"
						     : "cán bộ LĐLĐ thành phố Hà Nội");
			printf("  cs-demo  %s\n", cli->en ? "cadre of a grassroots union"
						     : "cán bộ một CĐCS");
			printf("  admin    %s\n", cli->en ? "administrator" : "quản trị");
		}
		goto out;
	}
	if (!rc) {
		rc = demo_tree(cli, db, &a, hash, &nunits, &ncadres);
		if (!rc)
			rc = lt_demo_directives(cli, db, &a);
		if (!rc)
			rc = lt_demo_series(cli, db, &a);
		/* The 42/LĐLĐ campaign's activity log (demo_activity.c). */
		if (!rc)
			rc = lt_demo_activity(cli, db, &a);
		/* Workers' feedback messages (demo_feedback.c). */
		if (!rc)
			rc = lt_demo_feedback(cli, db, &a);
		/* Reports on 42/LĐLĐ: submitted, late, returned, missing (demo_reports.c). */
		if (!rc)
			rc = lt_demo_reports(cli, db, &a);
		/* The contest's rules, entry period and prize. */
		if (!rc)
			rc = demo_contest_terms(cli, db, &a);
		unsetenv("LANTOA_NOW");
		rc = lt_db_end(db, rc, &cli->err);
	}
	if (!rc) {
		printf(cli->en ? "Demo loaded: %d units, %d cadre logins.\n"
			       : "Đã nạp dữ liệu mẫu: %d đơn vị, %d tài khoản cán bộ CĐCS.\n",
		       nunits, ncadres);
		printf(cli->en ? "Logins (password %s):\n" : "Tài khoản (mật khẩu %s):\n",
		       DEMO_PASSWORD);
		printf("  hanoi        %s\n", cli->en ? "officer, LĐLĐ thành phố Hà Nội"
						  : "cán bộ LĐLĐ thành phố Hà Nội");
		printf("  gialam       %s\n", cli->en ? "officer, LĐLĐ huyện Gia Lâm"
						  : "cán bộ LĐLĐ huyện Gia Lâm");
		printf("  admin        %s\n", cli->en ? "administrator" : "quản trị");
		printf("  xa-00577     %s\n", cli->en ? "officer, Công đoàn xã Đa Tốn (commune level)"
						  : "cán bộ Công đoàn xã Đa Tốn (cấp xã)");
		printf("  cs-00577-01  %s\n", cli->en ? "cadre of a grassroots union in Đa Tốn (one per union: cs-COMMUNE-NN)"
						  : "cán bộ một CĐCS ở xã Đa Tốn (mỗi CĐCS một tài khoản: cs-MÃXÃ-STT)");
	}
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
