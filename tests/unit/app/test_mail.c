/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/mail.c and the claim in src/store/mail.c: a message is
 * claimed by one claimer only, a dead claimer's lease runs out, an outcome
 * counts only under the claim that made it, no transaction is open while
 * the SMTP server talks, failures are retried with a growing delay and
 * given up after the last attempt, and only the system or an administrator
 * delivers. The SMTP server is a small one in a thread of this test.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/mail.h"
#include "store/mail.h"

typedef struct fx {
	char path[64];
	lt_db *db;
	lt_actor system;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	setenv("LANTOA_NOW", "1708000000", 1);
	snprintf(f->path, sizeof(f->path), "/tmp/lantoa-test-mail-%d.db", (int)getpid());
	unlink(f->path);
	assert_int_equal(lt_db_open(f->path, &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	lt_actor_system(&f->system);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	char wal[80];

	lt_db_close(f->db);
	unlink(f->path);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", f->path);
	unlink(wal);
	free(f);
	unsetenv("LANTOA_NOW");
	return 0;
}

static int64_t queue(fx *f, const char *subject)
{
	lt_mail_att att = { "a.txt", "text/plain", "xin chào", 10 };
	int64_t id = 0;
	lt_error e;
	assert_int_equal(lt_mail_enqueue(f->db, "test", 1, "unit@example.org", subject, "Nội dung", &att,
					 1, &id, &e), 0);
	return id;
}

static int64_t scalar(fx *f, const char *sql)
{
	lt_stmt *st = NULL;
	lt_error e;
	int64_t n;
	assert_int_equal(lt_db_prepare(f->db, sql, &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return n;
}

static void test_one_claimer_wins_each_row(void **state)
{
	fx *f = *state;
	int64_t a = queue(f, "một"), b = queue(f, "hai"), id = 0;
	lt_error e;

	assert_int_equal(lt_mail_claim(f->db, 1708000000, 1708000600, "A", &id, &e), 0);
	assert_int_equal(id, a);
	/* The next claimer gets the other row, then nothing. */
	assert_int_equal(lt_mail_claim(f->db, 1708000000, 1708000600, "B", &id, &e), 0);
	assert_int_equal(id, b);
	assert_int_equal(lt_mail_claim(f->db, 1708000000, 1708000600, "C", &id, &e), 0);
	assert_int_equal(id, 0);
	/* A's lease passes with A gone: the row is free again, and C takes it. */
	assert_int_equal(lt_mail_claim(f->db, 1708000601, 1708001201, "C", &id, &e), 0);
	assert_int_equal(id, a);
}

static void test_an_outcome_counts_only_under_its_claim(void **state)
{
	fx *f = *state;
	int64_t a = queue(f, "một"), id = 0;
	bool held = true;
	lt_error e;

	assert_int_equal(lt_mail_claim(f->db, 1708000000, 1708000600, "A", &id, &e), 0);
	assert_int_equal(lt_mail_claim(f->db, 1708000601, 1708001201, "B", &id, &e), 0);
	assert_int_equal(id, a);
	/* A comes back late: its claim passed to B, nothing of A's is written. */
	assert_int_equal(lt_mail_finish(f->db, a, "A", 1708000700, true, "250 ok", "sent", 0, &held, &e), 0);
	assert_false(held);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_attempt"), 0);
	assert_int_equal(scalar(f, "SELECT attempts FROM mail_queue"), 0);
	assert_int_equal(lt_mail_finish(f->db, a, "B", 1708000700, true, "250 ok", "sent", 0, &held, &e), 0);
	assert_true(held);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_attempt"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_queue WHERE status = 'sent' AND claimed_by IS NULL AND sent_at = 1708000700"), 1);
}

/* --- a small SMTP server: one connection, accept every message --- */

typedef struct smtp_srv {
	int fd, port;
	const char *dbpath;
	int messages;
	double free_ms; /* how long another writer waited for the database while we talked */
	pthread_t th;
} smtp_srv;

static void say(int c, const char *s)
{
	ssize_t n = write(c, s, strlen(s));
	(void)n;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* While the client waits for our greeting, take the database's write lock from another connection. */
static void probe_db(smtp_srv *s)
{
	lt_db *db = NULL;
	lt_error e;
	double t0 = now_ms();
	if (lt_db_open(s->dbpath, &db, &e) == 0 && lt_db_begin(db, &e) == 0 &&
	    lt_db_end(db, 0, &e) == 0)
		s->free_ms = now_ms() - t0;
	else
		s->free_ms = 1e9;
	lt_db_close(db);
}

static void *serve(void *arg)
{
	smtp_srv *s = arg;
	char buf[8192 + 8], *in = buf + 4;
	bool data = false;
	int c = accept(s->fd, NULL, NULL);

	if (c < 0)
		return NULL;
	probe_db(s);
	say(c, "220 test ESMTP\r\n");
	memset(buf, 'x', sizeof(buf));
	for (;;) {
		ssize_t n = read(c, in, 8192);
		if (n <= 0)
			break;
		in[n] = '\0';
		if (data) {
			/* The end of the message may straddle two reads: keep the last 4 bytes before. */
			bool end = memmem(buf, (size_t)n + 4, "\r\n.\r\n", 5) != NULL;
			memmove(buf, in + n - (n >= 4 ? 4 : n), 4);
			if (end) {
				data = false;
				s->messages++;
				say(c, "250 2.0.0 stored\r\n");
			}
			continue;
		}
		if (!strncmp(in, "EHLO", 4) || !strncmp(in, "HELO", 4))
			say(c, "250 test\r\n");
		else if (!strncmp(in, "DATA", 4)) {
			data = true;
			memset(buf, 'x', 4);
			say(c, "354 go on\r\n");
		} else if (!strncmp(in, "QUIT", 4)) {
			say(c, "221 bye\r\n");
			break;
		} else
			say(c, "250 ok\r\n");
	}
	close(c);
	return NULL;
}

static void srv_start(smtp_srv *s, const char *dbpath)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);

	memset(s, 0, sizeof(*s));
	s->dbpath = dbpath;
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->fd, 1), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &len), 0);
	s->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&s->th, NULL, serve, s), 0);
}

static void srv_stop(smtp_srv *s)
{
	pthread_join(s->th, NULL);
	close(s->fd);
}

static void smtp_to(lt_smtp_config *c, int port)
{
	lt_smtp_config_defaults(c);
	snprintf(c->url, sizeof(c->url), "smtp://127.0.0.1:%d", port);
	snprintf(c->from, sizeof(c->from), "lantoa@example.org");
	snprintf(c->starttls, sizeof(c->starttls), "no");
	c->timeout_s = 10;
}

static void test_no_transaction_is_open_while_sending(void **state)
{
	fx *f = *state;
	lt_app_conn conn = { .db = f->db };
	lt_smtp_config c;
	lt_mail_run run;
	smtp_srv s;
	lt_error e;

	queue(f, "một");
	srv_start(&s, f->path);
	smtp_to(&c, s.port);
	assert_int_equal(lt_app_mail_deliver(&conn, &f->system, &c, 1, &run, &e), 0);
	srv_stop(&s);
	if (run.sent != 1) {
		lt_stmt *st = NULL;
		assert_int_equal(lt_db_prepare(f->db, "SELECT reply FROM mail_attempt", &st, &e), 0);
		if (lt_stmt_step(st, &e) == 1)
			fprintf(stderr, "reply: %s (free %.0f ms)\n", lt_stmt_text(st, 0), s.free_ms);
		lt_stmt_done(st);
	}
	assert_int_equal(run.sent, 1);
	assert_int_equal(s.messages, 1);
	/* Another writer got the database at once (the busy timeout is 10 s). */
	assert_true(s.free_ms < 2000);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_queue WHERE status = 'sent' AND attempts = 1"), 1);
}

static void test_failures_retry_then_give_up(void **state)
{
	fx *f = *state;
	lt_app_conn conn = { .db = f->db };
	lt_smtp_config c;
	lt_mail_run run;
	lt_error e;
	int64_t t = 1708000000;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);

	/* A port nobody listens on: bound, never listening, so connections are refused. */
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	smtp_to(&c, ntohs(a.sin_port));
	queue(f, "một");
	for (int i = 0; i < LT_MAIL_MAX_ATTEMPTS; i++) {
		char now[24];
		snprintf(now, sizeof(now), "%lld", (long long)t);
		setenv("LANTOA_NOW", now, 1);
		assert_int_equal(lt_app_mail_deliver(&conn, &f->system, &c, 10, &run, &e), 0);
		assert_int_equal(run.failed, 1);
		assert_int_equal(run.sent, 0);
		/* Not due again before its delay: 1, 2, 4 … minutes. */
		assert_int_equal(scalar(f, "SELECT next_attempt_at FROM mail_queue") - t,
				 lt_app_mail_retry_delay(i));
		assert_int_equal(lt_app_mail_deliver(&conn, &f->system, &c, 10, &run, &e), 0);
		assert_int_equal(run.failed, 0);
		t += lt_app_mail_retry_delay(i);
	}
	close(fd);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_queue WHERE status = 'failed'"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_attempt WHERE ok = 0"), LT_MAIL_MAX_ATTEMPTS);
	assert_int_equal(lt_app_mail_retry_delay(20), 21600);
}

static void test_who_delivers(void **state)
{
	fx *f = *state;
	lt_app_conn conn = { .db = f->db };
	lt_user u = { .id = 5, .unit_id = 2, .unit_path = "/1/2/", .role = "officer", .login = "x" };
	lt_actor officer, op;
	lt_smtp_config c;
	lt_mail_run run;
	lt_error e;

	lt_actor_user(&officer, &u, NULL);
	lt_actor_operator(&op);
	smtp_to(&c, 1);
	queue(f, "một");
	assert_int_equal(lt_app_mail_deliver(&conn, &officer, &c, 10, &run, &e), LT_EFORBIDDEN);
	assert_int_equal(scalar(f, "SELECT count(*) FROM mail_queue WHERE claimed_by IS NULL"), 1);
	c.url[0] = '\0';
	assert_int_equal(lt_app_mail_deliver(&conn, &op, &c, 10, &run, &e), LT_EINVAL);
	assert_string_equal(e.field, "smtp.url");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_claimer_wins_each_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_outcome_counts_only_under_its_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_transaction_is_open_while_sending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failures_retry_then_give_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_delivers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
