// SPDX-License-Identifier: AGPL-3.0-or-later
// Loading, error and empty states shared by pages.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('app.loading'));
}

/** An error box (role=alert, read out at once) with an optional retry button. */
export function errorBox(err, retry) {
  return h('div', { class: 'alert alert--error', role: 'alert' },
    h('p', null, err && err.message ? err.message : String(err)),
    retry ? h('button', { type: 'button', class: 'btn btn--secondary', onclick: retry }, t('error.retry')) : null);
}

export function emptyNote(text) {
  return h('p', { class: 'empty' }, text);
}
