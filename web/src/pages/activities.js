// SPDX-License-Identifier: AGPL-3.0-or-later
// Communication items of a directive. On a phone the first thing is the quick
// form: paste a link → the channel and a theme guess are filled in (from
// /activities/detect) → save. Below, the list with its filters (search without
// diacritics, theme, channel, dates), the originals / shares count, and the
// spreadsheet files (template, export, import). An item of the user's unit
// has its photos and edit form in place (pages/activityItemTools.js).
import { h } from '../dom.js';
import { activityApi, files, CHANNELS, KINDS } from '../api_activity.js';
import { t, fmtNumber, fmtDate } from '../i18n.js';
import { replaceQuery } from '../router.js';
import { session } from '../session.js';
import { errorBox, emptyNote, loading } from '../ui/status.js';
import { moreButton, pageLimit } from '../ui/more.js';
import { dateComplete, dateInput, dateValue } from '../ui/dateInput.js';
import { channelName, currentDirective, importBox, kindName, pageHead, today } from './activityCommon.js';
import { editPanel, photoPanel } from './activityItemTools.js';

const DEBOUNCE_MS = 300;

export async function render(ctx) {
  const { list, dir } = await currentDirective(ctx);
  if (!dir) return h('section', { class: 'page' }, pageHead('/activities', 'act.title', list, dir), emptyNote(t('act.noDirective')));
  const themes = (await activityApi.themes(dir.id)).themes || [];
  const filters = {
    q: ctx.query.get('q') || '', channel: ctx.query.get('channel') || '', theme_id: ctx.query.get('theme_id') || '',
    from: ctx.query.get('from') || '', to: ctx.query.get('to') || '',
  };
  const listBox = h('div', { class: 'act-list', id: 'act-list' }, loading());
  const counts = h('p', { class: 'search-status', id: 'act-counts', role: 'status', 'aria-live': 'polite' });
  const live = h('p', { class: 'act-live hint', id: 'act-live', role: 'status', 'aria-live': 'polite' });
  let seq = 0;
  const limit = pageLimit(ctx.query);

  async function refresh() {
    const my = ++seq;
    replaceQuery({ d: dir.id, ...filters });
    try {
      const r = await activityApi.list({ directive_id: dir.id, limit, ...filters });
      if (my !== seq) return;
      const c = r.counts || {};
      // A search counts its first 10,000 matches among the 20,000 newest items it looks
      // at: "10.000+" when it stopped first. Its next page looks further back, so a page
      // may come back empty with a cursor: the button goes on.
      counts.textContent = t('act.counts', { items: fmtNumber(c.items || 0) + (c.capped ? '+' : ''), originals: fmtNumber(c.originals || 0), shares: fmtNumber(c.shares || 0) });
      const items = h('ul', { class: 'act-items' }, r.items.map(itemRow));
      const more = moreButton(r.next_cursor, async (cursor) => {
        const p = await activityApi.list({ directive_id: dir.id, limit, ...filters, cursor });
        if (my !== seq) return null;
        items.append(...(p.items || []).map(itemRow));
        return p.next_cursor;
      });
      listBox.replaceChildren(...(r.items.length ? [items, more]
        : [emptyNote(t(r.next_cursor ? 'act.emptySoFar' : 'act.empty')), items, more]).filter(Boolean));
    } catch (err) {
      if (my === seq) listBox.replaceChildren(errorBox(err, refresh));
    }
  }

  function itemRow(i) {
    const mine = i.unit && session.user && session.user.unit && i.unit.id === session.user.unit.id;
    return h('li', { class: 'act-item card' },
      h('div', { class: 'act-item-head' },
        h('span', { class: ['tag', 'act-ch', 'act-ch--' + i.channel] }, channelName(i.channel)),
        h('span', { class: ['tag', i.is_original ? 'tag--ok' : 'tag--muted'] }, i.is_original ? t('act.original') : t('act.share')),
        h('span', { class: 'act-date' }, fmtDate(i.date))),
      i.url ? h('a', { class: 'act-title', href: i.url, target: '_blank', rel: 'noopener noreferrer' }, i.title) : h('p', { class: 'act-title' }, i.title),
      h('p', { class: 'act-meta' },
        i.theme ? h('span', null, `${i.theme.pos}. ${i.theme.title}`) : null,
        h('span', null, i.unit.name),
        typeof i.views === 'number' ? h('span', null, t('act.viewsN', { n: fmtNumber(i.views) })) : null,
        !mine && i.photo_count ? h('span', { class: 'act-photo-count' }, t('act.photoCount', { n: i.photo_count })) : null),
      mine ? itemTools(i) : null);
  }

  // Photos / edit / delete of an item the user's unit owns; one panel open at a time per item.
  function itemTools(i) {
    const slot = h('div', { class: 'act-slot', id: `act-slot-${i.id}` });
    let open = '';
    const toggle = (which, make) => (e) => {
      const btn = e.currentTarget;
      const closing = open === which;
      for (const b of bar.querySelectorAll('[aria-expanded]')) b.setAttribute('aria-expanded', 'false');
      open = closing ? '' : which;
      slot.replaceChildren(closing ? '' : make(btn));
      if (!closing) btn.setAttribute('aria-expanded', 'true');
    };
    const close = (btn) => () => { open = ''; slot.replaceChildren(); btn.setAttribute('aria-expanded', 'false'); btn.focus(); };
    const bar = h('div', { class: 'act-tools' },
      h('button', { type: 'button', class: 'btn btn--secondary act-tool act-photo-btn', 'aria-expanded': 'false', 'aria-controls': slot.id,
        'aria-label': t('act.photosOf', { title: i.title }),
        onclick: toggle('photos', (btn) => photoPanel(i, (n) => { btn.textContent = t('act.photosN', { n }); })) },
      t('act.photosN', { n: i.photo_count || 0 })),
      h('button', { type: 'button', id: `act-edit-${i.id}`, class: 'btn btn--secondary act-tool act-edit-btn', 'aria-expanded': 'false', 'aria-controls': slot.id,
        'aria-label': t('act.editOf', { title: i.title }),
        onclick: toggle('edit', (btn) => {
          const f = editPanel(i, themes, async (r) => {
            live.textContent = t('act.updated', { title: r.title });
            await refresh();
            // The panel went with the old list: focus stays on the item's Edit button.
            const again = document.getElementById(`act-edit-${i.id}`);
            if (again) again.focus();
          }, close(btn));
          setTimeout(() => f.querySelector('input').focus(), 0);
          return f;
        }) }, t('act.edit')),
      h('button', {
        type: 'button', class: 'btn btn--secondary act-tool act-del', 'aria-label': t('act.deleteItem', { title: i.title }),
        onclick: async () => {
          if (!confirm(t('act.confirmDelete'))) return;
          try { await activityApi.remove(i.id); refresh(); } catch (err) { alert(err.message); }
        },
      }, t('act.delete')));
    return [bar, slot];
  }

  return h('section', { class: 'page act-page' },
    pageHead('/activities', 'act.title', list, dir),
    quickForm(dir, themes, refresh),
    h('section', { class: 'act-section', 'aria-labelledby': 'act-list-title' },
      h('h2', { id: 'act-list-title', class: 'section-title' }, t('act.listTitle')),
      filterForm(themes, filters, refresh),
      counts, live, listBox),
    h('details', { class: 'act-files card' },
      h('summary', null, t('act.files')),
      h('p', null,
        h('a', { class: 'btn btn--secondary', href: files.itemsTemplate(dir.id), download: '' }, t('act.template')), ' ',
        h('a', { class: 'btn btn--secondary', href: files.itemsXlsx(dir.id), download: '' }, t('act.exportXlsx')), ' ',
        h('a', { class: 'btn btn--secondary', href: files.itemsCsv(dir.id), download: '' }, t('act.exportCsv'))),
      importBox('act-import', `/api/v1/directives/${dir.id}/activities/import`, refresh)),
    (refresh(), null));
}

// The quick form: the link first; detection fills the rest.
function quickForm(dir, themes, onSaved) {
  const err = h('p', { class: 'form-error', id: 'act-form-error', role: 'alert' });
  const note = h('p', { class: 'hint', id: 'act-detect', role: 'status', 'aria-live': 'polite' });
  const url = h('input', { id: 'act-url', name: 'url', type: 'url', class: 'input', inputmode: 'url', autocomplete: 'off',
    placeholder: 'https://facebook.com/…', 'aria-describedby': 'act-detect' });
  const title = h('input', { id: 'act-title', name: 'title', class: 'input', maxlength: 500 });
  const channel = h('select', { id: 'act-channel', name: 'channel', class: 'input' },
    h('option', { value: '' }, t('act.channelAuto')), CHANNELS.map((c) => h('option', { value: c }, channelName(c))));
  const kind = h('select', { id: 'act-kind', name: 'kind', class: 'input' }, KINDS.map((k) => h('option', { value: k }, kindName(k))));
  const theme = h('select', { id: 'act-theme', name: 'theme', class: 'input' },
    h('option', { value: '' }, t('act.noTheme')), themes.map((x) => h('option', { value: x.id }, `${x.pos}. ${x.title}`)));
  const date = dateInput({ id: 'act-date', name: 'date' }, today());
  const views = h('input', { id: 'act-views', name: 'views', type: 'number', min: 0, inputmode: 'numeric', class: 'input' });
  const reactions = h('input', { id: 'act-reactions', name: 'reactions', type: 'number', min: 0, inputmode: 'numeric', class: 'input' });
  let timer = null;
  let themeTouched = false;
  theme.addEventListener('change', () => { themeTouched = true; });

  async function detect() {
    const v = url.value.trim();
    if (!v) { note.textContent = ''; return; }
    try {
      const r = await activityApi.detect(v, dir.id, title.value.trim());
      channel.value = r.channel;
      if (r.theme && !themeTouched) theme.value = String(r.theme.id);
      const others = (r.claims || []).length;
      note.textContent = t('act.detected', { channel: channelName(r.channel) }) +
        (r.theme ? ' ' + t('act.themeGuess', { pos: r.theme.pos }) : '') +
        (others ? ' ' + t('act.claimed', { n: others }) : '');
      url.removeAttribute('aria-invalid');
    } catch (e) {
      note.textContent = e.message;
      url.setAttribute('aria-invalid', 'true');
    }
  }
  url.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(detect, DEBOUNCE_MS); });
  url.addEventListener('paste', () => { clearTimeout(timer); timer = setTimeout(detect, 50); });
  title.addEventListener('change', () => { if (url.value.trim() && !themeTouched) detect(); });

  const num = (el) => (el.value === '' ? undefined : Number(el.value));
  const form = h('form', {
    class: 'card act-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      err.textContent = '';
      // The last save's note must not stand next to a refusal of this one.
      form.querySelector('.act-saved').textContent = '';
      const body = { directive_id: dir.id, url: url.value.trim() || undefined, title: title.value.trim() || undefined,
        channel: channel.value || undefined, kind: kind.value, date: dateValue(date) || undefined,
        theme_id: theme.value ? Number(theme.value) : undefined, views: num(views), reactions: num(reactions) };
      const btn = form.querySelector('button[type=submit]');
      btn.disabled = true;
      try {
        const r = await activityApi.create(body);
        url.value = ''; title.value = ''; views.value = ''; reactions.value = ''; note.textContent = '';
        themeTouched = false;
        err.textContent = '';
        form.querySelector('.act-saved').textContent = t('act.saved', { title: r.title });
        onSaved();
        url.focus();
      } catch (x) {
        err.textContent = x.message;
        const bad = x.field && form.querySelector(`[name="${x.field}"]`);
        if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus({ preventScroll: true }); }
        err.scrollIntoView({ block: 'nearest' }); // on a phone the message sits above the fields
      } finally {
        btn.disabled = false;
      }
    },
  },
  h('h2', { class: 'section-title' }, t('act.addTitle')),
  err,
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-url' }, t('act.url')), url, note),
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-title' }, t('act.titleField')), title, h('p', { class: 'hint' }, t('act.titleHint'))),
  h('div', { class: 'act-row' },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-channel' }, t('act.channel')), channel),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-kind' }, t('act.kind')), kind)),
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-theme' }, t('act.theme')), theme),
  h('div', { class: 'act-row' },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-date' }, t('act.date')), date),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-views' }, t('act.views')), views),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-reactions' }, t('act.reactions')), reactions)),
  h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('act.save')),
  h('p', { class: 'act-saved hint', role: 'status', 'aria-live': 'polite' }));
  return form;
}

function filterForm(themes, filters, refresh) {
  let timer = null;
  const upd = (k) => (e) => { filters[k] = e.target.value; clearTimeout(timer); timer = setTimeout(refresh, k === 'q' ? DEBOUNCE_MS : 0); };
  // A dd/mm/yyyy filter applies once the date is whole (or cleared).
  const updDate = (k) => (e) => {
    const ok = dateComplete(e.target.value);
    e.target.setAttribute('aria-invalid', String(!ok));
    if (ok) upd(k)({ target: { value: dateValue(e.target) } });
  };
  return h('form', { class: 'act-filters', role: 'search', onsubmit: (e) => { e.preventDefault(); refresh(); } },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-q' }, t('act.search')),
      h('input', { id: 'act-q', type: 'search', class: 'input', value: filters.q, oninput: upd('q'), placeholder: t('act.searchHint') })),
    h('div', { class: 'act-row' },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-f-theme' }, t('act.theme')),
        h('select', { id: 'act-f-theme', class: 'input', onchange: upd('theme_id') },
          h('option', { value: '' }, t('act.all')), themes.map((x) => h('option', { value: x.id, selected: String(x.id) === filters.theme_id }, `${x.pos}. ${x.title}`)))),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-f-channel' }, t('act.channel')),
        h('select', { id: 'act-f-channel', class: 'input', onchange: upd('channel') },
          h('option', { value: '' }, t('act.all')), CHANNELS.map((c) => h('option', { value: c, selected: c === filters.channel }, channelName(c)))))),
    h('div', { class: 'act-row' },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-f-from' }, t('act.from')),
        dateInput({ id: 'act-f-from', onchange: updDate('from') }, filters.from)),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'act-f-to' }, t('act.to')),
        dateInput({ id: 'act-f-to', onchange: updDate('to') }, filters.to))));
}

export const title = () => t('act.title');
