/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* letter_directive.c — see letter_directive.h. */
#include "text/letter_directive.h"

#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *strv(const lt_letter_strv *v)
{
	json_t *a = json_array();

	for (size_t i = 0; i < v->n; i++)
		json_array_append_new(a, json_string(v->v[i]));
	return a;
}

json_t *lt_letter_to_directive(const lt_letter *l, int64_t issuer_id, json_t **notes)
{
	json_t *d = json_object(), *refs = json_array(), *themes = json_array(), *n = json_array();
	bool grassroots = false;

	json_object_set_new(d, "number", str_or_null(l->number));
	json_object_set_new(d, "place", str_or_null(l->place));
	json_object_set_new(d, "date", str_or_null(l->date));
	json_object_set_new(d, "subject", str_or_null(l->subject));
	json_object_set_new(d, "motto", str_or_null(l->motto));
	for (size_t i = 0; i < l->n_refs; i++)
		json_array_append_new(refs, json_pack("{s:s,s:o,s:o}", "number", l->refs[i].number,
						      "date", str_or_null(l->refs[i].date), "issuer",
						      str_or_null(l->refs[i].issuer)));
	json_object_set_new(d, "references", refs);
	for (size_t i = 0; i < l->n_sections; i++)
		json_array_append_new(themes, json_pack("{s:s,s:o}", "title", l->sections[i].title,
							"items", strv(&l->sections[i].items)));
	json_object_set_new(d, "themes", themes);
	json_object_set_new(d, "tasks", strv(&l->tasks));
	json_object_set_new(d, "cc", strv(&l->cc));
	if (l->emails.n)
		json_object_set_new(d, "report_email", json_string(l->emails.v[l->emails.n - 1]));
	/* The last deadline the letter mentions is taken as the report deadline. */
	if (l->deadlines.n)
		json_object_set_new(d, "report_deadline",
				    json_string(l->deadlines.v[l->deadlines.n - 1]));
	json_object_set_new(d, "signer",
			    json_pack("{s:o,s:o,s:o}", "authority", str_or_null(l->signer.authority),
				      "title", str_or_null(l->signer.title), "name",
				      str_or_null(l->signer.name)));
	for (size_t i = 0; i < l->recipients.n; i++) {
		char *f = lt_text_fold(l->recipients.v[i], strlen(l->recipients.v[i]));
		if (f && strstr(f, "co so"))
			grassroots = true;
		free(f);
	}
	json_object_set_new(d, "recipients",
			    json_pack("{s:s,s:I}", "mode", grassroots ? "grassroots_under" : "children_of",
				      "unit_id", (json_int_t)issuer_id));
	json_array_append_new(n, json_string(grassroots
		? "recipients: mọi công đoàn cơ sở trực thuộc đơn vị ban hành / every grassroots union under the issuer"
		: "recipients: các đơn vị trực thuộc đơn vị ban hành / the issuer's direct units"));
	for (size_t i = 0; i < l->warnings.n; i++)
		json_array_append_new(n, json_string(l->warnings.v[i]));
	if (notes)
		*notes = n;
	else
		json_decref(n);
	return d;
}
