/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_feedback.c — `lantoa feedback add|import|list|classify|train`
 * (`feedback eval` lives in cmd_feedback_eval.c). The CLI acts as the
 * operator: lists mask senders unless --personal, and a full view is
 * recorded in the audit log like any other.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "cli/cmd_feedback.h"
#include "render/csv.h"
#include "render/xlsx_read.h"
#include "store/feedback.h"
#include "store/unit.h"
#include "text/topics.h"

#define MAX_FILE (50u << 20)

typedef struct fb_opts {
	const char *unit, *text, *channel, *name, *phone, *at, *status, *topic, *q, *sheet;
	const char *col_time, *col_sender, *col_phone, *col_text;
	bool anonymous, urgent, overdue, personal, no_header;
	long limit;
} fb_opts;

/* Parse the options every feedback command shares; 1 = help printed, < 0 error. */
static int parse(lt_cli *cli, int argc, char **argv, fb_opts *o, const char *usage,
		 int want_pos)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' },    { "text", required_argument, NULL, 'x' },
		{ "channel", required_argument, NULL, 'c' }, { "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },   { "at", required_argument, NULL, 'a' },
		{ "status", required_argument, NULL, 's' },  { "topic", required_argument, NULL, 'T' },
		{ "q", required_argument, NULL, 'q' },       { "limit", required_argument, NULL, 'l' },
		{ "sheet", required_argument, NULL, 'S' },   { "time-col", required_argument, NULL, '1' },
		{ "sender-col", required_argument, NULL, '2' },
		{ "phone-col", required_argument, NULL, '3' },
		{ "text-col", required_argument, NULL, '4' },
		{ "anonymous", no_argument, NULL, 'A' },     { "urgent", no_argument, NULL, 'U' },
		{ "overdue", no_argument, NULL, 'O' },       { "personal", no_argument, NULL, 'P' },
		{ "no-header", no_argument, NULL, 'H' },     { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->limit = 50;
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'u': o->unit = optarg; break;
		case 'x': o->text = optarg; break;
		case 'c': o->channel = optarg; break;
		case 'n': o->name = optarg; break;
		case 'p': o->phone = optarg; break;
		case 'a': o->at = optarg; break;
		case 's': o->status = optarg; break;
		case 'T': o->topic = optarg; break;
		case 'q': o->q = optarg; break;
		case 'S': o->sheet = optarg; break;
		case '1': o->col_time = optarg; break;
		case '2': o->col_sender = optarg; break;
		case '3': o->col_phone = optarg; break;
		case '4': o->col_text = optarg; break;
		case 'A': o->anonymous = true; break;
		case 'U': o->urgent = true; break;
		case 'O': o->overdue = true; break;
		case 'P': o->personal = true; break;
		case 'H': o->no_header = true; break;
		case 'j': cli->json = true; break;
		case 'l':
			o->limit = strtol(optarg, NULL, 10);
			if (o->limit < 1 || o->limit > 1000)
				return lt_error_set(&cli->err, LT_EINVAL, "--limit",
						    "--limit từ 1 đến 1000", "--limit must be 1 to 1000");
			break;
		case 'h':
			printf("%s\n", usage);
			return 1;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	if (want_pos >= 0 && argc - optind != want_pos)
		return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Sai số tham số: %s",
				    "Wrong number of arguments: %s", usage);
	return 0;
}

int lt_cmd_feedback_add(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa feedback add --unit CODE --text TEXT [--channel hotline|zalo|facebook|"
		"in_person|other] [--at \"YYYY-MM-DD HH:MM\"] [--name N] [--phone P] [--anonymous]"
		" [--json]";
	fb_opts o;
	lt_feedback_input in = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	char receipt[LT_FB_RECEIPT_LEN + 1];
	int64_t id = 0;
	int rc = parse(cli, argc, argv, &o, usage, 0);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (rc)
		goto out;
	in.unit_id = u.id;
	in.channel = o.channel ? o.channel : "hotline";
	in.text = o.text;
	in.sender_name = o.name;
	in.sender_phone = o.phone;
	in.anonymous = o.anonymous;
	if (o.at && lt_feedback_parse_time(o.at, &in.received_at)) {
		rc = lt_error_set(&cli->err, LT_EINVAL, "--at",
				  "--at phải có dạng YYYY-MM-DD HH:MM hoặc DD/MM/YYYY HH:MM",
				  "--at must be YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM");
		goto out;
	}
	rc = lt_feedback_add(db, &in, 0, &id, receipt, &cli->err);
	if (rc)
		goto out;
	if (cli->json)
		lt_cli_print_json(json_pack("{s:I,s:s}", "id", (json_int_t)id, "receipt", receipt),
				  JSON_INDENT(2));
	else
		printf(cli->en ? "Recorded message #%" PRId64 ", receipt code %s\n"
			       : "Đã ghi ý kiến #%" PRId64 ", mã tiếp nhận %s\n",
		       id, receipt);
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

/* Column "A"/"b"/"3" → 1-based index; 0 absent, -1 bad. */
static int col_of(const char *s)
{
	int c = 0;

	if (!s)
		return 0;
	if (*s >= '0' && *s <= '9')
		return atoi(s) > 0 && atoi(s) <= 256 ? atoi(s) : -1;
	for (; *s; s++) {
		char ch = (char)(*s & ~0x20);
		if (ch < 'A' || ch > 'Z' || (c = c * 26 + ch - 'A' + 1) > 256)
			return -1;
	}
	return c;
}

int lt_cmd_feedback_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa feedback import FILE.csv|FILE.xlsx --unit CODE --text-col C [--time-col A]"
		" [--sender-col B] [--phone-col D] [--channel zalo] [--sheet NAME] [--no-header]\n"
		"  Nhập tin nhắn xuất từ Zalo/Facebook/Excel; lỗi một dòng thì không nhập gì.\n"
		"  Imports exported chat messages, all or nothing; errors name row and column.";
	fb_opts o;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	lt_table *t = NULL;
	lt_sheet *s = NULL;
	lt_feedback_input *rows = NULL;
	int *rowno = NULL;
	char *data = NULL, col[8];
	size_t len = 0, n = 0, created = 0, bad = 0;
	int ct, cs, cp, cx, rc = parse(cli, argc, argv, &o, usage, 1);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	ct = col_of(o.col_time);
	cs = col_of(o.col_sender);
	cp = col_of(o.col_phone);
	cx = col_of(o.col_text);
	if (cx <= 0 || ct < 0 || cs < 0 || cp < 0) {
		rc = lt_error_set(&cli->err, LT_EINVAL, "--text-col",
				  "Cần --text-col và các cột dạng chữ (A, B…) hoặc số",
				  "--text-col is required; columns are letters (A, B…) or numbers");
		goto out;
	}
	rc = lt_cli_read_file(cli, argv[optind], MAX_FILE, &data, &len);
	if (!rc)
		rc = len > 2 && data[0] == 'P' && data[1] == 'K'
			     ? lt_xlsx_read(data, len, NULL, &t, &cli->err)
			     : lt_csv_read(data, len, NULL, &t, &cli->err);
	if (rc)
		goto out;
	s = o.sheet ? lt_table_sheet(t, o.sheet) : lt_table_sheet_at(t, 0);
	if (!s) {
		rc = lt_error_set(&cli->err, LT_EINVAL, "--sheet", "Không có trang tính này",
				  "No such sheet");
		goto out;
	}
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (rc)
		goto out;
	rows = calloc((size_t)s->nrows + 1, sizeof(*rows));
	rowno = calloc((size_t)s->nrows + 1, sizeof(*rowno));
	if (!rows || !rowno) {
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	for (int r = o.no_header ? 1 : 2; r <= s->nrows; r++) {
		const char *text = lt_sheet_cell(s, r, cx)->text;
		const char *when = ct ? lt_sheet_cell(s, r, ct)->text : "";
		if (!*text && !*when)
			continue;
		rowno[n] = r;
		rows[n].unit_id = u.id;
		rows[n].channel = o.channel ? o.channel : "import";
		rows[n].text = text;
		rows[n].sender_name = cs ? lt_sheet_cell(s, r, cs)->text : NULL;
		rows[n].sender_phone = cp ? lt_sheet_cell(s, r, cp)->text : NULL;
		if (ct && lt_feedback_parse_time(when, &rows[n].received_at)) {
			lt_table_colname(ct, col);
			rc = lt_error_set(&cli->err, LT_EINVAL, "time",
					  "dòng %d, cột %s: không đọc được thời điểm \"%.40s\"",
					  "row %d, column %s: cannot read the time \"%.40s\"", r, col,
					  when);
			goto out;
		}
		n++;
	}
	rc = lt_feedback_import(db, rows, n, 0, &created, &bad, &cli->err);
	if (rc && bad < n) {
		char field[LT_ERR_FIELD_MAX];
		int c = !strcmp(cli->err.field, "sender_name")	  ? cs
			: !strcmp(cli->err.field, "sender_phone") ? cp
			: !strcmp(cli->err.field, "received_at")  ? ct
								  : cx;
		lt_table_colname(c, col);
		snprintf(field, sizeof(field), "row %d, column %s (%.60s)", rowno[bad], col,
			 cli->err.field);
		snprintf(cli->err.field, sizeof(cli->err.field), "%s", field);
	}
	if (rc)
		goto out;
	if (cli->json)
		lt_cli_print_json(json_pack("{s:I}", "created", (json_int_t)created), JSON_INDENT(2));
	else
		printf(cli->en ? "Imported %zu messages.\n" : "Đã nhập %zu ý kiến.\n", created);
out:
	free(rows);
	free(rowno);
	free(data);
	lt_table_free(t);
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

int lt_cmd_feedback_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa feedback list [--unit CODE] [--status new|…|open] [--topic tien_luong|…]"
		" [--urgent] [--overdue] [--q TEXT] [--limit N] [--personal] [--json]\n"
		"  --personal: show senders in full (recorded in the audit log)";
	fb_opts o;
	lt_feedback_query q = { .status = -1, .topic = -1, .urgent = -1 };
	lt_fb_viewer v = { .admin = false, .via = "cli" };
	lt_feedback *items;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	size_t n, total;
	int rc = parse(cli, argc, argv, &o, usage, 0);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	v.admin = o.personal;
	rc = lt_cli_open_db(cli, &db);
	if (rc)
		goto out;
	if (o.unit) {
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
		if (rc)
			goto out;
		q.within = u.path;
	}
	if (o.status && !strcmp(o.status, "open"))
		q.status = -2;
	else if (o.status && (q.status = lt_fb_status_from(o.status)) < 0)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--status", "Trạng thái không hợp lệ",
				  "Unknown status");
	if (!rc && o.topic && (q.topic = lt_topic_from_code(o.topic, strlen(o.topic))) < 0)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--topic", "Chủ đề không hợp lệ",
				  "Unknown topic");
	if (rc)
		goto out;
	q.urgent = o.urgent ? 1 : -1;
	q.overdue = o.overdue;
	q.q = o.q;
	q.limit = (int)o.limit;
	rc = lt_feedback_list(db, &q, &v, &a, &items, &n, &total, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, lt_feedback_json(&items[i], cli->en));
		lt_cli_print_json(json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)total),
				  JSON_INDENT(2));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const lt_feedback *f = &items[i];
		char when[20], topics[200];
		lt_vn_format(f->received_at, "%d/%m/%Y %H:%M", when, sizeof(when));
		topics_line(f->topics, cli->en, topics, sizeof(topics));
		printf("#%-5" PRId64 " %s %-11s %s%s%s  [%s]%s\n        %s: %.120s\n", f->id, when,
		       lt_fb_status_code(f->status), f->urgent ? "KHẨN " : "",
		       f->overdue ? (cli->en ? "OVERDUE " : "QUÁ HẠN ") : "", f->unit_name, topics,
		       f->case_count > 1 ? lt_arena_printf(&a, " ×%" PRId64, f->case_count) : "",
		       f->sender == LT_FB_SENDER_NONE ? "-"
		       : f->sender == LT_FB_SENDER_HIDDEN
			       ? (cli->en ? "(anonymous)" : "(ẩn danh)")
			       : lt_arena_printf(&a, "%s %s", f->sender_name ? f->sender_name : "",
						 f->sender_phone ? f->sender_phone : ""),
		       f->text);
	}
	printf(cli->en ? "%zu of %zu messages\n" : "%zu / %zu ý kiến\n", n, total);
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_feedback_classify(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa feedback classify TEXT|- [--json]\n"
		"  Phân loại một tin nhắn như khi tiếp nhận (luật rồi mô hình), kèm lý do và độ khẩn.\n"
		"  Classifies one message as intake does (rules, then the model), with the why and"
		" urgency.";
	fb_opts o;
	lt_fb_class c = { 0 };
	lt_db *db = NULL;
	char *text = NULL, topics[200];
	size_t len = 0;
	int rc = parse(cli, argc, argv, &o, usage, 1);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (!strcmp(argv[optind], "-"))
		rc = lt_cli_read_file(cli, "-", LT_FB_TEXT_MAX, &text, &len);
	else
		text = strdup(argv[optind]);
	if (!rc && !text)
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc)
		rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_feedback_classify(db, text, &c, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *why = json_loads(c.why, 0, NULL);
		lt_cli_print_json(json_pack("{s:o,s:s,s:o,s:b,s:s}", "topics",
				     lt_feedback_topics_json(c.topics), "source", c.source, "why",
				     why ? why : json_array(), "urgent", c.urgent, "urgency_why",
				     c.urgency_why), JSON_INDENT(2));
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
	return rc;
}

int lt_cmd_feedback_train(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa feedback train [--json]\n"
		"  Huấn luyện lại mô hình chủ đề từ các ý kiến cán bộ đã xác nhận; quá ít thì chỉ"
		" dùng luật.\n"
		"  Retrains the topic model from the messages cadres confirmed; with too few, rules"
		" only.";
	fb_opts o;
	lt_fb_model_info m;
	lt_db *db = NULL;
	bool trained = false;
	size_t used = 0;
	int rc = parse(cli, argc, argv, &o, usage, 0);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_feedback_train(db, 0, &trained, &used, &cli->err);
	if (!rc)
		rc = lt_feedback_model_info(db, &m, &cli->err);
	if (rc)
		goto out;
	if (cli->json)
		lt_cli_print_json(json_pack("{s:b,s:I,s:I,s:I}", "trained", trained, "messages",
				     (json_int_t)used, "bytes", (json_int_t)m.bytes, "features",
				     (json_int_t)m.nfeatures), JSON_INDENT(2));
	else if (trained)
		printf(cli->en ? "Model trained on %zu confirmed messages (%zu features, %zu bytes).\n"
			       : "Đã huấn luyện mô hình trên %zu ý kiến đã xác nhận (%zu đặc trưng,"
				 " %zu byte).\n",
		       used, m.nfeatures, m.bytes);
	else
		printf(cli->en ? "Only %zu confirmed messages (need %d): classifying with rules only.\n"
			       : "Mới có %zu ý kiến đã xác nhận (cần %d): chỉ phân loại bằng luật.\n",
		       used, lt_feedback_config_get()->min_train);
out:
	lt_db_close(db);
	return rc;
}
