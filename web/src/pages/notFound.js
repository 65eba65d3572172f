// SPDX-License-Identifier: AGPL-3.0-or-later
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { href } from '../router.js';

export function render() {
  return h('section', { class: 'page' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('error.notFound')),
    h('p', null, h('a', { href: href('/units') }, t('error.home'))));
}

export const title = () => t('error.notFound');
