/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_serve.c — `lantoa serve [--listen HOST:PORT] [--web-root DIR] [--threads N]`. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/config.h"
#include "cli/opts.h"
#include "http/http.h" /* the one command that starts the server */
#include "http/linkcheck_worker.h"
#include "store/store.h"

typedef struct serve_opts {
	const char *listen, *web_root;
	long threads;
} serve_opts;

static const lt_opt serve_opts_table[] = {
	{ "listen", LT_OPT_STR, offsetof(serve_opts, listen), "HOST:PORT",
	  "địa chỉ nghe (mặc định 127.0.0.1:8080)", "address to listen on (default 127.0.0.1:8080)" },
	{ "web-root", LT_OPT_STR, offsetof(serve_opts, web_root), "DIR",
	  "thư mục giao diện web (web/dist)", "folder of the web UI (web/dist)" },
	{ "threads", LT_OPT_INT, offsetof(serve_opts, threads), "N", "số luồng phục vụ (1–256)",
	  "worker threads (1–256)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec serve_spec = {
	"serve", NULL, 0, 0, serve_opts_table,
	"Chạy giao diện web và API JSON (mặc định 127.0.0.1:8080).",
	"Serve the web UI and the JSON API (default 127.0.0.1:8080).",
};

int lt_cmd_serve(lt_cli *cli, int argc, char **argv)
{
	lt_config *cfg = cli->cfg;
	serve_opts o = { 0 };
	lt_app app = { 0 };
	int rc = lt_cli_parse(cli, &serve_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (o.listen) {
		rc = lt_config_set_listen(cfg, o.listen, &cli->err);
		if (rc)
			return rc;
	}
	if (o.web_root)
		snprintf(cfg->web_root, sizeof(cfg->web_root), "%s", o.web_root);
	if (o.threads) {
		if (o.threads < 1 || o.threads > 256)
			return lt_error_set(&cli->err, LT_EINVAL, "--threads", "Số luồng từ 1 đến 256",
					    "Threads must be 1 to 256");
		cfg->http.threads = (int)o.threads;
	}
	cfg->http.listen_host = cfg->listen_host;
	cfg->http.web_root = cfg->web_root;
	app.cfg = cfg->http;
	app.smtp = cfg->smtp;
	memcpy(app.remind_offsets, cfg->remind_offsets, sizeof(app.remind_offsets));
	app.nremind = cfg->nremind;
	app.signing = cfg->signing;
	/* One connection per worker thread, plus one for the odd long request. */
	rc = lt_store_open(cli->db_url, cfg->http.threads + 1, &app.store, &cli->err);
	if (rc)
		return rc;
	/* --db-read: lists, dashboards and exports read from a replica (http/server.c). */
	if (cli->db_read_url) {
		rc = lt_store_open_read(app.store, cli->db_read_url, cfg->http.threads + 1,
					&cli->err);
		if (rc) {
			lt_store_close(app.store);
			return rc;
		}
	}
	rc = lt_linkcheck_worker_start(app.store, &cfg->linkcheck, &cli->err);
	if (!rc)
		rc = lt_http_serve(&app, &cli->err);
	lt_linkcheck_worker_stop();
	lt_store_close(app.store);
	return rc;
}
