#!/usr/bin/env python3
"""Validate the worker-feedback corpus in this folder and print its counts.

Usage: python3 data/feedback/check.py [folder]
Checks: one valid JSON object per line with the expected fields and types; known topic codes;
0-2 secondary topics, distinct and different from the main topic; urgency_reason present iff
urgent; unique ids across all files; no exact or near-identical texts (word-trigram Jaccard);
`site` equals the canonical site of `source_url` (see SITE_ALIASES); no site on two sides
(train / dev / holdout / holdout2 … holdout6); size and coverage requirements. holdout2.jsonl … holdout6.jsonl
(further out-of-corpus sets, each from sites in none of the other files) are optional; when present, holdout2 must
hold >= 60, holdout3 and holdout4 >= 50, holdout5 >= 25, holdout6 >= 30 (MIN_OPTIONAL).
Exits 1 on any error.
Standard library only.
"""
import json, os, re, sys, unicodedata
from collections import Counter, defaultdict
from urllib.parse import urlparse

TOPICS = ["tien_luong", "thuong_tet", "viec_lam", "bhxh_phuc_loi", "doi_song", "an_toan", "khac"]
FILES = ["train.jsonl", "dev.jsonl", "holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl", "holdout4.jsonl",
         "holdout5.jsonl", "holdout6.jsonl"]
# The later out-of-corpus sets are optional; when present each must hold at least this many messages.
MIN_OPTIONAL = {"holdout2.jsonl": 60, "holdout3.jsonl": 50, "holdout4.jsonl": 50, "holdout5.jsonl": 25,
                "holdout6.jsonl": 30}
OPTIONAL = set(MIN_OPTIONAL)
KEYS = ["id", "text", "topic", "secondary", "urgent", "urgency_reason", "source_url", "site"]
NEAR_DUP = 0.6          # word-trigram Jaccard at or above this = near-identical
MIN_TOPIC, MIN_KHAC = 80, 40

# Domains of one publisher (or mirrors of it) are one site, so they never straddle a split.
SITE_ALIASES = {
    "laodong.com.vn": "laodong.vn", "congdoanvietnam.vn": "laodong.vn", "congdoan.vn": "laodong.vn",
    "lawnet.vn": "thuvienphapluat.vn", "thukyluat.vn": "thuvienphapluat.vn", "thuvienphapluat.com": "thuvienphapluat.vn",
    "sggpnews.org.vn": "sggp.org.vn", "thanhniennews.com": "thanhnien.vn", "tuoitrenews.vn": "tuoitre.vn",
    "infonet.vn": "vietnamnet.vn", "vnexpressnews.net": "vnexpress.net", "ngoisao.net": "vnexpress.net",
    "baomoi.net.vn": "baomoi.com", "epicdn.me": "kienthuc.net.vn", "vtvgo.vn": "vtv.vn", "vovworld.vn": "vov.vn",
    "vovgiaothong.vn": "vov.vn", "nhandan.org.vn": "nhandan.vn", "doisongphapluat.com": "nguoiduatin.vn",
    "doisongphapluat.com.vn": "nguoiduatin.vn", "baovinhlong.com.vn": "baovinhlong.vn", "zingnews.vn": "znews.vn",
    "danviet.com": "danviet.vn", "luatduonggia.edu.vn": "luatduonggia.vn", "lozaph.com": "laodongcongdoan.vn",
    "tinbong247news.net": "laodongthudo.vn", "thanhnien.com.vn": "thanhnien.vn", "congtytui.info": "congtytui.com",
}
# Registrable names under which subdomains fold into the parent site.
PARENTS = ["laodong.vn", "nld.com.vn", "vnexpress.net", "vietnamnet.vn", "thuvienphapluat.vn", "baotintuc.vn",
           "suckhoedoisong.vn", "baomoi.com", "laodongcongdoan.vn", "sggp.org.vn", "vietnamplus.vn", "vss.gov.vn",
           "vietnam.vn", "vnanet.vn", "kienthuc.net.vn", "dantri.com.vn", "reuters.com", "cand.com.vn", "laodongthudo.vn",
           "thanhnien.vn", "tuoitre.vn", "plo.vn", "baonghean.vn", "vtv.vn", "docnhanh.vn", "24h.com.vn", "nhandan.vn",
           "tienphong.vn", "vov.vn", "kinhtedothi.vn", "nguoiduatin.vn", "giaoduc.edu.vn", "congdoan.vn", "congdoanvietnam.vn",
           "lawnet.vn", "thukyluat.vn", "thuvienphapluat.com", "japantoday.com", "afamily.vn",
           "anninhthudo.vn", "baogialai.com.vn", "baohaiduong.vn", "baophapluat.vn", "baovinhlong.vn", "btv.org.vn",
           "congan.nghean.gov.vn", "danviet.vn", "luatduonggia.vn", "reatimes.vn", "soha.vn", "thanhhoa24h.net.vn",
           "vtcnews.vn", "znews.vn"] + list(SITE_ALIASES)
PREFIX = re.compile(r"^(www|m|amp|lite|en|fr|ja|ko|es|vi|news|betaen|betav3|cdnweb|cms|bk|ca|cn|old|mthi)\.")

def canonical_site(url):
    h = (urlparse(url).hostname or "").lower().rstrip(".")
    if re.match(r"^118\.69\.\d+\.\d+$", h):      # IP mirrors of thuvienphapluat.vn
        return "thuvienphapluat.vn"
    h = PREFIX.sub("", h)
    for p in sorted(PARENTS, key=len, reverse=True):
        if h == p or h.endswith("." + p):
            return SITE_ALIASES.get(p, p)
    return SITE_ALIASES.get(h, h)

VIET = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
ABBR = re.compile(r"\b(ko|k|cty|dc|đc|bhxh|bhyt|lg|hđ|hđld|nld|cn|gđ|j|r|v|vs|ntn|bn|e|mk|ace|tr|trc|bít)\b")

def fold(s):
    s = s.lower().replace("đ", "d")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return re.findall(r"[a-z0-9]+", s)

def shingles(s):
    w = fold(s)
    return {" ".join(w[i:i + 3]) for i in range(max(1, len(w) - 2))}

def informal(text):
    return not VIET.search(text) or len(ABBR.findall(text)) >= 2

def main(folder):
    errors, rows = [], []
    for fn in FILES:
        path = os.path.join(folder, fn)
        if not os.path.exists(path):
            if fn not in OPTIONAL: errors.append(f"missing {fn}")
            continue
        with open(path, encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                where = f"{fn}:{ln}"
                if not line.strip():
                    errors.append(f"{where}: empty line"); continue
                try:
                    o = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append(f"{where}: invalid JSON ({e})"); continue
                if not isinstance(o, dict) or list(o) != KEYS:
                    errors.append(f"{where}: keys must be exactly {KEYS}"); continue
                if not re.fullmatch(r"lf-\d{4}", str(o["id"])): errors.append(f"{where}: bad id {o['id']!r}")
                t = o["text"]
                if not isinstance(t, str) or not 15 <= len(t) <= 700: errors.append(f"{where}: text missing or length out of 15..700")
                if o["topic"] not in TOPICS: errors.append(f"{where}: unknown topic {o['topic']!r}")
                sec = o["secondary"]
                if not isinstance(sec, list) or len(sec) > 2 or len(set(sec)) != len(sec) or any(s not in TOPICS for s in sec) or o["topic"] in sec:
                    errors.append(f"{where}: bad secondary {sec!r}")
                if not isinstance(o["urgent"], bool): errors.append(f"{where}: urgent must be true/false")
                ur = o["urgency_reason"]
                if o["urgent"] is True and not (isinstance(ur, str) and ur.strip()): errors.append(f"{where}: urgent without urgency_reason")
                if o["urgent"] is False and ur is not None: errors.append(f"{where}: urgency_reason must be null when not urgent")
                if not re.match(r"^https?://", str(o["source_url"])): errors.append(f"{where}: bad source_url")
                elif o["site"] != canonical_site(o["source_url"]):
                    errors.append(f"{where}: site {o['site']!r} != canonical {canonical_site(o['source_url'])!r}")
                o["_file"], o["_where"] = fn, where
                rows.append(o)
    # unique ids
    for i, n in Counter(r["id"] for r in rows).items():
        if n > 1: errors.append(f"duplicate id {i} ({n}x)")
    # near-identical texts
    sh = [shingles(r["text"]) for r in rows]
    index = defaultdict(set)
    for k, s in enumerate(sh):
        for g in s: index[g].add(k)
    seen = set()
    for k, s in enumerate(sh):
        cand = set()
        for g in s: cand |= index[g]
        for j in cand:
            if j <= k or (k, j) in seen: continue
            seen.add((k, j))
            jac = len(s & sh[j]) / len(s | sh[j])
            if jac >= NEAR_DUP:
                errors.append(f"near-identical texts ({jac:.2f}): {rows[k]['_where']} {rows[j]['_where']}")
    # sites on one side only
    sides = defaultdict(set)
    for r in rows: sides[r["site"]].add(r["_file"])
    for s, fs in sorted(sides.items()):
        if len(fs) > 1: errors.append(f"site {s} appears in {sorted(fs)}")
    # counts
    by = defaultdict(list)
    for r in rows: by[r["_file"]].append(r)
    hdr = ["split", "msgs", "sites"] + TOPICS + ["urgent", "not_urg", "informal"]
    table = []
    present = [fn for fn in FILES if fn not in OPTIONAL or by[fn]]
    for fn in present + ["all"]:
        rs = rows if fn == "all" else by[fn]
        c = Counter(r["topic"] for r in rs)
        u = sum(r["urgent"] for r in rs)
        table.append([fn.replace(".jsonl", ""), len(rs), len({r['site'] for r in rs})] + [c[t] for t in TOPICS] + [u, len(rs) - u, sum(informal(r["text"]) for r in rs)])
    w = [max(len(str(x)) for x in col) for col in zip(hdr, *table)]
    fmt = lambda row: "| " + " | ".join(str(x).rjust(n) for x, n in zip(row, w)) + " |"
    print(fmt(hdr)); print("|" + "|".join("-" * (n + 1) + ":" for n in w) + "|")
    for row in table: print(fmt(row))
    # urgent messages per topic and split
    hdr2 = ["urgent by topic"] + TOPICS + ["with secondary"]
    t2 = []
    for fn in present + ["all"]:
        rs = rows if fn == "all" else by[fn]
        cu = Counter(r["topic"] for r in rs if r["urgent"])
        t2.append([fn.replace(".jsonl", "")] + [cu[t] for t in TOPICS] + [sum(1 for r in rs if r["secondary"])])
    w2 = [max(len(str(x)) for x in col) for col in zip(hdr2, *t2)]
    fmt2 = lambda row: "| " + " | ".join(str(x).rjust(n) for x, n in zip(row, w2)) + " |"
    print(); print(fmt2(hdr2)); print("|" + "|".join("-" * (n + 1) + ":" for n in w2) + "|")
    for row in t2: print(fmt2(row))
    # requirements
    tr, dv, ho = len(by["train.jsonl"]), len(by["dev.jsonl"]), len(by["holdout.jsonl"])
    if tr + dv < 1100: errors.append(f"train+dev has {tr + dv} messages, need >= 1100")
    if ho != 120: errors.append(f"holdout has {ho} messages, need 120")
    for fn, need in MIN_OPTIONAL.items():
        n = len(by[fn])
        if fn in present and n < need: errors.append(f"{fn[:-6]} has {n} messages, need >= {need}")
    if tr + dv and not 0.20 <= dv / (tr + dv) <= 0.30: errors.append(f"dev share {dv / (tr + dv):.2f} outside 0.20..0.30")
    allc = Counter(r["topic"] for r in rows)
    for t in TOPICS:
        need = MIN_KHAC if t == "khac" else MIN_TOPIC
        if allc[t] < need: errors.append(f"topic {t} has {allc[t]} messages, need >= {need}")
    for fn in present:
        c = Counter(r["topic"] for r in by[fn]); u = {r["urgent"] for r in by[fn]}
        miss = [t for t in TOPICS if c[t] == 0]
        if miss and fn not in OPTIONAL: errors.append(f"{fn} lacks topics {miss}")
        if u != {True, False}: errors.append(f"{fn} lacks one urgency value")
    inf = sum(informal(r["text"]) for r in rows) / max(1, len(rows))
    print(f"\n{len(rows)} messages, {len(sides)} sites; informal (no diacritics or texting abbreviations): {inf:.1%}; "
          f"urgent: {sum(r['urgent'] for r in rows) / max(1, len(rows)):.1%}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors[:200]: print("  " + e)
        return 1
    print("OK: no errors")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
