// SPDX-License-Identifier: AGPL-3.0-or-later
// The workers' corpus has further out-of-corpus sets, data/feedback/holdout2.jsonl,
// holdout3.jsonl and holdout4.jsonl: `lantoa feedback eval --split holdout2|holdout3|holdout4`
// scores the one named
// (and only it), `lantoa feedback train` records holdout2's scores and file hash in
// MANIFEST.json next to the holdout's, and a corpus without it still builds, with no
// holdout2 entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/server.mjs';

const CORPUS = 'data/feedback';
const lines = (f) => readFileSync(join(CORPUS, f), 'utf8').trim().split('\n').length;
const run = (args) => cli('sqlite::memory:', args);

for (const split of ['holdout2', 'holdout3', 'holdout4']) {
  test(`eval --split ${split} scores the ${split} file`, () => {
    const r = run(['feedback', 'eval', '--corpus', CORPUS, '--split', split, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.split, split);
    assert.equal(j.scores.n, lines(`${split}.jsonl`));
    assert.equal(j.n_train, lines('train.jsonl'));
    assert.ok(j.scores.top1_accuracy > 0.5, `top-1 ${j.scores.top1_accuracy}`);
  });
}

for (const split of ['holdout3', 'holdout4']) {
  test(`eval --split ${split} on a corpus without ${split}.jsonl names the file`, () => {
    const three = mkdtempSync(join(tmpdir(), 'lt-corpus-'));
    for (const f of ['train.jsonl', 'dev.jsonl', 'holdout.jsonl']) copyFileSync(join(CORPUS, f), join(three, f));
    const r = run(['feedback', 'eval', '--corpus', three, '--split', split, '--json']);
    assert.notEqual(r.status, 0);
    assert.match(r.stdout + r.stderr, new RegExp(`${split}\\.jsonl`));
  });
}

test('an unknown split is refused, naming the field', () => {
  const r = run(['feedback', 'eval', '--corpus', CORPUS, '--split', 'holdout9', '--json']);
  assert.notEqual(r.status, 0);
  assert.match(r.stdout + r.stderr, /--split/);
  assert.match(r.stdout + r.stderr, /holdout5/);
});

test('train records holdout2 in MANIFEST.json, and builds without it', () => {
  const out = mkdtempSync(join(tmpdir(), 'lt-model-'));
  let r = run(['feedback', 'train', '--corpus', CORPUS, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  let m = JSON.parse(readFileSync(join(out, 'MANIFEST.json'), 'utf8'));
  assert.equal(m.scores.holdout2.n, lines('holdout2.jsonl'));
  assert.equal(m.corpus.also_scored_on.file, 'holdout2.jsonl');
  assert.equal(m.corpus.also_scored_on.messages, lines('holdout2.jsonl'));
  assert.equal(m.scores.holdout.n, lines('holdout.jsonl'));

  const three = mkdtempSync(join(tmpdir(), 'lt-corpus-'));
  for (const f of ['train.jsonl', 'dev.jsonl', 'holdout.jsonl']) copyFileSync(join(CORPUS, f), join(three, f));
  const out2 = mkdtempSync(join(tmpdir(), 'lt-model-'));
  r = run(['feedback', 'train', '--corpus', three, '--out', out2]);
  assert.equal(r.status, 0, r.stderr);
  m = JSON.parse(readFileSync(join(out2, 'MANIFEST.json'), 'utf8'));
  assert.equal(m.scores.holdout2, undefined);
  assert.equal(m.corpus.also_scored_on, undefined);
  assert.ok(readdirSync(out2).includes('feedback.model'));
});
