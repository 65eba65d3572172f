// SPDX-License-Identifier: AGPL-3.0-or-later
// Directive (công văn) calls of the HTTP API. Errors are ApiError with the
// server's message in the UI language and `field` naming the JSON path
// ("themes[2].title", "recipients.unit_id") so the editor can point at it.
import { request } from './api.js';

const base = '/api/v1/directives';
const one = (id) => `${base}/${encodeURIComponent(id)}`;

export const directivesApi = {
  /**
   * box: 'inbox' | 'issued'; q: diacritic-insensitive text; state: new|opened|acknowledged|pending.
   * A page of limit (default 500, the most a page holds) from cursor (the previous next_cursor).
   */
  list: (box, { q, state, limit = 500, cursor } = {}) => request('GET', base, { query: { box, q, state, limit, cursor } }),
  /** {directive, themes, receipt, access, counts?}; a recipient's first GET records "opened". */
  get: (id) => request('GET', one(id)),
  create: (doc) => request('POST', base, { body: doc }),
  update: (id, doc) => request('PATCH', one(id), { body: doc }),
  issue: (id) => request('POST', `${one(id)}/issue`),
  /** {dry_run: true, recipients: N}: who an issue would reach; nothing changes. */
  issueDryRun: (id) => request('POST', `${one(id)}/issue`, { query: { dry_run: 1 }, body: {} }),
  ack: (id) => request('POST', `${one(id)}/ack`),
  /** A page of recipients in tree order (limit ≤ 500, cursor: next_cursor); counts cover all of them. */
  receipts: (id, state, { limit = 50, cursor } = {}) => request('GET', `${one(id)}/receipts`, { query: { state, limit, cursor } }),
  cascade: (id) => request('POST', `${one(id)}/cascade`),
  amend: (id) => request('POST', `${one(id)}/amend`),
  chain: (id) => request('GET', `${one(id)}/chain`),
  /** 201 {signature}: signed with the server's token ([signing]); 409 when it has none. */
  sign: (id) => request('POST', `${one(id)}/sign`),
  /** {signed, signature|null, verifies, trusted, changed_after, signatures[]}. */
  signature: (id) => request('GET', `${one(id)}/signature`),
  /** file: a File/Blob (.txt or .docx) sent as is; draft: also save it as a draft ({id} in the answer). */
  parse: (file, draft = false) => request('POST', `${base}/parse`, { query: draft ? { draft: 1 } : null, body: file }),
  /** Children of a unit, up to 500 (for counting recipients before issuing). */
  children: (unitId) => request('GET', '/api/v1/units', { query: { parent_id: unitId, limit: 500 } }),
};

/** The editable fields of a directive, as PATCH/POST take them. */
export const DIRECTIVE_FIELDS = ['number', 'place', 'date', 'subject', 'motto', 'recipients', 'references',
  'themes', 'tasks', 'indicators', 'contests', 'report_deadline', 'report_email', 'signer', 'cc'];
