/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_feedback_eval.c — `lantoa feedback eval --corpus DIR`: measure the
 * feedback topic classifier on a labelled corpus (lt_app_feedback_eval).
 */
#include <stddef.h>
#include <stdio.h>

#include "cli/cmds.h"
#include "app/feedback.h"
#include "cli/cmd_feedback.h"
#include "cli/opts.h"
#include "text/topics.h"

typedef struct eval_opts {
	const char *corpus, *split;
} eval_opts;

static const lt_opt eval_opts_table[] = {
	{ "corpus", LT_OPT_STR, offsetof(eval_opts, corpus), "DIR",
	  "kho ngữ liệu: DIR/train.jsonl, dev.jsonl, holdout.jsonl, holdout2.jsonl, holdout3.jsonl, holdout4.jsonl, holdout5.jsonl (ý kiến công nhân), hoặc"
	  " DIR/train, DIR/test (và DIR/dev) với sents.txt và topics.txt (UIT-VSFC)",
	  "the corpus: DIR/train.jsonl, dev.jsonl, holdout.jsonl, holdout2.jsonl, holdout3.jsonl, holdout4.jsonl, holdout5.jsonl (workers' messages), or"
	  " DIR/train, DIR/test (and DIR/dev) with sents.txt and topics.txt (UIT-VSFC)" },
	{ "split", LT_OPT_STR, offsetof(eval_opts, split), "dev|holdout|holdout2|holdout3|holdout4|holdout5|train",
	  "phần được chấm của kho ý kiến công nhân (mặc định dev)",
	  "the split of the workers' corpus to score (default dev)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec eval_spec = {
	"feedback eval", NULL, 0, 0, eval_opts_table,
	"Huấn luyện bộ phân loại như `make model` và chấm điểm (phần nằm trong dữ liệu huấn luyện"
	" được chấm bằng kiểm định chéo theo trang nguồn): ý kiến công nhân — từng chủ đề"
	" (precision, recall, F1), độ đúng chủ đề chính, độ khẩn; UIT-VSFC — accuracy, macro-F1,"
	" weighted F1; và tốc độ.",
	"Train the classifier as `make model` does and score it (a split it learns from is scored"
	" out of fold, by site-grouped cross-validation): workers' messages — per topic"
	" precision, recall, F1, top-1 accuracy, urgency precision and recall; UIT-VSFC —"
	" accuracy, macro-F1, weighted F1; and the speed.",
};

static void print_feedback(const char *corpus, const lt_fb_eval *v)
{
	const lt_fbm_scores *s = &v->fb;

	printf("%s: %zu câu huấn luyện / training messages, %zu đặc trưng / features, %.2f s;"
	       " %s: %zu%s\n",
	       corpus, v->n_train, v->nfeatures, v->train_seconds, v->split, s->n,
	       v->cross_validated ? " (kiểm định chéo / out of fold)" : "");
	printf("%-14s %9s %6s %6s %7s\n", "topic", "precision", "recall", "F1", "support");
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		printf("%-14s %9.3f %6.3f %6.3f %7zu\n", lt_topic_code(t), s->topic[t].precision,
		       s->topic[t].recall, s->topic[t].f1, s->topic[t].support);
	printf("top-1 accuracy %.4f  macro-F1 %.4f  weighted-F1 %.4f\n", s->top1, s->macro_f1,
	       s->weighted_f1);
	printf("multi-label precision %.3f recall %.3f F1 %.3f\n", s->ml_precision, s->ml_recall,
	       s->ml_f1);
	printf("urgency precision %.3f recall %.3f F1 %.3f (%zu urgent)\n", s->urgent_precision,
	       s->urgent_recall, s->urgent_f1, s->urgent_support);
	printf("%.0f câu/giây / messages per second (1 luồng / thread); %.0f with the why\n",
	       v->messages_per_second, v->why_per_second);
}

static void print_scores(const char *name, const lt_classify_scores *s)
{
	printf("%-5s  n=%-5zu  accuracy %.4f  macro-F1 %.4f  weighted-F1 %.4f\n", name, s->n,
	       s->accuracy, s->macro_f1, s->weighted_f1);
}

int lt_cmd_feedback_eval(lt_cli *cli, int argc, char **argv)
{
	eval_opts o = { 0 };
	lt_fb_eval v;
	lt_actor who;
	int rc = lt_cli_parse(cli, &eval_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	/* The corpus is files: no database, so the console operator measures it. */
	lt_actor_operator(&who);
	rc = lt_app_feedback_eval(&who, o.corpus, o.split, &v, &cli->err);
	if (rc)
		return rc;
	if (cli->json) {
		lt_cli_print_json(lt_app_feedback_eval_json(&v), JSON_COMPACT);
		return 0;
	}
	if (v.feedback) {
		print_feedback(o.corpus, &v);
		return 0;
	}
	printf("%s: %zu câu huấn luyện / training messages, %zu đặc trưng / features, %.2f s\n",
	       o.corpus, v.n_train, v.nfeatures, v.train_seconds);
	print_scores("test", &v.test);
	if (v.have_dev)
		print_scores("dev", &v.dev);
	printf("%.0f câu/giây / messages per second (1 luồng / thread)\n", v.messages_per_second);
	return 0;
}
