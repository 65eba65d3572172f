// SPDX-License-Identifier: AGPL-3.0-or-later
// Feedback (ý kiến người lao động) calls of the HTTP API. Senders come back
// already masked by the server for the signed-in user; the UI only shows them.
import { request } from './api.js';

const base = '/api/v1/feedback';
const one = (id) => `${base}/${encodeURIComponent(id)}`;

export const TOPICS = ['doi_song', 'viec_lam', 'tien_luong', 'thuong_tet', 'bhxh_phuc_loi', 'an_toan', 'khac'];
export const STATUSES = ['new', 'in_progress', 'proposed', 'escalated', 'answered', 'closed', 'spam', 'duplicate'];
export const CHANNELS = ['hotline', 'zalo', 'facebook', 'in_person', 'other'];

export const feedbackApi = {
  /** query: {view: inbox|held|subtree, status, topic, urgent, overdue, group: 'case', q, limit (≤ 500), cursor}. */
  list: (query) => request('GET', base, { query }),
  get: (id) => request('GET', one(id)),
  create: (body) => request('POST', base, { body }),
  act: (id, action, extra = {}) => request('POST', `${one(id)}/actions`, { body: { action, ...extra } }),
  setTopics: (id, topics) => request('POST', `${one(id)}/topics`, { body: { topics } }),
  summary: (query) => request('GET', `${base}/summary`, { query }),
  rules: () => request('GET', `${base}/rules`),
  previewRule: (rule) => request('POST', `${base}/rules/preview`, { body: rule }),
  addRule: (rule) => request('POST', `${base}/rules`, { body: rule }),
  model: () => request('GET', `${base}/model`),
  train: () => request('POST', `${base}/model/train`, { body: {} }),
  exportUrl: (query, format) => `${base}/export?` + new URLSearchParams(Object.entries({ ...query, format }).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString(),
  qrUrl: (unitId) => `/api/v1/units/${encodeURIComponent(unitId)}/feedback-qr.png`,
  formUrl: (unitId) => `${location.origin}/f/${encodeURIComponent(unitId)}`,
};
