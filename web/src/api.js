// SPDX-License-Identifier: AGPL-3.0-or-later
// The HTTP API client. Every call sends Accept-Language so error messages
// come back in the UI language; state-changing calls carry the CSRF token.
import { getLang, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message, field = '') {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken = null;
let onUnauthorized = null;

export function setCsrf(token) { csrfToken = token || null; }

/** fn() is called when an authenticated call gets 401 (session expired). */
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

/**
 * request('GET', '/api/v1/units', {query: {q: 'x'}}) → parsed JSON.
 * Throws ApiError with the server's message, or a translated one when the
 * server gave none (network failure, non-JSON error page).
 */
export async function request(method, path, { body, query, quiet401 = false } = {}) {
  let url = path;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += '?' + s;
  }
  const headers = { 'Accept': 'application/json', 'Accept-Language': getLang() };
  if (method !== 'GET' && method !== 'HEAD') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let payload;
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    // A file as the browser read it (e.g. a letter to import), with its own type.
    headers['Content-Type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const e = data && data.error ? data.error : {};
    const err = new ApiError(res.status, e.code || 'http', e.message || t('error.http', { status: res.status }), e.field || '');
    if (res.status === 401 && !quiet401 && onUnauthorized) onUnauthorized(err);
    throw err;
  }
  return data || {};
}

export const api = {
  me: () => request('GET', '/api/v1/me', { quiet401: true }),
  login: (login, password) => request('POST', '/api/v1/login', { body: { login, password }, quiet401: true }),
  logout: () => request('POST', '/api/v1/logout', { body: {} }),
  levels: () => request('GET', '/api/v1/levels'),
  searchUnits: (q, limit = 50, cursor) => request('GET', '/api/v1/units', { query: { q, limit, cursor } }),
  /** A page of a unit's children in tree order; cursor: the previous page's next_cursor. */
  childUnits: (parentId, cursor, limit) => request('GET', '/api/v1/units', { query: { parent_id: parentId, cursor, limit } }),
  unit: (id) => request('GET', `/api/v1/units/${encodeURIComponent(id)}`),
};
