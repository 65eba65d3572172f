// SPDX-License-Identifier: AGPL-3.0-or-later
// The two directive lists: "Công văn đến" (addressed to the user's unit, newest
// first, filter by receipt state) and "Công văn đi" (issued by the user's unit
// or below, drafts first, acknowledgement progress). Both search without
// diacritics on the server; q and state live in the URL so Back keeps them.
import { h, icon, ICONS } from '../dom.js';
import { directivesApi } from '../api_directives.js';
import { t, fmtNumber } from '../i18n.js';
import { href, replaceQuery } from '../router.js';
import { errorBox, emptyNote, loading } from '../ui/status.js';
import { moreButton, pageLimit } from '../ui/more.js';
import { boxTabs, directiveItem, isOfficer, takeFlash } from './directiveCommon.js';

const DEBOUNCE_MS = 250;
const STATES = ['', 'new', 'opened', 'acknowledged'];

function listPage(box) {
  return async function render(ctx) {
    const officer = isOfficer();
    let q = (ctx.query.get('q') || '').trim();
    let state = box === 'inbox' && STATES.includes(ctx.query.get('state') || '') ? (ctx.query.get('state') || '') : '';
    let seq = 0;
    let timer = null;
    const idp = `dl-${box}`;
    const limit = pageLimit(ctx.query);

    const status = h('p', { id: `${idp}-status`, class: 'search-status', role: 'status', 'aria-live': 'polite' });
    const results = h('div', { class: 'dlist-results', id: `${idp}-results` }, loading());

    const input = h('input', {
      id: `${idp}-q`, name: 'q', type: 'search', class: 'input input--search', value: q,
      autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
      'aria-describedby': `${idp}-hint ${idp}-status`, 'aria-controls': `${idp}-results`,
      oninput: () => { clearTimeout(timer); timer = setTimeout(() => { q = input.value.trim(); run(); }, DEBOUNCE_MS); },
    });

    async function run() {
      const my = ++seq;
      clearTimeout(timer);
      const query = {};
      if (q) query.q = q;
      if (state) query.state = state;
      replaceQuery(Object.keys(query).length ? query : null);
      results.setAttribute('aria-busy', 'true');
      try {
        const r = await directivesApi.list(box, { q, state, limit });
        if (my !== seq) return;
        const items = r.items || [];
        let n = items.length;
        const say = (more) => {
          status.textContent = more ? t('dir.shownFirst', { n, nFmt: fmtNumber(n) })
            : q || state ? t('dir.found', { n, nFmt: fmtNumber(n) })
              : t('dir.count', { n, nFmt: fmtNumber(n) });
        };
        say(!!r.next_cursor);
        const list = h('ul', { class: 'dlist', 'aria-labelledby': `${idp}-title` }, items.map((d) => directiveItem(d, box)));
        results.replaceChildren(...(items.length
          ? [list, moreButton(r.next_cursor, async (cursor) => {
            const p = await directivesApi.list(box, { q, state, limit, cursor });
            if (my !== seq) return null;
            list.append(...(p.items || []).map((d) => directiveItem(d, box)));
            n += (p.items || []).length;
            say(!!p.next_cursor);
            return p.next_cursor;
          })]
          : [emptyNote(q || state ? t('dir.noneFound') : t(box === 'inbox' ? 'dir.inboxEmpty' : 'dir.issuedEmpty'))]).filter(Boolean));
      } catch (err) {
        if (my !== seq) return;
        status.textContent = '';
        results.replaceChildren(errorBox(err, run));
      } finally {
        if (my === seq) results.removeAttribute('aria-busy');
      }
    }

    const search = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); q = input.value.trim(); run(); } },
      h('label', { for: `${idp}-q`, class: 'label' }, t('dir.search')),
      h('div', { class: 'search-row' },
        h('span', { class: 'search-icon' }, icon(ICONS.search)),
        input,
        h('button', { type: 'submit', class: 'btn btn--primary search-btn' }, t('units.searchButton'))),
      h('p', { id: `${idp}-hint`, class: 'hint' }, t('dir.searchHint')));

    // State filter: real radio buttons (arrow keys move between them), drawn as chips.
    const filter = box !== 'inbox' ? null : h('fieldset', { class: 'dfilter' },
      h('legend', { class: 'dfilter-legend' }, t('dir.filterState')),
      h('div', { class: 'dfilter-options' }, STATES.map((s) => h('label', { class: 'dfilter-opt' },
        h('input', {
          type: 'radio', name: `${idp}-state`, value: s, checked: s === state, class: 'dfilter-input',
          onchange: () => { state = s; run(); },
        }),
        h('span', { class: 'dfilter-text' }, s ? t('dir.state.' + s) : t('dir.state.all'))))));

    const actions = box === 'issued' && officer ? h('div', { class: 'dactions' },
      h('a', { class: 'btn btn--primary', href: href('/directives/new') }, t('dir.new')),
      h('a', { class: 'btn btn--secondary', href: href('/directives/new', { import: 1 }) }, t('dir.import'))) : null;

    run();
    return h('section', { class: 'page dlist-page' },
      boxTabs(box),
      h('h1', { class: 'page-title', id: `${idp}-title`, tabindex: '-1' }, t(box === 'inbox' ? 'dir.inbox' : 'dir.issued')),
      takeFlash(),
      actions, search, filter, status, results);
  };
}

export const inboxPage = { render: listPage('inbox'), title: () => t('dir.inbox') };

export const issuedPage = {
  render: (ctx) => {
    if (!isOfficer()) {
      return h('section', { class: 'page' },
        h('h1', { class: 'page-title', tabindex: '-1' }, t('dir.issued')),
        h('p', { class: 'alert alert--info', role: 'note' }, t('dir.officersOnly')),
        h('p', null, h('a', { href: href('/directives') }, t('dir.inbox'))));
    }
    return listPage('issued')(ctx);
  },
  title: () => t('dir.issued'),
};
