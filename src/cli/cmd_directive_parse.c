/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_directive_parse.c — `lantoa directive parse FILE [--json]`: a thin
 * adapter over app/directive.h's letter reader (text or .docx).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/directive.h"
#include "cli/opts.h"
#include "text/letter.h"

/* A .docx may carry images: read more than the text cap allows. */
#define MAX_FILE ((size_t)64 << 20)

static const lt_cmd_spec spec = {
	"directive parse", "FILE", 1, 1, NULL,
	"Đọc một công văn (.txt UTF-8 hoặc .docx) và hiển thị loại, số, ký hiệu, cơ quan "
	"ban hành, ngày, trích yếu, nơi gửi, văn bản viện dẫn, nội dung, nhiệm vụ, thời hạn, "
	"nơi nhận và người ký; --json in ra dạng JSON.",
	"Read an official letter (.txt in UTF-8 or .docx) and show its type, number and "
	"symbol, issuer, date, subject, recipients, cited documents, themes, tasks, deadlines, "
	"cc list and signer; --json prints it as JSON.",
};

/* "label:   value", aligned by characters, not bytes (Vietnamese is multi-byte). */
static void field(const char *label, const char *v)
{
	size_t w = 0;
	const char *p;

	for (p = label; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			w++;
	printf("%s%*s %s\n", label, w < 22 ? (int)(22 - w) : 0, "", v ? v : "—");
}

static void list(const char *label, const lt_letter_strv *v, const char *mark)
{
	size_t i;

	printf("%s (%zu)\n", label, v->n);
	for (i = 0; i < v->n; i++)
		printf("  %s %s\n", mark, v->v[i]);
}

static void summary(const lt_cli *cli, const lt_letter *l)
{
	bool en = cli->en;
	size_t i, j;

	field(en ? "Document type:" : "Loại văn bản:", l->doc_type);
	field(en ? "Number:" : "Số, ký hiệu:", l->number);
	field(en ? "Symbol:" : "Ký hiệu:", l->symbol);
	field(en ? "Issuer:" : "Cơ quan ban hành:", l->issuer);
	field(en ? "Parent body:" : "Cơ quan chủ quản:", l->parent_body);
	field(en ? "Place:" : "Địa danh:", l->place);
	field(en ? "Date:" : "Ngày ban hành:", l->date);
	field(en ? "Subject:" : "Trích yếu (V/v):", l->subject);
	field(en ? "Motto:" : "Phương châm:", l->motto);
	list(en ? "Recipients" : "Kính gửi", &l->recipients, "-");
	printf("%s (%zu)\n", en ? "Documents implemented" : "Văn bản viện dẫn", l->n_refs);
	for (i = 0; i < l->n_refs; i++)
		printf("  - %s%s%s%s%s\n", l->refs[i].number,
		       l->refs[i].date ? (en ? " of " : " ngày ") : "",
		       l->refs[i].date ? l->refs[i].date : "",
		       l->refs[i].issuer ? (en ? ", by " : " của ") : "",
		       l->refs[i].issuer ? l->refs[i].issuer : "");
	printf("%s (%zu)\n", en ? "Themes" : "Nội dung", l->n_sections);
	for (i = 0; i < l->n_sections; i++) {
		printf("  %zu. %s\n", i + 1, l->sections[i].title);
		for (j = 0; j < l->sections[i].items.n; j++)
			printf("     - %s\n", l->sections[i].items.v[j]);
	}
	list(en ? "Tasks" : "Nhiệm vụ", &l->tasks, "+");
	list(en ? "E-mail" : "E-mail", &l->emails, "-");
	list(en ? "Deadlines" : "Thời hạn", &l->deadlines, "-");
	list(en ? "Copies to (Nơi nhận)" : "Nơi nhận", &l->cc, "-");
	field(en ? "Signer authority:" : "Thẩm quyền ký:", l->signer.authority);
	for (i = 1; i < l->signer.n_auth; i++)
		printf("%*s %s %s\n", 22, "", l->signer.auth[i].prefix,
		       l->signer.auth[i].of ? l->signer.auth[i].of : "");
	field(en ? "Signer title:" : "Chức vụ:", l->signer.title);
	field(en ? "Signer name:" : "Người ký:", l->signer.name);
	list(en ? "Warnings" : "Cảnh báo", &l->warnings, "!");
}

int lt_cmd_directive_parse(lt_cli *cli, int argc, char **argv)
{
	char *path = NULL, *data = NULL;
	size_t len = 0;
	lt_letter *l = NULL;
	json_t *j = NULL;
	int rc = lt_cli_parse(cli, &spec, argc, argv, NULL, &path, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = lt_cli_read_file(cli, path, MAX_FILE, &data, &len);
	if (!rc)
		rc = lt_app_letter_read(data, len, &l, &cli->err);
	if (!rc && cli->json) {
		j = lt_letter_to_json(l);
		if (!j || json_dumpf(j, stdout, JSON_INDENT(2)) < 0)
			rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Không ghi được JSON",
					  "Cannot write the JSON");
		else
			putchar('\n');
	} else if (!rc) {
		summary(cli, l);
	}
	json_decref(j);
	lt_letter_free(l);
	free(data);
	return rc;
}
