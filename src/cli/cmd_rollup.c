/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_rollup.c — `lantoa rollup verify [--directive ID] [--repair]`: an
 * adapter over app/rollup.h. Prints each difference between the kept
 * roll-up and a recomputation; exits non-zero when there is any (also
 * after --repair has rebuilt them, so that a script notices).
 */
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "app/rollup.h"
#include "cli/cmds.h"
#include "cli/opts.h"

#define JSON_DIFFS_MAX 500

typedef struct verify_opts {
	long directive;
	bool repair;
} verify_opts;

static const lt_opt verify_opts_table[] = {
	{ "directive", LT_OPT_INT, offsetof(verify_opts, directive), "ID",
	  "chỉ công văn này (mặc định: mọi công văn)", "only this directive (default: every one)" },
	{ "repair", LT_OPT_FLAG, offsetof(verify_opts, repair), NULL,
	  "tính lại và ghi đè các công văn có khác biệt", "rebuild the directives that differ" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec verify_spec = {
	"rollup verify", NULL, 0, 0, verify_opts_table,
	"Tính lại số liệu tổng hợp từ đầu và đối chiếu với bảng đang giữ.",
	"Recompute the roll-up from scratch and compare it with the kept tables.",
};

typedef struct sink {
	lt_cli *cli;
	json_t *list; /* --json: the first JSON_DIFFS_MAX differences */
} sink;

static json_t *num(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static void one(const lt_rollup_diff *d, void *ctx)
{
	sink *s = ctx;
	const char *basis = d->basis < 0 ? "completeness" : d->basis ? "accepted_submitted" : "accepted";

	if (s->list) {
		if (json_array_size(s->list) < JSON_DIFFS_MAX)
			json_array_append_new(s->list,
					      json_pack("{s:I,s:I,s:s,s:s,s:o,s:o,s:I,s:I,s:b}",
							"directive", (json_int_t)d->directive, "unit",
							(json_int_t)d->unit, "basis", basis, "code",
							d->code, "kept", num(d->kept), "recomputed",
							num(d->fresh), "kept_units", (json_int_t)d->kept_units,
							"recomputed_units", (json_int_t)d->fresh_units,
							"never_built", d->stale));
		return;
	}
	if (d->stale) {
		printf(s->cli->en ? "directive %" PRId64 ": never built\n"
				  : "công văn %" PRId64 ": chưa từng được tính\n",
		       d->directive);
		return;
	}
	printf(s->cli->en ? "directive %" PRId64 " unit %" PRId64 " %s %s: kept %.17g (%" PRId64
			    " units), recomputed %.17g (%" PRId64 " units)\n"
			  : "công văn %" PRId64 " đơn vị %" PRId64 " %s %s: đang giữ %.17g (%" PRId64
			    " đơn vị), tính lại %.17g (%" PRId64 " đơn vị)\n",
	       d->directive, d->unit, basis, d->code, d->kept, d->kept_units, d->fresh,
	       d->fresh_units);
}

int lt_cmd_rollup_verify(lt_cli *cli, int argc, char **argv)
{
	verify_opts o = { 0, false };
	lt_cli_session s = { 0 };
	lt_app_rollup_check c;
	sink k = { cli, NULL };
	int rc = lt_cli_parse(cli, &verify_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (o.directive < 0)
		return lt_error_set(&cli->err, LT_EINVAL, "--directive",
				    "Mã công văn phải là số nguyên dương",
				    "The directive id must be a positive integer");
	rc = lt_cli_start(cli, &s);
	if (!rc && cli->json)
		k.list = json_array();
	if (!rc)
		rc = lt_app_rollup_verify(s.db, &s.who, o.directive, o.repair, one, &k, &c, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(json_pack("{s:I,s:I,s:O,s:b}", "directives", (json_int_t)c.directives,
					    "count", (json_int_t)c.differences, "differences", k.list,
					    "repaired", c.repaired),
				  0);
	else if (!rc)
		fprintf(stderr,
			cli->en ? "%zu directive(s) checked, %zu difference(s)%s.\n"
				: "Đã đối chiếu %zu công văn, %zu khác biệt%s.\n",
			c.directives, c.differences,
			c.repaired ? (cli->en ? ", rebuilt" : ", đã tính lại") : "");
	if (!rc && c.differences)
		rc = lt_error_set(&cli->err, LT_ECONFLICT, "rollup",
				  "Số liệu tổng hợp đang giữ khác với tính lại (%zu khác biệt)",
				  "The kept roll-up differs from a recomputation (%zu differences)",
				  c.differences);
	json_decref(k.list);
	lt_cli_stop(&s);
	return rc;
}
