/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * error.h — the one error convention of lantoa.
 *
 * Every fallible function returns int: 0 on success or a negative LT_E* code.
 * Details travel in an lt_error owned by the caller: the code, the field the
 * error is about (JSON path, CSV "row 3, column B", CLI flag…) and the message
 * in Vietnamese and English. Adapters map codes to HTTP statuses / exit codes
 * through one table each (lt_err_http_status, lt_err_exit_code).
 */
#ifndef LT_ERROR_H
#define LT_ERROR_H

#include <stddef.h>

enum lt_err {
	LT_OK = 0,
	LT_EINVAL = -1,     /* bad input: wrong type, out of range, malformed */
	LT_ENOTFOUND = -2,  /* no such record */
	LT_EEXIST = -3,     /* unique key already taken */
	LT_EFORBIDDEN = -4, /* outside the user's subtree or role */
	LT_EAUTH = -5,      /* not logged in / bad credentials */
	LT_ECONFLICT = -6,  /* state does not allow it (closed unit, issued doc) */
	LT_ETOOBIG = -7,    /* over a size limit */
	LT_ETHROTTLE = -8,  /* too many attempts */
	LT_ENOMEM = -9,
	LT_EIO = -10,       /* file / network */
	LT_EDB = -11,       /* storage failure */
	LT_EINTERNAL = -12,
	LT_ECSRF = -13,     /* missing or wrong CSRF token */
	LT_EMETHOD = -14,   /* method not allowed */
	LT_EUNSUPPORTED = -15, /* media type / feature not supported */
	LT_EBUSY = -16,     /* transient: database busy, serialization failure, deadlock; retry */
	LT_EFULL = -17,     /* storage full or failing: nothing was written, try again later */
};

/*
 * LT_MUST_CHECK marks every function that can fail: the compiler then makes
 * each caller look at the result (-Werror turns a dropped one into a build
 * failure). A caller that truly has nothing to do with a failure says so with
 * lt_ignore(), which documents the choice at the call site.
 */
#define LT_MUST_CHECK __attribute__((warn_unused_result))

/* Discard a result on purpose (best-effort clean-up, logging); see LT_MUST_CHECK. */
static inline void lt_ignore(int rc)
{
	(void)rc;
}

/*
 * Out of memory: lantoa treats an allocation failure like any other error.
 * The function that sees it returns LT_ENOMEM (with the lt_error set when it
 * has one), releases what it holds, and leaves no partial write: the
 * enclosing transaction rolls back. Nothing aborts the process, so one
 * oversized request cannot take the server down with it; the caps on bodies,
 * buffers and pages keep such failures rare.
 */

#define LT_ERR_FIELD_MAX 128
#define LT_ERR_MSG_MAX 384

typedef struct lt_error {
	int code;
	char field[LT_ERR_FIELD_MAX];
	char vi[LT_ERR_MSG_MAX];
	char en[LT_ERR_MSG_MAX];
} lt_error;

/* Clear e (may be NULL). */
void lt_error_clear(lt_error *e);

/*
 * Fill e (may be NULL) with code, field (may be NULL) and the two messages,
 * printf-style; both format strings take the same arguments.
 * Returns code, so that `return lt_error_set(...)` reads naturally.
 */
int lt_error_set(lt_error *e, int code, const char *field, const char *vi_fmt,
		 const char *en_fmt, ...)
	__attribute__((format(printf, 4, 6), format(printf, 5, 6)));

/* Stable machine-readable name of a code: "invalid", "not_found", … */
const char *lt_err_name(int code);
/* HTTP status for a code (the one mapping table). */
int lt_err_http_status(int code);
/* Process exit code for a code (the one mapping table for the CLI). */
int lt_err_exit_code(int code);
/* Message in the chosen language: en != 0 for English. Borrows from e. */
const char *lt_error_msg(const lt_error *e, int en);

#endif
