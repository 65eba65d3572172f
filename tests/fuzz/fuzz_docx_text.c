/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_docx_text.c — libFuzzer target for the .docx letter upload
 * (src/text/docx_text.c, what POST /api/v1/directives/parse reads).
 *
 * An input that starts like a zip ("PK") is handed over as it is, to fuzz
 * the archive layer. Any other input becomes word/document.xml of a .docx
 * built here in memory (stored, not deflated), so that mutations reach the
 * XML walker instead of dying on a CRC. Whatever the bytes: no crash, no
 * leak, no sanitizer report; the text is valid UTF-8 within the buffer's
 * cap, or the refusal says why in both languages.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "text/docx_text.h"
#include "text/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
	"package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"appl"
	"ication/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

/* A .docx holding xml as word/document.xml, in *out (malloc'd), or 0 bytes. */
static size_t wrap(const uint8_t *xml, size_t n, void **out)
{
	zip_error_t ze;
	zip_source_t *src, *part;
	zip_t *za;
	zip_stat_t st;
	size_t len = 0;

	*out = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za)
		abort();
	zip_source_keep(src);
	/* Both entries stored: a deflate stream per entry (zlib's 256 KiB state,
	 * zeroed) would cost more than the parsing under test. */
	part = zip_source_buffer(za, types, sizeof(types) - 1, 0);
	if (!part || zip_file_add(za, "[Content_Types].xml", part, 0) != 0 ||
	    zip_set_file_compression(za, 0, ZIP_CM_STORE, 0))
		abort();
	part = zip_source_buffer(za, xml, n, 0);
	if (!part)
		abort();
	{
		zip_int64_t i = zip_file_add(za, "word/document.xml", part, 0);
		if (i < 0 || zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0))
			abort();
	}
	if (zip_close(za))
		abort();
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		*out = malloc(st.size ? st.size : 1);
		if (!*out || zip_source_read(src, *out, st.size) != (zip_int64_t)st.size)
			abort();
		len = st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *docx = NULL;
	const void *in = data;
	size_t n = size;
	lt_buf out;
	lt_error e;
	int rc;

	if (size > 1 << 20)
		return 0;
	if (!(size >= 2 && data[0] == 'P' && data[1] == 'K')) {
		n = wrap(data, size, &docx);
		in = docx;
	}
	lt_buf_init(&out, 1 << 20);
	memset(&e, 0, sizeof(e));
	rc = lt_docx_text(in, n, &out, &e);
	if (rc == 0) {
		if (out.len > out.cap || (out.len && !lt_utf8_valid(out.ptr, out.len)))
			abort();
	} else if (rc != LT_EINVAL && rc != LT_ETOOBIG && rc != LT_ENOMEM) {
		abort();
	} else if (e.code != rc || !e.vi[0] || !e.en[0]) {
		abort();
	}
	lt_buf_free(&out);
	free(docx);
	return 0;
}
