/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_report.c — `lantoa report show|submit|return|accept|reopen|revisions|
 * compare|verify|render|send|remind` and `lantoa mail run`. A report is
 * named by its directive (id or number) and its unit's code.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_report.h"
#include "cli/config.h"
#include "core/report.h"
#include "app/mail.h"
#include "app/report_mail.h"
#include "render/report_render.h"
#include "store/directive.h"
#include "store/mail.h"
#include "store/report.h"
#include "store/rollup.h"
#include "store/unit.h"

typedef struct ropts {
	const char *directive, *unit, *kind, *comment, *format, *out, *to;
	int rev, from, upto;
	bool submitted;
} ropts;

static int parse(lt_cli *cli, int argc, char **argv, ropts *o, const char *usage)
{
	static const struct option opts[] = {
		{ "directive", required_argument, NULL, 'd' }, { "unit", required_argument, NULL, 'u' },
		{ "kind", required_argument, NULL, 'k' },      { "comment", required_argument, NULL, 'c' },
		{ "reason", required_argument, NULL, 'c' },    { "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },       { "to", required_argument, NULL, 't' },
		{ "rev", required_argument, NULL, 'r' },       { "from", required_argument, NULL, 'F' },
		{ "upto", required_argument, NULL, 'U' },      { "submitted", no_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },            { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->directive = optarg; break;
		case 'u': o->unit = optarg; break;
		case 'k': o->kind = optarg; break;
		case 'c': o->comment = optarg; break;
		case 'f': o->format = optarg; break;
		case 'o': o->out = optarg; break;
		case 't': o->to = optarg; break;
		case 'r': o->rev = atoi(optarg); break;
		case 'F': o->from = atoi(optarg); break;
		case 'U': o->upto = atoi(optarg); break;
		case 's': o->submitted = true; break;
		case 'j': cli->json = true; break;
		case 'h':
			printf("%s\n", usage);
			return 1;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	if (optind != argc)
		return lt_error_set(&cli->err, LT_EINVAL, argv[optind], "Tham số thừa: %s",
				    "Unexpected argument: %s", argv[optind]);
	return 0;
}

/* Resolve --directive and --unit; opens the database. */
typedef struct target {
	lt_db *db;
	lt_arena a;
	int64_t directive;
	lt_unit unit;
} target;

static int resolve(lt_cli *cli, const ropts *o, target *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	lt_arena_init(&t->a);
	if (!o->directive)
		return lt_error_set(&cli->err, LT_EINVAL, "--directive", "Cần --directive SỐ",
				    "--directive NUMBER is required");
	if (!o->unit)
		return lt_error_set(&cli->err, LT_EINVAL, "--unit", "Cần --unit MÃ",
				    "--unit CODE is required");
	rc = lt_cli_open_db(cli, &t->db);
	if (!rc)
		rc = lt_directive_find(t->db, o->directive, &t->directive, &cli->err);
	if (!rc) {
		rc = lt_cli_unit(cli, t->db, &t->a, o->unit, "--unit", &t->unit);
	}
	return rc;
}

static void release(target *t)
{
	lt_db_close(t->db);
	lt_arena_free(&t->a);
}

/* The report row of the target, created as a draft when absent. */
static int report_of(lt_cli *cli, target *t, lt_report *r)
{
	return lt_report_open(t->db, t->directive, t->unit.id, &t->a, r, &cli->err);
}

static bool small_subtree(const lt_unit *u)
{
	return u->child_count < 2000;
}

int lt_cmd_report_show(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_rollup_opts ro = { 0 };
	json_t *snap = NULL;
	int rc = parse(cli, argc, argv, &o,
		       "lantoa report show --directive SỐ --unit MÃ [--submitted] [--json]\n"
		       "  the live roll-up: figures, items, contests, completeness");

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	ro.include_submitted = o.submitted;
	ro.per_unit = small_subtree(&t.unit);
	if (!rc)
		rc = lt_rollup_collect(t.db, t.directive, t.unit.id, &ro, &snap, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(snap, JSON_INDENT(2));
		snap = NULL;
	} else if (!rc) {
		json_t *c = json_object_get(snap, "completeness"), *f;
		size_t i;
		printf("%s — %s\n", t.unit.name,
		       json_string_value(json_object_get(json_object_get(snap, "directive"), "number")));
		json_array_foreach(json_object_get(json_object_get(snap, "rollup"), "figures"), i, f)
			printf("  %-44s %.0f\n", json_string_value(json_object_get(f, "name")),
			       json_number_value(json_object_get(f, "value")));
		printf(cli->en ? "expected %lld, on time %lld, late %lld, missing %lld\n"
			       : "phải báo cáo %lld, đúng hạn %lld, muộn %lld, chưa báo cáo %lld\n",
		       (long long)json_integer_value(json_object_get(c, "expected")),
		       (long long)json_integer_value(json_object_get(c, "on_time")),
		       (long long)json_integer_value(json_object_get(c, "late")),
		       (long long)json_integer_value(json_object_get(c, "missing")));
	}
	json_decref(snap);
	release(&t);
	return rc;
}

int lt_cmd_report_submit(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	lt_rollup_opts ro = { 0 };
	json_t *snap = NULL;
	int rev = 0, rc = parse(cli, argc, argv, &o,
				"lantoa report submit --directive SỐ --unit MÃ [--kind quick|final]"
				" [--submitted]");

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	ro.include_submitted = o.submitted;
	ro.per_unit = small_subtree(&t.unit);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc)
		rc = lt_rollup_collect(t.db, t.directive, t.unit.id, &ro, &snap, &cli->err);
	if (!rc)
		rc = lt_report_submit(t.db, r.id, o.kind ? o.kind : "final", snap, 0, &rev, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"report\":%" PRId64 ",\"rev\":%d}\n" : "%" PRId64 " rev %d\n",
		       r.id, rev);
	json_decref(snap);
	lt_report_clear(&r);
	release(&t);
	return rc;
}

/* return / accept / reopen: one report, one verdict. */
static int review(lt_cli *cli, int argc, char **argv, const char *usage, int which)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	int rc = parse(cli, argc, argv, &o, usage);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc)
		rc = which == 0   ? lt_report_return(t.db, r.id, o.comment, 0, &cli->err)
		     : which == 1 ? lt_report_accept(t.db, r.id, 0, &cli->err)
				  : lt_report_reopen(t.db, r.id, o.comment, 0, &cli->err);
	lt_report_clear(&r);
	release(&t);
	return rc;
}

int lt_cmd_report_return(lt_cli *cli, int argc, char **argv)
{
	return review(cli, argc, argv,
		      "lantoa report return --directive SỐ --unit MÃ --comment \"LÝ DO\"", 0);
}

int lt_cmd_report_accept(lt_cli *cli, int argc, char **argv)
{
	return review(cli, argc, argv, "lantoa report accept --directive SỐ --unit MÃ", 1);
}

int lt_cmd_report_reopen(lt_cli *cli, int argc, char **argv)
{
	return review(cli, argc, argv,
		      "lantoa report reopen --directive SỐ --unit MÃ --reason \"LÝ DO\"", 2);
}

int lt_cmd_report_revisions(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	json_t *revs = NULL, *x;
	size_t i;
	int rc = parse(cli, argc, argv, &o, "lantoa report revisions --directive SỐ --unit MÃ [--json]");

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc)
		rc = lt_report_revisions(t.db, r.id, &revs, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(json_pack("{s:s,s:s?,s:O}", "status", r.status, "number", r.number,
				     "items", revs), JSON_INDENT(2));
	} else if (!rc) {
		printf("%s %s\n", r.number ? r.number : "—", r.status);
		json_array_foreach(revs, i, x)
			printf("  %lld %-6s %s %s\n",
			       (long long)json_integer_value(json_object_get(x, "rev")),
			       json_string_value(json_object_get(x, "kind")),
			       json_string_value(json_object_get(x, "sha256")),
			       json_string_value(json_object_get(x, "review"))
				       ? json_string_value(json_object_get(x, "review"))
				       : "");
	}
	json_decref(revs);
	lt_report_clear(&r);
	release(&t);
	return rc;
}

int lt_cmd_report_compare(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	json_t *a = NULL, *b = NULL, *diff = NULL, *x;
	char sha[65];
	size_t i;
	int rc = parse(cli, argc, argv, &o,
		       "lantoa report compare --directive SỐ --unit MÃ --from REV --upto REV [--json]");

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc)
		rc = lt_report_revision(t.db, r.id, o.from, &a, sha, &cli->err);
	if (!rc)
		rc = lt_report_revision(t.db, r.id, o.upto ? o.upto : r.rev, &b, sha, &cli->err);
	if (!rc) {
		diff = lt_report_compare(a, b);
		if (cli->json) {
			lt_cli_print_json(json_pack("{s:O}", "changes", diff), JSON_INDENT(2));
		} else {
			json_array_foreach(diff, i, x)
				printf("%-8s %-40s %.0f → %.0f (%+.0f)\n",
				       json_string_value(json_object_get(x, "what")),
				       json_string_value(json_object_get(x, "name")),
				       json_number_value(json_object_get(x, "old")),
				       json_number_value(json_object_get(x, "new")),
				       json_number_value(json_object_get(x, "delta")));
		}
	}
	json_decref(a);
	json_decref(b);
	json_decref(diff);
	lt_report_clear(&r);
	release(&t);
	return rc;
}

int lt_cmd_report_verify(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	char stored[65] = "", computed[65] = "";
	bool ok = false;
	int rc = parse(cli, argc, argv, &o, "lantoa report verify --directive SỐ --unit MÃ [--rev N]");

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc)
		rc = lt_report_verify(t.db, r.id, o.rev ? o.rev : r.rev, &ok, stored, computed,
				      &cli->err);
	if (!rc)
		printf(cli->json ? "{\"ok\":%s,\"sha256\":\"%s\",\"computed\":\"%s\"}\n"
				 : "ok=%s\nsha256   %s\ncomputed %s\n",
		       ok ? "true" : "false", stored, computed);
	if (!rc && !ok)
		rc = lt_error_set(&cli->err, LT_ECONFLICT, "sha256",
				  "Mã kiểm tra không khớp: bản lưu đã bị thay đổi",
				  "The hash does not match: the stored revision was altered");
	lt_report_clear(&r);
	release(&t);
	return rc;
}

int lt_cmd_report_render(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	lt_rollup_opts ro = { 0 };
	json_t *snap = NULL;
	lt_buf out;
	char sha[65];
	const char *type, *ext;
	FILE *f;
	int rc = parse(cli, argc, argv, &o,
		       "lantoa report render --directive SỐ --unit MÃ --format pdf|docx|xlsx|csv|html"
		       " --out FILE [--rev N | --submitted]\n"
		       "  without --rev: the last submitted revision, else the live draft");

	if (rc)
		return rc > 0 ? 0 : rc;
	if (!o.format || !o.out)
		return lt_error_set(&cli->err, LT_EINVAL, o.format ? "--out" : "--format",
				    "Cần --format và --out", "--format and --out are required");
	lt_buf_init(&out, 256u << 20);
	rc = resolve(cli, &o, &t);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc && (o.rev || r.rev)) {
		rc = lt_report_revision(t.db, r.id, o.rev ? o.rev : r.rev, &snap, sha, &cli->err);
	} else if (!rc) {
		ro.include_submitted = o.submitted;
		ro.per_unit = small_subtree(&t.unit);
		rc = lt_rollup_collect(t.db, t.directive, t.unit.id, &ro, &snap, &cli->err);
		if (!rc)
			json_object_set(snap, "narrative", r.narrative);
	}
	if (!rc)
		rc = lt_report_render(snap, (o.rev || r.rev) ? sha : NULL, o.format, &out, &type, &ext,
				      &cli->err);
	if (!rc) {
		f = fopen(o.out, "wb");
		if (!f || fwrite(out.ptr, 1, out.len, f) != out.len)
			rc = lt_error_set(&cli->err, LT_EIO, "--out", "Không ghi được %s",
					  "Cannot write %s", o.out);
		if (f && fclose(f) && !rc)
			rc = lt_error_set(&cli->err, LT_EIO, "--out", "Không ghi được %s",
					  "Cannot write %s", o.out);
	}
	json_decref(snap);
	lt_buf_free(&out);
	lt_report_clear(&r);
	release(&t);
	return rc;
}

int lt_cmd_report_send(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	target t;
	lt_report r = { 0 };
	int64_t mail = 0;
	int sent = 0, failed = 0, rc = parse(cli, argc, argv, &o,
					     "lantoa report send --directive SỐ --unit MÃ [--to ĐỊA_CHỈ]\n"
					     "  queue the last submitted revision (PDF + XLSX) and deliver it");

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = resolve(cli, &o, &t);
	if (!rc)
		rc = report_of(cli, &t, &r);
	if (!rc)
		rc = lt_report_mail(t.db, r.id, o.to, &mail, &cli->err);
	if (!rc && cli->cfg->smtp.url[0])
		rc = lt_mailq_run(t.db, &cli->cfg->smtp, 50, &sent, &failed, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"mail\":%" PRId64 ",\"sent\":%d,\"failed\":%d}\n"
				 : "mail %" PRId64 ": %d sent, %d failed (retried later)\n",
		       mail, sent, failed);
	lt_report_clear(&r);
	release(&t);
	return rc;
}

int lt_cmd_report_remind(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	lt_db *db = NULL;
	int64_t id = 0;
	int queued = 0, sent = 0, failed = 0;
	int rc = parse(cli, argc, argv, &o, "lantoa report remind --directive SỐ");

	if (rc)
		return rc > 0 ? 0 : rc;
	if (!o.directive)
		return lt_error_set(&cli->err, LT_EINVAL, "--directive", "Cần --directive SỐ",
				    "--directive NUMBER is required");
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_directive_find(db, o.directive, &id, &cli->err);
	if (!rc)
		rc = lt_report_remind(db, id, cli->cfg->remind_offsets, cli->cfg->nremind, &queued,
				      &cli->err);
	if (!rc && cli->cfg->smtp.url[0])
		rc = lt_mailq_run(db, &cli->cfg->smtp, 500, &sent, &failed, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"queued\":%d,\"sent\":%d,\"failed\":%d}\n"
				 : "%d queued, %d sent, %d failed\n",
		       queued, sent, failed);
	lt_db_close(db);
	return rc;
}

int lt_cmd_mail_run(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	int sent = 0, failed = 0, rc;

	if (lt_cli_wants_help(argc, argv)) {
		printf("lantoa mail run\n  %s\n", cli->en ? "Deliver the queued mail that is due."
						      : "Gửi các thư đang chờ đến hạn.");
		return 0;
	}
	if (!cli->cfg->smtp.url[0])
		return lt_error_set(&cli->err, LT_EINVAL, "smtp.url",
				    "Chưa cấu hình [smtp] url", "No [smtp] url configured");
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_mailq_run(db, &cli->cfg->smtp, 500, &sent, &failed, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"sent\":%d,\"failed\":%d}\n" : "%d sent, %d failed\n", sent,
		       failed);
	lt_db_close(db);
	return rc;
}
