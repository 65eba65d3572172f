/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* ops.c — see ops.h. */
#include "app/ops.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One list entry "addr[/bits]" into a 16-byte address (IPv4 mapped) and prefix bits. */
static bool parse_entry(const char *s, size_t n, unsigned char out[16], int *bits)
{
	char buf[64], *slash;
	struct in_addr a4;
	long b;

	if (!n || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	memset(out, 0, 16);
	if (inet_pton(AF_INET, buf, &a4) == 1) {
		out[10] = out[11] = 0xff; /* ::ffff:a.b.c.d */
		memcpy(out + 12, &a4, 4);
		*bits = 128;
		if (slash) {
			char *end;
			b = strtol(slash + 1, &end, 10);
			if (*end || b < 0 || b > 32)
				return false;
			*bits = 96 + (int)b;
		}
		return true;
	}
	if (inet_pton(AF_INET6, buf, out) != 1)
		return false;
	*bits = 128;
	if (slash) {
		char *end;
		b = strtol(slash + 1, &end, 10);
		if (*end || b < 0 || b > 128)
			return false;
		*bits = (int)b;
	}
	return true;
}

static bool same_prefix(const unsigned char *a, const unsigned char *b, int bits)
{
	int full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)full))
		return false;
	return !rest || ((a[full] ^ b[full]) & (0xff << (8 - rest))) == 0;
}

/* Call fn on each entry of list; stop at the first that returns true. */
static bool each(const char *list, bool (*fn)(const char *, size_t, void *), void *ctx)
{
	const char *p = list;

	while (p && *p) {
		size_t n;
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, ", \t");
		if (n && fn(p, n, ctx))
			return true;
		p += n;
	}
	return false;
}

typedef struct match_ctx {
	unsigned char ip[16];
} match_ctx;

static bool matches(const char *s, size_t n, void *ctx)
{
	unsigned char net[16];
	int bits;

	return parse_entry(s, n, net, &bits) && same_prefix(((match_ctx *)ctx)->ip, net, bits);
}

bool lt_app_addr_in_list(const char *ip, const char *list)
{
	match_ctx m;
	int bits;

	if (!ip || !parse_entry(ip, strlen(ip), m.ip, &bits))
		return false;
	return each(list, matches, &m);
}

static bool bad_entry(const char *s, size_t n, void *ctx)
{
	unsigned char net[16];
	int bits;

	if (parse_entry(s, n, net, &bits))
		return false;
	snprintf(ctx, 64, "%.*s", (int)(n < 60 ? n : 60), s);
	return true;
}

int lt_app_addr_list_check(const char *list, const char *field, lt_error *e)
{
	char bad[64] = "";

	if (!each(list, bad_entry, bad))
		return 0;
	return lt_error_set(e, LT_EINVAL, field, "Địa chỉ không hợp lệ trong danh sách: %s",
			    "Not an address or a CIDR block: %s", bad);
}

int lt_app_ops_metrics_allowed(const lt_actor *who, const char *allow, lt_error *e)
{
	if (lt_app_addr_in_list(who->ip, allow))
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, NULL,
			    "Số liệu vận hành chỉ xem được từ các địa chỉ đã cấu hình",
			    "Metrics are only served to the configured addresses");
}

int lt_app_ops_health(lt_db *db, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT 1", &st, e);

	if (!rc)
		rc = lt_stmt_step(st, e);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}
