/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/feedback_learn.c: the database keeps only what cadres'
 * confirmations changed, and classification is the shipped model plus
 * those rows.
 *   - K confirmations through the database give the scores and topics of
 *     the same K updates made in memory (lt_fbm_update), exactly but for
 *     float rounding: fails if a row, a bias, a new feature's idf or a
 *     version is lost, or if a reader's copy is not brought up to date;
 *   - a confirmation writes rows only for its message's features (and the
 *     biases), never a whole copy: fails if it stores the model again;
 *   - two nodes (two connections to one database) confirming in turn keep
 *     both nodes' updates, each learning from the other's rows; a reader
 *     brings its copy up to date by applying rows, without building it
 *     again; two updates computed from the same state both count;
 *   - two nodes confirming at the same time (threads) lose no confirmation;
 *   - a confirmation rolled back after its transaction classified leaves
 *     nothing in a cached copy;
 *   - a whole copy written by an older lantoa is read as the base the rows
 *     add to, and a training replaces it with rows.
 * With LANTOA_TEST_PG set, the same on PostgreSQL (a fresh schema).
 */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/feedback.h"
#include "app/feedback_int.h"
#include "store/store.h"
#include "test_feedback_fx.h"
#include "text/classify_fb_delta.h"
#include "text/corpus.h"
#include "../../lib/pg.h"

#define K 24 /* confirmations */
#define EPS 1e-5

typedef struct node {
	lt_db *db;
	lt_arena a;
	int64_t unit;
	lt_actor cadre, op;
} node;

typedef struct fx {
	char dir[64], url[512];
	node n[2];   /* two app nodes on one database */
	lt_fbc dev;  /* messages to confirm, and to score */
} fx;

static void node_open(fx *f, int i)
{
	node *n = &f->n[i];
	lt_error e;

	lt_arena_init(&n->a);
	assert_int_equal(lt_db_open(f->url, &n->db, &e), 0);
	if (i == 0) {
		assert_int_equal(lt_store_migrate(n->db, &e), 0);
		n->unit = mk(n->db, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", 0);
		mk_user(n->db, &n->a, &n->cadre, "cs-g1", "cadre", n->unit);
	} else {
		lt_user u;
		char hash[128];
		n->unit = f->n[0].unit;
		assert_int_equal(lt_user_get_by_login(n->db, "cs-g1", &n->a, &u, hash, &e), 0);
		lt_actor_user(&n->cadre, &u, "10.0.0.8");
	}
	lt_actor_operator(&n->op);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_feedback_config c;
	lt_error e;

	lt_feedback_config_defaults(&c);
	lt_feedback_config_set(&c);
	if (lt_test_pg_url()) {
		assert_int_equal(lt_test_db_url(f->url, sizeof(f->url), &e), 0);
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/lantoa-fbl-XXXXXX");
		assert_non_null(mkdtemp(f->dir));
		snprintf(f->url, sizeof(f->url), "sqlite:%s/t.db", f->dir);
	}
	node_open(f, 0);
	node_open(f, 1);
	assert_int_equal(lt_fbc_load(SOURCE_ROOT "/data/feedback/dev.jsonl", &f->dev, &e), 0);
	assert_true(f->dev.n >= 2 * K);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	char p[128];

	for (int i = 0; i < 2; i++) {
		lt_db_close(f->n[i].db);
		lt_arena_free(&f->n[i].a);
	}
	if (f->dir[0]) {
		static const char *const side[] = { "", "-wal", "-shm" };
		for (int i = 0; i < 3; i++) {
			snprintf(p, sizeof(p), "%s/t.db%s", f->dir, side[i]);
			unlink(p);
		}
		rmdir(f->dir);
	}
	lt_fbc_free(&f->dev);
	free(f);
	return 0;
}

/* Message i of dev, added on node n and confirmed there with topics (its gold's by default). */
static void confirm(fx *f, int n, size_t i, uint32_t topics)
{
	node *x = &f->n[n];
	lt_feedback_input in = { .unit_id = x->unit, .channel = "hotline",
				 .text = f->dev.v[i].text };
	lt_fb_added out;
	lt_error e;

	if (lt_app_feedback_add(x->db, &x->cadre, &in, &out, &x->a, NULL, &e))
		fail_msg("add: %s", e.en);
	if (lt_app_feedback_set_topics(x->db, &x->cadre, out.id, topics ? topics : f->dev.v[i].topics,
				       &x->a, NULL, &e))
		fail_msg("confirm: %s", e.en);
}

/* A copy of the shipped model, owned. */
static lt_fbm *shipped_copy(void)
{
	const lt_fbm *s = NULL;
	lt_fbm *m = NULL;
	lt_error e;

	assert_int_equal(lt_app_fb_shipped(&s, &e), 0);
	assert_int_equal(lt_fbm_clone(s, &m, &e), 0);
	return m;
}

/* Topics a cadre gives message i in these tests: the gold ones, or every third one corrected. */
static uint32_t topics_of(const fx *f, size_t i)
{
	return i % 3 == 2 ? 1u << ((f->dev.v[i].topic + 3) % LT_TOPIC_COUNT) : f->dev.v[i].topics;
}

/* The database's model (as node n classifies) scores every dev message as want does. */
static void same_scores(fx *f, int n, const lt_fbm *want)
{
	const lt_fbm *got = NULL;
	lt_fb_shared *ref = NULL;
	lt_svm_pred p, q;
	lt_fbm_result a, b;
	lt_error e;
	double worst = 0;

	assert_int_equal(lt_app_fb_model_use(f->n[n].db, &got, &ref, &e), 0);
	assert_true(lt_app_fb_model_learnt(ref));
	assert_int_equal(lt_svm_nfeatures(lt_fbm_svm(got)), lt_svm_nfeatures(lt_fbm_svm(want)));
	lt_svm_pred_init(&p);
	lt_svm_pred_init(&q);
	for (size_t i = 0; i < f->dev.n; i++) {
		const char *t = f->dev.v[i].text;
		assert_int_equal(lt_fbm_predict(got, t, strlen(t), 0, &p, &a), 0);
		assert_int_equal(lt_fbm_predict(want, t, strlen(t), 0, &q, &b), 0);
		for (int k = 0; k < LT_TOPIC_COUNT; k++)
			worst = fmax(worst, fabs(a.score[k] - b.score[k]));
		worst = fmax(worst, fabs(a.urgency - b.urgency));
		assert_int_equal(a.main, b.main);
		assert_int_equal(a.topics, b.topics);
		assert_int_equal(a.urgent, b.urgent);
	}
	if (worst > EPS)
		fail_msg("scores differ by %g", worst);
	lt_svm_pred_free(&p);
	lt_svm_pred_free(&q);
	lt_app_fb_model_release(ref);
}

static void test_k_confirmations_equal_the_updates_in_memory(void **state)
{
	fx *f = *state;
	lt_fbm *mem = shipped_copy();
	lt_fb_model_head h;
	lt_error e;

	for (size_t i = 0; i < K; i++) {
		const char *t = f->dev.v[i].text;
		confirm(f, 0, i, topics_of(f, i));
		assert_int_equal(lt_fbm_update(mem, t, strlen(t), topics_of(f, i), &e), 0);
		if (i == 0 || i == K / 2)
			same_scores(f, 0, mem); /* a reader's copy, then brought up to date */
	}
	same_scores(f, 0, mem);
	same_scores(f, 1, mem);
	assert_int_equal(lt_feedback_model_head(f->n[0].db, &h, &e), 0);
	assert_int_equal(h.version, K);
	assert_int_equal(h.blob, 0);
	/* the shipped model changed nowhere: the rows are beside it */
	{
		const lt_fbm *s = NULL;
		lt_fbm *fresh = shipped_copy();
		assert_int_equal(lt_app_fb_shipped(&s, &e), 0);
		assert_int_equal(lt_svm_nfeatures(lt_fbm_svm(s)), lt_svm_nfeatures(lt_fbm_svm(fresh)));
		lt_fbm_free(fresh);
	}
	lt_fbm_free(mem);
}

static int64_t count_rows(lt_db *db, int64_t version)
{
	int64_t n = -1;
	lt_error e;

	assert_int_equal(lt_db_int(db, "SELECT count(*) FROM feedback_model_row WHERE version >= $1",
				   &n, &e, LT_I(version)),
			 1);
	return n;
}

static void test_a_confirmation_writes_only_its_features(void **state)
{
	fx *f = *state;
	lt_fb_model_info before, after;
	lt_fb_model_head h;
	const lt_fbm *s = NULL;
	lt_svm_pred p;
	lt_error e;
	int64_t rows;

	confirm(f, 0, 0, 0);
	assert_int_equal(lt_feedback_model_meta(f->n[0].db, &before, &e), 0);
	confirm(f, 0, 1, 1u << ((f->dev.v[1].topic + 1) % LT_TOPIC_COUNT)); /* a correction */
	assert_int_equal(lt_feedback_model_meta(f->n[0].db, &after, &e), 0);
	assert_int_equal(lt_feedback_model_head(f->n[0].db, &h, &e), 0);
	/* the message's features, as the shipped model sees them: an upper bound */
	assert_int_equal(lt_app_fb_shipped(&s, &e), 0);
	lt_svm_pred_init(&p);
	assert_int_equal(lt_svm_predict(lt_fbm_svm(s), f->dev.v[1].text, strlen(f->dev.v[1].text), &p),
			 0);
	rows = count_rows(f->n[0].db, h.version);
	assert_true(rows >= 2);                    /* the biases and at least one weight */
	assert_true(rows <= (int64_t)p.nf + 1);    /* never more than the message has */
	assert_true(after.bytes - before.bytes <= (p.nf + 1) * 88);
	assert_true(after.bytes < 64 * 1024);      /* no whole copy: it would be 1.2 MB */
	assert_int_equal(h.blob, 0);
	assert_int_equal(after.updates, before.updates + 1);
	/* on SQLite, every row the transaction changed, all tables together */
	if (!lt_test_pg_url()) {
		int64_t c0 = 0, c1 = 0;
		assert_int_equal(lt_db_int(f->n[0].db, "SELECT total_changes() + $1", &c0, &e, LT_I(0)), 1);
		confirm(f, 0, 2, 0);
		assert_int_equal(lt_db_int(f->n[0].db, "SELECT total_changes() + $1", &c1, &e, LT_I(0)), 1);
		lt_svm_pred_free(&p);
		lt_svm_pred_init(&p);
		assert_int_equal(lt_svm_predict(lt_fbm_svm(s), f->dev.v[2].text,
						 strlen(f->dev.v[2].text), &p),
				 0);
		/* the message, its step, its audit, the add's own writes, the head, the rows */
		assert_true(c1 - c0 <= (int64_t)p.nf + 1 + 16);
	}
	lt_svm_pred_free(&p);
}

static void test_two_nodes_confirming_in_turn_keep_both(void **state)
{
	fx *f = *state;
	lt_fbm *mem = shipped_copy();
	long long builds;
	lt_error e;

	confirm(f, 0, 0, topics_of(f, 0));
	assert_int_equal(lt_fbm_update(mem, f->dev.v[0].text, strlen(f->dev.v[0].text),
				       topics_of(f, 0), &e),
			 0);
	same_scores(f, 1, mem);
	builds = lt_app_fb_model_builds();
	for (size_t i = 1; i < K; i++) {
		const char *t = f->dev.v[i].text;
		confirm(f, (int)(i % 2), i, topics_of(f, i));
		assert_int_equal(lt_fbm_update(mem, t, strlen(t), topics_of(f, i), &e), 0);
	}
	/* each node learnt from the other's rows: the same as one sequence in memory */
	same_scores(f, 0, mem);
	same_scores(f, 1, mem);
	/* and every reader's copy was brought up to date, none built again */
	assert_int_equal(lt_app_fb_model_builds(), builds);
	lt_fbm_free(mem);
}

typedef struct rowset {
	lt_fb_model_row v[4096];
	size_t n;
} rowset;

static int collect(void *ctx, const lt_fb_model_row *r, lt_error *e)
{
	rowset *s = ctx;

	(void)e;
	assert_true(s->n < 4096);
	s->v[s->n++] = *r;
	return 0;
}

/* Stored sum of feature id, output k (0 when it has no row). */
static double stored(const rowset *s, uint64_t id, int k)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].feature == id)
			return s->v[i].w[k];
	return 0;
}

static double change(const lt_fbm_delta *d, uint64_t id, int k)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].id == id)
			return d->v[i].w[k];
	return 0;
}

/*
 * Two nodes that computed their updates from the same state (what a database
 * that let both run at once would give) and stored them one after the other:
 * every stored sum moved by both changes, none by only the last.
 */
static void test_two_updates_from_one_state_both_count(void **state)
{
	fx *f = *state;
	const lt_fbm *cur = NULL;
	lt_fb_shared *ref = NULL;
	lt_fbm *x = NULL, *y = NULL;
	lt_fbm_delta d[2];
	rowset *before = calloc(1, sizeof(*before)), *after = calloc(1, sizeof(*after));
	const char *t = f->dev.v[1].text;
	size_t both = 0;
	lt_error e;

	confirm(f, 0, 0, 0);
	assert_int_equal(lt_app_fb_model_use(f->n[0].db, &cur, &ref, &e), 0);
	assert_int_equal(lt_fbm_clone(cur, &x, &e), 0);
	assert_int_equal(lt_fbm_clone(cur, &y, &e), 0);
	lt_app_fb_model_release(ref);
	lt_fbm_delta_init(&d[0]);
	lt_fbm_delta_init(&d[1]);
	/* one message, two different corrections: the same features move on both nodes */
	assert_int_equal(lt_fbm_learn(x, t, strlen(t), 1u << LT_TOPIC_AN_TOAN, &d[0], &e), 0);
	assert_int_equal(lt_fbm_learn(y, t, strlen(t), 1u << LT_TOPIC_THUONG_TET, &d[1], &e), 0);
	assert_int_equal(lt_feedback_model_rows(f->n[0].db, -1, collect, before, &e), 0);
	for (int n = 0; n < 2; n++) {
		lt_fb_model_row *rows = calloc(d[n].n, sizeof(*rows));
		for (size_t i = 0; i < d[n].n; i++) {
			rows[i].feature = d[n].v[i].id;
			rows[i].idf = d[n].v[i].idf;
			memcpy(rows[i].w, d[n].v[i].w, sizeof(rows[i].w));
		}
		assert_int_equal(lt_db_begin(f->n[n].db, &e), 0);
		assert_int_equal(lt_feedback_model_add(f->n[n].db, rows, d[n].n, true, &e), 0);
		assert_int_equal(lt_db_end(f->n[n].db, 0, &e), 0);
		free(rows);
	}
	assert_int_equal(lt_feedback_model_rows(f->n[1].db, -1, collect, after, &e), 0);
	for (int n = 0; n < 2; n++)
		for (size_t i = 0; i < d[n].n; i++)
			for (int k = 0; k < LT_FBM_NOUT; k++) {
				uint64_t id = d[n].v[i].id;
				double want = change(&d[0], id, k) + change(&d[1], id, k);
				assert_true(fabs(stored(after, id, k) - stored(before, id, k) - want) <
					    1e-9);
				both += n == 0 && change(&d[0], id, k) != 0 && change(&d[1], id, k) != 0;
			}
	assert_true(both > 0); /* a last-writer-wins store would have lost one of them */
	lt_fbm_delta_free(&d[0]);
	lt_fbm_delta_free(&d[1]);
	lt_fbm_free(x);
	lt_fbm_free(y);
	free(before);
	free(after);
}

/*
 * A transaction (or a group-commit batch) that confirms, classifies with what
 * it wrote, then rolls back: nothing of it stays in any node's copy, though
 * another node's next confirmation gets the same version number.
 */
static void test_a_rolled_back_confirmation_leaves_no_trace(void **state)
{
	fx *f = *state;
	lt_fbm *mem = shipped_copy();
	const lt_fbm *m = NULL;
	lt_fb_shared *ref = NULL;
	lt_error e;

	confirm(f, 0, 0, topics_of(f, 0));
	assert_int_equal(lt_fbm_update(mem, f->dev.v[0].text, strlen(f->dev.v[0].text),
				       topics_of(f, 0), &e),
			 0);
	assert_int_equal(lt_db_begin(f->n[0].db, &e), 0);
	confirm(f, 0, 1, 1u << LT_TOPIC_AN_TOAN);
	assert_int_equal(lt_app_fb_model_use(f->n[0].db, &m, &ref, &e), 0);
	lt_app_fb_model_release(ref);
	assert_int_equal(lt_db_end(f->n[0].db, LT_EINVAL, &e), LT_EINVAL);
	confirm(f, 1, 2, topics_of(f, 2));
	assert_int_equal(lt_fbm_update(mem, f->dev.v[2].text, strlen(f->dev.v[2].text),
				       topics_of(f, 2), &e),
			 0);
	same_scores(f, 0, mem);
	same_scores(f, 1, mem);
	lt_fbm_free(mem);
}

typedef struct runner {
	fx *f;
	int node;
	size_t from, to;
} runner;

static void *run_node(void *arg)
{
	runner *r = arg;

	for (size_t i = r->from; i < r->to; i++)
		confirm(r->f, r->node, i, topics_of(r->f, i));
	return NULL;
}

/* Does the model have a row for every feature of text? */
static bool knows_all(const lt_fbm *m, const char *text)
{
	lt_svm_pred p;
	bool all = true;

	lt_svm_pred_init(&p);
	assert_int_equal(lt_svm_predict(lt_fbm_svm(m), text, strlen(text), &p), 0);
	for (size_t i = 0; i < p.nf; i++)
		all &= p.f[i].row >= 0;
	lt_svm_pred_free(&p);
	return all;
}

/*
 * Two nodes confirming at the same time (two threads, two connections): every
 * confirmation is learnt (one version each, every message's features known),
 * none fails nor waits for ever.
 */
static void test_two_nodes_at_once(void **state)
{
	fx *f = *state;
	runner r[2] = { { f, 0, 0, K / 2 }, { f, 1, K / 2, K } };
	pthread_t t[2];
	lt_fb_model_head h;
	lt_fb_model_info info;
	const lt_fbm *m = NULL;
	lt_fb_shared *ref = NULL;
	lt_error e;

	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, run_node, &r[i]), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(lt_feedback_model_head(f->n[0].db, &h, &e), 0);
	assert_int_equal(h.version, K);
	assert_int_equal(lt_feedback_model_meta(f->n[1].db, &info, &e), 0);
	assert_int_equal(info.updates, K - 1); /* the first started the copy */
	assert_int_equal(lt_app_fb_model_use(f->n[1].db, &m, &ref, &e), 0);
	for (size_t i = 0; i < K; i++)
		assert_true(knows_all(m, f->dev.v[i].text));
	lt_app_fb_model_release(ref);
}

/*
 * A database an older lantoa wrote (schema 30): the model stored whole, as a
 * blob. Migration 31 keeps it; it classifies as it did; confirmations add rows
 * to it; a training replaces it with rows of the shipped model.
 */
static void test_an_older_copy_is_the_base_until_a_training(void **state)
{
	fx *f = *state;
	lt_db *db = f->n[0].db;
	lt_fbm *old = shipped_copy(), *mem = NULL;
	const lt_fbm *held = NULL;
	lt_fb_shared *href = NULL;
	lt_fb_model_head h;
	lt_fb_trained t;
	lt_buf b;
	lt_error e;

	/* what lantoa wrote before version 31 */
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(lt_fbm_update(old, f->dev.v[K + i].text, strlen(f->dev.v[K + i].text),
					       topics_of(f, K + i), &e),
				 0);
	lt_fbm_set_base(old, lt_app_fb_shipped_id());
	lt_buf_init(&b, 1u << 26);
	assert_int_equal(lt_fbm_save(old, &b, &e), 0);
	assert_int_equal(lt_db_exec(db,
				    "DROP TABLE feedback_model_row;"
				    "ALTER TABLE feedback_model DROP COLUMN version;"
				    "ALTER TABLE feedback_model DROP COLUMN base;"
				    "DELETE FROM schema_migration WHERE version = 31",
				    &e),
			 0);
	assert_int_equal(lt_db_run(db,
				   "INSERT INTO feedback_model(id, algo, model, n_train, updates,"
				   " trained_at, updated_at, stamp) VALUES ($1, 'lr', $2, 3, 2, 1, 1, 'x')",
				   &e, LT_I(1), LT_BLOB(b.ptr, b.len)),
			 0);
	assert_int_equal(lt_store_migrate(db, &e), 0);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_int_equal(h.blob, b.len);
	/* it classifies as it did: the copy as lantoa read it back */
	assert_int_equal(lt_fbm_load(b.ptr, b.len, &mem, &e), 0);
	same_scores(f, 0, mem);
	/* a confirmation adds its rows to it; a classifier still holds the copy before them,
	 * so the refresh copies it (the whole copy under both is shared, freed once) */
	assert_int_equal(lt_app_fb_model_use(f->n[1].db, &held, &href, &e), 0);
	for (size_t i = 0; i < 4; i++) {
		const char *x = f->dev.v[i].text;
		confirm(f, (int)(i % 2), i, topics_of(f, i));
		assert_int_equal(lt_fbm_update(mem, x, strlen(x), topics_of(f, i), &e), 0);
	}
	same_scores(f, 1, mem);
	assert_non_null(held);
	lt_app_fb_model_release(href);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_int_equal(h.blob, b.len);
	/* a training: rows of the shipped model alone, the blob gone */
	assert_int_equal(lt_app_feedback_train(db, &f->n[0].op, &t, &e), 0);
	assert_true(t.trained);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_int_equal(h.blob, 0);
	assert_int_equal((uint64_t)h.base, lt_app_fb_shipped_id());
	lt_fbm_free(mem);
	mem = shipped_copy();
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < 4; i++)
			assert_int_equal(lt_fbm_update(mem, f->dev.v[i].text, strlen(f->dev.v[i].text),
						       topics_of(f, i), &e),
					 0);
	same_scores(f, 0, mem); /* REPLAY_PASSES: two passes over the confirmed messages */
	lt_fbm_free(mem);
	lt_fbm_free(old);
	lt_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_k_confirmations_equal_the_updates_in_memory,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_confirmation_writes_only_its_features, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_two_nodes_confirming_in_turn_keep_both, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_two_updates_from_one_state_both_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_two_nodes_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_rolled_back_confirmation_leaves_no_trace, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_an_older_copy_is_the_base_until_a_training,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
