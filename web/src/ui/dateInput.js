// SPDX-License-Identifier: AGPL-3.0-or-later
// Date fields that read dd/mm/yyyy whatever the phone's language. A native
// <input type="date"> follows the browser's locale: on a phone set to English
// it shows 12/05/2026 (month first) next to the page's 05/12/2026, two
// formats on one page. These are text fields with a numeric keypad that show
// and take dd/mm/yyyy and give the API its ISO date.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** "2024-01-25" → "25/01/2024"; anything else as it is ('' for none). */
export function dmyFromIso(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ''));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso || '');
}

/** "25/1/2024", "25-01-2024", "25.01.2024" → "2024-01-25"; an ISO date stays; other text as typed (the server names the bad field). */
export function isoFromDmy(text) {
  const v = String(text || '').trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : v;
}

/** Is the field empty or a whole date (so that a filter may use it)? */
export const dateComplete = (text) => !String(text || '').trim() || /^\d{4}-\d{2}-\d{2}$/.test(isoFromDmy(text));

/** A dd/mm/yyyy field showing iso (may be empty); attrs: id, name, onchange… Read it with dateValue(). */
export function dateInput(attrs, iso) {
  return h('input', {
    type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 10, placeholder: t('date.placeholder'),
    ...attrs, class: ['input', 'input--date'], value: dmyFromIso(iso),
  });
}

/** The ISO date of a dateInput ('' when empty). */
export const dateValue = (input) => isoFromDmy(input.value);
