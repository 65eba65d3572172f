/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dvhcvn.c — see dvhcvn.h. */
#include "text/dvhcvn.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "text/fold.h"

typedef struct out_list {
	lt_arena *a;
	lt_dvhcvn_unit *items;
	size_t n, cap;
} out_list;

static int push(out_list *o, const char *code, const char *name, const char *level,
		const char *parent)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		lt_dvhcvn_unit *p = lt_arena_alloc(o->a, cap * sizeof(*p));
		if (!p)
			return LT_ENOMEM;
		if (o->n)
			memcpy(p, o->items, o->n * sizeof(*p));
		o->items = p;
		o->cap = cap;
	}
	o->items[o->n].code = code;
	o->items[o->n].name = name;
	o->items[o->n].level = level;
	o->items[o->n].parent_code = parent;
	o->n++;
	return 0;
}

/* "Huyện Gia Lâm" → PREFIX + " huyện Gia Lâm": the type word(s) lower-cased. */
static char *union_name(lt_arena *a, const char *prefix, const char *name, const char *type)
{
	size_t tl = type ? strlen(type) : 0;
	char *lower;

	if (tl && !strncmp(name, type, tl) && name[tl] == ' ') {
		/* Lower-case the type word(s). Every type ("Huyện", "Thị trấn", "Xã",
		 * "Phường", "Quận", "Thành phố", "Tỉnh") starts each word with an ASCII
		 * capital, so an ASCII fold of those letters is enough. */
		char *t = lt_arena_strdup(a, type);
		for (char *q = t; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		lower = lt_arena_printf(a, "%s %s%s", prefix, t, name + tl);
		return lower;
	}
	return lt_arena_printf(a, "%s %s", prefix, name);
}

static const char *str_at(json_t *o, const char *key, const char *path, lt_error *e)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || !json_string_length(v)) {
		lt_error_set(e, LT_EINVAL, path, "Thiếu chuỗi \"%s\" trong danh mục hành chính",
			     "Missing string \"%s\" in the administrative catalogue", key);
		return NULL;
	}
	return json_string_value(v);
}

int lt_dvhcvn_parse(const char *json, size_t len, const char *province, const char *district,
		    lt_arena *a, lt_dvhcvn_unit **units, size_t *n, lt_error *e)
{
	json_error_t jerr;
	json_t *root = NULL, *data, *p;
	out_list o = { a, NULL, 0, 0 };
	char path[LT_ERR_FIELD_MAX];
	const char *top = NULL;
	bool found_p = false, found_d = false;
	size_t i, j, k;
	int rc = 0;

	*units = NULL;
	*n = 0;
	if (!lt_utf8_valid(json, len))
		return lt_error_set(e, LT_EINVAL, "file", "Tệp không phải UTF-8 hợp lệ",
				    "The file is not valid UTF-8");
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return lt_error_set(e, LT_EINVAL, "file", "JSON lỗi ở dòng %d, cột %d: %s",
				    "Invalid JSON at line %d, column %d: %s", jerr.line,
				    jerr.column, jerr.text);
	data = json_object_get(root, "data");
	if (!json_is_array(data)) {
		rc = lt_error_set(e, LT_EINVAL, "data", "Thiếu mảng \"data\"",
				  "Missing the \"data\" array");
		goto out;
	}
	if (!province) {
		top = "VN";
		rc = push(&o, top, "Tổng Liên đoàn Lao động Việt Nam", "national", NULL);
		if (rc)
			goto out;
	}
	json_array_foreach(data, i, p) {
		json_t *l2, *d;
		const char *pid, *pname, *ptype, *pcode;
		snprintf(path, sizeof(path), "data[%zu].level1_id", i);
		pid = str_at(p, "level1_id", path, e);
		snprintf(path, sizeof(path), "data[%zu].name", i);
		pname = pid ? str_at(p, "name", path, e) : NULL;
		if (!pname) {
			rc = LT_EINVAL;
			goto out;
		}
		if (province && strcmp(pid, province))
			continue;
		found_p = true;
		ptype = json_string_value(json_object_get(p, "type"));
		/* "Thành phố Trung ương" is a status, not the name's leading word. */
		pcode = lt_arena_strdup(a, pid);
		rc = push(&o, pcode,
			  union_name(a, "LĐLĐ", pname,
				     ptype && !strncmp(pname, "Thành phố", 10) ? "Thành phố"
				     : ptype && !strncmp(pname, "Tỉnh", 6)      ? "Tỉnh"
										: NULL),
			  "province", top);
		if (rc)
			goto out;
		l2 = json_object_get(p, "level2s");
		json_array_foreach(l2, j, d) {
			json_t *l3, *c;
			const char *did, *dname, *dcode;
			snprintf(path, sizeof(path), "data[%zu].level2s[%zu].level2_id", i, j);
			did = str_at(d, "level2_id", path, e);
			snprintf(path, sizeof(path), "data[%zu].level2s[%zu].name", i, j);
			dname = did ? str_at(d, "name", path, e) : NULL;
			if (!dname) {
				rc = LT_EINVAL;
				goto out;
			}
			if (district && strcmp(did, district))
				continue;
			found_d = true;
			dcode = lt_arena_printf(a, "%s.%s", pid, did);
			rc = push(&o, dcode,
				  union_name(a, "LĐLĐ", dname,
					     json_string_value(json_object_get(d, "type"))),
				  "district", pcode);
			if (rc)
				goto out;
			l3 = json_object_get(d, "level3s");
			json_array_foreach(l3, k, c) {
				const char *cid, *cname;
				snprintf(path, sizeof(path),
					 "data[%zu].level2s[%zu].level3s[%zu].level3_id", i, j, k);
				cid = str_at(c, "level3_id", path, e);
				snprintf(path, sizeof(path), "data[%zu].level2s[%zu].level3s[%zu].name",
					 i, j, k);
				cname = cid ? str_at(c, "name", path, e) : NULL;
				if (!cname) {
					rc = LT_EINVAL;
					goto out;
				}
				rc = push(&o, lt_arena_printf(a, "%s.%s", dcode, cid),
					  union_name(a, "Công đoàn", cname,
						     json_string_value(json_object_get(c, "type"))),
					  "commune", dcode);
				if (rc)
					goto out;
			}
		}
	}
	if (province && !found_p) {
		rc = lt_error_set(e, LT_ENOTFOUND, "--province", "Không có tỉnh/thành mã %s",
				  "No province with code %s", province);
		goto out;
	}
	if (district && !found_d) {
		rc = lt_error_set(e, LT_ENOTFOUND, "--district", "Không có quận/huyện mã %s",
				  "No district with code %s", district);
		goto out;
	}
	/* Every string was built in the arena, so nothing points into root. */
	*units = o.items;
	*n = o.n;
out:
	json_decref(root);
	return rc;
}
