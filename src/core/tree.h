/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tree.h — rules of the union tree, pure (no I/O).
 *
 * A unit's materialised path lists its ancestors' ids and its own, each
 * followed by '/': "/1/5/23/". Subtree membership is a prefix test, and a
 * subtree is the half-open string range [path, lt_tree_path_end(path)),
 * which any B-tree index answers in one range scan.
 */
#ifndef LT_TREE_H
#define LT_TREE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LT_PATH_MAX 512

/* Write parent_path + id + "/" (or "/id/" when parent_path is NULL) to out. 0 or LT_ETOOBIG. */
LT_MUST_CHECK int lt_tree_path_child(const char *parent_path, int64_t id, char out[LT_PATH_MAX]);
/* True when path lies in the subtree rooted at root_path (itself included). */
bool lt_tree_path_under(const char *path, const char *root_path);
/* Exclusive upper bound of the subtree range: root_path with its final '/' replaced by '0'. */
void lt_tree_path_end(const char *root_path, char out[LT_PATH_MAX]);
/* Depth: number of ids in path ("/1/5/" → 2). */
int lt_tree_path_depth(const char *path);
/* Parse the ids of path into ids[max]; returns how many (root first). */
size_t lt_tree_path_ids(const char *path, int64_t *ids, size_t max);
/*
 * May the subtree at unit_path move under new_parent_path? Not under itself
 * or one of its own descendants. Returns 0 or LT_EINVAL.
 */
LT_MUST_CHECK int lt_tree_check_move(const char *unit_path, const char *new_parent_path);

#endif
