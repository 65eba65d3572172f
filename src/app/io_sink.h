/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * io_sink.h — where a streamed export's bytes go (a temporary file the
 * server then sends, a file the CLI renames once whole), shared by the
 * exports of the lists (activity_io.h) and of the feedback (feedback.h).
 */
#ifndef LT_IO_SINK_H
#define LT_IO_SINK_H

#include <stddef.h>

/* Take the n bytes at p: 0, or -1 when they could not be written. */
typedef int (*lt_io_sink)(const void *p, size_t n, void *ctx);

#endif
