// SPDX-License-Identifier: AGPL-3.0-or-later
// Pieces shared by the feedback pages: topic chips, status and urgency tags,
// the sender line (already masked by the server), the topic editor.
import { h } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { TOPICS } from '../api_feedback.js';

/** Epoch seconds → "dd/mm/yyyy hh:mm" (Vietnam time, as the campaign runs). */
export function fmtTime(sec) {
  if (typeof sec !== 'number') return t('unit.none');
  const d = new Date((sec + 7 * 3600) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${fmtDate(d.toISOString().slice(0, 10))} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export const topicName = (code) => t('fb.topic.' + code);
export const statusName = (code) => t('fb.status.' + code);
export const channelName = (code) => t('fb.channel.' + code);

export function topicChips(codes) {
  return h('ul', { class: 'fb-chips', 'aria-label': t('fb.topics') },
    (codes || []).map((c) => h('li', { class: `fb-chip fb-t-${c}` }, topicName(c))));
}

export function statusTag(f) {
  return h('span', { class: `tag fb-status fb-status--${f.status}`, 'data-status': f.status }, statusName(f.status));
}

export function flags(f) {
  return [
    f.urgent ? h('span', { class: 'tag fb-urgent', title: f.urgency_why || '' }, t('fb.urgent')) : null,
    f.overdue ? h('span', { class: 'tag fb-overdue' }, t('fb.overdue')) : null,
    f.case_count > 1 ? h('span', { class: 'tag fb-case', 'data-case-count': f.case_count }, t('fb.caseCount', { n: f.case_count })) : null,
  ];
}

/** The sender as the server allowed: full, masked, hidden (anonymous) or none. */
export function senderLine(f) {
  const s = f.sender || { shown: 'none' };
  if (s.shown === 'none') return h('span', { class: 'fb-sender fb-sender--none' }, t('fb.sender.none'));
  if (s.shown === 'hidden') return h('span', { class: 'fb-sender fb-sender--hidden' }, t('fb.sender.hidden'));
  return h('span', { class: `fb-sender fb-sender--${s.shown}`, 'data-shown': s.shown },
    [s.name, s.phone].filter(Boolean).join(' · '),
    s.shown === 'masked' ? h('span', { class: 'fb-masked-note' }, ' ', t('fb.sender.masked')) : null);
}

/**
 * One-tap topic editor: toggle buttons for the seven topics and a save button.
 * onSave(codes) returns a promise; errors are shown in the box.
 */
export function topicEditor(current, onSave, idPrefix) {
  const chosen = new Set(current || []);
  const err = h('p', { class: 'form-error', role: 'alert' });
  const buttons = TOPICS.map((c) => h('button', {
    type: 'button', class: `fb-toggle fb-t-${c}`, 'aria-pressed': String(chosen.has(c)), 'data-topic': c,
    onclick: (e) => {
      const b = e.currentTarget;
      if (chosen.has(c)) chosen.delete(c); else chosen.add(c);
      b.setAttribute('aria-pressed', String(chosen.has(c)));
    },
  }, topicName(c)));
  const save = h('button', {
    type: 'button', class: 'btn btn--primary fb-topics-save', id: idPrefix ? `${idPrefix}-save` : null,
    onclick: async () => {
      err.textContent = '';
      if (!chosen.size) { err.textContent = t('fb.pickTopic'); return; }
      save.disabled = true;
      try { await onSave(TOPICS.filter((c) => chosen.has(c))); } catch (e) { err.textContent = e.message; } finally { save.disabled = false; }
    },
  }, t('fb.saveTopics'));
  return h('div', { class: 'fb-topic-editor' }, err,
    h('div', { class: 'fb-toggles', role: 'group', 'aria-label': t('fb.changeTopics') }, buttons), save);
}
