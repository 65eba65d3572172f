/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * link_main.c — the body of the tests/layers programs. Each program links
 * one layer's library whole (every object file, called or not) against only
 * the layers below it: a call from that layer to one above or beside it
 * leaves an undefined symbol, and the build fails. When it links, the
 * program says so in TAP.
 */
#include <stdio.h>

int main(void)
{
	printf("1..1\nok 1 - %s links against only the layers below it\n", LAYER);
	return 0;
}
