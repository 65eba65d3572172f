/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_user.c — `lantoa user add|passwd|list`. */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "core/password.h"
#include "store/unit.h"
#include "store/user.h"

/* One line from stdin (no echo when it is a terminal), without the newline. */
static int read_password(lt_cli *cli, char *buf, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(0);
	size_t len;

	if (tty) {
		fprintf(stderr, cli->en ? "Password: " : "Mật khẩu: ");
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	if (!fgets(buf, (int)n, stdin))
		buf[0] = '\0';
	if (tty) {
		tcsetattr(0, TCSANOW, &old);
		fputc('\n', stderr);
	}
	len = strcspn(buf, "\r\n");
	buf[len] = '\0';
	if (!len)
		return lt_error_set(&cli->err, LT_EINVAL, "password", "Chưa nhập mật khẩu",
				    "No password given");
	return 0;
}

int lt_cmd_user_add(lt_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },  { "unit", required_argument, NULL, 'u' },
		{ "role", required_argument, NULL, 'r' },  { "email", required_argument, NULL, 'e' },
		{ "password-stdin", no_argument, NULL, 'p' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	lt_user_input in = { 0 };
	const char *unit = NULL;
	char pw[300], hash[LT_PWHASH_MAX];
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	int64_t id = 0;
	int c, rc;

	in.role = "cadre";
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': in.name = optarg; break;
		case 'u': unit = optarg; break;
		case 'r': in.role = optarg; break;
		case 'e': in.email = optarg; break;
		case 'p': break; /* the password is always read from stdin */
		case 'h':
			printf("lantoa user add LOGIN --name TÊN --unit MÃ_ĐƠN_VỊ [--role admin|officer|cadre]"
			       " [--email E] [--password-stdin]\n  %s\n",
			       cli->en ? "Add a user; the password is read from standard input."
				       : "Thêm người dùng; mật khẩu đọc từ đầu vào chuẩn.");
			return 0;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	if (argc - optind != 1 || !unit || !in.name)
		return lt_error_set(&cli->err, LT_EINVAL, "LOGIN", "Cần LOGIN, --name và --unit",
				    "LOGIN, --name and --unit are required");
	in.login = argv[optind];
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc) {
		rc = lt_cli_unit(cli, db, &a, unit, "--unit", &u);
	}
	if (!rc)
		rc = read_password(cli, pw, sizeof(pw));
	if (!rc)
		rc = lt_password_hash(pw, hash, &cli->err);
	if (!rc) {
		in.unit_id = u.id;
		in.pw_hash = hash;
		rc = lt_user_create(db, &in, 0, &id, &cli->err);
	}
	if (!rc)
		printf(cli->json ? "{\"id\":%" PRId64 "}\n" : "%" PRId64 "\n", id);
	explicit_bzero(pw, sizeof(pw));
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_user_passwd(lt_cli *cli, int argc, char **argv)
{
	char pw[300], hash[LT_PWHASH_MAX];
	lt_db *db = NULL;
	const char *login = NULL;
	int rc;

	if (lt_cli_wants_help(argc, argv)) {
		printf("lantoa user passwd LOGIN [--password-stdin]\n  %s\n",
		       cli->en ? "Set a password (read from standard input) and end the user's sessions."
			       : "Đặt mật khẩu (đọc từ đầu vào chuẩn) và kết thúc các phiên đăng nhập.");
		return 0;
	}
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--password-stdin"))
			login = login ? NULL : argv[i];
	if (!login)
		return lt_error_set(&cli->err, LT_EINVAL, "LOGIN", "Cần đúng một LOGIN",
				    "Exactly one LOGIN is needed");
	rc = read_password(cli, pw, sizeof(pw));
	if (!rc)
		rc = lt_password_hash(pw, hash, &cli->err);
	explicit_bzero(pw, sizeof(pw));
	if (!rc)
		rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_user_set_password(db, login, hash, 0, &cli->err);
	lt_db_close(db);
	return rc;
}

int lt_cmd_user_list(lt_cli *cli, int argc, char **argv)
{
	const char *unit = NULL, *q = NULL;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	lt_user *items;
	size_t n;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			cli->json = true;
		else if (!strcmp(argv[i], "--unit") && i + 1 < argc)
			unit = argv[++i];
		else if (!strcmp(argv[i], "--q") && i + 1 < argc)
			q = argv[++i];
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("lantoa user list [--unit MÃ] [--q TEXT] [--json]\n");
			return 0;
		} else
			return lt_error_set(&cli->err, LT_EINVAL, argv[i], "Tham số không hợp lệ",
					    "Invalid argument");
	}
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc && unit) {
		rc = lt_cli_unit(cli, db, &a, unit, "--unit", &u);
	}
	if (!rc)
		rc = lt_user_list(db, unit ? u.path : NULL, q, &a, &items, &n, &cli->err);
	if (!rc && cli->json) {
		json_t *arr = json_array();
		char *s;
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "id",
							     (json_int_t)items[i].id, "login",
							     items[i].login, "name", items[i].name,
							     "role", items[i].role, "unit",
							     items[i].unit_code, "disabled",
							     items[i].disabled));
		json_t *out = json_pack("{s:o}", "items", arr);
		s = json_dumps(out, JSON_INDENT(2));
		printf("%s\n", s);
		free(s);
		json_decref(out);
	} else if (!rc) {
		for (size_t i = 0; i < n; i++)
			printf("%-20s %-8s %-22s %s\n", items[i].login, items[i].role,
			       items[i].unit_code, items[i].name);
	}
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
