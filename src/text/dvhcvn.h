/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * dvhcvn.h — Vietnam's administrative-units catalogue (GSO codes, the
 * dvhcvn JSON format: data[] of provinces with level2s[] districts with
 * level3s[] communes) turned into union units:
 *
 *   (national root "VN", when no province is chosen)
 *   LĐLĐ <province>            code "01"                level province
 *   LĐLĐ <district>            code "01.018"            level district
 *   Công đoàn <commune>        code "01.018.00526"      level commune
 *
 * Names keep the unit type in lower case after the prefix: "Huyện Gia Lâm"
 * becomes "LĐLĐ huyện Gia Lâm", "Thị trấn Trâu Quỳ" "Công đoàn thị trấn
 * Trâu Quỳ".
 */
#ifndef LT_DVHCVN_H
#define LT_DVHCVN_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

typedef struct lt_dvhcvn_unit {
	const char *code;
	const char *name;
	const char *level;       /* national | province | district | commune */
	const char *parent_code; /* NULL for the root */
} lt_dvhcvn_unit;

/*
 * Parse the len bytes at json (borrowed) and select province (NULL: all,
 * under a national root) and district (NULL: all of the province's).
 * Units come parents first, allocated in a. Errors name the JSON path
 * ("data[3].level2s[1].level2_id") or the option ("--province").
 */
LT_MUST_CHECK int lt_dvhcvn_parse(const char *json, size_t len, const char *province, const char *district,
		    lt_arena *a, lt_dvhcvn_unit **units, size_t *n, lt_error *e);

#endif
