/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_serve.c — `lantoa serve [--listen HOST:PORT] [--web-root DIR] [--threads N]`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/config.h"
#include "store/store.h"

int lt_cmd_serve(lt_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "web-root", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	lt_config *cfg = cli->cfg;
	lt_app app = { 0 };
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			rc = lt_config_set_listen(cfg, optarg, &cli->err);
			if (rc)
				return rc;
			break;
		case 'w':
			snprintf(cfg->web_root, sizeof(cfg->web_root), "%s", optarg);
			break;
		case 't':
			cfg->http.threads = atoi(optarg);
			if (cfg->http.threads < 1 || cfg->http.threads > 256)
				return lt_error_set(&cli->err, LT_EINVAL, "--threads",
						    "Số luồng từ 1 đến 256", "Threads must be 1 to 256");
			break;
		case 'h':
			printf("lantoa serve [--listen HOST:PORT] [--web-root DIR] [--threads N]\n"
			       "  %s\n",
			       cli->en ? "Serve the web UI and the JSON API (default 127.0.0.1:8080)."
				       : "Chạy giao diện web và API JSON (mặc định 127.0.0.1:8080).");
			return 0;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, "serve", "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	cfg->http.listen_host = cfg->listen_host;
	cfg->http.web_root = cfg->web_root;
	app.cfg = cfg->http;
	app.smtp = cfg->smtp;
	memcpy(app.remind_offsets, cfg->remind_offsets, sizeof(app.remind_offsets));
	app.nremind = cfg->nremind;
	/* One connection per worker thread, plus one for the odd long request. */
	rc = lt_store_open(cli->db_url, cfg->http.threads + 1, &app.store, &cli->err);
	if (rc)
		return rc;
	rc = lt_linkcheck_worker_start(app.store, &cfg->linkcheck, &cli->err);
	if (!rc)
		rc = lt_http_serve(&app, &cli->err);
	lt_linkcheck_worker_stop();
	lt_store_close(app.store);
	return rc;
}
