// SPDX-License-Identifier: AGPL-3.0-or-later
// Vietnamese first, English second. The choice is kept in localStorage and
// mirrored on <html lang> so screen readers and hyphenation follow it.
// Add new keys to BOTH dictionaries; t() falls back to Vietnamese, then the key.

import * as shell from './i18n/shell.js';
import * as directives from './i18n/directives.js';
import * as feedback from './i18n/feedback.js';
import * as reports from './i18n/reports.js';
import * as activities from './i18n/activities.js';
import * as home from './i18n/home.js';
import * as registers from './i18n/registers.js';
import * as share from './i18n/share.js';

const STORE_KEY = 'lantoa.lang';
export const LANGS = ['vi', 'en'];
// One dictionary per feature (web/src/i18n/*.js), merged here.
const vi = { ...shell.vi, ...directives.vi, ...feedback.vi, ...reports.vi, ...activities.vi, ...home.vi, ...registers.vi, ...share.vi };
const en = { ...shell.en, ...directives.en, ...feedback.en, ...reports.en, ...activities.en, ...home.en, ...registers.en, ...share.en };

const DICTS = { vi, en };
const listeners = new Set();

function stored() {
  try {
    const v = localStorage.getItem(STORE_KEY);
    return LANGS.includes(v) ? v : null;
  } catch {
    return null; // storage disabled: stay in Vietnamese
  }
}

let lang = stored() || 'vi';

export function getLang() { return lang; }

/** Switches language, remembers it and notifies listeners (which re-render). */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) return;
  lang = next;
  try { localStorage.setItem(STORE_KEY, next); } catch { /* not remembered */ }
  applyLang();
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

/** Sets <html lang> and the document title for the current language. */
export function applyLang() {
  document.documentElement.lang = lang;
}

/** Translates key; params fill `${...}` in function entries. */
export function t(key, params = {}) {
  const v = DICTS[lang][key] ?? DICTS.vi[key];
  if (v === undefined) return key;
  return typeof v === 'function' ? v(params) : v;
}

/** 1234567 → "1.234.567" (vi) or "1,234,567" (en). Non-numbers → "—". */
export function fmtNumber(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return t('unit.none');
  const sep = lang === 'vi' ? '.' : ',';
  const neg = n < 0;
  const s = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return neg ? '-' + s : s;
}

/** "2024-01-18" → "18/01/2024" in both languages (the Vietnamese convention). */
export function fmtDate(iso) {
  if (typeof iso !== 'string') return t('unit.none');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
