/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* topics.c — see topics.h. Rules and messages are compared as syllable
 * hashes, so matching ignores case, diacritics and chat abbreviations. */
#include "text/topics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/abbrev.h"

static const char *const codes[LT_TOPIC_COUNT] = {
	"doi_song", "viec_lam", "tien_luong", "thuong_tet",
	"bhxh_phuc_loi", "an_toan", "khac",
};
static const char *const names_vi[LT_TOPIC_COUNT] = {
	"Đời sống", "Việc làm", "Tiền lương", "Thưởng Tết",
	"BHXH & phúc lợi", "An toàn lao động", "Khác",
};
static const char *const names_en[LT_TOPIC_COUNT] = {
	"Living conditions", "Jobs", "Wages", "Tết bonus",
	"Social insurance & welfare", "Work safety", "Other",
};

static const char default_text[] =
	"# chủ đề | mẫu (cụm từ, hoặc các cụm nối bằng +) | trọng số\n"
	"doi_song | đời sống\n"
	"doi_song | nhà trọ\n"
	"doi_song | phòng trọ\n"
	"doi_song | ở trọ\n"
	"doi_song | xóm trọ\n"
	"doi_song | chủ trọ\n"
	"doi_song | tiền nhà\n"
	"doi_song | tiền trọ\n"
	"doi_song | tiền thuê nhà\n"
	"doi_song | tiền điện\n"
	"doi_song | tiền nước\n"
	"doi_song | giá điện\n"
	"doi_song | nhà ở\n"
	"doi_song | chỗ ở\n"
	"doi_song | ký túc xá\n"
	"doi_song | nhà ở xã hội\n"
	"doi_song | xe đưa đón\n"
	"doi_song | xe buýt\n"
	"doi_song | đi lại\n"
	"doi_song | về quê\n"
	"doi_song | vé xe\n"
	"doi_song | vé tàu\n"
	"doi_song | ăn tết\n"
	"doi_song | bữa ăn\n"
	"doi_song | suất ăn\n"
	"doi_song | bữa ăn ca\n"
	"doi_song | nhà ăn\n"
	"doi_song | suất cơm\n"
	"doi_song | khay cơm\n"
	"doi_song | cơm ca\n"
	"doi_song | giá cả\n"
	"doi_song | tăng giá\n"
	"doi_song | chi tiêu\n"
	"doi_song | sinh hoạt\n"
	"doi_song | gửi trẻ\n"
	"doi_song | gửi con\n"
	"doi_song | nhà trẻ\n"
	"doi_song | học phí\n"
	"doi_song | trường học\n"
	"doi_song | con nhỏ\n"
	"doi_song | thực phẩm\n"
	"viec_lam | việc làm\n"
	"viec_lam | mất việc\n"
	"viec_lam | hợp đồng\n"
	"viec_lam | hợp đồng lao động\n"
	"viec_lam | thử việc\n"
	"viec_lam | sa thải\n"
	"viec_lam | đuổi việc\n"
	"viec_lam | cho thôi việc\n"
	"viec_lam | cho nghỉ việc\n"
	"viec_lam | chấm dứt hợp đồng\n"
	"viec_lam | đơn phương chấm dứt\n"
	"viec_lam | ép nghỉ\n"
	"viec_lam | ép viết đơn\n"
	"viec_lam | viết đơn nghỉ\n"
	"viec_lam | nghỉ việc\n"
	"viec_lam | cắt giảm\n"
	"viec_lam | giãn việc\n"
	"viec_lam | thiếu việc\n"
	"viec_lam | ngừng việc\n"
	"viec_lam | tạm hoãn hợp đồng\n"
	"viec_lam | điều chuyển\n"
	"viec_lam | chuyển công tác\n"
	"viec_lam | giờ làm\n"
	"viec_lam | làm thêm giờ\n"
	"viec_lam | ép tăng ca\n"
	"viec_lam | nghỉ phép\n"
	"viec_lam | phép năm\n"
	"viec_lam | trợ cấp thôi việc\n"
	"viec_lam | trợ cấp mất việc\n"
	"viec_lam | bồi hoàn\n"
	"viec_lam | chi phí đào tạo\n"
	"viec_lam | giữ bằng\n"
	"viec_lam | giữ giấy tờ\n"
	"viec_lam | xuất khẩu lao động\n"
	"viec_lam | thực tập sinh\n"
	"viec_lam | tuyển dụng\n"
	"viec_lam | tìm việc\n"
	"viec_lam | kỷ luật\n"
	"viec_lam | nghỉ không lương\n"
	"tien_luong | lương\n"
	"tien_luong | tiền lương\n"
	"tien_luong | nợ lương\n"
	"tien_luong | chậm lương\n"
	"tien_luong | trả lương\n"
	"tien_luong | lương tối thiểu\n"
	"tien_luong | tiền công\n"
	"tien_luong | tiền tăng ca\n"
	"tien_luong | lương làm thêm\n"
	"tien_luong | phụ cấp\n"
	"tien_luong | khấu trừ\n"
	"tien_luong | trừ lương\n"
	"tien_luong | trừ tiền\n"
	"tien_luong | phạt tiền\n"
	"tien_luong | đền bù hàng\n"
	"tien_luong | lương sản phẩm\n"
	"tien_luong | đơn giá\n"
	"tien_luong | hoa hồng\n"
	"tien_luong | chiết khấu\n"
	"tien_luong | cai thầu\n"
	"tien_luong | thu nhập\n"
	"tien_luong | tiền cọc\n"
	"thuong_tet | thưởng tết\n"
	"thuong_tet | thưởng + tết\n"
	"thuong_tet | tháng 13\n"
	"thuong_tet | lương tháng 13\n"
	"thuong_tet | tháng lương thứ 13\n"
	"thuong_tet | thưởng cuối năm\n"
	"thuong_tet | quà tết\n"
	"thuong_tet | tiền tết\n"
	"thuong_tet | lì xì\n"
	"thuong_tet | thưởng\n"
	"bhxh_phuc_loi | bảo hiểm xã hội\n"
	"bhxh_phuc_loi | bảo hiểm y tế\n"
	"bhxh_phuc_loi | bảo hiểm thất nghiệp\n"
	"bhxh_phuc_loi | sổ bảo hiểm\n"
	"bhxh_phuc_loi | chốt sổ\n"
	"bhxh_phuc_loi | trả sổ\n"
	"bhxh_phuc_loi | đóng bảo hiểm\n"
	"bhxh_phuc_loi | rút một lần\n"
	"bhxh_phuc_loi | bảo hiểm một lần\n"
	"bhxh_phuc_loi | lương hưu\n"
	"bhxh_phuc_loi | nghỉ hưu\n"
	"bhxh_phuc_loi | hưu trí\n"
	"bhxh_phuc_loi | thai sản\n"
	"bhxh_phuc_loi | ốm đau\n"
	"bhxh_phuc_loi | dưỡng sức\n"
	"bhxh_phuc_loi | trợ cấp thất nghiệp\n"
	"bhxh_phuc_loi | tử tuất\n"
	"bhxh_phuc_loi | mai táng\n"
	"bhxh_phuc_loi | thẻ bảo hiểm\n"
	"bhxh_phuc_loi | phúc lợi\n"
	"bhxh_phuc_loi | công đoàn hỗ trợ\n"
	"bhxh_phuc_loi | đoàn phí\n"
	"bhxh_phuc_loi | quỹ tương trợ\n"
	"bhxh_phuc_loi | chế độ\n"
	"an_toan | an toàn\n"
	"an_toan | an toàn lao động\n"
	"an_toan | tai nạn\n"
	"an_toan | tai nạn lao động\n"
	"an_toan | bị thương\n"
	"an_toan | thương tích\n"
	"an_toan | chết\n"
	"an_toan | tử vong\n"
	"an_toan | bị cháy\n"
	"an_toan | đám cháy\n"
	"an_toan | phát nổ\n"
	"an_toan | vụ nổ\n"
	"an_toan | cháy nổ\n"
	"an_toan | hỏa hoạn\n"
	"an_toan | sập giàn\n"
	"an_toan | đổ sập\n"
	"an_toan | điện giật\n"
	"an_toan | khí độc\n"
	"an_toan | rò rỉ\n"
	"an_toan | hóa chất\n"
	"an_toan | ngộ độc\n"
	"an_toan | nắng nóng\n"
	"an_toan | nóng bức\n"
	"an_toan | ngất\n"
	"an_toan | ngất xỉu\n"
	"an_toan | bỏng\n"
	"an_toan | cấp cứu\n"
	"an_toan | nhập viện\n"
	"an_toan | bệnh nghề nghiệp\n"
	"an_toan | bụi phổi\n"
	"an_toan | điếc nghề nghiệp\n"
	"an_toan | bảo hộ\n"
	"an_toan | độc hại\n"
	"an_toan | kẹt máy\n"
	"an_toan | máy cán\n"
	"an_toan | cụt tay\n"
	"an_toan | đứt tay\n"
	"an_toan | gãy chân\n"
	"an_toan | gãy tay\n"
	"khac | quấy rối\n"
	"khac | quấy rối tình dục\n"
	"khac | xúc phạm\n"
	"khac | lăng mạ\n"
	"khac | chửi bới\n"
	"khac | bị chửi\n"
	"khac | bị đánh\n"
	"khac | đánh đập\n"
	"khac | đánh hội đồng\n"
	"khac | hành hung\n"
	"khac | nhục mạ\n"
	"khac | làm nhục\n"
	"khac | khám xét\n"
	"khac | lục soát\n"
	"khac | đi vệ sinh\n"
	"khac | trù dập\n"
	"khac | lừa đảo\n"
	"khac | bạo hành\n"
	"khac | đe dọa\n"
	"khac | hăm dọa\n"
	"khac | sờ soạng\n"
	"khac | sàm sỡ\n"
	"khac | trêu ghẹo\n"
	"khac | gạ gẫm\n"
	"khac | gạ tình\n"
	"khac | tát\n"
	"khac | ném\n"
	"khac | quát tháo\n"
	"khac | chửi mắng\n"
	"khac | bắt nạt\n"
	"khac | phân biệt đối xử\n"
	"khac | gia nhập công đoàn\n"
	"khac | thành lập công đoàn\n"
	"khac | tín dụng đen\n"
	"khac | cho vay\n"
	"khac | chiếm đoạt\n"
	"khac | giúp việc\n"
	"khac | bêu tên\n"
	"khac | phạt quỳ\n"
	"khac | nhịn đói\n";

const char *lt_topic_code(int t)
{
	return t >= 0 && t < LT_TOPIC_COUNT ? codes[t] : NULL;
}

const char *lt_topic_name_vi(int t)
{
	return t >= 0 && t < LT_TOPIC_COUNT ? names_vi[t] : NULL;
}

const char *lt_topic_name_en(int t)
{
	return t >= 0 && t < LT_TOPIC_COUNT ? names_en[t] : NULL;
}

const char *const *lt_topic_codes(void)
{
	return codes;
}

int lt_topic_from_code(const char *code, size_t n)
{
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (strlen(codes[t]) == n && !memcmp(codes[t], code, n))
			return t;
	return -1;
}

const char *lt_topics_default_text(void)
{
	return default_text;
}

void lt_topics_init(lt_topic_rules *r, const char *const *labels, size_t nlabels,
		    int fallback, const lt_abbrev *ab)
{
	memset(r, 0, sizeof(*r));
	r->labels = labels;
	r->nlabels = nlabels < LT_TOPICS_MAX_LABELS ? nlabels : LT_TOPICS_MAX_LABELS;
	r->fallback = fallback;
	r->ab = ab;
}

void lt_topics_init_default(lt_topic_rules *r)
{
	lt_topics_init(r, codes, LT_TOPIC_COUNT, LT_TOPIC_KHAC, lt_abbrev_default());
}

static void rule_free(lt_topic_rule *x)
{
	free(x->tok);
	free(x->tokx);
	free(x->part);
	free(x->text);
}

void lt_topics_free(lt_topic_rules *r)
{
	for (size_t i = 0; i < r->n; i++)
		rule_free(&r->v[i]);
	free(r->v);
	free(r->by_first);
	free(r->next_same);
	r->v = NULL;
	r->by_first = r->next_same = NULL;
	r->n = r->cap = 0;
}

/*
 * Index the rules by their first syllable: by_first maps a syllable hash
 * (open addressing) to its first rule + 1, next_same chains the rules with
 * the same first syllable in rule order. Out of memory leaves no index
 * (matching then tries every rule).
 */
static void index_rules(lt_topic_rules *r)
{
	size_t slots = 64;

	free(r->by_first);
	free(r->next_same);
	r->by_first = r->next_same = NULL;
	while (slots < r->n * 2)
		slots *= 2;
	r->by_first = calloc(slots, sizeof(*r->by_first));
	r->next_same = calloc(r->n ? r->n : 1, sizeof(*r->next_same));
	if (!r->by_first || !r->next_same) {
		free(r->by_first);
		free(r->next_same);
		r->by_first = r->next_same = NULL;
		return;
	}
	r->by_mask = slots - 1;
	for (size_t i = r->n; i-- > 0;) {
		uint64_t h = r->v[i].first;
		size_t j = h & r->by_mask;
		while (r->by_first[j] && r->v[r->by_first[j] - 1].first != h)
			j = (j + 1) & r->by_mask;
		r->next_same[i] = r->by_first[j];
		r->by_first[j] = (uint32_t)(i + 1);
	}
}

static const char *trim(const char *s, size_t *n)
{
	while (*n && (*s == ' ' || *s == '\t'))
		s++, (*n)--;
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r'))
		(*n)--;
	return s;
}

/* Build rule x from label index, pattern (pn bytes) and weight. */
static int rule_make(const lt_topic_rules *r, int label, const char *pat, size_t pn,
		     double weight, size_t line, lt_topic_rule *x, lt_tokens *tok,
		     lt_error *e)
{
	size_t p0 = 0;
	int rc;

	memset(x, 0, sizeof(*x));
	x->label = label;
	x->weight = weight;
	x->line = line;
	x->text = strndup(pat, pn);
	if (!x->text)
		goto nomem;
	while (p0 <= pn) {
		size_t k = 0;
		uint64_t *nt;
		uint32_t *np;

		while (p0 + k < pn && pat[p0 + k] != '+')
			k++;
		rc = lt_tokenize(pat + p0, k, r->ab, tok);
		if (rc)
			goto nomem;
		if (!tok->n) {
			rule_free(x);
			return lt_error_set(e, LT_EINVAL, "rule",
					    "dòng %zu: mẫu trống hoặc thừa dấu +",
					    "line %zu: empty pattern or stray +", line);
		}
		nt = realloc(x->tok, (x->ntok + tok->n) * sizeof(*nt));
		if (!nt)
			goto nomem;
		x->tok = nt;
		nt = realloc(x->tokx, (x->ntok + tok->n) * sizeof(*nt));
		if (!nt)
			goto nomem;
		x->tokx = nt;
		np = realloc(x->part, (x->nparts + 1) * sizeof(*np));
		if (!np)
			goto nomem;
		x->part = np;
		for (size_t i = 0; i < tok->n; i++) {
			x->tokx[x->ntok] = tok->v[i].hx;
			x->tok[x->ntok++] = tok->v[i].h;
		}
		x->part[x->nparts++] = (uint32_t)tok->n;
		p0 += k + 1;
	}
	x->first = x->tok[0];
	return 0;
nomem:
	rule_free(x);
	return lt_error_set(e, LT_ENOMEM, "rule", "hết bộ nhớ", "out of memory");
}

static int push_rule(lt_topic_rules *r, lt_topic_rule *x)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		lt_topic_rule *p = realloc(r->v, cap * sizeof(*p));
		if (!p)
			return LT_ENOMEM;
		r->v = p;
		r->cap = cap;
	}
	r->v[r->n++] = *x;
	return 0;
}

static int find_label(const lt_topic_rules *r, const char *s, size_t n)
{
	for (size_t i = 0; i < r->nlabels; i++)
		if (strlen(r->labels[i]) == n && !memcmp(r->labels[i], s, n))
			return (int)i;
	return -1;
}

static int bad_weight(double w)
{
	return !isfinite(w) || w == 0 || w < -100 || w > 100;
}

int lt_topics_parse(lt_topic_rules *r, const char *s, size_t n, lt_error *e)
{
	size_t pos = 0, line = 0, n0 = r->n;
	lt_tokens tok;
	lt_topic_rule x;
	int rc = 0;

	lt_tokens_init(&tok);
	while (pos < n) {
		const char *ln = s + pos, *f[3];
		size_t len = 0, fl[3], nf = 0, k;
		double w = 1;
		int label;

		while (pos + len < n && s[pos + len] != '\n')
			len++;
		pos += len + 1;
		line++;
		ln = trim(ln, &len);
		if (!len || ln[0] == '#')
			continue;
		/* up to three fields separated by '|' or TAB */
		for (k = 0; nf < 4;) {
			size_t j = k;
			while (j < len && ln[j] != '|' && ln[j] != '\t')
				j++;
			if (nf < 3) {
				fl[nf] = j - k;
				f[nf] = trim(ln + k, &fl[nf]);
			}
			nf++;
			if (j >= len)
				break;
			k = j + 1;
		}
		if (nf < 2 || nf > 3) {
			rc = lt_error_set(e, LT_EINVAL, "rule",
					  "dòng %zu: cần dạng \"chủ đề | mẫu [| trọng số]\"",
					  "line %zu: expected \"topic | pattern [| weight]\"", line);
			goto fail;
		}
		label = find_label(r, f[0], fl[0]);
		if (label < 0) {
			rc = lt_error_set(e, LT_EINVAL, "rule", "dòng %zu: không có chủ đề \"%.*s\"",
					  "line %zu: unknown topic \"%.*s\"", line,
					  (int)(fl[0] > 64 ? 64 : fl[0]), f[0]);
			goto fail;
		}
		if (nf == 3) {
			char wb[32], *end;
			if (!fl[2] || fl[2] >= sizeof(wb))
				goto badw;
			memcpy(wb, f[2], fl[2]);
			wb[fl[2]] = '\0';
			w = strtod(wb, &end);
			if (*end || bad_weight(w))
				goto badw;
		}
		rc = rule_make(r, label, f[1], fl[1], w, line, &x, &tok, e);
		if (rc)
			goto fail;
		if (push_rule(r, &x)) {
			rule_free(&x);
			rc = lt_error_set(e, LT_ENOMEM, "rule", "hết bộ nhớ", "out of memory");
			goto fail;
		}
		continue;
badw:
		rc = lt_error_set(e, LT_EINVAL, "rule",
				  "dòng %zu: trọng số phải là số khác 0 từ -100 đến 100",
				  "line %zu: the weight must be a non-zero number from -100 to 100",
				  line);
		goto fail;
	}
	lt_tokens_free(&tok);
	index_rules(r);
	return 0;
fail:
	while (r->n > n0)
		rule_free(&r->v[--r->n]);
	index_rules(r);
	lt_tokens_free(&tok);
	return rc;
}

int lt_topics_add(lt_topic_rules *r, const char *code, const char *pattern,
		  double weight, lt_error *e)
{
	lt_tokens tok;
	lt_topic_rule x;
	int label = find_label(r, code, strlen(code)), rc;

	if (label < 0)
		return lt_error_set(e, LT_EINVAL, "topic", "không có chủ đề \"%.64s\"",
				    "unknown topic \"%.64s\"", code);
	if (bad_weight(weight))
		return lt_error_set(e, LT_EINVAL, "weight",
				    "trọng số phải là số khác 0 từ -100 đến 100",
				    "the weight must be a non-zero number from -100 to 100");
	lt_tokens_init(&tok);
	rc = rule_make(r, label, pattern, strlen(pattern), weight, 0, &x, &tok, e);
	lt_tokens_free(&tok);
	if (rc)
		return rc;
	if (push_rule(r, &x)) {
		rule_free(&x);
		return lt_error_set(e, LT_ENOMEM, "rule", "hết bộ nhớ", "out of memory");
	}
	index_rules(r);
	return 0;
}

/*
 * Where each syllable of a message occurs: an open-addressing table from a
 * syllable's hash to its first position, and a chain to the next position
 * of the same syllable. A rule phrase is then checked only where its first
 * syllable stands, so hundreds of rules cost little per message. Messages
 * longer than IDX_MAX syllables are scanned instead.
 */
#define IDX_MAX 512
#define IDX_SLOTS 1024

typedef struct tindex {
	uint16_t head[IDX_SLOTS]; /* position + 1, 0 = empty */
	uint16_t next[IDX_MAX];   /* position + 1 of the same syllable further on */
	size_t mask;              /* slots in use - 1: a short message clears few */
} tindex;

static void index_fill(tindex *x, const lt_tokens *t)
{
	size_t slots = 64;

	while (slots < t->n * 2)
		slots *= 2;
	x->mask = slots - 1;
	memset(x->head, 0, slots * sizeof(x->head[0]));
	for (size_t i = t->n; i-- > 0;) {
		size_t j = t->v[i].h & x->mask;
		while (x->head[j] && t->v[x->head[j] - 1].h != t->v[i].h)
			j = (j + 1) & x->mask;
		x->next[i] = x->head[j];
		x->head[j] = (uint16_t)(i + 1);
	}
}

/* First position + 1 of syllable h, or 0. */
static size_t index_first(const tindex *x, const lt_tokens *t, uint64_t h)
{
	size_t j = h & x->mask;

	while (x->head[j] && t->v[x->head[j] - 1].h != h)
		j = (j + 1) & x->mask;
	return x->head[j];
}

/*
 * Syllable a of a message matches syllable (h, hx) of a pattern when they
 * fold alike and, if both were written with diacritics, these agree too:
 * "bỏng" matches "bong" and "BỎNG" but not "bóng" (a ball).
 */
static int same_syllable(const lt_tok *a, uint64_t h, uint64_t hx)
{
	return a->h == h && (a->hx == a->h || hx == h || a->hx == hx);
}

static int phrase_at(const lt_tokens *t, size_t i, const uint64_t *p, const uint64_t *px,
		     size_t k)
{
	size_t j = 0;

	if (i + k > t->n)
		return 0;
	while (j < k && same_syllable(&t->v[i + j], p[j], px[j]))
		j++;
	return j == k;
}

static int has_phrase(const lt_tokens *t, const tindex *x, const uint64_t *p,
		      const uint64_t *px, size_t k)
{
	if (x) {
		for (size_t o = index_first(x, t, p[0]); o; o = x->next[o - 1])
			if (phrase_at(t, o - 1, p, px, k))
				return 1;
		return 0;
	}
	for (size_t i = 0; i + k <= t->n; i++)
		if (phrase_at(t, i, p, px, k))
			return 1;
	return 0;
}

static int rule_hits(const lt_topic_rule *x, const lt_tokens *t, const tindex *ix)
{
	const uint64_t *p = x->tok, *px = x->tokx;

	if (ix && !index_first(ix, t, x->first))
		return 0;
	for (size_t i = 0; i < x->nparts; i++) {
		if (!has_phrase(t, ix, p, px, x->part[i]))
			return 0;
		p += x->part[i];
		px += x->part[i];
	}
	return 1;
}

#define HITS_MAX 8192 /* rules that the indexed match handles */

/* Mark in hit[] the rules that match t, found from t's syllables through the index. */
static void indexed_hits(const lt_topic_rules *r, const lt_tokens *t, const tindex *ix,
			 uint64_t *hit)
{
	memset(hit, 0, ((r->n + 63) / 64) * sizeof(*hit));
	for (size_t i = 0; i < t->n; i++) {
		uint64_t h = t->v[i].h;
		size_t j = h & r->by_mask;
		if (index_first(ix, t, h) != i + 1)
			continue; /* the syllable's rules were tried at its first place */
		while (r->by_first[j] && r->v[r->by_first[j] - 1].first != h)
			j = (j + 1) & r->by_mask;
		for (uint32_t k = r->by_first[j]; k; k = r->next_same[k - 1])
			if (rule_hits(&r->v[k - 1], t, ix))
				hit[(k - 1) >> 6] |= 1ULL << ((k - 1) & 63);
	}
}

static void add_rule(const lt_topic_rules *r, size_t i, double *score, lt_topic_match *m,
		     size_t max, size_t *nm)
{
	score[r->v[i].label] += r->v[i].weight;
	if (m && *nm < max) {
		m[*nm].rule = i;
		m[*nm].label = r->v[i].label;
	}
	(*nm)++;
}

/* Add the weights of r's matching rules to score[]; record matches, in rule order. */
static void score_rules(const lt_topic_rules *r, const lt_tokens *t, double *score,
			lt_topic_match *m, size_t max, size_t *nm)
{
	tindex ix;
	const tindex *px = t->n <= IDX_MAX ? &ix : NULL;
	uint64_t hit[HITS_MAX / 64];
	int indexed = px && r->by_first && r->n <= HITS_MAX;

	if (px)
		index_fill(&ix, t);
	if (indexed) {
		/* only the set bits, in rule order: a message hits few rules */
		indexed_hits(r, t, &ix, hit);
		for (size_t w = 0; w < (r->n + 63) / 64; w++)
			for (uint64_t b = hit[w]; b; b &= b - 1)
				add_rule(r, w * 64 + (size_t)__builtin_ctzll(b), score, m, max, nm);
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		if (rule_hits(&r->v[i], t, px))
			add_rule(r, i, score, m, max, nm);
}

static uint32_t to_mask(const lt_topic_rules *r, const double *score)
{
	uint32_t mask = 0;

	for (size_t c = 0; c < r->nlabels; c++)
		if (score[c] >= 1.0 - 1e-9)
			mask |= 1u << c;
	if (!mask && r->fallback >= 0)
		mask = 1u << r->fallback;
	return mask;
}

uint32_t lt_topics_apply(const lt_topic_rules *r, const lt_tokens *t,
			 lt_topic_match *m, size_t max, size_t *nm)
{
	double score[LT_TOPICS_MAX_LABELS] = { 0 };
	size_t k = 0;

	score_rules(r, t, score, m, max, &k);
	if (nm)
		*nm = k < max ? k : max;
	return to_mask(r, score);
}

int lt_topics_apply_text(const lt_topic_rules *r, const char *text, size_t n,
			 lt_tokens *tok, uint32_t *labels, lt_topic_match *m,
			 size_t max, size_t *nm)
{
	int rc = lt_tokenize(text, n, r->ab, tok);

	if (rc)
		return rc;
	*labels = lt_topics_apply(r, tok, m, max, nm);
	return 0;
}

int lt_topics_diff(const lt_topic_rules *r, const char *rule_text,
		   const char *const *msgs, size_t n, lt_topic_change **out,
		   size_t *nout, lt_error *e)
{
	lt_topic_rules add;
	lt_tokens tok;
	lt_topic_change *v = NULL;
	size_t nv = 0, cap = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	lt_topics_init(&add, r->labels, r->nlabels, r->fallback, r->ab);
	lt_tokens_init(&tok);
	rc = lt_topics_parse(&add, rule_text, strlen(rule_text), e);
	if (rc)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		double score[LT_TOPICS_MAX_LABELS] = { 0 };
		uint32_t before, after;
		size_t k = 0;

		if (lt_tokenize(msgs[i], strlen(msgs[i]), r->ab, &tok))
			goto nomem;
		score_rules(r, &tok, score, NULL, 0, &k);
		before = to_mask(r, score);
		score_rules(&add, &tok, score, NULL, 0, &k);
		after = to_mask(r, score);
		if (before == after)
			continue;
		if (nv == cap) {
			size_t nc = cap ? cap * 2 : 16;
			lt_topic_change *p = realloc(v, nc * sizeof(*p));
			if (!p)
				goto nomem;
			v = p;
			cap = nc;
		}
		v[nv].index = i;
		v[nv].before = before;
		v[nv].after = after;
		nv++;
	}
	*out = v;
	*nout = nv;
	v = NULL;
	goto fail;
nomem:
	rc = lt_error_set(e, LT_ENOMEM, "rule", "hết bộ nhớ", "out of memory");
fail:
	free(v);
	lt_topics_free(&add);
	lt_tokens_free(&tok);
	return rc;
}
