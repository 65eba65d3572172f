/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cli.h — what every `lantoa` subcommand receives.
 *
 * main.c parses the global options (--db, --config, --json, --lang), finds
 * the command in its table and calls its function with the remaining
 * arguments (argv[0] is the subcommand name). A command returns 0 or a
 * negative LT_E* code with cli->err filled; main prints the error (in the
 * chosen language, or as JSON with --json) and maps the code to the exit
 * status with lt_err_exit_code().
 */
#ifndef LT_CLI_H
#define LT_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "app/actor.h"
#include "core/error.h"
#include "store/db.h"
#include "store/unit.h"

struct lt_config;

typedef struct lt_cli {
	const char *db_url;  /* --db, else $LANTOA_DB, else "sqlite:data/lantoa.db" */
	const char *db_read_url; /* --db-read, else $LANTOA_DB_READ, else [database] read_url; or NULL */
	const char *config;  /* --config FILE or NULL */
	bool json;           /* --json: machine-readable output on stdout */
	bool en;             /* --lang en (or LANG=en*): English messages */
	bool tty;            /* stderr is a terminal: progress bars allowed */
	const char *as;      /* --as LOGIN: act as that user (access checked), else the operator */
	lt_error err;        /* filled by a failing command */
	struct lt_config *cfg; /* the loaded configuration */
} lt_cli;

typedef int (*lt_cli_fn)(lt_cli *cli, int argc, char **argv);

/* True when argv holds -h or --help; commands then print their usage and return 0. */
bool lt_cli_wants_help(int argc, char **argv);

/*
 * Progress bar on stderr when cli->tty: "label  [#####     ]  50% (500/1000)".
 * Call with done == total to finish the line. No output when !cli->tty.
 */
void lt_cli_progress(const lt_cli *cli, const char *label, long done, long total);

/* Open the database (cli->db_url) and bring its schema up to date. Owned *db. */
LT_MUST_CHECK int lt_cli_open_db(lt_cli *cli, lt_db **db);

/*
 * Print j on stdout as one JSON document (flags: JSON_INDENT(2) for a
 * reader, JSON_COMPACT for one document per line) and release it.
 */
void lt_cli_print_json(json_t *j, size_t flags);

/*
 * The unit with code, for the option named field ("--unit", "--parent"…):
 * a missing code or an unknown unit is an error that names that option.
 */
LT_MUST_CHECK int lt_cli_unit(lt_cli *cli, lt_db *db, lt_arena *a, const char *code,
			      const char *field, lt_unit *u);

/*
 * Who the command acts as: the console operator (the whole tree, as an
 * administrator), or with --as LOGIN that user, whose access app/ then
 * checks like the web's. Strings live in a.
 */
LT_MUST_CHECK int lt_cli_actor(lt_cli *cli, lt_db *db, lt_arena *a, lt_actor *out);

/*
 * What most commands work with: the database, the actor and an arena for
 * both. lt_cli_start opens the database (cli->db_url, schema brought up to
 * date) and builds the actor (lt_cli_actor); lt_cli_stop releases all of
 * it (also after a failed start).
 */
typedef struct lt_cli_session {
	lt_db *db;
	lt_arena a;
	lt_actor who;
} lt_cli_session;

LT_MUST_CHECK int lt_cli_start(lt_cli *cli, lt_cli_session *s);
void lt_cli_stop(lt_cli_session *s);

/* Print a message to stderr in the CLI's language. */
void lt_cli_say(const lt_cli *cli, const char *vi, const char *en);

/* Read all of FILE ("-" = stdin) into an owned buffer; size cap max. */
LT_MUST_CHECK int lt_cli_read_file(lt_cli *cli, const char *path, size_t max, char **data,
				   size_t *len);

#endif
