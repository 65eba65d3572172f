// SPDX-License-Identifier: AGPL-3.0-or-later
// One message (a case view): the text, who sent it as far as the user may
// see, topics with the "why", urgency, deadline, the handling steps the
// user's unit may take (propose, escalate, answer and publish, close…), the
// history, and the other messages of its near-duplicate case.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { href, refresh as rerender } from '../router.js';
import { feedbackApi } from '../api_feedback.js';
import { channelName, flags, fmtTime, senderLine, statusName, statusTag, topicChips, topicEditor } from './feedbackCommon.js';

let lastTitle = '';

// Which actions each status allows (mirrors the server's state machine).
const ALLOWED = {
  new: ['start', 'propose', 'answer', 'close', 'spam', 'duplicate'],
  in_progress: ['propose', 'answer', 'close', 'spam', 'duplicate'],
  proposed: ['propose', 'escalate', 'answer', 'close'],
  escalated: ['escalate', 'answer'],
  answered: ['publish', 'close'],
  closed: ['publish'],
};

function whyList(f) {
  const why = (f.why || []).filter((w) => w.term);
  if (!why.length) return null;
  return h('p', { class: 'fb-why' }, h('strong', null, t('fb.why'), ': '),
    why.map((w, i) => [i ? ', ' : '', h('q', null, w.term)]),
    ' ', h('span', { class: 'fb-why-source' }, '(', t('fb.source.' + f.topics_source), ')'));
}

function actions(f, onDone) {
  if (!f.can_act) {
    return h('p', { class: 'alert alert--info fb-held-elsewhere' }, t('fb.heldBy', { unit: f.handler.name }));
  }
  const allowed = (ALLOWED[f.status] || []).filter((a) => a !== 'publish' || (f.answer && !f.answer_published));
  if (!allowed.length) return null;
  const err = h('div', { class: 'form-error', role: 'alert' });
  const note = h('input', { id: 'fb-note', class: 'input', maxlength: 4000 });
  const run = async (btn, action, extra) => {
    err.replaceChildren();
    btn.disabled = true;
    try { await feedbackApi.act(f.id, action, { ...extra, note: note.value || undefined }); onDone(); } catch (e) { err.append(h('p', null, e.message)); btn.disabled = false; }
  };
  const button = (action, cls, extra) => h('button', { type: 'button', class: `btn ${cls}`, 'data-action': action, onclick: (e) => run(e.currentTarget, action, extra ? extra() : {}) }, t('fb.act.' + action));
  const parts = [err];
  if (allowed.includes('propose') || allowed.includes('escalate')) {
    const prop = h('textarea', { id: 'fb-proposal', class: 'input', rows: 3, maxlength: 4000 }, f.proposal || '');
    parts.push(h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-proposal' }, t('fb.proposal')), prop,
      h('p', { class: 'hint' }, t('fb.proposalHint'))));
    const row = [];
    if (allowed.includes('propose')) row.push(button('propose', 'btn--secondary', () => ({ text: prop.value })));
    if (allowed.includes('escalate') && f.handler_has_parent) row.push(button('escalate', 'btn--primary', () => ({ text: prop.value || undefined })));
    parts.push(h('div', { class: 'fb-actions-row' }, row));
  }
  if (allowed.includes('answer')) {
    const ans = h('textarea', { id: 'fb-answer-text', class: 'input', rows: 3, maxlength: 4000 });
    const pub = h('input', { type: 'checkbox', id: 'fb-publish', checked: true });
    parts.push(h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-answer-text' }, t('fb.answer')), ans,
      h('label', { class: 'fb-check' }, pub, ' ', t('fb.publish'))),
    h('div', { class: 'fb-actions-row' }, button('answer', 'btn--primary', () => ({ text: ans.value, publish: pub.checked }))));
  }
  const simple = ['start', 'publish', 'close', 'spam', 'duplicate'].filter((a) => allowed.includes(a));
  parts.push(h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-note' }, t('fb.note')), note));
  parts.push(h('div', { class: 'fb-actions-row' }, simple.map((a) => button(a, a === 'start' || a === 'publish' ? 'btn--primary' : 'btn--secondary'))));
  return h('section', { class: 'card fb-actions', 'aria-labelledby': 'fb-actions-title' },
    h('h2', { id: 'fb-actions-title', class: 'card-kicker' }, t('fb.handle')), parts);
}

// The worker's answer to "was it fixed?" on the receipt page, and whether it reopened the case.
function verdictBox(f) {
  if (!f.verdict) return null;
  return h('section', { class: ['card', 'fb-verdict-box', 'fb-verdict-box--' + f.verdict], id: 'fb-verdict', 'aria-labelledby': 'fb-verdict-title' },
    h('h2', { id: 'fb-verdict-title', class: 'card-kicker' }, t('fb.verdict')),
    h('p', { class: 'fb-verdict-word' }, t('fb.verdict.' + f.verdict)),
    f.verdict_at ? h('p', { class: 'hint' }, t('fb.verdictAt', { at: fmtTime(f.verdict_at) })) : null,
    f.reopened ? h('p', { class: 'alert alert--warn fb-reopened', role: 'note' }, t('fb.reopened')) : null);
}

function stepNote(s) {
  if (s.action === 'receive') return channelName(s.note);
  if (s.action === 'verdict') return t('fb.verdict.' + s.note);
  return s.note;
}

export async function render(ctx) {
  const { feedback: f } = await feedbackApi.get(ctx.params.id);
  lastTitle = t('fb.caseTitle', { id: f.id });
  const done = () => rerender();
  const row = (key, value, cls) => h('div', { class: ['detail', cls] }, h('dt', null, t(key)), h('dd', null, value));
  const editorBox = h('div', { class: 'fb-card-editor', hidden: true });
  const changeBtn = h('button', {
    type: 'button', class: 'btn btn--secondary fb-change', 'aria-expanded': 'false',
    onclick: (e) => {
      const open = editorBox.hidden;
      editorBox.hidden = !open;
      e.currentTarget.setAttribute('aria-expanded', String(open));
      if (open && !editorBox.firstChild) editorBox.append(topicEditor(f.topics, async (codes) => { await feedbackApi.setTopics(f.id, codes); done(); }, 'fb-topics'));
    },
  }, t('fb.changeTopics'));

  return h('article', { class: 'page fb-page fb-case-page' },
    h('nav', { class: 'breadcrumb', 'aria-label': t('unit.breadcrumb') },
      h('ol', null, h('li', null, h('a', { href: href('/feedback') }, t('fb.title'))),
        h('li', null, h('span', { 'aria-current': 'page' }, lastTitle)))),
    h('header', { class: 'fb-case-head' },
      h('h1', { class: 'page-title', tabindex: '-1' }, lastTitle),
      h('div', { class: 'fb-card-top' }, statusTag(f), flags(f))),
    h('blockquote', { class: 'fb-text', id: 'fb-text' }, f.text),
    h('section', { class: 'card', 'aria-labelledby': 'fb-topics-title' },
      h('h2', { id: 'fb-topics-title', class: 'card-kicker' }, t('fb.topics')),
      topicChips(f.topics), whyList(f),
      f.urgent ? h('p', { class: 'fb-urgency' }, h('strong', null, t('fb.urgent'), ': '), f.urgency_why) : null,
      h('div', { class: 'fb-card-actions' },
        f.topics_source === 'cadre' ? h('span', { class: 'fb-confirmed' }, t('fb.confirmed')) : h('button', {
          type: 'button', class: 'btn btn--secondary fb-confirm',
          onclick: async (e) => { e.currentTarget.disabled = true; await feedbackApi.setTopics(f.id, f.topics); done(); },
        }, t('fb.confirmTopics')),
        changeBtn),
      editorBox),
    h('section', { class: 'card', 'aria-labelledby': 'fb-details-title' },
      h('h2', { id: 'fb-details-title', class: 'card-kicker' }, t('fb.details')),
      h('dl', { class: 'details' },
        row('fb.sender', senderLine(f)),
        row('fb.receivedBy', f.unit.name),
        row('fb.heldNow', f.handler.name),
        row('fb.received', fmtTime(f.received_at)),
        row('fb.channel', channelName(f.channel)),
        row('fb.due', h('span', { class: f.overdue ? 'fb-due fb-due--late' : 'fb-due' }, fmtTime(f.due_at))),
        row('fb.receipt', h('span', { class: 'code' }, f.receipt)))),
    f.proposal ? h('section', { class: 'card fb-proposal-box' }, h('h2', { class: 'card-kicker' }, t('fb.proposal')), h('p', { id: 'fb-proposal-text' }, f.proposal)) : null,
    f.answer ? h('section', { class: 'card fb-answer-box' }, h('h2', { class: 'card-kicker' }, t('fb.answer')),
      h('p', { id: 'fb-answer-shown' }, f.answer),
      h('p', { class: 'hint' }, f.answer_published ? t('fb.published') : t('fb.notPublished'))) : null,
    verdictBox(f),
    actions(f, done),
    h('section', { class: 'fb-history', 'aria-labelledby': 'fb-history-title' },
      h('h2', { id: 'fb-history-title', class: 'section-title' }, t('fb.history')),
      h('ol', { class: 'fb-steps' }, (f.steps || []).map((s) => h('li', { class: 'fb-step', 'data-action': s.action },
        h('span', { class: 'fb-step-when' }, fmtTime(s.at)), ' ',
        h('strong', null, t('fb.step.' + s.action)), ' → ', statusName(s.to_status),
        h('span', { class: 'fb-step-who' }, ' · ', s.action === 'verdict' ? t('fb.worker') : [s.user, s.unit].filter(Boolean).join(', ') || t('fb.system')),
        s.note ? h('p', { class: 'fb-step-note' }, stepNote(s)) : null)))),
    f.case_messages && f.case_messages.length ? h('section', { class: 'fb-mates', 'aria-labelledby': 'fb-mates-title' },
      h('h2', { id: 'fb-mates-title', class: 'section-title' }, t('fb.sameCase'), ' ', h('span', { class: 'count' }, String(f.case_messages.length))),
      h('ul', { class: 'fb-mate-list' }, f.case_messages.map((m) => h('li', null,
        h('a', { href: href('/feedback/' + m.id) }, m.text), ' ', h('span', { class: 'fb-card-meta' }, fmtTime(m.received_at), ' · ', statusName(m.status)))))) : null);
}

export const title = () => lastTitle || t('fb.title');
