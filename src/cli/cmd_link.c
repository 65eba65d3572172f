/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_link.c — `lantoa link canonical`: see cmd_link.h. */
#include "cli/cmds.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity.h"
#include "cli/opts.h"

static const lt_cmd_spec canonical_spec = {
	"link canonical", "[URL…]", 0, -1, NULL,
	"In mỗi liên kết ở dạng chuẩn và kênh của nó, cách nhau bằng TAB"
	" (https://facebook.com/story.php?id=1&story_fbid=2<TAB>facebook). Không có URL thì đọc"
	" mỗi dòng một liên kết từ đầu vào chuẩn. Liên kết bị từ chối được báo trên stderr;"
	" khi đó mã thoát là 2.",
	"Prints each link in canonical form and its channel, separated by a TAB"
	" (https://facebook.com/story.php?id=1&story_fbid=2<TAB>facebook). With no URL, reads one"
	" link per line from standard input. A refused link is reported on stderr; the exit"
	" status is then 2.",
};

/* The input as it may be shown in a message: at most 120 bytes, no control characters. */
static void print_input(FILE *f, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i < 120; i++)
		fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i], f);
	if (s[i])
		fputs("…", f);
}

/* Canonicalise one link and print the result. Returns 0, or the error code when refused. */
static int one(const lt_cli *cli, const char *in)
{
	const char *out = NULL, *ch = NULL;
	lt_error e = { 0 };
	lt_arena a;
	int rc;

	lt_arena_init(&a);
	rc = lt_app_link(in, NULL, &a, &out, &ch, &e);

	if (cli->json) {
		/* A non-UTF-8 input cannot go into JSON as such: it is left out. */
		json_t *jin = json_string(in);

		if (rc == 0)
			lt_cli_print_json(json_pack("{s:o?,s:s,s:s}", "input", jin, "url", out, "channel",
					     ch), JSON_COMPACT);
		else
			lt_cli_print_json(json_pack("{s:o?,s:{s:s,s:s,s:s}}", "input", jin, "error", "code",
					     lt_err_name(rc), "field", e.field, "message",
					     lt_error_msg(&e, cli->en)), JSON_COMPACT);
	} else if (rc == 0) {
		printf("%s\t%s\n", out, ch);
	} else {
		fprintf(stderr, "lantoa: %s: %s: ", e.field, lt_error_msg(&e, cli->en));
		print_input(stderr, in);
		fputc('\n', stderr);
	}
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_link_canonical(lt_cli *cli, int argc, char **argv)
{
	char *line = NULL, **urls = calloc((size_t)argc + 1, sizeof(*urls));
	size_t cap = 0;
	ssize_t n;
	int nurls = 0, bad = 0, rc;

	if (!urls)
		return lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = lt_cli_parse(cli, &canonical_spec, argc, argv, NULL, urls, &nurls);
	if (rc) {
		free(urls);
		return rc > 0 ? 0 : rc;
	}
	if (nurls) {
		for (int i = 0; i < nurls; i++)
			bad += one(cli, urls[i]) != 0;
	} else {
		while ((n = getline(&line, &cap, stdin)) >= 0) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			if (strspn(line, " \t") == (size_t)n)
				continue; /* blank */
			bad += one(cli, line) != 0;
		}
	}
	fflush(stdout);
	if (bad)
		rc = lt_error_set(&cli->err, LT_EINVAL, "url", "%d liên kết không hợp lệ",
				  "%d link(s) refused", bad);
	free(line);
	free(urls);
	return rc;
}
