// SPDX-License-Identifier: AGPL-3.0-or-later
// "Show more" under a paged list: the server sends a page at a time
// (limit ≤ 500) with next_cursor, null on the last page. The button asks
// for the page after the cursor and the caller appends its items.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox } from './status.js';

/** The most a page may hold on the server; pages never ask for more. */
export const PAGE_MAX = 500;

/**
 * The page size a list page asks for: ?limit= from the page's URL when it
 * is a whole number in 1..500, else dflt.
 */
export function pageLimit(query, dflt = 50) {
  const n = Number(query && query.get ? query.get('limit') : NaN);
  return Number.isInteger(n) && n >= 1 && n <= PAGE_MAX ? n : dflt;
}

/**
 * A "Show more" button for the page after cursor (nothing when cursor is
 * null). load(cursor) fetches that page, appends its items where they
 * belong and resolves to its next_cursor; the button then asks for the
 * next one, or goes away after the last page.
 */
export function moreButton(cursor, load) {
  const box = h('div', { class: 'list-more' });
  let next = cursor;
  const btn = h('button', {
    type: 'button', class: 'btn btn--secondary list-more-btn', 'data-more': '',
    onclick: async () => {
      btn.disabled = true;
      btn.textContent = t('list.moreLoading');
      try {
        next = await load(next);
      } catch (err) {
        box.replaceChildren(errorBox(err, () => { box.replaceChildren(btn); btn.click(); }));
        btn.disabled = false;
        btn.textContent = t('list.more');
        return;
      }
      btn.disabled = false;
      btn.textContent = t('list.more');
      if (!next) box.remove();
    },
  }, t('list.more'));
  if (!next) return null;
  box.append(btn);
  return box;
}
