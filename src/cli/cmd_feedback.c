/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_feedback.c — `lantoa feedback add|import|list|classify|train`
 * (`feedback eval` lives in cmd_feedback_eval.c). Adapters over
 * app/feedback.h: the console operator acts on the whole tree, `--as LOGIN`
 * as that user. Lists mask senders unless --personal; a full view is
 * recorded in the audit log like any other.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "app/feedback.h"
#include "cli/cmd_feedback.h"
#include "cli/opts.h"
#include "core/clock.h"
#include "text/topics.h"

#define MAX_FILE (50u << 20)
#define CLASSIFY_READ_MAX (1u << 20) /* the model reads its max_bytes of it */

typedef struct fb_opts {
	const char *unit, *text, *channel, *name, *phone, *at, *status, *topic, *q, *sheet, *view;
	const char *col_time, *col_sender, *col_phone, *col_text;
	const char *corpus, *out; /* train: build the shipped model */
	bool anonymous, urgent, overdue, personal, no_header;
	long limit;
} fb_opts;

#define OPT(n, k, f, arg, vi, en) { n, k, offsetof(fb_opts, f), arg, vi, en }
#define END { NULL, 0, 0, NULL, NULL, NULL }

static const lt_opt add_opts[] = {
	OPT("unit", LT_OPT_STR, unit, "CODE", "đơn vị nhận ý kiến", "the receiving unit"),
	OPT("text", LT_OPT_STR, text, "TEXT", "nội dung", "the message"),
	OPT("channel", LT_OPT_STR, channel, "C",
	    "kênh: hotline (mặc định), zalo, facebook, in_person, other",
	    "channel: hotline (default), zalo, facebook, in_person, other"),
	OPT("at", LT_OPT_STR, at, "\"YYYY-MM-DD HH:MM\"", "thời điểm nhận (mặc định: bây giờ)",
	    "when it was received (default: now)"),
	OPT("name", LT_OPT_STR, name, "N", "tên người gửi", "the sender's name"),
	OPT("phone", LT_OPT_STR, phone, "P", "số điện thoại người gửi", "the sender's phone"),
	OPT("anonymous", LT_OPT_FLAG, anonymous, NULL, "giữ kín tên với chủ doanh nghiệp",
	    "keep the sender anonymous from the employer"),
	END,
};

static const lt_opt import_opts[] = {
	OPT("unit", LT_OPT_STR, unit, "CODE", "đơn vị nhận ý kiến", "the receiving unit"),
	OPT("text-col", LT_OPT_STR, col_text, "C", "cột nội dung (bắt buộc)",
	    "column of the text (required)"),
	OPT("time-col", LT_OPT_STR, col_time, "A", "cột thời điểm", "column of the time"),
	OPT("sender-col", LT_OPT_STR, col_sender, "B", "cột người gửi", "column of the sender"),
	OPT("phone-col", LT_OPT_STR, col_phone, "D", "cột điện thoại", "column of the phone"),
	OPT("channel", LT_OPT_STR, channel, "C", "kênh (mặc định import)",
	    "channel (default import)"),
	OPT("sheet", LT_OPT_STR, sheet, "NAME", "trang tính (mặc định trang đầu)",
	    "sheet (default: the first)"),
	OPT("no-header", LT_OPT_FLAG, no_header, NULL, "dòng đầu đã là dữ liệu",
	    "the first row is data"),
	END,
};

static const lt_opt list_opts[] = {
	OPT("unit", LT_OPT_STR, unit, "CODE", "chỉ ý kiến nhận trong cây đơn vị này",
	    "only messages received in this unit's subtree"),
	OPT("view", LT_OPT_STR, view, "V",
	    "subtree (mặc định), inbox (đơn vị mình nhận hoặc giữ), held (đang giữ)",
	    "subtree (default), inbox (received or held by your unit), held (held now)"),
	OPT("status", LT_OPT_STR, status, "S", "trạng thái: new, …, hoặc open",
	    "status: new, …, or open"),
	OPT("topic", LT_OPT_STR, topic, "T", "chủ đề: tien_luong, …", "topic: tien_luong, …"),
	OPT("urgent", LT_OPT_FLAG, urgent, NULL, "chỉ ý kiến khẩn", "urgent ones only"),
	OPT("overdue", LT_OPT_FLAG, overdue, NULL, "chỉ ý kiến quá hạn", "overdue ones only"),
	OPT("q", LT_OPT_STR, q, "TEXT", "tìm trong nội dung", "search the text"),
	OPT("limit", LT_OPT_INT, limit, "N", "số dòng (1–1000, mặc định 50)",
	    "rows (1–1000, default 50)"),
	OPT("personal", LT_OPT_FLAG, personal, NULL,
	    "hiện đầy đủ người gửi (ghi vào nhật ký kiểm tra)",
	    "show senders in full (recorded in the audit log)"),
	END,
};

static const lt_opt train_opts[] = {
	OPT("corpus", LT_OPT_STR, corpus, "DIR",
	    "dựng mô hình kèm theo lantoa từ kho DIR (train/dev/holdout.jsonl), không cần CSDL",
	    "build the model shipped with lantoa from the corpus DIR (train/dev/holdout.jsonl),"
	    " no database"),
	OPT("out", LT_OPT_STR, out, "DIR",
	    "với --corpus: ghi DIR/feedback.model và DIR/MANIFEST.json",
	    "with --corpus: write DIR/feedback.model and DIR/MANIFEST.json"),
	END,
};

static const lt_cmd_spec add_spec = {
	"feedback add", NULL, 0, 0, add_opts,
	"Ghi ý kiến người lao động nhận qua đường dây nóng, Zalo, trực tiếp…; in mã tiếp nhận.",
	"Record a worker's message received by hotline, Zalo, in person…; prints its receipt code.",
};
static const lt_cmd_spec import_spec = {
	"feedback import", "FILE.csv|FILE.xlsx", 1, 1, import_opts,
	"Nhập tin nhắn xuất từ Zalo/Facebook/Excel; lỗi một dòng thì không nhập gì.",
	"Import exported chat messages, all or nothing; errors name row and column.",
};
static const lt_cmd_spec list_spec = {
	"feedback list", NULL, 0, 0, list_opts,
	"Liệt kê ý kiến, mới nhất trước; người gửi được che trừ khi --personal.",
	"List messages, newest first; senders masked unless --personal.",
};
static const lt_cmd_spec classify_spec = {
	"feedback classify", "TEXT|-", 1, 1, NULL,
	"Phân loại một tin nhắn như khi tiếp nhận (luật của cán bộ nếu khớp, không thì mô hình),"
	" kèm lý do và độ khẩn; chủ đề đầu tiên là chủ đề chính.",
	"Classify one message as intake does (an officer's rule when one matches, else the"
	" model), with the why and urgency; the first topic is the main one.",
};
static const lt_cmd_spec train_spec = {
	"feedback train", NULL, 0, 0, train_opts,
	"Dựng lại mô hình của CSDL từ mô hình kèm theo và mọi ý kiến cán bộ đã xác nhận;"
	" với --corpus DIR --out DIR: dựng mô hình kèm theo từ kho ngữ liệu (make model).",
	"Rebuild the database's model from the shipped one and every message cadres confirmed;"
	" with --corpus DIR --out DIR: build the shipped model from a corpus (make model).",
};

/* Parse argv against spec; 1 = help printed (the command returns 0), < 0 error. */
static int parse(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, fb_opts *o,
		 char **args)
{
	memset(o, 0, sizeof(*o));
	o->limit = 50;
	return lt_cli_parse(cli, spec, argc, argv, o, args, NULL);
}

/* Open the database and find the actor. */
static int open_as(lt_cli *cli, lt_db **db, lt_arena *a, lt_actor *who)
{
	int rc = lt_cli_open_db(cli, db);

	return rc ? rc : lt_cli_actor(cli, *db, a, who);
}

int lt_cmd_feedback_add(lt_cli *cli, int argc, char **argv)
{
	fb_opts o;
	lt_feedback_input in = { 0 };
	lt_fb_added added;
	lt_actor who;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	int rc = parse(cli, &add_spec, argc, argv, &o, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	in.channel = o.channel ? o.channel : "hotline";
	in.text = o.text;
	in.sender_name = o.name;
	in.sender_phone = o.phone;
	in.anonymous = o.anonymous;
	if (o.at)
		rc = lt_feedback_parse_time(o.at, &in.received_at, "--at", &cli->err);
	if (!rc)
		rc = open_as(cli, &db, &a, &who);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (rc)
		goto out;
	in.unit_id = u.id;
	rc = lt_app_feedback_add(db, &who, &in, &added, &a, NULL, &cli->err);
	if (rc)
		goto out;
	if (cli->json)
		lt_cli_print_json(json_pack("{s:I,s:s}", "id", (json_int_t)added.id, "receipt",
					    added.receipt),
				  JSON_INDENT(2));
	else
		printf(cli->en ? "Recorded message #%" PRId64 ", receipt code %s\n"
			       : "Đã ghi ý kiến #%" PRId64 ", mã tiếp nhận %s\n",
		       added.id, added.receipt);
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

/* A column option: letters or a number; bad → LT_EINVAL naming the option. */
static int column(lt_cli *cli, const char *opt, const char *s, int *out)
{
	*out = lt_app_feedback_column(s);
	if (*out >= 0)
		return 0;
	return lt_error_set(&cli->err, LT_EINVAL, opt, "Cột %s không hợp lệ: dùng chữ (A, B…) hoặc số",
			    "Bad column %s: use letters (A, B…) or a number", s);
}

int lt_cmd_feedback_import(lt_cli *cli, int argc, char **argv)
{
	fb_opts o;
	lt_fb_import_in in = { 0 };
	lt_fb_import_out out;
	lt_actor who;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	char *file = NULL, *data = NULL;
	size_t len = 0;
	int rc = parse(cli, &import_spec, argc, argv, &o, &file);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = column(cli, "--text-col", o.col_text, &in.col_text);
	if (!rc)
		rc = column(cli, "--time-col", o.col_time, &in.col_time);
	if (!rc)
		rc = column(cli, "--sender-col", o.col_sender, &in.col_sender);
	if (!rc)
		rc = column(cli, "--phone-col", o.col_phone, &in.col_phone);
	if (!rc && !in.col_text)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--text-col", "Cần --text-col",
				  "--text-col is required");
	if (!rc)
		rc = lt_cli_read_file(cli, file, MAX_FILE, &data, &len);
	if (!rc)
		rc = open_as(cli, &db, &a, &who);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (rc)
		goto out;
	in.unit_id = u.id;
	in.channel = o.channel;
	in.data = data;
	in.len = len;
	in.sheet = o.sheet;
	in.header = !o.no_header;
	rc = lt_app_feedback_import(db, &who, &in, &a, &out, &cli->err);
	if (rc)
		goto out;
	if (cli->json)
		lt_cli_print_json(lt_app_feedback_import_json(&out), JSON_INDENT(2));
	else
		printf(cli->en ? "Imported %zu messages.\n" : "Đã nhập %zu ý kiến.\n", out.created);
out:
	free(data);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

static void topics_line(uint32_t m, bool en, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int t = 0; t < LT_TOPIC_COUNT && k < n; t++)
		if (m & (1u << t))
			k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? ", " : "",
					      en ? lt_topic_name_en(t) : lt_topic_name_vi(t));
}

static void print_item(const lt_cli *cli, const lt_feedback *f, lt_arena *a)
{
	char when[20], topics[200];
	const char *sender;

	lt_vn_format(f->received_at, "%d/%m/%Y %H:%M", when, sizeof(when));
	topics_line(f->topics, cli->en, topics, sizeof(topics));
	sender = f->sender == LT_FB_SENDER_NONE     ? "-"
		 : f->sender == LT_FB_SENDER_HIDDEN ? (cli->en ? "(anonymous)" : "(ẩn danh)")
						    : lt_arena_printf(a, "%s %s",
								      f->sender_name ? f->sender_name : "",
								      f->sender_phone ? f->sender_phone : "");
	printf("#%-5" PRId64 " %s %-11s %s%s%s  [%s]%s\n        %s: %.120s\n", f->id, when,
	       lt_fb_status_code(f->status), f->urgent ? "KHẨN " : "",
	       f->overdue ? (cli->en ? "OVERDUE " : "QUÁ HẠN ") : "", f->unit_name, topics,
	       f->case_count > 1 ? lt_arena_printf(a, " ×%" PRId64, f->case_count) : "", sender,
	       f->text);
}

int lt_cmd_feedback_list(lt_cli *cli, int argc, char **argv)
{
	fb_opts o;
	lt_fb_list_in in = { 0 };
	lt_fb_list l;
	lt_actor who;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	int rc = parse(cli, &list_spec, argc, argv, &o, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (o.limit < 1 || o.limit > 1000)
		return lt_error_set(&cli->err, LT_EINVAL, "--limit", "--limit từ 1 đến 1000",
				    "--limit must be 1 to 1000");
	lt_arena_init(&a);
	rc = open_as(cli, &db, &a, &who);
	if (!rc && o.unit) {
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
		in.under = u.id;
	}
	if (rc)
		goto out;
	in.view = o.view ? o.view : "subtree";
	in.status = o.status;
	in.topic = o.topic;
	in.urgent = o.urgent ? 1 : -1;
	in.overdue = o.overdue;
	in.q = o.q;
	in.limit = (int)o.limit;
	in.reveal = o.personal;
	in.via = "cli";
	rc = lt_app_feedback_list(db, &who, &in, &a, &l, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		lt_cli_print_json(lt_app_feedback_list_json(&l, cli->en), JSON_INDENT(2));
		goto out;
	}
	for (size_t i = 0; i < l.n; i++)
		print_item(cli, &l.items[i], &a);
	printf(cli->en ? "%zu of %zu messages\n" : "%zu / %zu ý kiến\n", l.n, l.total);
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_feedback_classify(lt_cli *cli, int argc, char **argv)
{
	fb_opts o;
	lt_fb_class c = { 0 };
	lt_actor who;
	lt_db *db = NULL;
	lt_arena a;
	char *arg = NULL, *text = NULL, topics[200];
	size_t len = 0;
	int rc = parse(cli, &classify_spec, argc, argv, &o, &arg);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	if (!strcmp(arg, "-"))
		rc = lt_cli_read_file(cli, "-", CLASSIFY_READ_MAX, &text, &len);
	else if (!(text = strdup(arg)))
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc)
		rc = open_as(cli, &db, &a, &who);
	if (!rc)
		rc = lt_app_feedback_classify(db, &who, text, &c, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		lt_cli_print_json(lt_app_feedback_class_json(&c), JSON_INDENT(2));
	} else {
		topics_line(c.topics, cli->en, topics, sizeof(topics));
		printf("%s: %s (%s)\n%s: %s\n", cli->en ? "topics" : "chủ đề", topics, c.source,
		       cli->en ? "why" : "lý do", c.why);
		printf("%s: %s%s%s\n", cli->en ? "urgent" : "khẩn",
		       c.urgent ? (cli->en ? "yes" : "có") : (cli->en ? "no" : "không"),
		       c.urgent ? " — " : "", c.urgency_why);
	}
out:
	free(c.why);
	free(text);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

/* Write n bytes at p to dir/name, whole or not at all (a temporary file renamed). */
static int write_out(lt_cli *cli, const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096], tmp[4200];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	int err = 0;

	f = fopen(tmp, "wb");
	ok = f && fwrite(p, 1, n, f) == n;
	if (!ok)
		err = errno;
	if (f && fclose(f) && ok) {
		ok = 0;
		err = errno;
	}
	if (ok && rename(tmp, path)) {
		ok = 0;
		err = errno;
	}
	if (!ok) {
		remove(tmp);
		return lt_error_set(&cli->err, LT_EIO, "--out", "không ghi được %s (%s)",
				    "cannot write %s (%s)", path, strerror(err ? err : EIO));
	}
	return 0;
}

/* feedback train --corpus DIR --out DIR: the shipped model and its manifest. */
static int build_model(lt_cli *cli, const fb_opts *o)
{
	lt_actor who;
	lt_buf b;
	json_t *man = NULL;
	char *mtext = NULL;
	int rc;

	if (!o->out)
		return lt_error_set(&cli->err, LT_EINVAL, "--out", "--corpus cần --out DIR",
				    "--corpus needs --out DIR");
	/* a folder that cannot take the files is said before seconds of training */
	if (access(o->out, W_OK | X_OK))
		return lt_error_set(&cli->err, LT_EIO, "--out", "không ghi được vào %s (%s)",
				    "cannot write into %s (%s)", o->out, strerror(errno));
	lt_actor_operator(&who);
	lt_buf_init(&b, 64u << 20);
	rc = lt_app_feedback_model_build(&who, o->corpus, &b, &man, &cli->err);
	if (!rc) {
		mtext = json_dumps(man, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (!mtext)
			rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	if (!rc)
		rc = write_out(cli, o->out, "feedback.model", b.ptr, b.len);
	if (!rc) {
		size_t k = strlen(mtext);
		char *nl = realloc(mtext, k + 2);
		if (nl) {
			mtext = nl;
			memcpy(mtext + k, "\n", 2);
			rc = write_out(cli, o->out, "MANIFEST.json", mtext, k + 1);
		} else {
			rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		}
	}
	if (!rc)
		fputs(mtext, stdout);
	free(mtext);
	json_decref(man);
	lt_buf_free(&b);
	return rc;
}

int lt_cmd_feedback_train(lt_cli *cli, int argc, char **argv)
{
	fb_opts o;
	lt_fb_trained t;
	lt_actor who;
	lt_db *db = NULL;
	lt_arena a;
	int rc = parse(cli, &train_spec, argc, argv, &o, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (o.corpus)
		return build_model(cli, &o);
	if (o.out)
		return lt_error_set(&cli->err, LT_EINVAL, "--out", "--out chỉ dùng với --corpus",
				    "--out goes with --corpus");
	lt_arena_init(&a);
	rc = open_as(cli, &db, &a, &who);
	if (!rc)
		rc = lt_app_feedback_train(db, &who, &t, &cli->err);
	if (rc)
		goto out;
	if (cli->json)
		lt_cli_print_json(lt_app_feedback_trained_json(&t), JSON_INDENT(2));
	else if (t.trained)
		printf(cli->en ? "The shipped model went on learning %zu confirmed messages (%zu"
				 " features, %zu bytes).\n"
			       : "Mô hình kèm theo đã học thêm %zu ý kiến đã xác nhận (%zu đặc trưng,"
				 " %zu byte).\n",
		       t.used, t.model.nfeatures, t.model.bytes);
	else
		printf(cli->en ? "No confirmed message: the shipped model classifies.\n"
			       : "Chưa có ý kiến nào được xác nhận: mô hình kèm theo phân loại.\n");
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
