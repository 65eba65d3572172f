/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * password.h — Argon2id password hashing (libsodium crypto_pwhash_str)
 * with a bound on how many hashes run at once, so that a burst of logins
 * cannot exhaust memory (each hash takes its memory cost: 64 MiB by default,
 * libsodium's interactive limits).
 */
#ifndef LT_PASSWORD_H
#define LT_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define LT_PWHASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* The memory cost of a new hash, KiB, always with 2 passes: libsodium's interactive
 * limit by default; at least OWASP's minimum for Argon2id (19 MiB, 2 passes). */
#define LT_PWHASH_MEMORY_DEFAULT 65536
#define LT_PWHASH_MEMORY_MIN 19456
#define LT_PWHASH_MEMORY_MAX 1048576
/* Initialise libsodium, the concurrency bound (max simultaneous hashes) and the
 * memory cost of new hashes (KiB, LT_PWHASH_MEMORY_MIN..MAX; 0: the default). A
 * verify always uses the cost written in the hash it checks. */
LT_MUST_CHECK int lt_password_init(int max_concurrent, unsigned memory_kib);
/* Hash password into out (NUL-terminated). 8–256 bytes required. */
LT_MUST_CHECK int lt_password_hash(const char *password, char out[LT_PWHASH_MAX], lt_error *e);
/* Constant-time verify; false on any mismatch or malformed hash. */
bool lt_password_verify(const char *hash, const char *password);
/*
 * A valid hash of a random password, made once: verified against when a
 * login is unknown, so that the answer takes as long as for a known one.
 */
const char *lt_password_dummy_hash(void);
/* Random URL-safe token of 43 characters (32 bytes) into out[44]. */
void lt_random_token(char out[44]);
/* Lower-case hex SHA-256 of s into out[65]. */
void lt_sha256_hex(const void *p, size_t n, char out[65]);
/* SHA-256 over data fed in pieces: init, update any number of times, then final. */
typedef struct lt_sha256 {
	union {
		unsigned char bytes[128]; /* holds libsodium's crypto_hash_sha256_state */
		uint64_t align;
	} state;
} lt_sha256;
void lt_sha256_init(lt_sha256 *h);
void lt_sha256_update(lt_sha256 *h, const void *p, size_t n);
/* Lower-case hex digest into out[65]; h is spent. */
void lt_sha256_final_hex(lt_sha256 *h, char out[65]);
/* Constant-time string equality. */
bool lt_str_ct_equal(const char *a, const char *b);

#endif
