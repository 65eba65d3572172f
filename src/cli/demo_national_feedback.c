// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * demo_national_feedback.c — workers' messages for `lantoa demo --national`:
 * about a million over the last four months, so that the triage inbox, its
 * summary and its exports are measured at the size a national union has.
 *
 * The messages are MADE UP (no real worker wrote them), from the complaints
 * of the Gia Lâm demo (demo_feedback.c) with each union's own workplace in
 * them. Each goes through app/feedback.h like a cadre's entry: validated,
 * classified, flagged urgent, given its deadline, joined to a case; then
 * the unit holding it carries it some steps on (start, propose, escalate,
 * answer, close, spam), more of them the older it is, so that every status
 * and every level of the tree has its share, and some are overdue.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/feedback.h"
#include "cli/cmd_feedback.h"
#include "cli/demo.h"
#include "core/clock.h"

/* One %s: the workplace ("Công ty TNHH May Phúc Xá"); one %d: a month or a number. */
static const char *const texts[] = {
	"%s nợ lương tháng %d của công nhân, hỏi thì quản lý bảo chờ",
	"%s chậm trả lương đã %d ngày, chưa có thông báo gì",
	"%s thông báo năm nay không có thưởng Tết, công nhân rất bức xúc (đã làm %d năm)",
	"Công nhân %s hỏi kế hoạch thưởng Tết năm nay, năm ngoái chỉ được %d phần mười tháng lương",
	"%s chưa đóng bảo hiểm xã hội %d tháng nay, đi khám bệnh không dùng được thẻ",
	"%s khấu trừ bảo hiểm vào lương nhưng tra cứu thì chưa đóng từ tháng %d",
	"Máy ở dây chuyền %d của %s không có che chắn, hôm qua suýt có người bị cuốn tay",
	"Xưởng hàn của %s thiếu khẩu trang và kính bảo hộ, %d anh em bị đau mắt",
	"%s bắt làm thêm %d tiếng mỗi ngày nhưng chỉ tính một nửa tiền tăng ca",
	"%s nói sẽ cắt giảm %d công nhân sau Tết, anh em lo mất việc",
	"Hợp đồng lao động ở %s hết hạn tháng %d, công ty không ký tiếp cũng không báo",
	"Phòng trọ quanh %s tăng giá %d trăm nghìn một tháng, đề nghị công đoàn tìm chỗ ở rẻ hơn",
	"Năm nay công đoàn %s có xe đưa công nhân về quê ăn Tết không ạ, cho em đăng ký %d suất",
	"Nhà ăn %s cho ăn cơm nguội, tiền ăn ca chỉ %d nghìn, đề nghị công đoàn kiểm tra",
	"Đề nghị %s tổ chức khám sức khỏe định kỳ cho lao động nữ, đã %d năm chưa khám",
	"Chị em mang thai %d tháng ở %s vẫn phải đứng máy 10 tiếng",
	"Ký túc xá %s mất điện %d ngày chưa sửa, buổi tối không có nước",
	"Cho em hỏi thủ tục nhận trợ cấp thất nghiệp khi %s cắt giảm, em đã đóng %d năm",
	"%s trả lương thấp hơn lương tối thiểu vùng, tháng %d chỉ được 4 triệu",
	"Đề nghị công đoàn tặng quà Tết cho %d công nhân có hoàn cảnh khó khăn ở %s",
};

/* Steps after intake by age; letters as demo_feedback.c's plans. */
static const char *plan_for(unsigned r, int days)
{
	if (r % 97 == 0)
		return "x";
	if (days > 20)
		return r % 10 < 5 ? "sac" : r % 10 < 7 ? "sa" : r % 10 < 8 ? "spea" : r % 10 < 9 ? "s" : "";
	if (days > 5)
		return r % 10 < 3 ? "s" : r % 10 < 5 ? "sp" : r % 10 < 6 ? "spe" : r % 10 < 8 ? "sa" : "";
	return r % 10 < 3 ? "s" : "";
}

static unsigned next(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffffff;
}

int lt_demo_national_feedback(lt_cli *cli, lt_db *db, const int64_t *units, const char *const *names,
			      const int64_t *members, size_t n, long *count)
{
	static const char *const channels[] = { "form", "zalo", "hotline", "facebook", "in_person" };
	lt_actor op;
	unsigned seed = 20241203;
	int64_t now = (int64_t)time(NULL);
	int rc = 0;

	lt_actor_operator(&op);
	for (size_t i = 0; !rc && i < n; i++) {
		/* A workplace's name: the union's without "CĐCS ". */
		const char *place = strncmp(names[i], "CĐCS ", strlen("CĐCS "))
					    ? names[i] : names[i] + strlen("CĐCS ");
		int k = (int)(next(&seed) % 15) + (int)(members[i] / 50);

		for (int j = 0; !rc && j < k; j++) {
			lt_arena a;
			lt_feedback_input in = { 0 };
			lt_fb_added added;
			unsigned r = next(&seed);
			int days = (int)(r % 120);
			char text[512];
			int64_t t = now - (int64_t)days * 86400 - (int64_t)(next(&seed) % 86400) - 600;
			const char *fmt = texts[next(&seed) % (sizeof(texts) / sizeof(texts[0]))];
			int num = 1 + (int)(next(&seed) % 12);

			/* Every text has one %s and one %d; their order varies. */
			if (strstr(fmt, "%s") < strstr(fmt, "%d"))
				snprintf(text, sizeof(text), fmt, place, num);
			else
				snprintf(text, sizeof(text), fmt, num, place);
			lt_arena_init(&a);
			in.unit_id = units[i];
			in.channel = channels[r % (sizeof(channels) / sizeof(channels[0]))];
			in.text = text;
			in.anonymous = r % 5 == 0;
			if (r % 3 == 0) {
				in.sender_name = "Người lao động";
				in.sender_phone = lt_arena_printf(&a, "09%08u", next(&seed) % 100000000u);
			}
			in.received_at = t;
			lt_demo_feedback_clock(t + 60);
			rc = lt_app_feedback_add(db, &op, &in, &added, &a, NULL, &cli->err);
			if (!rc)
				rc = lt_demo_feedback_play(db, &op, added.id, plan_for(r, days), t + 60,
							   (size_t)r, &cli->err);
			lt_arena_free(&a);
			(*count)++;
		}
		if (i % 1024 == 0)
			lt_cli_progress(cli, "feedback", (long)i, (long)n);
	}
	lt_cli_progress(cli, "feedback", (long)n, (long)n);
	unsetenv("LANTOA_NOW");
	return rc;
}
