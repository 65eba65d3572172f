// SPDX-License-Identifier: AGPL-3.0-or-later
// One directive, laid out like the official letter: issuer, number, place and
// date, V/v subject, motto, references, themes with numbered items, tasks,
// indicators, contests, deadline, signer, "Nơi nhận". Around it: the chain
// (city → district → grassroots), the recipient's "đã nhận" button and the
// cascade, and on the issuing side the counts, receipts and amendment.
import { append, h, icon, replace } from '../dom.js';
import { api } from '../api.js';
import { directivesApi } from '../api_directives.js';
import { t, fmtDate, fmtNumber } from '../i18n.js';
import { href, navigate, replaceQuery } from '../router.js';
import { errorBox, emptyNote, loading } from '../ui/status.js';
import { moreButton, pageLimit } from '../ui/more.js';
import {
  fmtTime, isOfficer, numberOf, setFlash, stateChip, statusChips, takeFlash,
} from './directiveCommon.js';
import { reportLinks } from './reportCommon.js';
import { session } from '../session.js';
import { contestsSection } from './directiveContests.js';
import { directiveSignatureCard } from './directiveSignature.js';
import { indicatorLabel } from '../ui/indicatorPicker.js';

let lastTitle = '';

const RECEIPT_FILTERS = ['', 'pending', 'acknowledged', 'new'];

export async function render(ctx) {
  const id = ctx.params.id;
  const [r, chain] = await Promise.all([
    directivesApi.get(id),
    directivesApi.chain(id).catch(() => null), // the strip is a help, not essential
  ]);
  const d = r.directive;
  const themes = r.themes || d.themes || [];
  const issuerSide = r.access === 'issuer';
  lastTitle = `${numberOf(d)} · ${t('dir.short')}`;

  const page = h('article', { class: 'page dview' });
  const back = issuerSide && isOfficer()
    ? h('a', { class: 'dback', href: href('/directives/issued') }, t('dir.backIssued'))
    : h('a', { class: 'dback', href: href('/directives') }, t('dir.backInbox'));

  // The reader's card and the issuer's counts come first: on a phone they are in reach at once.
  append(page, [
    h('p', { class: 'dback-row' }, back),
    chainStrip(chain, d),
    takeFlash(),
    reportLinks(d, r, session.user),
    r.receipt ? receiptCard(d, r.receipt) : null,
    issuerSide ? issuerSummary(d, r.counts) : null,
    letter(d, themes, r.indicators),
    // The digital signature: its state, the (signed) PDF, and the sign button for the issuing side.
    directiveSignatureCard(d, issuerSide),
    // The directive as an edXML message (QCVN 102:2016), once it has a number and a date.
    d.number && d.date ? h('p', { class: 'dedxml' }, h('a', { class: 'btn btn--secondary btn--small', href: `/api/v1/directives/${encodeURIComponent(d.id)}/edxml`, download: '' }, t('dir.edxml'))) : null,
    // Contests for real: created here, entered by the receiving unions (issue 12, defect 4).
    contestsSection(d, isOfficer() && (issuerSide || !!r.receipt)),
    // An officer above some recipients (a commune whose unions received it) follows their receipts.
    issuerSide ? receiptsSection(ctx, d, false) : isOfficer() ? receiptsSection(ctx, d, true) : null]);
  if (d.status === 'draft' && issuerSide && isOfficer()) {
    page.insertBefore(h('div', { class: 'alert alert--info dview-draft', role: 'note' },
      h('p', null, t('dir.draftNote')),
      h('a', { class: 'btn btn--primary', href: href(`/directives/${d.id}/edit`) }, t('dir.editDraft'))), page.querySelector('.dletter'));
  }
  return page;
}

export const title = () => lastTitle || t('dir.short');

/** "Hà Nội 228/LĐLĐ › Gia Lâm 42/LĐLĐ › …": root first, this one marked current. */
function chainStrip(chain, d) {
  if (!chain || (!(chain.up || []).length && !(chain.down || []).length)) return null;
  const up = (chain.up || []).slice().reverse();
  const link = (x) => h('li', { class: 'dchain-item' },
    h('a', { href: href('/directives/' + x.id), class: 'dchain-link' },
      h('span', { class: 'dchain-issuer' }, x.issuer ? x.issuer.name : ''),
      h('span', { class: 'dchain-number' }, numberOf(x))));
  return h('nav', { class: 'dchain', 'aria-label': t('dir.chain') },
    h('p', { class: 'dchain-title', 'aria-hidden': 'true' }, t('dir.chain')),
    h('ol', { class: 'dchain-list' },
      up.map(link),
      h('li', { class: 'dchain-item' },
        h('span', { class: 'dchain-link dchain-link--self', 'aria-current': 'page' },
          h('span', { class: 'dchain-issuer' }, d.issuer ? d.issuer.name : ''),
          h('span', { class: 'dchain-number' }, numberOf(d)))),
      (chain.down || []).map(link)));
}

function section(cls, titleKey, ...children) {
  const idt = `dsec-${cls}`;
  return h('section', { class: `dsec dsec--${cls}`, 'aria-labelledby': idt },
    h('h2', { class: 'dsec-title', id: idt }, t(titleKey)), ...children);
}

function recipientsText(rec) {
  if (!rec || !rec.mode) return null;
  const p = h('p', { class: 'dletter-to' }, h('span', { class: 'dletter-label' }, t('dir.to'), ' '));
  const name = h('span', { class: 'dletter-to-unit' }, rec.mode === 'units' ? '' : '…');
  if (rec.mode === 'units') {
    const n = (rec.unit_ids || []).length;
    p.append(t('dir.rec.unitsN', { n, nFmt: fmtNumber(n) }));
    return p;
  }
  p.append(t(rec.mode === 'children_of' ? 'dir.rec.childrenOf' : 'dir.rec.grassrootsUnder'), ' ', name);
  // The name of the root unit comes from the units API (public fields work out of scope too).
  api.unit(rec.unit_id).then((u) => { name.textContent = u.unit.name; }).catch(() => { name.textContent = `#${rec.unit_id}`; });
  return p;
}

/** The document itself. */
function letter(d, themes, indicators) {
  const refs = d.references || [];
  const signer = d.signer || {};
  const placeDate = d.date ? t('dir.placeDate', { place: d.place || '', date: fmtDate(d.date) }) : (d.place || '');
  const list = (arr, cls, ordered = true) => h(ordered ? 'ol' : 'ul', { class: cls }, arr.map((x) => h('li', null, x)));

  return h('div', { class: 'dletter' },
    h('header', { class: 'dletter-head' },
      h('div', { class: 'dletter-issuer' },
        h('p', { class: 'dletter-org' }, d.issuer ? d.issuer.name : ''),
        h('p', { class: 'dletter-number' }, t('dir.numberLabel'), ' ', h('strong', null, numberOf(d))),
        h('div', { class: 'dletter-chips' }, statusChips(d))),
      placeDate ? h('p', { class: 'dletter-placedate' }, placeDate) : null),
    h('h1', { class: 'page-title dletter-subject', tabindex: '-1' },
      h('span', { class: 'dletter-vv' }, t('dir.vv'), ' '), d.subject || t('dir.noSubject')),
    recipientsText(d.recipients),
    d.kind === 'amendment' && d.amends_id ? h('p', { class: 'alert alert--info' },
      t('dir.amends'), ' ', h('a', { href: href('/directives/' + d.amends_id) }, t('dir.amendsLink'))) : null,
    refs.length ? h('div', { class: 'dletter-refs' },
      h('p', { class: 'dletter-label' }, t('dir.references')),
      h('ul', { class: 'dref-list' }, refs.map((x) => {
        const label = [t('dir.refNumber', { number: x.number }),
          x.date ? t('dir.onDate', { date: fmtDate(x.date) }) : null,
          x.issuer ? t('dir.refOf', { issuer: x.issuer }) : null].filter(Boolean).join(' ');
        return h('li', null, x.directive_id ? h('a', { href: href('/directives/' + x.directive_id) }, label) : label);
      }))) : null,
    d.motto ? h('p', { class: 'dletter-motto' }, h('span', { class: 'dletter-label' }, t('dir.motto'), ' '),
      h('q', null, d.motto)) : null,
    themes.length ? section('themes', 'dir.themes',
      h('ol', { class: 'dthemes' }, themes.map((th) => h('li', { class: 'dtheme' },
        h('h3', { class: 'dtheme-title' }, th.title),
        (th.items || []).length ? list(th.items, 'ditems') : null)))) : null,
    (d.tasks || []).length ? section('tasks', 'dir.tasks', list(d.tasks, 'dtasks')) : null,
    // The figures asked for by their labels and units: the codes stay the machine's.
    (indicators || []).length ? section('indicators', 'dir.indicators',
      h('ul', { class: 'dindicators' }, indicators.map((x) => h('li', { 'data-code': x.code }, indicatorLabel(x))))) : null,
    (d.contests || []).length ? section('contests', 'dir.contests', list(d.contests, 'dcontests', false)) : null,
    d.report_deadline || d.report_email ? section('report', 'dir.report',
      h('dl', { class: 'details dreport' },
        d.report_deadline ? h('div', { class: 'detail' }, h('dt', null, t('dir.deadline')), h('dd', null, fmtDate(d.report_deadline))) : null,
        d.report_email ? h('div', { class: 'detail' }, h('dt', null, t('dir.reportEmail')),
          h('dd', null, h('a', { href: 'mailto:' + d.report_email, class: 'break' }, d.report_email))) : null)) : null,
    signer.authority || signer.title || signer.name ? h('div', { class: 'dsigner' },
      signer.authority ? h('p', { class: 'dsigner-authority' }, signer.authority) : null,
      signer.title ? h('p', { class: 'dsigner-title' }, signer.title) : null,
      signer.name ? h('p', { class: 'dsigner-name' }, signer.name) : null) : null,
    (d.cc || []).length ? h('div', { class: 'dcc' },
      h('p', { class: 'dletter-label' }, t('dir.cc')), list(d.cc, 'dcc-list', false)) : null);
}

/** The recipient's side: state, times, the one-click "đã nhận", cascade for officers. */
function receiptCard(d, rec) {
  const card = h('section', { class: 'card dreceipt', 'aria-labelledby': 'dreceipt-title' });
  const live = h('div', { class: 'dreceipt-live', role: 'status', 'aria-live': 'polite' });
  const err = h('div', { class: 'form-error', role: 'alert' });

  function times(r) {
    return h('dl', { class: 'dtimes' },
      h('div', null, h('dt', null, t('dir.receivedAt')), h('dd', null, fmtTime(r.received_at))),
      r.opened_at ? h('div', null, h('dt', null, t('dir.openedAt')), h('dd', null, fmtTime(r.opened_at))) : null,
      r.acknowledged_at ? h('div', null, h('dt', null, t('dir.ackedAt')), h('dd', { 'data-acked-at': r.acknowledged_at }, fmtTime(r.acknowledged_at))) : null);
  }

  function draw(r, justAcked) {
    const acked = r.state === 'acknowledged';
    const ackBtn = acked ? null : h('button', { type: 'button', class: 'btn btn--primary btn--block btn--big dack-btn', onclick: onAck }, t('dir.ack'));
    async function onAck() {
      ackBtn.disabled = true;
      ackBtn.textContent = t('dir.acking');
      err.replaceChildren();
      try {
        const res = await directivesApi.ack(d.id);
        draw(res.receipt || { ...r, state: 'acknowledged' }, true);
      } catch (ex) {
        ackBtn.disabled = false;
        ackBtn.textContent = t('dir.ack');
        err.replaceChildren(h('p', null, ex.message));
      }
    }
    const cascade = isOfficer() && d.status === 'issued' ? cascadeBlock(d) : null;
    replace(card,
      h('div', { class: 'dreceipt-head' },
        h('h2', { id: 'dreceipt-title', class: 'card-kicker' }, t('dir.yourReceipt')),
        stateChip(r.state)),
      acked ? h('p', { class: 'dreceipt-done', tabindex: '-1' }, icon(CHECK, 'icon dreceipt-check'),
        t('dir.ackedDone', { time: fmtTime(r.acknowledged_at) })) : h('p', { class: 'hint' }, t('dir.ackHint')),
      err, ackBtn, times(r), cascade);
    card.append(live);
    if (justAcked) {
      card.querySelector('.dreceipt-done').focus();
      setTimeout(() => { live.textContent = t('dir.ackedDone', { time: fmtTime(r.acknowledged_at) }); }, 50);
    }
  }
  draw(rec, false);
  return card;
}

const CHECK = ['M9.5 16.2 5.3 12l-1.06 1.06L9.5 18.3 20.3 7.5l-1.06-1.06L9.5 16.2Z'];

function cascadeBlock(d) {
  const err = h('div', { class: 'form-error', role: 'alert' });
  const btn = h('button', {
    type: 'button', class: 'btn btn--secondary btn--block dcascade-btn',
    onclick: async () => {
      btn.disabled = true;
      err.replaceChildren();
      try {
        const r = await directivesApi.cascade(d.id);
        setFlash(t('dir.cascaded', { number: numberOf(d) }), 'info');
        navigate(`/directives/${r.directive.id}/edit`);
      } catch (ex) {
        btn.disabled = false;
        err.replaceChildren(h('p', null, ex.message));
      }
    },
  }, t('dir.cascade'));
  return h('div', { class: 'dcascade' }, h('p', { class: 'hint' }, t('dir.cascadeHint')), err, btn);
}

/**
 * Issuing side, at the top: counts, acknowledgement progress, a jump to the
 * receipts, and the amendment. The receipts themselves follow the letter.
 */
function issuerSummary(d, counts) {
  if (d.status !== 'issued') return null;
  const c = counts || { recipients: 0, opened: 0, acknowledged: 0, pending: 0 };
  const stat = (key, n, cls) => h('div', { class: `dstat dstat--${cls}`, 'data-stat': cls },
    h('dt', null, t(key)), h('dd', null, fmtNumber(n)));
  const ackLabel = t('dir.ackOf', { n: c.acknowledged, total: c.recipients, nFmt: fmtNumber(c.acknowledged), totalFmt: fmtNumber(c.recipients) });

  const amendErr = h('div', { class: 'form-error', role: 'alert' });
  const amendBtn = isOfficer() ? h('button', {
    type: 'button', class: 'btn btn--secondary damend-btn',
    onclick: async () => {
      amendBtn.disabled = true;
      amendErr.replaceChildren();
      try {
        const r = await directivesApi.amend(d.id);
        setFlash(t('dir.amendCreated', { number: numberOf(d) }), 'info');
        navigate(`/directives/${r.directive.id}/edit`);
      } catch (ex) {
        amendBtn.disabled = false;
        amendErr.replaceChildren(h('p', null, ex.message));
      }
    },
  }, t('dir.amend')) : null;

  return h('section', { class: 'card dissuer', 'aria-labelledby': 'dissuer-title' },
    h('h2', { id: 'dissuer-title', class: 'card-kicker' }, t('dir.delivery')),
    d.issued_at ? h('p', { class: 'hint dissued-at' }, t('dir.issuedAt', { time: fmtTime(d.issued_at) })) : null,
    h('dl', { class: 'dstats' },
      stat('dir.c.recipients', c.recipients, 'recipients'),
      stat('dir.c.opened', c.opened, 'opened'),
      stat('dir.c.acknowledged', c.acknowledged, 'acknowledged'),
      stat('dir.c.pending', c.pending ?? c.recipients - c.acknowledged, 'pending')),
    h('div', { class: 'dprogress-row' },
      h('progress', { class: 'dprogress dprogress--lg', max: Math.max(c.recipients, 1), value: c.acknowledged, 'aria-label': ackLabel }),
      h('span', { class: 'dprogress-text' }, ackLabel)),
    h('div', { class: 'dissuer-actions' },
      h('button', {
        type: 'button', class: 'btn btn--primary dto-receipts',
        onclick: () => { const el = document.getElementById('dreceipts-title'); if (el) { el.scrollIntoView({ block: 'start' }); el.focus({ preventScroll: true }); } },
      }, t('dir.toReceipts')),
      amendBtn),
    amendBtn ? h('p', { class: 'hint damend-hint' }, t('dir.amendHint')) : null,
    amendErr);
}

/**
 * The receipts of every recipient unit, filtered by state (kept in ?receipts=).
 * below: the reader's side, where the server gives the recipients below the
 * reader's unit; the section stays hidden when there are none.
 */
function receiptsSection(ctx, d, below) {
  if (d.status !== 'issued') return null;
  const progress = below ? h('p', { class: 'dprogress-text dreceipts-progress' }) : null;
  const limit = pageLimit(ctx.query);
  let filter = RECEIPT_FILTERS.includes(ctx.query.get('receipts') || '') ? (ctx.query.get('receipts') || '') : '';
  const tableBox = h('div', { class: 'dreceipts-box', id: 'dreceipts-box' }, loading());
  const rstatus = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  let seq = 0;

  async function loadReceipts() {
    const my = ++seq;
    replaceQuery(filter ? { receipts: filter } : null);
    tableBox.setAttribute('aria-busy', 'true');
    try {
      const r = await directivesApi.receipts(d.id, filter, { limit });
      if (my !== seq) return;
      if (below) {
        const c = r.counts || { recipients: 0, acknowledged: 0 };
        section.hidden = !c.recipients;
        progress.textContent = t('dir.ackOf', { n: c.acknowledged, total: c.recipients, nFmt: fmtNumber(c.acknowledged), totalFmt: fmtNumber(c.recipients) });
      }
      const items = r.items || [];
      let n = items.length;
      const say = () => { rstatus.textContent = t('dir.receiptsShown', { n, nFmt: fmtNumber(n) }); };
      say();
      const table = receiptsTable(items);
      tableBox.replaceChildren(...(items.length ? [table, moreButton(r.next_cursor, async (cursor) => {
        const p = await directivesApi.receipts(d.id, filter, { limit, cursor });
        if (my !== seq) return null;
        table.tBodies[0].append(...(p.items || []).map(receiptRow));
        n += (p.items || []).length;
        say();
        return p.next_cursor;
      })] : [emptyNote(t('dir.noReceipts'))]).filter(Boolean));
    } catch (ex) {
      if (my !== seq) return;
      tableBox.replaceChildren(errorBox(ex, loadReceipts));
    } finally {
      if (my === seq) tableBox.removeAttribute('aria-busy');
    }
  }

  const section = h('section', { class: 'card dreceipts-sec', 'aria-labelledby': 'dreceipts-title', hidden: below },
    h('h2', { class: 'dsec-title', id: 'dreceipts-title', tabindex: '-1' }, t(below ? 'dir.receiptsBelow' : 'dir.receipts')),
    progress,
    h('fieldset', { class: 'dfilter' },
      h('legend', { class: 'dfilter-legend' }, t('dir.filterReceipts')),
      h('div', { class: 'dfilter-options' }, RECEIPT_FILTERS.map((s) => h('label', { class: 'dfilter-opt' },
        h('input', { type: 'radio', name: 'dreceipts-state', value: s, checked: s === filter, class: 'dfilter-input', onchange: () => { filter = s; loadReceipts(); } }),
        h('span', { class: 'dfilter-text' }, s ? t('dir.rstate.' + s) : t('dir.state.all')))))),
    rstatus,
    tableBox);
  loadReceipts();
  return section;
}

function receiptsTable(items) {
  return h('table', { class: 'dreceipts', 'aria-labelledby': 'dreceipts-title' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('dir.col.unit')),
      h('th', { scope: 'col' }, t('dir.col.state')),
      h('th', { scope: 'col' }, t('dir.col.received')),
      h('th', { scope: 'col' }, t('dir.col.opened')),
      h('th', { scope: 'col' }, t('dir.col.acked')))),
    h('tbody', null, items.map(receiptRow)));
}

function receiptRow(r) {
  const cell = (label, ...v) => h('td', { 'data-label': label }, ...v);
  const none = t('unit.none');
  return h('tr', { 'data-unit-code': r.unit.code, 'data-state': r.state },
    h('th', { scope: 'row', class: 'dreceipts-unit' },
      h('a', { href: href('/units/' + r.unit.id) }, r.unit.name),
      h('span', { class: 'code' }, r.unit.code)),
    cell(t('dir.col.state'), stateChip(r.state)),
    cell(t('dir.col.received'), fmtTime(r.received_at)),
    cell(t('dir.col.opened'), r.opened_at ? fmtTime(r.opened_at) : none),
    cell(t('dir.col.acked'), r.acknowledged_at ? fmtTime(r.acknowledged_at) : none));
}
