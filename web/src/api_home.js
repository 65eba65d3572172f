// SPDX-License-Identifier: AGPL-3.0-or-later
// The to-do list, "remind now" and the password change of the HTTP API.
import { request } from './api.js';

export const homeApi = {
  /** {items: [{kind, title, url, due, days_left, directive, unit, status, note, at, …}], total, counts, truncated}. */
  todo: (query = {}) => request('GET', '/api/v1/todo', { query }),
  /** {queued, late}: reminders queued now (once a day per unit). */
  remind: (directiveId) => request('POST', `/api/v1/directives/${encodeURIComponent(directiveId)}/remind`, { body: {} }),
  /** 204; 400 names the field; 401 (quiet: the session stays) when the current password is wrong. */
  changePassword: (current, next) => request('POST', '/api/v1/me/password', { body: { current_password: current, new_password: next } }),
};

/** "#/…" of an item's url ("/#/directives/2"). */
export const itemHref = (url) => String(url || '').replace(/^\//, '');

/** The Vietnam (UTC+7) day of an epoch, as YYYY-MM-DD. */
export const vnDay = (epoch) => new Date((epoch + 7 * 3600) * 1000).toISOString().slice(0, 10);
