// SPDX-License-Identifier: AGPL-3.0-or-later
// Sổ văn bản: a unit's register of documents received (đến) or sent (đi) for a
// year, in number order, a page at a time with "Xem thêm", and the year's
// register as XLSX under the official headings (Nghị định 30/2020 Phụ lục IV).
// #/registers is the user's own unit; #/registers?unit=ID any unit it reads.
// The third tab (?dir=edxml) lists the documents received over the national
// axis (edXML messages addressed to the unit's subtree), each with its PDF;
// an officer receives a message file there (POST /api/v1/edxml/import): the
// server names the element at fault, or the list shows the message. Under
// every tab, a box checks the digital signatures of any PDF (docVerifyBox.js).
import { h, replace } from '../dom.js';
import { api, request } from '../api.js';
import { t, fmtDate } from '../i18n.js';
import { href, navigate } from '../router.js';
import { session } from '../session.js';
import { emptyNote } from '../ui/status.js';
import { isOfficer } from './directiveCommon.js';
import { moreButton, pageLimit } from '../ui/more.js';
import { docVerifyBox } from './docVerifyBox.js';

let lastTitle = '';
export const title = () => lastTitle || t('reg.title');

const thisYear = () => new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
const base = (unit, dir) => `/api/v1/units/${encodeURIComponent(unit)}/registers/${dir}`;
const fetchPage = (unit, dir, year, cursor, limit) =>
  request('GET', base(unit, dir), { query: { year, limit, ...(cursor ? { cursor } : {}) } });

function kindLabel(k) {
  const key = 'reg.kind.' + k;
  const s = t(key);
  return s === key ? k : s;
}

const STATUS_TONE = {
  acknowledged: 'ok', acknowledged_all: 'ok', report_accepted: 'ok', accepted: 'ok',
  report_submitted: 'info', submitted: 'info', report_returned: 'warn', returned: 'warn',
};

/** Where an entry's document lives in lantoa, or null (an EDXML message). */
function docHref(g, unit) {
  if (g.source === 'directive' && g.directive_id) return href('/directives/' + g.directive_id);
  if (g.source === 'report' && g.directive_id) {
    const who = g.direction === 'out' ? unit : g.party_unit_id;
    return who ? href(`/directives/${g.directive_id}/units/${who}/report`) : null;
  }
  return null;
}

function entryNode(g, unit) {
  const dir = g.direction;
  const meta = [];
  const item = (label, value) => h('div', { class: 'reg-meta-item' }, h('dt', null, label), h('dd', null, value));
  const party = g.party || (g.copies > 1 ? t('reg.units', { n: g.copies }) : null);
  if (party) meta.push(item(t(dir === 'in' ? 'reg.from' : 'reg.to'), party));
  if (g.date) meta.push(item(t('reg.docDate'), fmtDate(g.date)));
  if (g.signer) meta.push(item(t('reg.signer'), g.signer));
  if (g.deadline) meta.push(item(t('reg.deadline'), fmtDate(g.deadline)));
  if (typeof g.acknowledged === 'number') meta.push(item(t('reg.status.acknowledged'), t('reg.acked', { n: g.acknowledged, total: g.copies })));
  if (g.rev > 1) meta.push(item(t('reg.number'), t('reg.rev', { n: g.rev })));
  const link = docHref(g, unit);
  const what = [h('strong', { class: 'reg-kind' }, kindLabel(g.kind)), g.number ? h('span', { class: 'reg-number' }, ' ', g.number) : null];
  return h('li', { class: 'reg-entry card', 'data-seq': g.seq, 'data-status': g.status },
    h('div', { class: 'reg-top' },
      h('span', { class: 'reg-seq' }, t(`reg.seq.${dir}`, { n: g.seq })),
      h('span', { class: 'reg-date' }, h('span', { class: 'visually-hidden' }, t(`reg.date.${dir}`), ' '), fmtDate(g.registered_date)),
      h('span', { class: `tag reg-status reg-status--${STATUS_TONE[g.status] || 'muted'}` }, t('reg.status.' + g.status))),
    h('p', { class: 'reg-title' }, link ? h('a', { href: link }, what) : what),
    g.subject ? h('p', { class: 'reg-subject break' }, g.subject) : null,
    meta.length ? h('dl', { class: 'reg-meta' }, meta) : null);
}

const fetchMessages = (unit, cursor, limit) =>
  request('GET', '/api/v1/edxml/messages', { query: { limit, ...(unit ? { unit } : {}), ...(cursor ? { cursor } : {}) } });

function size(n) {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
}

/** One edXML message received: what it is, about which directive, from whom, its PDF. */
function messageNode(m) {
  const item = (label, value) => h('div', { class: 'reg-meta-item' }, h('dt', null, label), h('dd', null, value));
  const meta = [item(t('reg.from'), m.from.name || m.from_organ)];
  if (m.directive_number) meta.push(item(t('reg.edxml.about'), h('a', { href: href('/directives/' + m.directive_id) }, m.directive_number)));
  if (m.due_date) meta.push(item(t('reg.deadline'), fmtDate(m.due_date)));
  const day = new Date(m.imported_at * 1000 + 7 * 3600e3).toISOString().slice(0, 10);
  return h('li', { class: 'reg-entry card', 'data-message': m.id },
    h('div', { class: 'reg-top' },
      h('strong', { class: 'reg-kind' }, t('reg.edxml.kind.' + m.kind)),
      h('span', { class: 'reg-date' }, h('span', { class: 'visually-hidden' }, t('reg.edxml.imported'), ' '), fmtDate(day)),
      m.status_code ? h('span', { class: 'tag reg-status reg-status--info' }, m.status_code) : null),
    h('p', { class: 'reg-subject break' }, m.document_id),
    h('dl', { class: 'reg-meta' }, meta),
    m.applied === false ? h('p', { class: 'hint reg-not-applied' }, t('reg.edxml.notApplied', { why: m.not_applied || '' })) : null,
    m.has_attachment ? h('p', null, h('a', {
      class: 'btn btn--secondary reg-attachment', 'data-attachment': m.id,
      href: `/api/v1/edxml/messages/${m.id}/attachment`, download: '',
    }, t('reg.edxml.download', { size: size(m.file_bytes) }))) : null);
}

/** An edXML file received by hand (e-mail, USB): imported, then onDone() redraws the list. */
function importBox(onDone) {
  const out = h('div', { class: 'reg-import-result', role: 'status', 'aria-live': 'polite' });
  const input = h('input', { id: 'reg-edxml-file', type: 'file', class: 'reg-edxml-file', accept: '.xml,.edxml,application/xml,text/xml' });
  input.addEventListener('change', async () => {
    const f = input.files && input.files[0];
    if (!f) return;
    input.disabled = true;
    out.replaceChildren(h('p', { class: 'hint' }, t('reg.edxml.importing')));
    try {
      const r = await request('POST', '/api/v1/edxml/import', { body: new Blob([f], { type: 'application/xml' }) });
      const what = t('reg.edxml.kind.' + r.kind);
      out.replaceChildren(h('p', { class: 'alert alert--info' }, t('reg.edxml.done', { what }),
        r.directive_id ? [' ', h('a', { href: href('/directives/' + r.directive_id) }, t('reg.edxml.open'))] : null));
      await onDone();
    } catch (err) {
      out.replaceChildren(h('p', { class: 'alert alert--error', role: 'alert' }, err.message));
    }
    input.disabled = false;
    input.value = '';
  });
  return h('div', { class: 'field reg-import' }, h('label', { class: 'label', for: 'reg-edxml-file' }, t('reg.edxml.import')),
    input, h('p', { class: 'hint' }, t('reg.edxml.importHint')), out);
}

/** The messages received, a page at a time. */
async function messagesBody(unit, own, limit) {
  const first = await fetchMessages(own ? null : unit, null, limit);
  const list = h('ol', { class: 'reg-list', 'aria-label': t('reg.edxml') }, (first.items || []).map(messageNode));
  const more = moreButton(first.next_cursor, async (cursor) => {
    const p = await fetchMessages(own ? null : unit, cursor, limit);
    list.append(...(p.items || []).map(messageNode));
    return p.next_cursor;
  });
  const body = h('div', { class: 'reg-body' });
  replace(body, (first.items || []).length ? [list, more] : emptyNote(t('reg.edxml.empty')));
  return body;
}

async function renderMessages(unit, own, limit) {
  let body = await messagesBody(unit, own, limit);
  const redraw = async () => {
    const fresh = await messagesBody(unit, own, limit);
    body.replaceWith(fresh);
    body = fresh;
  };
  return [h('p', { class: 'hint' }, t('reg.edxml.intro')), isOfficer() ? importBox(redraw) : null, body];
}

export async function render(ctx) {
  const unit = ctx.query.get('unit') || (session.user && session.user.unit && session.user.unit.id);
  const dir = ['out', 'edxml'].includes(ctx.query.get('dir')) ? ctx.query.get('dir') : 'in';
  const y = Number(ctx.query.get('year'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear();
  const limit = pageLimit(ctx.query);
  const [u, first] = await Promise.all([api.unit(unit), dir === 'edxml' ? null : fetchPage(unit, dir, year, null, limit)]);
  const name = u.unit.name;
  lastTitle = `${t('reg.title')} — ${name}`;
  const own = !ctx.query.get('unit');
  const path = '/registers';
  const keep = own ? {} : { unit };

  const tabs = h('nav', { class: 'dtabs reg-tabs', 'aria-label': t('reg.tabs') },
    ['in', 'out', 'edxml'].map((d) => h('a', { class: 'dtabs-link', href: href(path, { ...keep, dir: d, year }), 'data-dir': d, 'aria-current': d === dir ? 'page' : null }, t('reg.' + d))));

  if (dir === 'edxml') {
    return h('article', { class: 'page reg-page' },
      h('header', { class: 'reg-head' },
        h('h1', { class: 'page-title', tabindex: '-1' }, t('reg.title')),
        h('p', { class: 'reg-unit' }, h('a', { href: href('/units/' + unit) }, name))),
      tabs, ...(await renderMessages(unit, own, limit)), docVerifyBox());
  }

  const years = [];
  for (let k = thisYear(); k >= Math.min(thisYear() - 5, year); k--) years.push(k);
  const yearSel = h('select', {
    id: 'reg-year', class: 'input reg-year',
    onchange: (ev) => navigate(path, { ...keep, dir, year: ev.target.value }),
  }, years.map((k) => h('option', { value: k, selected: k === year ? '' : null }, String(k))));

  const xlsx = h('a', {
    class: 'btn btn--secondary reg-xlsx', 'data-xlsx': '',
    href: `${base(unit, dir)}/export.xlsx?year=${year}`, download: '',
  }, t('reg.xlsx'));

  const list = h('ol', { class: 'reg-list', 'aria-label': t('reg.' + dir) }, (first.items || []).map((g) => entryNode(g, unit)));
  const more = moreButton(first.next_cursor, async (cursor) => {
    const p = await fetchPage(unit, dir, year, cursor, limit);
    list.append(...(p.items || []).map((g) => entryNode(g, unit)));
    return p.next_cursor;
  });
  const body = h('div', { class: 'reg-body' });
  replace(body, (first.items || []).length ? [list, more] : emptyNote(t('reg.empty')));

  return h('article', { class: 'page reg-page' },
    h('header', { class: 'reg-head' },
      h('h1', { class: 'page-title', tabindex: '-1' }, t('reg.title')),
      h('p', { class: 'reg-unit' }, h('a', { href: href('/units/' + unit) }, name)),
      h('p', { class: 'hint' }, t('reg.intro'))),
    tabs,
    h('div', { class: 'reg-tools' },
      h('label', { class: 'reg-year-label', for: 'reg-year' }, t('reg.year')), yearSel, xlsx),
    body,
    // A PDF received from anywhere, its digital signatures checked (issue 15).
    docVerifyBox());
}
