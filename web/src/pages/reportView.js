// SPDX-License-Identifier: AGPL-3.0-or-later
// A unit's report on a directive ("Báo cáo kết quả"): status and number,
// the figures (live while a draft, else the submitted revision), the
// narrative per theme (saved with PATCH), submit (quick / final), the
// revisions with their SHA-256 and a verify action, comparing two
// revisions, reopening for a correction, the reviewer's accept / return,
// sending by e-mail with the delivery log, and the document downloads.
// Every action answers with the whole report, and the page redraws from it.
import { h, replace } from '../dom.js';
import { reportsApi, BASES } from '../api_reports.js';
import { directivesApi } from '../api_directives.js';
import { t, fmtDate, fmtNumber } from '../i18n.js';
import { href } from '../router.js';
import { emptyNote, errorBox } from '../ui/status.js';
import { fmtTime, isOfficer, numberOf } from './directiveCommon.js';
import { signatureCard } from './reportSignature.js';
import { levelSection } from './reportLevel.js';
import {
  downloadLinks, figureName, figuresTable, fmtValue, itemsTable, itemTotals, label, reportChip, topicName,
} from './reportCommon.js';

let lastTitle = '';
export const title = () => lastTitle || t('rep.title');

const SIGNER = ['signer_authority', 'signer_title', 'signer_name'];
const MAIL_POLL_MS = 1500;
const MAIL_POLLS = 12;

export async function render(ctx) {
  const dirId = ctx.params.id;
  const unitId = ctx.params.unit;
  const [data, dres] = await Promise.all([
    reportsApi.get(dirId, unitId),
    directivesApi.get(dirId).catch(() => null),
  ]);
  const page = h('article', { class: 'page rview' });
  const state = { dirId, unitId, themes: (dres && (dres.themes || dres.directive.themes)) || [], directive: dres ? dres.directive : null };
  draw(page, state, data, null);
  return page;
}

/** Rebuilds the page from a report answer; note: {text, kind} shown at the top and focused. */
function draw(page, st, data, note) {
  const rep = data.report || {};
  const snap = data.snapshot || {};
  const d = snap.directive || st.directive || {};
  const u = snap.unit || {};
  const revs = data.revisions || [];
  const editable = data.can_edit && (rep.status === 'draft' || rep.status === 'returned');
  lastTitle = `${t('rep.title')} · ${u.name || ''}`;
  const redraw = (next, n) => { draw(page, st, next, n); };

  const noteEl = note ? h('p', { class: `alert ${note.kind === 'error' ? 'alert--error' : 'alert--ok'} rnote`, role: note.kind === 'error' ? 'alert' : 'status', tabindex: '-1' }, note.text) : null;

  replace(page,
    h('p', { class: 'dback-row rback-row' },
      h('a', { class: 'dback', href: href('/directives/' + st.dirId) }, t('dash.backDirective', { number: numberOf(d) })),
      isOfficer() ? h('a', { class: 'dback', href: href(`/directives/${st.dirId}/dashboard`) }, t('dash.open')) : null),
    h('header', { class: 'dash-head' },
      h('p', { class: 'dash-kicker' }, t('rep.title'), ' · ', h('span', { class: 'dash-number' }, numberOf(d))),
      h('h1', { class: 'page-title', tabindex: '-1' }, u.name || ''),
      d.subject ? h('p', { class: 'dash-subject' }, `${t('dir.vv')} ${d.subject}`) : null),
    noteEl,
    statusCard(rep, revs, data, d, st.dirId),
    levelSection(st, data.level),
    signatureCard(st, data, redraw),
    figuresSection(rep, snap, data),
    // The reviewer decides after the figures, not before them.
    data.can_review && rep.status === 'submitted' ? reviewCard(st, redraw) : null,
    narrativeSection(st, rep, editable, redraw),
    editable ? submitSection(st, rep, snap, redraw) : null,
    revs.length ? revisionsSection(st, revs, rep.status) : null,
    revs.length >= 2 ? compareSection(st, revs, measures(snap)) : null,
    // The unit takes back a report still waiting; an accepted one is reopened by a level above only.
    (rep.status === 'submitted' && (data.can_edit || data.can_review)) || (rep.status === 'accepted' && data.can_review) ? reopenSection(st, redraw) : null,
    data.can_edit && rep.rev > 0 ? sendSection(st, d) : null,
    rsection('docs', t('rep.docs'),
      h('p', { class: 'hint' }, rep.rev ? t('rep.docsRev', { rev: rep.rev }) : t('rep.docsLive')),
      downloadLinks(st.dirId, st.unitId)));
  if (noteEl) setTimeout(() => noteEl.focus(), 0);
}

function rsection(key, titleText, ...children) {
  const id = `rsec-${key}-title`;
  return h('section', { class: `card dash-sec rsec rsec--${key}`, 'aria-labelledby': id },
    h('h2', { class: 'dsec-title', id, tabindex: '-1' }, titleText), ...children);
}

function busy(btn, on, textKey) {
  btn.disabled = on;
  if (textKey) btn.textContent = t(textKey);
}

/** Status, number, revision and dates; the reviewer's comment when returned. */
function statusCard(rep, revs, data, d, dirId) {
  const last = revs.length ? revs[revs.length - 1] : null;
  const returned = rep.status === 'returned' && last && last.review === 'returned';
  const row = (key, v) => (v ? h('div', { class: 'detail' }, h('dt', null, t(key)), h('dd', null, v)) : null);
  return h('section', { class: 'card rstatus', 'aria-labelledby': 'rstatus-title' },
    h('div', { class: 'rstatus-head' },
      h('h2', { class: 'card-kicker', id: 'rstatus-title' }, t('rep.statusTitle')),
      reportChip(rep.status)),
    h('p', { class: 'rstatus-text' }, t('rep.statusText.' + (rep.status || 'draft'))),
    returned ? h('div', { class: 'alert alert--warn rreturned', role: 'note' },
      h('p', { class: 'rreturned-head' }, t('rep.returnedBy', { time: fmtTime(last.reviewed_at) })),
      h('p', { class: 'rreturned-comment' }, last.comment || ''),
      // Where to correct what the reviewer asked for: the unit's figures and items for this directive.
      data.can_edit ? h('p', { class: 'rreturned-fix' },
        h('a', { class: 'btn btn--secondary btn--small', id: 'rfix-figures', href: href('/activities/figures', { d: dirId }) }, t('rep.fixFigures')), ' ',
        h('a', { class: 'btn btn--secondary btn--small', id: 'rfix-items', href: href('/activities', { d: dirId }) }, t('rep.fixItems'))) : null) : null,
    h('dl', { class: 'details rstatus-details' },
      row('rep.number', rep.number ? h('strong', { class: 'code rnumber' }, rep.number) : t('rep.noNumber')),
      row('rep.rev', rep.rev ? fmtNumber(rep.rev) : null),
      row('dir.deadline', d.report_deadline ? fmtDate(d.report_deadline) : null),
      row('rep.firstSubmitted', rep.first_submitted_at ? fmtTime(rep.first_submitted_at) : null),
      row('rep.lastSubmitted', rep.last_submitted_at && rep.last_submitted_at !== rep.first_submitted_at ? fmtTime(rep.last_submitted_at) : null),
      row('rep.acceptedAt', rep.accepted_at ? fmtTime(rep.accepted_at) : null),
      data.sha256 ? row('rep.sha', shaBox(data.sha256)) : null));
}

/**
 * The SHA-256 of a submission is for checking, not for reading: its first 12
 * characters under a plain label, the whole of it one tap away.
 */
function shaBox(sha) {
  return h('details', { class: 'rsha-box' },
    h('summary', null, h('code', { class: 'code rsha-short' }, sha.slice(0, 12) + '…'),
      h('span', { class: 'visually-hidden' }, t('rep.shaFull'))),
    h('code', { class: 'code rsha' }, sha),
    h('p', { class: 'hint' }, t('rep.shaHint')));
}

/** Accept, or return with a comment (officers of a unit above). */
function reviewCard(st, redraw) {
  const err = h('div', { class: 'form-error', role: 'alert' });
  const comment = h('textarea', { id: 'rreview-comment', class: 'input input--area', rows: 3, maxlength: 4000 });
  // Accepting locks the unit's figures: it asks for a confirmation first.
  const confirmSlot = h('div', { class: 'rev-slot' });
  const acceptBtn = h('button', {
    type: 'button', class: 'btn btn--primary raccept-btn',
    onclick: () => {
      err.replaceChildren();
      const yes = h('button', {
        type: 'button', class: 'btn btn--primary rev-confirm-yes',
        onclick: async () => {
          busy(yes, true);
          try {
            redraw(await reportsApi.accept(st.dirId, st.unitId), { text: t('rep.accepted') });
          } catch (ex) { busy(yes, false); err.append(h('p', null, ex.message)); }
        },
      }, t('rev.confirm'));
      confirmSlot.replaceChildren(h('div', { class: 'rev-confirm', role: 'alertdialog', 'aria-label': t('rev.confirm') },
        h('p', null, t('rep.acceptConfirm')),
        h('div', { class: 'rev-actions' }, yes,
          h('button', { type: 'button', class: 'btn btn--secondary', onclick: () => confirmSlot.replaceChildren() }, t('rev.cancel')))));
      yes.focus();
    },
  }, t('rep.accept'));
  const returnBtn = h('button', {
    type: 'submit', class: 'btn btn--secondary rreturn-btn',
  }, t('rep.return'));
  const form = h('form', {
    class: 'rreturn-form',
    onsubmit: async (e) => {
      e.preventDefault();
      err.replaceChildren();
      comment.removeAttribute('aria-invalid');
      if (!comment.value.trim()) {
        comment.setAttribute('aria-invalid', 'true');
        err.append(h('p', null, t('rep.commentRequired')));
        comment.focus();
        return;
      }
      busy(returnBtn, true);
      try {
        redraw(await reportsApi.returnTo(st.dirId, st.unitId, comment.value.trim()), { text: t('rep.returnedDone') });
      } catch (ex) { busy(returnBtn, false); err.append(h('p', null, ex.message)); }
    },
  },
  h('div', { class: 'field' },
    h('label', { class: 'label', for: 'rreview-comment' }, t('rep.returnComment')),
    comment,
    h('p', { class: 'hint' }, t('rep.returnHint'))),
  returnBtn);
  return h('section', { class: 'card rreview', 'aria-labelledby': 'rreview-title' },
    h('h2', { class: 'card-kicker', id: 'rreview-title' }, t('rep.review')),
    h('p', { class: 'hint' }, t('rep.reviewHint')),
    err,
    h('div', { class: 'ractions' }, acceptBtn),
    confirmSlot,
    form);
}

/** The figures and items of the snapshot shown (live roll-up or a revision). */
function figuresSection(rep, snap, data) {
  const r = snap.rollup || {};
  const live = !data.sha256;
  return rsection('figures', t('rep.figures'),
    h('p', { class: 'hint' }, live
      ? t('rep.liveNote', { date: fmtDate(snap.as_of) })
      : t('rep.revNote', { rev: snap.revision || rep.rev, number: snap.report_number || rep.number || '' })),
    figuresTable(r.figures, t('rep.figures')),
    h('h3', { class: 'dash-subtitle' }, t('dash.items')),
    itemTotals(r.item_totals),
    itemsTable(r.items, t('dash.items')),
    r.contests && (r.contests.writing || r.contests.video) ? h('p', { class: 'rcontests' },
      t('rep.contests', { w: fmtNumber(r.contests.writing || 0), v: fmtNumber(r.contests.video || 0) })) : null,
    (snap.children || []).length ? h('p', { class: 'hint' },
      t('rep.childrenNote', { n: fmtNumber(snap.children.length), counted: fmtNumber(r.units_counted || 0) })) : null);
}

/** Narrative per theme + general + signer; textareas while editable, text otherwise. */
function narrativeSection(st, rep, editable, redraw) {
  const nar = rep.narrative && typeof rep.narrative === 'object' ? rep.narrative : {};
  const themes = st.themes.length ? st.themes : [];
  const fields = [
    ...themes.map((th, i) => ({ key: String(th.id), label: `${i + 1}. ${th.title}`, area: true })),
    { key: 'general', label: t('rep.nar.general'), area: true, hint: t('rep.nar.generalHint') },
  ];
  if (!editable) {
    const filled = fields.filter((f) => (nar[f.key] || '').trim());
    const signer = SIGNER.map((k) => nar[k]).filter(Boolean);
    return rsection('narrative', t('rep.narrative'),
      filled.length ? h('dl', { class: 'rnarrative' }, filled.map((f) => h('div', { class: 'rnar-item' },
        h('dt', null, f.label), h('dd', null, nar[f.key])))) : emptyNote(t('rep.noNarrative')),
      signer.length ? h('div', { class: 'dsigner' }, signer.map((x, i) => h('p', { class: ['dsigner-authority', 'dsigner-title', 'dsigner-name'][i] }, x))) : null);
  }
  const err = h('div', { class: 'form-error', role: 'alert' });
  const saved = h('p', { class: 'rsaved', role: 'status', 'aria-live': 'polite' });
  const controls = new Map();
  const control = (f) => {
    const id = `rnar-${f.key}`;
    const c = f.area
      ? h('textarea', { id, class: 'input input--area rnar-input', rows: 4, maxlength: 20000, 'data-key': f.key })
      : h('input', { id, class: 'input', type: 'text', maxlength: 300, 'data-key': f.key, autocomplete: 'off' });
    c.value = nar[f.key] || '';
    c.addEventListener('input', () => { st.dirty = true; saved.textContent = ''; });
    controls.set(f.key, c);
    return h('div', { class: 'field rnar-field' },
      h('label', { class: 'label', for: id }, f.label),
      f.hint ? h('p', { class: 'hint rnar-hint', id: id + '-hint' }, f.hint) : null,
      c);
  };
  st.dirty = false;
  st.narrative = () => {
    const out = { ...nar };
    for (const [k, c] of controls) out[k] = c.value;
    return out;
  };
  const saveBtn = h('button', { type: 'submit', class: 'btn btn--primary rnar-save' }, t('rep.nar.save'));
  const form = h('form', {
    class: 'rnar-form',
    onsubmit: async (e) => {
      e.preventDefault();
      err.replaceChildren();
      busy(saveBtn, true, 'rep.nar.saving');
      try {
        const res = await reportsApi.saveNarrative(st.dirId, st.unitId, st.narrative());
        st.dirty = false;
        busy(saveBtn, false, 'rep.nar.save');
        saved.textContent = t('rep.nar.saved', { time: fmtTime(Math.floor(Date.now() / 1000)) });
        st.lastNarrative = res.report && res.report.narrative;
      } catch (ex) {
        busy(saveBtn, false, 'rep.nar.save');
        err.append(h('p', null, ex.message));
      }
    },
  },
  h('p', { class: 'hint' }, t('rep.nar.hint')),
  fields.map(control),
  h('fieldset', { class: 'rsigner' },
    h('legend', { class: 'rsigner-legend' }, t('rep.nar.signer')),
    SIGNER.map((k) => control({ key: k, label: t('rep.nar.' + k) }))),
  err,
  h('div', { class: 'ractions' }, saveBtn, saved));
  controls.get('signer_authority').setAttribute('placeholder', t('rep.nar.authorityPh'));
  return rsection('narrative', t('rep.narrative'), form);
}

/** Quick or final report; for units with children, which reports count. Confirm, then submit. */
function submitSection(st, rep, snap, redraw) {
  const err = h('div', { class: 'form-error', role: 'alert' });
  let kind = 'final';
  let basis = snap.basis === 'accepted_submitted' ? 'accepted_submitted' : 'accepted';
  const hasKids = (snap.children || []).length > 0;
  const radios = (name, values, cur, set, labelKey) => h('fieldset', { class: 'dfilter rchoice' },
    h('legend', { class: 'dfilter-legend' }, t(labelKey)),
    h('div', { class: 'dfilter-options' }, values.map((v) => h('label', { class: 'dfilter-opt' },
      h('input', { type: 'radio', name, value: v, checked: v === cur, class: 'dfilter-input', onchange: () => set(v) }),
      h('span', { class: 'dfilter-text' }, t(`${labelKey}.${v}`))))));
  const dialog = h('dialog', { class: 'ddialog', 'aria-labelledby': 'rsubmit-dtitle', 'aria-describedby': 'rsubmit-dtext' });
  const openBtn = h('button', { type: 'button', class: 'btn btn--primary btn--big rsubmit-btn', onclick: () => confirmSubmit() },
    rep.status === 'returned' ? t('rep.resubmit') : t('rep.submit'));

  function confirmSubmit() {
    err.replaceChildren();
    const go = h('button', { type: 'button', class: 'btn btn--primary', 'data-act': 'confirm' }, t('rep.submitConfirm'));
    const back = h('button', { type: 'button', class: 'btn btn--secondary', 'data-act': 'cancel', onclick: () => dialog.close() }, t('dir.ed.issueCancel'));
    go.addEventListener('click', async () => {
      busy(go, true, 'rep.submitting');
      back.disabled = true;
      try {
        if (st.dirty && st.narrative) await reportsApi.saveNarrative(st.dirId, st.unitId, st.narrative());
        const res = await reportsApi.submit(st.dirId, st.unitId, kind, basis);
        dialog.close();
        redraw(res, { text: t('rep.submitted', { number: res.report.number || '', rev: res.report.rev }) });
      } catch (ex) {
        dialog.close();
        err.append(h('p', null, ex.message));
      }
    });
    dialog.replaceChildren(
      h('h2', { id: 'rsubmit-dtitle', class: 'ddialog-title' }, t('rep.submitTitle')),
      h('p', { id: 'rsubmit-dtext', class: 'ddialog-text' },
        h('strong', { class: 'ddialog-count' }, t('rep.kind.' + kind)),
        t('rep.submitWarn')),
      h('div', { class: 'ddialog-buttons' }, back, go));
    dialog.addEventListener('close', () => { if (document.contains(openBtn)) openBtn.focus(); }, { once: true });
    dialog.showModal();
    back.focus();
  }

  return rsection('submit', t('rep.submitSection'),
    h('p', { class: 'hint' }, t('rep.submitHint')),
    radios('rkind', ['quick', 'final'], kind, (v) => { kind = v; }, 'rep.kind'),
    hasKids ? radios('rbasis', BASES, basis, (v) => { basis = v; }, 'dash.basis') : null,
    err,
    openBtn,
    dialog);
}

/** Each submission: number, kind, time, review, comment, SHA-256 with a verify button, its PDF. */
function revisionsSection(st, revs, status) {
  const rows = revs.slice().reverse().map((r) => {
    const out = h('span', { class: 'rverify-out', role: 'status', 'aria-live': 'polite' });
    const btn = h('button', {
      type: 'button', class: 'btn btn--secondary btn--small rverify-btn', 'data-rev': r.rev,
      'aria-label': t('rep.verifyRev', { rev: r.rev }),
      onclick: async () => {
        busy(btn, true);
        out.replaceChildren();
        out.className = 'rverify-out';
        try {
          const v = await reportsApi.verify(st.dirId, st.unitId, r.rev);
          out.classList.add(v.ok ? 'rverify-out--ok' : 'rverify-out--bad');
          out.append(v.ok ? t('rep.verifyOk') : t('rep.verifyBad', { computed: v.computed }));
        } catch (ex) {
          out.classList.add('rverify-out--bad');
          out.append(ex.message);
        } finally { busy(btn, false); }
      },
    }, t('rep.verify'));
    // A revision without a verdict is pending only while it is the last one; else it was reopened.
    const lastRev = revs[revs.length - 1].rev;
    const review = r.review ? h('span', { class: `chip rchip rchip--${r.review}` }, t('rep.status.' + r.review))
      : r.rev === lastRev && status === 'submitted' ? h('span', { class: 'chip rchip rchip--submitted' }, t('rep.pending'))
        : h('span', { class: 'chip rchip rchip--draft' }, t('rep.superseded'));
    return h('li', { class: 'rrev', 'data-rev': r.rev },
      h('div', { class: 'rrev-head' },
        h('strong', { class: 'rrev-no' }, t('rep.revN', { rev: r.rev })),
        h('span', { class: 'chip rchip--kind' }, t('rep.kind.' + r.kind)),
        review,
        h('span', { class: 'rrev-time' }, fmtTime(r.submitted_at))),
      r.comment ? h('p', { class: 'rrev-comment' }, h('span', { class: 'rrev-label' }, t('rep.comment'), ' '), r.comment) : null,
      r.reviewed_at ? h('p', { class: 'hint' }, t('rep.reviewedAt', { time: fmtTime(r.reviewed_at) })) : null,
      h('div', { class: 'rrev-sha' }, h('span', { class: 'rrev-label' }, t('rep.sha'), ' '), shaBox(r.sha256)),
      h('div', { class: 'rrev-actions' }, btn,
        h('a', { class: 'btn btn--secondary btn--small', href: `/api/v1/directives/${encodeURIComponent(st.dirId)}/units/${encodeURIComponent(st.unitId)}/report/document?format=pdf&rev=${r.rev}`, download: '' }, t('rep.revPdf')),
        out));
  });
  // The last revision as an edXML message (QCVN 102:2016), for an e-office system.
  const edxml = h('p', { class: 'redxml' }, h('a', { class: 'btn btn--secondary btn--small', href: `/api/v1/directives/${encodeURIComponent(st.dirId)}/units/${encodeURIComponent(st.unitId)}/report/edxml`, download: '' }, t('rep.edxml')));
  return rsection('revisions', t('rep.revisions'), h('p', { class: 'hint' }, t('rep.revisionsHint')), h('ol', { class: 'rrevs' }, rows), edxml);
}

/** Compare two revisions: a table of the changes. */
/** code → measure of the figures shown, so changes in money read as money. */
function measures(snap) {
  return new Map(((snap.rollup || {}).figures || []).map((f) => [f.code, f.measure]));
}

function compareSection(st, revs, measureOf) {
  const opts = (sel) => revs.map((r) => h('option', { value: r.rev, selected: r.rev === sel }, t('rep.revN', { rev: r.rev })));
  const from = h('select', { id: 'rcmp-from', class: 'input' }, opts(revs[revs.length - 2].rev));
  const to = h('select', { id: 'rcmp-to', class: 'input' }, opts(revs[revs.length - 1].rev));
  const out = h('div', { class: 'rcmp-out', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn--secondary' }, t('rep.compareGo'));
  const form = h('form', {
    class: 'rcmp-form',
    onsubmit: async (e) => {
      e.preventDefault();
      busy(btn, true);
      try {
        const c = await reportsApi.compare(st.dirId, st.unitId, from.value, to.value);
        replace(out, changesTable(c, measureOf, st.themes));
      } catch (ex) {
        replace(out, errorBox(ex));
      } finally { busy(btn, false); }
    },
  },
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'rcmp-from' }, t('rep.compareFrom')), from),
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'rcmp-to' }, t('rep.compareTo')), to),
  btn);
  return rsection('compare', t('rep.compare'), form, out);
}

/** What a change is about, in words: the indicator, the item count or the feedback topic, never its code. */
function changeName(ch, themes = []) {
  if (ch.what === 'narrative') {
    const i = themes.findIndex((th) => String(th.id) === ch.key);
    if (i >= 0) return `${i + 1}. ${themes[i].title}`;
    return ch.key === 'general' || SIGNER.includes(ch.key) ? t('rep.nar.' + ch.key) : ch.key;
  }
  if (ch.what === 'figure') return figureName({ code: ch.key, name: ch.name, name_en: ch.name_en });
  if (ch.what === 'items') return label('rep.items.', ch.key);
  if (ch.what === 'contests') return label('dash.contest.', ch.key);
  if (ch.what === 'feedback') return topicName(ch.key);
  return ch.name || ch.key;
}

function changesTable(c, measureOf, themes) {
  // A value saved again unchanged is no change.
  const changes = (c.changes || []).filter((ch) => ch.old !== ch.new);
  if (!changes.length) return emptyNote(t('rep.noChanges', { from: c.from, to: c.to }));
  const m = (ch) => ch.measure || (ch.what === 'figure' ? measureOf.get(ch.key) : null);
  const val = (x, ch) => (typeof x === 'number' ? fmtValue(x, m(ch)) : x == null ? t('unit.none') : String(x));
  // A narrative paragraph is text: shown whole, left-aligned, not as a number.
  const cell = (x, ch) => h('td', { class: ch.what === 'narrative' ? 'rchange-text' : 'num' }, val(x, ch));
  return h('div', { class: 'rtable-wrap' }, h('table', { class: 'rtable rchanges' },
    h('caption', null, t('rep.changesCaption', { from: c.from, to: c.to })),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('rep.col.what')),
      h('th', { scope: 'col', class: 'num' }, t('rep.revN', { rev: c.from })),
      h('th', { scope: 'col', class: 'num' }, t('rep.revN', { rev: c.to })),
      h('th', { scope: 'col', class: 'num' }, t('rep.col.delta')))),
    h('tbody', null, changes.map((ch) => {
      const delta = typeof ch.delta === 'number' ? ch.delta : null;
      return h('tr', { 'data-what': ch.what, 'data-key': ch.key },
        h('th', { scope: 'row' }, h('span', { class: 'rchange-what' }, t('rep.what.' + ch.what)), ' ', changeName(ch, themes)),
        cell(ch.old, ch),
        cell(ch.new, ch),
        h('td', { class: ['num', delta > 0 ? 'rdelta--up' : delta < 0 ? 'rdelta--down' : null] },
          delta === null ? '' : (delta > 0 ? '+' : '') + fmtValue(delta, m(ch))));
    }))));
}

/** Reopen a submitted or accepted report for a correction, with a reason. */
function reopenSection(st, redraw) {
  const err = h('div', { class: 'form-error', role: 'alert' });
  const reason = h('textarea', { id: 'rreopen-reason', class: 'input input--area', rows: 2, maxlength: 4000 });
  const btn = h('button', { type: 'submit', class: 'btn btn--secondary rreopen-btn' }, t('rep.reopen'));
  return rsection('reopen', t('rep.reopenTitle'),
    h('form', {
      class: 'rreopen-form',
      onsubmit: async (e) => {
        e.preventDefault();
        err.replaceChildren();
        reason.removeAttribute('aria-invalid');
        if (!reason.value.trim()) {
          reason.setAttribute('aria-invalid', 'true');
          err.append(h('p', null, t('rep.reasonRequired')));
          reason.focus();
          return;
        }
        busy(btn, true);
        try {
          redraw(await reportsApi.reopen(st.dirId, st.unitId, reason.value.trim()), { text: t('rep.reopened') });
        } catch (ex) { busy(btn, false); err.append(h('p', null, ex.message)); }
      },
    },
    h('p', { class: 'hint' }, t('rep.reopenHint')),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'rreopen-reason' }, t('rep.reopenReason')), reason),
    err, btn));
}

/** Send the report by e-mail and follow the delivery: each attempt with the server's reply. */
function sendSection(st, d) {
  const err = h('div', { class: 'form-error', role: 'alert' });
  const to = h('input', { id: 'rsend-to', class: 'input', type: 'email', autocomplete: 'email', maxlength: 254, placeholder: d.report_email || '' });
  const log = h('div', { class: 'rmail-box', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn--secondary rsend-btn' }, t('rep.send'));
  let polls = 0;
  let timer = null;

  async function refresh() {
    try {
      const r = await reportsApi.mail(st.dirId, st.unitId);
      if (!document.contains(log)) return;
      replace(log, mailLog(r.items || []));
      const pending = (r.items || []).some((m) => m.status === 'queued');
      if (pending && polls++ < MAIL_POLLS) timer = setTimeout(refresh, MAIL_POLL_MS);
    } catch (ex) {
      if (document.contains(log)) replace(log, errorBox(ex));
    }
  }
  refresh();

  return rsection('send', t('rep.sendTitle'),
    h('form', {
      class: 'rsend-form',
      onsubmit: async (e) => {
        e.preventDefault();
        err.replaceChildren();
        busy(btn, true);
        try {
          const r = await reportsApi.send(st.dirId, st.unitId, to.value.trim());
          replace(log, mailLog(r.mail || []));
          polls = 0;
          clearTimeout(timer);
          timer = setTimeout(refresh, MAIL_POLL_MS);
        } catch (ex) { err.append(h('p', null, ex.message)); } finally { busy(btn, false); }
      },
    },
    h('div', { class: 'field' },
      h('label', { class: 'label', for: 'rsend-to' }, t('rep.sendTo')),
      to,
      h('p', { class: 'hint' }, d.report_email ? t('rep.sendHint', { email: d.report_email }) : t('rep.sendHintNone'))),
    err, btn),
    h('h3', { class: 'dash-subtitle' }, t('rep.mailLog')),
    log);
}

function mailLog(items) {
  if (!items.length) return emptyNote(t('rep.noMail'));
  return h('ol', { class: 'rmail' }, items.slice().reverse().map((m) => h('li', { class: 'rmail-item', 'data-mail-id': m.id, 'data-status': m.status },
    h('div', { class: 'rmail-head' },
      h('span', { class: `chip rmail-chip rmail-chip--${m.status}` }, t('rep.mail.' + m.status)),
      h('span', { class: 'rmail-to break' }, m.to),
      h('span', { class: 'rmail-time' }, fmtTime(m.created_at))),
    m.subject ? h('p', { class: 'rmail-subject' }, m.subject) : null,
    h('p', { class: 'hint' }, t('rep.mailAttempts', { n: fmtNumber(m.attempts || 0) }),
      m.sent_at ? ` · ${t('rep.mailSentAt', { time: fmtTime(m.sent_at) })}` : ''),
    (m.log || []).length ? h('ol', { class: 'rmail-log' }, m.log.map((x) => h('li', { class: x.ok ? 'rmail-ok' : 'rmail-fail' },
      h('span', { class: 'rmail-at' }, fmtTime(x.at)), ' ',
      h('span', { class: 'visually-hidden' }, x.ok ? t('rep.mailOk') : t('rep.mailFail')),
      h('code', { class: 'code rmail-reply' }, x.reply || '')))) : null)));
}

