/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml.h — edXML messages (QCVN 102:2016/BTTTT, the Vietnamese standard
 * for electronic official letters between agencies), read and written with
 * libxml2 and checked against data/edxml/edxml.xsd (built into the binary;
 * data/edxml/SOURCE says where its structure comes from).
 *
 * A message is an edXMLEnvelope whose header holds either a MessageHeader
 * (a document: a directive, SteeringType 2, or a report answering one,
 * SteeringType 3, with ResponseFor naming the directive) or a Status (the
 * processing status of a document: edxml_status.c). Attachments travel in
 * base64 inside the body.
 *
 * No I/O and no database: values in, bytes out; bytes in, values out.
 */
#ifndef LT_TEXT_EDXML_H
#define LT_TEXT_EDXML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

#define LT_EDXML_NS "http://www.mic.gov.vn/TBT/QCVN_102_2016"
#define LT_EDXML_MAX (64u << 20) /* the largest message read or written */
#define LT_EDXML_MAX_TO 500
#define LT_EDXML_MAX_FILES 20

enum { LT_EDXML_STEER_DIRECTIVE = 2, LT_EDXML_STEER_REPORT = 3 };

/* An organ (cơ quan): OrganId is lantoa's unit code (see app/edxml.c). */
typedef struct lt_edxml_organ {
	const char *id, *name, *email; /* email may be NULL */
} lt_edxml_organ;

/* The document a report or a status answers (ResponseFor). */
typedef struct lt_edxml_ref {
	const char *organ_id, *code, *date, *document_id; /* date YYYY-MM-DD */
} lt_edxml_ref;

typedef struct lt_edxml_file {
	const char *name, *type; /* AttachmentName, ContentType */
	const uint8_t *data;
	size_t len;
} lt_edxml_file;

/*
 * One message. Strings are UTF-8; NULL means absent (optional elements).
 * Dates are YYYY-MM-DD, timestamps YYYY-MM-DDTHH:MM:SS+07:00.
 */
typedef struct lt_edxml_msg {
	bool is_status; /* a Status, else a MessageHeader */
	lt_edxml_organ from;
	/* MessageHeader */
	const lt_edxml_organ *to;
	size_t nto;
	const char *document_id;
	const char *code_number, *code_notation; /* "42" and "LĐLĐ" of 42/LĐLĐ */
	const char *place, *date, *subject, *content;
	const char *signer_competence, *signer_position, *signer_name;
	const char *due_date;
	int priority; /* 0 normal … 4 */
	int steering; /* SteeringType */
	bool has_response_for;
	lt_edxml_ref response_for; /* also the Status's */
	const lt_edxml_file *files;
	size_t nfiles;
	/* Status */
	char status_code[3];
	const char *description;
	const char *timestamp; /* the Status's, and the trace's */
} lt_edxml_msg;

/*
 * Write m as an edXML message appended to out (caller-initialised). The
 * message is checked against the schema before it is handed back, so a
 * value the standard does not allow (an OrganId with a space, a date that
 * is not a date) is refused here with LT_EINVAL naming the element.
 */
LT_MUST_CHECK int lt_edxml_write(const lt_edxml_msg *m, lt_buf *out, lt_error *e);

/*
 * Read data[0..len) (borrowed) into *out (strings and files in a). Refused
 * with LT_EINVAL: not well-formed XML (field "edxml", with the line), or not
 * valid against the schema (field: the element's name, e.g. "DueDate", with
 * the line and libxml2's reason); LT_ETOOBIG over LT_EDXML_MAX. No DTD,
 * external entity or network access is ever made.
 */
LT_MUST_CHECK int lt_edxml_parse(const char *data, size_t len, lt_arena *a, lt_edxml_msg *out,
				 lt_error *e);

/* Split a document number "42/LĐLĐ" into number and notation (in a); no '/': all is the number. */
void lt_edxml_split_code(const char *number, lt_arena *a, const char **num, const char **notation);

/* ---------- status codes (edxml_status.c) ---------- */

/*
 * The axis status codes and lantoa's states, one table both ways. kind is
 * "receipt" (new, opened, acknowledged), "report" (draft, submitted,
 * returned, accepted) or "directive" (withdrawn: lantoa never withdraws one,
 * so only read).
 */
/* The code for kind/state, or NULL when the table has none. */
const char *lt_edxml_status_code(const char *kind, const char *state);
/*
 * The lantoa kind and state of code ("01"…), with its names; 0, or
 * LT_EINVAL naming "StatusCode" for a code the table does not hold.
 */
LT_MUST_CHECK int lt_edxml_status_state(const char *code, const char **kind, const char **state,
					const char **vi, const char **en, lt_error *e);

#endif
