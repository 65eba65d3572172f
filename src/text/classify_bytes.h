/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify_bytes.h — the little-endian writing and the checked reading that
 * the saved classifiers share (classify_io.c, classify_svm_io.c,
 * classify_fb.c). A reader never reads past its buffer: a short or bad
 * field sets bad, and every later read gives 0. Not for other modules.
 */
#ifndef LT_CLASSIFY_BYTES_H
#define LT_CLASSIFY_BYTES_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"

/* v's low bytes (1..8) at p, least significant first. */
static inline void lt_le_store(unsigned char *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline uint64_t lt_le_load(const unsigned char *p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* Append v's low bytes to b. 0, LT_ETOOBIG or LT_ENOMEM. */
static inline int lt_le_add(lt_buf *b, uint64_t v, int bytes)
{
	unsigned char t[8];

	lt_le_store(t, v, bytes);
	return lt_buf_add(b, t, (size_t)bytes);
}

static inline int lt_le_add_f64(lt_buf *b, double d)
{
	uint64_t v;

	memcpy(&v, &d, 8);
	return lt_le_add(b, v, 8);
}

typedef struct lt_reader {
	const unsigned char *p;
	size_t n, pos;
	int bad;
} lt_reader;

static inline const unsigned char *lt_rd_take(lt_reader *r, size_t k)
{
	const unsigned char *p;

	if (r->bad || r->n - r->pos < k) {
		r->bad = 1;
		return NULL;
	}
	p = r->p + r->pos;
	r->pos += k;
	return p;
}

static inline uint64_t lt_rd_le(lt_reader *r, int bytes)
{
	const unsigned char *p = lt_rd_take(r, (size_t)bytes);

	return p ? lt_le_load(p, bytes) : 0;
}

/* A double; not finite: bad. */
static inline double lt_rd_f64(lt_reader *r)
{
	uint64_t v = lt_rd_le(r, 8);
	double d;

	memcpy(&d, &v, 8);
	if (!isfinite(d)) {
		r->bad = 1;
		return 0;
	}
	return d;
}

#endif
