// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The letter parser on the layouts learned from tests/data/letters/holdout4,
 * holdout5 and holdout6 (the letters moved to real/ for them; holdout5's from
 * test_dash_list_from_marker_line on, holdout6's from test_place_split_above_date
 * on): each test is one general rule, on a
 * short letter written to show it and, where it matters, on a near case the
 * rule must leave alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "text/letter.h"

static lt_letter *parse(const char *s)
{
	lt_letter *l = NULL;
	lt_error e = { 0 };

	assert_int_equal(lt_letter_parse(s, strlen(s), &l, &e), 0);
	assert_non_null(l);
	return l;
}

/* Expect got to be want; want "" means "not found" (NULL). */
static void expect(const char *got, const char *want)
{
	if (!*want)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

/* The signer's authority, title and name; NULL: not checked, "": not found. */
static void expect_signer(const lt_letter *l, const char *authority, const char *title,
			  const char *name)
{
	if (authority)
		expect(l->signer.authority, authority);
	if (title)
		expect(l->signer.title, title);
	if (name)
		expect(l->signer.name, name);
}

/* Parse text and check its issuer, parent body and subject (NULL: not checked). */
static void check_head(const char *text, const char *issuer, const char *parent,
		       const char *subject)
{
	lt_letter *l = parse(text);

	if (issuer)
		expect(l->issuer, issuer);
	if (parent)
		expect(l->parent_body, parent);
	if (subject)
		expect(l->subject, subject);
	lt_letter_free(l);
}

/*
 * A page that stored the HTML source's line ends as the text "\r\n": three or
 * more of them are line ends again, so the header reads as lines.
 */
static void test_literal_line_ends(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("\\r\\n ỦY BAN NHÂN DÂN | \\r\\n \\r\\n CỘNG\\r\\n HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"
		  " \\r\\n\n\\r\\n Số: 54/KH-UBND \\r\\n | \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2020"
		  " \\r\\n | \\r\\n\nThực hiện Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019.\n");
	expect(l->issuer, "ỦY BAN NHÂN DÂN");
	expect(l->parent_body, "");
	expect(l->number, "54/KH-UBND");
	expect(l->place, "Lạng Sơn");
	expect(l->date, "2020-03-27");
	lt_letter_free(l);
	/* two literal pairs are left as they are: no header is made of them */
	check_head("Số: 5/UBND\nHà Nội, ngày 2 tháng 3 năm 2020\nV/v tệp C:\\r\\n và D:\\r\\n\n"
		   "Kính gửi: Sở Nội vụ.\n",
		   NULL, NULL, "tệp C:\\r\\n và D:\\r\\n");
}

/*
 * A name broken inside a two-word term ("TỔNG LIÊN" / "ĐOÀN LAO ĐỘNG", "…
 * ỦY" / "BAN …") is one line again, in the header and in the authority;
 * "VIỆT NAM" alone ends the name above.
 */
static void test_split_term(void **state)
{
	lt_letter *l;

	(void)state;
	check_head("TỔNG LIÊN\nĐOÀN LAO ĐỘNG\nVIỆT NAM\n--------\n|\nCỘNG HÒA XÃ\n"
		   "HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\nSố: 156/KH-TLĐ\n|\n"
		   "Hà Nội,\nngày 15 tháng 12 năm 2021\n|\nKẾ HOẠCH\nTỔ CHỨC THÁNG CÔNG NHÂN\n",
		   "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "", NULL);
	/* two whole names stay two: the parent body and the issuer */
	check_head("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nCÔNG ĐOÀN VIÊN CHỨC VIỆT NAM\nSố: 79/CĐVC\n"
		   "V/v ủng hộ\nHà Nội, ngày 7 tháng 4 năm 2016\nKính gửi: Công đoàn các bộ.\n",
		   "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", NULL);
	l = parse("Số: 554/UBND-KT\nLong Xuyên, ngày 22 tháng 02 năm 2006\nV/v treo cờ\n"
		  "Kính gửi: UBND huyện.\nNơi nhận:\n- Lưu VP.\n\nTL. CHỦ TỊCH ỦY\n"
		  "BAN NHÂN DÂN TỈNH\nCHÁNH VĂN PHÒNGThái Hữu Phép\n");
	expect(l->signer.authority, "TL. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH");
	assert_int_equal(l->signer.n_auth, 1);
	expect(l->signer.auth[0].of, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH");
	expect_signer(l, NULL, "CHÁNH VĂN PHÒNG", "Thái Hữu Phép");
	lt_letter_free(l);
	/* "… TỈNH ỦY" is a whole name: the line below is the title */
	l = parse("Số: 5/CV\nHà Nội, ngày 2 tháng 3 năm 2020\nV/v họp\nKính gửi: Các chi bộ.\n"
		  "Nơi nhận:\n- Lưu.\n\nT/M BAN THƯỜNG VỤ TỈNH ỦY\nPHÓ BÍ THƯ\nLê Văn An\n");
	expect_signer(l, NULL, "PHÓ BÍ THƯ", "Lê Văn An");
	lt_letter_free(l);
}

/* A title in capitals ends where a sentence in ordinary case starts. */
static void test_caps_title_ends_at_sentence(void **state)
{
	(void)state;
	check_head("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nSố: 156/KH-TLĐ\nHà Nội, ngày 15 tháng 12 năm 2021\n"
		   "KẾ HOẠCH\nTỔ CHỨC CÁC HOẠT ĐỘNG THÁNG CÔNG NHÂN NĂM 2022\nNăm 2022, dự báo tình hình "
		   "trong nước và thế giới có nhiều\nkhó khăn do tác động của đại dịch.\n",
		   NULL, NULL, "TỔ CHỨC CÁC HOẠT ĐỘNG THÁNG CÔNG NHÂN NĂM 2022");
	/* a short line in ordinary case may still end the title ("… Ninh Thuận") */
	check_head("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN\nSố: 5/KH-UBND\nPhan Rang, ngày 5 tháng 3 năm 2007\n"
		   "KẾ HOẠCH\nHÀNH ĐỘNG VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH\nNinh Thuận\n\nI. MỤC TIÊU\n",
		   NULL, NULL, "HÀNH ĐỘNG VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH Ninh Thuận");
}

/* "TM." alone on its line takes the next line as its body. */
static void test_bare_prefix(void **state)
{
	static const char *const texts[] = {
		"Số: 33/2009/QĐ-UBND\nMỹ Tho, ngày 24 tháng 12 năm 2009\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH\n"
		"Căn cứ Luật Tổ chức.\nĐiều 1. Ban hành Quy định.\n|\nTM.\nỦY BAN NHÂN DÂN TỈNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
		"Nguyễn Văn Phòng\n|\nQUY ĐỊNH\n",
		/* the same block written on one line each is read the same way */
		"Số: 33/2009/QĐ-UBND\nMỹ Tho, ngày 24 tháng 12 năm 2009\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH\n"
		"Căn cứ Luật Tổ chức.\nĐiều 1. Ban hành Quy định.\n\nTM. ỦY BAN NHÂN DÂN TỈNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
		"Nguyễn Văn Phòng\n",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		lt_letter *l = parse(texts[k]);
		expect(l->signer.authority, "TM. ỦY BAN NHÂN DÂN TỈNH");
		assert_int_equal(l->signer.n_auth, 2);
		expect(l->signer.auth[0].of, "ỦY BAN NHÂN DÂN TỈNH");
		expect(l->signer.auth[1].prefix, "KT.");
		expect_signer(l, NULL, "PHÓ CHỦ TỊCH", "Nguyễn Văn Phòng");
		lt_letter_free(l);
	}
}

/*
 * A text sent with the letter starts after the closing block ("QUY CHẾ",
 * "(Ban hành kèm theo …)"): its heading is no signer and its bullets are no
 * "Nơi nhận" entries.
 */
static void test_attached_text_after_closing(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
		  "Số: 530/QĐ-LĐTBXH | Hà Nội, ngày 04 tháng 05 năm 2011 |\nCăn cứ Nghị định số 186/2007;\n"
		  "QUYẾT ĐỊNH:\nĐiều 2. Thời gian tổ chức cuộc thi từ 01/6/2011.\nNơi nhận: | KT. BỘ TRƯỞNG |\n"
		  "TỔ CHỨC CUỘC THI “TÌNH NGUYỆN VIÊN VỚI CÔNG TÁC TUYÊN TRUYỀN, TƯ VẤN NĂM 2011”\n"
		  "(Ban hành kèm theo Quyết định số 530/QĐ-LĐTBXH ngày 4/5/2011)\n1. Mục đích\n"
		  "- Giúp cho tình nguyện viên nắm vững kiến thức;\n- Góp phần tuyên truyền.\n");
	expect_signer(l, "KT. BỘ TRƯỞNG", "", "");
	assert_int_equal(l->cc.n, 0);
	lt_letter_free(l);
	l = parse("Số: 1072/QĐ-TLĐ | Hà Nội, ngày 01 tháng 9 năm 2011 |\nCăn cứ Luật Công đoàn;\n"
		  "Điều 1: Ban hành Quy chế.\nNơi nhận: | TM. ĐOÀN CHỦ TỊCH |\nQUY CHẾ\n"
		  "QUẢN LÝ TÀI CHÍNH CÔNG ĐOÀN.\nChương I\n");
	expect_signer(l, "TM. ĐOÀN CHỦ TỊCH", "", "");
	lt_letter_free(l);
	/* a title in capitals is still read under the authority */
	l = parse("Số: 5/QĐ-UBND\nHà Nội, ngày 2 tháng 3 năm 2020\nCăn cứ Luật;\nĐiều 1. Nay quyết định.\n"
		  "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn An\n"
		  "\nQUY ĐỊNH\nVỀ QUẢN LÝ\n");
	expect_signer(l, NULL, "PHÓ CHỦ TỊCH", "Lê Văn An");
	assert_int_equal(l->cc.n, 2);
	lt_letter_free(l);
}

/*
 * A type line followed by "VỀ VIỆC" whose type the number's symbol does not
 * name ("QUY ĐỊNH VỀ VIỆC …" under TT-) is the whole title of a text whose own
 * type line is missing; a type the symbol names is still the type line.
 */
static void test_type_line_against_symbol(void **state)
{
	static const struct {
		const char *text, *doc_type, *subject;
	} cases[] = {
		{ "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
		  "Số: 01/2019/TT-BLĐTBXH | Hà Nội, ngày 02 tháng 01 năm 2019 |\n"
		  "QUY ĐỊNH VỀ VIỆC XÁC ĐỊNH MỨC ĐỘ KHUYẾT TẬT\nCăn cứ Luật Người khuyết tật;\n",
		  "thông tư", "QUY ĐỊNH VỀ VIỆC XÁC ĐỊNH MỨC ĐỘ KHUYẾT TẬT" },
		{ "SỞ Y TẾ\nSố: 12/TB-SYT\nHà Nội, ngày 2 tháng 3 năm 2020\n"
		  "THÔNG BÁO VỀ VIỆC NGHỈ LỄ\nCăn cứ Bộ luật Lao động;\n",
		  "thông báo", "NGHỈ LỄ" },
		/* no type in the symbol: the line is the type and its subject */
		{ "SỞ Y TẾ\nSố: 12/SYT\nHà Nội, ngày 2 tháng 3 năm 2020\n"
		  "QUY ĐỊNH VỀ VIỆC NGHỈ LỄ\nCăn cứ Bộ luật Lao động;\n",
		  "quy định", "NGHỈ LỄ" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		lt_letter *l = parse(cases[k].text);
		expect(l->doc_type, cases[k].doc_type);
		expect(l->subject, cases[k].subject);
		lt_letter_free(l);
	}
}

/*
 * Two columns of the closing block kept side by side with runs of spaces:
 * each line is cut where they meet, so "(đã ký)" and the name leave the
 * "Nơi nhận" entries and the name is the signer's.
 */
static void test_wide_gap_columns(void **state)
{
	const char *gap = "                                        ";
	char text[1024];
	lt_letter *l;

	(void)state;
	snprintf(text, sizeof(text),
		 "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố : 4144 /GDĐT – VP%sThành phố Hồ Chí Minh, ngày 25 "
		 "tháng 11 năm 2018\n\nKính gửi : Chủ tịch Ủy ban nhân dân các quận, huyện.\n\n"
		 "Đề nghị thực hiện./.\n\nNơi nhận :%sGIÁM ĐỐC\n\n– Như trên;\n\n– BGĐ Sở GD&ĐT;%s"
		 "(đã ký)\n\n– Phòng, ban Sở;%sLê Hồng Sơn\n\n– Các P.GD&ĐT;\n",
		 gap, gap, gap, gap);
	l = parse(text);
	assert_int_equal(l->cc.n, 4);
	expect(l->cc.v[1], "BGĐ Sở GD&ĐT");
	expect(l->cc.v[2], "Phòng, ban Sở");
	expect_signer(l, NULL, "GIÁM ĐỐC", "Lê Hồng Sơn");
	lt_letter_free(l);
	/*
	 * a few spaces inside a line are no column gap (the "; -" in it starts
	 * a second entry since round 8: a list flattened onto one line)
	 */
	l = parse("Số: 5/UBND\nHà Nội, ngày 2 tháng 3 năm 2020\nV/v họp\nKính gửi: Sở Nội vụ.\n"
		  "Nơi nhận:\n- Như trên;   - Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn An\n");
	assert_int_equal(l->cc.n, 2);
	expect(l->cc.v[1], "Lưu: VT");
	expect(l->signer.name, "Lê Văn An");
	lt_letter_free(l);
}

/*
 * A page that dropped the type line but kept the title: under the number, a
 * capitals line right above the deciding authority is the title.
 */
static void test_untyped_title_above_decider(void **state)
{
	(void)state;
	check_head("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
		   "Số: 1984/QĐ-UBND | Quảng Nam, ngày 09 tháng 6 năm 2016 |\n"
		   "BAN HÀNH PHƯƠNG ÁN ĐIỀU TRA CUNG - CẦU LAO ĐỘNG NĂM 2016\n"
		   "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM\nCăn cứ Luật Việc làm ngày 16/11/2013;\n",
		   "ỦY BAN NHÂN DÂN", NULL, "BAN HÀNH PHƯƠNG ÁN ĐIỀU TRA CUNG - CẦU LAO ĐỘNG NĂM 2016");
	/* no title at all: the deciding authority is no title */
	check_head("BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
		   "Số: 530/QĐ-LĐTBXH | Hà Nội, ngày 04 tháng 05 năm 2011 |\n"
		   "BỘ TRƯỞNG BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI\nCăn cứ Nghị định số 186/2007/NĐ-CP;\n",
		   NULL, NULL, "");
}

/*
 * The line right under a type name is the title however long it is: a long
 * "Về việc …" there does not end the header as a body paragraph would.
 */
static void test_long_title_under_type(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("BỘ GIÁO DỤC VÀ ĐÀO TẠO\n  __________\n\n  Số: 1449/QĐ-BGDĐT\n\n"
		  "  Hà Nội, ngày 02 tháng 6 năm 2020\n\n  QUYẾT ĐỊNH\n\n  Về việc công bố thủ tục "
		  "hành chính được thay thế lĩnh vực thi và tuyển sinh thuộc phạm vi chức năng quản lý "
		  "của Bộ Giáo dục và Đào tạo\n\n  _____________\n\n  BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\n"
		  "  Căn cứ Nghị định số 69/2017/NĐ-CP ngày 15 tháng 5 năm 2017 của Chính phủ;\n\n"
		  "  QUYẾT ĐỊNH:\n\n  Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính.\n");
	expect(l->subject, "công bố thủ tục hành chính được thay thế lĩnh vực thi và tuyển sinh thuộc "
			   "phạm vi chức năng quản lý của Bộ Giáo dục và Đào tạo");
	expect_signer(l, "", "", "");
	lt_letter_free(l);
	/* without a type name above, a long sentence still starts the body */
	check_head("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/BGDĐT\nHà Nội, ngày 2 tháng 6 năm 2020\n"
		   "Về việc công bố thủ tục hành chính được thay thế lĩnh vực thi và tuyển sinh thuộc "
		   "phạm vi chức năng quản lý của Bộ Giáo dục và Đào tạo, Bộ đề nghị các sở thực hiện.\n",
		   "BỘ GIÁO DỤC VÀ ĐÀO TẠO", NULL, "");
}

/*
 * "Kính gửi:   - A" with no end mark, then "- B" and "- C" on lines of their
 * own after blank lines: the dash list begun on the marker's line goes on.
 * Near case: "Kính gửi: - A." ends with a full stop, and the dash line after
 * the blank one is the body's.
 */
static void test_dash_list_from_marker_line(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("HỘI NÔNG DÂN VIỆT NAM\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố 12 - CV/HNDTW\n\n"
		  "V/v: đề cử nông dân tiêu biểu\n\nHà Nội, ngày 20 tháng 7 năm 2014\n\n"
		  " Kính gửi:   - Hội Nông dân các tỉnh, thành phố\n\n"
		  "                 - Các cơ quan báo chí\n\n"
		  "                 - Các nhà khoa học\n\n"
		  "Căn cứ Thông báo số 656-TB/HNDTW ngày 18 tháng 7 năm 2013, Trung ương Hội đề nghị"
		  " các tỉnh giới thiệu nông dân tiêu biểu.\n");
	assert_int_equal(l->recipients.n, 3);
	expect(l->recipients.v[0], "Hội Nông dân các tỉnh, thành phố");
	expect(l->recipients.v[1], "Các cơ quan báo chí");
	expect(l->recipients.v[2], "Các nhà khoa học");
	lt_letter_free(l);

	l = parse("HỘI NÔNG DÂN VIỆT NAM\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố 12 - CV/HNDTW\n\n"
		  "V/v: đề cử nông dân tiêu biểu\n\nHà Nội, ngày 20 tháng 7 năm 2014\n\n"
		  " Kính gửi: - Hội Nông dân các tỉnh, thành phố.\n\n"
		  "- Căn cứ Thông báo số 656-TB/HNDTW ngày 18 tháng 7 năm 2013 của Thường trực"
		  " Trung ương Hội về việc bình chọn nông dân tiêu biểu;\n");
	assert_int_equal(l->recipients.n, 1);
	expect(l->recipients.v[0], "Hội Nông dân các tỉnh, thành phố");
	lt_letter_free(l);
}

/*
 * "Từ ngày 15 tháng 01 đến hết ngày 19 tháng 01 năm 2018": after an earlier
 * date in the line, "đến hết ngày" ends a period and sets no deadline. Near
 * case: "gửi báo cáo đến hết ngày 20/3/2024" with no date before it does.
 */
static void test_period_end_is_no_deadline(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n\nSố: 73/UBND-TH\n\n"
		  "Hậu Giang, ngày 12 tháng 1 năm 2018\n\nV/v ủy quyền chỉ đạo, điều hành\n\n"
		  "Kính gửi: Thường trực Tỉnh ủy\n\n"
		  "Từ ngày 15 tháng 01 đến hết ngày 19 tháng 01 năm 2018, Chủ tịch UBND tỉnh đi"
		  " công tác tại Hà Nội.\n\nThời gian nghỉ tết bắt đầu ngày 25/1/2011 đến hết ngày"
		  " 9/2/2011.\n");
	assert_int_equal(l->deadlines.n, 0);
	lt_letter_free(l);

	l = parse("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n\nSố: 74/UBND-TH\n\n"
		  "Hậu Giang, ngày 12 tháng 3 năm 2024\n\nV/v báo cáo kết quả\n\n"
		  "Kính gửi: Các sở, ban, ngành tỉnh\n\n"
		  "Đề nghị các đơn vị gửi báo cáo về Văn phòng đến hết ngày 20/3/2024.\n");
	assert_int_equal(l->deadlines.n, 1);
	expect(l->deadlines.v[0], "2024-03-20");
	lt_letter_free(l);
}

/* A short commune notice whose number and date lines are numline and dateline. */
static lt_letter *commune_notice(const char *numline, const char *dateline)
{
	char buf[1024];

	snprintf(buf, sizeof(buf),
		 "ỦY BAN NHÂN DÂN\n\nXÃ ĐỨC HỢP\n\n%s\n\n"
		 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập – Tự do – Hạnh phúc\n\n"
		 "%s\n\n THÔNG BÁO\n\nVề việc tạm dừng tiếp công dân\n\n"
		 "Ủy ban nhân dân xã thông báo như sau.\n",
		 numline, dateline);
	return parse(buf);
}

/*
 * "Đức Hợp, ngày ….. tháng 12 năm 2021": the day left as dots, the month
 * given: the place stands, the date is not known. Near case: the same line
 * with its day filled in is read whole.
 */
static void test_dotted_day(void **state)
{
	lt_letter *l;

	(void)state;
	l = commune_notice("Số:         / TB-UBND", "Đức Hợp, ngày ….. tháng 12 năm 2021");
	expect(l->place, "Đức Hợp");
	expect(l->date, "");
	expect(l->number, "");
	lt_letter_free(l);
	l = commune_notice("Số: 15/TB-UBND", "Đức Hợp, ngày 23 tháng 12 năm 2021");
	expect(l->place, "Đức Hợp");
	expect(l->date, "2021-12-23");
	lt_letter_free(l);
}

/* A short Tổng LĐLĐ resolution whose number line is numline. */
static lt_letter *resolution(const char *numline)
{
	char buf[1024];

	snprintf(buf, sizeof(buf),
		 "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\n--------\n\n"
		 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		 "%s\n\nHà Nội, ngày 03 tháng 8 năm 2015\n\nNGHỊ QUYẾT\n"
		 "VỀ NÂNG CAO CHẤT LƯỢNG HOẠT ĐỘNG ỦY BAN KIỂM TRA CÔNG ĐOÀN\n\n"
		 "Hội nghị lần thứ 6 Ban Chấp hành đã thảo luận và thông qua Nghị quyết.\n",
		 numline);
	return parse(buf);
}

/*
 * "Số: 06b /NQ-TLĐ": a number may end in one letter. Near case: "Số: QĐ/UB"
 * (letters and no digit before the slash) is still no number.
 */
static void test_number_with_letter(void **state)
{
	lt_letter *l;

	(void)state;
	l = resolution("Số: 06b /NQ-TLĐ");
	expect(l->number, "06b/NQ-TLĐ");
	expect(l->symbol, "NQ-TLĐ");
	lt_letter_free(l);
	l = resolution("Số: QĐ/UB");
	expect(l->number, "");
	lt_letter_free(l);
}

/*
 * "THƯỜNG TRỰC" alone above "HĐND - UBND TỈNH HÒA BÌNH": a standing body
 * and its council are one issuer, not a parent body and its child. Near
 * case: "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" above "CÔNG ĐOÀN GIÁO DỤC VIỆT
 * NAM" stays a parent and its issuer.
 */
static void test_standing_body_line(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("THƯỜNG TRỰC\nHĐND - UBND TỈNH HÒA BÌNH\n-------\n|\n"
		  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n"
		  "Số: 06/QC-TT.HĐND-UBND\n|\nHòa Bình, ngày 20 tháng 3 năm 2019\n|\nQUY CHẾ\n"
		  "PHỐI HỢP CÔNG TÁC GIỮA THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH VÀ ỦY BAN NHÂN DÂN TỈNH\n"
		  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n");
	expect(l->issuer, "THƯỜNG TRỰC HĐND - UBND TỈNH HÒA BÌNH");
	expect(l->parent_body, "");
	lt_letter_free(l);

	l = parse("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nCÔNG ĐOÀN GIÁO DỤC VIỆT NAM\n\n"
		  "Số: 175/CĐN-TGNC\nV/v tuyên truyền kỷ niệm\n\n"
		  "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		  "Hà Nội, ngày 6 tháng 8 năm 2018\n\nKính gửi: Công đoàn các đại học\n\n"
		  "Thực hiện Công văn 1517/TLĐ ngày 30/7/2018, Công đoàn Giáo dục Việt Nam hướng dẫn.\n");
	expect(l->issuer, "CÔNG ĐOÀN GIÁO DỤC VIỆT NAM");
	expect(l->parent_body, "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM");
	lt_letter_free(l);
}

/*
 * "NGHỊ QUYẾT" / "HỘI NGHỊ LẦN THỨ 6 … KHÓA XI" / blank / "VỀ NÂNG CAO …":
 * a title in capitals goes on over a blank line in a capitals "VỀ …" line.
 * Near case: a capitals "CHƯƠNG I" after the blank is not the title's.
 */
static void test_caps_title_ve_part(void **state)
{
	static const char head[] = "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\n--------\n\n"
				   "Số: 06b /NQ-TLĐ\n\nHà Nội, ngày 03 tháng 8 năm 2015\n\n"
				   "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ 6 BAN CHẤP HÀNH KHÓA XI\n\n";
	char buf[1024];
	lt_letter *l;

	(void)state;
	snprintf(buf, sizeof(buf), "%sVỀ NÂNG CAO CHẤT LƯỢNG HOẠT ĐỘNG\n\n"
		 "Hội nghị đã thông qua Nghị quyết về nâng cao chất lượng hoạt động.\n", head);
	l = parse(buf);
	expect(l->subject, "HỘI NGHỊ LẦN THỨ 6 BAN CHẤP HÀNH KHÓA XI VỀ NÂNG CAO CHẤT LƯỢNG HOẠT ĐỘNG");
	lt_letter_free(l);
	snprintf(buf, sizeof(buf), "%sCHƯƠNG I\nNHỮNG QUY ĐỊNH CHUNG\n\n"
		 "Điều 1. Nghị quyết này quy định về hoạt động của ủy ban kiểm tra.\n", head);
	l = parse(buf);
	expect(l->subject, "HỘI NGHỊ LẦN THỨ 6 BAN CHẤP HÀNH KHÓA XI");
	lt_letter_free(l);
}

/*
 * "BAN CHẤP HÀNH TRUNG ƯƠNG" and, after a run of spaces, "ĐOÀN TNCS HỒ CHÍ
 * MINH": the Đoàn's own heading, where a state letter has the motto, is no
 * part of the issuer. Near case: with one space between, the line is one name.
 */
static void test_doan_heading_column(void **state)
{
	static const char fmt[] = "BAN CHẤP HÀNH TRUNG ƯƠNG%sĐOÀN TNCS HỒ CHÍ MINH\n\n***\n\n"
				  "   Số: 225 - KH/TWĐTN-CTTN          Hà Nội, ngày 16 tháng 5 năm 2024\n\n"
				  "KẾ HOẠCH\nTổ chức các hoạt động hè dành cho thiếu nhi năm 2024\n\n"
				  "Thực hiện chương trình công tác Đoàn và phong trào thanh thiếu nhi năm 2024,"
				  " Ban Bí thư Trung ương Đoàn ban hành Kế hoạch như sau:\n";
	char buf[1024];
	lt_letter *l;

	(void)state;
	snprintf(buf, sizeof(buf), fmt, "                                    ");
	l = parse(buf);
	expect(l->issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG");
	expect(l->number, "225-KH/TWĐTN-CTTN");
	lt_letter_free(l);
	snprintf(buf, sizeof(buf), fmt, " ");
	l = parse(buf);
	expect(l->issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH");
	lt_letter_free(l);
}

/*
 * No header and the type name glued to the number ("THÔNG TƯ15/2017/TT-BCT"
 * first): the line is the number and the type line, the capitals under the
 * date are the title, and a decree it cites ("SỐ 68/2017/NĐ-CP") is not the
 * letter's number. Near case: "THÔNG TƯ" alone first is a type line only.
 */
static void test_type_glued_to_number(void **state)
{
	static const char fmt[] = "%s\nngày\n31 tháng 8 năm 2017\n"
				  "QUY ĐỊNH, HƯỚNG DẪN THỰC HIỆN MỘT SỐ NỘI DUNG CỦA NGHỊ ĐỊNH\n"
				  "SỐ 68/2017/NĐ-CP NGÀY 25 THÁNG 5 NĂM 2017 CỦA CHÍNH PHỦ\n"
				  "Căn cứ Nghị định số 98/2017/NĐ-CP ngày 18 tháng 8 năm 2017;\n";
	char buf[1024];
	lt_letter *l;

	(void)state;
	snprintf(buf, sizeof(buf), fmt, "THÔNG TƯ15/2017/TT-BCT");
	l = parse(buf);
	expect(l->number, "15/2017/TT-BCT");
	expect(l->doc_type, "thông tư");
	expect(l->issuer, "");
	expect(l->date, "2017-08-31");
	expect(l->subject, "QUY ĐỊNH, HƯỚNG DẪN THỰC HIỆN MỘT SỐ NỘI DUNG CỦA NGHỊ ĐỊNH SỐ "
			   "68/2017/NĐ-CP NGÀY 25 THÁNG 5 NĂM 2017 CỦA CHÍNH PHỦ");
	lt_letter_free(l);
	snprintf(buf, sizeof(buf), fmt, "THÔNG TƯ");
	l = parse(buf);
	expect(l->doc_type, "thông tư");
	assert_true(!l->number || strcmp(l->number, "15/2017/TT-BCT"));
	lt_letter_free(l);
}

/* A short Sở letter whose place and date lines are dateline. */
static lt_letter *so_letter(const char *dateline)
{
	char buf[1024];

	snprintf(buf, sizeof(buf),
		 "UBND TỈNH NINH THUẬN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\n"
		 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		 "Số: 1228/THPT\n\n%s\n\nQUYẾT ĐỊNH\nVỀ VIỆC TIẾP NHẬN HỌC SINH\n\n"
		 "Sở Giáo dục và Đào tạo hướng dẫn như sau.\n",
		 dateline);
	return parse(buf);
}

/*
 * A place broken over two lines above its date: "Phan" / "Rang ngày …" (no
 * comma) and "TP Hồ Chí" / "Minh, ngày …" (three words above) are one place.
 * Near case: a title-case name of three words above "Hà Nội, ngày …" stays
 * off the place.
 */
static void test_place_split_above_date(void **state)
{
	lt_letter *l;

	(void)state;
	l = so_letter("Phan\nRang ngày 12 tháng 11 năm 2003");
	expect(l->place, "Phan Rang");
	expect(l->date, "2003-11-12");
	lt_letter_free(l);
	l = so_letter("TP Hồ Chí\nMinh, ngày 17 tháng 7 năm 2003");
	expect(l->place, "TP Hồ Chí Minh");
	expect(l->date, "2003-07-17");
	lt_letter_free(l);
	l = so_letter("Công Đoàn Trường\nHà Nội, ngày 5 tháng 3 năm 2020");
	expect(l->place, "Hà Nội");
	expect(l->date, "2020-03-05");
	lt_letter_free(l);
}

/* A short Sở letter whose "Kính gửi" list is list. */
static lt_letter *so_list(const char *list)
{
	char buf[1024];

	snprintf(buf, sizeof(buf),
		 "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		 "Độc lập - Tự do - Hạnh phúc\n\nSố: 1228/THPT\n\n"
		 "Phan Rang, ngày 12 tháng 11 năm 2003\n\nKính gửi:\n|\n%s\n|\n"
		 "Căn cứ Quyết định số 51/2002/QĐ-BGD&ĐT, Sở hướng dẫn như sau:\n",
		 list);
	return parse(buf);
}

/*
 * "- Trưởng phòng GD-ĐT các huyện," / "thị." / "- Hiệu trưởng các trường
 * trực thuộc": an addressee ending in a comma goes on in the small-letter
 * line below, and a bullet naming one more addressee right under a full stop
 * is one more. Near case: a bullet under the full stop that names no
 * addressee ("- Thời gian …") is not one.
 */
static void test_addressee_after_comma_and_stop(void **state)
{
	lt_letter *l;

	(void)state;
	l = so_list("- Trưởng phòng GD-ĐT các huyện,\nthị.\n- Hiệu trưởng các trường trực thuộc");
	assert_int_equal(l->recipients.n, 2);
	expect(l->recipients.v[0], "Trưởng phòng GD-ĐT các huyện, thị");
	expect(l->recipients.v[1], "Hiệu trưởng các trường trực thuộc");
	lt_letter_free(l);
	l = so_list("- Trưởng phòng GD-ĐT các huyện, thị.\n- Thời gian nộp hồ sơ trong tháng 12");
	assert_int_equal(l->recipients.n, 1);
	expect(l->recipients.v[0], "Trưởng phòng GD-ĐT các huyện, thị");
	lt_letter_free(l);
}

/* A commune quy chế page with its own number and date lines own (may be ""). */
static lt_letter *commune_rules(const char *own)
{
	char buf[1024];

	snprintf(buf, sizeof(buf),
		 "ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		 "Độc lập - Tự do - Hạnh phúc\n\n%s\nQUY CHẾ\nLÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ\n"
		 "(Ban hành\nkèm theo Quyết định số: 59/QĐ-UBND\nNgày 22 tháng\n"
		 "7 năm 2021 của Ủy ban nhân dân xã Xuân Phú)\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n",
		 own);
	return parse(buf);
}

/*
 * "(Ban hành" / "kèm theo Quyết định số: 59/QĐ-UBND" / "Ngày 22 tháng 7 năm
 * 2021 …)" under a text's title names the decision it was sent with: its
 * number and date are not the text's. Near case: the text's own "Số:" and
 * date lines above the title are still read.
 */
static void test_attached_note_ends_header(void **state)
{
	lt_letter *l;

	(void)state;
	l = commune_rules("");
	expect(l->number, "");
	expect(l->date, "");
	lt_letter_free(l);
	l = commune_rules("Số: 12/QC-UBND\nXuân Phú, ngày 25 tháng 7 năm 2021\n\n");
	expect(l->number, "12/QC-UBND");
	expect(l->date, "2021-07-25");
	lt_letter_free(l);
}

/* A short Tỉnh ủy text whose type line is typeline. */
static lt_letter *party_text(const char *typeline)
{
	char buf[1024];

	snprintf(buf, sizeof(buf),
		 "TỈNH ỦY THỪA THIÊN HUẾ\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 445-KL/TƯ\n"
		 "Thừa Thiên Huế, ngày 13 tháng 5 năm 2022\n%s\nHỘI NGHỊ LẦN THỨ BẢY\n"
		 "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh họp ngày 26/4/2022 đã thảo luận và kết luận:\n",
		 typeline);
	return parse(buf);
}

/*
 * "K ÉT LUẬN": a type name that text extraction broke at a lone letter is
 * read once its spaces are dropped. Near case: "K ÉT QUẢ" (a broken word
 * that names no type) gives no type.
 */
static void test_type_broken_at_lone_letter(void **state)
{
	lt_letter *l;

	(void)state;
	l = party_text("K ÉT LUẬN");
	expect(l->doc_type, "kết luận");
	expect(l->subject, "HỘI NGHỊ LẦN THỨ BẢY");
	lt_letter_free(l);
	l = party_text("K ÉT QUẢ");
	expect(l->doc_type, "");
	lt_letter_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_line_ends),
		cmocka_unit_test(test_split_term),
		cmocka_unit_test(test_caps_title_ends_at_sentence),
		cmocka_unit_test(test_bare_prefix),
		cmocka_unit_test(test_attached_text_after_closing),
		cmocka_unit_test(test_type_line_against_symbol),
		cmocka_unit_test(test_wide_gap_columns),
		cmocka_unit_test(test_untyped_title_above_decider),
		cmocka_unit_test(test_long_title_under_type),
		cmocka_unit_test(test_dash_list_from_marker_line),
		cmocka_unit_test(test_period_end_is_no_deadline),
		cmocka_unit_test(test_dotted_day),
		cmocka_unit_test(test_number_with_letter),
		cmocka_unit_test(test_standing_body_line),
		cmocka_unit_test(test_caps_title_ve_part),
		cmocka_unit_test(test_doan_heading_column),
		cmocka_unit_test(test_type_glued_to_number),
		cmocka_unit_test(test_place_split_above_date),
		cmocka_unit_test(test_addressee_after_comma_and_stop),
		cmocka_unit_test(test_attached_note_ends_header),
		cmocka_unit_test(test_type_broken_at_lone_letter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
