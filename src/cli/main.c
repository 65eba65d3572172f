/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * main.c — the `lantoa` command: global options, the command table, and
 * the shared helpers of cli.h. Each command lives in its own cmd_*.c.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_activity.h"
#include "cli/cmds.h"
#include "cli/config.h"
#include "core/password.h"
#include "store/store.h"

typedef struct cmd {
	const char *name;
	const char *sub; /* NULL: the command takes no subcommand */
	lt_cli_fn fn;
	const char *vi, *en;
} cmd;

static const cmd commands[] = {
#define COMMAND(name, sub, fn, vi, en) { name, sub, fn, vi, en },
#include "cli/commands.def"
#undef COMMAND
};

static void usage(FILE *f, bool en)
{
	fprintf(f, "%s: lantoa [--db URL] [--db-read URL] [--config FILE] [--as LOGIN] [--json] [--lang vi|en] COMMAND …\n\n",
		en ? "Usage" : "Cách dùng");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s%s%s", commands[i].name, commands[i].sub ? " " : "",
			 commands[i].sub ? commands[i].sub : "");
		fprintf(f, "  %-22s %s\n", name, en ? commands[i].en : commands[i].vi);
	}
	fprintf(f, "\n%s\n",
		en ? "Every command takes --help. The database URL also comes from $LANTOA_DB "
		     "(default sqlite:data/lantoa.db); --db-read (serve: a PostgreSQL replica for"
		     " lists, dashboards and exports) from $LANTOA_DB_READ."
		   : "Mọi lệnh đều có --help. Địa chỉ CSDL cũng lấy từ $LANTOA_DB "
		     "(mặc định sqlite:data/lantoa.db); --db-read (serve: bản sao PostgreSQL cho"
		     " danh sách, bảng theo dõi và xuất tệp) từ $LANTOA_DB_READ.");
}

bool lt_cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}

int lt_cli_unit(lt_cli *cli, lt_db *db, lt_arena *a, const char *code, const char *field,
		lt_unit *u)
{
	int rc;

	if (!code)
		return lt_error_set(&cli->err, LT_EINVAL, field, "Cần %s MÃ", "%s CODE is required",
				    field);
	rc = lt_unit_get_by_code(db, code, a, u, &cli->err);
	if (rc == LT_ENOTFOUND)
		snprintf(cli->err.field, sizeof(cli->err.field), "%s", field);
	return rc;
}

int lt_cli_actor(lt_cli *cli, lt_db *db, lt_arena *a, lt_actor *out)
{
	lt_user *u;
	char hash[128];
	int rc;

	if (!cli->as) {
		lt_actor_operator(out);
		return 0;
	}
	u = lt_arena_alloc(a, sizeof(*u));
	if (!u)
		return lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = lt_user_get_by_login(db, cli->as, a, u, hash, &cli->err);
	if (rc == LT_ENOTFOUND)
		return lt_error_set(&cli->err, LT_ENOTFOUND, "--as", "Không có người dùng %s",
				    "No user %s", cli->as);
	if (rc)
		return rc;
	if (u->disabled)
		return lt_error_set(&cli->err, LT_EFORBIDDEN, "--as", "Tài khoản %s đã bị khoá",
				    "The account %s is disabled", cli->as);
	lt_actor_user(out, u, NULL);
	return 0;
}

int lt_cli_start(lt_cli *cli, lt_cli_session *s)
{
	int rc;

	memset(s, 0, sizeof(*s));
	lt_arena_init(&s->a);
	rc = lt_cli_open_db(cli, &s->db);
	if (!rc)
		rc = lt_cli_actor(cli, s->db, &s->a, &s->who);
	return rc;
}

void lt_cli_stop(lt_cli_session *s)
{
	lt_db_close(s->db);
	s->db = NULL;
	lt_arena_free(&s->a);
}

void lt_cli_print_json(json_t *j, size_t flags)
{
	char *s = j ? json_dumps(j, flags) : NULL;

	printf("%s\n", s ? s : "null");
	free(s);
	json_decref(j);
}

void lt_cli_say(const lt_cli *cli, const char *vi, const char *en)
{
	fprintf(stderr, "%s\n", cli->en ? en : vi);
}

void lt_cli_progress(const lt_cli *cli, const char *label, long done, long total)
{
	int width = 30, fill;

	if (!cli->tty || total <= 0)
		return;
	fill = (int)((double)done / (double)total * width);
	fprintf(stderr, "\r%s  [", label);
	for (int i = 0; i < width; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%% (%ld/%ld)", (int)(100.0 * (double)done / (double)total), done,
		total);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

int lt_cli_open_db(lt_cli *cli, lt_db **db)
{
	int rc = lt_db_open(cli->db_url, db, &cli->err);

	if (!rc)
		rc = lt_store_migrate(*db, &cli->err);
	if (rc) {
		lt_db_close(*db);
		*db = NULL;
	}
	return rc;
}

int lt_cli_read_file(lt_cli *cli, const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*data = NULL;
	*len = 0;
	if (!f)
		return lt_error_set(&cli->err, LT_EIO, "file", "Không mở được tệp %s",
				    "Cannot open file %s", path);
	for (;;) {
		size_t k;
		if (n == cap) {
			char *p;
			cap = cap ? cap * 2 : 65536;
			p = realloc(buf, cap + 1);
			if (!p) {
				free(buf);
				if (f != stdin)
					fclose(f);
				return lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ",
						    "Out of memory");
			}
			buf = p;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
		if (n > max) {
			free(buf);
			if (f != stdin)
				fclose(f);
			return lt_error_set(&cli->err, LT_ETOOBIG, "file",
					    "Tệp %s lớn quá %zu byte", "File %s is larger than %zu bytes",
					    path, max);
		}
		if (k == 0)
			break;
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

static void print_error(const lt_cli *cli, int rc)
{
	const lt_error *e = &cli->err;
	const char *msg = lt_error_msg(e, cli->en);

	if (cli->json) {
		json_t *j = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", lt_err_name(rc),
				      "message", msg, "field", e->field);
		char *s = json_dumps(j, JSON_COMPACT);
		fprintf(stderr, "%s\n", s ? s : "");
		free(s);
		json_decref(j);
		return;
	}
	if (e->field[0])
		fprintf(stderr, "lantoa: %s: %s\n", e->field, msg[0] ? msg : lt_err_name(rc));
	else
		fprintf(stderr, "lantoa: %s\n", msg[0] ? msg : lt_err_name(rc));
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },     { "config", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },         { "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },         { "version", no_argument, NULL, 'V' },
		{ "as", required_argument, NULL, 'a' },     { "db-read", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	lt_cli cli;
	lt_config cfg;
	const char *db_flag = NULL, *db_read_flag = NULL, *lang = getenv("LANG");
	int c, rc;

	memset(&cli, 0, sizeof(cli));
	cli.en = lang && !strncmp(lang, "en", 2);
	cli.tty = isatty(2);
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_flag = optarg;
			break;
		case 'c':
			cli.config = optarg;
			break;
		case 'r':
			db_read_flag = optarg;
			break;
		case 'j':
			cli.json = true;
			break;
		case 'a':
			cli.as = optarg;
			break;
		case 'l':
			cli.en = !strcmp(optarg, "en");
			break;
		case 'h':
			usage(stdout, cli.en);
			return 0;
		case 'V':
			printf("lantoa 0.1.0\n");
			return 0;
		default:
			usage(stderr, cli.en);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr, cli.en);
		return 2;
	}
	rc = lt_config_load(&cfg, cli.config, &cli.err);
	if (rc) {
		print_error(&cli, rc);
		return lt_err_exit_code(rc);
	}
	cli.cfg = &cfg;
	cli.db_url = db_flag ? db_flag : getenv("LANTOA_DB") ? getenv("LANTOA_DB") : cfg.db_url;
	cli.db_read_url = db_read_flag		     ? db_read_flag
			  : getenv("LANTOA_DB_READ") ? getenv("LANTOA_DB_READ")
			  : cfg.db_read_url[0]	     ? cfg.db_read_url
						     : NULL;
	if (getenv("LANTOA_HASH_MEMORY") &&
	    (rc = lt_config_hash_memory(getenv("LANTOA_HASH_MEMORY"), &cfg.hash_memory,
					"LANTOA_HASH_MEMORY", &cli.err))) {
		print_error(&cli, rc);
		return lt_err_exit_code(rc);
	}
	if (lt_password_init(cfg.hash_concurrency, cfg.hash_memory)) {
		fprintf(stderr, "lantoa: libsodium failed to initialise\n");
		return 70;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const cmd *k = &commands[i];
		int sub = optind + 1;
		if (strcmp(argv[optind], k->name))
			continue;
		if (k->sub && (sub >= argc || strcmp(argv[sub], k->sub)))
			continue;
		/* The command sees argv[0] = its own (sub)command name. */
		if (k->sub)
			rc = k->fn(&cli, argc - sub, argv + sub);
		else
			rc = k->fn(&cli, argc - optind, argv + optind);
		if (rc)
			print_error(&cli, rc);
		return rc ? lt_err_exit_code(rc) : 0;
	}
	fprintf(stderr, cli.en ? "lantoa: unknown command: %s%s%s\n\n"
			       : "lantoa: không có lệnh: %s%s%s\n\n",
		argv[optind], optind + 1 < argc ? " " : "", optind + 1 < argc ? argv[optind + 1] : "");
	usage(stderr, cli.en);
	return 2;
}
