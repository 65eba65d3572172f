/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* tree.c — see tree.h. */
#include "core/tree.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

int lt_tree_path_child(const char *parent_path, int64_t id, char out[LT_PATH_MAX])
{
	int n = snprintf(out, LT_PATH_MAX, "%s%" PRId64 "/", parent_path ? parent_path : "/", id);

	return n < 0 || n >= LT_PATH_MAX ? LT_ETOOBIG : 0;
}

bool lt_tree_path_under(const char *path, const char *root_path)
{
	size_t n = strlen(root_path);

	return n > 0 && !strncmp(path, root_path, n);
}

void lt_tree_path_end(const char *root_path, char out[LT_PATH_MAX])
{
	size_t n = strlen(root_path);

	if (n >= LT_PATH_MAX)
		n = LT_PATH_MAX - 1;
	memcpy(out, root_path, n);
	out[n] = '\0';
	/* '/' + 1 == '0': every descendant path sorts below this bound. */
	if (n > 0 && out[n - 1] == '/')
		out[n - 1] = '0';
}

int lt_tree_path_depth(const char *path)
{
	int d = -1;

	for (; *path; path++)
		if (*path == '/')
			d++;
	return d < 0 ? 0 : d;
}

size_t lt_tree_path_ids(const char *path, int64_t *ids, size_t max)
{
	size_t n = 0;
	const char *p = path;

	while (*p == '/' && n < max) {
		char *end;
		long long v = strtoll(p + 1, &end, 10);
		if (end == p + 1 || *end != '/')
			break;
		ids[n++] = v;
		p = end;
	}
	return n;
}

int lt_tree_check_move(const char *unit_path, const char *new_parent_path)
{
	return lt_tree_path_under(new_parent_path, unit_path) ? LT_EINVAL : 0;
}
