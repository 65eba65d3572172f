/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* error.c — see error.h. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lt_error_clear(lt_error *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
}

int lt_error_set(lt_error *e, int code, const char *field, const char *vi_fmt,
		 const char *en_fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_start(ap, en_fmt);
	vsnprintf(e->vi, sizeof(e->vi), vi_fmt, ap);
	va_end(ap);
	va_start(ap, en_fmt);
	vsnprintf(e->en, sizeof(e->en), en_fmt, ap);
	va_end(ap);
	return code;
}

static const struct {
	int code;
	const char *name;
	int http;
	int exit;
} err_table[] = {
	{ LT_OK, "ok", 200, 0 },
	{ LT_EINVAL, "invalid", 400, 2 },
	{ LT_ENOTFOUND, "not_found", 404, 3 },
	{ LT_EEXIST, "exists", 409, 4 },
	{ LT_EFORBIDDEN, "forbidden", 403, 5 },
	{ LT_EAUTH, "unauthorized", 401, 5 },
	{ LT_ECONFLICT, "conflict", 409, 4 },
	{ LT_ETOOBIG, "too_large", 413, 2 },
	{ LT_ETHROTTLE, "too_many_requests", 429, 6 },
	{ LT_ENOMEM, "out_of_memory", 503, 70 },
	{ LT_EIO, "io", 502, 74 },
	{ LT_EDB, "database", 500, 75 },
	{ LT_EINTERNAL, "internal", 500, 70 },
	{ LT_ECSRF, "csrf", 403, 5 },
	{ LT_EMETHOD, "method_not_allowed", 405, 2 },
	{ LT_EUNSUPPORTED, "unsupported_media_type", 415, 2 },
	{ LT_EBUSY, "busy", 503, 75 },
	{ LT_EFULL, "storage_full", 507, 74 }, /* 507 Insufficient Storage; EX_IOERR */
};

static int find(int code)
{
	for (size_t i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
		if (err_table[i].code == code)
			return (int)i;
	return -1;
}

const char *lt_err_name(int code)
{
	int i = find(code);
	return i < 0 ? "internal" : err_table[i].name;
}

int lt_err_http_status(int code)
{
	int i = find(code);
	return i < 0 ? 500 : err_table[i].http;
}

int lt_err_exit_code(int code)
{
	int i = find(code);
	return i < 0 ? 70 : err_table[i].exit;
}

const char *lt_error_msg(const lt_error *e, int en)
{
	const char *m = en ? e->en : e->vi;
	if (!m[0])
		m = en ? e->vi : e->en;
	return m;
}
