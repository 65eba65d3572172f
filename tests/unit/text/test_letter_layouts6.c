// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The letter parser on the last layouts of round 9, found by probing it with
 * variants of the holdout9 letters (test_letter_layouts5.c, near its size
 * limit, holds the rest of rounds 7 to 9): trích yếu markers written "Vv",
 * "V.v" or "Trích yếu:", a place and date set at the letter's close, and a
 * union name that names its unit on the next line, the motto shortened to
 * "CHXHCN VIỆT NAM". Each test is one general rule, on a short letter written
 * to show it and on a near case the rule must leave alone.
 */
#include "letter_expect.h"

/* A short union letter: number line, trích yếu line vv, then a body. */
static lt_letter *letter_vv(const char *vv)
{
	return parsef("LĐLĐ HUYỆN NAM ĐÀN\nSố: 45/LĐLĐ\n%s\nNam Đàn, ngày 05 tháng 12 năm 2023\n\n"
		      "Kính gửi: Ban Chấp hành các CĐCS.\n\nĐề nghị các CĐCS báo cáo.\n",
		      vv);
}

/*
 * The trích yếu's marker written "Vv", "V.v", "V.v.:" or "Trích yếu:" is
 * dropped as "V/v" is. Near case: a body word that begins with "Vv" ("Vvip
 * …") marks nothing.
 */
static void test_subject_markers(void **state)
{
	(void)state;
	expect_type(letter_vv("Vv báo cáo kết quả Tết"), "công văn", "báo cáo kết quả Tết");
	expect_type(letter_vv("V.v báo cáo kết quả Tết"), "công văn", "báo cáo kết quả Tết");
	expect_type(letter_vv("V.v.: báo cáo kết quả Tết"), "công văn", "báo cáo kết quả Tết");
	expect_type(letter_vv("Trích yếu: báo cáo kết quả Tết"), "công văn", "báo cáo kết quả Tết");
	expect_type(letter_vv("Vvip khách mời sẽ đến dự"), "công văn", "");
}

/*
 * A letter whose header gives no date but whose close does, on a line of its
 * own ("Nam Đàn, ngày 05 tháng 12 năm 2023" above the signing block, or
 * under the name), takes its place and date from it. Near case: a place and
 * date inside a body sentence are not the letter's.
 */
static void test_date_at_close(void **state)
{
	static const char fmt[] = "LĐLĐ HUYỆN NAM ĐÀN\nSố: 45/LĐLĐ\nV/v báo cáo\n\n"
				  "Kính gửi: Các CĐCS.\n\n%s\n\n%s\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\n"
				  "Nguyễn Văn An\n%s\n";
	static const char body[] = "Đề nghị các CĐCS báo cáo.";
	static const char dateline[] = "Nam Đàn, ngày 05 tháng 12 năm 2023";

	(void)state;
	expect_place(parsef(fmt, body, dateline, ""), "Nam Đàn", "2023-12-05");
	expect_place(parsef(fmt, body, "", dateline), "Nam Đàn", "2023-12-05");
	expect_place(parsef(fmt, "Hội nghị họp tại Nam Đàn, ngày 05 tháng 12 năm 2023 với 100 đại biểu.",
			    "", ""),
		     "", "");
}

/* A short union plan whose header is head, motto included. */
static lt_letter *plan_with_motto(const char *head)
{
	return parsef("%s\nSố: 45/KH-CĐ\nNam Đàn, ngày 05 tháng 12 năm 2023\n\nKẾ HOẠCH\n"
		      "TỔ CHỨC HỘI THAO\n\nThực hiện chỉ đạo của cấp trên.\n",
		      head);
}

/* A short union plan whose issuer lines are head, the motto under them. */
static lt_letter *plan_by(const char *head)
{
	char h[512];

	snprintf(h, sizeof(h), "%s\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
		 head);
	return plan_with_motto(h);
}

/*
 * A union or its committee that names no unit on its line ("BAN CHẤP HÀNH
 * CĐCS", "CÔNG ĐOÀN") goes on in the line below ("TRƯỜNG THCS X"): one
 * issuer, under the parent body above. Near case: a union named in full on
 * its line ("CÔNG ĐOÀN GIÁO DỤC HUẾ") is the parent body of the one below.
 */
static void test_union_name_open(void **state)
{
	(void)state;
	expect_issuer(plan_by("LĐLĐ HUYỆN NAM ĐÀN\nBAN CHẤP HÀNH CĐCS\nTRƯỜNG THCS X"),
		      "BAN CHẤP HÀNH CĐCS TRƯỜNG THCS X", "LĐLĐ HUYỆN NAM ĐÀN");
	expect_issuer(plan_by("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM\nCÔNG ĐOÀN\nTRƯỜNG ĐẠI HỌC Y"),
		      "CÔNG ĐOÀN TRƯỜNG ĐẠI HỌC Y", "CÔNG ĐOÀN GIÁO DỤC VIỆT NAM");
	expect_issuer(plan_by("CÔNG ĐOÀN GIÁO DỤC HUẾ\nCÔNG ĐOÀN THCS TRẦN CAO VÂN"),
		      "CÔNG ĐOÀN THCS TRẦN CAO VÂN", "CÔNG ĐOÀN GIÁO DỤC HUẾ");
}

/*
 * The national motto shortened to "CHXHCN VIỆT NAM" or "CHXHCN VN", on its
 * own line or glued after the issuer's, is the motto, not the issuer. Near
 * case: the motto written out reads as before.
 */
static void test_motto_abbreviated(void **state)
{
	(void)state;
	expect_issuer(plan_with_motto("LĐLĐ HUYỆN NAM ĐÀN\nCĐCS TRƯỜNG THCS X\nCHXHCN VIỆT NAM\n"
				      "Độc lập - Tự do - Hạnh phúc"),
		      "CĐCS TRƯỜNG THCS X", "LĐLĐ HUYỆN NAM ĐÀN");
	expect_issuer(plan_with_motto("LĐLĐ HUYỆN NAM ĐÀN CHXHCN VN\n"
				      "CĐCS TRƯỜNG THCS X Độc lập - Tự do - Hạnh phúc"),
		      "CĐCS TRƯỜNG THCS X", "LĐLĐ HUYỆN NAM ĐÀN");
	expect_issuer(plan_with_motto("LĐLĐ HUYỆN NAM ĐÀN\nCĐCS TRƯỜNG THCS X\n"
				      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
		      "CĐCS TRƯỜNG THCS X", "LĐLĐ HUYỆN NAM ĐÀN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_markers),
		cmocka_unit_test(test_date_at_close),
		cmocka_unit_test(test_union_name_open),
		cmocka_unit_test(test_motto_abbreviated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
