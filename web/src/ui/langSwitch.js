// SPDX-License-Identifier: AGPL-3.0-or-later
// VI / EN segmented switch. Each button names its language in that language.
import { h } from '../dom.js';
import { LANGS, getLang, setLang, t } from '../i18n.js';

export function langSwitch({ compact = false } = {}) {
  const cur = getLang();
  return h('div', { class: ['lang-switch', compact && 'lang-switch--compact'], role: 'group', 'aria-label': t('lang.label') },
    LANGS.map((l) => h('button', {
      type: 'button',
      class: 'lang-switch-btn',
      lang: l,
      'data-lang': l,
      'aria-pressed': String(l === cur),
      onclick: () => setLang(l),
    }, t('lang.' + l))));
}
