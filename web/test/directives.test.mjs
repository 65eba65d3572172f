// SPDX-License-Identifier: AGPL-3.0-or-later
// Unit tests of the directive pages' pure helpers: times in Vietnam's zone,
// dd/mm/yyyy entry, the editor's body (blank rows dropped, error paths mapped
// back to the rows on screen) and the parser notes in the UI language.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document = { documentElement: { lang: '' } };
const store = new Map();
globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)) };

const i18n = await import('../src/i18n.js');
const { fmtTime, noteText } = await import('../src/pages/directiveCommon.js');
const { isoFromDmy } = await import('../src/pages/directiveForm.js');
const { toModel, toBody, screenPath } = await import('../src/pages/directiveEdit.js');

test('receipt times are dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh', () => {
  assert.equal(fmtTime(1705545000), '18/01/2024 09:30'); // 02:30 UTC
  assert.equal(fmtTime(1705597199), '18/01/2024 23:59'); // 16:59 UTC, still the 18th in Hà Nội
  assert.equal(fmtTime(1705597200), '19/01/2024 00:00');
  assert.equal(fmtTime(null), '—');
});

test('dates are typed dd/mm/yyyy and kept as ISO', () => {
  assert.equal(isoFromDmy('18/01/2024'), '2024-01-18');
  assert.equal(isoFromDmy(' 8/1/2024 '), '2024-01-08');
  assert.equal(isoFromDmy('18.01.2024'), '2024-01-18');
  assert.equal(isoFromDmy('2024-01-18'), '2024-01-18', 'ISO passes through');
  assert.equal(isoFromDmy('18/01/24'), '18/01/24', 'left for the server to refuse');
});

test('the editor drops blank rows and maps server error paths back to the screen', () => {
  const m = toModel({
    number: ' 42/LĐLĐ ', date: '2024-01-18', subject: 'x',
    recipients: { mode: 'grassroots_under', unit_id: 2 },
    themes: [{ title: '', items: [''] }, { title: 'B', items: ['', 'b1', ' ', 'b2'] }],
    tasks: ['', 't1'], signer: { authority: 'TM. BAN THƯỜNG VỤ' },
  });
  const { body, paths } = toBody(m);
  assert.equal(body.number, '42/LĐLĐ');
  assert.equal(body.place, null);
  assert.deepEqual(body.themes, [{ title: 'B', items: ['b1', 'b2'] }]);
  assert.deepEqual(body.tasks, ['t1']);
  assert.deepEqual(body.recipients, { mode: 'grassroots_under', unit_id: 2 });
  assert.deepEqual(body.signer, { authority: 'TM. BAN THƯỜNG VỤ', title: null, name: null });
  assert.equal(screenPath(paths, 'themes[0].items[1]'), 'themes[1].items[3]');
  assert.equal(screenPath(paths, 'themes[0].title'), 'themes[1].title');
  assert.equal(screenPath(paths, 'tasks[0]'), 'tasks[1]');
  assert.equal(screenPath(paths, 'report_deadline'), 'report_deadline');
  m.recipients.mode = 'units';
  m.recipients.unit_ids = [5, 7];
  assert.deepEqual(toBody(m).body.recipients, { mode: 'units', unit_ids: [5, 7] });
});

test('parser notes keep the half in the UI language, with the field named', () => {
  const note = 'deadlines: none found / không tìm thấy thời hạn';
  assert.equal(noteText(note), 'Hạn báo cáo: không tìm thấy thời hạn');
  i18n.setLang('en');
  assert.equal(noteText(note), 'Report deadline: none found');
  assert.equal(noteText('recipients: mọi công đoàn cơ sở trực thuộc đơn vị ban hành / every grassroots union under the issuer'),
    'Recipients: every grassroots union under the issuer');
  assert.equal(noteText('plain note'), 'plain note');
  i18n.setLang('vi');
});
