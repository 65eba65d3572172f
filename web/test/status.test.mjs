// SPDX-License-Identifier: AGPL-3.0-or-later
// The error box offers "Thử lại" (retry) only when trying again can help
// (issue 12: it showed on a 403, where retrying cannot).
// Run: npm test (in web/).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document = { documentElement: { lang: '' } };
const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)) };

const { canRetry } = await import('../src/ui/status.js');
const { ApiError } = await import('../src/api.js');

test('no retry on a refusal or bad input: 400, 401, 403, 404, 409, 413, 422', () => {
  for (const s of [400, 401, 403, 404, 409, 413, 422]) assert.equal(canRetry(new ApiError(s, 'x', 'm')), false, String(s));
});

test('retry when it can help: no connection, timeout, too many requests, busy or failing server', () => {
  for (const s of [0, 408, 429, 500, 502, 503, 507]) assert.equal(canRetry(new ApiError(s, 'x', 'm')), true, String(s));
  assert.equal(canRetry(new TypeError('Failed to fetch')), true);
  assert.equal(canRetry('Chưa chọn lý do'), false); // a message of the page itself, no request behind it
  assert.equal(canRetry(null), false);
});
