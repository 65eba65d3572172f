#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Print a received message as JSON: decoded headers, body, attachments with sizes and SHA-256.

Usage: parse_mail.py FILE.eml [DIR]  — with DIR, attachments are also written there.
       parse_mail.py --each FILE.eml…  — a JSON list, one object per file, in order
                                          (one python start for a whole folder).
"""
import email
import email.policy
import hashlib
import json
import sys


def parse(path, attdir=None):
    msg = email.message_from_binary_file(open(path, "rb"), policy=email.policy.default)
    out = {
        "subject": str(msg["subject"]),
        "raw_subject": msg.get("subject").encode() if hasattr(msg.get("subject"), "encode") else "",
        "from": str(msg["from"]),
        "to": str(msg["to"]),
        "date": str(msg["date"]),
        "body": "",
        "attachments": [],
    }
    raw = open(path, "rb").read().decode("ascii", "replace")
    out["raw_subject"] = [l for l in raw.split("\r\n") if l.lower().startswith("subject:")][0] if "ubject:" in raw else ""
    for part in msg.walk():
        if part.is_multipart():
            continue
        fn = part.get_filename()
        data = part.get_payload(decode=True) or b""
        if fn:
            if attdir:
                with open(attdir + "/" + fn.replace("/", "_"), "wb") as f:
                    f.write(data)
            out["attachments"].append({
                "filename": fn, "content_type": part.get_content_type(), "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(), "head": data[:8].hex(),
            })
        elif part.get_content_type() == "text/plain":
            out["body"] = part.get_content()
    return out


if sys.argv[1] == "--each":
    print(json.dumps([parse(f) for f in sys.argv[2:]], ensure_ascii=False))
else:
    print(json.dumps(parse(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None), ensure_ascii=False))
