/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml_status.c — the processing status codes of QCVN 102:2016 (edXML
 * Status) and lantoa's receipt and report states, one table read both ways.
 *
 * A status speaks of one document at one organ. lantoa's directive reaches
 * a unit as a receipt (new → opened → acknowledged) and is answered by the
 * unit's report (draft → submitted → returned / accepted):
 *
 *   code  the standard            lantoa
 *   01    đã đến (arrived)        receipt new: delivered, not yet opened
 *   02    từ chối (refused)       report returned by the reviewer above
 *   03    đã tiếp nhận (received) receipt opened
 *   04    chờ phân công           receipt acknowledged: taken on, no report yet
 *   05    đang xử lý (processing) report draft: being written
 *   06    hoàn thành (done)       report submitted (and accepted: written as 06,
 *                                 read back as submitted — edXML has no
 *                                 separate code for the reviewer's acceptance)
 *   13    thu hồi (revoked)       directive withdrawn: read only, lantoa
 *                                 amends a directive and never withdraws one
 */
#include <stdbool.h>
#include <string.h>

#include "text/edxml.h"

typedef struct status_row {
	const char *code, *kind, *state;
	bool read_as; /* the state a code is read back as (one per code) */
	const char *vi, *en;
} status_row;

static const status_row rows[] = {
	{ "01", "receipt", "new", true, "Đã đến", "Arrived" },
	{ "02", "report", "returned", true, "Từ chối tiếp nhận", "Refused" },
	{ "03", "receipt", "opened", true, "Đã tiếp nhận", "Received" },
	{ "04", "receipt", "acknowledged", true, "Chờ phân công", "Awaiting assignment" },
	{ "05", "report", "draft", true, "Đang xử lý", "Processing" },
	{ "06", "report", "submitted", true, "Hoàn thành", "Done" },
	{ "06", "report", "accepted", false, "Hoàn thành", "Done" },
	{ "13", "directive", "withdrawn", true, "Thu hồi", "Revoked" },
};

const char *lt_edxml_status_code(const char *kind, const char *state)
{
	for (size_t i = 0; kind && state && i < sizeof(rows) / sizeof(rows[0]); i++)
		if (!strcmp(rows[i].kind, kind) && !strcmp(rows[i].state, state))
			return rows[i].code;
	return NULL;
}

int lt_edxml_status_state(const char *code, const char **kind, const char **state,
			  const char **vi, const char **en, lt_error *e)
{
	for (size_t i = 0; code && i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].read_as && !strcmp(rows[i].code, code)) {
			*kind = rows[i].kind;
			*state = rows[i].state;
			if (vi)
				*vi = rows[i].vi;
			if (en)
				*en = rows[i].en;
			return 0;
		}
	return lt_error_set(e, LT_EINVAL, "StatusCode",
			    "Mã trạng thái edXML %s không có trong bảng của lantoa",
			    "The edXML status code %s is not one lantoa knows", code ? code : "");
}
