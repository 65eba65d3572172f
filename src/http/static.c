/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* static.c — see static.h. */
#include "http/static.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http/encode.h"

#define STATIC_MAX_FILE (16u << 20)
#define STATIC_MAX_ENTRIES 512

typedef struct entry {
	char *path; /* root + rel */
	lt_static_file f;
} entry;

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static entry entries[STATIC_MAX_ENTRIES];
static size_t nentries;

static const char *mime_of(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* "app.0123456789ab.js": a name that changes with the content, safe to keep forever. */
static bool hashed_name(const char *rel)
{
	const char *dot = strrchr(rel, '.'), *p;
	int n = 0;

	if (!dot)
		return false;
	for (p = dot - 1; p > rel && *p != '.' && *p != '/'; p--)
		n = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ? n + 1 : -100;
	return *p == '.' && n == 12;
}

/* Read a whole file of at most STATIC_MAX_FILE bytes; NULL when absent. */
static char *slurp(const char *path, size_t *n, int *rc)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	char *p = NULL;

	*rc = LT_ENOTFOUND;
	if (!f)
		return NULL;
	if (fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode))
		goto out;
	*rc = LT_ETOOBIG;
	if ((size_t)sb.st_size > STATIC_MAX_FILE)
		goto out;
	*rc = LT_ENOMEM;
	p = malloc((size_t)sb.st_size + 1);
	if (!p)
		goto out;
	if (fread(p, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		free(p);
		p = NULL;
		*rc = LT_ENOTFOUND;
		goto out;
	}
	*n = (size_t)sb.st_size;
	*rc = 0;
out:
	fclose(f);
	return p;
}

static const lt_static_file *find(const char *path, const struct stat *sb)
{
	for (size_t i = nentries; i-- > 0;)
		if (!strcmp(entries[i].path, path) && entries[i].f.mtime == sb->st_mtime &&
		    entries[i].f.size == sb->st_size)
			return &entries[i].f;
	return NULL;
}

/* Read rel and its .gz/.br siblings into a new entry (under the write lock). */
static int load(const char *path, const char *rel, const struct stat *sb,
		const lt_static_file **out)
{
	static const char *const ext[LT_CODING_COUNT] = { "", ".gz", ".br" };
	entry *en;
	char sib[4096];
	int rc;

	if (nentries == STATIC_MAX_ENTRIES)
		return LT_ENOMEM;
	en = &entries[nentries];
	memset(en, 0, sizeof(*en));
	en->path = strdup(path);
	if (!en->path)
		return LT_ENOMEM;
	for (int k = 0; k < LT_CODING_COUNT; k++) {
		snprintf(sib, sizeof(sib), "%s%s", path, ext[k]);
		en->f.body[k] = slurp(sib, &en->f.len[k], &rc);
		if (k == LT_CODING_IDENTITY && rc) {
			free(en->path);
			return rc;
		}
	}
	en->f.type = mime_of(rel);
	/* Hashed names never change; other pages and scripts revalidate (a cheap 304). */
	en->f.cache_control = hashed_name(rel) ? "public, max-age=31536000, immutable"
			      : !strncmp(en->f.type, "image/", 6) ? "public, max-age=86400"
								  : "no-cache";
	lt_etag_of(en->f.body[0], en->f.len[0], en->f.etag);
	en->f.mtime = sb->st_mtime;
	en->f.size = sb->st_size;
	nentries++;
	*out = &en->f;
	return 0;
}

int lt_static_get(const char *root, const char *rel, const lt_static_file **out)
{
	char path[4096];
	struct stat sb;
	int rc = 0;

	if ((size_t)snprintf(path, sizeof(path), "%s%s", root, rel) >= sizeof(path))
		return LT_ENOTFOUND;
	if (stat(path, &sb) || !S_ISREG(sb.st_mode))
		return LT_ENOTFOUND;
	if ((size_t)sb.st_size > STATIC_MAX_FILE)
		return LT_ETOOBIG;
	pthread_rwlock_rdlock(&lock);
	*out = find(path, &sb);
	pthread_rwlock_unlock(&lock);
	if (*out)
		return 0;
	pthread_rwlock_wrlock(&lock);
	*out = find(path, &sb); /* another thread may have loaded it meanwhile */
	if (!*out)
		rc = load(path, rel, &sb, out);
	pthread_rwlock_unlock(&lock);
	return rc;
}
