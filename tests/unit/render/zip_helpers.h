/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * zip_helpers.h — build small XLSX (zip) files in memory for the table
 * tests, and look inside written ones. Header-only, test code only.
 */
#ifndef LT_TEST_ZIP_HELPERS_H
#define LT_TEST_ZIP_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

typedef struct zpart {
	const char *name;
	const void *data;
	size_t len; /* 0: strlen(data) */
} zpart;

/* Read a whole file; returns malloc'd bytes (NUL-terminated) or NULL. */
static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)n + 1);
		if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		}
		if (p) {
			p[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return p;
}

/* A zip of the given parts (deflated), malloc'd; NULL on failure. */
static inline char *make_zip(const zpart *parts, int n, size_t *len)
{
	char path[] = "/tmp/lt-test-zip-XXXXXX";
	int fd = mkstemp(path), err = 0;
	zip_t *za;
	char *out = NULL;

	if (fd < 0)
		return NULL;
	close(fd);
	za = zip_open(path, ZIP_TRUNCATE, &err);
	for (int i = 0; za && i < n; i++) {
		size_t l = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(za, parts[i].data, l, 0);
		if (!s || zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE) < 0) {
			zip_source_free(s);
			zip_discard(za);
			za = NULL;
		}
	}
	if (za && zip_close(za) == 0)
		out = slurp(path, len);
	unlink(path);
	return out;
}

/* Entry name of the zip at data, malloc'd NUL-terminated; NULL if absent. */
static inline char *zip_entry(const void *data, size_t len, const char *name)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t st;
	char *p = NULL;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	if (zip_stat(za, name, 0, &st) == 0 && (zf = zip_fopen(za, name, 0))) {
		p = calloc(1, st.size + 1);
		if (p && zip_fread(zf, p, st.size) != (zip_int64_t)st.size) {
			free(p);
			p = NULL;
		}
		zip_fclose(zf);
	}
	zip_discard(za);
	zip_error_fini(&ze);
	return p;
}

#define WB_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/*
 * A one-sheet workbook ("Data") around sheet_data (the inside of
 * <sheetData>), with optional shared strings (inside <sst>), styles (whole
 * styles.xml) and workbookPr element.
 */
static inline char *make_book(const char *sheet_data, const char *sst, const char *styles,
			      const char *wbpr, size_t *len)
{
	char wb[1024], rels[1024], *sheet, *sstx = NULL;
	zpart parts[5];
	int n = 0;
	char *out;

	snprintf(wb, sizeof(wb),
		 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<workbook " WB_NS ">%s<sheets><sheet name=\"Data\" sheetId=\"1\" "
		 "r:id=\"rId1\"/></sheets></workbook>",
		 wbpr ? wbpr : "");
	snprintf(rels, sizeof(rels),
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Type=\"" REL_NS "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId2\" Type=\"" REL_NS "sharedStrings\" Target=\"sharedStrings.xml\"/>"
		 "<Relationship Id=\"rId3\" Type=\"" REL_NS "styles\" Target=\"styles.xml\"/>"
		 "</Relationships>");
	sheet = malloc(strlen(sheet_data) + 512);
	if (!sheet)
		return NULL;
	sprintf(sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " WB_NS
		       "><dimension ref=\"A1\"/><sheetData>%s</sheetData></worksheet>",
		sheet_data);
	parts[n++] = (zpart){ "xl/workbook.xml", wb, 0 };
	parts[n++] = (zpart){ "xl/_rels/workbook.xml.rels", rels, 0 };
	parts[n++] = (zpart){ "xl/worksheets/sheet1.xml", sheet, 0 };
	if (sst) {
		sstx = malloc(strlen(sst) + 256);
		if (!sstx) {
			free(sheet);
			return NULL;
		}
		sprintf(sstx, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">%s</sst>",
			sst);
		parts[n++] = (zpart){ "xl/sharedStrings.xml", sstx, 0 };
	}
	if (styles)
		parts[n++] = (zpart){ "xl/styles.xml", styles, 0 };
	out = make_zip(parts, n, len);
	free(sheet);
	free(sstx);
	return out;
}

#endif
