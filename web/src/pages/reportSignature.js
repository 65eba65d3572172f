// SPDX-License-Identifier: AGPL-3.0-or-later
// The digital signature of a report (issue 15), on the report page: who
// signed which revision and when, and whether the stored signed PDF still
// verifies (asked of the server: GET …/report/signature); a reopened report
// says its signature stays with the earlier revision and the new one needs
// its own. Signing itself is `lantoa report sign` with the token at hand.
import { h } from '../dom.js';
import { reportsApi, signedPdfUrl } from '../api_reports.js';
import { t } from '../i18n.js';
import { fmtTime } from './directiveCommon.js';

/** The card, or null when no revision of this report was ever signed. */
export function signatureCard(st, data) {
  const sig = data.signature;
  const all = data.signatures || [];
  if (!sig && !all.length) return null;
  const row = (key, v) => (v ? h('div', { class: 'detail' }, h('dt', null, t(key)), h('dd', null, v)) : null);
  if (!sig) {
    const last = all[all.length - 1];
    return h('section', { class: 'card rsign rsign--superseded', 'aria-labelledby': 'rsign-title' },
      h('h2', { class: 'card-kicker', id: 'rsign-title' }, t('sig.title')),
      h('p', { class: 'alert alert--warn', role: 'note' }, t('sig.superseded', { rev: last.rev, name: last.signed_by })),
      links(st, all));
  }
  const out = h('p', { class: 'rsign-verdict', role: 'status', 'aria-live': 'polite' }, t('sig.checking'));
  reportsApi.signature(st.dirId, st.unitId, sig.rev).then((v) => {
    out.className = `rsign-verdict ${v.verifies ? 'rverify-out--ok' : 'rverify-out--bad'}`;
    out.textContent = !v.verifies ? t('sig.bad') : v.trusted ? t('sig.okTrusted') : t('sig.ok');
  }).catch((ex) => {
    out.className = 'rsign-verdict rverify-out--bad';
    out.textContent = ex.message;
  });
  return h('section', { class: 'card rsign', 'aria-labelledby': 'rsign-title' },
    h('h2', { class: 'card-kicker', id: 'rsign-title' }, t('sig.title')),
    out,
    h('dl', { class: 'details' },
      row('sig.by', sig.position ? `${sig.signed_by}, ${sig.position}` : sig.signed_by),
      row('sig.at', fmtTime(sig.signed_at)),
      row('sig.rev', t('rep.revN', { rev: sig.rev })),
      row('sig.issuer', sig.certificate.issuer)),
    h('p', { class: 'hint' }, t('sig.locked')),
    links(st, all));
}

function links(st, all) {
  return h('p', { class: 'rsign-links' }, ...all.map((s) =>
    h('a', { class: 'btn btn--secondary btn--small', href: signedPdfUrl(st.dirId, st.unitId, s.rev), download: '' },
      t('sig.pdf', { rev: s.rev }))));
}
