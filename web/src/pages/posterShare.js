// SPDX-License-Identifier: AGPL-3.0-or-later
// Share buttons for one link (a link kit's article, a union's feedback form):
// "Sao chép liên kết" (the Clipboard API, else a hidden textarea and
// execCommand('copy'), with a visible confirmation), "Chia sẻ" (the Web Share
// API, shown only where the browser has it) and "Zalo".
//
// Zalo publishes no documented share-by-URL endpoint for ordinary web pages
// (its share button needs Zalo's own SDK script and an app id; zalo.me/share
// is not a documented public API), so the Zalo button does not guess one: it
// opens the system share sheet (Web Share API: Zalo is listed there on
// phones that have it) and, where that is missing, copies the link and says
// to paste it into a Zalo chat.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import '../styles/share.css';

/** Copies text: true when it reached the clipboard. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* denied: try the old way */ }
  const ta = h('textarea', { class: 'share-hidden', readonly: true, 'aria-hidden': 'true' });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  ta.remove();
  return ok;
}

/**
 * A row of share buttons for url. opts: { title, text, id } — title and text go
 * to the share sheet; id prefixes the buttons' ids (tests and labels).
 */
export function shareBar(url, opts = {}) {
  const status = h('span', { class: 'share-status', role: 'status', 'aria-live': 'polite' });
  const say = (msg, ok = true) => {
    status.textContent = msg;
    status.classList.toggle('share-status--error', !ok);
  };
  const canShare = typeof navigator.share === 'function';
  const share = async () => {
    try { await navigator.share({ title: opts.title || document.title, text: opts.text || opts.title || '', url }); } catch { /* dismissed */ }
  };
  const copy = async (msgKey) => {
    if (await copyText(url)) say(t(msgKey));
    else say(t('share.copyFailed'), false);
  };
  const pre = opts.id ? opts.id + '-' : '';
  return h('div', { class: 'share-bar', role: 'group', 'aria-label': t('share.label') },
    h('button', { type: 'button', class: 'btn btn--secondary btn--small share-copy', id: pre + 'copy', 'data-url': url, onclick: () => copy('share.copied') }, t('share.copy')),
    canShare ? h('button', { type: 'button', class: 'btn btn--secondary btn--small share-native', id: pre + 'share', onclick: share }, t('share.share')) : null,
    h('button', { type: 'button', class: 'btn btn--secondary btn--small share-zalo', id: pre + 'zalo', onclick: () => (canShare ? share() : copy('share.zaloCopied')) }, t('share.zalo')),
    status);
}
