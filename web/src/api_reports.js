// SPDX-License-Identifier: AGPL-3.0-or-later
// Report (báo cáo kết quả) and dashboard (tổng hợp) calls of the HTTP API.
// A report belongs to one unit for one directive:
//   /api/v1/directives/{id}/units/{unitId}/report[/…]
// Errors are ApiError with the server's message in the UI language.
import { request } from './api.js';

const dir = (id) => `/api/v1/directives/${encodeURIComponent(id)}`;
const rep = (id, unit) => `${dir(id)}/units/${encodeURIComponent(unit)}/report`;

/** 'accepted' (only accepted reports count) or 'accepted_submitted' (submitted ones too). */
export const BASES = ['accepted', 'accepted_submitted'];
export const FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'html'];

/** Only the two known bases pass; anything else means the server's default. */
export function basisParam(b) { return b === 'accepted_submitted' ? b : undefined; }

/** The server sends a unit's direct children a page at a time (children_next_cursor); one level fits in 500. */
const CHILDREN_PAGE = 500;

export const reportsApi = {
  /** {report, snapshot, revisions, can_edit, can_review, sha256?}; draft/returned: the live roll-up. */
  get: (id, unit, basis) => request('GET', rep(id, unit), { query: { basis: basisParam(basis), limit: CHILDREN_PAGE } }),
  /** narrative: {"<theme_id>": text, general, signer_name, signer_title, signer_authority}. */
  saveNarrative: (id, unit, narrative) => request('PATCH', rep(id, unit), { body: { narrative } }),
  /** kind: quick | final; basis: accepted | accepted_submitted. Locks the unit's records. */
  submit: (id, unit, kind, basis) => request('POST', `${rep(id, unit)}/submit`, { body: { kind, basis: basis || 'accepted' } }),
  returnTo: (id, unit, comment) => request('POST', `${rep(id, unit)}/return`, { body: { comment } }),
  accept: (id, unit) => request('POST', `${rep(id, unit)}/accept`, { body: {} }),
  reopen: (id, unit, reason) => request('POST', `${rep(id, unit)}/reopen`, { body: { reason } }),
  /** {from, to, changes: [{what, key, name, old, new, delta}]} */
  compare: (id, unit, from, to) => request('GET', `${rep(id, unit)}/compare`, { query: { from, to } }),
  /** {rev, ok, sha256, computed} */
  verify: (id, unit, rev) => request('GET', `${rep(id, unit)}/verify`, { query: { rev } }),
  /** 201 {signature}: signed with the server's token ([signing]); 409 when it has none. */
  sign: (id, unit) => request('POST', `${rep(id, unit)}/sign`, { body: {} }),
  /** {signature, verifies, trusted, changed_after, check}; 404 when the revision is not signed. */
  signature: (id, unit, rev) => request('GET', `${rep(id, unit)}/signature`, { query: { rev } }),
  /** 202 {mail_id, mail: [...]}; `to` empty means the directive's report address. */
  send: (id, unit, to) => request('POST', `${rep(id, unit)}/send`, { body: to ? { to } : {} }),
  /** {items: [{id, to, subject, status, attempts, created_at, sent_at, log: [{at, ok, reply}]}]} */
  mail: (id, unit) => request('GET', `${rep(id, unit)}/mail`),
  /** {items: [{unit_id, code, name, status}], next_cursor}: the unit's recipient children and their reports' states (status 'none': not started). */
  children: (id, unit, cursor, limit = 50) => request('GET', `${rep(id, unit)}/children`, { query: { cursor, limit } }),
  /** The live snapshot for a unit (default: the caller's own). */
  dashboard: (id, unitId, basis) => request('GET', `${dir(id)}/dashboard`, { query: { unit_id: unitId, basis: basisParam(basis), limit: CHILDREN_PAGE } }),
};

/**
 * The address of a report document, for a plain <a download> link (the
 * browser sends the session cookie). rev: a submitted revision, or none for
 * the last one (the live roll-up while nothing was submitted).
 */
export function documentUrl(id, unit, format, { rev, basis } = {}) {
  const qs = new URLSearchParams({ format });
  if (rev) qs.set('rev', String(rev));
  if (basisParam(basis)) qs.set('basis', basis);
  return `${rep(id, unit)}/document?${qs}`;
}

/** The signed PDF of revision rev, as stored, for a plain <a download> link. */
export function signedPdfUrl(id, unit, rev) {
  return `${rep(id, unit)}/signature/pdf?rev=${encodeURIComponent(rev)}`;
}
