/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign.c — the token side of sign.h: load the PKCS#11 module, find the
 * token and the key, log in, get the certificate and its chain ready.
 */
#include "net/sign_int.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"

/* PKCS#11 return values we name (pkcs11t.h; libp11 pushes them as reasons). */
#define CKR_PIN_INCORRECT 0xa0
#define CKR_PIN_INVALID 0xa1
#define CKR_PIN_LEN_RANGE 0xa2
#define CKR_PIN_EXPIRED 0xa3
#define CKR_PIN_LOCKED 0xa4
#define CKR_TOKEN_NOT_PRESENT 0xe0
#define CKR_DEVICE_REMOVED 0x32

#define CHAIN_MAX 10
#define LOCK_WAIT_S 60

/*
 * One signer open in the process at a time. A PKCS#11 module is loaded once
 * per process and its login state is the process's: two signers on one
 * token would share a login (the second one's PIN would not be checked:
 * libp11 takes CKR_USER_ALREADY_LOGGED_IN as success), and one's
 * C_Finalize would end the other's session. Signing takes milliseconds, so
 * a signer waits for the one before it to be closed.
 */
static pthread_mutex_t busy_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t busy_cv = PTHREAD_COND_INITIALIZER;
static bool busy; /* a signer is open (a flag, not a held mutex: any thread may close it) */

/* Wait until no signer is open and take the turn: 0, or -1 after the wait. */
static int take_turn(void)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += LOCK_WAIT_S;
	pthread_mutex_lock(&busy_mu);
	while (busy && rc == 0)
		rc = pthread_cond_timedwait(&busy_cv, &busy_mu, &until);
	if (!busy) {
		busy = true;
		rc = 0;
	}
	pthread_mutex_unlock(&busy_mu);
	return rc ? -1 : 0;
}

static void give_turn(void)
{
	pthread_mutex_lock(&busy_mu);
	busy = false;
	pthread_cond_signal(&busy_cv);
	pthread_mutex_unlock(&busy_mu);
}

void lt_x509_cn(const X509_NAME *name, char *out, size_t cap)
{
	lt_x509_attr(name, NID_commonName, out, cap);
}

void lt_x509_attr(const X509_NAME *name, int nid, char *out, size_t cap)
{
	int i = name ? X509_NAME_get_index_by_NID(name, nid, -1) : -1;
	unsigned char *u = NULL;
	int len;

	out[0] = 0;
	if (i < 0)
		return;
	len = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
	if (len < 0)
		return;
	snprintf(out, cap, "%.*s", len, (const char *)u);
	OPENSSL_free(u);
}

int64_t lt_asn1_time_epoch(const ASN1_TIME *t)
{
	struct tm tm;

	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return 0;
	return lt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
	       tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

void lt_sign_date(int64_t t, char out[16])
{
	lt_vn_format(t, "%d/%m/%Y", out, 16);
}

const char *lt_ossl_err(char *buf, size_t cap)
{
	unsigned long ec = ERR_peek_error();

	if (!ec)
		snprintf(buf, cap, "unknown error");
	else
		ERR_error_string_n(ec, buf, cap);
	ERR_clear_error();
	return buf;
}

/* The PKCS#11 return value behind libp11's last error (0 when none). */
static unsigned long last_ckr(void)
{
	unsigned long ec, last = 0;
	int lib = ERR_get_CKR_code();

	while ((ec = ERR_get_error()) != 0)
		if (ERR_GET_LIB(ec) == lib)
			last = (unsigned long)ERR_GET_REASON(ec);
	return last;
}

/* The certificates of a PEM file, pushed onto sk. */
static int read_pem_certs(const char *path, const char *field, STACK_OF(X509) *sk, lt_error *e)
{
	FILE *f = fopen(path, "r");
	X509 *x;
	int n = 0;

	if (!f)
		return lt_error_set(e, LT_ENOTFOUND, field, "Không mở được tệp chứng thư %s",
				    "Cannot open the certificate file %s", path);
	while ((x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
		if (!sk_X509_push(sk, x)) {
			X509_free(x);
			fclose(f);
			return LT_ENOMEM;
		}
		n++;
	}
	ERR_clear_error(); /* the end of the file reads as an error */
	fclose(f);
	if (!n)
		return lt_error_set(e, LT_EINVAL, field, "Tệp %s không có chứng thư PEM nào",
				    "The file %s holds no PEM certificate", path);
	return 0;
}

/* The chain above s->cert from the candidates, issuer first, until a root. */
static int build_chain(lt_signer *s, STACK_OF(X509) *cand)
{
	X509 *cur = s->cert;

	s->chain = sk_X509_new_null();
	if (!s->chain)
		return LT_ENOMEM;
	for (int depth = 0; depth < CHAIN_MAX; depth++) {
		X509 *up = NULL;
		if (X509_check_issued(cur, cur) == X509_V_OK)
			break; /* self-signed: the root */
		for (int i = 0; i < sk_X509_num(cand) && !up; i++) {
			X509 *c = sk_X509_value(cand, i);
			if (X509_cmp(c, cur) != 0 && X509_check_issued(c, cur) == X509_V_OK)
				up = c;
		}
		if (!up)
			break;
		if (!X509_up_ref(up) || !sk_X509_push(s->chain, up)) {
			X509_free(up);
			return LT_ENOMEM;
		}
		cur = up;
	}
	return 0;
}

static int check_cert(lt_signer *s, const lt_signer_opts *o, lt_error *e)
{
	int64_t now = o->now ? o->now : lt_now();
	time_t t = (time_t)now;
	char d1[16], d2[16];
	uint32_t ku;

	lt_x509_cn(X509_get_subject_name(s->cert), s->cn, sizeof(s->cn));
	s->not_after = lt_asn1_time_epoch(X509_get0_notAfter(s->cert));
	lt_sign_date(lt_asn1_time_epoch(X509_get0_notBefore(s->cert)), d1);
	lt_sign_date(s->not_after, d2);
	if (X509_cmp_time(X509_get0_notBefore(s->cert), &t) > 0)
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số của \"%s\" chưa có hiệu lực (từ %s đến %s)",
				    "The certificate of \"%s\" is not yet valid (from %s to %s)", s->cn, d1, d2);
	if (X509_cmp_time(X509_get0_notAfter(s->cert), &t) < 0)
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số của \"%s\" đã hết hạn ngày %s",
				    "The certificate of \"%s\" expired on %s", s->cn, d2);
	ku = X509_get_key_usage(s->cert);
	if (ku != UINT32_MAX && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số của \"%s\" không dùng để ký",
				    "The certificate of \"%s\" is not for signing", s->cn);
	if (X509_check_private_key(s->cert, s->pkey) != 1) {
		ERR_clear_error();
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số không khớp với khoá \"%s\"",
				    "The certificate does not match the key \"%s\"", o->key);
	}
	return 0;
}

static int find_token(lt_signer *s, const lt_signer_opts *o, lt_error *e)
{
	char seen[256] = "";
	size_t used = 0;

	if (PKCS11_enumerate_slots(s->ctx, &s->slots, &s->nslots) < 0)
		return lt_error_set(e, LT_EIO, "token", "Không liệt kê được các khe token",
				    "Cannot list the token slots");
	for (unsigned i = 0; i < s->nslots; i++) {
		PKCS11_SLOT *sl = &s->slots[i];
		if (!sl->token || !sl->token->initialized)
			continue;
		if (strcmp(sl->token->label, o->token) == 0) {
			s->slot = sl;
			return 0;
		}
		if (used < sizeof(seen) - 1)
			used += (size_t)snprintf(seen + used, sizeof(seen) - used, "%s\"%s\"",
						 used ? ", " : "", sl->token->label);
	}
	if (used >= sizeof(seen))
		used = sizeof(seen) - 1;
	return lt_error_set(e, LT_ENOTFOUND, "token",
			    "Không thấy token \"%s\" (chưa cắm vào?)%s%s",
			    "Token \"%s\" is absent (not plugged in?)%s%s", o->token,
			    used ? "; có: " : "", seen);
}

static int login(lt_signer *s, const lt_signer_opts *o, lt_error *e)
{
	PKCS11_TOKEN *tok = s->slot->token;
	unsigned long ckr;

	if (tok->userPinLocked)
		return lt_error_set(e, LT_EAUTH, "pin", "Mã PIN của token \"%s\" đã bị khoá",
				    "The PIN of token \"%s\" is locked", o->token);
	if (!tok->loginRequired)
		return 0;
	/* A login left by someone else in this process would make any PIN pass. */
	int in = 0;
	if (PKCS11_is_logged_in(s->slot, 0, &in) == 0 && in)
		lt_ignore(PKCS11_logout(s->slot));
	ERR_clear_error();
	if (PKCS11_login(s->slot, 0, o->pin) == 0) {
		s->logged_in = true;
		return 0;
	}
	ckr = last_ckr();
	switch (ckr) {
	case CKR_PIN_INCORRECT:
	case CKR_PIN_INVALID:
	case CKR_PIN_LEN_RANGE:
		return lt_error_set(e, LT_EAUTH, "pin", "Mã PIN của token \"%s\" không đúng",
				    "Wrong PIN for token \"%s\"", o->token);
	case CKR_PIN_LOCKED:
		return lt_error_set(e, LT_EAUTH, "pin", "Mã PIN của token \"%s\" đã bị khoá",
				    "The PIN of token \"%s\" is locked", o->token);
	case CKR_PIN_EXPIRED:
		return lt_error_set(e, LT_EAUTH, "pin", "Mã PIN của token \"%s\" đã hết hạn",
				    "The PIN of token \"%s\" has expired", o->token);
	case CKR_TOKEN_NOT_PRESENT:
	case CKR_DEVICE_REMOVED:
		return lt_error_set(e, LT_ENOTFOUND, "token", "Token \"%s\" đã bị rút ra",
				    "Token \"%s\" was removed", o->token);
	default:
		return lt_error_set(e, LT_EIO, "pin",
				    "Không đăng nhập được token \"%s\" (mã lỗi PKCS#11 0x%lx)",
				    "Cannot log in to token \"%s\" (PKCS#11 error 0x%lx)", o->token, ckr);
	}
}

static int find_key(lt_signer *s, const lt_signer_opts *o, lt_error *e)
{
	PKCS11_KEY *keys = NULL, *key = NULL;
	PKCS11_CERT *certs = NULL;
	unsigned nkeys = 0, ncerts = 0;
	STACK_OF(X509) *cand = NULL;
	int rc = 0;

	if (PKCS11_enumerate_keys(s->slot->token, &keys, &nkeys) < 0) {
		rc = lt_error_set(e, LT_EIO, "key", "Không liệt kê được khoá trên token",
				  "Cannot list the keys on the token");
		goto fail;
	}
	for (unsigned i = 0; i < nkeys && !key; i++)
		if (keys[i].isPrivate && keys[i].label && strcmp(keys[i].label, o->key) == 0)
			key = &keys[i];
	if (!key) {
		rc = lt_error_set(e, LT_ENOTFOUND, "key",
				  "Token \"%s\" không có khoá riêng nhãn \"%s\"",
				  "Token \"%s\" has no private key labelled \"%s\"", o->token, o->key);
		goto fail;
	}
	s->pkey = PKCS11_get_private_key(key);
	if (!s->pkey) {
		rc = lt_error_set(e, LT_EIO, "key", "Không dùng được khoá \"%s\"",
				  "Cannot use the key \"%s\"", o->key);
		goto fail;
	}
	cand = sk_X509_new_null();
	if (!cand) {
		rc = LT_ENOMEM;
		goto fail;
	}
	/* Every certificate on the token is a chain candidate; the key's is the one with its ID. */
	if (PKCS11_enumerate_certs(s->slot->token, &certs, &ncerts) < 0)
		ncerts = 0;
	for (unsigned i = 0; i < ncerts; i++) {
		X509 *x = certs[i].x509;
		if (!x)
			continue;
		if (!s->cert && key->id_len && certs[i].id_len == key->id_len &&
		    memcmp(certs[i].id, key->id, key->id_len) == 0) {
			if (!X509_up_ref(x)) {
				rc = LT_ENOMEM;
				goto fail;
			}
			s->cert = x;
		}
		if (!X509_up_ref(x) || !sk_X509_push(cand, x)) {
			X509_free(x);
			rc = LT_ENOMEM;
			goto fail;
		}
	}
	if (o->cert_file) {
		STACK_OF(X509) *one = sk_X509_new_null();
		rc = one ? read_pem_certs(o->cert_file, "cert_file", one, e) : LT_ENOMEM;
		if (!rc) {
			X509_free(s->cert);
			s->cert = sk_X509_shift(one);
		}
		sk_X509_pop_free(one, X509_free);
		if (rc)
			goto fail;
	}
	if (!s->cert) {
		rc = lt_error_set(e, LT_ENOTFOUND, "certificate",
				  "Token không có chứng thư số của khoá \"%s\"",
				  "The token has no certificate for the key \"%s\"", o->key);
		goto fail;
	}
	if (o->chain_file) {
		rc = read_pem_certs(o->chain_file, "chain_file", cand, e);
		if (rc)
			goto fail;
	}
	rc = check_cert(s, o, e);
	if (!rc)
		rc = build_chain(s, cand);
fail:
	sk_X509_pop_free(cand, X509_free);
	return rc;
}

static void signer_free(lt_signer *s)
{
	if (!s)
		return;
	EVP_PKEY_free(s->pkey);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	if (s->ctx) {
		if (s->logged_in)
			lt_ignore(PKCS11_logout(s->slot));
		if (s->slots)
			PKCS11_release_all_slots(s->ctx, s->slots, s->nslots);
		PKCS11_CTX_unload(s->ctx);
		PKCS11_CTX_free(s->ctx);
	}
	free(s->tsa_url);
	free(s);
}

int lt_signer_open(const lt_signer_opts *o, lt_signer **out, lt_error *e)
{
	lt_signer *s = NULL;
	bool locked = false;
	char err[160];
	int rc = 0;

	*out = NULL;
	if (!o->module || !o->token || !o->key || !*o->module || !*o->token || !*o->key) {
		rc = lt_error_set(e, LT_EINVAL, !o->module || !*o->module ? "module" :
					       !o->token || !*o->token ? "token" : "key",
				  "Thiếu mô-đun PKCS#11, nhãn token hoặc nhãn khoá",
				  "The PKCS#11 module, token label or key label is missing");
		goto fail;
	}
	if (o->tsa_url && strncmp(o->tsa_url, "http://", 7) != 0 &&
	    strncmp(o->tsa_url, "https://", 8) != 0) {
		rc = lt_error_set(e, LT_EINVAL, "tsa_url",
				  "Địa chỉ máy chủ dấu thời gian phải là http:// hoặc https://",
				  "The timestamp server address must be http:// or https://");
		goto fail;
	}
	if (access(o->module, R_OK) != 0) {
		rc = lt_error_set(e, LT_ENOTFOUND, "module", "Không thấy mô-đun PKCS#11 %s",
				  "The PKCS#11 module %s does not exist", o->module);
		goto fail;
	}
	if (take_turn() != 0) {
		rc = lt_error_set(e, LT_ETHROTTLE, "token",
				  "Đang có một lần ký khác chưa xong; hãy thử lại sau",
				  "Another signing has not finished; try again later");
		goto fail;
	}
	locked = true;
	s = calloc(1, sizeof(*s));
	if (!s || (o->tsa_url && !(s->tsa_url = strdup(o->tsa_url)))) {
		rc = LT_ENOMEM;
		goto fail;
	}
	s->tsa_timeout_ms = o->tsa_timeout_ms > 0 ? o->tsa_timeout_ms : 15000;
	s->ctx = PKCS11_CTX_new();
	if (!s->ctx) {
		rc = LT_ENOMEM;
		goto fail;
	}
	if (PKCS11_CTX_load(s->ctx, o->module) < 0) {
		rc = lt_error_set(e, LT_EIO, "module", "Không nạp được mô-đun PKCS#11 %s (%s)",
				  "Cannot load the PKCS#11 module %s (%s)", o->module,
				  lt_ossl_err(err, sizeof(err)));
		PKCS11_CTX_free(s->ctx);
		s->ctx = NULL;
		goto fail;
	}
	rc = find_token(s, o, e);
	if (!rc)
		rc = login(s, o, e);
	if (!rc)
		rc = find_key(s, o, e);
	if (rc)
		goto fail;
	*out = s;
	s = NULL;
	locked = false; /* lt_signer_close releases it */
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, NULL, "Không mở được token để ký (%s)",
			     "Cannot open the token for signing (%s)", lt_err_name(rc));
	signer_free(s);
	if (locked)
		give_turn();
	ERR_clear_error();
	return rc;
}

void lt_signer_close(lt_signer *s)
{
	if (!s)
		return;
	signer_free(s);
	give_turn();
}

const char *lt_signer_cn(const lt_signer *s)
{
	return s->cn;
}

void lt_signer_describe(const lt_signer *s, lt_sign_check *out)
{
	memset(out, 0, sizeof(*out));
	lt_x509_describe(s->cert, out, lt_now());
}

int64_t lt_signer_not_after(const lt_signer *s)
{
	return s->not_after;
}

uint64_t lt_signer_token_ns(const lt_signer *s, unsigned *calls)
{
	if (calls)
		*calls = s->token_calls;
	return s->token_ns;
}
