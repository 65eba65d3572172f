import json,sys
base={json.loads(l)['source_url'] for f in ['train','dev','holdout'] for l in open(f'/tmp/corpus/base/{f}.jsonl')}
for u in sys.stdin.read().split():
    print(('USED ' if u in base else 'new  ')+u)
