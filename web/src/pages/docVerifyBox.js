// SPDX-License-Identifier: AGPL-3.0-or-later
// "Kiểm tra chữ ký số": a PDF received from anywhere (e-mail, the e-office
// system, a USB stick) checked by the server (POST /api/v1/doc/verify), as
// `lantoa doc verify` checks it: each signature's signer, time, certificate
// chain, and whether the document changed after signing. Anyone logged in.
import { h } from '../dom.js';
import { request } from '../api.js';
import { getLang, t } from '../i18n.js';
import { fmtTime } from './directiveCommon.js';

function sigNode(s, i, n) {
  const row = (key, v) => h('div', { class: 'detail' }, h('dt', null, t(key)), h('dd', null, v));
  const content = !s.intact ? t('vfy.changed') : s.whole_file ? t('vfy.whole')
    : s.changed_after ? t('vfy.added') : t('vfy.later');
  return h('li', { class: `vfy-sig ${s.valid ? 'vfy-sig--ok' : 'vfy-sig--bad'}` },
    h('p', { class: `rsign-verdict ${s.valid ? 'rverify-out--ok' : 'rverify-out--bad'}` },
      t(s.valid ? 'vfy.valid' : 'vfy.invalid', { i: i + 1, n, name: s.name })),
    h('dl', { class: 'details' },
      row('vfy.subject', s.subject),
      row('vfy.issuer', s.issuer),
      row(s.time_source === 'timestamp' ? 'vfy.timestamp' : 'vfy.at', fmtTime(s.signed_at)),
      row('vfy.chain', s.chain_ok ? t('vfy.trusted', { n: s.chain_len }) : t('vfy.untrusted')),
      row('vfy.content', content)),
    s.error ? h('p', { class: 'hint' }, getLang() === 'en' ? s.error.en : s.error.vi) : null);
}

/** The box: a file input; the result under it. */
export function docVerifyBox() {
  const out = h('div', { class: 'vfy-result', role: 'status', 'aria-live': 'polite' });
  const input = h('input', { id: 'vfy-file', type: 'file', class: 'vfy-file', accept: '.pdf,application/pdf' });
  input.addEventListener('change', async () => {
    const f = input.files && input.files[0];
    if (!f) return;
    input.disabled = true;
    out.replaceChildren(h('p', { class: 'hint' }, t('vfy.checking')));
    try {
      const r = await request('POST', '/api/v1/doc/verify', { body: new Blob([f], { type: 'application/pdf' }) });
      const sigs = r.signatures || [];
      out.replaceChildren(
        h('p', { class: `alert ${r.valid ? 'alert--ok' : 'alert--error'}` },
          r.valid ? t('vfy.allValid', { n: sigs.length }) : sigs.length ? t('vfy.notValid') : t('vfy.none')),
        sigs.length ? h('ol', { class: 'vfy-list' }, sigs.map((s, i) => sigNode(s, i, sigs.length))) : null);
    } catch (err) {
      out.replaceChildren(h('p', { class: 'alert alert--error', role: 'alert' }, err.message));
    }
    input.disabled = false;
    input.value = '';
  });
  return h('section', { class: 'card vfy-box', 'aria-labelledby': 'vfy-title' },
    h('h2', { class: 'card-kicker', id: 'vfy-title' }, t('vfy.title')),
    h('label', { class: 'label', for: 'vfy-file' }, t('vfy.pick')),
    input, h('p', { class: 'hint' }, t('vfy.hint')), out);
}
