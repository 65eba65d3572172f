/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/text/letter*.c: the official-letter parser on the reference
 * letter 42/LĐLĐ and on letters written to reproduce messy real layouts
 * (tests/data/letters/, path in $LT_LETTER_DIR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <utf8proc.h>

#include "../../lib/needs_shared.h"
#include "text/letter.h"

static char *slurp(const char *name, size_t *len)
{
	const char *dir = getenv("LT_LETTER_DIR");
	char path[1024];
	FILE *f;
	char *p;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data/letters", name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	if (p) {
		p[n] = '\0';
		*len = (size_t)n;
	}
	return p;
}

/* Expect field got to be want: NULL is "not checked", "" is "not found". */
static void expect_field(const char *got, const char *want)
{
	if (!want)
		return;
	if (!*want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

/* The header fields of l, each as expect_field checks it. */
static void expect_head(const lt_letter *l, const char *number, const char *issuer,
			const char *parent, const char *place, const char *date, const char *subject)
{
	expect_field(l->number, number);
	expect_field(l->issuer, issuer);
	expect_field(l->parent_body, parent);
	expect_field(l->place, place);
	expect_field(l->date, date);
	expect_field(l->subject, subject);
}

/* Parse a file of the letters folder; skips the test when it is absent. */
static lt_letter *parse_file(const char *name)
{
	size_t len = 0;
	char *text = slurp(name, &len);
	lt_letter *l = NULL;
	lt_error e = { 0 };

	if (!text) {
		skip();
		return NULL;
	}
	assert_int_equal(lt_letter_parse(text, len, &l, &e), 0);
	free(text);
	assert_non_null(l);
	return l;
}

static lt_letter *parse_str(const char *s)
{
	lt_letter *l = NULL;
	lt_error e = { 0 };

	assert_int_equal(lt_letter_parse(s, strlen(s), &l, &e), 0);
	return l;
}

static bool has_warning(const lt_letter *l, const char *prefix)
{
	for (size_t i = 0; i < l->warnings.n; i++)
		if (!strncmp(l->warnings.v[i], prefix, strlen(prefix)))
			return true;
	return false;
}

static void check_reference(const lt_letter *l)
{
	assert_string_equal(l->number, "42/LĐLĐ");
	assert_null(l->issuer);
	assert_null(l->parent_body);
	assert_string_equal(l->place, "Gia Lâm");
	assert_string_equal(l->date, "2024-01-18");
	assert_string_equal(l->subject,
			    "truyền thông các hoạt động chăm lo đoàn viên, NLĐ dịp Tết Giáp Thìn 2024");
	assert_int_equal(l->recipients.n, 1);
	assert_string_equal(l->recipients.v[0],
			    "Ban Chấp hành Công đoàn cơ sở trực thuộc LĐLĐ Huyện");
	assert_int_equal(l->n_refs, 1);
	assert_string_equal(l->refs[0].number, "228/LĐLĐ");
	assert_string_equal(l->refs[0].date, "2024-01-16");
	assert_string_equal(l->refs[0].issuer, "Liên đoàn Lao động thành phố Hà Nội");
	assert_string_equal(l->motto, "Tất cả đoàn viên, người lao động đều có Tết");
	assert_int_equal(l->n_sections, 4);
	assert_string_equal(l->sections[0].title,
			    "Truyền thông về tổng kết 10 năm Chương trình “Tết Sum vầy”");
	assert_string_equal(l->sections[1].title, "Truyền thông về “Chợ Tết Công đoàn năm 2024”");
	assert_string_equal(l->sections[2].title, "Hành trình Tết Công đoàn - Xuân 2024");
	assert_string_equal(l->sections[3].title, "Chương trình “Tết Sum vầy - Xuân chia sẻ”");
	assert_int_equal(l->sections[0].items.n, 3);
	assert_int_equal(l->sections[1].items.n, 2);
	assert_int_equal(l->sections[2].items.n, 2);
	assert_int_equal(l->sections[3].items.n, 4);
	assert_true(!strncmp(l->sections[0].items.v[0], "Lan tỏa sâu đậm dấu ấn", 24));
	assert_int_equal(l->tasks.n, 4);
	assert_true(!strncmp(l->tasks.v[0], "Truyền tải nhanh chóng", 24));
	assert_true(!strncmp(l->tasks.v[1], "Tổng hợp và đề xuất kịp thời các tin nhắn", 40));
	assert_true(!strncmp(l->tasks.v[3], "Tổ chức hoặc vận động đoàn viên", 30));
	assert_int_equal(l->emails.n, 1);
	assert_string_equal(l->emails.v[0], "gialam@congdoanhanoi.org.vn");
	assert_int_equal(l->deadlines.n, 0);
	assert_int_equal(l->cc.n, 2);
	assert_string_equal(l->cc.v[0], "Như kính gửi; (để thực hiện)");
	assert_string_equal(l->cc.v[1], "Lưu VP");
	assert_string_equal(l->signer.authority, "TM. BAN THƯỜNG VỤ");
	assert_string_equal(l->signer.title, "CHỦ TỊCH");
	assert_string_equal(l->signer.name, "Nguyễn Đức Thê");
	/* No header in this text: said so, not guessed. */
	assert_true(has_warning(l, "issuer: not found"));
	assert_true(has_warning(l, "parent_body: not found"));
	assert_false(has_warning(l, "date:"));
	assert_false(has_warning(l, "text:"));
}

static void test_reference_letter(void **state)
{
	lt_letter *l = parse_file("42-LDLD-gia-lam-2024.txt");
	(void)state;
	check_reference(l);
	lt_letter_free(l);
}

/* The shared copy of the reference letter, when it is there. */
static void test_reference_shared_copy(void **state)
{
	const char *dir = getenv("LT_SHARED_DATA");
	char path[1024];
	FILE *f;
	char *buf;
	size_t n;
	lt_letter *l = NULL;
	lt_error e = { 0 };

	(void)state;
	if (!dir)
		LT_SKIP_NEEDS_SHARED("letters (LT_SHARED_DATA unset)");
	snprintf(path, sizeof(path), "%s/letters/42-LDLD-gia-lam-2024.txt", dir);
	f = fopen(path, "rb");
	if (!f)
		LT_SKIP_NEEDS_SHARED(path);
	buf = malloc(1 << 16);
	assert_non_null(buf);
	n = fread(buf, 1, 1 << 16, f);
	fclose(f);
	assert_int_equal(lt_letter_parse(buf, n, &l, &e), 0);
	check_reference(l);
	lt_letter_free(l);
	free(buf);
}

static void test_reference_json(void **state)
{
	static const char *const keys[] = { "number", "symbol", "doc_type", "issuer",
					    "parent_body", "place", "date",
					    "subject", "recipients", "references", "motto",
					    "sections", "tasks", "emails", "deadlines", "cc",
					    "signer", "warnings" };
	lt_letter *l = parse_file("42-LDLD-gia-lam-2024.txt");
	json_t *j = lt_letter_to_json(l), *v;
	const char *k;
	size_t i = 0;

	(void)state;
	assert_non_null(j);
	assert_int_equal(json_object_size(j), 18);
	assert_string_equal(json_string_value(json_object_get(j, "symbol")), "LĐLĐ");
	assert_string_equal(json_string_value(json_object_get(j, "doc_type")), "công văn");
	json_object_foreach(j, k, v) {
		(void)v;
		assert_string_equal(k, keys[i]);
		i++;
	}
	assert_true(json_is_null(json_object_get(j, "issuer")));
	assert_string_equal(json_string_value(json_object_get(j, "date")), "2024-01-18");
	v = json_array_get(json_object_get(j, "references"), 0);
	assert_string_equal(json_string_value(json_object_get(v, "number")), "228/LĐLĐ");
	assert_string_equal(json_string_value(json_object_get(v, "date")), "2024-01-16");
	v = json_array_get(json_object_get(j, "sections"), 3);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 4);
	v = json_object_get(j, "signer");
	assert_string_equal(json_string_value(json_object_get(v, "name")), "Nguyễn Đức Thê");
	assert_int_equal(json_array_size(json_object_get(j, "tasks")), 4);
	json_decref(j);
	lt_letter_free(l);
}

/* NFD input (as macOS and some PDF tools write it) gives the same NFC result. */
static void test_nfd_input(void **state)
{
	size_t len = 0;
	char *text = slurp("42-LDLD-gia-lam-2024.txt", &len);
	utf8proc_uint8_t *nfd;
	lt_letter *l = NULL;
	lt_error e = { 0 };

	(void)state;
	if (!text)
		skip();
	nfd = utf8proc_NFD((const utf8proc_uint8_t *)text);
	assert_non_null(nfd);
	assert_true(strlen((char *)nfd) > len); /* really decomposed */
	assert_int_equal(lt_letter_parse((char *)nfd, strlen((char *)nfd), &l, &e), 0);
	check_reference(l);
	lt_letter_free(l);
	free(nfd);
	free(text);
}

/* Header columns flattened onto shared lines, "Số:  175  /…", "V/v:" over 3 lines. */
static void test_flattened_columns(void **state)
{
	lt_letter *l = parse_file("175-CDN-TGNC-flattened.txt");

	(void)state;
	/* "ngày 5 tháng 3" */
	expect_head(l, "175/CĐN-TGNC", "CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH NGHỆ AN", "TỔNG LĐLĐ VIỆT NAM",
		    "Vinh", "2024-03-05",
		    "hướng dẫn tổ chức các hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8/3 và tuyên truyền "
		    "Tháng Công nhân năm 2024");
	assert_int_equal(l->recipients.n, 1);
	assert_string_equal(l->recipients.v[0], "Công đoàn các trường trực thuộc");
	assert_int_equal(l->n_refs, 2);
	assert_string_equal(l->refs[0].number, "368/KH-TLĐ");
	assert_string_equal(l->refs[0].date, "2023-12-12");
	assert_string_equal(l->refs[0].issuer, "Tổng Liên đoàn Lao động Việt Nam");
	assert_string_equal(l->refs[1].number, "05/CT-LĐLĐ");
	assert_string_equal(l->refs[1].date, "2024-02-20");
	assert_string_equal(l->refs[1].issuer, "Liên đoàn Lao động tỉnh Nghệ An");
	assert_string_equal(l->motto, "Thiết thực - Hiệu quả - An toàn");
	assert_int_equal(l->n_sections, 2);
	assert_string_equal(l->sections[0].title, "Hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8/3");
	assert_int_equal(l->sections[0].items.n, 2);
	assert_int_equal(l->sections[1].items.n, 3);
	/* Numbered requests after "Đề nghị …:" are tasks. */
	assert_int_equal(l->tasks.n, 2);
	assert_string_equal(l->tasks.v[0],
			    "Xây dựng kế hoạch cụ thể phù hợp với điều kiện của đơn vị.");
	assert_int_equal(l->emails.n, 1);
	assert_string_equal(l->emails.v[0], "congdoan.gd@nghean.edu.vn");
	assert_int_equal(l->deadlines.n, 1);
	assert_string_equal(l->deadlines.v[0], "2024-03-15"); /* "trước 17h00 ngày 15/3/2024" */
	/* "Nơi nhận" and the signer block were side by side. */
	assert_int_equal(l->cc.n, 3);
	assert_string_equal(l->cc.v[0], "Như trên");
	assert_string_equal(l->cc.v[1], "LĐLĐ tỉnh (để b/c)");
	assert_string_equal(l->cc.v[2], "Lưu: VT, TGNC");
	assert_string_equal(l->signer.authority, "KT. CHỦ TỊCH");
	assert_string_equal(l->signer.title, "PHÓ CHỦ TỊCH");
	assert_string_equal(l->signer.name, "Trần Thị Minh Hằng");
	assert_int_equal(l->warnings.n, 0);
	lt_letter_free(l);
}

/* BOM, CRLF, tabs, "|" table cells, "*****" rules, "Kinh gửi", glued signer. */
static void test_table_crlf_bom(void **state)
{
	lt_letter *l = parse_file("12-UBKT-bac-ninh-table-crlf.txt");

	(void)state;
	expect_head(l, "12/UBKT-LĐLĐ", "ỦY BAN KIỂM TRA", "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH",
		    "Bắc Ninh", "2024-01-08", "kiểm tra tài chính công đoàn năm 2024");
	assert_int_equal(l->recipients.n, 2);
	assert_string_equal(l->recipients.v[0], "Ban Chấp hành Công đoàn các khu công nghiệp");
	assert_string_equal(l->recipients.v[1],
			    "Ban Chấp hành LĐLĐ các huyện, thị xã, thành phố");
	assert_int_equal(l->n_refs, 1);
	assert_string_equal(l->refs[0].number, "1234/QĐ-TLĐ");
	assert_string_equal(l->refs[0].date, "2023-07-27");
	assert_string_equal(l->refs[0].issuer, "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam");
	assert_int_equal(l->n_sections, 2);
	assert_string_equal(l->sections[0].title, "NỘI DUNG KIỂM TRA");
	assert_string_equal(l->sections[0].items.v[0],
			    "Việc thu, chi, quản lý tài chính công đoàn năm 2023.");
	assert_string_equal(l->sections[1].title, "THỜI GIAN KIỂM TRA");
	assert_int_equal(l->tasks.n, 2);
	assert_string_equal(l->tasks.v[1], "Sổ sách, chứng từ kế toán có liên quan.");
	/* Two spellings of one address are one address. */
	assert_int_equal(l->emails.n, 1);
	assert_int_equal(l->deadlines.n, 1);
	assert_string_equal(l->deadlines.v[0], "2024-01-12"); /* "chậm nhất ngày 12/01/2024" */
	assert_int_equal(l->cc.n, 3);
	assert_string_equal(l->cc.v[2], "Lưu UBKT");
	assert_string_equal(l->signer.authority, "TM. ỦY BAN KIỂM TRA");
	assert_string_equal(l->signer.title, "PHÓ CHỦ NHIỆM");
	assert_string_equal(l->signer.name, "Nguyễn Quốc Huy");
	lt_letter_free(l);
}

/* "ngày 1tháng 6năm 2017" glued, motto in capitals next to the issuer. */
static void test_glued_dates_ubnd(void **state)
{
	lt_letter *l = parse_file("88-UBND-glued-dates.txt");

	(void)state;
	assert_string_equal(l->number, "88/UBND-VP");
	assert_string_equal(l->issuer, "ỦY BAN NHÂN DÂN HUYỆN GIA LÂM");
	assert_null(l->parent_body);
	assert_string_equal(l->date, "2017-06-01");
	assert_string_equal(l->place, "Gia Lâm");
	/* The date sat at the end of the subject's second line. */
	assert_string_equal(l->subject, "tổ chức Tháng hành động vì an toàn thực phẩm năm 2017");
	assert_string_equal(l->recipients.v[0], "Ủy ban nhân dân các xã, thị trấn");
	assert_int_equal(l->n_refs, 1);
	assert_string_equal(l->refs[0].number, "45/KH-UBND");
	assert_string_equal(l->refs[0].date, "2017-05-03");
	assert_string_equal(l->refs[0].issuer, "UBND thành phố Hà Nội");
	assert_int_equal(l->n_sections, 2);
	/* A hard-wrapped item is joined back into one. */
	assert_int_equal(l->sections[0].items.n, 2);
	assert_string_equal(l->sections[0].items.v[0],
			    "Tổ chức tuyên truyền trên hệ thống loa truyền thanh cơ sở về các quy "
			    "định của pháp luật về an toàn thực phẩm, chú trọng các cơ sở sản xuất "
			    "nhỏ lẻ.");
	assert_string_equal(l->deadlines.v[0], "2017-06-30");
	assert_string_equal(l->signer.authority, "TL. CHỦ TỊCH");
	assert_string_equal(l->signer.title, "CHÁNH VĂN PHÒNG");
	assert_string_equal(l->signer.name, "Lê Văn Tám"); /* "(Đã ký)" skipped */
	lt_letter_free(l);
}

/* A letter cut off mid-sentence: what is there, and warnings for the rest. */
static void test_cut_off(void **state)
{
	lt_letter *l = parse_file("07-CDCS-cut-off.txt");

	(void)state;
	assert_string_equal(l->number, "07/CĐCS");
	assert_string_equal(l->issuer, "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY XUÂN LÂM");
	assert_string_equal(l->parent_body, "LĐLĐ HUYỆN GIA LÂM");
	assert_string_equal(l->date, "2024-01-19");
	assert_int_equal(l->tasks.n, 2);
	assert_string_equal(l->refs[0].number, "42/LĐLĐ");
	/* "trước ngày 20/01": the year comes from the letter, with a warning. */
	assert_int_equal(l->deadlines.n, 1);
	assert_string_equal(l->deadlines.v[0], "2024-01-20");
	assert_true(has_warning(l, "deadlines: year taken from the letter's date"));
	assert_int_equal(l->cc.n, 0);
	assert_null(l->signer.name);
	assert_true(has_warning(l, "text: no closing block"));
	assert_true(has_warning(l, "signer.name: not found"));
	assert_true(has_warning(l, "cc: not found"));
	lt_letter_free(l);
}

/* Text from a .docx: "**bold**" headings, motto in small letters, columns in the closing. */
static void test_bold_headings(void **state)
{
	lt_letter *l = parse_file("31-LDLD-bold-docx.txt");

	(void)state;
	assert_string_equal(l->number, "31/LĐLĐ-TG");
	assert_string_equal(l->issuer, "LIÊN ĐOÀN LAO ĐỘNG QUẬN LONG BIÊN");
	assert_string_equal(l->parent_body, "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI");
	assert_string_equal(l->date, "2023-12-22");
	assert_string_equal(l->subject, "Triển khai Cuộc thi \"Bên nhau là Tết\" năm 2024");
	assert_int_equal(l->n_sections, 3);
	assert_string_equal(l->sections[0].title, "Đối tượng dự thi");
	assert_int_equal(l->sections[1].items.n, 2);
	assert_int_equal(l->tasks.n, 2);
	assert_string_equal(l->deadlines.v[0], "2024-01-10");
	assert_string_equal(l->emails.v[0], "tuyengiao.longbien@gmail.com");
	assert_int_equal(l->cc.n, 2);
	assert_string_equal(l->cc.v[0], "Như kính gửi");
	assert_string_equal(l->signer.authority, "TM. BAN THƯỜNG VỤ");
	assert_string_equal(l->signer.title, "CHỦ TỊCH");
	assert_string_equal(l->signer.name, "Phạm Thị Thu Trang");
	lt_letter_free(l);
}

/* A plan: no "V/v", the subject follows the title "KẾ HOẠCH"; no "Kính gửi". */
static void test_plan_title(void **state)
{
	lt_letter *l = parse_file("05-KH-LDLD-plan.txt");

	(void)state;
	assert_string_equal(l->number, "05/KH-LĐLĐ");
	assert_string_equal(l->issuer, "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI");
	assert_string_equal(l->parent_body, "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM");
	assert_string_equal(l->place, "Đồng Nai");
	assert_string_equal(l->date, "2024-01-03");
	assert_string_equal(l->subject, "Tổ chức \"Tết Sum vầy - Xuân chia sẻ\" năm 2024");
	assert_int_equal(l->recipients.n, 0);
	assert_true(has_warning(l, "recipients: not found"));
	assert_int_equal(l->n_refs, 2);
	assert_string_equal(l->refs[1].number, "02/NQ-BCH");
	assert_int_equal(l->n_sections, 3);
	assert_string_equal(l->sections[1].title, "NỘI DUNG");
	assert_int_equal(l->sections[1].items.n, 3);
	assert_int_equal(l->tasks.n, 2);
	assert_string_equal(l->deadlines.v[0], "2024-02-15");
	assert_int_equal(l->cc.n, 4);
	assert_string_equal(l->signer.name, "Nguyễn Thị Thu Hà");
	lt_letter_free(l);
}

/* Small inline cases. */
static void test_inline_cases(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse_str("Số: 42 /LĐLĐ\nHà Nội, ngày 32 tháng 13 năm 2024\nV/v thử\n"
		      "Kính gửi: - Công đoàn A; - Công đoàn B.\n");
	assert_string_equal(l->number, "42/LĐLĐ");
	assert_null(l->date);
	assert_true(has_warning(l, "date: not a valid date"));
	assert_string_equal(l->place, "Hà Nội");
	assert_int_equal(l->recipients.n, 2);
	assert_string_equal(l->recipients.v[1], "Công đoàn B");
	lt_letter_free(l);

	/* No date at all: null and a warning, never a date from the body. */
	l = parse_str("Số: 3/CĐ\nV/v họp\nKính gửi: Tổ 1\n"
		      "Thực hiện Công văn số 9/LĐLĐ ngày 16/01/2024 của LĐLĐ huyện.\n");
	assert_null(l->date);
	assert_true(has_warning(l, "date: not found"));
	assert_string_equal(l->refs[0].date, "2024-01-16");
	assert_string_equal(l->refs[0].issuer, "LĐLĐ huyện");
	lt_letter_free(l);

	/* Signer without authority, title glued to the name. */
	l = parse_str("Nơi nhận:\n- Lưu VT.\n\nCHỦ TỊCHĐỗ Văn Bình\n");
	assert_null(l->signer.authority);
	assert_string_equal(l->signer.title, "CHỦ TỊCH");
	assert_string_equal(l->signer.name, "Đỗ Văn Bình");
	lt_letter_free(l);
}

static void test_bad_input(void **state)
{
	lt_letter *l = (lt_letter *)1;
	lt_error e = { 0 };
	char *big;

	(void)state;
	assert_int_equal(lt_letter_parse("Số: 1/A\xff", sizeof("Số: 1/A\xff") - 1, &l, &e), LT_EINVAL);
	assert_null(l);
	assert_string_equal(e.field, "text");
	assert_non_null(strstr(e.en, "UTF-8"));
	assert_non_null(strstr(e.vi, "UTF-8"));
	assert_int_equal(lt_letter_parse("a\0b", 3, &l, &e), LT_EINVAL);
	big = malloc(LT_LETTER_MAX + 1);
	assert_non_null(big);
	memset(big, 'a', LT_LETTER_MAX + 1);
	assert_int_equal(lt_letter_parse(big, LT_LETTER_MAX + 1, &l, &e), LT_ETOOBIG);
	free(big);
	/* Empty input and a lone BOM parse to an empty letter with warnings. */
	assert_int_equal(lt_letter_parse("", 0, &l, &e), 0);
	assert_null(l->number);
	assert_true(has_warning(l, "number: not found"));
	lt_letter_free(l);
	assert_int_equal(lt_letter_parse("\xEF\xBB\xBF", 3, &l, &e), 0);
	assert_true(has_warning(l, "text:"));
	lt_letter_free(l);
}

/* Signing authorities of Nghị định 30 in their written forms, kept in order. */
static void test_authority_chain(void **state)
{
	static const struct {
		const char *text, *prefix[3], *of[3], *title;
	} cases[] = {
		{ "Số: 5/BGDĐT-KHTC\nV/v x\n\nNơi nhận:\n- Như trên;\n\nTL. BỘ TRƯỞNG\n"
		  "KT.VỤ TRƯỞNG VỤ KẾ HOẠCH\nPHÓ VỤ TRƯỞNG\nLê Khánh Tuấn\n",
		  { "TL.", "KT.", NULL }, { "BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ KẾ HOẠCH", NULL },
		  "PHÓ VỤ TRƯỞNG" },
		{ "Số: 6/CĐ\nV/v x\n\nTM/BCH CÔNG ĐOÀN TRƯỜNG\nPHÓ CHỦ TỊCH\nLê Văn An\n",
		  { "TM.", NULL }, { "BCH CÔNG ĐOÀN TRƯỜNG", NULL }, "PHÓ CHỦ TỊCH" },
		{ "Số: 7/UBND\nV/v x\n\nTUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nLê Văn Bình\n",
		  { "TUQ.", NULL }, { "CHỦ TỊCH", NULL }, "CHÁNH VĂN PHÒNG" },
		{ "Số: 8/SYT\nV/v x\n\nK/T GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn Cường\n",
		  { "KT.", NULL }, { "GIÁM ĐỐC", NULL }, "PHÓ GIÁM ĐỐC" },
		{ "Số: 9/SYT\nV/v x\n\nQ. GIÁM ĐỐC\nLê Văn Dũng\n",
		  { "Q.", NULL }, { "GIÁM ĐỐC", NULL }, NULL },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		lt_letter *l = parse_str(cases[k].text);
		size_t n = 0;
		while (n < 3 && cases[k].prefix[n])
			n++;
		assert_int_equal(l->signer.n_auth, n);
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(l->signer.auth[i].prefix, cases[k].prefix[i]);
			assert_string_equal(l->signer.auth[i].of, cases[k].of[i]);
		}
		if (cases[k].title)
			assert_string_equal(l->signer.title, cases[k].title);
		assert_string_equal(l->doc_type, "công văn");
		lt_letter_free(l);
	}
}

/* Numbers with "/", "-" or a space before the symbol, and the symbol alone. */
static void test_number_symbol(void **state)
{
	static const char *const cases[][3] = {
		{ "Số: 18/2009/QĐ-UBND\n", "18/2009/QĐ-UBND", "QĐ-UBND" },
		{ "Số: 101-HĐBT\n", "101-HĐBT", "HĐBT" },
		{ "Số: 1041 TCT/NV6\n", "1041 TCT/NV6", "TCT/NV6" },
		{ "Số: 2455 / LĐTBXH - LĐTL V/v điều tra\n", "2455/LĐTBXH-LĐTL", "LĐTBXH-LĐTL" },
		{ "Số: 2865/GDĐT –KT&KĐCL\n", "2865/GDĐT-KT&KĐCL", "GDĐT-KT&KĐCL" },
		{ "Số: 462/QĐ- UB\n", "462/QĐ-UB", "QĐ-UB" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		lt_letter *l = parse_str(cases[k][0]);
		assert_non_null(l->number);
		assert_string_equal(l->number, cases[k][1]);
		assert_string_equal(l->symbol, cases[k][2]);
		lt_letter_free(l);
	}
	/* "Số lượng 12 người" is no number */
	lt_letter *l = parse_str("Số lượng 12 người tham dự\n");
	assert_null(l->number);
	assert_null(l->symbol);
	lt_letter_free(l);
}

/* Every prefix of the reference letter parses (or is refused as bad UTF-8). */
static void test_every_prefix(void **state)
{
	size_t len = 0, n;
	char *text = slurp("42-LDLD-gia-lam-2024.txt", &len);

	(void)state;
	if (!text)
		skip();
	for (n = 0; n <= len; n += 7) {
		lt_letter *l = NULL;
		lt_error e = { 0 };
		int rc = lt_letter_parse(text, n, &l, &e);
		assert_true(rc == 0 || rc == LT_EINVAL);
		if (!rc) {
			json_t *j = lt_letter_to_json(l);
			assert_non_null(j);
			json_decref(j);
		}
		lt_letter_free(l);
	}
	free(text);
}

/* In no letter is the national motto taken for the issuer or the subject. */
static void test_motto_never_issuer(void **state)
{
	const char *dir = getenv("LT_LETTER_DIR");
	DIR *d = opendir(dir ? dir : "tests/data/letters");
	struct dirent *de;
	int seen = 0;

	(void)state;
	if (!d)
		skip();
	while ((de = readdir(d))) {
		lt_letter *l;
		if (!strstr(de->d_name, ".txt") || !strcmp(de->d_name, "SOURCE.txt"))
			continue;
		l = parse_file(de->d_name);
		if (l->issuer) {
			assert_null(strstr(l->issuer, "CỘNG HÒA"));
			assert_null(strstr(l->issuer, "Độc lập"));
		}
		if (l->parent_body)
			assert_null(strstr(l->parent_body, "CỘNG HÒA"));
		assert_non_null(l->subject);
		assert_null(strstr(l->subject, "Hạnh phúc"));
		assert_non_null(l->number);
		assert_non_null(l->date);
		lt_letter_free(l);
		seen++;
	}
	closedir(d);
	assert_true(seen >= 7);
}

/*
 * Layouts of holdout3's letters (issue 15): each rule of the parser they
 * taught, on a letter written to show it alone.
 */
static void test_holdout3_layouts(void **state)
{
	static const struct {
		const char *text, *doc_type, *issuer, *place, *date, *subject;
	} cases[] = {
		/* A plan's title in capitals that starts "THỰC HIỆN" is no body paragraph. */
		{ "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 36/KH-UBND\nCà Mau, ngày 21 tháng 02 năm 2022\n"
		  "KẾ HOẠCH\nTHỰC HIỆN CHƯƠNG TRÌNH SỨC KHỎE HỌC ĐƯỜNG TRÊN ĐỊA\nBÀN TỈNH CÀ MAU\n"
		  "Thực hiện Quyết định số 1660/QĐ-TTg ngày 02/10/2021 của Thủ tướng Chính phủ.\n",
		  "kế hoạch", "ỦY BAN NHÂN DÂN TỈNH CÀ MAU", NULL, NULL,
		  "THỰC HIỆN CHƯƠNG TRÌNH SỨC KHỎE HỌC ĐƯỜNG TRÊN ĐỊA BÀN TỈNH CÀ MAU" },
		/*
		 * A capitals title keeps its lines past a symbol in small letters
		 * ("QĐ-TTg") and up to six lines, then stops at the deciding authority.
		 */
		{ "UỶ BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 08/2008/QĐ-UBND\nLào Cai, ngày 26 tháng 02 năm 2008\n"
		  "QUYẾT ĐỊNH\nTHỰC HIỆN QUYẾT ĐỊNH SỐ 856/QĐ-TTg CỦA THỦ TƯỚNG\nPHÊ DUYỆT ĐỀ ÁN A\n"
		  "ĐỐI VỚI NGƯỜI B\nLÀM CÔNG TÁC C TRÊN ĐỊA BÀN TỈNH\nLÀO CAI\n"
		  "UỶ BAN NHÂN DÂN TỈNH LÀO CAI\nCăn cứ Luật Tổ chức HĐND và UBND;\n",
		  "quyết định", NULL, NULL, NULL,
		  "THỰC HIỆN QUYẾT ĐỊNH SỐ 856/QĐ-TTg CỦA THỦ TƯỚNG PHÊ DUYỆT ĐỀ ÁN A ĐỐI VỚI "
		  "NGƯỜI B LÀM CÔNG TÁC C TRÊN ĐỊA BÀN TỈNH LÀO CAI" },
		/* A date inside the trích yếu is not the letter's; "Về" alone marks it. */
		{ "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 3517/UBND-VX\n"
		  "Về sơ kết 5 năm thực hiện Thông tri số 17- TT/TU ngày 07 tháng 10 năm 2008 của "
		  "Ban Thường vụ Thành ủy\n\nThành phố Hồ Chí Minh, ngày 11 tháng 7 năm 2013\n\n"
		  "Kính gửi: Các Sở - ngành thành phố.\n",
		  "công văn", NULL, "Thành phố Hồ Chí Minh", "2013-07-11",
		  "sơ kết 5 năm thực hiện Thông tri số 17- TT/TU ngày 07 tháng 10 năm 2008 của "
		  "Ban Thường vụ Thành ủy" },
		/* a date after capitals (a flattened header's other column) stays the letter's */
		{ "LĐLĐ THÀNH PHỐ HÀ NỘI LĐLĐ HUYỆN GIA LÂM ngày 18 tháng 01 năm 2024\nSố: 42/LĐLĐ\n"
		  "V/v truyền thông\nKính gửi: Công đoàn cơ sở.\n",
		  "công văn", NULL, NULL, "2024-01-18", "truyền thông" },
		/* "THÔNG BÁO VỀ VIỆC …" on one line: the type, then the subject, no issuer. */
		{ "THÔNG BÁO VỀ VIỆC ĐIỀU CHỈNH MỨC ĐÓNG BẢO HIỂM XÃ HỘI\n\nTrân trọng.\n\n"
		  "Nơi nhận:\n- Ban Giám đốc;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐỗ Văn An\n",
		  "thông báo", "", NULL, NULL, "ĐIỀU CHỈNH MỨC ĐÓNG BẢO HIỂM XÃ HỘI" },
		/* A type line cut to "THÔNG": the symbol says thông tư; the title follows. */
		{ "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 40/2016/TT-BLĐTBXH\n"
		  "Hà Nội, ngày 25 tháng 10 năm 2016\n\nTHÔNG\n\nHƯỚNG DẪN THI HÀNH NGHỊ ĐỊNH SỐ "
		  "11/2016/NĐ-CP\n\nCăn cứ Nghị định số 106/2012/NĐ-CP;\n",
		  "thông tư", NULL, NULL, NULL, "HƯỚNG DẪN THI HÀNH NGHỊ ĐỊNH SỐ 11/2016/NĐ-CP" },
		/* without TT- in the symbol a lone "THÔNG" is nothing */
		{ "BỘ NỘI VỤ\nSố: 4/BNV\nHà Nội, ngày 2 tháng 3 năm 2016\n\nTHÔNG\n\n"
		  "Căn cứ Nghị định số 106/2012/NĐ-CP;\n",
		  "", NULL, NULL, NULL, "" },
		/* "THÔNG TƯ LIÊN BỘ" / the ministries' line / the title. */
		{ "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI-BỘ TÀI CHÍNH\nSố: 4/TT-LB\n"
		  "Hà Nội, ngày 24 tháng 5 năm 1991\n\nTHÔNG TƯ LIÊN BỘ\n\n"
		  "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI - TÀI CHÍNH\n\nHướng dẫn thực hiện Quyết định "
		  "111/HĐBT\n\nThi hành Quyết định số 111/HĐBT ngày 12-4-1991 của Hội đồng Bộ trưởng;\n",
		  "thông tư liên bộ", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI-BỘ TÀI CHÍNH", NULL, NULL,
		  "Hướng dẫn thực hiện Quyết định 111/HĐBT" },
		/* "BẢO HIỂM XÃ HỘI" / "VIỆT NAM" is one name; "I." starts the body. */
		{ "BẢO HIỂM XÃ HỘI\nVIỆT NAM\nSố: 2596/KH-BHXH\nHà Nội, ngày 19 tháng 7 năm 2019\n"
		  "KẾ HOẠCH\nTHỰC HIỆN ĐỀ ÁN SẮP XẾP TỔ CHỨC BỘ MÁY\nI. MỤC ĐÍCH, YÊU CẦU\n"
		  "1. Tuyên truyền trong toàn Ngành.\n",
		  "kế hoạch", "BẢO HIỂM XÃ HỘI VIỆT NAM", NULL, NULL,
		  "THỰC HIỆN ĐỀ ÁN SẮP XẾP TỔ CHỨC BỘ MÁY" },
		/* "Thi hành …" starts the body under a title that ends with a full stop. */
		{ "BỘ NỘI VỤ\nSố: 03/2005/TT-BNV\nHà Nội, ngày 05 tháng 01 năm 2005\nTHÔNG TƯ\n"
		  "Hướng dẫn thực hiện chế độ nâng bậc lương\ntrước thời hạn.\n"
		  "Thi hành Nghị định số 204/2004/NĐ-CP ngày 14 tháng 12 năm 2004 của Chính\n"
		  "phủ về chế độ tiền lương;\n",
		  "thông tư", "BỘ NỘI VỤ", NULL, NULL,
		  "Hướng dẫn thực hiện chế độ nâng bậc lương trước thời hạn" },
	};
	lt_letter *l;

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		l = parse_str(cases[k].text);
		expect_field(l->doc_type, cases[k].doc_type);
		expect_head(l, NULL, cases[k].issuer, NULL, cases[k].place, cases[k].date,
			    cases[k].subject);
		if (cases[k].issuer && *cases[k].issuer)
			assert_null(l->parent_body);
		lt_letter_free(l);
	}

	/*
	 * Addressees: an entry with no end mark goes on in a line in small
	 * letters; a "Căn cứ" glued to the last one is cut off; a PDF page mark
	 * glued to the issuer ("Trang 1UỶ BAN") is dropped.
	 */
	l = parse_str("Trang 1UỶ BAN NHÂN DÂN\nTHỊ TRẤN HƯƠNG SƠN\nSố: 67 /TTr - UBND\n"
		      "Hương Sơn, ngày 26 tháng 9 năm 2014\nKính gửi:\n- Các Bộ, cơ quan ngang Bộ, cơ quan\n"
		      "thuộc Chính phủ;\n- Phòng Giáo dục huyện Phú Bình Căn cứ Luật giáo dục năm 2005;\n"
		      "Căn cứ Thông tư số 36/2009/TT-BGDĐT;\n");
	assert_string_equal(l->issuer, "UỶ BAN NHÂN DÂN THỊ TRẤN HƯƠNG SƠN");
	assert_int_equal(l->recipients.n, 2);
	assert_string_equal(l->recipients.v[0], "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ");
	assert_string_equal(l->recipients.v[1], "Phòng Giáo dục huyện Phú Bình");
	lt_letter_free(l);

	/*
	 * A whole letter on one line (a PDF preview): cut again at the number,
	 * the V/v, Kính gửi, each "- " addressee and the body; the preview's
	 * "1." is dropped, and so are tone marks left standing alone.
	 */
	l = parse_str("  1. UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ "
		      "ĐÀO TẠO Độc lập - Tự do - Hạnh phúc Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, "
		      "ngày 05 tháng11 năm 2010 V/v báo cáo nhanh tình hình thiệt hại do lũ lụt. \xcc\x89 "
		      "\xcc\x80 Kính gửi: - Ủy ban nhân dân tỉnh Ninh Thuận; - Bộ Giáo dục và Đào tạo. "
		      "\xcc\x81 Vừa qua, tỉnh Ninh Thuận bị ảnh hưởng của không khí lạnh: - Nước ngập "
		      "khoảng 1 m; - Hư hỏng vật dụng; - Hàng rào bị đổ sập. Sở Giáo dục và Đào tạo báo "
		      "cáo như sau: nước lũ lên nhanh trong đêm.\n");
	expect_head(l, "2917/SGDĐT-VP", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND TỈNH NINH THUẬN",
		    "Phan Rang-Tháp Chàm", "2010-11-05", "báo cáo nhanh tình hình thiệt hại do lũ lụt");
	assert_int_equal(l->recipients.n, 2);
	assert_string_equal(l->recipients.v[0], "Ủy ban nhân dân tỉnh Ninh Thuận");
	assert_string_equal(l->recipients.v[1], "Bộ Giáo dục và Đào tạo");
	lt_letter_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_letter),
		cmocka_unit_test(test_reference_shared_copy),
		cmocka_unit_test(test_reference_json),
		cmocka_unit_test(test_nfd_input),
		cmocka_unit_test(test_flattened_columns),
		cmocka_unit_test(test_table_crlf_bom),
		cmocka_unit_test(test_glued_dates_ubnd),
		cmocka_unit_test(test_cut_off),
		cmocka_unit_test(test_bold_headings),
		cmocka_unit_test(test_plan_title),
		cmocka_unit_test(test_inline_cases),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_authority_chain),
		cmocka_unit_test(test_number_symbol),
		cmocka_unit_test(test_motto_never_issuer),
		cmocka_unit_test(test_holdout3_layouts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
