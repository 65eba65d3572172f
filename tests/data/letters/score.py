#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Field accuracy of the letter parser on letters with known fields.

Usage: score.py [--lantoa PATH] [--min PCT] [--json OUT] DIR [DIR ...]

Every NAME.txt in DIR that has a NAME.json beside it is run through
`lantoa directive parse NAME.txt --json`; the parser's output is compared,
field by field, with NAME.json (the fields a careful reader takes off the
letter; see real/README.md for their meaning). Only the fields present in
NAME.json are scored; keys starting with "_" are notes and never scored.

Comparison rules:
  - strings: Unicode NFC, white space collapsed, trailing ". ; , :" dropped;
    "number" and "symbol" also ignore white space and read "–" "—" as "-";
  - lists of strings (recipients, cc, deadlines): compared as sets of
    entries, each normalised as above (a trailing "…" fill-in is dropped too);
  - signer.authorities: an ordered list of {"authority", "for"} pairs;
  - a field the parser does not output counts as null (or an empty list).

Prints, per letter, the fields right out of the fields scored and the misses
(expected / got, or the missing and extra entries of a list); then the
accuracy per field and overall, overall again on the fields the parser
outputs today, and the entry-level recall and precision of the list fields.
Exits 1 when --min PCT is given and the overall accuracy is below it, 2 on a
usage error or when no letter was found; python3 standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
LIST_FIELDS = {"recipients", "cc", "deadlines"}
TRAIL = ".;,:"


def norm(s):
    """NFC, white space collapsed, trailing punctuation dropped; None stays None."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s))
    s = re.sub(r"\s+", " ", s).strip()
    return s.rstrip(TRAIL + " ") or None


def norm_number(s):
    s = norm(s)
    if s is None:
        return None
    s = re.sub(r"\s+", "", s)
    return re.sub("[\u2010\u2011\u2012\u2013\u2014\u2212]", "-", s)


def norm_entry(s):
    s = norm(s)
    if s is None:
        return None
    return s.rstrip(TRAIL + "\u2026 ") or None


def norm_prefix(p):
    """'KT' / 'kt.' / 'TM/' -> 'KT.' / 'TM.'; None stays None."""
    p = norm(p)
    if p is None:
        return None
    return p.rstrip("./").upper() + "."


def get(obj, path):
    for key in path.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def leaves(expected, prefix=""):
    """Dotted paths of the scored fields of an expected object."""
    for key, val in expected.items():
        if key.startswith("_"):
            continue
        path = prefix + key
        if isinstance(val, dict):
            yield from leaves(val, path + ".")
        else:
            yield path, val


def compare(path, want, got):
    """(right, detail) for one field; detail says what differs."""
    field = path.split(".")[-1]
    if field in LIST_FIELDS:
        w = {norm_entry(x) for x in (want or [])} - {None}
        g = {norm_entry(x) for x in (got or []) if isinstance(x, str)} - {None}
        if w == g:
            return True, None
        return False, {"missing": sorted(w - g), "extra": sorted(g - w)}
    if field == "authorities":
        def pairs(v):
            return [(norm_prefix(a.get("authority")), norm(a.get("for")))
                    for a in (v or []) if isinstance(a, dict)]
        w, g = pairs(want), pairs(got)
        return w == g, None if w == g else {"expected": w, "got": g}
    if field in ("number", "symbol"):
        w, g = norm_number(want), norm_number(got)
    else:
        w, g = norm(want), norm(got)
    return w == g, None if w == g else {"expected": w, "got": g}


def parse(lantoa, path):
    """The parser's JSON for one letter, or (None, error text)."""
    try:
        p = subprocess.run([lantoa, "directive", "parse", path, "--json"],
                           capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace").strip() or f"exit {p.returncode}"
    try:
        return json.loads(p.stdout.decode("utf-8")), None
    except ValueError as e:
        return None, f"not JSON: {e}"


def letters(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            base = os.path.join(folder, name[:-4])
            if os.path.exists(base + ".json"):
                yield base


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    ap.add_argument("--lantoa", default=os.path.join(ROOT, "build", "lantoa"))
    ap.add_argument("--min", type=float, default=None, metavar="PCT")
    ap.add_argument("--json", default=None, metavar="OUT")
    args = ap.parse_args()
    if not os.access(args.lantoa, os.X_OK):
        print(f"score.py: {args.lantoa} is not an executable; build it first "
              "(meson setup build --werror && ninja -C build) or pass --lantoa PATH",
              file=sys.stderr)
        return 2
    for folder in args.dirs:
        if not os.path.isdir(folder):
            print(f"score.py: {folder}: not a folder", file=sys.stderr)
            return 2

    per_field = {}   # path -> [right, total]
    outputs = set()  # dotted paths the parser printed at least once
    entries = {}     # list field -> [matched, expected, produced]
    rows = []
    for folder in args.dirs:
        for base in letters(folder):
            name = os.path.relpath(base, os.path.dirname(os.path.abspath(folder)))
            with open(base + ".json", encoding="utf-8") as f:
                expected = json.load(f)
            out, err = parse(args.lantoa, base + ".txt")
            if out is not None:
                outputs.update(p for p, _ in leaves(out))
            misses, right, total = [], 0, 0
            for path, want in leaves(expected):
                got = get(out, path) if out is not None else None
                ok, detail = compare(path, want, got)
                total += 1
                right += ok
                cell = per_field.setdefault(path, [0, 0])
                cell[0] += ok
                cell[1] += 1
                if path.split(".")[-1] in LIST_FIELDS:
                    w = {norm_entry(x) for x in (want or [])} - {None}
                    g = {norm_entry(x) for x in (got or []) if isinstance(x, str)} - {None}
                    e = entries.setdefault(path, [0, 0, 0])
                    e[0] += len(w & g)
                    e[1] += len(w)
                    e[2] += len(g)
                if not ok:
                    misses.append({"field": path, **(detail or {})})
            rows.append({"letter": name, "right": right, "total": total,
                         "error": err, "misses": misses})
    if not rows:
        print("score.py: no NAME.txt with a NAME.json in " + ", ".join(args.dirs),
              file=sys.stderr)
        return 2

    for r in rows:
        pct = 100.0 * r["right"] / r["total"] if r["total"] else 100.0
        print(f"{r['letter']:<52} {r['right']:>2}/{r['total']:<2} {pct:5.1f}%")
        if r["error"]:
            print(f"    ! parser failed: {r['error']}")
        for m in r["misses"]:
            if "missing" in m:
                print(f"    - {m['field']}: missing {json.dumps(m['missing'], ensure_ascii=False)}"
                      f" extra {json.dumps(m['extra'], ensure_ascii=False)}")
            else:
                print(f"    - {m['field']}: expected {json.dumps(m['expected'], ensure_ascii=False)}"
                      f" got {json.dumps(m['got'], ensure_ascii=False)}")

    print("\nper field:")
    for path in sorted(per_field):
        r, t = per_field[path]
        tag = "" if path in outputs else "   (not in the parser's output)"
        print(f"  {path:<20} {r:>3}/{t:<3} {100.0 * r / t:5.1f}%{tag}")
    right = sum(r["right"] for r in rows)
    total = sum(r["total"] for r in rows)
    overall = 100.0 * right / total
    print(f"\noverall: {right}/{total} fields = {overall:.1f}% on {len(rows)} letters")
    have = [p for p in per_field if p in outputs]
    hr = sum(per_field[p][0] for p in have)
    ht = sum(per_field[p][1] for p in have)
    if ht and ht != total:
        print(f"on the fields the parser outputs today: {hr}/{ht} = {100.0 * hr / ht:.1f}%")
    for path in sorted(entries):
        m, w, g = entries[path]
        rec = f"{100.0 * m / w:.1f}%" if w else "-"
        prec = f"{100.0 * m / g:.1f}%" if g else "-"
        print(f"entries of {path}: {m} of {w} expected found (recall {rec}), "
              f"{m} of {g} produced right (precision {prec})")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"overall": overall, "right": right, "total": total,
                       "per_field": per_field, "letters": rows}, f,
                      ensure_ascii=False, indent=2)
    if args.min is not None and overall < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
