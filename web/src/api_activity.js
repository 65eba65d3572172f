// SPDX-License-Identifier: AGPL-3.0-or-later
// Activity-log calls of the HTTP API: communication items, care figures,
// contest entries, link kits, continuity, and the spreadsheet files.
import { request } from './api.js';
import { getLang } from './i18n.js';

const dirs = (id) => `/api/v1/directives/${encodeURIComponent(id)}`;

export const activityApi = {
  /** Directives the user records for (inbox) and, for officers, issues (issued). */
  directives: (box) => request('GET', '/api/v1/directives', { query: { box, limit: 500 } }),
  themes: (id) => request('GET', dirs(id)),
  /** {url_canonical, channel, theme|null, claims[]} for a pasted link. */
  detect: (url, directiveId, title) => request('GET', '/api/v1/activities/detect', { query: { url, directive_id: directiveId, title } }),
  list: (query) => request('GET', '/api/v1/activities', { query }),
  create: (item) => request('POST', '/api/v1/activities', { body: item }),
  get: (id) => request('GET', `/api/v1/activities/${encodeURIComponent(id)}`),
  update: (id, item) => request('PATCH', `/api/v1/activities/${encodeURIComponent(id)}`, { body: item }),
  remove: (id) => request('DELETE', `/api/v1/activities/${encodeURIComponent(id)}`),
  /** Attach a photo (a File/Blob sent as the body; the server checks the bytes) → the item with its photos. */
  addPhoto: (id, file) => request('POST', `/api/v1/activities/${encodeURIComponent(id)}/photos`, { body: file }),
  /** Remove the photo at pos → the item with its remaining photos (their positions unchanged). */
  removePhoto: (id, pos) => request('DELETE', `/api/v1/activities/${encodeURIComponent(id)}/photos/${encodeURIComponent(pos)}`),
  /** A page of 500 recipients in tree order (cursor: the previous next_cursor). */
  continuity: (id, silentDays, cursor) => request('GET', `${dirs(id)}/continuity`, { query: { silent_days: silentDays, limit: 500, cursor } }),
  importItems: (id, file) => request('POST', `${dirs(id)}/activities/import`, { body: file }),
  figures: (id) => request('GET', `${dirs(id)}/figures`),
  setFigures: (id, values, notes) => request('PUT', `${dirs(id)}/figures`, { body: { values, notes } }),
  confirm: (id, rule, comment) => request('POST', `${dirs(id)}/figures/confirm`, { body: { rule, comment } }),
  /** A page of the changes of the user's unit's figures, newest first (cursor: next_cursor). */
  history: (id, cursor) => request('GET', `${dirs(id)}/figures/history`, { query: { cursor } }),
  /** Totals over every recipient; the first 500 units (next_cursor for more). */
  // The totals and the number of recipients; the page of units is not shown (one row is the least).
  summary: (id) => request('GET', `${dirs(id)}/figures/summary`, { query: { limit: 1 } }),
  importFigures: (id, file) => request('POST', `${dirs(id)}/figures/import`, { body: file }),
  /** The directive's contests for a picker: one page of 500 (a directive has a handful). */
  contests: (id) => request('GET', '/api/v1/contests', { query: { directive_id: id, limit: 500 } }),
  /** A page of entries, newest first (query.limit ≤ 500, query.cursor: next_cursor); counts cover all of them. */
  entries: (cid, query) => request('GET', `/api/v1/contests/${encodeURIComponent(cid)}/entries`, { query: { limit: 50, ...query } }),
  addEntry: (cid, entry) => request('POST', `/api/v1/contests/${encodeURIComponent(cid)}/entries`, { body: entry }),
  removeEntry: (id) => request('DELETE', `/api/v1/contest-entries/${encodeURIComponent(id)}`),
  /** A page of link kits, newest first (cursor: next_cursor). */
  kits: (id, cursor) => request('GET', `${dirs(id)}/linkkits`, { query: { cursor } }),
  createKit: (id, kit) => request('POST', `${dirs(id)}/linkkits`, { body: kit }),
  kitShares: (kid) => request('GET', `/api/v1/linkkits/${encodeURIComponent(kid)}/shares`),
};

/** Download links of a directive's lists (the browser sends the session cookie). */
export const files = {
  itemsTemplate: (id) => `${dirs(id)}/activities/template.xlsx`,
  itemsXlsx: (id) => `${dirs(id)}/activities/export.xlsx`,
  itemsCsv: (id) => `${dirs(id)}/activities/export.csv`,
  figuresTemplate: (id) => `${dirs(id)}/figures/template.xlsx`,
  figuresXlsx: (id) => `${dirs(id)}/figures/export.xlsx`,
  contestTemplate: (cid) => `/api/v1/contests/${encodeURIComponent(cid)}/entries/template.xlsx`,
  contestXlsx: (cid) => `/api/v1/contests/${encodeURIComponent(cid)}/entries/export.xlsx`,
};

/** URL of an item's photo at pos (an <img src>: same origin, the session cookie goes along). */
export const photoUrl = (id, pos) => `/api/v1/activities/${encodeURIComponent(id)}/photos/${encodeURIComponent(pos)}`;
/** What the photo inputs offer; the server decides by the bytes anyway. */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';
/** The server reads at most this many bytes per request (20 MiB); larger files are refused before sending. */
export const PHOTO_MAX_REQUEST = 20 * 1024 * 1024;

export const CHANNELS = ['facebook', 'zalo', 'youtube', 'tiktok', 'website', 'e-newspaper', 'radio', 'tv', 'print', 'event', 'other'];
export const KINDS = ['post', 'share', 'article', 'video', 'livestream', 'event'];

/**
 * Upload an import file; resolves {ok, status, data} without throwing on a
 * refused file, so that the page can list every bad cell (data.errors).
 */
export async function uploadImport(path, file) {
  const me = await request('GET', '/api/v1/me');
  const res = await fetch(path, {
    method: 'POST', credentials: 'same-origin', cache: 'no-store', body: file,
    headers: { 'Content-Type': 'application/octet-stream', 'Accept-Language': getLang(), 'X-CSRF-Token': me.csrf_token || '' },
  });
  let data = {};
  try { data = await res.json(); } catch { data = {}; }
  return { ok: res.ok, status: res.status, data };
}
