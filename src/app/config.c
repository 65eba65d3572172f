/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* config.c — the defaults of the settings; see config.h. */
#include "app/config.h"

#include <stdio.h>
#include <string.h>

void lt_http_config_defaults(lt_http_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->listen_host = "127.0.0.1";
	cfg->port = 8080;
	cfg->threads = 4;
	cfg->web_root = "web/dist";
	cfg->body_limit = 1024 * 1024;
	cfg->body_memory = (size_t)256 << 20;
	cfg->max_conns_per_ip = 100;
	cfg->session_ttl = 12 * 3600;
	cfg->login_free = 5;
	cfg->login_free_ip = 30;
	cfg->login_delay = 30;
	cfg->login_delay_max = 15 * 60;
	cfg->login_forget = 24 * 3600;
	cfg->access_log = true;
	cfg->group_commit = LT_GROUP_AUTO;
	snprintf(cfg->metrics_allow, sizeof(cfg->metrics_allow), "127.0.0.1, ::1");
}

void lt_linkcheck_config_defaults(lt_linkcheck_config *c)
{
	memset(c, 0, sizeof(*c));
	c->connect_timeout_ms = 5000;
	c->timeout_ms = 15000;
	c->max_bytes = 1u << 20;
	c->max_redirects = 5;
	c->interval_ms = 2000;
	c->max_attempts = 3;
}
