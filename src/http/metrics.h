/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* metrics.h — process-wide counters exposed at /metrics in Prometheus text format. */
#ifndef LT_METRICS_H
#define LT_METRICS_H

#include "core/buf.h"
#include "store/group.h"

/* Count one finished request with its status and duration. Thread-safe. */
void lt_metrics_request(int status, double ms);
/* Requests in flight: +1 on arrival, -1 on completion. */
void lt_metrics_inflight(int delta);
/* Count a named event (login_ok, login_fail, login_throttled, …); names are literals. */
void lt_metrics_event(const char *name);
/* The group-commit writer whose counters /metrics shows (borrowed; NULL: none).
 * Set before the server takes requests and cleared after it stopped. */
void lt_metrics_group(lt_group *g);
/* Append the exposition text to out. */
int lt_metrics_render(lt_buf *out);

#endif
