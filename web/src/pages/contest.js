// SPDX-License-Identifier: AGPL-3.0-or-later
// Contest entries ("Bên nhau là Tết"): add a member's post (the link is
// enough to tell the platform), see the entries of one's subtree with counts
// per unit and category; a link entered twice is refused with a pointer to
// the entry that holds it.
import { h, replace } from '../dom.js';
import { activityApi, files } from '../api_activity.js';
import { t, fmtNumber, fmtDate } from '../i18n.js';
import { session } from '../session.js';
import { errorBox, emptyNote } from '../ui/status.js';
import { moreButton, pageLimit } from '../ui/more.js';
import { currentDirective, importBox, pageHead, today } from './activityCommon.js';
import { dateInput, dateValue } from '../ui/dateInput.js';
import { href } from '../router.js';

export async function render(ctx) {
  const { list, dir } = await currentDirective(ctx);
  const head = pageHead('/activities/contest', 'con.title', list, dir);
  if (!dir) return h('section', { class: 'page' }, head, emptyNote(t('act.noDirective')));
  const contests = (await activityApi.contests(dir.id)).items || [];
  // No contest yet: officers create one on the directive's page (issue 12, defect 4).
  const officer = session.user && ['officer', 'admin'].includes(session.user.role);
  if (!contests.length) return h('section', { class: 'page act-page' }, head, emptyNote(t('con.none')),
    officer ? h('p', null, h('a', { class: 'btn btn--primary', href: href('/directives/' + dir.id) }, t('dcon.create'))) : null);
  const want = Number(ctx.query.get('c'));
  const contest = contests.find((c) => c.id === want) || contests[0];
  const listBox = h('div', null);
  const limit = pageLimit(ctx.query);

  async function refresh() {
    try {
      const r = await activityApi.entries(contest.id, { limit });
      const c = r.counts;
      const entryItem = (x) => h('li', { class: 'act-item card', id: 'entry-' + x.id },
        h('div', { class: 'act-item-head' },
          h('span', { class: 'tag tag--muted' }, t('con.cat.' + x.category)),
          h('span', { class: 'tag tag--muted' }, x.platform),
          h('span', { class: 'act-date' }, fmtDate(x.posted_on))),
        h('a', { class: 'act-title', href: x.url, target: '_blank', rel: 'noopener noreferrer' }, x.member_name),
        h('p', { class: 'act-meta' }, h('span', null, x.unit.name), typeof x.views === 'number' ? h('span', null, t('act.viewsN', { n: fmtNumber(x.views) })) : null),
        session.user && session.user.unit && x.unit.id === session.user.unit.id
          ? h('button', { type: 'button', class: 'btn btn--secondary act-del', onclick: async () => {
            if (!confirm(t('act.confirmDelete'))) return;
            try { await activityApi.removeEntry(x.id); refresh(); } catch (err) { alert(err.message); }
          } }, t('act.delete')) : null);
      const entries = h('ul', { class: 'act-items' }, r.items.map(entryItem));
      replace(listBox, 
        h('p', { class: 'search-status', role: 'status' }, t('con.counts', { n: fmtNumber(c.entries), writing: fmtNumber(c.by_category.writing || 0), video: fmtNumber(c.by_category.video || 0) })),
        c.by_unit.length > 1 ? h('div', { class: 'table-wrap' }, h('table', { class: 'fig-table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('con.unit')), h('th', { scope: 'col' }, t('con.writing')), h('th', { scope: 'col' }, t('con.video')), h('th', { scope: 'col' }, t('con.views')))),
          h('tbody', null, c.by_unit.map((u) => h('tr', null, h('th', { scope: 'row' }, u.unit.name),
            h('td', { class: 'num' }, fmtNumber(u.writing)), h('td', { class: 'num' }, fmtNumber(u.video)), h('td', { class: 'num' }, fmtNumber(u.views))))))) : null,
        r.items.length ? entries : emptyNote(t('con.empty')),
        r.items.length ? moreButton(r.next_cursor, async (cursor) => {
          const p = await activityApi.entries(contest.id, { limit, cursor });
          entries.append(...(p.items || []).map(entryItem));
          return p.next_cursor;
        }) : null);
    } catch (err) { replace(listBox, errorBox(err, refresh)); }
  }

  const err = h('p', { class: 'form-error', role: 'alert' });
  const f = {
    member_name: h('input', { id: 'con-member', name: 'member_name', class: 'input', autocomplete: 'name' }),
    // Only the kinds of entry the contest takes.
    category: h('select', { id: 'con-cat', name: 'category', class: 'input' },
      (contest.kinds || ['writing', 'video']).map((k) => h('option', { value: k }, t('con.cat.' + k)))),
    url: h('input', { id: 'con-url', name: 'url', type: 'url', inputmode: 'url', class: 'input' }),
    posted_on: dateInput({ id: 'con-date', name: 'posted_on' }, today()),
    views: h('input', { id: 'con-views', name: 'views', type: 'number', min: 0, inputmode: 'numeric', class: 'input' }),
  };
  const form = h('form', { class: 'card act-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    err.textContent = '';
    try {
      await activityApi.addEntry(contest.id, { member_name: f.member_name.value.trim(), category: f.category.value,
        url: f.url.value.trim(), posted_on: dateValue(f.posted_on) || undefined, hashtag: contest.hashtag || undefined,
        views: f.views.value === '' ? undefined : Number(f.views.value) });
      f.member_name.value = ''; f.url.value = ''; f.views.value = '';
      refresh();
    } catch (x) {
      err.textContent = x.message;
      const bad = x.field && form.querySelector(`[name="${x.field}"]`);
      if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
    }
  } },
  h('h2', { class: 'section-title' }, t('con.add', { name: contest.name })), err,
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'con-member' }, t('con.member')), f.member_name),
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'con-url' }, t('act.url')), f.url),
  h('div', { class: 'act-row' },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'con-cat' }, t('con.category')), f.category),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'con-date' }, t('act.date')), f.posted_on),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'con-views' }, t('act.views')), f.views)),
  h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('act.save')));

  refresh();
  return h('section', { class: 'page act-page' }, head,
    contests.length > 1 ? h('p', null, contests.map((c) => h('a', { class: ['act-tab', c.id === contest.id && 'is-current'], href: `#/activities/contest?d=${dir.id}&c=${c.id}` }, c.name))) : h('p', { class: 'act-dir-one' }, contest.name, contest.hashtag ? ' · ' + contest.hashtag : ''),
    contestInfo(contest), form, listBox,
    h('details', { class: 'act-files card' }, h('summary', null, t('act.files')),
      h('p', null,
        h('a', { class: 'btn btn--secondary', href: files.contestTemplate(contest.id), download: '' }, t('act.template')), ' ',
        h('a', { class: 'btn btn--secondary', href: files.contestXlsx(contest.id), download: '' }, t('act.exportXlsx'))),
      importBox('con-import', `/api/v1/contests/${contest.id}/entries/import`, refresh)));
}

/** The officer's terms of the contest: entry period, prize, rules (null when it has none). */
function contestInfo(c) {
  const when = c.starts_on && c.ends_on ? t('dcon.period', { from: fmtDate(c.starts_on), to: fmtDate(c.ends_on) })
    : c.starts_on ? t('dcon.from', { from: fmtDate(c.starts_on) }) : c.ends_on ? t('dcon.until', { to: fmtDate(c.ends_on) }) : null;
  if (!when && !c.prize && !c.rules) return null;
  return h('div', { class: 'card con-info' },
    when ? h('p', { class: 'dcon-period' }, h('strong', null, t('dcon.periodLabel'), ' '), when) : null,
    c.prize ? h('p', { class: 'dcon-prize' }, h('strong', null, t('dcon.prizeLabel'), ' '), c.prize) : null,
    c.rules ? h('details', { class: 'dcon-rules' }, h('summary', null, t('dcon.rulesLabel')), h('p', { class: 'dcon-rules-text' }, c.rules)) : null);
}

export const title = () => t('con.title');
