// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * fsync_log.c — an LD_PRELOAD shim for the durability test: every fsync and
 * fdatasync of the process appends one line to the file $FSYNC_LOG, the path
 * of the file synced ("/tmp/…/lantoa.db-wal"), then calls the real one.
 * Built by tests/integration/security_durability.test.mjs with the system's cc.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void note(int fd)
{
	const char *log = getenv("FSYNC_LOG");
	char link[64], line[4096 + 32];
	ssize_t n;
	int out;

	if (!log)
		return;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, line, 4096 - 2);
	if (n < 0)
		n = 0;
	if (getenv("FSYNC_LOG_TIME")) {
		struct timespec t;

		clock_gettime(CLOCK_MONOTONIC, &t);
		n += snprintf(line + n, sizeof(line) - (size_t)n - 1, "\t%lld",
			      (long long)t.tv_sec * 1000000000LL + t.tv_nsec);
		if (n > (ssize_t)sizeof(line) - 2)
			n = (ssize_t)sizeof(line) - 2;
	}
	line[n++] = '\n';
	out = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (out < 0)
		return;
	if (write(out, line, (size_t)n) < 0) {
		/* the count is then short: the test fails, as it should */
	}
	close(out);
}

int fsync(int fd)
{
	static int (*real)(int);
	int rc;

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	rc = real(fd);
	note(fd);
	return rc;
}

int fdatasync(int fd)
{
	static int (*real)(int);
	int rc;

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	rc = real(fd);
	note(fd);
	return rc;
}
