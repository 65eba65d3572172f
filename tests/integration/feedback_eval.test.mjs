// SPDX-License-Identifier: AGPL-3.0-or-later
// The workers' corpus: since issue 14 round 5 the model learns from train.jsonl,
// dev.jsonl and the earlier out-of-corpus sets holdout.jsonl … holdout4.jsonl (the
// "pool"), with thresholds from site-grouped out-of-fold margins; holdout5.jsonl and
// holdout6.jsonl are blind sets. `lantoa feedback eval --split NAME` scores the one named (and only
// it): out of fold for a pool file, by the model itself for holdout5 and holdout6. `lantoa feedback
// train` records every pool file (hash, messages) and their out-of-fold scores in
// MANIFEST.json, and a corpus with only some of them still builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/server.mjs';

const CORPUS = 'data/feedback';
const lines = (f) => readFileSync(join(CORPUS, f), 'utf8').trim().split('\n').length;
const run = (args) => cli('sqlite::memory:', args);
const POOL = ['train', 'dev', 'holdout', 'holdout2', 'holdout3', 'holdout4'];
const pooled = POOL.reduce((a, f) => a + lines(`${f}.jsonl`), 0);

for (const split of ['holdout2', 'holdout3', 'holdout4']) {
  test(`eval --split ${split} scores the ${split} file`, () => {
    const r = run(['feedback', 'eval', '--corpus', CORPUS, '--split', split, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.split, split);
    assert.equal(j.cross_validated, true);
    assert.equal(j.scores.n, lines(`${split}.jsonl`));
    assert.equal(j.n_train, pooled);
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
  assert.match(r.stdout + r.stderr, /holdout6/);
});

// A blind set is not in the pool: the shipped model scores it as it is.
for (const split of ['holdout6']) {
  test(`eval --split ${split} scores the blind set by the model itself, not out of fold`, () => {
    const r = run(['feedback', 'eval', '--corpus', CORPUS, '--split', split, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.split, split);
    assert.equal(j.cross_validated, false);
    assert.equal(j.scores.n, lines(`${split}.jsonl`));
    assert.equal(j.n_train, pooled);
  });
}

test('train learns from every pool file, records each in MANIFEST.json, and builds without the optional ones', () => {
  const out = mkdtempSync(join(tmpdir(), 'lt-model-'));
  let r = run(['feedback', 'train', '--corpus', CORPUS, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  let m = JSON.parse(readFileSync(join(out, 'MANIFEST.json'), 'utf8'));
  assert.deepEqual(m.corpus.trained_on.map((f) => f.file), POOL.map((f) => `${f}.jsonl`));
  assert.equal(m.corpus.messages, pooled);
  assert.equal(m.scores.cross_validation.n, pooled);
  assert.equal(m.scores.holdout2.n, lines('holdout2.jsonl'));
  assert.equal(m.scores.holdout5, undefined);

  const three = mkdtempSync(join(tmpdir(), 'lt-corpus-'));
  for (const f of ['train.jsonl', 'dev.jsonl', 'holdout.jsonl']) copyFileSync(join(CORPUS, f), join(three, f));
  const out2 = mkdtempSync(join(tmpdir(), 'lt-model-'));
  r = run(['feedback', 'train', '--corpus', three, '--out', out2]);
  assert.equal(r.status, 0, r.stderr);
  m = JSON.parse(readFileSync(join(out2, 'MANIFEST.json'), 'utf8'));
  assert.equal(m.scores.holdout2, undefined);
  assert.equal(m.corpus.trained_on.length, 3);
  assert.ok(readdirSync(out2).includes('feedback.model'));
});

test('train into a folder that does not exist names --out, the folder and the reason before training, and leaves nothing', () => {
  const parent = mkdtempSync(join(tmpdir(), 'lt-model-'));
  const out = join(parent, 'missing');
  const r = run(['feedback', 'train', '--corpus', CORPUS, '--out', out]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--out: không ghi được vào .*missing \(No such file or directory\)/);
  assert.deepEqual(readdirSync(parent), []);
});
