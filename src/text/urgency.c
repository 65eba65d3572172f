/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* urgency.c — see urgency.h. */
#include "text/urgency.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "text/abbrev.h"

static const char *const codes[LT_URG_COUNT] = {
	"no_luong", "thuong_tet", "cat_giam", "tai_nan", "dinh_cong", "nguy_hiem", "han_gan",
};
static const char *const names_vi[LT_URG_COUNT] = {
	"nợ lương", "chưa thưởng Tết", "mất việc, cắt giảm", "tai nạn", "đình công, ngừng việc",
	"nguy hiểm, bị đe dọa", "hạn gần",
};
static const char *const names_en[LT_URG_COUNT] = {
	"wage arrears", "Tết bonus unpaid", "job loss, layoffs", "accident", "collective action",
	"danger, threats", "near deadline",
};

static const char default_text[] =
	"# lý do khẩn | mẫu\n"
	"no_luong | nợ lương\n"
	"no_luong | chậm lương\n"
	"no_luong | chậm trả lương\n"
	"no_luong | trả lương chậm\n"
	"no_luong | chưa trả lương\n"
	"no_luong | chưa trả + lương\n"
	"no_luong | lương + chưa được trả\n"
	"no_luong | chưa nhận được lương\n"
	"no_luong | chưa nhận lương\n"
	"no_luong | chưa có lương\n"
	"no_luong | không trả lương\n"
	"no_luong | không được trả lương\n"
	"no_luong | không lương\n"
	"no_luong | quỵt lương\n"
	"no_luong | treo lương\n"
	"no_luong | giam lương\n"
	"no_luong | nợ tiền lương\n"
	"no_luong | nợ + tháng\n"
	"no_luong | chưa trả\n"
	"no_luong | chưa thanh toán\n"
	"no_luong | không trả\n"
	"no_luong | bỏ trốn\n"
	"no_luong | ôm tiền\n"
	"no_luong | biến mất\n"
	"no_luong | bỏ về nước\n"
	"thuong_tet | chưa thưởng tết\n"
	"thuong_tet | chưa có thưởng\n"
	"thuong_tet | chưa trả thưởng\n"
	"thuong_tet | chưa + thưởng tết\n"
	"thuong_tet | không có thưởng\n"
	"thuong_tet | không thưởng tết\n"
	"thuong_tet | không được thưởng\n"
	"thuong_tet | không trả thưởng\n"
	"thuong_tet | cắt thưởng\n"
	"thuong_tet | nợ thưởng\n"
	"thuong_tet | hủy thưởng\n"
	"cat_giam | sa thải\n"
	"cat_giam | đuổi việc\n"
	"cat_giam | cho nghỉ việc\n"
	"cat_giam | cho thôi việc\n"
	"cat_giam | bị cho nghỉ\n"
	"cat_giam | bị đuổi\n"
	"cat_giam | ép nghỉ\n"
	"cat_giam | ép viết đơn\n"
	"cat_giam | buộc nghỉ\n"
	"cat_giam | chấm dứt hợp đồng\n"
	"cat_giam | cắt giảm\n"
	"cat_giam | mất việc\n"
	"cat_giam | giải thể\n"
	"cat_giam | đóng cửa\n"
	"cat_giam | phá sản\n"
	"cat_giam | hàng loạt + nghỉ việc\n"
	"tai_nan | tai nạn\n"
	"tai_nan | bị thương\n"
	"tai_nan | chết\n"
	"tai_nan | tử vong\n"
	"tai_nan | ngộ độc\n"
	"tai_nan | cháy nổ\n"
	"tai_nan | hỏa hoạn\n"
	"tai_nan | điện giật\n"
	"tai_nan | ngất xỉu\n"
	"tai_nan | ngất\n"
	"tai_nan | cấp cứu\n"
	"tai_nan | nhập viện\n"
	"tai_nan | bỏng\n"
	"tai_nan | gãy chân\n"
	"tai_nan | gãy tay\n"
	"tai_nan | cụt tay\n"
	"tai_nan | đứt tay\n"
	"tai_nan | phẫu thuật\n"
	"tai_nan | nằm viện\n"
	"tai_nan | bệnh nghề nghiệp\n"
	"nguy_hiem | nguy hiểm\n"
	"nguy_hiem | khí độc\n"
	"nguy_hiem | rò rỉ\n"
	"nguy_hiem | nắng nóng\n"
	"nguy_hiem | đe dọa\n"
	"nguy_hiem | hăm dọa\n"
	"nguy_hiem | bị đánh\n"
	"nguy_hiem | đánh đập\n"
	"nguy_hiem | hành hung\n"
	"nguy_hiem | quấy rối\n"
	"nguy_hiem | lo sợ\n"
	"nguy_hiem | sợ hãi\n"
	"dinh_cong | đình công\n"
	"dinh_cong | ngừng việc\n"
	"dinh_cong | lãn công\n"
	"dinh_cong | bãi công\n"
	"dinh_cong | biểu tình\n"
	"dinh_cong | bỏ việc tập thể\n"
	"dinh_cong | tập trung + cổng\n"
	"han_gan | tuần sau\n"
	"han_gan | tuần tới\n"
	"han_gan | ngày mai\n"
	"han_gan | sắp hết\n"
	"han_gan | sắp tới\n"
	"han_gan | gấp\n"
	"han_gan | thời hạn\n"
	"han_gan | hạn chót\n"
	"han_gan | hết hạn\n"
	"han_gan | trước tết\n"
	"han_gan | cận tết\n"
	"han_gan | giữ sổ\n"
	"han_gan | không trả sổ\n"
	"han_gan | không chốt sổ\n"
	"han_gan | chưa chốt sổ\n";

static lt_topic_rules builtin;
static int builtin_ok;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

const char *lt_urgency_code(int r)
{
	return r >= 0 && r < LT_URG_COUNT ? codes[r] : NULL;
}

const char *lt_urgency_name_vi(int r)
{
	return r >= 0 && r < LT_URG_COUNT ? names_vi[r] : NULL;
}

const char *lt_urgency_name_en(int r)
{
	return r >= 0 && r < LT_URG_COUNT ? names_en[r] : NULL;
}

const char *lt_urgency_default_text(void)
{
	return default_text;
}

void lt_urgency_rules_init(lt_topic_rules *r)
{
	lt_topics_init(r, codes, LT_URG_COUNT, -1, lt_abbrev_default());
}

static void builtin_build(void)
{
	lt_urgency_rules_init(&builtin);
	builtin_ok = !lt_topics_parse(&builtin, default_text, sizeof(default_text) - 1, NULL);
}

int lt_urgency_check(const lt_topic_rules *rules, const char *text, size_t n,
		     lt_tokens *tok, lt_urgency *out)
{
	lt_topic_match m[16];
	size_t nm = 0, w = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!rules) {
		pthread_once(&builtin_once, builtin_build);
		if (!builtin_ok)
			return LT_ENOMEM;
		rules = &builtin;
	}
	rc = lt_topics_apply_text(rules, text, n, tok, &out->reasons, m, 16, &nm);
	if (rc)
		return rc;
	out->urgent = out->reasons != 0;
	for (int r = 0; r < LT_URG_COUNT && w < sizeof(out->why); r++) {
		if (!(out->reasons & (1u << r)))
			continue;
		for (size_t i = 0; i < nm; i++) {
			int k;
			if (m[i].label != r)
				continue;
			k = snprintf(out->why + w, sizeof(out->why) - w, "%s%s (%s)",
				     w ? "; " : "", names_vi[r], rules->v[m[i].rule].text);
			w = k < 0 ? sizeof(out->why) : w + (size_t)k;
			break;
		}
	}
	return 0;
}
