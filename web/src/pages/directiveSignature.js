// SPDX-License-Identifier: AGPL-3.0-or-later
// The digital signature of a directive (issue 15), on the directive page:
// whether the công văn as it stands is signed, by whom and when, and whether
// the stored signed PDF still verifies (GET …/signature); a draft edited
// after signing says its earlier signature no longer covers it. An officer
// of the issuing side signs from here with the server's token (POST
// …/sign, when [signing] names them); else `lantoa directive sign` with the
// token at hand. The PDF link gives the signed file once signed; a directive
// sent to a list of units has that list as its annex, signed with it by the
// agency's key, which also seals the công văn: the card names the agency and
// whether each of its signatures holds (st.seal, st.annex_check).
import { h } from '../dom.js';
import { directivesApi } from '../api_directives.js';
import { t } from '../i18n.js';
import { fmtTime, isOfficer } from './directiveCommon.js';

const pdfUrl = (id) => `/api/v1/directives/${encodeURIComponent(id)}/document?format=pdf`;
const annexUrl = (id) => `/api/v1/directives/${encodeURIComponent(id)}/annex`;
const signedUrl = (id, rev) => `/api/v1/directives/${encodeURIComponent(id)}/signature/pdf?rev=${encodeURIComponent(rev)}`;

/** "Name — valid" for a checked signature (seal, annex_check); null when there is none. */
export const verdictOf = (c) => (c ? `${c.signed_by || '?'} — ${t(c.valid ? 'dsig.valid' : c.changed_after ? 'dsig.changed' : 'dsig.invalid')}` : null);

/** The card; filled once the server answers. canSign: an officer of the issuing side. */
export function directiveSignatureCard(d, issuerSide) {
  const canSign = issuerSide && isOfficer();
  const card = h('section', { class: 'card rsign dsign', 'aria-labelledby': 'dsign-title' },
    h('h2', { class: 'card-kicker', id: 'dsign-title' }, t('sig.title')),
    h('p', { class: 'rsign-verdict', role: 'status', 'aria-live': 'polite' }, t('sig.checking')));
  const draw = (st, note) => {
    const row = (key, v, cls = '') => (v ? h('div', { class: `detail ${cls}` }, h('dt', null, t(key)), h('dd', null, v)) : null);
    const all = st.signatures || [];
    const sig = st.signature;
    const parts = [h('h2', { class: 'card-kicker', id: 'dsign-title' }, t('sig.title'))];
    if (note) parts.push(h('p', { class: 'alert alert--ok', role: 'status' }, note));
    if (sig) {
      parts.push(h('p', { class: `rsign-verdict ${st.verifies ? 'rverify-out--ok' : 'rverify-out--bad'}`, role: 'status' },
        !st.verifies ? t('sig.bad') : st.trusted ? t('sig.okTrusted') : t('sig.ok')),
      h('dl', { class: 'details' },
        row('sig.by', sig.position ? `${sig.signed_by}, ${sig.position}` : sig.signed_by),
        row('sig.at', fmtTime(sig.signed_at)),
        row('sig.issuer', sig.certificate.issuer),
        row('dsig.seal', verdictOf(st.seal), 'dsign-seal'),
        row('dsig.annexBy', verdictOf(st.annex_check), 'dsign-annex-check')),
      h('p', { class: 'hint' }, t(d.status === 'draft' ? 'dsig.draftSigned' : 'dsig.issuedSigned')));
    } else {
      parts.push(h('p', { class: 'rsign-verdict' }, t('dsig.unsigned')));
      if (all.length) {
        const last = all[all.length - 1];
        parts.push(h('p', { class: 'alert alert--warn', role: 'note' }, t('dsig.superseded', { name: last.signed_by })));
      }
    }
    parts.push(h('p', { class: 'rsign-links' },
      h('a', { class: 'btn btn--secondary btn--small dsign-pdf', href: pdfUrl(d.id), download: '' }, t(sig ? 'dsig.pdfSigned' : 'dsig.pdf')),
      st.annex ? h('a', { class: 'btn btn--secondary btn--small dsign-annex', href: annexUrl(d.id), download: '' }, t(sig ? 'dsig.annexSigned' : 'dsig.annex')) : null,
      ...all.filter((s) => !sig || s.rev !== sig.rev).map((s) =>
        h('a', { class: 'btn btn--secondary btn--small', href: signedUrl(d.id, s.rev), download: '' }, t('dsig.earlier', { rev: s.rev })))));
    if (!sig && canSign) parts.push(signButton(d, draw));
    card.replaceChildren(...parts);
  };
  directivesApi.signature(d.id).then((st) => draw(st)).catch((ex) => {
    card.replaceChildren(h('h2', { class: 'card-kicker', id: 'dsign-title' }, t('sig.title')),
      h('p', { class: 'rsign-verdict rverify-out--bad', role: 'alert' }, ex.message));
  });
  return card;
}

/** Sign with the server's token; the server says why not (no token, not a signer, incomplete draft). */
function signButton(d, draw) {
  const err = h('div', { class: 'rsign-err', role: 'alert' });
  const btn = h('button', {
    type: 'button', class: 'btn btn--primary rsign-btn dsign-btn',
    onclick: async () => {
      btn.disabled = true;
      err.replaceChildren();
      try {
        await directivesApi.sign(d.id);
        draw(await directivesApi.signature(d.id), t('dsig.done'));
      } catch (ex) {
        btn.disabled = false;
        err.append(h('p', { class: 'alert alert--error' }, ex.message));
      }
    },
  }, t('sig.sign'));
  return h('div', { class: 'rsign-action' }, h('p', { class: 'hint' }, t('dsig.signHint')), btn, err);
}
