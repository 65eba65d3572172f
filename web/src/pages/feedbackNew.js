// SPDX-License-Identifier: AGPL-3.0-or-later
// A cadre records a message received by hotline, Zalo, Facebook or in
// person; below it, the unit's public form link and QR code to print.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { href, navigate } from '../router.js';
import { session } from '../session.js';
import { feedbackApi, CHANNELS } from '../api_feedback.js';
import { shareBar } from './posterShare.js';

export async function render() {
  const unit = session.user && session.user.unit;
  const err = h('div', { class: 'form-error', role: 'alert', id: 'fb-new-error' });
  const field = (id, label, input, hint) => h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), input,
    hint ? h('p', { class: 'hint' }, hint) : null);
  const channel = h('select', { id: 'fb-channel', class: 'input' }, CHANNELS.map((c) => h('option', { value: c }, t('fb.channel.' + c))));
  const when = h('input', { id: 'fb-when', class: 'input', type: 'datetime-local' });
  const name = h('input', { id: 'fb-name', class: 'input', maxlength: 120, autocomplete: 'off' });
  const phone = h('input', { id: 'fb-phone', class: 'input', type: 'tel', maxlength: 32, autocomplete: 'off' });
  const anon = h('input', { id: 'fb-anon', type: 'checkbox' });
  const text = h('textarea', { id: 'fb-text-input', class: 'input', rows: 6, maxlength: 4000, required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('fb.save'));

  const form = h('form', {
    class: 'card fb-new-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      err.replaceChildren();
      text.removeAttribute('aria-invalid');
      submit.disabled = true;
      try {
        const body = { channel: channel.value, text: text.value, sender_name: name.value || undefined, sender_phone: phone.value || undefined, anonymous: anon.checked };
        if (when.value) body.received_at = when.value.replace('T', ' ');
        const r = await feedbackApi.create(body);
        navigate('/feedback/' + r.feedback.id);
      } catch (ex) {
        err.append(h('p', null, ex.message));
        const bad = { text, sender_phone: phone, sender_name: name, received_at: when }[ex.field];
        if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
        submit.disabled = false;
      }
    },
  },
  err,
  field('fb-channel', t('fb.channel'), channel),
  field('fb-when', t('fb.received'), when, t('fb.whenHint')),
  field('fb-text-input', t('fb.text'), text),
  field('fb-name', t('fb.senderName'), name),
  field('fb-phone', t('fb.senderPhone'), phone),
  h('div', { class: 'field' }, h('label', { class: 'fb-check', for: 'fb-anon' }, anon, ' ', t('fb.anonymous'))),
  submit);

  const qr = unit ? h('section', { class: 'card fb-qr', 'aria-labelledby': 'fb-qr-title' },
    h('h2', { id: 'fb-qr-title', class: 'card-kicker' }, t('fb.publicForm')),
    h('p', null, t('fb.publicFormHint')),
    h('p', null, h('a', { class: 'break', id: 'fb-form-link', href: feedbackApi.formUrl(unit.id), target: '_blank', rel: 'noopener' }, feedbackApi.formUrl(unit.id))),
    shareBar(feedbackApi.formUrl(unit.id), { id: 'fb-form', title: `${t('fb.publicForm')} — ${unit.name}` }),
    h('p', null, h('a', { id: 'fb-poster-link', href: href('/units/' + unit.id + '/poster') }, t('poster.open'))),
    h('img', { class: 'fb-qr-img', src: feedbackApi.qrUrl(unit.id), alt: t('fb.qrAlt', { unit: unit.name }), width: 240, height: 240 }),
    h('p', null, h('a', { class: 'btn btn--secondary', href: feedbackApi.qrUrl(unit.id), download: 'gop-y-qr.png' }, t('fb.qrDownload')))) : null;

  return h('section', { class: 'page fb-page' },
    h('nav', { class: 'breadcrumb', 'aria-label': t('unit.breadcrumb') },
      h('ol', null, h('li', null, h('a', { href: href('/feedback') }, t('fb.title'))), h('li', null, h('span', { 'aria-current': 'page' }, t('fb.new'))))),
    h('h1', { class: 'page-title', tabindex: '-1' }, t('fb.new')),
    form, qr);
}

export const title = () => t('fb.new');
