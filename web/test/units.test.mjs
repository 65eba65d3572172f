// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit tests of the UI's pure modules (no browser): formats, translations, routes.
// Run: npm test (in web/).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document = { documentElement: { lang: '' } };
const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)) };

const i18n = await import('../src/i18n.js');
const router = await import('../src/router.js');

test('Vietnamese is the default and numbers use dot grouping', () => {
  assert.equal(i18n.getLang(), 'vi');
  assert.equal(i18n.fmtNumber(1234567), '1.234.567');
  assert.equal(i18n.fmtNumber(999), '999');
  assert.equal(i18n.fmtNumber(1000), '1.000');
  assert.equal(i18n.fmtNumber(-45678), '-45.678');
  assert.equal(i18n.fmtNumber(0), '0');
  assert.equal(i18n.fmtNumber(null), '—');
});

test('dates are dd/mm/yyyy', () => {
  assert.equal(i18n.fmtDate('2024-01-18'), '18/01/2024');
  assert.equal(i18n.fmtDate('2025-07-01T00:00:00Z'), '01/07/2025');
  assert.equal(i18n.fmtDate(null), '—');
});

test('switching to English is remembered, sets <html lang> and changes labels', () => {
  let seen = null;
  const off = i18n.onLangChange((l) => { seen = l; });
  assert.equal(i18n.t('login.title'), 'Đăng nhập');
  i18n.setLang('en');
  assert.equal(seen, 'en');
  assert.equal(store.get('lantoa.lang'), 'en');
  assert.equal(document.documentElement.lang, 'en');
  assert.equal(i18n.t('login.title'), 'Sign in');
  assert.equal(i18n.fmtNumber(1234567), '1,234,567');
  assert.equal(i18n.t('units.childCount', { n: 1, nFmt: '1' }), '1 sub-unit');
  assert.equal(i18n.t('units.childCount', { n: 22, nFmt: '22' }), '22 sub-units');
  i18n.setLang('xx'); // unknown: ignored
  assert.equal(i18n.getLang(), 'en');
  i18n.setLang('vi');
  off();
  assert.equal(i18n.t('units.childCount', { n: 22, nFmt: '22' }), '22 đơn vị trực thuộc');
  assert.equal(i18n.t('no.such.key'), 'no.such.key');
});

test('both dictionaries have the same keys, feature by feature', async () => {
  const { readdirSync } = await import('node:fs');
  const dir = new URL('../src/i18n/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  assert.ok(files.length >= 5);
  let total = 0;
  for (const f of files) {
    const d = await import(new URL(f, dir));
    assert.deepEqual(Object.keys(d.en).sort(), Object.keys(d.vi).sort(), f);
    total += Object.keys(d.vi).length;
  }
  assert.ok(total > 400);
  // No key is defined by two features (a later one would silently win).
  const seen = new Map();
  for (const f of files) {
    for (const k of Object.keys((await import(new URL(f, dir))).vi)) {
      assert.ok(!seen.has(k), `${k} in ${f} and ${seen.get(k)}`);
      seen.set(k, f);
    }
  }
});

test('routes match hash paths with parameters', () => {
  const page = { render() {} };
  router.route('/things/:id', page);
  router.route('/things', page, { public: true });
  const m = router.match('/things/12');
  assert.equal(m.route.page, page);
  assert.deepEqual(m.params, { id: '12' });
  assert.equal(router.match('/things/').route.public, true);
  assert.equal(router.match('/things/12/more'), null);
  assert.equal(router.href('/units', { q: 'gia lâm' }), '#/units?q=gia+l%C3%A2m');
  assert.equal(router.href('/units', { q: '' }), '#/units');
});
