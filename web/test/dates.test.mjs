// SPDX-License-Identifier: AGPL-3.0-or-later
// Date fields read and take dd/mm/yyyy whatever the phone's language (issue 12:
// "dates show in two formats on one page").
// Run: npm test (in web/).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document = { documentElement: { lang: '' } };
const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)) };

const { dmyFromIso, isoFromDmy, dateComplete } = await import('../src/ui/dateInput.js');

test('ISO dates are shown dd/mm/yyyy and typed dates go back to ISO', () => {
  assert.equal(dmyFromIso('2024-01-25'), '25/01/2024');
  assert.equal(dmyFromIso(''), '');
  assert.equal(dmyFromIso(null), '');
  assert.equal(isoFromDmy('25/01/2024'), '2024-01-25');
  assert.equal(isoFromDmy('5/1/2024'), '2024-01-05');
  assert.equal(isoFromDmy('05.01.2024'), '2024-01-05');
  assert.equal(isoFromDmy(dmyFromIso('2024-02-29')), '2024-02-29');
  assert.equal(isoFromDmy('25/01/24'), '25/01/24', 'left for the server to refuse, naming the field');
});

test('a filter waits for a whole date', () => {
  assert.equal(dateComplete(''), true);
  assert.equal(dateComplete('25/01/2024'), true);
  assert.equal(dateComplete('25/01/20'), false);
  assert.equal(dateComplete('25/0'), false);
});
