#!/usr/bin/env python3
"""Merge staged TSV messages (/tmp/corpus/b*.tsv) into data/feedback/{train,dev,holdout2}.jsonl.
TSV: url, topic, secondary (comma list), urgency_reason ('' = not urgent), text.
Existing sites keep their side; new sites are assigned by SPLIT (site -> side) in /tmp/corpus/split.json,
default 'pending' (reported, not written)."""
import json, sys, glob, os, collections
sys.path.insert(0, '/work/wt-corpus/data/feedback')
from check import canonical_site, TOPICS
D = '/work/wt-corpus/data/feedback'
BASE = {}
for f in ['train', 'dev', 'holdout']:
    BASE[f] = [json.loads(l) for l in open(f'/tmp/corpus/base/{f}.jsonl')]
side = {}
BASEURL = {r['source_url'] for rows in BASE.values() for r in rows}
dupurl = 0
DROP = set(open('/tmp/corpus/drop.txt').read().split()) if os.path.exists('/tmp/corpus/drop.txt') else set()
for f, rows in BASE.items():
    for r in rows: side[r['site']] = f
split = json.load(open('/tmp/corpus/split.json')) if os.path.exists('/tmp/corpus/split.json') else {}
new = collections.defaultdict(list); pending = collections.defaultdict(list); errs = []
seen_url_text = set()
for fn in sorted(glob.glob('/tmp/corpus/b*.tsv')):
    for ln, line in enumerate(open(fn, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip(): continue
        p = line.split('\t')
        if len(p) != 5: errs.append(f'{fn}:{ln}: {len(p)} fields'); continue
        url, topic, sec, reason, text = p
        if f'{os.path.basename(fn)}:{ln}' in DROP: continue
        sec = [s for s in sec.split(',') if s]
        if topic not in TOPICS or any(s not in TOPICS for s in sec) or topic in sec: errs.append(f'{fn}:{ln}: bad topic {topic} {sec}')
        if url in BASEURL: dupurl += 1; continue
        site = canonical_site(url)
        o = {"id": None, "text": text.strip(), "topic": topic, "secondary": sec, "urgent": bool(reason),
             "urgency_reason": reason or None, "source_url": url, "site": site}
        s = side.get(site)
        if s == 'holdout': errs.append(f'{fn}:{ln}: holdout site {site}'); continue
        s = s or split.get(site)
        if s is None: pending[site].append(o); continue
        if s == 'drop': continue
        new[s].append(o)
for e in errs: print('ERR', e)
nid = 1 + max(int(r['id'][3:]) for rows in BASE.values() for r in rows)
for f in ['train', 'dev', 'holdout2']:
    for o in new[f]:
        o['id'] = f'lf-{nid:04d}'; nid += 1
for f in ['train', 'dev']:
    with open(f'{D}/{f}.jsonl', 'w', encoding='utf-8') as out:
        for o in BASE[f] + new[f]: out.write(json.dumps(o, ensure_ascii=False) + '\n')
if new['holdout2'] or os.path.exists(f'{D}/holdout2.jsonl'):
    with open(f'{D}/holdout2.jsonl', 'w', encoding='utf-8') as out:
        for o in new['holdout2']: out.write(json.dumps(o, ensure_ascii=False) + '\n')
print('dropped (page already in corpus):', dupurl); print({k: len(v) for k, v in new.items()}, 'pending', sum(map(len, pending.values())), 'sites', len(pending))
if '-v' in sys.argv:
    for s, v in sorted(pending.items(), key=lambda x: -len(x[1])):
        print(f'  {s} {len(v)} ' + ' '.join(o["topic"][:4] for o in v))
