// SPDX-License-Identifier: AGPL-3.0-or-later
// The review queue: reports of units below that wait for this unit's review
// (GET /api/v1/todo?kind=report_review). Each can be opened (figures first),
// accepted after a confirmation, or returned with a required reason; several
// can be accepted at once, again after a confirmation.
import { h, replace } from '../dom.js';
import { homeApi, itemHref, vnDay } from '../api_home.js';
import { reportsApi } from '../api_reports.js';
import { t, fmtDate, fmtNumber } from '../i18n.js';
import { refresh } from '../router.js';
import { emptyNote, errorBox } from '../ui/status.js';
import { moreButton } from '../ui/more.js';

const PAGE = 50;

export const title = () => t('rev.title');

let flash = null; // the outcome of the last action, shown once after the reload

function confirmBox(text, onYes, onNo) {
  const yes = h('button', { type: 'button', class: 'btn btn--primary rev-confirm-yes', onclick: onYes }, t('rev.confirm'));
  const box = h('div', { class: 'rev-confirm', role: 'alertdialog', 'aria-label': t('rev.confirm') },
    h('p', null, text),
    h('div', { class: 'rev-actions' }, yes,
      h('button', { type: 'button', class: 'btn btn--secondary', onclick: onNo }, t('rev.cancel'))));
  setTimeout(() => yes.focus(), 0);
  return box;
}

function row(it, selected, onChange) {
  const name = it.unit.name;
  const slot = h('div', { class: 'rev-slot' });
  const err = h('div');
  const cb = h('input', { type: 'checkbox', class: 'rev-check', 'aria-label': t('rev.select', { name }), checked: selected.has(it), onchange: (e) => { if (e.target.checked) selected.add(it); else selected.delete(it); onChange(); } });
  const done = (msg) => { flash = msg; refresh(); };
  const fail = (e) => replace(err, errorBox(e));
  const accept = () => replace(slot, confirmBox(t('rev.confirmOne', { name }), async (e) => {
    e.target.disabled = true;
    try { await reportsApi.accept(it.directive.id, it.unit.id); done(t('rev.accepted', { name })); } catch (x) { e.target.disabled = false; fail(x); }
  }, () => replace(slot)));
  const ret = () => {
    const id = `rev-reason-${it.directive.id}-${it.unit.id}`;
    const area = h('textarea', { id, class: 'input rev-reason', rows: 3, 'aria-describedby': id + '-hint', required: true });
    const send = h('button', { type: 'submit', class: 'btn btn--primary' }, t('rev.sendReturn'));
    replace(slot, h('form', { class: 'rev-return', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      const why = area.value.trim();
      if (!why) { area.setAttribute('aria-invalid', 'true'); replace(err, errorBox(t('rev.reasonMissing'))); area.focus(); return; }
      send.disabled = true;
      try { await reportsApi.returnTo(it.directive.id, it.unit.id, why); done(t('rev.returned', { name })); } catch (x) { send.disabled = false; fail(x); }
    } },
    h('label', { class: 'label', for: id }, t('rev.reason')), area,
    h('p', { class: 'hint', id: id + '-hint' }, t('rev.reasonHint')),
    h('div', { class: 'rev-actions' }, send, h('button', { type: 'button', class: 'btn btn--secondary', onclick: () => { replace(slot); replace(err); } }, t('rev.cancel')))));
    area.focus();
  };
  return h('li', { class: 'card rev-item', 'data-unit-id': it.unit.id, 'data-directive-id': it.directive.id },
    h('div', { class: 'rev-head' }, cb,
      h('div', { class: 'rev-body' },
        h('p', { class: 'rev-unit break' }, name),
        h('p', { class: 'rev-dir break' }, it.directive.number ? `${it.directive.number} — ${it.directive.subject || ''}` : it.directive.subject),
        it.at ? h('p', { class: 'hint rev-when' }, t('rev.submitted', { date: fmtDate(vnDay(it.at)) })) : null)),
    h('div', { class: 'rev-actions' },
      h('a', { class: 'btn btn--secondary rev-open', href: itemHref(it.url) }, t('rev.open')),
      h('button', { type: 'button', class: 'btn btn--secondary rev-return-btn', onclick: ret }, t('rev.return')),
      h('button', { type: 'button', class: 'btn btn--primary rev-accept-btn', onclick: accept }, t('rev.accept'))),
    err, slot);
}

export async function render() {
  // The queue comes a page at a time (the to-do list pages by offset within its bounded set).
  const data = await homeApi.todo({ kind: 'report_review', limit: PAGE });
  const items = data.items || [];
  const nextOffset = (off, p) => (p.items || []).length && off < (p.total || 0) ? off : null;
  const note = flash;
  flash = null;
  const selected = new Set();
  const bulkSlot = h('div', { class: 'rev-slot' });
  const bulkErr = h('div');
  const all = h('input', { type: 'checkbox', id: 'rev-all', class: 'rev-check', onchange: (e) => {
    selected.clear();
    if (e.target.checked) items.forEach((i) => selected.add(i));
    list.querySelectorAll('.rev-item .rev-check').forEach((c) => { c.checked = e.target.checked; });
    sync();
  } });
  const bulk = h('button', { type: 'button', class: 'btn btn--primary rev-bulk', onclick: () => {
    if (!selected.size) { replace(bulkErr, errorBox(t('rev.bulkNone'))); return; }
    const chosen = [...selected];
    replace(bulkSlot, confirmBox(t('rev.confirmBulk', { n: fmtNumber(chosen.length) }), async (e) => {
      e.target.disabled = true;
      const failed = [];
      for (const it of chosen) {
        try { await reportsApi.accept(it.directive.id, it.unit.id); } catch (x) { failed.push(`${it.unit.name}: ${x.message}`); }
      }
      flash = [t('rev.bulkDone', { ok: fmtNumber(chosen.length - failed.length) }), ...(failed.length ? [t('rev.bulkFailed', { n: failed.length }), ...failed] : [])].join('\n');
      refresh();
    }, () => replace(bulkSlot)));
  } }, t('rev.bulk', { n: 0 }));
  function sync() {
    bulk.textContent = t('rev.bulk', { n: fmtNumber(selected.size) });
    all.checked = selected.size === items.length && items.length > 0;
    replace(bulkErr);
  }
  const list = h('ul', { class: 'rev-list' }, items.map((it) => row(it, selected, sync)));
  return h('section', { class: 'page rev' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('rev.title')),
    h('p', { class: 'hint' }, t('rev.intro')),
    note ? h('div', { class: 'alert alert--info rev-flash', role: 'status' }, note.split('\n').map((l) => h('p', null, l))) : null,
    items.length ? [
      h('div', { class: 'card rev-bulkbar' },
        h('label', { class: 'rev-all', for: 'rev-all' }, all, h('span', null, t('rev.selectAll'))),
        bulk, bulkErr, bulkSlot),
      list,
      moreButton(nextOffset(items.length, data), async (off) => {
        const p = await homeApi.todo({ kind: 'report_review', limit: PAGE, offset: off });
        const add = p.items || [];
        items.push(...add);
        list.append(...add.map((it) => row(it, selected, sync)));
        sync();
        return nextOffset(off + add.length, p);
      })] : emptyNote(t('rev.empty')));
}
