// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The letter parser on the layouts learned from tests/data/letters/holdout7
 * (the letters moved to real/ for them in round 7: 172, 173, 174, 179, 180,
 * 184, 185, 186, 177, 183), holdout8 (round 8: 189, 192, 193, 197, 198) and
 * holdout9 (round 9: 206; signing authorities written out in words,
 * numbered addressees, a date line with no "ngày", a Nơi nhận list on its
 * marker's line with no bullets, more type names, deadlines ending their
 * sentence and a name with a note of its signing, found by probing the
 * parser with variants).
 * test_letter_layouts4.c holds rounds 4 to 6 and is near the 800-line limit,
 * so rounds 7 to 9 are here (the last rules of round 9 in
 * test_letter_layouts6.c). Each test is one general rule, on a short letter
 * written to show it and on a near case the rule must leave alone.
 */
#include "letter_expect.h"

/* A short union plan whose header lines are head and whose date line is dateline. */
static lt_letter *plan(const char *head, const char *dateline)
{
	return parsef(
		 "%s\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		 "Số: 01/KH-CĐCS\n\n%s\n\nKẾ HOẠCH\nTỔ CHỨC NGÀY HỘI GIA ĐÌNH\n\n"
		 "Căn cứ kế hoạch của công đoàn cấp trên, Ban Chấp hành xây dựng kế hoạch.\n",
		head, dateline);
}

/*
 * A town's own word in small letters stays with its name in the place:
 * "Thị trấn Sịa, ngày …", "Thị xã Ba Đồn, ngày …" as "Thành phố Huế" did.
 * Near case: "xã Đức Hợp, ngày …" is the commune's name alone.
 */
static void test_town_word_in_place(void **state)
{
	static const char head[] = "LĐLĐ QUẢNG ĐIỀN\nCĐCS TRƯỜNG MN SƠN CA";

	(void)state;
	expect_place(plan(head, "Thị trấn Sịa, ngày 16 tháng 10 năm 2021"), "Thị trấn Sịa",
		     "2021-10-16");
	expect_place(plan(head, "Thị xã Ba Đồn, ngày 16 tháng 10 năm 2021"), "Thị xã Ba Đồn",
		     "2021-10-16");
	expect_place(plan(head, "xã Đức Hợp, ngày 16 tháng 10 năm 2021"), "Đức Hợp", "2021-10-16");
}

/*
 * A greeting with no colon after "Kính gửi" ends at its comma: the body
 * paragraph after a blank line is not part of the addressee. Near case:
 * "Kính gởi: … CĐ," with its colon goes on in the line below.
 */
static void test_greeting_ends_at_comma(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("Kính gửi quý Chủ tịch Công đoàn Bộ phận,\n\n"
		  "Thực hiện Kế hoạch 155/CĐ-ĐHQG ngày 24/9/2015 về việc tổ chức cuộc thi viết\n"
		  "Công đoàn Trường tham gia cuộc thi theo Kế hoạch.\n");
	assert_int_equal(l->recipients.n, 1);
	expect(l->recipients.v[0], "quý Chủ tịch Công đoàn Bộ phận");
	lt_letter_free(l);
	l = parse("Kính gởi: Chủ tịch CĐCS các trường THPT, TCCN, CĐ,\n\n"
		  "TTGDTX và đơn vị trực thuộc.\n\nHưởng ứng lời kêu gọi của Ban Nữ công.\n");
	assert_int_equal(l->recipients.n, 1);
	expect(l->recipients.v[0],
	       "Chủ tịch CĐCS các trường THPT, TCCN, CĐ, TTGDTX và đơn vị trực thuộc");
	lt_letter_free(l);
}

/* A directive of the Prime Minister, its header cells one to a line ending in " |". */
static lt_letter *directive(const char *title)
{
	return parsef(
		 "THỦ TƯỚNG CHÍNH PHỦ |\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
		 "Số: 20/1998/CT-TTg |\nHà Nội, ngày 21 tháng 4 năm 1998 |\nCHỈ THỊ\n%s\n"
		 "Những năm qua Chính phủ đã triển khai nhiều chủ trương, chính sách.\n",
		title);
}

/*
 * "Về" alone opens a capitals title right under the type line ("CHỈ THỊ" /
 * "VỀ ĐẨY MẠNH …") and is dropped as "VỀ VIỆC" is. Near case: a title whose
 * first line is no "VỀ …" keeps a "VỀ" further on.
 */
static void test_ve_opens_caps_title(void **state)
{
	lt_letter *l;

	(void)state;
	expect_type(directive("VỀ ĐẨY MẠNH SẮP XẾP VÀ ĐỔI MỚI DOANH NGHIỆP NHÀ NƯỚC"), "chỉ thị",
		    "ĐẨY MẠNH SẮP XẾP VÀ ĐỔI MỚI DOANH NGHIỆP NHÀ NƯỚC");
	l = directive("HỘI NGHỊ LẦN THỨ 6 VỀ NÂNG CAO CHẤT LƯỢNG HOẠT ĐỘNG");
	expect(l->subject, "HỘI NGHỊ LẦN THỨ 6 VỀ NÂNG CAO CHẤT LƯỢNG HOẠT ĐỘNG");
	lt_letter_free(l);
}

/* A ministry's circular as a web table stores it, its header lines head. */
static lt_letter *circular(const char *head, const char *type)
{
	return parsef(
		 "%s\n--------\n|\nCỘNG HÒA XÃ HỘI CHỦ\nNGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n"
		 "Số: 15/2011/TT-BTTTT\n|\nHà Nội, ngày 28\ntháng 6 năm 2011\n|\n%s\n"
		 "QUY ĐỊNH VỀ QUẢN LÝ CHẤT LƯỢNG DỊCH VỤ BƯU CHÍNH\n"
		 "Căn cứ Luật Bưu chính ngày 17 tháng 6 năm 2010;\n",
		head, type);
}

/*
 * A name in capitals broken after its "VÀ" ("BỘ THÔNG TIN VÀ" / "TRUYỀN
 * THÔNG") is one issuer, not a parent body over an issuer. Near case: "VÀ"
 * inside a line ("UBND TỈNH BÌNH PHƯỚC" / "SỞ GIÁO DỤC VÀ ĐÀO TẠO") keeps
 * the parent body.
 */
static void test_issuer_broken_after_and(void **state)
{
	(void)state;
	expect_issuer(circular("BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG", "THÔNG TƯ"),
		      "BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "");
	expect_issuer(circular("UBND TỈNH BÌNH PHƯỚC\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", "THÔNG TƯ"),
		      "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND TỈNH BÌNH PHƯỚC");
}

/*
 * A type name broken at its word by a narrow cell ("THÔNG" / "TƯ") is one
 * type line, and the title under it does not begin with "TƯ". Near case: a
 * one-word line above a title line that makes no type name with it ("QUY" /
 * "QUY ĐỊNH VỀ …") is not joined into a type; it stays in the title.
 */
static void test_type_broken_at_word(void **state)
{
	(void)state;
	expect_type(circular("BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG", "THÔNG\nTƯ"), "thông tư",
		    "QUY ĐỊNH VỀ QUẢN LÝ CHẤT LƯỢNG DỊCH VỤ BƯU CHÍNH");
	expect_type(circular("BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG", "THÔNG TƯ\nQUY"), "thông tư",
		    "QUY QUY ĐỊNH VỀ QUẢN LÝ CHẤT LƯỢNG DỊCH VỤ BƯU CHÍNH");
}

/*
 * A joint issuer line that names a body by a place word ("LIÊN ĐOÀN LAO ĐỘNG
 * - TỈNH ĐOÀN", "TỈNH ỦY") with its province on the next line is one issuer:
 * "TỈNH ĐOÀN" is no place, so the province line ends the name above. Near
 * case: a body named the same way on the second line ("TỈNH ĐOÀN QUẢNG NAM"
 * / "HUYỆN ĐOÀN DUY XUYÊN") is an issuer under its parent body.
 */
static void test_body_named_by_place_word(void **state)
{
	(void)state;
	expect_issuer(plan("LIÊN ĐOÀN LAO ĐỘNG - TỈNH ĐOÀN\nTỈNH BÌNH DƯƠNG",
			   "Bình Dương, ngày 4 tháng 4 năm 2016"),
		      "LIÊN ĐOÀN LAO ĐỘNG - TỈNH ĐOÀN TỈNH BÌNH DƯƠNG", "");
	expect_issuer(plan("TỈNH ĐOÀN QUẢNG NAM\nHUYỆN ĐOÀN DUY XUYÊN",
			   "Duy Xuyên, ngày 4 tháng 4 năm 2016"),
		      "HUYỆN ĐOÀN DUY XUYÊN", "TỈNH ĐOÀN QUẢNG NAM");
}

/*
 * The type name and its title on one line ("THÔNG BÁO HOÃN TRẠI HÈ QUÂN
 * SỰ") give the type and the title, not an issuer. Near case: a title "QUY
 * ĐỊNH VỀ …" under a TT- number whose type line was dropped does not make
 * the text a quy định, and two type names joined by "VÀ" ("QUY ĐỊNH VÀ
 * HƯỚNG DẪN") are no type and title.
 */
static void test_type_and_title_on_one_line(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("THÔNG BÁO HOÃN TRẠI HÈ QUÂN SỰ\n \nKính gửi:     - Cha mẹ học sinh khối 11, 12.\n"
		  "                   - GVCN khối 11, 12\n\nQua thống kê, nhà trường quyết định.\n");
	expect(l->doc_type, "thông báo");
	expect(l->subject, "HOÃN TRẠI HÈ QUÂN SỰ");
	expect(l->issuer, "");
	assert_int_equal(l->recipients.n, 2);
	lt_letter_free(l);
	l = circular("BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG", "");
	expect(l->doc_type, "thông tư");
	lt_letter_free(l);
	l = parse("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1228/THPT\nPhan Rang, ngày 12 tháng 11 năm 2003\n"
		  "QUY ĐỊNH VÀ HƯỚNG DẪN\nVỀ VIỆC TIẾP NHẬN VÀ CHUYỂN TRƯỜNG CHO HỌC SINH\n\n"
		  "Căn cứ Quyết định số 51/2002/QĐ-BGDĐT;\n");
	expect(l->subject, "TIẾP NHẬN VÀ CHUYỂN TRƯỜNG CHO HỌC SINH");
	lt_letter_free(l);
}

/*
 * A title in capitals goes on after a blank line in a short line of its year
 * ("KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN" / "NĂM HỌC: 2021-2022"). Near case: a
 * longer capitals line that opens with "NĂM" is no part of it.
 */
static void test_caps_title_year_line(void **state)
{
	static const char fmt[] = "LĐLĐ QUẢNG ĐIỀN\nCĐCS TRƯỜNG MN SƠN CA\n\nSố 01/ KH-CĐCS\n"
				  "Thị trấn Sịa, ngày 16 tháng 10 năm 2021\n\n"
				  "KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN\n\n%s\n\n"
				  "- Căn cứ vào phương hướng, nhiệm vụ công tác công đoàn năm học.\n";
	lt_letter *l;

	(void)state;
	expect_type(parsef(fmt, "NĂM HỌC: 2021-2022"), "kế hoạch",
		    "HOẠT ĐỘNG CÔNG ĐOÀN NĂM HỌC: 2021-2022");
	l = parsef(fmt, "NĂM 2021 LÀ NĂM THỨ HAI THỰC HIỆN NGHỊ QUYẾT");
	expect(l->subject, "HOẠT ĐỘNG CÔNG ĐOÀN");
	lt_letter_free(l);
}

/* The deadlines of a one-paragraph notice whose paragraph is body. */
static void expect_deadlines(const char *body, const char *want)
{
	lt_letter *l = parsef("Kính gửi: Phụ huynh học sinh\n\n%s\n", body);

	if (!*want) {
		assert_int_equal(l->deadlines.n, 0);
	} else {
		assert_int_equal(l->deadlines.n, 1);
		expect(l->deadlines.v[0], want);
	}
	lt_letter_free(l);
}

/*
 * After an earlier date in the line, "đến hết ngày" right before a date ends
 * a period, though a deadline word ("trước đó") stands further back. Near
 * cases: "trước ngày" right before the later date, and "đến hết ngày" with
 * no earlier date in the line, set a deadline.
 */
static void test_period_end_after_deadline_word(void **state)
{
	(void)state;
	expect_deadlines("Học sinh nghỉ học từ ngày 01/02/2021. Thời gian nghỉ kéo dài tới hết lịch "
			 "đã thông báo trước đó, tức là đến hết ngày 16/02/2021.",
			 "");
	expect_deadlines("Học sinh nghỉ học từ ngày 01/02/2021. Các trường báo cáo kết quả "
			 "trước ngày 16/02/2021.",
			 "2021-02-16");
	expect_deadlines("Các đơn vị báo cáo đến hết ngày 20/3/2018.", "2018-03-20");
}

/*
 * A letter that closes on its signer's title alone ("Hiệu trưởng."), with no
 * name, authority or "Nơi nhận": the title is the signer's. Near case: a last
 * sentence that opens with a title ("Hiệu trưởng các trường thực hiện.")
 * signs nothing.
 */
static void test_closing_title_alone(void **state)
{
	static const char fmt[] = "Kính gửi các bậc phụ huynh,\n\n"
				  "Trường chưa đủ điều kiện để mở cửa vào thứ hai tới.\n\n%s\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "Hiệu trưởng.");
	expect(l->signer.title, "Hiệu trưởng");
	expect(l->signer.name, "");
	lt_letter_free(l);
	l = parsef(fmt, "Hiệu trưởng các trường thực hiện.");
	expect(l->signer.title, "");
	lt_letter_free(l);
}

/* A school's report, its two header columns flattened onto two lines. */
static lt_letter *report(const char *second)
{
	return parsef("PHÒNG GD&ĐT BẢO LÂM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
		      "%s Độc lập- Tự do- Hạnh phúc\n\nBÁO CÁO\n"
		      "Kết quả xây dựng trường, lớp xanh, sạch, đẹp, an toàn\n\n"
		      "I. ĐẶC ĐIỂM TÌNH HÌNH\n",
		      second);
}

/*
 * A capitals name with a colon after its first word ("TRƯỜNG: THCS MÔNG
 * ÂN") beside the motto is the issuer under its parent body. Near case: a
 * label of two words ("ĐƠN VỊ: TRƯỜNG THCS MÔNG ÂN") is no issuer.
 */
static void test_issuer_with_colon(void **state)
{
	(void)state;
	expect_issuer(report("TRƯỜNG: THCS MÔNG ÂN"), "TRƯỜNG: THCS MÔNG ÂN", "PHÒNG GD&ĐT BẢO LÂM");
	expect_issuer(report("ĐƠN VỊ: TRƯỜNG THCS MÔNG ÂN"), "PHÒNG GD&ĐT BẢO LÂM", "");
}

/*
 * A letter with no header that opens on a heading in ordinary case ("Thông
 * báo khẩn về việc tổ chức …"): the type and the trích yếu, and the line
 * under it is no part of the title. Near case: a first sentence that only
 * opens with the type's words ("Thông báo này gửi các đơn vị về việc …")
 * names no type.
 */
static void test_sentence_case_heading(void **state)
{
	static const char fmt[] = "%s\n\nUrgent Notice on the 2020 meeting\n\n"
				  "Kính gửi quí cổ đông và quí khách mời,\n\n"
				  "Theo Công văn số 1049/UBND-TH, Công ty hoãn tổ chức Đại hội.\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "Thông báo khẩn về việc tổ chức Đại hội đồng cổ đông thường niên 2020");
	expect(l->doc_type, "thông báo");
	expect(l->subject, "tổ chức Đại hội đồng cổ đông thường niên 2020");
	expect(l->recipients.v[0], "quí cổ đông và quí khách mời");
	lt_letter_free(l);
	expect_type(parsef(fmt, "Thông báo này gửi các đơn vị về việc tổ chức Đại hội"), "công văn",
		    "");
}

/*
 * Round 8. A "Nơi nhận:" list flattened onto one line ("- a; - b; - c.")
 * is one entry per dash item; an item may itself hold " - " or ";" with no
 * dash after it. Near case: one item holding " - " stays whole.
 */
static void test_flat_cc_list(void **state)
{
	static const char fmt[] =
		"TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nSố: 1689/QĐ-TLĐ\nHà Nội, ngày 12 tháng 11 năm 2019\n"
		"QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ KHEN THƯỞNG\n"
		"Điều 1. Ban hành Quy chế Khen thưởng của tổ chức Công đoàn./.\n\n%s\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "Nơi nhận: - Ban Thi đua - Khen thưởng TW (b/c); - Đoàn Chủ tịch TLĐ; "
			"- Các LĐLĐ tỉnh, TP; CĐNTW và tương đương; - Lưu Văn thư.");
	assert_int_equal(l->cc.n, 4);
	expect(l->cc.v[0], "Ban Thi đua - Khen thưởng TW (b/c)");
	expect(l->cc.v[1], "Đoàn Chủ tịch TLĐ");
	expect(l->cc.v[2], "Các LĐLĐ tỉnh, TP; CĐNTW và tương đương");
	expect(l->cc.v[3], "Lưu Văn thư");
	lt_letter_free(l);
	l = parsef(fmt, "Nơi nhận: - Ban Thi đua - Khen thưởng TW;");
	assert_int_equal(l->cc.n, 1);
	expect(l->cc.v[0], "Ban Thi đua - Khen thưởng TW");
	lt_letter_free(l);
}

/*
 * A signing block flattened onto one line: the authority, then the whole
 * position that ends its capitals, then the name ("TM. ĐOÀN CHỦ TỊCH CHỦ
 * TỊCH Nguyễn Đình Khang"; "KT. CHỦ TỊCH PHÓ CHỦ TỊCH …" takes the longer
 * "PHÓ CHỦ TỊCH"). Near cases: the same block on three lines reads as
 * before; capitals that end in no position ("TM. BAN CHẤP HÀNH Nguyễn Văn
 * An") are not cut.
 */
static void test_flat_signer(void **state)
{
	static const char fmt[] =
		"CÔNG ĐOÀN TRƯỜNG X\nSố: 05/TB-CĐ\nHà Nội, ngày 2 tháng 3 năm 2020\n"
		"Kính gửi: Các tổ công đoàn.\nCông đoàn trường thông báo lịch họp.\n\n"
		"Nơi nhận: - Như trên; - Lưu VT.\n\n%s\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "TM. ĐOÀN CHỦ TỊCH CHỦ TỊCH Nguyễn Đình Khang");
	expect(l->signer.authority, "TM. ĐOÀN CHỦ TỊCH");
	expect(l->signer.title, "CHỦ TỊCH");
	expect(l->signer.name, "Nguyễn Đình Khang");
	assert_int_equal(l->signer.n_auth, 1);
	expect(l->signer.auth[0].of, "ĐOÀN CHỦ TỊCH");
	lt_letter_free(l);
	l = parsef(fmt, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An");
	expect(l->signer.authority, "KT. CHỦ TỊCH");
	expect(l->signer.title, "PHÓ CHỦ TỊCH");
	expect(l->signer.name, "Nguyễn Văn An");
	lt_letter_free(l);
	l = parsef(fmt, "TM. ĐOÀN CHỦ TỊCH\nCHỦ TỊCH\n\nNguyễn Đình Khang");
	expect(l->signer.authority, "TM. ĐOÀN CHỦ TỊCH");
	expect(l->signer.title, "CHỦ TỊCH");
	expect(l->signer.name, "Nguyễn Đình Khang");
	lt_letter_free(l);
	l = parsef(fmt, "TM. BAN CHẤP HÀNH Nguyễn Văn An");
	expect(l->signer.title, "");
	lt_letter_free(l);
}

/*
 * No header: the line under the type name gives the text's own number and
 * date ("CỦA BỘ LAO ĐỘNG SỐ 15-LĐ/TT NGÀY 10 THÁNG 8 NĂM 1961") and is no
 * part of the title. Near case: a header's "Số:" and date line stand.
 */
static void test_number_under_type_line(void **state)
{
	static const char body[] =
		"THÔNG TƯ\nCỦA BỘ LAO ĐỘNG SỐ 15-LĐ/TT NGÀY 10 THÁNG 8 NĂM 1961\n"
		"HƯỚNG DẪN VIỆC LẬP KẾ HOẠCH\nKính gửi: Các Bộ.\nNội dung hướng dẫn.\n";
	lt_letter *l;

	(void)state;
	l = parse(body);
	expect_number(l, "15-LĐ/TT", "1961-08-10");
	expect(l->symbol, "LĐ/TT");
	expect_type(l, "thông tư", "HƯỚNG DẪN VIỆC LẬP KẾ HOẠCH");
	l = parsef("BỘ LAO ĐỘNG\nSố: 20/TT\n\nHà Nội, ngày 1 tháng 2 năm 1962\n\n%s", body);
	expect_number(l, "20/TT", "1962-02-01");
	lt_letter_free(l);
}

/*
 * No header: a first line that is a sentence about the text ("Hướng dẫn số
 * 1803/HD-TLĐ ngày 29 tháng 11 năm 2013 của …") or the note closing an
 * extract of it ("(Trích thông báo số 27/TB-CĐĐHĐT ngày 11 tháng 8 năm
 * 2017)") gives its type, number and date. Near cases: a first line citing
 * another text ("Thực hiện Hướng dẫn số …") and a closing "(Kèm theo Công
 * văn số …)" give none.
 */
static void test_number_in_sentence(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("Hướng dẫn số 1803/HD-TLĐ ngày 29 tháng 11 năm 2013 của Tổng Liên đoàn lao động "
		  "Việt Nam hướng dẫn đóng đoàn phí công đoàn\n\n- Căn cứ Luật Công đoàn;\n"
		  "I. Đối tượng đóng đoàn phí công đoàn.\n");
	expect_number(l, "1803/HD-TLĐ", "2013-11-29");
	expect_type(l, "hướng dẫn", "");
	l = parse("Về việc tham gia Cuộc thi viết\nThực hiện Công văn số 3035/BGDĐT-TĐKT ngày "
		  "17/7/2017 của Bộ Giáo dục và Đào tạo, Công đoàn Trường triển khai như sau:\n"
		  "Các tổ công đoàn gửi bài trước ngày 25/09/2017./.\n"
		  "(Trích thông báo số 27/TB-CĐĐHĐT ngày 11 tháng 8 năm 2017)\n");
	expect_number(l, "27/TB-CĐĐHĐT", "2017-08-11");
	expect_type(l, "thông báo", "tham gia Cuộc thi viết");
	l = parse("Thực hiện Hướng dẫn số 1803/HD-TLĐ ngày 29 tháng 11 năm 2013 của Tổng Liên đoàn "
		  "Lao động Việt Nam, Công đoàn trường triển khai như sau:\n\n1. Đối tượng.\n"
		  "Đoàn viên công đoàn.\n(Kèm theo Công văn số 12/CĐ ngày 3/4/2017)\n");
	expect_number(l, "", "");
	expect_type(l, "", "");
}

/*
 * An old-style symbol with no "-" names its type after its "/" ("6-LĐ/TT":
 * thông tư). Near case: "1041 TCT/NV6" names none.
 */
static void test_old_style_symbol_type(void **state)
{
	static const char fmt[] =
		"BỘ LAO ĐỘNG | VIỆT NAM DÂN CHỦ CỘNG HÒA |\nSố: %s | Hà Nội, ngày 28 tháng 2 năm 1975 |\n"
		"Thi hành Nghị định số 97-CP ngày 2 tháng 5 năm 1974, Bộ hướng dẫn như sau:\n";

	(void)state;
	expect_type(parsef(fmt, "6-LĐ/TT"), "thông tư", "");
	expect_type(parsef(fmt, "1041 TCT/NV6"), "", "");
}

/*
 * "Kính gửi: Các Bộ, các ngành ở Trung ương," / "Các Uỷ ban hành chính
 * khu, thành, tỉnh;" / "Các Sở, Ty, Phòng Lao động.": a line under a "," or
 * ";" that opens on "Các" or a body is one more addressee, and the body
 * after them is none. Near case: "… CĐ," / "TTGDTX và đơn vị trực thuộc."
 * goes on in the same addressee (test_greeting_ends_at_comma).
 */
static void test_addressees_one_to_a_line(void **state)
{
	lt_letter *l;

	(void)state;
	l = parse("THÔNG TƯ\nHƯỚNG DẪN VIỆC LẬP KẾ HOẠCH\nKính gửi: Các Bộ, các ngành ở Trung ương,\n"
		  "Các Uỷ ban hành chính khu, thành, tỉnh;\nCác Sở, Ty, Phòng Lao động.\n"
		  "Nền kinh tế ở miền Bắc phát triển có kế hoạch.\n");
	assert_int_equal(l->recipients.n, 3);
	expect(l->recipients.v[0], "Các Bộ, các ngành ở Trung ương");
	expect(l->recipients.v[1], "Các Uỷ ban hành chính khu, thành, tỉnh");
	expect(l->recipients.v[2], "Các Sở, Ty, Phòng Lao động");
	lt_letter_free(l);
	l = parse("Kính gởi: Chủ tịch CĐCS các trường THPT, TCCN, CĐ,\n"
		  "TTGDTX và đơn vị trực thuộc.\nHưởng ứng lời kêu gọi của Ban Nữ công.\n");
	assert_int_equal(l->recipients.n, 1);
	lt_letter_free(l);
}

/*
 * A parent body broken after its "VÀ" or "&" onto the next paragraph ("CÔNG
 * ĐOÀN NÔNG NGHIỆP VÀ" / blank / "PHÁT TRIỂN NÔNG THÔN VIỆT NAM") is one name
 * above the issuer: a name does not end on "VÀ". Near case: a parent body
 * that ends on a word ("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM" / blank / "CÔNG ĐOÀN
 * TRƯỜNG …") keeps its two lines apart.
 */
static void test_parent_broken_after_and_over_blank(void **state)
{
	static const char date[] = "Hà Nội, ngày 24 tháng 2 năm 2020";

	(void)state;
	expect_issuer(plan("CÔNG ĐOÀN NÔNG NGHIỆP VÀ\n\nPHÁT TRIỂN NÔNG THÔN VIỆT NAM\n\n"
			   "CĐ HỌC VIỆN NÔNG NGHIỆP VIỆT NAM",
			   date),
		      "CĐ HỌC VIỆN NÔNG NGHIỆP VIỆT NAM",
		      "CÔNG ĐOÀN NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN VIỆT NAM");
	expect_issuer(plan("CÔNG ĐOÀN NN &\n\nPTNT VIỆT NAM\nBCH CÔNG ĐOÀN TRƯỜNG ĐHLN", date),
		      "BCH CÔNG ĐOÀN TRƯỜNG ĐHLN", "CÔNG ĐOÀN NN & PTNT VIỆT NAM");
	expect_issuer(plan("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM\n\nCÔNG ĐOÀN TRƯỜNG ĐH VINH", date),
		      "CÔNG ĐOÀN TRƯỜNG ĐH VINH", "CÔNG ĐOÀN GIÁO DỤC VIỆT NAM");
}

/*
 * A signing authority written out in words, in capitals ("THAY MẶT BAN CHẤP
 * HÀNH", "KÝ THAY CHỦ TỊCH", "THỪA LỆNH …", "THỪA ỦY QUYỀN …"), is the
 * authority its abbreviation stands for: printed as is, canonical "TM.",
 * "KT.", "TL.", "TUQ." in signer.auth. Near case: "Thay mặt …" opening a
 * body sentence in small letters is no authority.
 */
static void test_spelled_authority(void **state)
{
	static const char fmt[] =
		"CÔNG ĐOÀN TRƯỜNG X\nSố: 05/TB-CĐ\nHà Nội, ngày 2 tháng 3 năm 2020\n"
		"Kính gửi: Các tổ công đoàn.\n%s\n\nNơi nhận:\n- Như trên;\n- Lưu VT.\n%s\n";
	static const char body[] = "Công đoàn trường thông báo lịch họp.";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, body, "THAY MẶT BAN CHẤP HÀNH\nKÝ THAY CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An");
	expect(l->signer.authority, "THAY MẶT BAN CHẤP HÀNH");
	assert_int_equal(l->signer.n_auth, 2);
	expect(l->signer.auth[0].prefix, "TM.");
	expect(l->signer.auth[0].of, "BAN CHẤP HÀNH");
	expect(l->signer.auth[1].prefix, "KT.");
	expect(l->signer.auth[1].of, "CHỦ TỊCH");
	expect(l->signer.title, "PHÓ CHỦ TỊCH");
	expect(l->signer.name, "Nguyễn Văn An");
	lt_letter_free(l);
	l = parsef(fmt, body, "THỪA LỆNH CHỦ TỊCH\nTHỪA UỶ QUYỀN CHÁNH VĂN PHÒNG\nTRƯỞNG BAN\n\nLê Thị Hoa");
	assert_int_equal(l->signer.n_auth, 2);
	expect(l->signer.auth[0].prefix, "TL.");
	expect(l->signer.auth[1].prefix, "TUQ.");
	expect(l->signer.auth[1].of, "CHÁNH VĂN PHÒNG");
	lt_letter_free(l);
	l = parsef(fmt, "Thay mặt Ban Chấp hành, chúc các đồng chí sức khỏe.",
		   "TM. BAN CHẤP HÀNH\nCHỦ TỊCH\n\nNguyễn Văn An");
	expect(l->signer.authority, "TM. BAN CHẤP HÀNH");
	assert_int_equal(l->signer.n_auth, 1);
	lt_letter_free(l);
}

/*
 * Addressees numbered under a "Kính gửi:" with none on its line ("1. Ban
 * Chấp hành …;" / "2. Các công đoàn bộ phận.", "a) …;" / "b) …") are read as
 * a bulleted list, without their numbers, and the body after them is none.
 * Near cases: a numbered heading right under an addressee on the marker's
 * line ("Kính gửi: Ban Giám đốc" / "1. Tình hình chung") stays in the body,
 * and a list that does not begin at "1." or "a)" is not taken for one.
 */
static void test_numbered_addressees(void **state)
{
	static const char fmt[] = "CÔNG ĐOÀN TRƯỜNG X\nSố: 05/TB-CĐ\nHà Nội, ngày 2 tháng 3 năm 2020\n"
				  "%s\nThực hiện kế hoạch năm học, đề nghị các đơn vị báo cáo.\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "Kính gửi:\n1. Ban Chấp hành các CĐCS trực thuộc;\n2. Các công đoàn bộ phận.");
	expect(l->recipients.v[0], "Ban Chấp hành các CĐCS trực thuộc");
	expect_entries(l, &l->recipients, 2, 1, "Các công đoàn bộ phận");
	l = parsef(fmt, "Kính gửi:\na) Ban Chấp hành các CĐCS;\nb) Các tổ công đoàn;\nc) Ban Nữ công");
	expect_entries(l, &l->recipients, 3, 2, "Ban Nữ công");
	l = parsef(fmt, "Kính gửi: Ban Giám đốc\n1. Tình hình chung");
	expect_entries(l, &l->recipients, 1, 0, "Ban Giám đốc");
	l = parsef(fmt, "Kính gửi:\n2. Ban Chấp hành các CĐCS.");
	expect_entries(l, &l->recipients, 1, 0, "2. Ban Chấp hành các CĐCS");
}

/*
 * A place and its date with no "ngày" between ("Quảng Điền, 16/10/2021",
 * "Quảng Điền, 16 tháng 10 năm 2021"), the date ending the line right after
 * the place's comma, give the place and the date. Near cases: a day that is
 * no date ("35/10/2021") and a date with no comma before it give neither.
 */
static void test_place_date_without_ngay(void **state)
{
	static const char head[] = "LĐLĐ QUẢNG ĐIỀN\nCĐCS TRƯỜNG MN SƠN CA";

	(void)state;
	expect_place(plan(head, "Quảng Điền, 16/10/2021"), "Quảng Điền", "2021-10-16");
	expect_place(plan(head, "Quảng Điền, 16 tháng 10 năm 2021"), "Quảng Điền", "2021-10-16");
	expect_place(plan(head, "Quảng Điền, 35/10/2021"), "", "");
	expect_place(plan(head, "Quảng Điền 16/10/2021"), "", "");
}

/*
 * "Nơi nhận: Như trên; Thường trực Huyện ủy (b/c); Lưu VP.": entries with
 * no bullets on the marker's line are one entry per "; " before a capital.
 * Near case: a piece after "; " in small letters ("Như trên; các CĐCS …")
 * stays in the entry before it.
 */
static void test_cc_on_marker_line(void **state)
{
	static const char fmt[] =
		"CÔNG ĐOÀN TRƯỜNG X\nSố: 05/TB-CĐ\nHà Nội, ngày 2 tháng 3 năm 2020\n"
		"Kính gửi: Các tổ công đoàn.\nCông đoàn trường thông báo lịch họp.\n\n"
		"Nơi nhận: %s\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\n\nNguyễn Văn An\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "Như trên; Thường trực Huyện ủy (b/c); Lưu VP.");
	expect(l->cc.v[0], "Như trên");
	expect(l->cc.v[1], "Thường trực Huyện ủy (b/c)");
	expect(l->signer.authority, "TM. BAN CHẤP HÀNH");
	expect_entries(l, &l->cc, 3, 2, "Lưu VP");
	l = parsef(fmt, "Như trên; các CĐCS (thực hiện).");
	expect_entries(l, &l->cc, 1, 0, NULL);
}

/*
 * The other types of Nghị định 30 and of the Party and union ("BIÊN BẢN",
 * "THÔNG TRI", "GIẤY GIỚI THIỆU", …) and the joint ones ("NGHỊ QUYẾT LIÊN
 * TỊCH", "KẾ HOẠCH LIÊN TỊCH") are types, "LIÊN TỊCH" not left in the title;
 * so are their codes ("NQLT-CP-TLĐ", "BB-CĐ") with no type line. Near case:
 * a capitals line that only looks like one ("THÔNG TIN") is no type.
 */
static void test_more_types(void **state)
{
	static const char fmt[] = "CÔNG ĐOÀN TRƯỜNG X\nSố: 05/%s\nHà Nội, ngày 2 tháng 3 năm 2020\n"
				  "%s\nVỀ VIỆC TỔ CHỨC HỘI NGHỊ\n\nĐề nghị các tổ công đoàn thực hiện.\n";

	(void)state;
	expect_type(parsef(fmt, "XX-CĐ", "BIÊN BẢN"), "biên bản", "TỔ CHỨC HỘI NGHỊ");
	expect_type(parsef(fmt, "XX-CĐ", "THÔNG TRI"), "thông tri", "TỔ CHỨC HỘI NGHỊ");
	expect_type(parsef(fmt, "XX-CĐ", "GIẤY GIỚI THIỆU"), "giấy giới thiệu", "TỔ CHỨC HỘI NGHỊ");
	expect_type(parsef(fmt, "XX-CĐ", "KẾ HOẠCH LIÊN TỊCH"), "kế hoạch liên tịch",
		    "TỔ CHỨC HỘI NGHỊ");
	expect_type(parsef(fmt, "NQLT-CP-TLĐ", ""), "nghị quyết liên tịch", "TỔ CHỨC HỘI NGHỊ");
	expect_type(parsef(fmt, "BB-CĐ", ""), "biên bản", "TỔ CHỨC HỘI NGHỊ");
	expect_type(parsef(fmt, "XX-CĐ", "THÔNG TIN"), "công văn", "TỔ CHỨC HỘI NGHỊ");
}

/*
 * A deadline with no year that ends its sentence ("trước ngày 20/12.",
 * "trước ngày 20 tháng 12.") takes the letter's year, and "muộn nhất" sets
 * one as "chậm nhất" does. Near case: "20/12.2023" is a date with its year.
 */
static void test_deadline_ending_sentence(void **state)
{
	static const char fmt[] = "CÔNG ĐOÀN TRƯỜNG X\nSố: 05/TB-CĐ\nHà Nội, ngày 2 tháng 12 năm 2023\n"
				  "Kính gửi: Các tổ công đoàn.\n%s\n";
	lt_letter *l;

	(void)state;
	l = parsef(fmt, "Gửi danh sách về công đoàn trường trước ngày 20/12.");
	expect_entries(l, &l->deadlines, 1, 0, "2023-12-20");
	l = parsef(fmt, "Gửi danh sách muộn nhất ngày 10 tháng 01.");
	expect_entries(l, &l->deadlines, 1, 0, "2024-01-10");
	l = parsef(fmt, "Gửi danh sách trước ngày 20/12.2024 nhé.");
	expect_entries(l, &l->deadlines, 1, 0, "2024-12-20");
}

/*
 * A name with the page's note of the signing after it ("Nguyễn Văn An (đã
 * ký)", "… (Ký tên, đóng dấu)") is the name without the note. Near case: a
 * note that says nothing of signing ("Nguyễn Thị An (nữ)") is no name.
 */
static void test_name_with_signed_note(void **state)
{
	static const char fmt[] = "CÔNG ĐOÀN TRƯỜNG X\nSố: 05/TB-CĐ\nHà Nội, ngày 2 tháng 3 năm 2020\n"
				  "Kính gửi: Các tổ công đoàn.\nCông đoàn trường thông báo lịch họp.\n\n"
				  "TM. BAN CHẤP HÀNH\nCHỦ TỊCH\n\n%s\n";

	(void)state;
	expect_name(parsef(fmt, "Nguyễn Văn An (đã ký)"), "Nguyễn Văn An");
	expect_name(parsef(fmt, "Nguyễn Văn An  (Ký tên, đóng dấu)"), "Nguyễn Văn An");
	expect_name(parsef(fmt, "Nguyễn Thị An (nữ)"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_town_word_in_place),
		cmocka_unit_test(test_greeting_ends_at_comma),
		cmocka_unit_test(test_ve_opens_caps_title),
		cmocka_unit_test(test_issuer_broken_after_and),
		cmocka_unit_test(test_type_broken_at_word),
		cmocka_unit_test(test_body_named_by_place_word),
		cmocka_unit_test(test_type_and_title_on_one_line),
		cmocka_unit_test(test_caps_title_year_line),
		cmocka_unit_test(test_period_end_after_deadline_word),
		cmocka_unit_test(test_closing_title_alone),
		cmocka_unit_test(test_issuer_with_colon),
		cmocka_unit_test(test_sentence_case_heading),
		cmocka_unit_test(test_flat_cc_list),
		cmocka_unit_test(test_flat_signer),
		cmocka_unit_test(test_number_under_type_line),
		cmocka_unit_test(test_number_in_sentence),
		cmocka_unit_test(test_old_style_symbol_type),
		cmocka_unit_test(test_addressees_one_to_a_line),
		cmocka_unit_test(test_parent_broken_after_and_over_blank),
		cmocka_unit_test(test_spelled_authority),
		cmocka_unit_test(test_numbered_addressees),
		cmocka_unit_test(test_place_date_without_ngay),
		cmocka_unit_test(test_cc_on_marker_line),
		cmocka_unit_test(test_more_types),
		cmocka_unit_test(test_deadline_ending_sentence),
		cmocka_unit_test(test_name_with_signed_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
