// SPDX-License-Identifier: AGPL-3.0-or-later
// The digital signature of a report (issue 15), on the report page: who
// signed which revision and when, and whether the stored signed PDF still
// verifies (asked of the server: GET …/report/signature); a reopened report
// says its signature stays with the earlier revision and the new one needs
// its own. An officer may sign from here with the server's token (POST
// …/report/sign, when [signing] names them); else `lantoa report sign`
// with the token at hand. With the agency's key the report carries the
// agency's signature after the person's (Nghị định 30/2020): the card names
// the agency and whether its signature holds, as the directive's card does;
// without one (a grassroots union often has none) it says there is no seal.
import { h } from '../dom.js';
import { reportsApi, signedPdfUrl } from '../api_reports.js';
import { t } from '../i18n.js';
import { fmtTime, isOfficer } from './directiveCommon.js';
import { verdictOf } from './directiveSignature.js';

/** The card, or null when nothing was signed and the actor cannot sign. redraw(view, note) rebuilds the page. */
export function signatureCard(st, data, redraw) {
  const sig = data.signature;
  const all = data.signatures || [];
  const status = data.report && data.report.status;
  const signable = !sig && (status === 'submitted' || status === 'accepted') && isOfficer();
  if (!sig && !all.length) {
    return signable ? h('section', { class: 'card rsign rsign--unsigned', 'aria-labelledby': 'rsign-title' },
      h('h2', { class: 'card-kicker', id: 'rsign-title' }, t('sig.title')),
      h('p', null, t('sig.unsigned')), signButton(st, redraw)) : null;
  }
  const row = (key, v) => (v ? h('div', { class: 'detail' }, h('dt', null, t(key)), h('dd', null, v)) : null);
  if (!sig) {
    const last = all[all.length - 1];
    return h('section', { class: 'card rsign rsign--superseded', 'aria-labelledby': 'rsign-title' },
      h('h2', { class: 'card-kicker', id: 'rsign-title' }, t('sig.title')),
      h('p', { class: 'alert alert--warn', role: 'note' }, t('sig.superseded', { rev: last.rev, name: last.signed_by })),
      signable ? signButton(st, redraw) : null,
      links(st, all));
  }
  const out = h('p', { class: 'rsign-verdict', role: 'status', 'aria-live': 'polite' }, t('sig.checking'));
  // The agency's seal: named from the record, then its verdict from the check.
  const seal = h('dd', null, sig.seal ? sig.seal.signed_by : t('sig.noSeal'));
  reportsApi.signature(st.dirId, st.unitId, sig.rev).then((v) => {
    out.className = `rsign-verdict ${v.verifies ? 'rverify-out--ok' : 'rverify-out--bad'}`;
    out.textContent = !v.verifies ? t('sig.bad') : v.trusted ? t('sig.okTrusted') : t('sig.ok');
    seal.textContent = verdictOf(v.seal) || t('sig.noSeal');
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
      row('sig.issuer', sig.certificate.issuer),
      h('div', { class: 'detail rsign-seal' }, h('dt', null, t('dsig.seal')), seal)),
    h('p', { class: 'hint' }, t('sig.locked')),
    links(st, all));
}

function links(st, all) {
  return h('p', { class: 'rsign-links' }, ...all.map((s) =>
    h('a', { class: 'btn btn--secondary btn--small', href: signedPdfUrl(st.dirId, st.unitId, s.rev), download: '' },
      t('sig.pdf', { rev: s.rev }))));
}

/** Sign the last revision with the server's token; the server says why not (no token, not a signer). */
function signButton(st, redraw) {
  const err = h('div', { class: 'rsign-err', role: 'alert' });
  const btn = h('button', {
    type: 'button', class: 'btn btn--primary rsign-btn',
    onclick: async () => {
      btn.disabled = true;
      err.replaceChildren();
      try {
        await reportsApi.sign(st.dirId, st.unitId);
        redraw(await reportsApi.get(st.dirId, st.unitId), { text: t('sig.done') });
      } catch (ex) {
        btn.disabled = false;
        err.append(h('p', { class: 'alert alert--error' }, ex.message));
      }
    },
  }, t('sig.sign'));
  return h('div', { class: 'rsign-action' }, btn, err);
}
