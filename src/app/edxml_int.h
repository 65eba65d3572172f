/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* edxml_int.h — what edxml.c and edxml_import.c share; not for other modules. */
#ifndef LT_APP_EDXML_INT_H
#define LT_APP_EDXML_INT_H

#include "core/arena.h"

/* The DocumentId of organ's document number of date: "organ,YYYY/MM/DD,number" (in a). */
const char *lt_app_edxml_doc_id(const char *organ, const char *date, const char *number,
				lt_arena *a);
/* Now in Vietnam time, as edXML writes a timestamp (in a). */
const char *lt_app_edxml_now(lt_arena *a);

#endif
