/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_report_sign.c — `lantoa report sign` (a report's last revision signed
 * with a PKCS#11 token, and sealed with the agency's key when it is given),
 * `lantoa directive sign` (a directive's công văn)
 * and `lantoa doc verify FILE.pdf` (every signature of a PDF, lantoa's or
 * another tool's). Adapters over app/report_sign.h and app/directive_sign.h.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "app/directive_sign.h"
#include "app/report_sign.h"
#include "cli/cmd_report_int.h"
#include "cli/cmds.h"
#include "cli/opts.h"
#include "core/clock.h"

typedef struct sopts {
	ropts r;
	const char *module, *token, *key, *cert, *chain, *tsa, *position, *ca, *ca_dir;
	const char *signature_image, *seal_image;
	const char *seal_key, *seal_token, *seal_cert;
	bool pin_stdin;
} sopts;

#define DIRECTIVE_OPT                                                                       \
	{ "directive", LT_OPT_STR, offsetof(sopts, r.directive), "SỐ", "công văn (số hiệu hoặc id)", \
	  "the directive (number or id)" },

/* The token, the signer and the appearance: every signing command takes them. */
#define TOKEN_OPTS \
	{ "pkcs11-module", LT_OPT_STR, offsetof(sopts, module), "PATH", \
	  "thư viện PKCS#11 của token (.so)", "the token's PKCS#11 module (.so)" }, \
	{ "token", LT_OPT_STR, offsetof(sopts, token), "LABEL", "nhãn token", "the token's label" }, \
	{ "key", LT_OPT_STR, offsetof(sopts, key), "LABEL", "nhãn khoá ký", "the signing key's label" }, \
	{ "pin-stdin", LT_OPT_FLAG, offsetof(sopts, pin_stdin), NULL, \
	  "đọc mã PIN từ dòng đầu của stdin (không có: nhập trên bàn phím của token)", \
	  "read the PIN from stdin's first line (without: the reader's PIN pad)" }, \
	{ "out", LT_OPT_STR, offsetof(sopts, r.out), "FILE", "ghi tệp PDF đã ký ra đây", \
	  "also write the signed PDF here" }, \
	{ "position", LT_OPT_STR, offsetof(sopts, position), "CHỨC_VỤ", \
	  "chức vụ người ký (mặc định: theo chứng thư)", \
	  "the signer's position (default: the certificate's title)" }, \
	{ "cert", LT_OPT_STR, offsetof(sopts, cert), "FILE", \
	  "chứng thư người ký (PEM) khi token không có", "the signer's certificate (PEM) if not on the token" }, \
	{ "chain", LT_OPT_STR, offsetof(sopts, chain), "FILE", \
	  "chứng thư trung gian và gốc (PEM) để đính kèm", "intermediate and root certificates (PEM) to embed" }, \
	{ "tsa", LT_OPT_STR, offsetof(sopts, tsa), "URL", "máy chủ dấu thời gian RFC 3161", \
	  "an RFC 3161 timestamp server" }, \
	{ "signature-image", LT_OPT_STR, offsetof(sopts, signature_image), "FILE.png", \
	  "hình chữ ký của người ký (PNG nền trong suốt)", \
	  "the signer's signature image (PNG, transparent background)" }, \
	{ "seal-image", LT_OPT_STR, offsetof(sopts, seal_image), "FILE.png", \
	  "hình con dấu, trùm lên 1/3 hình chữ ký về bên trái (PNG nền trong suốt)", \
	  "the seal, over the left third of the signature image (PNG, transparent background)" },

/* The agency's key (con dấu): a report and a directive take it alike. */
#define SEAL_OPTS \
	{ "seal-key", LT_OPT_STR, offsetof(sopts, seal_key), "LABEL", \
	  "nhãn khoá ký của cơ quan (con dấu): ký thêm văn bản sau người ký, và ký văn bản kèm theo " \
	  "của công văn (bắt buộc khi công văn có danh sách gửi kèm)", \
	  "the agency's signing key (seal): signs the document after the signer, and a directive's " \
	  "annex (required when the directive has one)" }, \
	{ "seal-token", LT_OPT_STR, offsetof(sopts, seal_token), "LABEL", \
	  "nhãn token chứa khoá của cơ quan (mặc định: --token; khác token thì với --pin-stdin mã PIN " \
	  "của nó ở dòng thứ hai)", \
	  "the token holding the agency's key (default: --token; another token's PIN is stdin's " \
	  "second line with --pin-stdin)" }, \
	{ "seal-cert", LT_OPT_STR, offsetof(sopts, seal_cert), "FILE", \
	  "chứng thư của cơ quan (PEM) khi token không có", \
	  "the agency's certificate (PEM) if not on the token" },

static const lt_opt sign_opts[] = {
	DIRECTIVE_OPT
	{ "unit", LT_OPT_STR, offsetof(sopts, r.unit), "MÃ", "mã đơn vị báo cáo",
	  "the reporting unit's code" },
	TOKEN_OPTS
	SEAL_OPTS
	{ NULL, 0, 0, NULL, NULL, NULL },
};
static const lt_cmd_spec sign_spec = {
	"report sign", NULL, 0, 0, sign_opts,
	"Ký số lần nộp cuối của báo cáo (PDF có mã SHA-256 ở chân trang) bằng token PKCS#11, và bằng "
	"khoá của cơ quan (--seal-key) nếu có; không có thì chỉ có chữ ký của người ký.",
	"Sign the report's last revision (the PDF whose footer shows its SHA-256) with a PKCS#11 token, "
	"and with the agency's key (--seal-key) if there is one; without it, the signer's alone.",
};

static const lt_opt dsign_opts[] = {
	DIRECTIVE_OPT
	TOKEN_OPTS
	SEAL_OPTS
	{ NULL, 0, 0, NULL, NULL, NULL },
};
static const lt_cmd_spec dsign_spec = {
	"directive sign", NULL, 0, 0, dsign_opts,
	"Ký số công văn (bản PDF tải về) bằng token PKCS#11, và bằng khoá của cơ quan (--seal-key) ký "
	"văn bản kèm theo; sau đó bản PDF và gói edXML mang bản đã ký.",
	"Sign the directive (its PDF) with a PKCS#11 token, and with the agency's key (--seal-key) its "
	"annex; its PDF and edXML then carry the signed file.",
};

static const lt_opt verify_opts[] = {
	{ "ca", LT_OPT_STR, offsetof(sopts, ca), "FILE",
	  "chứng thư gốc tin cậy (PEM; mặc định: của hệ thống)",
	  "trusted root certificates (PEM; default: the system's)" },
	{ "ca-dir", LT_OPT_STR, offsetof(sopts, ca_dir), "DIR",
	  "thư mục chứng thư tin cậy (OpenSSL)", "a hashed directory of trusted certificates (OpenSSL)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};
static const lt_cmd_spec verify_spec = {
	"doc verify", "FILE.pdf", 1, 1, verify_opts,
	"Kiểm tra chữ ký số của tệp PDF: người ký, thời gian, chuỗi chứng thư, có bị sửa sau khi ký.",
	"Check a PDF's digital signatures: signer, time, certificate chain, changed after signing.",
};

/* The PNG at path (NULL: none) into *data (owned); errors name opt. */
static int read_image(lt_cli *cli, const char *opt, const char *path, char **data, size_t *len)
{
	int rc = path ? lt_cli_read_file(cli, path, 8u << 20, data, len) : 0;

	if (rc)
		snprintf(cli->err.field, sizeof(cli->err.field), "%s", opt);
	return rc;
}

/* The PIN from stdin's first line (without its end of line) into pin[cap]. */
static int read_pin(lt_cli *cli, char *pin, size_t cap)
{
	if (!fgets(pin, (int)cap, stdin) || !pin[0] || pin[0] == '\n')
		return lt_error_set(&cli->err, LT_EINVAL, "--pin-stdin",
				    "Không đọc được mã PIN từ stdin", "No PIN on stdin");
	pin[strcspn(pin, "\r\n")] = 0;
	return 0;
}

static void print_time(lt_cli *cli, const char *label_vi, const char *label_en, int64_t t)
{
	char buf[32];

	lt_vn_format(t, "%d/%m/%Y %H:%M:%S", buf, sizeof(buf));
	printf("  %s: %s (UTC+7)\n", cli->en ? label_en : label_vi, buf);
}

/*
 * Can --out be written? Asked before the token is used, so that a stored
 * signature is not followed by a file that cannot be written.
 */
static int out_writable(lt_cli *cli, const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash == path ? 1 : slash - path), path);
	if (access(dir, W_OK) || (access(path, F_OK) == 0 && access(path, W_OK)))
		return lt_error_set(&cli->err, LT_EIO, "--out", "Không ghi được %s", "Cannot write %s",
				    path);
	return 0;
}

/* What a signing command read: the PINs and the images (owned; sign_end frees them). */
typedef struct signing {
	char pin[256], seal_pin[256], *sig_png, *seal_png;
	size_t sig_len, seal_len;
	lt_sign_how how;
} signing;

/*
 * Parse a signing command's options into o, check them, read the images and
 * the PIN into g, and open the database and the target (t; --unit when
 * need_unit). The token is not touched yet.
 */
static int sign_start(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, bool need_unit,
		      sopts *o, rtarget *t, signing *g)
{
	int rc;

	memset(o, 0, sizeof(*o));
	memset(g, 0, sizeof(*g));
	lt_cli_report_init(&o->r, t);
	rc = lt_cli_parse(cli, spec, argc, argv, o, NULL, NULL);
	if (!rc && (!o->module || !o->token || !o->key))
		rc = lt_error_set(&cli->err, LT_EINVAL,
				  !o->module ? "--pkcs11-module" : !o->token ? "--token" : "--key",
				  "Cần --pkcs11-module, --token và --key",
				  "--pkcs11-module, --token and --key are required");
	if (!rc && !o->seal_key && (o->seal_token || o->seal_cert))
		rc = lt_error_set(&cli->err, LT_EINVAL, "--seal-key",
				  "--seal-token và --seal-cert cần --seal-key (nhãn khoá của cơ quan)",
				  "--seal-token and --seal-cert need --seal-key (the agency's key label)");
	if (!rc && o->r.out)
		rc = out_writable(cli, o->r.out);
	if (!rc)
		rc = read_image(cli, "--signature-image", o->signature_image, &g->sig_png, &g->sig_len);
	if (!rc)
		rc = read_image(cli, "--seal-image", o->seal_image, &g->seal_png, &g->seal_len);
	if (!rc && o->pin_stdin)
		rc = read_pin(cli, g->pin, sizeof(g->pin));
	/* The agency's key on a token of its own: its PIN is the second line. */
	if (!rc && o->pin_stdin && o->seal_key && o->seal_token && strcmp(o->seal_token, o->token)) {
		if (read_pin(cli, g->seal_pin, sizeof(g->seal_pin)))
			rc = lt_error_set(&cli->err, LT_EINVAL, "--pin-stdin",
					  "Không đọc được mã PIN của token --seal-token ở dòng thứ hai của stdin",
					  "No PIN for the --seal-token token on stdin's second line");
	} else if (!rc && o->pin_stdin)
		memcpy(g->seal_pin, g->pin, sizeof(g->pin));
	if (!rc)
		rc = lt_cli_report_open(cli, &o->r, need_unit, t);
	g->how = (lt_sign_how){
		.token = { .module = o->module, .token = o->token, .key = o->key,
			   .pin = o->pin_stdin ? g->pin : NULL, .cert_file = o->cert,
			   .chain_file = o->chain, .tsa_url = o->tsa },
		.position = o->position,
		.signature_png = (const uint8_t *)g->sig_png, .signature_png_len = g->sig_len,
		.seal_png = (const uint8_t *)g->seal_png, .seal_png_len = g->seal_len,
	};
	if (o->seal_key)
		g->how.seal = (lt_signer_opts){
			.module = o->module, .token = o->seal_token ? o->seal_token : o->token,
			.key = o->seal_key, .pin = o->pin_stdin ? g->seal_pin : NULL,
			.cert_file = o->seal_cert, .chain_file = o->chain, .tsa_url = o->tsa,
		};
	return rc;
}

/*
 * After the signing (rc): the errors of the images and of the agency's key
 * named as the options, the PINs wiped, the signed PDF written to --out,
 * the record printed (json: its JSON, stolen). Returns the outcome.
 */
static int sign_end(lt_cli *cli, int rc, const sopts *o, signing *g, const lt_buf *pdf,
		    const lt_report_sig *s, json_t *json, const char *head)
{
	static const char *const opts[][2] = {
		{ "signature_image", "--signature-image" }, { "seal_image", "--seal-image" },
		{ "seal_key", "--seal-key" }, { "seal_token", "--seal-token" },
		{ "seal_cert", "--seal-cert" },
	};

	for (size_t i = 0; rc && i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(cli->err.field, opts[i][0])) {
			snprintf(cli->err.field, sizeof(cli->err.field), "%s", opts[i][1]);
			break;
		}
	sodium_memzero(g->pin, sizeof(g->pin));
	sodium_memzero(g->seal_pin, sizeof(g->seal_pin));
	free(g->sig_png);
	free(g->seal_png);
	if (!rc && o->r.out)
		rc = lt_cli_report_write(cli, "--out", o->r.out, pdf->ptr, pdf->len);
	if (!rc && cli->json) {
		lt_cli_print_json(json, JSON_INDENT(2));
		json = NULL;
	} else if (!rc) {
		printf("%s %s%s%s\n", head, s->signer_name, s->position ? ", " : "",
		       s->position ? s->position : "");
		print_time(cli, "lúc", "at", s->signed_at);
		printf("  %s: %s\n  %s: %s\n  %s: %s (%zu bytes)\n", cli->en ? "issuer" : "cấp bởi",
		       s->cert_issuer, cli->en ? "serial" : "số hiệu", s->cert_serial, "PDF SHA-256",
		       s->pdf_sha256, s->pdf_len);
		if (s->seal_name)
			printf("  %s: %s (%s %s)\n", cli->en ? "agency" : "cơ quan", s->seal_name,
			       cli->en ? "serial" : "số hiệu", s->seal_serial);
		else
			printf("  %s\n", cli->en ? "agency: no seal (no --seal-key: the signer's signature alone)"
						 : "cơ quan: không có con dấu (không có --seal-key: chỉ chữ ký của người ký)");
	}
	json_decref(json);
	return rc;
}

int lt_cmd_report_sign(lt_cli *cli, int argc, char **argv)
{
	sopts o;
	rtarget t;
	signing g;
	lt_report_sig s;
	lt_buf pdf;
	char head[64];
	int rc = sign_start(cli, &sign_spec, argc, argv, true, &o, &t, &g);

	lt_buf_init(&pdf, 64u << 20);
	if (!rc) {
		lt_report_sign_in in = { .ref = t.ref, .how = g.how };
		rc = lt_app_report_sign(t.db, &t.who, &in, &t.a, &s, &pdf, &cli->err);
	}
	if (!rc)
		snprintf(head, sizeof(head), cli->en ? "revision %d signed by" : "lần nộp %d đã ký:",
			 s.rev);
	rc = sign_end(cli, rc, &o, &g, &pdf, &s, !rc && cli->json ? lt_app_report_sig_json(&s) : NULL,
		      head);
	lt_buf_free(&pdf);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_directive_sign(lt_cli *cli, int argc, char **argv)
{
	sopts o;
	rtarget t;
	signing g;
	lt_report_sig s;
	lt_buf pdf;
	int rc = sign_start(cli, &dsign_spec, argc, argv, false, &o, &t, &g);

	lt_buf_init(&pdf, 64u << 20);
	if (!rc) {
		lt_directive_sign_in in = { .id = t.ref.directive, .how = g.how };
		rc = lt_app_directive_sign(t.db, &t.who, &in, &t.a, &s, &pdf, &cli->err);
	}
	rc = sign_end(cli, rc, &o, &g, &pdf, &s,
		      !rc && cli->json ? lt_app_directive_sig_json(&s) : NULL,
		      cli->en ? "directive signed by" : "công văn đã ký:");
	lt_buf_free(&pdf);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

/* One signature as text. */
static void print_sig(lt_cli *cli, size_t i, size_t n, const lt_doc_sig *g)
{
	const lt_sign_check *k = &g->check;
	bool tsa = k->time_src == LT_SIGN_TIME_TSA;

	printf(cli->en ? "signature %zu/%zu: %s — %s\n" : "chữ ký %zu/%zu: %s — %s\n", i + 1, n,
	       g->name, g->rc ? (cli->en ? "NOT VALID" : "KHÔNG HỢP LỆ") : (cli->en ? "valid" : "hợp lệ"));
	printf("  %s: %s\n", cli->en ? "subject" : "chủ thể", k->signer_dn);
	printf("  %s: %s, %s %s\n", cli->en ? "issuer" : "cấp bởi", k->issuer_cn,
	       cli->en ? "serial" : "số hiệu", k->serial);
	print_time(cli, tsa ? "dấu t.gian" : "lúc ký", tsa ? "timestamp" : "signed at",
		   tsa || k->time_src == LT_SIGN_TIME_CLAIMED ? k->signing_time : g->claimed);
	if (k->chain_ok)
		printf(cli->en ? "  %s: trusted (%d certificates)\n" : "  %s: tin cậy (%d chứng thư)\n",
		       cli->en ? "chain" : "chuỗi", k->chain_len);
	else
		printf(cli->en ? "  %s: not trusted: %s\n" : "  %s: không tin cậy: %s\n",
		       cli->en ? "chain" : "chuỗi", k->chain_error);
	printf("  %s: %s\n", cli->en ? "content" : "nội dung",
	       !k->intact ? (cli->en ? "changed after signing" : "đã bị thay đổi sau khi ký")
	       : g->whole_file ? (cli->en ? "the whole document, unchanged" : "toàn bộ tài liệu, không đổi")
	       : g->later_covered ? (cli->en ? "unchanged; a later signature follows" : "không đổi; có chữ ký sau")
				: (cli->en ? "bytes added after signing" : "có dữ liệu thêm vào sau khi ký"));
	if (g->rc)
		printf("  %s: %s\n", cli->en ? "error" : "lỗi", lt_error_msg(&g->err, cli->en));
}

int lt_cmd_doc_verify(lt_cli *cli, int argc, char **argv)
{
	sopts o;
	char *args[1] = { NULL }, *data = NULL;
	int nargs = 0, rc;
	size_t len = 0;
	lt_doc_check c = { 0 };

	memset(&o, 0, sizeof(o));
	rc = lt_cli_parse(cli, &verify_spec, argc, argv, &o, args, &nargs);
	if (!rc)
		rc = lt_cli_read_file(cli, args[0], 256u << 20, &data, &len);
	lt_sign_trust trust = { .ca_file = o.ca, .ca_dir = o.ca_dir };
	if (!rc)
		rc = lt_app_doc_verify((const uint8_t *)data, len, &trust, &c, &cli->err);
	if (c.n && cli->json)
		lt_cli_print_json(lt_app_doc_check_json(&c, rc), JSON_INDENT(2));
	else
		for (size_t i = 0; i < c.n; i++)
			print_sig(cli, i, c.n, &c.v[i]);
	free(c.v);
	free(data);
	return rc > 0 ? 0 : rc;
}
