/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * json_write.h — JSON written straight into an lt_buf, for the API's hot
 * list pages (GET /units, GET /activities: see app/unit_json.c and
 * app/activity_json.c).
 *
 * Why not jansson there: the page as a tree of json_t (a malloc for every
 * value and object slot, then json_dumps walking it again into a second
 * buffer) took about half of the server's CPU for /units?limit=50 and
 * /activities?limit=20 on the national demo (perf, issue 10 P1,
 * bench/RESULTS.md). jansson, the JSON library of the build, only dumps
 * trees; writing the bytes as they come costs one growing buffer.
 *
 * The output is byte for byte what json_dumps(…, JSON_COMPACT) prints for the
 * same document: strings escaped as jansson does (\" \\ \b \f \n \r \t, other
 * control characters as \u00XX in capitals, '/' and non-ASCII as they are),
 * integers in decimal, keys in the order written. A string that is not valid
 * UTF-8 (which json_string refuses) fails the writer. Errors
 * are sticky: write everything, then check lt_jw_end once.
 */
#ifndef LT_JSON_WRITE_H
#define LT_JSON_WRITE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"

typedef struct lt_jw {
	lt_buf *b;
	bool comma; /* a value was written at this level: the next one needs ',' */
	bool bad;   /* a string was not UTF-8 */
	lt_buf own; /* the buffer of a writer started with b NULL */
} lt_jw;

/* Start writing at the end of b; b NULL: into a buffer of w's own, for lt_jw_tree. */
void lt_jw_init(lt_jw *w, lt_buf *b);
/* Open an object ('{') or an array ('['), as a value; close it with '}' or ']'. */
void lt_jw_open(lt_jw *w, char c);
void lt_jw_close(lt_jw *w, char c);
/* A key in the open object; its value comes next. */
void lt_jw_key(lt_jw *w, const char *k);
/* Values: a string (NULL writes null), an integer, a boolean, null. */
void lt_jw_str(lt_jw *w, const char *s);
void lt_jw_int(lt_jw *w, int64_t v);
/*
 * A number as the API writes figures (app/activity_json.h's lt_app_json_num):
 * an integer when v is whole and under 9e15 in magnitude, else a real as
 * jansson dumps one ("%.17g", ".0" added when there is neither '.' nor 'e',
 * the exponent without '+' and leading zeros). JSON has no NaN or infinity:
 * those are written as null.
 */
void lt_jw_num(lt_jw *w, double v);
void lt_jw_bool(lt_jw *w, bool v);
void lt_jw_null(lt_jw *w);
/* A key and its value at once. */
void lt_jw_kstr(lt_jw *w, const char *k, const char *s);
void lt_jw_kint(lt_jw *w, const char *k, int64_t v);
void lt_jw_knum(lt_jw *w, const char *k, double v);
void lt_jw_kbool(lt_jw *w, const char *k, bool v);
/* A key and v, or null when is_null. */
void lt_jw_kint_or_null(lt_jw *w, const char *k, int64_t v, bool is_null);
/* 0, or the first failure, set in e: LT_EINTERNAL (a string was not UTF-8), LT_ENOMEM or
 * LT_ETOOBIG (the buffer). */
LT_MUST_CHECK int lt_jw_end(const lt_jw *w, lt_error *e);
/* What w wrote into its buffer (one document) as a jansson tree, for the callers that embed
 * it in a larger tree or print it indented; NULL on any failure. Frees the buffer. */
json_t *lt_jw_tree(lt_jw *w);

#endif
