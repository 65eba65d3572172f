/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/postgres/ that only PostgreSQL can show: a connection
 * the server ends is made again on the next use (and not inside a
 * transaction), and so is one the server refuses writes on (read-only), a wrong URL, a refused connection and a wrong password each
 * name the server and the reason (never the password), a database sorting
 * text by language rules is refused, lock timeouts are LT_EBUSY, online
 * backup is refused, and a large result streams. Skipped
 * unless LANTOA_TEST_PG holds a URL (scripts/pg-test.sh start).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "store/db.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;    /* the connection under test, in its own schema */
	lt_db *admin; /* another connection to the same database */
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	if (!lt_test_pg_url()) {
		free(f);
		*state = NULL;
		return 0;
	}
	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_db_open(lt_test_pg_url(), &f->admin, &e), 0);
	if (lt_db_exec(f->db, "CREATE TABLE t(id {{ID}}, v TEXT UNIQUE, n BIGINT)", &e))
		fail_msg("%s", e.en);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	if (f) {
		lt_db_close(f->db);
		lt_db_close(f->admin);
		free(f);
	}
	return 0;
}

#define NEED_PG(f)                                                   \
	do {                                                         \
		if (!(f)) {                                          \
			print_message("# LANTOA_TEST_PG is not set\n"); \
			skip();                                      \
		}                                                    \
	} while (0)

static int64_t scalar(lt_db *db, const char *sql, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t v = -1;
	int rc;

	if (lt_db_prepare(db, sql, &st, e))
		return -1;
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		v = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : v;
}

static int64_t backend_pid(lt_db *db)
{
	lt_error e;
	int64_t pid = scalar(db, "SELECT pg_backend_pid()", &e);

	if (pid <= 0)
		fail_msg("pg_backend_pid: %s", e.en);
	return pid;
}

/* End db's server process from another connection, as a restart or an administrator would. */
static void terminate(fx *f, int64_t pid)
{
	lt_stmt *st = NULL;
	lt_error e;

	assert_int_equal(lt_db_prepare(f->admin, "SELECT pg_terminate_backend($1::int)", &st, &e), 0);
	lt_stmt_bind_int(st, 1, pid);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	assert_int_equal(lt_stmt_int(st, 0), 1);
	lt_stmt_done(st);
	/* pg_terminate_backend only signals: wait until the process is gone. */
	for (int i = 0; i < 200; i++) {
		assert_int_equal(lt_db_prepare(f->admin,
					       "SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int",
					       &st, &e), 0);
		lt_stmt_bind_int(st, 1, pid);
		assert_int_equal(lt_stmt_step(st, &e), 1);
		int64_t left = lt_stmt_int(st, 0);
		lt_stmt_done(st);
		if (!left)
			return;
		usleep(10000);
	}
	fail_msg("backend %lld did not end", (long long)pid);
}

static int insert(lt_db *db, const char *v, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "INSERT INTO t(v) VALUES ($1)", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, v);
	return lt_stmt_run(st, e);
}

/* A server that ended the connection while it was idle: the next use reconnects, statements prepare again. */
static void test_reconnect_after_terminate(void **state)
{
	fx *f = *state;
	lt_error e;
	int64_t before;

	NEED_PG(f);
	assert_int_equal(insert(f->db, "before", &e), 0); /* prepared on the first connection */
	before = backend_pid(f->db);
	terminate(f, before);
	if (insert(f->db, "after", &e))
		fail_msg("after the restart: %s", e.en);
	assert_true(backend_pid(f->db) != before);
	/* The schema of the URL's options came back with the connection. */
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t", &e), 2);
	/* And again, to be sure it was not luck. */
	terminate(f, backend_pid(f->db));
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t", &e), 2);
}

/* Lost inside a transaction: that transaction fails, whole; the next one runs on a new connection. */
static void test_lost_inside_a_transaction(void **state)
{
	fx *f = *state;
	lt_error e;

	NEED_PG(f);
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	assert_int_equal(insert(f->db, "first", &e), 0);
	terminate(f, backend_pid(f->db));
	/* LT_EBUSY: the HTTP adapter answers 503 with Retry-After; a retry runs on a new connection. */
	assert_int_equal(insert(f->db, "second", &e), LT_EBUSY);
	assert_non_null(strstr(e.en, "connection"));
	assert_int_equal(lt_db_end(f->db, LT_EBUSY, &e), LT_EBUSY);
	assert_false(lt_db_in_tx(f->db));
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	assert_int_equal(insert(f->db, "third", &e), 0);
	assert_int_equal(lt_db_end(f->db, 0, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t", &e), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t WHERE v = 'third'", &e), 1);
}

/*
 * A primary demoted while it stays up (issue 11): its connections still work,
 * but every write gets SQLSTATE 25006, and only a new connection (through
 * HAProxy, or a host list with target_session_attrs=read-write) reaches the
 * new primary. Simulated by making this connection's session alone read-only
 * (SET SESSION CHARACTERISTICS … READ ONLY): the setting lasts as long as the
 * session, so, as on the demoted server, no write on this connection can work
 * again until the driver makes it anew; a driver that only mapped the error
 * would fail every later write too. The server itself never changes, so
 * nothing else is needed to make it writable "again".
 */
static void read_only_session(lt_db *db)
{
	lt_error e;

	if (lt_db_exec(db, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", &e))
		fail_msg("SET read only: %s", e.en);
}

static void test_read_only_server_reconnects(void **state)
{
	fx *f = *state;
	lt_error e;
	int64_t before;

	NEED_PG(f);
	assert_int_equal(insert(f->db, "before", &e), 0);
	before = backend_pid(f->db);
	read_only_session(f->db);
	/* LT_EBUSY: 503 with Retry-After; the message names the server and why. */
	assert_int_equal(insert(f->db, "refused", &e), LT_EBUSY);
	assert_non_null(strstr(e.en, "read-only"));
	assert_non_null(strstr(e.en, "PostgreSQL at "));
	assert_non_null(strstr(e.vi, "chỉ cho đọc"));
	/* The next use is on a new connection, which writes. */
	if (insert(f->db, "after", &e))
		fail_msg("after the read-only answer: %s", e.en);
	assert_true(backend_pid(f->db) != before);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t", &e), 2);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t WHERE v = 'refused'", &e), 0);
}

/* Refused inside a transaction: never made anew in its middle (no half-kept transaction). */
static void test_read_only_inside_a_transaction(void **state)
{
	fx *f = *state;
	lt_error e;
	int64_t before;

	NEED_PG(f);
	read_only_session(f->db);
	before = backend_pid(f->db);
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	assert_int_equal(insert(f->db, "first", &e), LT_EBUSY);
	/* Still the same, aborted, transaction: a second write is not run on a new connection. */
	assert_true(insert(f->db, "second", &e) < 0);
	assert_int_equal(lt_db_end(f->db, LT_EBUSY, &e), LT_EBUSY);
	assert_false(lt_db_in_tx(f->db));
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	assert_int_equal(insert(f->db, "third", &e), 0);
	assert_int_equal(lt_db_end(f->db, 0, &e), 0);
	assert_true(backend_pid(f->db) != before);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t", &e), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM t WHERE v = 'third'", &e), 1);
}

/* A URL with the password replaced by another. */
static void with_password(const char *url, const char *pw, char *out, size_t cap)
{
	const char *at = strchr(url, '@'), *colon;

	assert_non_null(at);
	colon = memchr(url + 13, ':', (size_t)(at - url - 13));
	assert_non_null(colon);
	snprintf(out, cap, "%.*s:%s%s", (int)(colon - url), url, pw, at);
}

/* The host:port of the URL, as messages name it. */
static void host_port(const char *url, char *out, size_t cap)
{
	const char *at = strchr(url, '@') + 1, *slash = strchr(at, '/');

	snprintf(out, cap, "%.*s", (int)(slash - at), at);
}

static void test_bad_password_names_the_server(void **state)
{
	fx *f = *state;
	lt_db *db = NULL;
	lt_error e;
	char url[512], where[128];

	NEED_PG(f);
	with_password(lt_test_pg_url(), "not-the-password-42", url, sizeof(url));
	host_port(lt_test_pg_url(), where, sizeof(where));
	assert_int_equal(lt_db_open(url, &db, &e), LT_EDB);
	assert_null(db);
	assert_string_equal(e.field, "db");
	assert_non_null(strstr(e.en, where));
	assert_non_null(strstr(e.en, "password authentication failed"));
	assert_null(strstr(e.en, "not-the-password-42"));
	assert_null(strstr(e.vi, "not-the-password-42"));
}

static int free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t n = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &n), 0);
	close(s);
	return ntohs(a.sin_port);
}

/* Nobody listening: the server and the reason, at once (no retry loop hiding it). */
static void test_refused_names_the_server(void **state)
{
	lt_db *db = NULL;
	lt_error e;
	char url[128], where[64];
	int port = free_port();

	(void)state;
	snprintf(url, sizeof(url), "postgresql://lantoa:secret-pw@127.0.0.1:%d/lantoa", port);
	snprintf(where, sizeof(where), "127.0.0.1:%d/lantoa", port);
	assert_int_equal(lt_db_open(url, &db, &e), LT_EDB);
	assert_null(db);
	assert_non_null(strstr(e.en, where));
	assert_non_null(strstr(e.en, "Connection refused"));
	assert_null(strstr(e.en, "secret-pw"));
}

static void test_bad_url(void **state)
{
	lt_db *db = NULL;
	lt_error e;

	(void)state;
	assert_int_equal(lt_db_open("postgresql://u:pw@[::1/db", &db, &e), LT_EINVAL);
	assert_string_equal(e.field, "db");
	assert_non_null(strstr(e.en, "Invalid PostgreSQL URL"));
	assert_int_equal(lt_db_open("postgresql://h/db?nosuchoption=1", &db, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "nosuchoption"));
	assert_int_equal(lt_db_open("mysql://u:secret@h/db", &db, &e), LT_EINVAL);
	assert_null(strstr(e.en, "secret"));
	assert_null(db);
}

/* A row another transaction holds, with a lock timeout: busy, which the caller may retry. */
static void test_lock_timeout_is_busy(void **state)
{
	fx *f = *state;
	lt_db *other = NULL;
	lt_error e;
	char url[1024];

	NEED_PG(f);
	assert_int_equal(insert(f->db, "held", &e), 0);
	/* The same schema, on a second connection. */
	assert_int_equal(scalar(f->db, "SELECT 1", &e), 1);
	lt_stmt *st = NULL;
	assert_int_equal(lt_db_prepare(f->db, "SELECT current_schema()", &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	snprintf(url, sizeof(url), "%s%soptions=-csearch_path%%3D%s", lt_test_pg_url(),
		 strchr(lt_test_pg_url(), '?') ? "&" : "?", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	assert_int_equal(lt_db_open(url, &other, &e), 0);
	assert_int_equal(lt_db_exec(other, "SET lock_timeout = '100ms'", &e), 0);

	assert_int_equal(lt_db_begin(f->db, &e), 0);
	assert_int_equal(lt_db_exec(f->db, "UPDATE t SET n = 1 WHERE v = 'held'", &e), 0);
	assert_int_equal(lt_db_begin(other, &e), 0);
	assert_int_equal(lt_db_exec(other, "UPDATE t SET n = 2 WHERE v = 'held'", &e), LT_EBUSY);
	assert_int_equal(lt_db_end(other, LT_EBUSY, &e), LT_EBUSY);
	assert_int_equal(lt_db_end(f->db, 0, &e), 0);
	assert_int_equal(scalar(other, "SELECT n FROM t WHERE v = 'held'", &e), 1);
	lt_db_close(other);
}

/* A URL without options= gets the default statement timeout; past a statement timeout
 * the error is LT_EBUSY (503 with Retry-After), and the connection serves the next one. */
static void test_statement_timeout_is_busy(void **state)
{
	fx *f = *state;
	lt_db *db = NULL;
	lt_stmt *st = NULL;
	lt_error e;

	NEED_PG(f);
	assert_int_equal(lt_db_open(lt_test_pg_url(), &db, &e), 0);
	assert_int_equal(lt_db_prepare_once(db, "SHOW statement_timeout", &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	assert_string_equal(lt_stmt_text(st, 0), "20s");
	lt_stmt_free(st);
	assert_int_equal(lt_db_exec(db, "SET statement_timeout = '100ms'", &e), 0);
	assert_int_equal(lt_db_exec(db, "SELECT pg_sleep(2)", &e), LT_EBUSY);
	assert_non_null(strstr(e.en, "too long"));
	assert_int_equal(scalar(db, "SELECT 1", &e), 1);
	lt_db_close(db);
}

/* A database that sorts text by a language's rules would answer subtree ranges wrongly: refused. */
static void test_language_collation_refused(void **state)
{
	fx *f = *state;
	lt_db *db = NULL;
	lt_error e;
	char name[64], sql[160], url[1024];
	const char *pg, *slash;

	NEED_PG(f);
	snprintf(name, sizeof(name), "coll_%ld", (long)getpid());
	snprintf(sql, sizeof(sql),
		 "CREATE DATABASE %s LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' TEMPLATE template0", name);
	if (lt_db_exec(f->admin, sql, &e))
		fail_msg("%s", e.en);
	pg = lt_test_pg_url();
	slash = strchr(strchr(pg, '@'), '/');
	snprintf(url, sizeof(url), "%.*s/%s", (int)(slash - pg), pg, name);
	assert_int_equal(lt_db_open(url, &db, &e), LT_EINVAL);
	assert_null(db);
	assert_string_equal(e.field, "db");
	assert_non_null(strstr(e.en, "vi-VN"));
	assert_non_null(strstr(e.en, "LOCALE 'C'"));
	snprintf(sql, sizeof(sql), "DROP DATABASE %s", name);
	assert_int_equal(lt_db_exec(f->admin, sql, &e), 0);
}

static void test_backup_is_sqlite_only(void **state)
{
	fx *f = *state;
	lt_error e;

	NEED_PG(f);
	assert_int_equal(lt_db_backup(f->db, "/tmp/never-written.db", &e), LT_EUNSUPPORTED);
	assert_non_null(strstr(e.en, "pg_dump"));
	assert_int_equal(access("/tmp/never-written.db", F_OK), -1);
}

/* A result of many rows streams, and sums the same whether read as int8 (binary) or numeric (text). */
static void test_large_result(void **state)
{
	fx *f = *state;
	lt_stmt *st = NULL;
	lt_error e;
	int64_t rows = 0, sum = 0;

	NEED_PG(f);
	assert_int_equal(lt_db_exec(f->db,
				    "INSERT INTO t(n) SELECT CAST(g AS BIGINT) * 1000000"
				    " FROM generate_series(1, 100000) g",
				    &e), 0);
	assert_int_equal(lt_db_changes(f->db), 100000);
	assert_int_equal(lt_db_prepare(f->db, "SELECT n FROM t WHERE n IS NOT NULL", &st, &e), 0);
	while (lt_stmt_step(st, &e) == 1) {
		sum += lt_stmt_int(st, 0);
		rows++;
	}
	lt_stmt_done(st);
	assert_int_equal(rows, 100000);
	assert_int_equal(sum, INT64_C(100000) * 100001 / 2 * 1000000);
	/* sum(bigint) is numeric: read through text. */
	assert_int_equal(scalar(f->db, "SELECT sum(n) FROM t", &e), sum);
	assert_int_equal(lt_db_prepare(f->db, "SELECT sum(n) / 7 FROM t", &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	assert_true(lt_stmt_double(st, 0) > (double)sum / 7 - 1);
	assert_true(lt_stmt_double(st, 0) < (double)sum / 7 + 1);
	lt_stmt_done(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reconnect_after_terminate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lost_inside_a_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_server_reconnects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_inside_a_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_password_names_the_server, setup, teardown),
		cmocka_unit_test(test_refused_names_the_server),
		cmocka_unit_test(test_bad_url),
		cmocka_unit_test_setup_teardown(test_lock_timeout_is_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statement_timeout_is_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_language_collation_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_is_sqlite_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_result, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
