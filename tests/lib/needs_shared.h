/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * needs_shared.h — skip a cmocka test whose data under ../shared/data is absent,
 * with the reason scripts/runtests.py recognises: a TAP comment
 * "# needs ../shared/data: WHAT" on the line just before cmocka's SKIP line.
 * Under CI=true, where ../shared is present, the runner counts such a skip as
 * a failure. Test code only; include after <cmocka.h>.
 */
#ifndef LT_TEST_NEEDS_SHARED_H
#define LT_TEST_NEEDS_SHARED_H

#define LT_SKIP_NEEDS_SHARED(what)                                      \
	do {                                                            \
		print_message("# needs ../shared/data: %s\n", (what)); \
		skip();                                                 \
	} while (0)

#endif
