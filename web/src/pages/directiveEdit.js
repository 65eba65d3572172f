// SPDX-License-Identifier: AGPL-3.0-or-later
// The directive editor (officers): every field of a draft, themes and items
// as add/remove/reorder lists, recipients by rule or chosen units, save, and
// issue after a confirm step that says how many units will receive it.
// "Nhập từ văn bản" sends a .txt/.docx letter to the parser and opens the
// prefilled draft with the parser's notes to review.
import { h, icon } from '../dom.js';
import { api, ApiError } from '../api.js';
import { directivesApi, DIRECTIVE_FIELDS } from '../api_directives.js';
import { t, fmtNumber } from '../i18n.js';
import { href, navigate } from '../router.js';
import { session } from '../session.js';
import {
  fmtTime, isOfficer, noteText, numberOf, setFlash, setImportNotes, getImportNotes, takeFlash,
} from './directiveCommon.js';
import {
  boundField, clearAllErrors, iconBtn, ICON_PLUS, ICON_X, refocus, rowTools, showFieldError, stringList, unitSearch,
} from './directiveForm.js';
import { indicatorPicker } from '../ui/indicatorPicker.js';

let lastTitle = '';
const AUTHORITIES = ['TM. BAN THƯỜNG VỤ', 'TM. BAN CHẤP HÀNH', 'KT. CHỦ TỊCH', 'Q. CHỦ TỊCH', 'TL. BAN THƯỜNG VỤ', 'TUQ. CHỦ TỊCH'];

/** The editable fields of doc as a mutable model with no nulls in lists. */
export function toModel(doc) {
  const d = doc || {};
  const s = (v) => (typeof v === 'string' ? v : '');
  const strs = (v) => (Array.isArray(v) ? v.map(s) : []);
  const rec = d.recipients || {};
  return {
    number: s(d.number), place: s(d.place), date: s(d.date), subject: s(d.subject), motto: s(d.motto),
    recipients: {
      mode: rec.mode || 'grassroots_under',
      unit_id: rec.unit_id || (session.user && session.user.unit ? session.user.unit.id : null),
      unit_ids: Array.isArray(rec.unit_ids) ? rec.unit_ids.slice() : [],
    },
    references: (d.references || []).map((r) => ({ number: s(r.number), date: s(r.date), issuer: s(r.issuer), directive_id: r.directive_id || null })),
    themes: (d.themes || []).map((x) => ({ title: s(x.title), items: strs(x.items) })),
    tasks: strs(d.tasks), indicators: strs(d.indicators), contests: strs(d.contests),
    report_deadline: s(d.report_deadline), report_email: s(d.report_email),
    signer: { authority: s(d.signer && d.signer.authority), title: s(d.signer && d.signer.title), name: s(d.signer && d.signer.name) },
    cc: strs(d.cc),
  };
}

/**
 * The model as the API takes it. Blank rows are left out; `paths` maps each
 * sent path prefix ("themes[1]") back to the row on screen ("themes[2]") so
 * errors still land on the right input.
 */
export function toBody(m) {
  const paths = new Map();
  const str = (v) => (v.trim() ? v.trim() : null);
  const list = (name, arr) => {
    const out = [];
    arr.forEach((v, i) => { if (v.trim()) { paths.set(`${name}[${out.length}]`, `${name}[${i}]`); out.push(v.trim()); } });
    return out;
  };
  const themes = [];
  m.themes.forEach((th, i) => {
    const items = [];
    th.items.forEach((v, j) => { if (v.trim()) { paths.set(`themes[${themes.length}].items[${items.length}]`, `themes[${i}].items[${j}]`); items.push(v.trim()); } });
    if (!th.title.trim() && !items.length) return;
    paths.set(`themes[${themes.length}]`, `themes[${i}]`);
    themes.push({ title: th.title.trim(), items });
  });
  const references = [];
  m.references.forEach((r, i) => {
    if (!r.number.trim() && !r.date.trim() && !r.issuer.trim()) return;
    paths.set(`references[${references.length}]`, `references[${i}]`);
    const o = { number: r.number.trim(), date: str(r.date), issuer: str(r.issuer) };
    if (r.directive_id) o.directive_id = r.directive_id;
    references.push(o);
  });
  const rec = m.recipients.mode === 'units'
    ? { mode: 'units', unit_ids: m.recipients.unit_ids.slice() }
    : { mode: m.recipients.mode, unit_id: m.recipients.unit_id };
  const body = {
    number: str(m.number), place: str(m.place), date: str(m.date), subject: str(m.subject), motto: str(m.motto),
    recipients: rec, references, themes,
    tasks: list('tasks', m.tasks), indicators: list('indicators', m.indicators), contests: list('contests', m.contests),
    report_deadline: str(m.report_deadline), report_email: str(m.report_email),
    signer: { authority: str(m.signer.authority), title: str(m.signer.title), name: str(m.signer.name) },
    cc: list('cc', m.cc),
  };
  for (const k of Object.keys(body)) if (!DIRECTIVE_FIELDS.includes(k)) delete body[k];
  return { body, paths };
}

/** Server path → on-screen path, using the longest mapped prefix. */
export function screenPath(paths, field) {
  let best = '';
  for (const k of paths.keys()) if ((field === k || field.startsWith(k + '.') || field.startsWith(k + '[')) && k.length > best.length) best = k;
  return best ? paths.get(best) + field.slice(best.length) : field;
}

export async function render(ctx) {
  const id = ctx.params.id || null;
  if (!isOfficer()) {
    lastTitle = t('dir.ed.titleNew');
    return h('section', { class: 'page' },
      h('h1', { class: 'page-title', tabindex: '-1' }, lastTitle),
      h('p', { class: 'alert alert--info', role: 'note' }, t('dir.officersOnly')));
  }
  let meta = null;
  const indicatorLabels = new Map(); // code → catalogue row: the picker shows labels, never codes
  if (id) {
    const r = await directivesApi.get(id);
    meta = r.directive;
    (r.indicators || []).forEach((x) => indicatorLabels.set(x.code, x));
    if (meta.status !== 'draft' || r.access !== 'issuer') {
      lastTitle = numberOf(meta);
      return h('section', { class: 'page' },
        h('h1', { class: 'page-title', tabindex: '-1' }, numberOf(meta)),
        h('p', { class: 'alert alert--info', role: 'note' }, t('dir.ed.notDraft')),
        h('p', null, h('a', { href: href('/directives/' + meta.id) }, t('dir.ed.toView'))));
    }
  }
  const m = toModel(meta);
  lastTitle = id ? t('dir.ed.titleEdit', { number: numberOf(meta) }) : t('dir.ed.titleNew');
  const unitNames = new Map();
  if (session.user && session.user.unit) unitNames.set(session.user.unit.id, session.user.unit.name);

  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const announce = (text) => { announcer.textContent = ''; setTimeout(() => { announcer.textContent = text; }, 30); };
  const summary = h('div', { class: 'form-error', role: 'alert' });
  const saved = h('p', { class: 'dsaved', role: 'status', 'aria-live': 'polite' });

  // ---- context: cascade / amendment / imported letter
  const refNumber = (did) => { const x = m.references.find((r) => r.directive_id === did); return x ? x.number : `#${did}`; };
  const context = meta && (meta.implements_id || meta.amends_id) ? h('p', { class: 'alert alert--info dctx' },
    meta.amends_id ? t('dir.ed.amendsCtx') : t('dir.ed.implementsCtx'), ' ',
    h('a', { href: href('/directives/' + (meta.amends_id || meta.implements_id)) }, refNumber(meta.amends_id || meta.implements_id))) : null;
  // A signed draft: saving a change voids its signature (directive_sign.h); say so before the officer types.
  const signedNote = h('div');
  if (id) {
    directivesApi.signature(id).then((st) => {
      if (st.signed) signedNote.replaceChildren(h('p', { class: 'alert alert--warn dsigned-note', role: 'note' }, t('dsig.editWarn', { name: st.signature.signed_by })));
    }).catch(() => { /* the note is a help, not essential */ });
  }
  const notes = id ? getImportNotes(id) : null;
  const notesBox = notes && notes.length ? h('section', { class: 'alert alert--warn dnotes', 'aria-labelledby': 'dnotes-title' },
    h('h2', { id: 'dnotes-title', class: 'dnotes-title' }, t('dir.ed.notesTitle')),
    h('ul', null, notes.map((n) => h('li', null, noteText(n))))) : null;

  // ---- import from a letter (new drafts)
  const importCard = id ? null : importBlock(ctx.query.get('import') === '1');

  // ---- recipients
  const recBox = h('div', { class: 'drec-body' });
  function drawRecipients() {
    const rec = m.recipients;
    const kids = [];
    if (rec.mode === 'units') {
      const chosen = rec.unit_ids.map((uid, i) => h('li', { class: 'upick-chosen-item' },
        h('span', null, unitNames.get(uid) || `#${uid}`),
        iconBtn(ICON_X, t('dir.ed.removeUnit', { name: unitNames.get(uid) || uid }), () => { rec.unit_ids.splice(i, 1); drawRecipients(); announce(t('dir.ed.unitRemoved')); })));
      kids.push(h('div', { class: 'field', 'data-field': 'recipients.unit_ids' },
        h('p', { class: 'label', id: 'drec-chosen-label' }, t('dir.ed.chosenUnits', { n: rec.unit_ids.length })),
        chosen.length ? h('ul', { class: 'upick-chosen', 'aria-labelledby': 'drec-chosen-label' }, chosen) : h('p', { class: 'slist-empty' }, t('dir.ed.noUnits')),
        unitSearch(t('dir.ed.addUnit'), (u) => {
          unitNames.set(u.id, u.name);
          if (!rec.unit_ids.includes(u.id)) rec.unit_ids.push(u.id);
          drawRecipients();
          announce(t('dir.ed.unitAdded', { name: u.name }));
        })));
    } else {
      const name = h('strong', { class: 'upick-current-name' }, rec.unit_id ? (unitNames.get(rec.unit_id) || '…') : t('dir.ed.noUnit'));
      if (rec.unit_id && !unitNames.has(rec.unit_id)) {
        api.unit(rec.unit_id).then((r) => { unitNames.set(rec.unit_id, r.unit.name); name.textContent = r.unit.name; }).catch(() => { name.textContent = `#${rec.unit_id}`; });
      }
      kids.push(h('div', { class: 'field', 'data-field': 'recipients.unit_id' },
        h('p', { class: 'upick-current' }, t(rec.mode === 'children_of' ? 'dir.rec.childrenOf' : 'dir.rec.grassrootsUnder'), ' ', name),
        unitSearch(t('dir.ed.changeUnit'), (u) => {
          unitNames.set(u.id, u.name);
          rec.unit_id = u.id;
          drawRecipients();
          announce(t('dir.ed.unitChosen', { name: u.name }));
        })));
    }
    recBox.replaceChildren(...kids);
  }
  drawRecipients();
  const modes = ['grassroots_under', 'children_of', 'units'];
  const recipients = h('fieldset', { class: 'dfs', 'data-field': 'recipients' },
    h('legend', { class: 'dfs-legend' }, t('dir.ed.recipients')),
    h('div', { class: 'dradios', 'data-field': 'recipients.mode' }, modes.map((mode) => h('label', { class: 'dradio' },
      h('input', { type: 'radio', name: 'drec-mode', value: mode, checked: m.recipients.mode === mode, onchange: () => { m.recipients.mode = mode; drawRecipients(); } }),
      h('span', null, t('dir.ed.mode.' + mode))))),
    recBox);

  // ---- references
  const refsBox = h('div', { class: 'slist', 'data-field': 'references' });
  function drawRefs(focusIdx, what) {
    const rows = m.references.map((r, i) => {
      const name = `${t('dir.ed.ref')} ${i + 1}`;
      return h('li', { class: 'slist-row dref-row', 'data-field': `references[${i}]` },
        h('div', { class: 'dref-fields' },
          boundField(`references[${i}].number`, 'dir.ed.refNumber', r, 'number', { wrapClass: 'dref-number' }),
          boundField(`references[${i}].date`, 'dir.ed.refDate', r, 'date', { date: true, wrapClass: 'dref-date' }),
          boundField(`references[${i}].issuer`, 'dir.ed.refIssuer', r, 'issuer', { wrapClass: 'dref-issuer' })),
        rowTools(m.references, i, name, drawRefs));
    });
    refsBox.replaceChildren(
      rows.length ? h('ol', { class: 'slist-rows' }, rows) : h('p', { class: 'slist-empty' }, t('dir.ed.noRefs')),
      h('button', { type: 'button', class: 'btn btn--ghost slist-add', onclick: () => { m.references.push({ number: '', date: '', issuer: '', directive_id: null }); drawRefs(m.references.length - 1, 'add'); } },
        icon(ICON_PLUS), t('dir.ed.addRef')));
    if (what) refocus(refsBox, focusIdx, what, { announce }, m.references.length);
  }
  drawRefs();

  // ---- themes with their items
  const themesBox = h('div', { class: 'slist dthemes-ed', 'data-field': 'themes' });
  function drawThemes(focusIdx, what) {
    const rows = m.themes.map((th, i) => {
      const name = `${t('dir.ed.theme')} ${i + 1}`;
      return h('li', { class: 'slist-row dtheme-ed', 'data-field': `themes[${i}]` },
        h('div', { class: 'dtheme-ed-head' },
          h('span', { class: 'dtheme-ed-num', 'aria-hidden': 'true' }, String(i + 1)),
          rowTools(m.themes, i, name, drawThemes)),
        boundField(`themes[${i}].title`, null, th, 'title', { labelText: t('dir.ed.themeTitle', { n: i + 1 }), textarea: true, rows: 2, class: 'dtheme-title-input' }),
        h('div', { class: 'dtheme-items' },
          h('p', { class: 'label label--sub' }, t('dir.ed.items')),
          stringList(`themes[${i}].items`, th.items, { itemKey: 'dir.ed.item', addKey: 'dir.ed.addItem', textarea: true, announce, emptyKey: 'dir.ed.noItems' })));
    });
    themesBox.replaceChildren(
      rows.length ? h('ol', { class: 'slist-rows' }, rows) : h('p', { class: 'slist-empty' }, t('dir.ed.noThemes')),
      h('button', { type: 'button', class: 'btn btn--secondary slist-add', onclick: () => { m.themes.push({ title: '', items: [''] }); drawThemes(m.themes.length - 1, 'add'); } },
        icon(ICON_PLUS), t('dir.ed.addTheme')));
    if (what) refocus(themesBox, focusIdx, what, { announce }, m.themes.length);
  }
  drawThemes();

  const fs = (key, ...kids) => h('fieldset', { class: 'dfs' }, h('legend', { class: 'dfs-legend' }, t(key)), ...kids);
  const authList = h('datalist', { id: 'dauthorities' }, AUTHORITIES.map((a) => h('option', { value: a })));

  const form = h('form', { class: 'deditor', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
    fs('dir.ed.general',
      h('div', { class: 'dgrid' },
        boundField('number', 'dir.ed.number', m, 'number', { hint: t('dir.ed.numberHint'), wrapClass: 'dgrid-half' }),
        boundField('date', 'dir.ed.date', m, 'date', { date: true, hint: t('dir.ed.dateHint'), wrapClass: 'dgrid-half' })),
      boundField('place', 'dir.ed.place', m, 'place'),
      boundField('subject', 'dir.ed.subject', m, 'subject', { textarea: true, rows: 3, hint: t('dir.ed.subjectHint') }),
      boundField('motto', 'dir.ed.motto', m, 'motto', { textarea: true, rows: 2 })),
    recipients,
    fs('dir.ed.references', refsBox),
    fs('dir.themes', themesBox),
    fs('dir.tasks', stringList('tasks', m.tasks, { itemKey: 'dir.ed.task', addKey: 'dir.ed.addTask', textarea: true, announce, emptyKey: 'dir.ed.noTasks' })),
    fs('dir.indicators', h('p', { class: 'hint' }, t('dir.ed.indicatorsHint')),
      indicatorPicker('indicators', m.indicators, indicatorLabels, { announce })),
    fs('dir.contests', h('p', { class: 'hint' }, t('dir.ed.contestsHint')), stringList('contests', m.contests, { itemKey: 'dir.ed.contest', addKey: 'dir.ed.addContest', announce })),
    fs('dir.report',
      h('div', { class: 'dgrid' },
        boundField('report_deadline', 'dir.deadline', m, 'report_deadline', { date: true, hint: t('dir.ed.dateHint'), wrapClass: 'dgrid-half' }),
        boundField('report_email', 'dir.reportEmail', m, 'report_email', { type: 'email', autocomplete: 'email', inputmode: 'email', wrapClass: 'dgrid-half' }))),
    fs('dir.ed.signer',
      authList,
      boundField('signer.authority', 'dir.ed.authority', m.signer, 'authority', { list: 'dauthorities', hint: t('dir.ed.authorityHint') }),
      boundField('signer.title', 'dir.ed.signerTitle', m.signer, 'title'),
      boundField('signer.name', 'dir.ed.signerName', m.signer, 'name')),
    fs('dir.cc', stringList('cc', m.cc, { itemKey: 'dir.ed.ccItem', addKey: 'dir.ed.addCc', announce })),
    h('div', { class: 'dbar' },
      saved,
      h('div', { class: 'dbar-buttons' },
        h('button', { type: 'submit', class: 'btn btn--secondary dsave-btn' }, t('dir.ed.save')),
        h('button', { type: 'button', class: 'btn btn--primary dissue-btn', onclick: () => startIssue() }, t('dir.ed.issue')))));

  let currentId = id;

  function showError(ex, paths) {
    clearAllErrors(form);
    const where = ex.field ? screenPath(paths || new Map(), ex.field) : '';
    const control = where ? showFieldError(form, where, ex.message) : null;
    summary.replaceChildren(h('p', null, ex.message));
    if (control) {
      summary.append(' ', h('a', { href: '#', class: 'dto-field', onclick: (e) => { e.preventDefault(); control.focus(); } }, t('dir.ed.toField')));
      control.focus();
      control.scrollIntoView({ block: 'center' });
    } else summary.focus && summary.scrollIntoView({ block: 'center' });
  }

  const buttons = () => form.querySelectorAll('.dbar-buttons .btn');
  const busy = (on) => { buttons().forEach((b) => { b.disabled = on; }); form.setAttribute('aria-busy', String(on)); };

  /** Saves; returns the id, or null after showing the error. */
  async function save({ quiet = false } = {}) {
    const { body, paths } = toBody(m);
    summary.replaceChildren();
    clearAllErrors(form);
    busy(true);
    try {
      if (currentId) {
        await directivesApi.update(currentId, body);
        if (!quiet) saved.textContent = t('dir.ed.savedAt', { time: fmtTime(Math.floor(Date.now() / 1000)).slice(-5) });
        return currentId;
      }
      const r = await directivesApi.create(body);
      currentId = r.directive.id;
      // Saved on the way to issuing: give the page the draft's address without re-rendering.
      if (quiet) history.replaceState(history.state, '', href(`/directives/${currentId}/edit`));
      else {
        setFlash(t('dir.ed.created'), 'ok');
        navigate(`/directives/${currentId}/edit`);
      }
      return currentId;
    } catch (ex) {
      showError(ex, paths);
      return null;
    } finally {
      busy(false);
    }
  }

  // ---- issue: save, count the recipients, confirm, issue
  const dialog = h('dialog', { class: 'ddialog', 'aria-labelledby': 'ddialog-title', 'aria-describedby': 'ddialog-text' });
  async function startIssue() {
    const did = await save({ quiet: true });
    if (!did) return;
    saved.textContent = t('dir.ed.counting');
    let n = null;
    // The server rehearses the issue (dry run): it says exactly how many units would
    // receive it, or what stands in the way (a taken number, a missing field), which is
    // shown next to its field at once instead of after the confirm step.
    try {
      n = (await directivesApi.issueDryRun(did)).recipients;
    } catch (ex) {
      saved.textContent = '';
      if (ex instanceof ApiError && ex.status >= 400 && ex.status < 500) {
        showError(ex, toBody(m).paths);
        return;
      }
      n = null;
    }
    saved.textContent = '';
    const opener = form.querySelector('.dissue-btn');
    const confirmBtn = h('button', { type: 'button', class: 'btn btn--primary', 'data-act': 'confirm' }, t('dir.ed.issueConfirm'));
    const cancelBtn = h('button', { type: 'button', class: 'btn btn--secondary', 'data-act': 'cancel', onclick: () => dialog.close() }, t('dir.ed.issueCancel'));
    const dErr = h('div', { class: 'form-error', role: 'alert' });
    let refocusOpener = true; // not when an error sends focus to its field
    confirmBtn.addEventListener('click', async () => {
      confirmBtn.disabled = true;
      cancelBtn.disabled = true;
      confirmBtn.textContent = t('dir.ed.issuing');
      try {
        const r = await directivesApi.issue(did);
        const got = r.counts ? r.counts.recipients : n;
        dialog.close();
        setFlash(t('dir.ed.issuedTo', { number: numberOf(r.directive), n: got, nFmt: fmtNumber(got) }), 'ok');
        navigate(`/directives/${did}`);
      } catch (ex) {
        refocusOpener = false;
        dialog.close();
        showError(ex, toBody(m).paths);
      }
    });
    dialog.replaceChildren(
      h('h2', { id: 'ddialog-title', class: 'ddialog-title' }, t('dir.ed.issueTitle', { number: m.number.trim() || t('dir.noNumber') })),
      h('p', { id: 'ddialog-text', class: 'ddialog-text' },
        n === null ? t('dir.ed.issueUnknown') : h('strong', { class: 'ddialog-count', 'data-count': n }, t('dir.ed.issueCount', { n, nFmt: fmtNumber(n) })),
        ' ', t('dir.ed.issueFinal')),
      dErr,
      h('div', { class: 'ddialog-buttons' }, cancelBtn, confirmBtn));
    dialog.addEventListener('close', () => { if (refocusOpener && opener && document.contains(opener)) opener.focus(); }, { once: true });
    dialog.showModal();
    cancelBtn.focus(); // issuing cannot be undone: the safe choice has focus
  }

  return h('section', { class: 'page dedit-page' },
    h('p', { class: 'dback-row' }, h('a', { class: 'dback', href: href('/directives/issued') }, t('dir.backIssued'))),
    h('h1', { class: 'page-title', tabindex: '-1' }, lastTitle),
    takeFlash(),
    context,
    signedNote,
    notesBox,
    importCard,
    summary,
    announcer,
    form,
    dialog);
}

export const title = () => lastTitle || t('dir.ed.titleNew');

/** Upload a letter (.txt or .docx) → a new draft prefilled by the parser. */
function importBlock(focus) {
  const fid = 'dimport-file';
  const err = h('div', { class: 'form-error', role: 'alert' });
  const file = h('input', {
    id: fid, type: 'file', class: 'input input--file', accept: '.txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'aria-describedby': fid + '-hint',
  });
  const btn = h('button', { type: 'submit', class: 'btn btn--primary' }, t('dir.ed.importRun'));
  const formEl = h('form', {
    class: 'card dimport', 'aria-labelledby': 'dimport-title', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      err.replaceChildren();
      const f = file.files && file.files[0];
      if (!f) { err.replaceChildren(h('p', null, t('dir.ed.importPick'))); file.focus(); return; }
      btn.disabled = true;
      btn.textContent = t('dir.ed.importBusy');
      try {
        const r = await directivesApi.parse(f, true);
        setImportNotes(r.id, r.notes || []);
        setFlash(t('dir.ed.imported', { name: f.name }), 'info');
        navigate(`/directives/${r.id}/edit`);
      } catch (ex) {
        err.replaceChildren(h('p', null, ex.message));
        file.focus();
      } finally {
        btn.disabled = false;
        btn.textContent = t('dir.ed.importRun');
      }
    },
  },
  h('h2', { id: 'dimport-title', class: 'card-kicker' }, t('dir.import')),
  h('div', { class: 'field' },
    h('label', { for: fid, class: 'label' }, t('dir.ed.importFile')),
    file,
    h('p', { id: fid + '-hint', class: 'hint' }, t('dir.ed.importHint'))),
  err, btn);
  if (focus) formEl.classList.add('dimport--first');
  return formEl;
}
