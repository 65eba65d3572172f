/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* metrics.h — process-wide counters exposed at /metrics in Prometheus text format. */
#ifndef LT_METRICS_H
#define LT_METRICS_H

#include "core/buf.h"

/* Count one finished request with its status and duration. Thread-safe. */
void lt_metrics_request(int status, double ms);
/* Requests in flight: +1 on arrival, -1 on completion. */
void lt_metrics_inflight(int delta);
/* Count a named event (login_ok, login_fail, login_throttled, …); names are literals. */
void lt_metrics_event(const char *name);
/* Append the exposition text to out. */
int lt_metrics_render(lt_buf *out);

#endif
