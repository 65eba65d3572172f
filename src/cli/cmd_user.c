/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_user.c — `lantoa user add|passwd|list`: adapters over app/user.h. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/user.h"
#include "cli/cmds.h"
#include "cli/opts.h"

typedef struct user_opts {
	const char *name, *unit, *role, *email, *q;
	bool password_stdin; /* accepted for scripts: the password is always read from stdin */
} user_opts;

#define O(f) offsetof(user_opts, f)
#define PASSWORD_STDIN_OPT                                                                    \
	{ "password-stdin", LT_OPT_FLAG, O(password_stdin), NULL,                              \
	  "đọc mật khẩu từ đầu vào chuẩn (luôn như vậy)", "read the password from standard input (always so)" }

static const lt_opt add_opts[] = {
	{ "name", LT_OPT_STR, O(name), "NAME", "họ tên (bắt buộc)", "full name (required)" },
	{ "unit", LT_OPT_STR, O(unit), "CODE", "đơn vị (bắt buộc)", "the user's unit (required)" },
	{ "role", LT_OPT_STR, O(role), "admin|officer|cadre", "vai trò (mặc định cadre)",
	  "role (default cadre)" },
	{ "email", LT_OPT_STR, O(email), "E", "địa chỉ e-mail", "e-mail address" },
	PASSWORD_STDIN_OPT,
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt passwd_opts[] = {
	PASSWORD_STDIN_OPT,
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt list_opts[] = {
	{ "unit", LT_OPT_STR, O(unit), "CODE", "chỉ người dùng của đơn vị này và cấp dưới",
	  "only the users of this unit's subtree" },
	{ "q", LT_OPT_STR, O(q), "TEXT", "tìm theo tên hoặc tên đăng nhập", "search names and logins" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec add_spec = { "user add", "LOGIN", 1, 1, add_opts,
	"Thêm người dùng; mật khẩu đọc từ đầu vào chuẩn.",
	"Add a user; the password is read from standard input." };
static const lt_cmd_spec passwd_spec = { "user passwd", "LOGIN", 1, 1, passwd_opts,
	"Đặt mật khẩu (đọc từ đầu vào chuẩn) và kết thúc các phiên đăng nhập.",
	"Set a password (read from standard input) and end the user's sessions." };
static const lt_cmd_spec list_spec = { "user list", NULL, 0, 0, list_opts,
	"Liệt kê người dùng.", "List users." };

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
	user_opts o = { .role = "cadre" };
	lt_cli_session s = { 0 };
	lt_user_new in = { 0 };
	lt_user made;
	lt_unit u;
	char *login = NULL, pw[300] = "";
	int rc = lt_cli_parse(cli, &add_spec, argc, argv, &o, &login, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (!o.name || !o.unit)
		return lt_error_set(&cli->err, LT_EINVAL, o.name ? "--unit" : "--name",
				    "Cần LOGIN, --name và --unit", "LOGIN, --name and --unit are required");
	rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_cli_unit(cli, s.db, &s.a, o.unit, "--unit", &u);
	if (!rc)
		rc = read_password(cli, pw, sizeof(pw));
	in.login = login;
	in.name = o.name;
	in.role = o.role;
	in.email = o.email;
	in.password = pw;
	in.unit_id = rc ? 0 : u.id;
	if (!rc)
		rc = lt_app_user_create(s.db, &s.who, &in, &s.a, &made, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_user_doc_json(&made), JSON_INDENT(2));
	else if (!rc)
		printf("%" PRId64 "\n", made.id);
	explicit_bzero(pw, sizeof(pw));
	lt_cli_stop(&s);
	return rc;
}

int lt_cmd_user_passwd(lt_cli *cli, int argc, char **argv)
{
	user_opts o = { 0 };
	lt_cli_session s = { 0 };
	char *login = NULL, pw[300] = "";
	int rc = lt_cli_parse(cli, &passwd_spec, argc, argv, &o, &login, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = read_password(cli, pw, sizeof(pw));
	if (!rc)
		rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_app_user_set_password(s.db, &s.who, login, pw, &cli->err);
	explicit_bzero(pw, sizeof(pw));
	lt_cli_stop(&s);
	return rc;
}

int lt_cmd_user_list(lt_cli *cli, int argc, char **argv)
{
	user_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit u;
	lt_user *items;
	size_t n;
	int rc = lt_cli_parse(cli, &list_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = lt_cli_start(cli, &s);
	if (!rc && o.unit)
		rc = lt_cli_unit(cli, s.db, &s.a, o.unit, "--unit", &u);
	if (!rc)
		rc = lt_app_user_list(s.db, &s.who, o.unit ? u.id : 0, o.q, NULL, &s.a, &items, &n,
				      &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_users_json(items, n), JSON_INDENT(2));
	for (size_t i = 0; !rc && !cli->json && i < n; i++)
		printf("%-20s %-8s %-22s %s\n", items[i].login, items[i].role, items[i].unit_code,
		       items[i].name);
	lt_cli_stop(&s);
	return rc;
}
