/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * config.h — the settings of the server and its background work, as plain
 * data: the configuration file (cli/config.c) fills them, the adapters
 * (http/server.c, the workers) read them. They live here, below both
 * adapters, so that neither has to include the other.
 */
#ifndef LT_APP_CONFIG_H
#define LT_APP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lt_http_config {
	const char *listen_host;  /* "127.0.0.1" */
	int port;                 /* 8080 */
	int threads;              /* MHD thread pool size */
	const char *web_root;     /* static files, "web/dist" */
	size_t body_limit;        /* bytes, default 1 MiB */
	size_t body_memory;       /* bytes of request bodies held at once, all connections: 256 MiB */
	int max_conns_per_ip;     /* open connections of one address: 100; 0: no limit (behind a proxy) */
	bool secure_cookies;      /* add Secure to the session cookie */
	int64_t session_ttl;      /* seconds */
	/* The login throttle (app/auth.h): */
	int login_free;           /* failed logins per (login, address) before the first delay: 5 */
	int login_free_ip;        /* per address, of logins not known there: 30 */
	int64_t login_delay;      /* the first delay, seconds (doubles per failure): 30 */
	int64_t login_delay_max;  /* the longest delay, seconds: 900 */
	int64_t login_forget;     /* a counter quiet this long starts again, seconds: 86400 */
	bool access_log;          /* one line per request on stderr */
	/* writes share one commit per batch (store/group.h): LT_GROUP_AUTO (on for
	 * SQLite, off for PostgreSQL: see server.c), or 0 / 1 as set */
	int group_commit;
	char metrics_allow[256];  /* addresses and CIDR blocks that may read /metrics */
} lt_http_config;

enum { LT_GROUP_AUTO = -1 };

/* Defaults for cfg. */
void lt_http_config_defaults(lt_http_config *cfg);

/* [linkcheck]: the optional link-check worker (off by default). */
typedef struct lt_linkcheck_config {
	bool enabled;            /* [linkcheck] enabled = false */
	bool allow_private;      /* tests only: allow 127.0.0.1 and private networks */
	long connect_timeout_ms; /* 5000 */
	long timeout_ms;         /* 15000 */
	size_t max_bytes;        /* 1 MiB */
	long max_redirects;      /* 5 */
	int interval_ms;         /* queue poll when idle: 2000 */
	int max_attempts;        /* 3 (network errors are retried) */
	char user_agent[128];    /* "" → net/linkcheck.h's default */
} lt_linkcheck_config;

/* Fill c with the defaults above (disabled). */
void lt_linkcheck_config_defaults(lt_linkcheck_config *c);

/*
 * [signing]: the server's own PKCS#11 token, for signing reports from the
 * web (app/report_sign.h). Off while module is empty. Only the users named
 * in signers may sign with it (the key is one person's, not the office's),
 * and each of them only where an officer may sign. ca_file: the roots the
 * server trusts when it checks a stored signature ("" → the system's).
 */
typedef struct lt_signing_config {
	char module[512];     /* pkcs11_module */
	char token[128];      /* token label */
	char key[128];        /* key label */
	char pin_file[512];   /* the user PIN, first line */
	char chain_file[512]; /* intermediate and root certificates (PEM) to embed */
	char tsa_url[512];    /* RFC 3161 server, or "" */
	char ca_file[512];    /* trust anchors for checks */
	char signers[512];    /* logins, separated by commas or spaces */
	char signature_image[512]; /* PNG of the signer's signature, or "" (text only) */
	char seal_image[512];      /* PNG of the seal, over the signature's left third, or "" */
	/* The agency's key (app/doc_sign.h): signs a directive's annex and seals
	 * the directive after the signer; "" none (a directive with an annex is
	 * then refused). */
	char seal_key[128];        /* its label */
	char seal_token[128];      /* its token's label; "" the token above */
	char seal_pin_file[512];   /* its token's user PIN; "" pin_file */
} lt_signing_config;

#endif
