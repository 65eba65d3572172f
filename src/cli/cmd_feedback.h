/* cmd_feedback.h — `lantoa feedback …` commands (workers' feedback messages). */
#ifndef LT_CMD_FEEDBACK_H
#define LT_CMD_FEEDBACK_H

#include "cli/cli.h"

/*
 * `lantoa feedback eval --corpus DIR [--json]`: train the topic classifier
 * on DIR/train, print accuracy, macro-F1 and weighted F1 on DIR/test (and
 * DIR/dev when present), the training time and the prediction speed.
 * Returns 0 or a negative LT_E* code with cli->err filled.
 */
int lt_cmd_feedback_eval(lt_cli *cli, int argc, char **argv);

#endif
