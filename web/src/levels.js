// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit levels are data (they change with reorganisations), so their names come
// from the server once per page load.
import { api } from './api.js';
import { getLang } from './i18n.js';

let cache = null;
let pending = null;

/** Loads the levels once; failures are not fatal (codes are shown instead). */
export async function loadLevels() {
  if (cache) return cache;
  if (!pending) {
    pending = api.levels()
      .then((r) => { cache = new Map((r.items || []).map((l) => [l.code, l])); return cache; })
      .catch(() => { pending = null; return new Map(); });
  }
  return pending;
}

/** Display name of a level code in the current language (falls back to the code). */
export function levelName(code) {
  const l = cache && cache.get(code);
  if (!l) return code || '';
  return (getLang() === 'en' ? l.name_en : l.name_vi) || l.name_vi || code;
}
