/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_report.c — `lantoa report show|submit|return|accept|reopen|revisions|
 * compare|verify|render|send` (remind and `lantoa mail run` are in
 * cmd_report_mail.c). A report is named by its directive (id or number)
 * and its unit's code. Adapters: parse, get the actor, call one
 * app/report.h use case, print text or, with --json, the API's document.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/report.h"
#include "cli/cmd_report_int.h"
#include "cli/opts.h"

int lt_cli_report_open(lt_cli *cli, const ropts *o, bool need_unit, rtarget *t)
{
	int rc;

	if (!o->directive)
		return lt_error_set(&cli->err, LT_EINVAL, "--directive", "Cần --directive SỐ",
				    "--directive NUMBER is required");
	rc = lt_cli_open_db(cli, &t->db);
	if (!rc)
		rc = lt_cli_actor(cli, t->db, &t->a, &t->who);
	if (!rc)
		rc = lt_directive_find(t->db, o->directive, &t->ref.directive, &cli->err);
	if (!rc && o->unit) {
		lt_unit u;
		rc = lt_cli_unit(cli, t->db, &t->a, o->unit, "--unit", &u);
		t->ref.unit = u.id;
	} else if (!rc && need_unit) {
		rc = lt_error_set(&cli->err, LT_EINVAL, "--unit", "Cần --unit MÃ",
				  "--unit CODE is required");
	}
	return rc;
}

void lt_cli_report_close(rtarget *t)
{
	lt_db_close(t->db);
	lt_arena_free(&t->a);
}

void lt_cli_report_init(ropts *o, rtarget *t)
{
	memset(o, 0, sizeof(*o));
	memset(t, 0, sizeof(*t));
	lt_arena_init(&t->a);
}

/* Parse, then open the target (directive and unit required). 1: --help was printed. */
static int begin(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, ropts *o,
		 rtarget *t)
{
	int rc;

	lt_cli_report_init(o, t);
	rc = lt_cli_parse(cli, spec, argc, argv, o, NULL, NULL);
	return rc ? rc : lt_cli_report_open(cli, o, true, t);
}

int lt_cli_report_write(lt_cli *cli, const char *field, const char *path, const void *p,
			size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f || fwrite(p, 1, len, f) != len)
		rc = lt_error_set(&cli->err, LT_EIO, field, "Không ghi được %s", "Cannot write %s", path);
	if (f && fclose(f) && !rc)
		rc = lt_error_set(&cli->err, LT_EIO, field, "Không ghi được %s", "Cannot write %s", path);
	return rc;
}

#define OPT_DIRECTIVE                                                                       \
	{ "directive", LT_OPT_STR, offsetof(ropts, directive), "SỐ",                        \
	  "công văn (số hiệu hoặc id)", "the directive (number or id)" }
#define OPT_UNIT                                                                            \
	{ "unit", LT_OPT_STR, offsetof(ropts, unit), "MÃ", "mã đơn vị báo cáo",             \
	  "the reporting unit's code" }
#define OPT_SUBMITTED                                                                       \
	{ "submitted", LT_OPT_FLAG, offsetof(ropts, submitted), NULL,                       \
	  "tính cả báo cáo đã nộp chưa duyệt", "count submitted reports too, not only accepted" }
#define OPT_END { NULL, 0, 0, NULL, NULL, NULL }

static const lt_opt show_opts[] = { OPT_DIRECTIVE, OPT_UNIT, OPT_SUBMITTED, OPT_END };
static const lt_opt submit_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "kind", LT_OPT_STR, offsetof(ropts, kind), "quick|final", "báo cáo nhanh hoặc chính thức",
	  "a quick or the final report" },
	OPT_SUBMITTED, OPT_END,
};
static const lt_opt return_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "comment", LT_OPT_STR, offsetof(ropts, comment), "LÝ DO", "lý do trả lại",
	  "why it is returned" },
	OPT_END,
};
static const lt_opt plain_opts[] = { OPT_DIRECTIVE, OPT_UNIT, OPT_END };
static const lt_opt reopen_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "reason", LT_OPT_STR, offsetof(ropts, comment), "LÝ DO", "lý do điều chỉnh",
	  "the reason for the correction" },
	OPT_END,
};
static const lt_opt compare_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "from", LT_OPT_INT, offsetof(ropts, from), "REV", "lần nộp trước (mặc định: lần cuối)",
	  "the earlier revision (default: the last)" },
	{ "upto", LT_OPT_INT, offsetof(ropts, upto), "REV", "lần nộp sau (mặc định: lần cuối)",
	  "the later revision (default: the last)" },
	OPT_END,
};
static const lt_opt verify_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "rev", LT_OPT_INT, offsetof(ropts, rev), "N", "lần nộp (mặc định: lần cuối)",
	  "the revision (default: the last)" },
	OPT_END,
};
static const lt_opt render_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "format", LT_OPT_STR, offsetof(ropts, format), "pdf|docx|xlsx|csv|html", "định dạng",
	  "the format" },
	{ "out", LT_OPT_STR, offsetof(ropts, out), "FILE", "tệp ghi ra", "the file to write" },
	{ "rev", LT_OPT_INT, offsetof(ropts, rev), "N",
	  "lần nộp (mặc định: lần cuối, hoặc bản nháp trực tiếp)",
	  "the revision (default: the last, else the live draft)" },
	OPT_SUBMITTED, OPT_END,
};
static const lt_opt send_opts[] = {
	OPT_DIRECTIVE, OPT_UNIT,
	{ "to", LT_OPT_STR, offsetof(ropts, to), "ĐỊA_CHỈ",
	  "địa chỉ nhận (mặc định: địa chỉ công văn ghi)", "the address (default: the directive's)" },
	OPT_END,
};

#define SPEC(var, name, opts, vi, en) static const lt_cmd_spec var = { name, NULL, 0, 0, opts, vi, en }
SPEC(show_spec, "report show", show_opts, "Số liệu tổng hợp trực tiếp: số liệu, tin bài, tiến độ.",
     "The live roll-up: figures, items, contests, completeness.");
SPEC(submit_spec, "report submit", submit_opts,
     "Nộp báo cáo: số liệu tổng hợp hiện tại thành một lần nộp có mã SHA-256.",
     "Submit the report: the roll-up as it stands becomes a hashed revision.");
SPEC(return_spec, "report return", return_opts, "Trả lại báo cáo kèm lý do.",
     "Return the report with a comment.");
SPEC(accept_spec, "report accept", plain_opts, "Duyệt báo cáo.", "Accept the report.");
SPEC(reopen_spec, "report reopen", reopen_opts, "Mở lại báo cáo để điều chỉnh.",
     "Reopen the report for a correction.");
SPEC(revisions_spec, "report revisions", plain_opts, "Các lần nộp của báo cáo.",
     "The report's revisions.");
SPEC(compare_spec, "report compare", compare_opts, "So sánh hai lần nộp.", "Compare two revisions.");
SPEC(verify_spec, "report verify", verify_opts, "Kiểm tra mã SHA-256 của một lần nộp.",
     "Verify a revision's SHA-256.");
SPEC(render_spec, "report render", render_opts,
     "Xuất báo cáo ra tệp (mặc định: lần nộp cuối, hoặc bản nháp).",
     "Write the report to a file (default: the last revision, else the live draft).");
SPEC(send_spec, "report send", send_opts,
     "Gửi lần nộp cuối qua e-mail (PDF và XLSX) rồi chuyển thư đang chờ.",
     "Queue the last revision by e-mail (PDF and XLSX), then deliver the queue.");

int lt_cmd_report_show(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	json_t *snap = NULL, *c, *f;
	size_t i;
	int rc = begin(cli, &show_spec, argc, argv, &o, &t);

	if (!rc)
		rc = lt_app_report_rollup(t.db, &t.who, &t.ref, o.submitted, &snap, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(snap, JSON_INDENT(2));
		snap = NULL;
	} else if (!rc) {
		c = json_object_get(snap, "completeness");
		printf("%s — %s\n", json_string_value(json_object_get(json_object_get(snap, "unit"), "name")),
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
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

/* Print the report after an action: the API's document with --json, else "number status rev". */
static void print_view(lt_cli *cli, lt_report_view *v)
{
	if (cli->json)
		lt_cli_print_json(lt_app_report_json(v), JSON_INDENT(2));
	else
		printf("%s %s %d\n", v->report.number ? v->report.number : "—", v->report.status,
		       v->report.rev);
	lt_app_report_view_free(v);
}

int lt_cmd_report_submit(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	lt_report_view v;
	lt_report_submit_in in = { 0 };
	int rc = begin(cli, &submit_spec, argc, argv, &o, &t);

	in.ref = t.ref;
	in.kind = o.kind;
	in.basis = o.submitted ? "accepted_submitted" : "accepted";
	if (!rc)
		rc = lt_app_report_submit(t.db, &t.who, &in, NULL, &t.a, &v, &cli->err);
	if (!rc)
		print_view(cli, &v);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

/* return / accept / reopen: one report, one verdict. */
static int review(lt_cli *cli, int argc, char **argv, const lt_cmd_spec *spec, lt_report_act act)
{
	ropts o;
	rtarget t;
	lt_report_view v;
	int rc = begin(cli, spec, argc, argv, &o, &t);

	if (!rc)
		rc = lt_app_report_review(t.db, &t.who, &t.ref, act, o.comment, &t.a, &v, &cli->err);
	if (!rc)
		print_view(cli, &v);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_report_return(lt_cli *cli, int argc, char **argv)
{
	return review(cli, argc, argv, &return_spec, LT_REPORT_RETURN);
}

int lt_cmd_report_accept(lt_cli *cli, int argc, char **argv)
{
	return review(cli, argc, argv, &accept_spec, LT_REPORT_ACCEPT);
}

int lt_cmd_report_reopen(lt_cli *cli, int argc, char **argv)
{
	return review(cli, argc, argv, &reopen_spec, LT_REPORT_REOPEN);
}

int lt_cmd_report_revisions(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	lt_report r;
	lt_report_rev *revs = NULL;
	size_t n = 0;
	int rc = begin(cli, &revisions_spec, argc, argv, &o, &t);

	if (!rc)
		rc = lt_app_report_revisions(t.db, &t.who, &t.ref, &t.a, &r, &revs, &n, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(json_pack("{s:s,s:s?,s:o}", "status", r.status, "number", r.number,
					    "items", lt_app_report_revs_json(revs, n)),
				  JSON_INDENT(2));
	} else if (!rc) {
		printf("%s %s\n", r.number ? r.number : "—", r.status);
		for (size_t i = 0; i < n; i++)
			printf("  %d %-6s %s %s\n", revs[i].rev, revs[i].kind, revs[i].sha256,
			       revs[i].review ? revs[i].review : "");
	}
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_report_compare(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	json_t *diff = NULL, *x;
	size_t i;
	int from = 0, to = 0, rc = begin(cli, &compare_spec, argc, argv, &o, &t);

	from = (int)o.from;
	to = (int)o.upto;
	if (!rc)
		rc = lt_app_report_compare(t.db, &t.who, &t.ref, &from, &to, &diff, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(json_pack("{s:i,s:i,s:O}", "from", from, "to", to, "changes", diff),
				  JSON_INDENT(2));
	} else if (!rc) {
		json_array_foreach(diff, i, x)
			printf("%-8s %-40s %.0f → %.0f (%+.0f)\n",
			       json_string_value(json_object_get(x, "what")),
			       json_string_value(json_object_get(x, "name")),
			       json_number_value(json_object_get(x, "old")),
			       json_number_value(json_object_get(x, "new")),
			       json_number_value(json_object_get(x, "delta")));
	}
	json_decref(diff);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_report_verify(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	lt_report_check c;
	int rc = begin(cli, &verify_spec, argc, argv, &o, &t);

	if (!rc)
		rc = lt_app_report_verify(t.db, &t.who, &t.ref, (int)o.rev, &c, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_report_check_json(&c), JSON_COMPACT);
	else if (!rc)
		printf("rev %d ok=%s\nsha256   %s\ncomputed %s\n", c.rev, c.ok ? "true" : "false",
		       c.stored, c.computed);
	if (!rc && !c.ok)
		rc = lt_error_set(&cli->err, LT_ECONFLICT, "sha256",
				  "Mã kiểm tra không khớp: bản lưu đã bị thay đổi",
				  "The hash does not match: the stored revision was altered");
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_report_render(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	lt_report_file_in in = { 0 };
	lt_report_file d;
	int rc = begin(cli, &render_spec, argc, argv, &o, &t);

	lt_buf_init(&d.bytes, 256u << 20);
	if (!rc && (!o.format || !o.out))
		rc = lt_error_set(&cli->err, LT_EINVAL, o.format ? "--out" : "--format",
				  "Cần --format và --out", "--format and --out are required");
	in.ref = t.ref;
	in.format = o.format;
	in.rev = (int)o.rev;
	in.with_submitted = o.submitted;
	if (!rc)
		rc = lt_app_report_document(t.db, &t.who, &in, &t.a, &d, &cli->err);
	if (!rc)
		rc = lt_cli_report_write(cli, "--out", o.out, d.bytes.ptr, d.bytes.len);
	lt_buf_free(&d.bytes);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_report_send(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	int64_t mail = 0;
	lt_mail_run run = { 0 };
	int rc = begin(cli, &send_spec, argc, argv, &o, &t);

	if (!rc)
		rc = lt_app_report_send(t.db, &t.who, &t.ref, o.to, &mail, &t.a, NULL, NULL, &cli->err);
	if (!rc)
		rc = lt_cli_mail_deliver(cli, &t, &run);
	if (!rc && cli->json)
		printf("{\"mail\":%lld,\"sent\":%d,\"failed\":%d}\n", (long long)mail, run.sent,
		       run.failed);
	else if (!rc)
		printf(cli->en ? "mail %lld: %d sent, %d failed (retried later)\n"
			       : "thư %lld: đã gửi %d, lỗi %d (sẽ gửi lại)\n",
		       (long long)mail, run.sent, run.failed);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}
