// SPDX-License-Identifier: AGPL-3.0-or-later
// The "Báo cáo" entry of the main navigation: for officers, the directives
// their unit issued, each opening its dashboard ("Tổng hợp"); for everyone,
// the directives the unit received, each opening the unit's own report with
// its status (draft / submitted / returned / accepted).
import { h, icon, ICONS } from '../dom.js';
import { directivesApi } from '../api_directives.js';
import { reportsApi } from '../api_reports.js';
import { t, fmtDate } from '../i18n.js';
import { href } from '../router.js';
import { session } from '../session.js';
import { emptyNote } from '../ui/status.js';
import { isOfficer, numberOf } from './directiveCommon.js';
import { reportChip } from './reportCommon.js';

export const title = () => t('rep.listTitle');

const MAX_STATUS = 40; // report statuses fetched for the first N received directives

export async function render() {
  const officer = isOfficer();
  const own = session.user && session.user.unit;
  const [issued, inbox] = await Promise.all([
    officer ? directivesApi.list('issued') : Promise.resolve({ items: [] }),
    directivesApi.list('inbox'),
  ]);
  const issuedItems = (issued.items || []).filter((d) => d.status === 'issued');
  const inboxItems = inbox.items || [];

  const item = (d, target, side, extra) => h('li', null,
    h('a', { class: 'ditem', href: href(target), 'data-directive-id': d.id },
      h('span', { class: 'ditem-body' },
        h('span', { class: 'ditem-top' },
          h('span', { class: 'ditem-number' }, numberOf(d)),
          d.date ? h('span', { class: 'ditem-date' }, fmtDate(d.date)) : null,
          side),
        h('span', { class: 'ditem-subject' }, d.subject ? `${t('dir.vv')} ${d.subject}` : t('dir.noSubject')),
        h('span', { class: 'ditem-meta' },
          d.issuer && extra ? h('span', null, d.issuer.name) : null,
          d.report_deadline ? h('span', null, t('dir.deadlineShort', { date: fmtDate(d.report_deadline) })) : null)),
      icon(ICONS.chevron, 'icon ditem-chevron')));

  const inboxList = h('ul', { class: 'dlist', 'aria-labelledby': 'rlist-own-title' }, inboxItems.map((d, i) => {
    const chip = h('span', { class: 'rlist-status' });
    if (own && i < MAX_STATUS) {
      reportsApi.get(d.id, own.id).then((r) => chip.replaceChildren(reportChip(r.report.status))).catch(() => {});
    }
    return item(d, `/directives/${d.id}/units/${own ? own.id : 0}/report`, chip, true);
  }));

  return h('section', { class: 'page rlist' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('rep.listTitle')),
    h('p', null, h('a', { href: href('/series'), class: 'link-series' }, t('ser.link'))),
    officer ? h('section', { class: 'rlist-sec', 'aria-labelledby': 'rlist-dash-title' },
      h('h2', { class: 'section-title', id: 'rlist-dash-title' }, t('rep.listDashboards')),
      h('p', { class: 'hint rlist-hint' }, t('rep.listDashboardsHint')),
      issuedItems.length
        ? h('ul', { class: 'dlist', 'aria-labelledby': 'rlist-dash-title' }, issuedItems.map((d) => item(d, `/directives/${d.id}/dashboard`,
          d.counts ? h('span', { class: 'tag tag--muted' }, t('rep.listUnits', { n: d.counts.recipients })) : null, false)))
        : emptyNote(t('rep.listNoIssued'))) : null,
    own ? h('section', { class: 'rlist-sec', 'aria-labelledby': 'rlist-own-title' },
      h('h2', { class: 'section-title', id: 'rlist-own-title' }, t('rep.listOwn', { unit: own.name })),
      inboxItems.length ? inboxList : emptyNote(t('rep.listNoInbox'))) : null);
}
