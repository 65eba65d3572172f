/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * simhash.h — near-duplicate feedback messages (the same complaint sent by
 * many workers) by 64-bit SimHash over folded syllables and 2-syllable
 * shingles, so spelling, diacritics, case, abbreviations and a few extra
 * words barely move the signature. Grouping keeps every message: it only
 * says which cluster each belongs to. No I/O.
 */
#ifndef LT_SIMHASH_H
#define LT_SIMHASH_H

#include "core/error.h"

#include <stddef.h>
#include <stdint.h>

#include "text/tokens.h"

/* Default Hamming distance under which two messages are near-duplicates. */
#define LT_SIMHASH_NEAR 12

/* Signature of tokens t (from lt_tokenize with lt_abbrev_default()). 0 when t is empty. */
uint64_t lt_simhash(const lt_tokens *t);

/* Signature of the n bytes at s; tok is scratch. 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_simhash_text(const char *s, size_t n, lt_tokens *tok, uint64_t *out);

/* Hamming distance 0..64 between two signatures. */
int lt_simhash_distance(uint64_t a, uint64_t b);

/*
 * Cluster n signatures: messages i and j share a cluster when a chain of
 * messages links them with distances ≤ maxdist (empty messages, signature 0,
 * stay alone). OUT cluster[i] (caller-allocated, n entries): the index of
 * the first message of i's cluster, so cluster[i] == i marks a new cluster.
 * Returns the number of clusters, or (size_t)-1 when out of memory.
 * O(n²) comparisons of 64-bit words: about a second for 50,000 messages.
 */
size_t lt_simhash_group(const uint64_t *sig, size_t n, int maxdist, size_t *cluster);

#endif
