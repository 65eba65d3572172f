// SPDX-License-Identifier: AGPL-3.0-or-later
/* page.c — see page.h. */
#include "core/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int lt_page_parse(const char *limit, const char *cursor, lt_arena *a, lt_page *out, lt_error *e)
{
	out->limit = LT_PAGE_DEFAULT;
	out->after = NULL;
	if (limit) {
		char *end;
		long v = strtol(limit, &end, 10);
		if (!*limit || *end || v < 1 || v > LT_PAGE_MAX)
			return lt_error_set(e, LT_EINVAL, "limit",
					    "limit phải là số nguyên từ 1 đến %d",
					    "limit must be a whole number from 1 to %d", LT_PAGE_MAX);
		out->limit = (int)v;
	}
	if (cursor && *cursor) {
		size_t n = strlen(cursor);
		char *key;
		if (n % 2 || n / 2 > LT_PAGE_KEY_MAX)
			goto bad;
		key = lt_arena_alloc(a, n / 2 + 1);
		if (!key)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		for (size_t i = 0; i < n / 2; i++) {
			int hi = hexval(cursor[2 * i]), lo = hexval(cursor[2 * i + 1]);
			if (hi < 0 || lo < 0)
				goto bad;
			key[i] = (char)(hi << 4 | lo);
			/* Keys are printable text. */
			if ((unsigned char)key[i] < 0x20 || key[i] == 0x7f)
				goto bad;
		}
		key[n / 2] = '\0';
		out->after = key;
	}
	return 0;
bad:
	return lt_page_bad_cursor(e);
}

int lt_page_bad_cursor(lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, "cursor",
			    "cursor không hợp lệ: hãy dùng đúng next_cursor của trang trước",
			    "cursor is not valid: pass back the previous page's next_cursor");
}

int lt_page_key_id(const char *key, lt_arena *a, const char **head, int64_t *id, lt_error *e)
{
	const char *bar = strrchr(key, '|');
	const char *num = bar ? bar + 1 : key;
	char *end = NULL;
	long long v;

	if ((head != NULL) != (bar != NULL) || !*num)
		return lt_page_bad_cursor(e);
	v = strtoll(num, &end, 10);
	if (*end || v <= 0)
		return lt_page_bad_cursor(e);
	if (head) {
		*head = lt_arena_strndup(a, key, (size_t)(bar - key));
		if (!*head)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	*id = v;
	return 0;
}

int lt_page_next(const lt_page *pg, size_t n, const char *key, lt_arena *a, const char **next,
		 lt_error *e)
{
	*next = NULL;
	if (n <= (size_t)pg->limit)
		return 0;
	*next = key ? lt_page_cursor(a, key) : NULL;
	return *next ? 0 : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

char *lt_page_cursor(lt_arena *a, const char *key)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(key);
	char *c = lt_arena_alloc(a, n * 2 + 1);

	if (!c)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		c[2 * i] = hex[(unsigned char)key[i] >> 4];
		c[2 * i + 1] = hex[(unsigned char)key[i] & 15];
	}
	c[n * 2] = '\0';
	return c;
}

int lt_page_cursor_id(const lt_page *pg, int64_t *id, int *max, lt_error *e)
{
	*id = 0;
	*max = pg ? pg->limit + 1 : 0;
	return pg && pg->after ? lt_page_key_id(pg->after, NULL, NULL, id, e) : 0;
}

int lt_page_next_id(const lt_page *pg, size_t *n, int64_t last_id, lt_arena *a, const char **next,
		    lt_error *e)
{
	char key[24];

	*next = NULL;
	if (!pg || *n <= (size_t)pg->limit)
		return 0;
	*n = (size_t)pg->limit;
	snprintf(key, sizeof(key), "%lld", (long long)last_id);
	return lt_page_next(pg, (size_t)pg->limit + 1, key, a, next, e);
}
