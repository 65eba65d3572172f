/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_feedback.c — workers' feedback messages for the Gia Lâm demo.
 *
 * The messages are MADE UP for the demo (no real worker wrote them), in the
 * words workers use on Zalo and the hotline: wages paid late, Tết bonuses,
 * overtime, rooms to rent, buses home for Tết, social-insurance arrears,
 * safety. Some are near-duplicates (same company, same complaint) so that
 * cases form; some are urgent; they are spread over the last three weeks
 * and carried through every status, including escalation to the commune
 * and to the district, so that the triage inbox has real content.
 * Two commune officers are added so that escalations have someone to read
 * them: xa-00577 (Đa Tốn) and xa-00565 (Trâu Quỳ).
 *
 * Everything goes through app/feedback.h as the console operator, who acts
 * for the unit holding each message: the demo's steps are the ones a cadre
 * or an officer of that unit would take.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/feedback.h"
#include "cli/cmd_feedback.h"
#include "core/clock.h"
#include "store/unit.h"
#include "store/user.h"

/*
 * plan: the steps after intake, one letter each, by the unit holding it:
 *   s start, p propose, e escalate, a answer (published), c close, x spam,
 *   d duplicate, t confirm topics.
 */
typedef struct demo_msg {
	const char *unit;   /* grassroots code under 01.018. */
	const char *channel;
	int days_ago, hour;
	const char *text;
	const char *name, *phone;
	int anonymous;
	const char *plan;
} demo_msg;

static const demo_msg msgs[] = {
	/* Công ty CP Thực phẩm Đa Tốn: wages two months late — one case, escalated twice. */
	{ "00577.05", "zalo", 19, 8, "Công ty CP Thực phẩm Đa Tốn nợ lương tháng 9 và tháng 10 của công nhân, hỏi thì quản lý bảo chờ", "Nguyễn Thị Lan", "0912 301 245", 0, "spee" },
	{ "00577.05", "form", 18, 21, "Cty thực phẩm Đa Tốn nợ lương tháng 9 và tháng 10 của công nhân, hỏi quản lý chỉ bảo chờ", NULL, NULL, 0, "t" },
	{ "00577.05", "hotline", 18, 9, "Công ty Thực phẩm Đa Tốn nợ lương tháng 9 và tháng 10 của công nhân, hỏi thì quản lý bảo chờ", "Trần Văn Hùng", "0983 112 908", 0, "" },
	{ "00577.05", "facebook", 17, 20, "cty thuc pham da ton no luong thang 9 va thang 10 cua cong nhan, hoi thi quan ly bao cho", NULL, NULL, 1, "" },
	{ "00577.05", "form", 12, 22, "Ca đêm xưởng đóng gói bắt làm thêm 4 tiếng mỗi ngày nhưng chỉ tính 2 tiếng tăng ca", "Lê Thị Mai", "0971 556 332", 1, "sp" },
	{ "00577.05", "in_person", 6, 10, "Đề nghị công đoàn hỏi công ty về kế hoạch thưởng Tết năm nay, năm ngoái chỉ được nửa tháng lương", "Phạm Văn Toàn", NULL, 0, "s" },
	{ "00577.05", "zalo", 2, 19, "Máy cắt ở dây chuyền 2 không có che chắn, hôm qua suýt có người bị cuốn tay", NULL, NULL, 0, "" },
	/* Trường Tiểu học Đa Tốn */
	{ "00577.01", "form", 15, 20, "Giáo viên hợp đồng chưa được đóng bảo hiểm xã hội từ tháng 3", "Đỗ Thị Hạnh", "0904 667 120", 0, "spea" },
	{ "00577.01", "hotline", 9, 14, "Đề nghị hỗ trợ giáo viên ở xa thuê phòng trọ gần trường", NULL, NULL, 0, "sc" },
	/* Công ty TNHH May Trâu Quỳ: Tết bonus not paid — a case of five. */
	{ "00565.04", "zalo", 14, 21, "Công ty TNHH May Trâu Quỳ thông báo năm nay không có thưởng Tết, công nhân rất bức xúc", "Vũ Thị Nga", "0936 220 781", 0, "spe" },
	{ "00565.04", "zalo", 14, 22, "Cty May Trâu Quỳ thông báo năm nay ko có thưởng tết, công nhân rất bức xúc", NULL, NULL, 0, "" },
	{ "00565.04", "form", 13, 7, "Công ty May Trâu Quỳ thông báo năm nay không có thưởng Tết, anh chị em công nhân rất bức xúc", NULL, NULL, 1, "" },
	{ "00565.04", "facebook", 13, 12, "may trâu quỳ thông báo năm nay không có thưởng tết công nhân rất bức xúc", NULL, NULL, 0, "" },
	{ "00565.04", "hotline", 12, 9, "Công ty TNHH May Trâu Quỳ thông báo không có thưởng Tết năm nay, công nhân bức xúc lắm", "Hoàng Văn Nam", "0868 401 553", 0, "" },
	{ "00565.04", "form", 10, 20, "Phòng trọ quanh công ty tăng giá 300 nghìn một tháng, đề nghị công đoàn tìm chỗ ở rẻ hơn", "Bùi Thị Thảo", NULL, 0, "sp" },
	{ "00565.04", "zalo", 4, 21, "Xin hỏi công đoàn có xe đưa công nhân về quê ăn Tết như năm ngoái không ạ, em ở Thanh Hóa", "Ngô Thị Hằng", "0357 882 014", 0, "" },
	{ "00565.04", "zalo", 3, 22, "Năm nay công đoàn có xe đưa công nhân về quê ăn Tết không ạ, em quê Nghệ An", NULL, NULL, 0, "" },
	{ "00565.04", "form", 1, 20, "Có chuyến xe đưa công nhân về quê ăn Tết không ạ, cho em đăng ký 2 suất về Thanh Hóa", "Lý Văn Khoa", "0392 115 776", 0, "" },
	/* Công ty TNHH May Kiêu Kỵ */
	{ "00580.05", "zalo", 16, 21, "Tổ trưởng chuyền 5 chửi mắng công nhân, ép làm thêm giờ đến 10 giờ đêm", NULL, NULL, 1, "spa" },
	{ "00580.05", "hotline", 8, 15, "Công ty chậm lương tháng 10 đã 12 ngày, chưa có thông báo gì", "Đinh Thị Yến", "0945 778 230", 0, "sp" },
	{ "00580.05", "form", 5, 21, "Nhà ăn cho ăn cơm nguội, thức ăn ít, đề nghị công đoàn kiểm tra bếp ăn ca", NULL, NULL, 0, "" },
	{ "00580.05", "form", 0, 9, "Em bị trừ 3 ngày công vì con ốm phải nghỉ, có đúng luật không ạ", "Mai Thị Thu", "0977 006 412", 0, "" },
	/* Công ty CP Cơ khí Kiêu Kỵ */
	{ "00580.01", "in_person", 11, 10, "Xưởng hàn thiếu khẩu trang và kính bảo hộ, nhiều anh em bị đau mắt", "Trịnh Văn Long", "0913 554 281", 0, "spea" },
	{ "00580.01", "hotline", 7, 16, "Anh Tuấn tổ gò bị máy dập kẹp ngón tay phải đi viện, công ty chưa làm hồ sơ tai nạn lao động", "Đặng Văn Tuấn", "0988 310 765", 0, "spe" },
	{ "00580.01", "zalo", 3, 20, "Công ty nói sẽ cắt giảm 40 công nhân sau Tết, anh em lo mất việc", NULL, NULL, 1, "s" },
	/* Công ty TNHH May Cổ Bi */
	{ "00553.05", "form", 20, 21, "Công ty chưa đóng bảo hiểm xã hội 6 tháng nay, đi khám bệnh không dùng được thẻ", "Phan Thị Hoa", "0916 223 904", 0, "speea" },
	{ "00553.05", "zalo", 19, 22, "Cty may Cổ Bi chưa đóng bhxh 6 tháng nay, đi khám không dùng được thẻ bảo hiểm y tế", NULL, NULL, 0, "" },
	{ "00553.05", "form", 18, 6, "Công ty may Cổ Bi chưa đóng bảo hiểm xã hội 6 tháng, đi khám bệnh không dùng được thẻ", NULL, NULL, 1, "" },
	{ "00553.05", "hotline", 9, 11, "Đề nghị công đoàn tổ chức khám sức khỏe định kỳ cho lao động nữ", "Cao Thị Liên", NULL, 0, "sc" },
	{ "00553.05", "form", 2, 21, "Muốn hỏi chế độ thai sản khi công ty còn nợ bảo hiểm thì có được hưởng không", NULL, NULL, 0, "" },
	/* Công ty CP Cơ khí Cổ Bi */
	{ "00553.01", "zalo", 10, 20, "Lương tháng này bị trừ tiền đồng phục 500 nghìn mà không báo trước", "Lương Văn Đức", "0966 120 447", 0, "spa" },
	{ "00553.01", "form", 1, 22, "Quảng cáo vay tiền nhanh lãi suất thấp, liên hệ 0900000000", NULL, NULL, 0, "x" },
	/* Công ty CP Cơ khí Dương Xá */
	{ "00571.04", "hotline", 13, 9, "Trời rét xưởng không có nước nóng, đề nghị công ty lắp bình nóng lạnh khu tắm", NULL, NULL, 0, "spac" },
	{ "00571.04", "form", 6, 20, "Hợp đồng lao động hết hạn công ty không ký tiếp cũng không báo, em có được trợ cấp thôi việc không", "Tạ Văn Hòa", "0399 671 208", 0, "s" },
	{ "00571.04", "zalo", 0, 7, "Công ty nợ lương 2 tháng, sáng nay công nhân phân xưởng 3 ngừng việc đòi lương", NULL, NULL, 0, "" },
	/* Công ty CP Thực phẩm Dương Xá */
	{ "00571.01", "form", 8, 21, "Xe đưa đón công nhân bỏ tuyến Phú Thị, nhiều chị em phải đi bộ 3 cây số", "Hồ Thị Vân", "0376 554 019", 0, "sp" },
	{ "00571.01", "zalo", 4, 12, "Đề nghị tăng tiền ăn ca từ 20 nghìn lên 25 nghìn như công ty bên cạnh", NULL, NULL, 0, "" },
	/* Công ty TNHH May Kim Sơn */
	{ "00562.02", "form", 17, 20, "Công ty May Kim Sơn chưa trả tiền tăng ca tháng 9, tháng 10", "Kiều Thị Dung", "0385 447 662", 0, "spa" },
	{ "00562.02", "zalo", 16, 21, "Cty may Kim Sơn chưa trả tiền tăng ca tháng 9 tháng 10 cho công nhân", NULL, NULL, 0, "d" },
	{ "00562.02", "hotline", 7, 8, "Con công nhân không có chỗ gửi trẻ, đề nghị công đoàn liên hệ nhóm trẻ gần công ty", "Chu Thị Bích", NULL, 0, "sp" },
	{ "00562.02", "form", 3, 21, "Ký túc xá mất điện 3 ngày chưa sửa, buổi tối không có nước", NULL, NULL, 0, "" },
	/* Công ty CP Cơ khí Yên Viên */
	{ "00526.01", "in_person", 12, 14, "Công nhân làm việc trên cao không được phát dây an toàn", "Nông Văn Sơn", "0914 990 311", 0, "spa" },
	{ "00526.01", "zalo", 5, 19, "Đề nghị công ty cho công nhân nghỉ Tết từ 26 tháng Chạp để kịp về quê", NULL, NULL, 0, "s" },
	{ "00526.01", "form", 1, 8, "Năm nay có chương trình Chợ Tết Công đoàn không, em muốn đăng ký phiếu mua hàng 0 đồng", "Lò Thị Xuân", NULL, 0, "" },
	/* Công ty CP Thực phẩm Yên Viên */
	{ "00526.07", "hotline", 15, 10, "Công ty trả lương thấp hơn lương tối thiểu vùng, tháng 10 chỉ được 4 triệu 2", "Hà Văn Thắng", "0987 223 650", 0, "spe" },
	{ "00526.07", "form", 9, 21, "Kho lạnh không có áo ấm, công nhân bốc xếp bị cảm lạnh nhiều", NULL, NULL, 1, "sp" },
	{ "00526.07", "zalo", 2, 13, "Công ty chưa công bố thưởng Tết, công nhân lo không có tiền về quê", NULL, NULL, 0, "" },
	/* Công ty CP Thực phẩm Phù Đổng */
	{ "00544.01", "form", 14, 20, "Phụ cấp nặng nhọc bị cắt từ tháng 8 mà không giải thích", "Lâm Văn Phúc", "0333 476 120", 0, "sac" },
	{ "00544.01", "zalo", 6, 21, "Đề nghị công đoàn tổ chức xe về quê Tết cho công nhân quê Thái Bình, Nam Định", NULL, NULL, 0, "s" },
	{ "00544.01", "form", 0, 6, "Nhà vệ sinh nữ xưởng 2 hỏng vòi nước cả tuần", NULL, NULL, 0, "" },
	/* Công ty CP Cơ khí Bát Tràng */
	{ "00583.03", "hotline", 11, 9, "Công ty cho nghỉ chờ việc 2 tuần chỉ trả 50% lương, có đúng không", "Quách Văn Bình", "0962 331 740", 0, "spa" },
	{ "00583.03", "form", 4, 20, "Bụi kim loại nhiều, công ty không lắp quạt hút, anh em ho nhiều", NULL, NULL, 0, "" },
	/* Công ty TNHH May Dương Hà */
	{ "00541.06", "zalo", 18, 21, "Công ty May Dương Hà ép công nhân ký đơn tự nguyện làm thêm giờ quá 300 giờ một năm", NULL, NULL, 1, "spee" },
	{ "00541.06", "form", 10, 7, "Tiền gửi xe tăng lên 100 nghìn một tháng, đề nghị công ty hỗ trợ", "Vi Thị Hồng", NULL, 0, "sc" },
	{ "00541.06", "hotline", 2, 9, "Chị em mang thai 7 tháng vẫn phải đứng máy 10 tiếng", "Tô Thị Oanh", "0989 774 503", 0, "" },
	/* Công ty TNHH May Lệ Chi */
	{ "00550.03", "form", 16, 20, "Công ty May Lệ Chi khấu trừ bảo hiểm vào lương nhưng tra cứu thì chưa đóng", "Mạc Thị Nhung", "0918 664 025", 0, "spea" },
	{ "00550.03", "zalo", 7, 21, "Cho em hỏi thủ tục nhận trợ cấp thất nghiệp khi công ty cắt giảm", NULL, NULL, 0, "sa" },
	{ "00550.03", "form", 3, 8, "Đề nghị công đoàn tặng quà Tết cho công nhân có hoàn cảnh khó khăn ở lại ăn Tết", NULL, NULL, 0, "" },
	/* Trường Mầm non / Trạm y tế (public service unions) */
	{ "00565.02", "hotline", 9, 15, "Nhân viên nuôi dưỡng hợp đồng lương 3 triệu 8, đề nghị xem xét tăng lương", "Đoàn Thị Mến", NULL, 0, "sp" },
	{ "00553.02", "form", 5, 20, "Trạm y tế thiếu người trực đêm, nhân viên phải trực liên tục 24 giờ", NULL, NULL, 0, "" },
};

void lt_demo_feedback_clock(int64_t t)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRId64, t);
	setenv("LANTOA_NOW", buf, 1);
}

static const char *const proposals[] = {
	"Đề nghị công đoàn cấp trên làm việc với chủ doanh nghiệp, yêu cầu trả đủ và đúng hạn cho người lao động.",
	"Ban chấp hành CĐCS đã đối thoại với giám đốc; đề nghị cấp trên hỗ trợ pháp lý và giám sát việc khắc phục.",
	"Đề nghị đưa vào chương trình Tết Sum vầy 2024 và bố trí hỗ trợ cho công nhân.",
};
static const char *const answers[] = {
	"Công đoàn đã làm việc với công ty; công ty cam kết giải quyết trước ngày 15. Công đoàn sẽ tiếp tục giám sát.",
	"LĐLĐ huyện đã đề nghị thanh tra lao động kiểm tra; kết quả sẽ thông báo tới người lao động.",
	"Đã đăng ký cho anh chị vào danh sách hỗ trợ; cán bộ công đoàn sẽ liên hệ trực tiếp.",
};

int lt_demo_feedback_play(lt_db *db, const lt_actor *op, int64_t id, const char *plan, int64_t t,
			  size_t k, lt_error *e)
{
	lt_arena a;
	lt_fb_view v;
	int rc = 0;

	lt_arena_init(&a);
	for (const char *p = plan; *p && !rc; p++) {
		lt_fb_action act = { 0 };

		t += 5 * 3600;
		if (t > (int64_t)time(NULL) - 60)
			t = (int64_t)time(NULL) - 60;
		lt_demo_feedback_clock(t);
		switch (*p) {
		case 's': act.action = "start"; break;
		case 'p': act.action = "propose"; act.text = proposals[k % 3]; break;
		case 'e': act.action = "escalate"; act.note = "Vượt thẩm quyền CĐCS"; break;
		case 'a': act.action = "answer"; act.text = answers[k % 3]; act.publish = true; break;
		case 'c': act.action = "close"; break;
		case 'x': act.action = "spam"; break;
		case 'd': act.action = "duplicate"; break;
		case 't':
			/* The cadre confirms the topics intake found (read without the sender). */
			rc = lt_app_feedback_get(db, op, id, false, &a, &v, e);
			if (!rc)
				rc = lt_app_feedback_set_topics(db, op, id, v.f.topics, &a, NULL, e);
			continue;
		default: continue;
		}
		rc = lt_app_feedback_act(db, op, id, &act, &a, NULL, e);
	}
	lt_arena_free(&a);
	return rc;
}

static int add_officer(lt_cli *cli, lt_db *db, lt_arena *a, const char *login, const char *name,
		       const char *unit_code, const char *hash)
{
	lt_unit u;
	lt_user_input in = { .login = login, .name = name, .role = "officer", .pw_hash = hash };
	int rc = lt_unit_get_by_code(db, unit_code, a, &u, &cli->err);

	if (rc)
		return rc;
	in.unit_id = u.id;
	return lt_user_create(db, &in, 0, NULL, &cli->err);
}

int lt_demo_feedback(lt_cli *cli, lt_db *db, lt_arena *a)
{
	char hash[128];
	lt_user any;
	lt_actor op;
	int64_t base;
	int rc;

	lt_actor_operator(&op);
	unsetenv("LANTOA_NOW");
	base = (int64_t)time(NULL);
	/* The commune officers share the demo password: take its hash from a demo login. */
	rc = lt_user_get_by_login(db, "gialam", a, &any, hash, &cli->err);
	if (!rc)
		rc = add_officer(cli, db, a, "xa-00577", "Phạm Thị Thu (CĐ xã Đa Tốn)",
				 "01.018.00577", hash);
	if (!rc)
		rc = add_officer(cli, db, a, "xa-00565", "Lê Văn Quang (CĐ thị trấn Trâu Quỳ)",
				 "01.018.00565", hash);
	for (size_t k = 0; !rc && k < sizeof(msgs) / sizeof(msgs[0]); k++) {
		const demo_msg *m = &msgs[k];
		lt_feedback_input in = { 0 };
		lt_fb_added added;
		lt_unit u;
		int64_t t;
		/* Received on day D at the given hour, Vietnam time. */
		t = lt_vn_day(base) * 86400 - LT_VN_OFFSET -
		    (int64_t)m->days_ago * 86400 + (int64_t)m->hour * 3600 + (int64_t)(k % 50) * 60;
		if (t > base - 600)
			t = base - 600 - (int64_t)k * 60;
		rc = lt_unit_get_by_code(db, lt_arena_printf(a, "01.018.%s", m->unit), a, &u,
					 &cli->err);
		if (rc)
			break;
		in.unit_id = u.id;
		in.channel = m->channel;
		in.text = m->text;
		in.sender_name = m->name;
		in.sender_phone = m->phone;
		in.anonymous = m->anonymous != 0;
		in.received_at = t;
		lt_demo_feedback_clock(t + 120);
		rc = lt_app_feedback_add(db, &op, &in, &added, a, NULL, &cli->err);
		if (!rc)
			rc = lt_demo_feedback_play(db, &op, added.id, m->plan, t + 120, k, &cli->err);
	}
	unsetenv("LANTOA_NOW");
	return rc;
}
