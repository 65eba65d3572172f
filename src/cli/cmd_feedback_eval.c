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

typedef struct eval_opts {
	const char *corpus;
} eval_opts;

static const lt_opt eval_opts_table[] = {
	{ "corpus", LT_OPT_STR, offsetof(eval_opts, corpus), "DIR",
	  "kho ngữ liệu: DIR/train, DIR/test (và DIR/dev), mỗi thư mục có sents.txt và topics.txt",
	  "the corpus: DIR/train, DIR/test (and DIR/dev), each with sents.txt and topics.txt" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec eval_spec = {
	"feedback eval", NULL, 0, 0, eval_opts_table,
	"Huấn luyện bộ phân loại chủ đề trên DIR/train, chấm điểm trên DIR/test (và DIR/dev):"
	" accuracy, macro-F1, weighted F1, tốc độ dự đoán.",
	"Train the topic classifier on DIR/train and score it on DIR/test (and DIR/dev):"
	" accuracy, macro-F1, weighted F1, prediction speed.",
};

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
	rc = lt_app_feedback_eval(&who, o.corpus, &v, &cli->err);
	if (rc)
		return rc;
	if (cli->json) {
		lt_cli_print_json(lt_app_feedback_eval_json(&v), JSON_COMPACT);
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
