/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* password.c — see password.h. */
#include "core/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int slots = 2;
static size_t memory = (size_t)LT_PWHASH_MEMORY_DEFAULT * 1024; /* bytes, of a new hash */

int lt_password_init(int max_concurrent, unsigned memory_kib)
{
	if (sodium_init() < 0)
		return LT_EINTERNAL;
	if (memory_kib && (memory_kib < LT_PWHASH_MEMORY_MIN || memory_kib > LT_PWHASH_MEMORY_MAX))
		return LT_EINVAL;
	pthread_mutex_lock(&mu);
	slots = max_concurrent > 0 ? max_concurrent : 2;
	memory = (size_t)(memory_kib ? memory_kib : LT_PWHASH_MEMORY_DEFAULT) * 1024;
	pthread_mutex_unlock(&mu);
	return 0;
}

static void take(void)
{
	pthread_mutex_lock(&mu);
	while (slots <= 0)
		pthread_cond_wait(&cv, &mu);
	slots--;
	pthread_mutex_unlock(&mu);
}

static void give(void)
{
	pthread_mutex_lock(&mu);
	slots++;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

int lt_password_hash(const char *password, char out[LT_PWHASH_MAX], lt_error *e)
{
	size_t n = password ? strlen(password) : 0;
	int rc;

	if (n < 8 || n > 256)
		return lt_error_set(e, LT_EINVAL, "password", "Mật khẩu phải dài từ 8 đến 256 ký tự",
				    "Password must be 8 to 256 characters long");
	take();
	rc = crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE, memory);
	give();
	if (rc != 0)
		return lt_error_set(e, LT_ENOMEM, NULL, "Không đủ bộ nhớ để băm mật khẩu",
				    "Not enough memory to hash the password");
	return 0;
}

bool lt_password_verify(const char *hash, const char *password)
{
	int rc;

	if (!hash || !password || !*hash)
		return false;
	take();
	rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	give();
	return rc == 0;
}

void lt_random_token(char out[44])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void lt_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(((lt_sha256 *)0)->state.bytes),
	       "lt_sha256 too small for crypto_hash_sha256_state");

void lt_sha256_init(lt_sha256 *h)
{
	crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)h->state.bytes);
}

void lt_sha256_update(lt_sha256 *h, const void *p, size_t n)
{
	crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)h->state.bytes, p, n);
}

void lt_sha256_final_hex(lt_sha256 *h, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)h->state.bytes, d);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static char dummy[LT_PWHASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[44];

	lt_random_token(pw);
	if (crypto_pwhash_str(dummy, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE, memory) != 0)
		dummy[0] = '\0'; /* out of memory: verification then fails fast, still safely */
}

const char *lt_password_dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy;
}

bool lt_str_ct_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
