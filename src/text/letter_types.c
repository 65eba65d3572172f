/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_types.c — the document types a letter names: the type line
 * ("KẾ HOẠCH", "THÔNG TƯ LIÊN TỊCH"), the code in its symbol ("QĐ-UBND" →
 * quyết định), a type line cut short ("THÔNG" under a TT- number) and
 * whether a line sits right under a type name.
 */
#include <string.h>

#include "text/letter_int.h"

static const char *const doc_types[] = {
	"ke hoach", "thong bao", "quyet dinh", "huong dan", "bao cao", "to trinh",
	"chuong trinh", "chi thi", "nghi quyet", "giay moi", "cong van", "ket luan",
	"quy che", "quy dinh", "thu moi", "thu ngo", "loi keu goi", "phuong an", "de an",
	"thong tu", "thong tu lien tich", "thong tu lien bo", "nghi dinh", "cong dien",
	"bien ban", "thong tri", "giay gioi thieu", "giay uy quyen", "giay nghi phep",
	"ban ghi nho", "ban thoa thuan", "phieu gui", "phieu chuyen", "phieu bao",
	"nghi quyet lien tich", "chuong trinh lien tich", "ke hoach lien tich",
	"huong dan lien tich", "thong tri lien tich", NULL
};

/* doc_types as written, same order. */
static const char *const doc_type_names[] = {
	"kế hoạch", "thông báo", "quyết định", "hướng dẫn", "báo cáo", "tờ trình",
	"chương trình", "chỉ thị", "nghị quyết", "giấy mời", "công văn", "kết luận",
	"quy chế", "quy định", "thư mời", "thư ngỏ", "lời kêu gọi", "phương án", "đề án",
	"thông tư", "thông tư liên tịch", "thông tư liên bộ", "nghị định", "công điện",
	"biên bản", "thông tri", "giấy giới thiệu", "giấy ủy quyền", "giấy nghỉ phép",
	"bản ghi nhớ", "bản thỏa thuận", "phiếu gửi", "phiếu chuyển", "phiếu báo",
	"nghị quyết liên tịch", "chương trình liên tịch", "kế hoạch liên tịch",
	"hướng dẫn liên tịch", "thông tri liên tịch", NULL
};

/* a and b equal once their spaces are dropped */
static bool same_unspaced(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
	}
}

/*
 * The type a line names; a name that text extraction broke at a lone letter
 * ("K ÉT LUẬN", folded "k et luan") is read once its spaces are dropped.
 */
const char *lt_letter_doc_type(const char *f)
{
	bool lone = (f[0] && f[1] == ' ');

	for (size_t i = 0; f[i] && !lone; i++)
		lone = f[i] == ' ' && f[i + 1] && (f[i + 2] == ' ' || !f[i + 2]);
	for (size_t i = 0; doc_types[i]; i++)
		if (!strcmp(f, doc_types[i]) || (lone && same_unspaced(f, doc_types[i])))
			return doc_type_names[i];
	return NULL;
}

/*
 * A line that opens with a type name and goes on with its title ("thong bao
 * hoan trai he quan su"): the folded length of the longest such name and its
 * space, when two or more words follow and they do not join a second type
 * with "và"; 0 otherwise.
 */
size_t lt_letter_type_prefix(const char *f, const char **name)
{
	size_t best = 0, k;

	for (size_t i = 0; doc_types[i]; i++) {
		k = strlen(doc_types[i]);
		if (k > best && !strncmp(f, doc_types[i], k) && f[k] == ' ') {
			best = k;
			*name = doc_type_names[i];
		}
	}
	/* "QUY ĐỊNH VÀ HƯỚNG DẪN": two type names joined, no title */
	if (!best || lt_letter_words(f + best + 1, strlen(f + best + 1)) < 2 ||
	    !strncmp(f + best + 1, "va ", 3))
		return 0;
	return best + 1;
}

/* The type a code names ("QĐ" → quyết định), k bytes of code; or NULL. */
static const char *code_type(const char *code, size_t k)
{
	static const struct {
		const char *code, *name;
	} codes[] = {
		{ "QĐ", "quyết định" }, { "KH", "kế hoạch" }, { "TB", "thông báo" },
		{ "HD", "hướng dẫn" }, { "BC", "báo cáo" }, { "TTr", "tờ trình" },
		{ "CTr", "chương trình" }, { "CT", "chỉ thị" }, { "NQ", "nghị quyết" },
		{ "GM", "giấy mời" }, { "CV", "công văn" }, { "KL", "kết luận" },
		{ "QC", "quy chế" }, { "PA", "phương án" }, { "ĐA", "đề án" },
		{ "TT", "thông tư" }, { "TTLT", "thông tư liên tịch" }, { "NĐ", "nghị định" },
		{ "BB", "biên bản" }, { "GGT", "giấy giới thiệu" }, { "GUQ", "giấy ủy quyền" },
		{ "NQLT", "nghị quyết liên tịch" }, { "KHLT", "kế hoạch liên tịch" },
		{ "HDLT", "hướng dẫn liên tịch" },
	};

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strlen(codes[i].code) == k && !strncmp(code, codes[i].code, k))
			return codes[i].name;
	return NULL;
}

/*
 * The type a symbol names before its first "-": "QĐ-UBND" → quyết định. An
 * old-style symbol with no "-" ("6-LĐ/TT") names it after its last "/".
 */
const char *lt_letter_symbol_type(const char *sym)
{
	const char *d = sym ? strchr(sym, '-') : NULL, *sl;

	if (d)
		return code_type(sym, (size_t)(d - sym));
	if (!sym || !(sl = strrchr(sym, '/')))
		return NULL;
	return code_type(sl + 1, strlen(sl + 1));
}

/*
 * A type line cut short ("THÔNG" where the page lost "TƯ"): one word in
 * capitals that begins the name of the type the symbol gives (TT- → thông tư).
 */
bool lt_letter_cut_type(const lt_letter *l, const char *f)
{
	const char *name = lt_letter_symbol_type(l->symbol);
	size_t k = strlen(f);

	if (!name || !k || strchr(f, ' '))
		return false;
	for (size_t i = 0; doc_types[i]; i++)
		if (!strcmp(doc_type_names[i], name))
			return !strncmp(doc_types[i], f, k) && doc_types[i][k] == ' ';
	return false;
}

/* The nearest line above line i that is not blank is a type name alone. */
bool lt_letter_under_type_line(const lt_lctx *c, size_t i)
{
	char f[40];
	size_t n;

	while (i && c->lines[i - 1].blank)
		i--;
	if (!i || !lt_letter_word_upper(c->lines[i - 1].s, c->lines[i - 1].n))
		return false;
	n = c->lines[i - 1].fn < sizeof(f) - 1 ? c->lines[i - 1].fn : sizeof(f) - 1;
	memcpy(f, c->lines[i - 1].f, n);
	f[n] = '\0';
	lt_letter_rstrip(f, ":.");
	return lt_letter_doc_type(f) != NULL;
}
