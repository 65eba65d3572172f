/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * config.h — the configuration file (INI, read with libinih) under the
 * command-line flags: flags win over $LANTOA_DB, which wins over the file,
 * which wins over the defaults.
 *
 *   [database]  url = sqlite:data/lantoa.db
 *   [server]    listen = 127.0.0.1:8080   threads = 4   web_root = web/dist
 *               body_limit = 1048576      secure_cookies = false
 *               session_ttl = 43200       access_log = true
 *   [security]  login_free = 5   login_free_ip = 30   login_delay = 30
 *               login_delay_max = 900   login_forget = 86400   hash_concurrency = 2
 *               hash_memory = 65536 (KiB of a new Argon2id hash; $LANTOA_HASH_MEMORY wins)
 *               (older keys still read: login_max_per_login, login_max_per_ip,
 *               login_window)
 *   [smtp]      url = smtp://host:587    from = …   from_name = …
 *               username = …  password = …  starttls = try|require|no
 *               timeout = 30  insecure = false
 *   [reports]   remind_offsets = -3,0,3   (days from the deadline)
 *   [linkcheck] enabled = false  allow_private = false  timeout_ms = 15000
 *               connect_timeout_ms = 5000  max_bytes = 1048576  max_redirects = 5
 *               interval_ms = 2000  max_attempts = 3  user_agent = …
 *   [signing]   pkcs11_module = …  token = …  key = …  pin_file = …  chain_file = …
 *               tsa_url = …  ca_file = …  signers = login, …   (off without pkcs11_module)
 */
#ifndef LT_CONFIG_H
#define LT_CONFIG_H

#include "app/config.h"
#include "core/error.h"
#include "net/smtp.h"

typedef struct lt_config {
	char db_url[1024];
	char db_read_url[1024]; /* [database] read_url: a replica for reads (serve); "" = none */
	char web_root[1024];
	char listen_host[64];
	char public_url[256]; /* [server] public_url: base of links in mail; "" = from listen */
	lt_http_config http;
	int hash_concurrency;
	unsigned hash_memory; /* KiB, LT_PWHASH_MEMORY_MIN..MAX */
	lt_smtp_config smtp;
	int remind_offsets[8];
	size_t nremind;
	lt_linkcheck_config linkcheck;
	lt_signing_config signing;
} lt_config;

/* Defaults, then FILE (may be NULL). Unknown keys and bad values are errors naming "section.key". */
int lt_config_load(lt_config *c, const char *file, lt_error *e);
/* Parse "HOST:PORT" into c (listen_host, http.port). */
int lt_config_set_listen(lt_config *c, const char *hostport, lt_error *e);

/* value as a hash memory cost in KiB (LT_PWHASH_MEMORY_MIN..MAX) into *kib; the
 * error names field (the setting, or the variable it came from). */
LT_MUST_CHECK int lt_config_hash_memory(const char *value, unsigned *kib, const char *field,
					lt_error *e);

#endif
