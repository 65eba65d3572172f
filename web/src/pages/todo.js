// SPDX-License-Identifier: AGPL-3.0-or-later
// The home page: what the signed-in user must do now (GET /api/v1/todo),
// grouped by kind in the server's order (returned reports first), each task a
// link to the page that does it, with its deadline as "còn N ngày / quá hạn".
import { h, icon, ICONS, replace } from '../dom.js';
import { homeApi, itemHref, vnDay } from '../api_home.js';
import { t, fmtDate, fmtNumber } from '../i18n.js';
import { href } from '../router.js';
import { emptyNote, errorBox } from '../ui/status.js';

export const title = () => t('todo.title');

const PAGE = 50;

/** "Còn 3 ngày" / "Hạn hôm nay" / "Quá hạn 2 ngày", as a chip; null without a deadline. */
export function dueChip(item) {
  if (item.days_left === null || item.days_left === undefined) return null;
  const d = item.days_left;
  const [cls, text] = d < 0 ? ['over', t('todo.due.over', { n: fmtNumber(-d) })]
    : d === 0 ? ['today', t('todo.due.today')] : ['left', t('todo.due.left', { n: fmtNumber(d) })];
  return h('span', { class: `chip todo-due todo-due--${d <= 3 ? (d < 0 ? 'over' : 'soon') : 'ok'}`, 'data-due': cls, title: item.due ? t('todo.dueDate', { date: fmtDate(item.due) }) : null }, text);
}

function itemNode(it) {
  const meta = [];
  if (it.due) meta.push(h('span', null, t('todo.dueDate', { date: fmtDate(it.due) })));
  if (it.kind === 'units_remind') meta.push(h('span', null, t('todo.lateUnits', { n: fmtNumber(it.count) })));
  if (it.kind === 'report_review' && it.at) meta.push(h('span', null, t('rev.submitted', { date: fmtDate(vnDay(it.at)) })));
  if (it.kind === 'feedback_triage' && it.unit) meta.push(h('span', null, it.unit.name));
  if (it.kind === 'feedback_triage' && it.status) meta.push(h('span', { class: 'tag tag--muted' }, t('todo.status.' + it.status)));
  return h('li', null,
    h('a', { class: 'todo-item', href: itemHref(it.url), 'data-kind': it.kind },
      h('span', { class: 'todo-item-body' },
        h('span', { class: 'todo-item-top' },
          h('span', { class: 'todo-item-act' }, t('todo.act.' + it.kind)),
          it.kind === 'feedback_triage' || it.kind === 'report_review' ? null : dueChip(it)),
        h('span', { class: 'todo-item-title break' }, it.title),
        it.kind === 'report_fix' && it.note ? h('span', { class: 'todo-item-note' }, h('strong', null, t('todo.comment')), ' ', it.note) : null,
        meta.length ? h('span', { class: 'todo-item-meta' }, meta) : null),
      icon(ICONS.chevron, 'icon todo-item-chevron')));
}

export async function render() {
  const first = await homeApi.todo({ limit: PAGE });
  const items = [...(first.items || [])];
  const box = h('div', { class: 'todo-groups' });
  const status = h('p', { class: 'hint todo-status', role: 'status', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'btn btn--secondary todo-more', onclick: loadMore }, t('todo.more'));
  const err = h('div');

  function draw() {
    const groups = [];
    for (const it of items) {
      let g = groups.find((x) => x.kind === it.kind);
      if (!g) groups.push(g = { kind: it.kind, items: [] });
      g.items.push(it);
    }
    replace(box, groups.map((g) => h('section', { class: 'todo-group', 'aria-labelledby': `todo-${g.kind}`, 'data-kind': g.kind },
      h('h2', { class: 'section-title', id: `todo-${g.kind}` }, t('todo.kind.' + g.kind), ' ',
        h('span', { class: 'count' }, fmtNumber(first.counts[g.kind] || g.items.length))),
      g.kind === 'report_review' ? h('p', { class: 'todo-queue' },
        h('a', { class: 'btn btn--primary', href: href('/review') }, t('todo.openQueue', { n: fmtNumber(first.counts.report_review) }))) : null,
      h('ul', { class: 'todo-list' }, g.items.map(itemNode)))));
    status.textContent = first.total > items.length ? t('todo.shown', { shown: fmtNumber(items.length), total: fmtNumber(first.total) }) : '';
    more.hidden = items.length >= first.total;
  }

  async function loadMore() {
    more.disabled = true;
    replace(err);
    try {
      const next = await homeApi.todo({ limit: PAGE, offset: items.length });
      items.push(...(next.items || []));
      draw();
    } catch (e) {
      replace(err, errorBox(e));
    } finally {
      more.disabled = false;
    }
  }

  draw();
  return h('section', { class: 'page todo' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('todo.title')),
    items.length ? h('p', { class: 'hint todo-intro' }, t('todo.intro')) : emptyNote(t('todo.empty')),
    first.truncated ? h('p', { class: 'alert alert--info' }, t('todo.truncated')) : null,
    box, status, err, more);
}
