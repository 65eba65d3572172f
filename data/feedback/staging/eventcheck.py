import json,glob,re,unicodedata,sys
sys.path.insert(0,'/work/wt-corpus/data/feedback')
from check import fold
def grams(t):
    w=fold(t); return {' '.join(w[i:i+2]) for i in range(len(w)-1)}
base=[json.loads(l) for f in ['train','dev','holdout'] for l in open(f'/tmp/corpus/base/{f}.jsonl')]

BG=[(b,grams(b['text'])) for b in base]
HO={json.loads(l)['id'] for l in open('/tmp/corpus/base/holdout.jsonl')}
for fn in sorted(glob.glob('/tmp/corpus/b*.tsv')):
    for ln,l in enumerate(open(fn),1):
        p=l.rstrip('\n').split('\t')
        if len(p)!=5: continue
        g=grams(p[4]); best=(0,None)
        for b,bg in BG:
            j=len(g&bg)/max(1,len(g|bg))
            if j>best[0]: best=(j,b)
        if best[0]>=float(sys.argv[1] if len(sys.argv)>1 else 0.15):
            print(f"{best[0]:.2f} {'HOLDOUT' if best[1]['id'] in HO else ''} {fn[-7:]}:{ln} {p[4][:70]} || {best[1]['id']} {best[1]['text'][:70]}")
