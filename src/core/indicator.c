/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* indicator.c — rules for care figures; see indicator.h. */
#include "core/indicator.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Largest value any figure may take: beyond this it is a typing slip (VND 10^15). */
#define IND_ABS_MAX 1e15

static const struct {
	const char *code;
	bool integer;
	const char *vi, *en; /* unit words for messages */
} measures[] = {
	{ "people", true, "người", "people" },
	{ "vnd", true, "đồng", "VND" },
	{ "tickets", true, "vé", "tickets" },
	{ "trips", true, "chuyến", "trips" },
	{ "stalls", true, "gian hàng", "stalls" },
	{ "programmes", true, "chương trình", "programmes" },
	{ "items", true, "suất", "items" },
	{ "visits", true, "cuộc", "visits" },
	{ "percent", false, "%", "%" },
};

static int measure_index(const char *m)
{
	for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++)
		if (!strcmp(measures[i].code, m))
			return (int)i;
	return -1;
}

bool lt_indicator_measure_known(const char *measure)
{
	return measure && measure_index(measure) >= 0;
}

/* 1234567.5 → "1.234.567,5" (Vietnamese grouping), into buf[40]. */
static void fmt_vn(double v, char buf[40])
{
	char digits[32];
	double ip;
	double frac = modf(fabs(v), &ip);
	size_t n, k = 0;

	snprintf(digits, sizeof(digits), "%.0f", ip);
	n = strlen(digits);
	if (v < 0)
		buf[k++] = '-';
	for (size_t i = 0; i < n; i++) {
		buf[k++] = digits[i];
		if ((n - i - 1) % 3 == 0 && i + 1 < n)
			buf[k++] = '.';
	}
	buf[k] = '\0';
	if (frac > 1e-9) {
		char f[16];
		size_t m;
		snprintf(f, sizeof(f), "%.2f", frac);
		m = strlen(f);
		while (m > 2 && f[m - 1] == '0')
			f[--m] = '\0';
		if (m > 2)
			snprintf(buf + k, 40 - k, ",%s", f + 2);
	}
}

/* Copy code src into dst: false when it is empty or too long. */
static bool copy_code(char dst[LT_IND_CODE_MAX], const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (!n || n >= LT_IND_CODE_MAX)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

static bool get_num(json_t *o, const char *key, double *out)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return true;
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return isfinite(*out);
}

int lt_indicator_def_parse(const char *code, const char *measure, const char *aggregation,
			   const char *rules, lt_indicator_def *d, lt_error *e)
{
	json_t *r = NULL, *parts, *x;
	json_error_t jerr;
	size_t i;
	int mi = measure ? measure_index(measure) : -1;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	if (!copy_code(d->code, code))
		return lt_error_set(e, LT_EINVAL, "code", "Mã chỉ tiêu trống hoặc quá dài",
				    "Indicator code empty or too long");
	if (mi < 0)
		return lt_error_set(e, LT_EINVAL, "measure", "Đơn vị đo không rõ: %s",
				    "Unknown measure: %s", measure ? measure : "");
	if (!aggregation || (strcmp(aggregation, "sum") && strcmp(aggregation, "max") &&
			     strcmp(aggregation, "latest") && strcmp(aggregation, "none")))
		return lt_error_set(e, LT_EINVAL, "aggregation",
				    "Cách tổng hợp phải là sum, max, latest hoặc none",
				    "Aggregation must be sum, max, latest or none");
	snprintf(d->measure, sizeof(d->measure), "%s", measure);
	snprintf(d->aggregation, sizeof(d->aggregation), "%s", aggregation);
	d->integer = measures[mi].integer;
	d->min = 0;
	d->max = strcmp(measure, "percent") ? IND_ABS_MAX : 100;
	if (!rules || !*rules)
		return 0;
	r = json_loads(rules, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(r)) {
		rc = lt_error_set(e, LT_EINVAL, "rules", "Quy tắc của chỉ tiêu %s không phải JSON {…}",
				  "Rules of indicator %s are not a JSON object", code);
		goto out;
	}
	if (!get_num(r, "min", &d->min) || !get_num(r, "max", &d->max) ||
	    !get_num(r, "per_min", &d->per_min) || !get_num(r, "per_max", &d->per_max) ||
	    d->min > d->max) {
		rc = lt_error_set(e, LT_EINVAL, "rules", "Giới hạn của chỉ tiêu %s không hợp lệ",
				  "Bounds of indicator %s are invalid", code);
		goto out;
	}
	parts = json_object_get(r, "parts");
	if (parts && (!json_is_array(parts) || json_array_size(parts) > LT_IND_PARTS_MAX)) {
		rc = lt_error_set(e, LT_EINVAL, "rules", "Danh sách thành phần của %s không hợp lệ",
				  "Parts of %s are invalid", code);
		goto out;
	}
	json_array_foreach(parts, i, x) {
		if (!copy_code(d->parts[d->nparts], json_string_value(x))) {
			rc = lt_error_set(e, LT_EINVAL, "rules", "Thành phần thứ %zu của %s không hợp lệ",
					  "Part %zu of %s is invalid", i + 1, code);
			goto out;
		}
		d->nparts++;
	}
	x = json_object_get(r, "per");
	if (x && !copy_code(d->per, json_string_value(x))) {
		rc = lt_error_set(e, LT_EINVAL, "rules", "Chỉ tiêu chia (per) của %s không hợp lệ",
				  "The per indicator of %s is invalid", code);
		goto out;
	}
	if (d->per[0] && d->per_max <= 0) {
		rc = lt_error_set(e, LT_EINVAL, "rules", "Chỉ tiêu %s cần per_max > 0",
				  "Indicator %s needs per_max > 0", code);
		goto out;
	}
out:
	json_decref(r);
	return rc;
}

/* Fill e with the two messages, already formatted. */
static int fail2(lt_error *e, const char *field, const char *vi, const char *en)
{
	if (!e)
		return LT_EINVAL;
	lt_error_set(e, LT_EINVAL, field, "%s", "%s", "");
	snprintf(e->vi, sizeof(e->vi), "%s", vi);
	snprintf(e->en, sizeof(e->en), "%s", en);
	return LT_EINVAL;
}

int lt_indicator_check(const lt_indicator_def *d, double v, lt_error *e)
{
	int mi = measure_index(d->measure);
	const char *nv = d->name_vi ? d->name_vi : d->code, *ne = d->name_en ? d->name_en : d->code;
	const char *uv = mi >= 0 ? measures[mi].vi : "", *ue = mi >= 0 ? measures[mi].en : "";
	char a[40], b[40], vi[LT_ERR_MSG_MAX], en[LT_ERR_MSG_MAX];

	if (!isfinite(v)) {
		snprintf(vi, sizeof(vi), "Giá trị của “%s” không phải là số", nv);
		snprintf(en, sizeof(en), "The value of “%s” is not a number", ne);
		return fail2(e, d->code, vi, en);
	}
	fmt_vn(v, a);
	if (v < 0) {
		snprintf(vi, sizeof(vi), "“%s” không được âm (%s %s)", nv, a, uv);
		snprintf(en, sizeof(en), "“%s” cannot be negative (%s %s)", ne, a, ue);
		return fail2(e, d->code, vi, en);
	}
	if (d->integer && v != floor(v)) {
		snprintf(vi, sizeof(vi), "“%s” phải là số nguyên (%s %s), không có số lẻ", nv, a, uv);
		snprintf(en, sizeof(en), "“%s” must be a whole number (%s %s)", ne, a, ue);
		return fail2(e, d->code, vi, en);
	}
	if (v < d->min || v > d->max) {
		fmt_vn(d->min, a);
		fmt_vn(d->max, b);
		snprintf(vi, sizeof(vi), "“%s” phải nằm trong khoảng %s – %s", nv, a, b);
		snprintf(en, sizeof(en), "“%s” must be between %s and %s", ne, a, b);
		return fail2(e, d->code, vi, en);
	}
	return 0;
}

static const lt_indicator_val *find_val(const lt_indicator_val *vals, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (vals[i].set && vals[i].code && !strcmp(vals[i].code, code))
			return &vals[i];
	return NULL;
}

static const lt_indicator_def *find_def(const lt_indicator_def *defs, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(defs[i].code, code))
			return &defs[i];
	return NULL;
}

size_t lt_indicator_warnings(const lt_indicator_def *defs, size_t ndefs,
			     const lt_indicator_val *vals, size_t nvals,
			     lt_indicator_warning *out, size_t max)
{
	size_t count = 0;

	for (size_t i = 0; i < ndefs; i++) {
		const lt_indicator_def *d = &defs[i];
		/* Values given in the definitions' order (as app/figure.c passes them) are
		 * found without a search; a code is once in a set. */
		const lt_indicator_val *self =
			i < nvals && vals[i].code &&
					(vals[i].code == d->code || !strcmp(vals[i].code, d->code))
				? (vals[i].set ? &vals[i] : NULL)
				: find_val(vals, nvals, d->code);
		char a[40], b[40], c[40];

		if (!self)
			continue;
		if (d->nparts) {
			double sum = 0;
			bool all = true;
			for (int k = 0; k < d->nparts; k++) {
				const lt_indicator_val *p = find_val(vals, nvals, d->parts[k]);
				if (!p)
					all = false;
				else
					sum += p->v;
			}
			if (all && fabs(sum - self->v) > 0.5) {
				if (count < max) {
					lt_indicator_warning *w = &out[count];
					snprintf(w->rule, sizeof(w->rule), "parts:%s", d->code);
					snprintf(w->code, sizeof(w->code), "%s", d->code);
					fmt_vn(self->v, a);
					fmt_vn(sum, b);
					snprintf(w->vi, sizeof(w->vi),
						 "“%s” = %s nhưng tổng các thành phần là %s",
						 d->name_vi ? d->name_vi : d->code, a, b);
					snprintf(w->en, sizeof(w->en), "“%s” = %s but its parts add up to %s",
						 d->name_en ? d->name_en : d->code, a, b);
				}
				count++;
			}
		}
		if (d->per[0]) {
			const lt_indicator_val *den = find_val(vals, nvals, d->per);
			if (den && den->v > 0) {
				double ratio = self->v / den->v;
				if (ratio < d->per_min || ratio > d->per_max) {
					if (count < max) {
						lt_indicator_warning *w = &out[count];
						const lt_indicator_def *dd = find_def(defs, ndefs, d->per);
						snprintf(w->rule, sizeof(w->rule), "per:%s", d->code);
						snprintf(w->code, sizeof(w->code), "%s", d->code);
						fmt_vn(ratio, a);
						fmt_vn(d->per_min, b);
						fmt_vn(d->per_max, c);
						snprintf(w->vi, sizeof(w->vi),
							 "“%s” / “%s” = %s, ngoài khoảng thường gặp %s – %s",
							 d->name_vi ? d->name_vi : d->code,
							 dd && dd->name_vi ? dd->name_vi : d->per, a, b, c);
						snprintf(w->en, sizeof(w->en),
							 "“%s” / “%s” = %s, outside the usual %s – %s",
							 d->name_en ? d->name_en : d->code,
							 dd && dd->name_en ? dd->name_en : d->per, a, b, c);
					}
					count++;
				}
			}
		}
	}
	return count;
}

double lt_indicator_aggregate(const lt_indicator_def *d, const double *v,
			      const long long *stamps, size_t n)
{
	double acc = 0;
	long long best = 0;

	if (!n || !strcmp(d->aggregation, "none"))
		return 0;
	if (!strcmp(d->aggregation, "sum")) {
		for (size_t i = 0; i < n; i++)
			acc += v[i];
		return acc;
	}
	if (!strcmp(d->aggregation, "max")) {
		acc = v[0];
		for (size_t i = 1; i < n; i++)
			if (v[i] > acc)
				acc = v[i];
		return acc;
	}
	/* latest */
	acc = v[n - 1];
	if (stamps) {
		best = stamps[0];
		acc = v[0];
		for (size_t i = 1; i < n; i++)
			if (stamps[i] >= best) {
				best = stamps[i];
				acc = v[i];
			}
	}
	return acc;
}
