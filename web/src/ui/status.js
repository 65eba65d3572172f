// SPDX-License-Identifier: AGPL-3.0-or-later
// Loading, error and empty states shared by pages.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('app.loading'));
}

/**
 * Can trying again help? Yes for a lost connection (no status), a timeout,
 * "too many requests", a busy or failing server (5xx); no for the other 4xx:
 * a 403, 404 or 400 answers the same way the second time.
 */
export function canRetry(err) {
  const s = err && typeof err === 'object' ? err.status : undefined;
  if (!s) return typeof err === 'object' && err !== null; // a network error; a plain message is no request
  return s === 408 || s === 425 || s === 429 || s >= 500;
}

/** An error box (role=alert, read out at once) with a retry button when retrying can help. */
export function errorBox(err, retry) {
  return h('div', { class: 'alert alert--error', role: 'alert' },
    h('p', null, err && err.message ? err.message : String(err)),
    retry && canRetry(err) ? h('button', { type: 'button', class: 'btn btn--secondary', onclick: retry }, t('error.retry')) : null);
}

export function emptyNote(text) {
  return h('p', { class: 'empty' }, text);
}
