/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_directive.h — a parsed letter (letter.h) as a draft directive
 * document (core/directive.h), for the officer to review before issuing.
 */
#ifndef LT_LETTER_DIRECTIVE_H
#define LT_LETTER_DIRECTIVE_H

#include <jansson.h>
#include <stdint.h>

#include "text/letter.h"

/*
 * Map l (borrowed) to a new directive document. issuer_id is the unit that
 * issues it: "Kính gửi … công đoàn cơ sở …" becomes "every grassroots union
 * under the issuer", any other recipient "the issuer's direct units"; the
 * choice is recorded in *notes (a new array of strings, may be NULL) with
 * the parser's own warnings, so the officer can check them.
 */
json_t *lt_letter_to_directive(const lt_letter *l, int64_t issuer_id, json_t **notes);

#endif
