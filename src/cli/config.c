/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* config.c — see config.h. */
#include "cli/config.h"

#include "app/ops.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "app/digest.h"
#include "core/password.h"
#include "store/feedback.h"

typedef struct parse_ctx {
	lt_config *c;
	lt_error *e;
	int rc;
	bool secure_set; /* [server] secure_cookies was given */
} parse_ctx;

static int bad(parse_ctx *p, const char *section, const char *name, const char *value)
{
	char field[LT_ERR_FIELD_MAX];

	snprintf(field, sizeof(field), "%s.%s", section, name);
	p->rc = lt_error_set(p->e, LT_EINVAL, field, "Cấu hình %s không hợp lệ: \"%s\"",
			     "Invalid setting %s: \"%s\"", field, value);
	return 0;
}

static bool parse_long(const char *v, long lo, long hi, long *out)
{
	char *end;
	long x = strtol(v, &end, 10);

	if (!*v || *end || x < lo || x > hi)
		return false;
	*out = x;
	return true;
}

static bool parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "off"))
		*out = false;
	else
		return false;
	return true;
}

/* [smtp] keys; nonzero when the key or value is bad. */
static int smtp_key(lt_config *c, const char *name, const char *value)
{
	lt_smtp_config *m = &c->smtp;
	long x;

	if (!strcmp(name, "url"))
		snprintf(m->url, sizeof(m->url), "%s", value);
	else if (!strcmp(name, "from"))
		snprintf(m->from, sizeof(m->from), "%s", value);
	else if (!strcmp(name, "from_name"))
		snprintf(m->from_name, sizeof(m->from_name), "%s", value);
	else if (!strcmp(name, "username"))
		snprintf(m->username, sizeof(m->username), "%s", value);
	else if (!strcmp(name, "password"))
		snprintf(m->password, sizeof(m->password), "%s", value);
	else if (!strcmp(name, "starttls") &&
		 (!strcmp(value, "try") || !strcmp(value, "require") || !strcmp(value, "no")))
		snprintf(m->starttls, sizeof(m->starttls), "%s", value);
	else if (!strcmp(name, "timeout") && parse_long(value, 1, 600, &x))
		m->timeout_s = x;
	else if (!strcmp(name, "insecure"))
		return !parse_bool(value, &m->insecure);
	else
		return 1;
	return 0;
}

/* [linkcheck] keys (the link-check worker, http/linkcheck_worker.h); nonzero when bad. */
static int linkcheck_key(lt_config *c, const char *name, const char *value)
{
	lt_linkcheck_config *l = &c->linkcheck;
	long x;

	if (!strcmp(name, "enabled"))
		return !parse_bool(value, &l->enabled);
	if (!strcmp(name, "allow_private"))
		return !parse_bool(value, &l->allow_private);
	if (!strcmp(name, "connect_timeout_ms") && parse_long(value, 100, 60000, &x))
		l->connect_timeout_ms = x;
	else if (!strcmp(name, "timeout_ms") && parse_long(value, 100, 300000, &x))
		l->timeout_ms = x;
	else if (!strcmp(name, "max_bytes") && parse_long(value, 1024, 16L << 20, &x))
		l->max_bytes = (size_t)x;
	else if (!strcmp(name, "max_redirects") && parse_long(value, 0, 20, &x))
		l->max_redirects = x;
	else if (!strcmp(name, "interval_ms") && parse_long(value, 10, 3600000, &x))
		l->interval_ms = (int)x;
	else if (!strcmp(name, "max_attempts") && parse_long(value, 1, 20, &x))
		l->max_attempts = (int)x;
	else if (!strcmp(name, "user_agent") && strlen(value) < sizeof(l->user_agent))
		snprintf(l->user_agent, sizeof(l->user_agent), "%s", value);
	else
		return 1;
	return 0;
}

/* [signing] keys (the server's token, app/config.h); nonzero when bad or too long. */
static int signing_key(lt_config *c, const char *name, const char *value)
{
	static const struct {
		const char *name;
		size_t off, cap;
	} keys[] = {
#define K(n, f) { n, offsetof(lt_signing_config, f), sizeof(((lt_signing_config *)0)->f) }
		K("pkcs11_module", module), K("token", token), K("key", key), K("pin_file", pin_file),
		K("chain_file", chain_file), K("tsa_url", tsa_url), K("ca_file", ca_file),
		K("signers", signers), K("signature_image", signature_image), K("seal_image", seal_image),
		K("seal_key", seal_key), K("seal_token", seal_token), K("seal_pin_file", seal_pin_file),
#undef K
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(name, keys[i].name)) {
			if (strlen(value) >= keys[i].cap)
				return 1;
			memcpy((char *)&c->signing + keys[i].off, value, strlen(value) + 1);
			return 0;
		}
	return 1;
}

/*
 * [security]: the login throttle (app/auth.h). The keys of the old
 * fixed-window throttle still work, read as their nearest new meaning:
 * login_max_per_login → login_free, login_max_per_ip → login_free_ip,
 * login_window → login_delay_max. 1: unknown key or bad value.
 */
static int security_key(lt_config *c, const char *name, const char *value)
{
	lt_http_config *h = &c->http;
	long x;

	if ((!strcmp(name, "login_free") || !strcmp(name, "login_max_per_login")) &&
	    parse_long(value, 1, 1000, &x))
		h->login_free = (int)x;
	else if ((!strcmp(name, "login_free_ip") || !strcmp(name, "login_max_per_ip")) &&
		 parse_long(value, 1, 100000, &x))
		h->login_free_ip = (int)x;
	else if (!strcmp(name, "login_delay") && parse_long(value, 1, 3600, &x))
		h->login_delay = x;
	else if ((!strcmp(name, "login_delay_max") || !strcmp(name, "login_window")) &&
		 parse_long(value, 1, 86400, &x))
		h->login_delay_max = x;
	else if (!strcmp(name, "login_forget") && parse_long(value, 60, 365L * 86400, &x))
		h->login_forget = x;
	else
		return 1;
	return 0;
}

/* "-3,0,3" → offsets in days from the deadline. */
static int parse_offsets(lt_config *c, const char *value)
{
	const char *p = value;

	c->nremind = 0;
	while (*p) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p || v < -60 || v > 60 || c->nremind >= 8)
			return 1;
		c->remind_offsets[c->nremind++] = (int)v;
		p = end;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

static int on_kv(void *user, const char *section, const char *name, const char *value)
{
	parse_ctx *p = user;
	lt_config *c = p->c;
	long x;

	if (p->rc)
		return 0;
#define IS(s, n) (!strcmp(section, s) && !strcmp(name, n))
	if (IS("database", "url")) {
		snprintf(c->db_url, sizeof(c->db_url), "%s", value);
	} else if (IS("database", "read_url")) {
		snprintf(c->db_read_url, sizeof(c->db_read_url), "%s", value);
	} else if (IS("server", "listen")) {
		if (lt_config_set_listen(c, value, p->e))
			return bad(p, section, name, value);
	} else if (IS("server", "public_url")) {
		size_t n = strlen(value);
		if (n >= sizeof(c->public_url) ||
		    (strncmp(value, "http://", 7) && strncmp(value, "https://", 8))) {
			p->rc = lt_error_set(p->e, LT_EINVAL, "server.public_url",
					     "server.public_url phải bắt đầu bằng http:// hoặc https:// "
					     "(dưới 256 ký tự): \"%s\"",
					     "server.public_url must start with http:// or https:// "
					     "(under 256 characters): \"%s\"", value);
			return 1;
		}
		snprintf(c->public_url, sizeof(c->public_url), "%s", value);
		if (n && c->public_url[n - 1] == '/')
			c->public_url[n - 1] = '\0';
	} else if (IS("server", "threads")) {
		if (!parse_long(value, 1, 256, &x))
			return bad(p, section, name, value);
		c->http.threads = (int)x;
	} else if (IS("server", "web_root")) {
		snprintf(c->web_root, sizeof(c->web_root), "%s", value);
	} else if (IS("server", "body_limit")) {
		if (!parse_long(value, 1024, 1L << 30, &x))
			return bad(p, section, name, value);
		c->http.body_limit = (size_t)x;
	} else if (IS("server", "body_memory")) {
		if (!parse_long(value, 1L << 20, 1L << 36, &x))
			return bad(p, section, name, value);
		c->http.body_memory = (size_t)x;
	} else if (IS("server", "max_connections_per_ip")) {
		if (!parse_long(value, 0, 1000, &x))
			return bad(p, section, name, value);
		c->http.max_conns_per_ip = (int)x;
	} else if (IS("server", "secure_cookies")) {
		if (!parse_bool(value, &c->http.secure_cookies))
			return bad(p, section, name, value);
		p->secure_set = true;
	} else if (IS("server", "metrics_allow")) {
		if (strlen(value) >= sizeof(c->http.metrics_allow) ||
		    lt_app_addr_list_check(value, "server.metrics_allow", p->e))
			return bad(p, section, name, value);
		snprintf(c->http.metrics_allow, sizeof(c->http.metrics_allow), "%s", value);
	} else if (IS("server", "access_log")) {
		if (!parse_bool(value, &c->http.access_log))
			return bad(p, section, name, value);
	} else if (IS("server", "group_commit")) {
		bool on;

		if (!parse_bool(value, &on))
			return bad(p, section, name, value);
		c->http.group_commit = on;
	} else if (IS("server", "session_ttl")) {
		if (!parse_long(value, 60, 30L * 86400, &x))
			return bad(p, section, name, value);
		c->http.session_ttl = x;
	} else if (IS("security", "hash_memory")) {
		if (lt_config_hash_memory(value, &c->hash_memory, "security.hash_memory", p->e))
			p->rc = LT_EINVAL;
	} else if (!strcmp(section, "security") && strcmp(name, "hash_concurrency")) {
		if (security_key(c, name, value))
			return bad(p, section, name, value);
	} else if (IS("security", "hash_concurrency")) {
		if (!parse_long(value, 1, 64, &x))
			return bad(p, section, name, value);
		c->hash_concurrency = (int)x;
	} else if (!strcmp(section, "feedback")) {
		/* Process-wide settings of the feedback module (store/feedback.h). */
		lt_feedback_config fc = *lt_feedback_config_get();
		if (lt_feedback_config_kv(&fc, name, value, p->e)) {
			p->rc = LT_EINVAL;
			return 0;
		}
		lt_feedback_config_set(&fc);
	} else if (!strcmp(section, "smtp")) {
		if (smtp_key(c, name, value))
			return bad(p, section, name, value);
	} else if (IS("reports", "remind_offsets")) {
		if (parse_offsets(c, value))
			return bad(p, section, name, value);
	} else if (!strcmp(section, "linkcheck")) {
		if (linkcheck_key(c, name, value))
			return bad(p, section, name, value);
	} else if (!strcmp(section, "signing")) {
		if (signing_key(c, name, value))
			return bad(p, section, name, value);
	} else if (!strcmp(section, "feedback")) {
		/* Sections read by the modules that own them. */
	} else {
		char field[LT_ERR_FIELD_MAX];
		snprintf(field, sizeof(field), "%s.%s", section, name);
		p->rc = lt_error_set(p->e, LT_EINVAL, field, "Khoá cấu hình không rõ: %s",
				     "Unknown setting: %s", field);
	}
#undef IS
	return 1; /* inih: non-zero means the line was fine (errors are in p->rc) */
}

int lt_config_set_listen(lt_config *c, const char *hostport, lt_error *e)
{
	const char *colon = strrchr(hostport, ':');
	long port;

	if (!colon || colon == hostport || (size_t)(colon - hostport) >= sizeof(c->listen_host) ||
	    !parse_long(colon + 1, 1, 65535, &port))
		return lt_error_set(e, LT_EINVAL, "listen", "Cần dạng HOST:PORT, ví dụ 127.0.0.1:8080",
				    "Expected HOST:PORT, e.g. 127.0.0.1:8080");
	memcpy(c->listen_host, hostport, (size_t)(colon - hostport));
	c->listen_host[colon - hostport] = '\0';
	c->http.port = (int)port;
	lt_app_digest_set_base(c->public_url, c->listen_host, c->http.port);
	return 0;
}

int lt_config_hash_memory(const char *value, unsigned *kib, const char *field, lt_error *e)
{
	long x;

	if (!parse_long(value, LT_PWHASH_MEMORY_MIN, LT_PWHASH_MEMORY_MAX, &x))
		return lt_error_set(e, LT_EINVAL, field,
				    "%s = \"%s\": bộ nhớ của một lần băm mật khẩu tính bằng KiB, từ %d "
				    "(mức tối thiểu OWASP khuyên cho Argon2id) đến %d",
				    "%s = \"%s\": the memory of one password hash in KiB, from %d "
				    "(OWASP's minimum for Argon2id) to %d",
				    field, value, LT_PWHASH_MEMORY_MIN, LT_PWHASH_MEMORY_MAX);
	*kib = (unsigned)x;
	return 0;
}

int lt_config_load(lt_config *c, const char *file, lt_error *e)
{
	parse_ctx p = { c, e, 0, false };
	int line;

	memset(c, 0, sizeof(*c));
	lt_http_config_defaults(&c->http);
	snprintf(c->db_url, sizeof(c->db_url), "sqlite:data/lantoa.db");
	snprintf(c->web_root, sizeof(c->web_root), "web/dist");
	snprintf(c->listen_host, sizeof(c->listen_host), "127.0.0.1");
	c->hash_concurrency = 2;
	c->hash_memory = LT_PWHASH_MEMORY_DEFAULT;
	lt_smtp_config_defaults(&c->smtp);
	lt_linkcheck_config_defaults(&c->linkcheck);
	c->remind_offsets[0] = -3;
	c->remind_offsets[1] = 0;
	c->remind_offsets[2] = 3;
	c->nremind = 3;
	if (file) {
		line = ini_parse(file, on_kv, &p);
		if (line < 0)
			return lt_error_set(e, LT_EIO, "config", "Không đọc được tệp cấu hình %s",
					    "Cannot read config file %s", file);
		if (p.rc)
			return p.rc;
		if (line > 0)
			return lt_error_set(e, LT_EINVAL, "config", "Tệp cấu hình %s lỗi ở dòng %d",
					    "Config file %s: syntax error on line %d", file, line);
	}
	if (c->http.login_delay > c->http.login_delay_max ||
	    c->http.login_delay_max > c->http.login_forget)
		return lt_error_set(e, LT_EINVAL, "security.login_delay_max",
				    "Cần login_delay ≤ login_delay_max ≤ login_forget",
				    "login_delay ≤ login_delay_max ≤ login_forget is required");
	/* Served at an https:// address, the session cookie is Secure unless the
	 * file says otherwise: an operator who forgot the setting behind TLS would
	 * otherwise let the cookie travel in clear over a plain-http link. */
	if (!p.secure_set && !strncmp(c->public_url, "https://", 8))
		c->http.secure_cookies = true;
	c->http.listen_host = c->listen_host;
	c->http.web_root = c->web_root;
	lt_app_digest_set_base(c->public_url, c->listen_host, c->http.port);
	return 0;
}
