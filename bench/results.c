/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* results.c — see results.h. */
#include "results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int bench_write_section(const char *path, const char *heading, const char *section)
{
	FILE *f = fopen(path, "rb");
	char *old = NULL, tmp[4096];
	size_t n = 0;
	const char *start, *end;
	FILE *o;

	if (f) {
		fseek(f, 0, SEEK_END);
		n = (size_t)ftell(f);
		fseek(f, 0, SEEK_SET);
		old = calloc(1, n + 1);
		if (!old || fread(old, 1, n, f) != n) {
			fclose(f);
			free(old);
			return -1;
		}
		fclose(f);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, (int)getpid());
	o = fopen(tmp, "wb");
	if (!o) {
		free(old);
		return -1;
	}
	start = old ? strstr(old, heading) : NULL;
	if (start) {
		end = strstr(start + strlen(heading), "\n## ");
		fwrite(old, 1, (size_t)(start - old), o);
		fputs(section, o);
		if (end)
			fputs(end, o);
	} else {
		if (old && n)
			fprintf(o, "%s%s", old, old[n - 1] == '\n' ? "\n" : "\n\n");
		else
			fputs("# Benchmark results\n\n", o);
		fputs(section, o);
	}
	free(old);
	if (fclose(o) != 0 || rename(tmp, path) != 0) {
		perror(path);
		remove(tmp);
		return -1;
	}
	return 0;
}
