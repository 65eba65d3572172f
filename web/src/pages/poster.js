// SPDX-License-Identifier: AGPL-3.0-or-later
// A union's QR poster (#/units/:id/poster): an A4 page to print and pin up,
// with the union's name, the call to action, the QR code of its public
// feedback form (GET /api/v1/units/{id}/feedback-qr.png) and the form's short
// address. The address shown is the one the QR code holds (the PNG's
// X-Feedback-Url header), so the printed text and the code never differ.
// (The image is the route itself: the CSP allows no blob: images.)
// On screen a toolbar above it prints and shares the link; the print
// stylesheet (styles/share.css) keeps only the poster.
import { h } from '../dom.js';
import { api } from '../api.js';
import { feedbackApi } from '../api_feedback.js';
import { t } from '../i18n.js';
import { href } from '../router.js';
import { shareBar } from './posterShare.js';

export const title = () => t('poster.title');

/** The form address the QR code encodes (asked of the server: [feedback] public_url may set it). */
async function formAddress(unitId) {
  const res = await fetch(feedbackApi.qrUrl(unitId), { method: 'HEAD', credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) {
    const err = new Error(t('error.title'));
    err.status = res.status;
    throw err;
  }
  return res.headers.get('X-Feedback-Url') || feedbackApi.formUrl(unitId);
}

export async function render(ctx) {
  const id = ctx.params.id;
  const [r, formUrl] = await Promise.all([api.unit(id), formAddress(id)]);
  const unit = r.unit;
  const short = formUrl.replace(/^https?:\/\//, '');
  const tools = h('div', { class: 'card poster-tools no-print' },
    h('p', { class: 'hint' }, t('poster.hint')),
    h('p', null, h('button', { type: 'button', class: 'btn btn--primary', id: 'poster-print', onclick: () => window.print() }, t('poster.print')), ' ',
      h('a', { href: href('/feedback/new') }, t('poster.back'))),
    shareBar(formUrl, { id: 'poster', title: `${t('poster.cta')} — ${unit.name}` }));
  const sheet = h('article', { class: 'poster-sheet', 'aria-labelledby': 'poster-unit' },
    h('p', { class: 'poster-kicker' }, t('poster.cta')),
    h('h1', { id: 'poster-unit', class: 'poster-unit', tabindex: '-1' }, unit.name),
    h('img', { class: 'poster-qr', id: 'poster-qr', src: feedbackApi.qrUrl(id), alt: t('poster.qrAlt', { unit: unit.name }), width: 360, height: 360 }),
    h('p', { class: 'poster-sub' }, t('poster.sub')),
    h('p', { class: 'poster-or' }, t('poster.or')),
    h('p', { class: 'poster-url', id: 'poster-url' }, short));
  return h('section', { class: 'page poster-page' }, tools, sheet);
}
