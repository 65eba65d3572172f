// SPDX-License-Identifier: AGPL-3.0-or-later
// Link kits: the links a higher unit recommends (quality press, radio, TV).
// A lower unit marks "shared" with the link of its own post (an activity of
// kind share); the issuer sees the shares per link and per unit, and an
// officer can publish a new kit (one link per line, "URL | title"). Each link
// has copy / share / Zalo buttons (pages/posterShare.js).
import { h, replace } from '../dom.js';
import { activityApi } from '../api_activity.js';
import { t, fmtNumber } from '../i18n.js';
import { session } from '../session.js';
import { errorBox, emptyNote } from '../ui/status.js';
import { moreButton } from '../ui/more.js';
import { channelName, currentDirective, isOfficer, pageHead } from './activityCommon.js';
import { shareBar } from './posterShare.js';

export async function render(ctx) {
  const { list, dir } = await currentDirective(ctx);
  const head = pageHead('/activities/links', 'kit.title', list, dir);
  if (!dir) return h('section', { class: 'page' }, head, emptyNote(t('act.noDirective')));
  const body = h('div', null);

  async function load() {
    try {
      const r = await activityApi.kits(dir.id);
      const kits = r.items || [];
      const cards = h('ul', { class: 'act-items' }, kits.map(kitCard));
      body.replaceChildren(...(kits.length ? [cards, moreButton(r.next_cursor, async (cursor) => {
        const p = await activityApi.kits(dir.id, cursor);
        cards.append(...(p.items || []).map(kitCard));
        return p.next_cursor;
      })] : [emptyNote(t('kit.none'))]).filter(Boolean));
    } catch (err) { body.replaceChildren(errorBox(err, load)); }
  }

  function kitCard(k) {
    const mineToFollow = session.user && session.user.unit && k.issuer.id === session.user.unit.id;
    const shares = h('div', null);
    return h('li', { class: 'card kit' },
      h('h2', { class: 'section-title' }, k.title),
      h('p', { class: 'act-meta' }, h('span', null, k.issuer.name), k.theme ? h('span', null, `${k.theme.pos}. ${k.theme.title}`) : null),
      k.note ? h('p', null, k.note) : null,
      h('ul', { class: 'kit-links' }, k.items.map((i) => h('li', { class: 'kit-link' },
        h('span', { class: 'tag tag--muted' }, channelName(i.channel)), ' ',
        h('a', { href: i.url, target: '_blank', rel: 'noopener noreferrer' }, i.title),
        i.source ? h('span', { class: 'act-meta' }, ' · ' + i.source) : null,
        shareBar(i.url, { id: 'kit-item-' + i.id, title: i.title }),
        h('p', { class: 'act-meta' }, t('kit.shares', { n: fmtNumber(i.shares), units: fmtNumber(i.units_shared) })),
        mineToFollow ? null : i.my_share ? h('p', { class: 'tag tag--ok' }, t('kit.shared')) : shareForm(i)))),
      mineToFollow ? h('button', { type: 'button', class: 'btn btn--secondary', onclick: async () => {
        try {
          const r = await activityApi.kitShares(k.id);
          replace(shares, h('ul', { class: 'kit-shares' }, r.shares.units.map((u) => h('li', null, `${u.unit.name}: ${fmtNumber(u.shares)}`))),
            r.shares.units.length ? null : emptyNote(t('kit.noShares')));
        } catch (err) { replace(shares, errorBox(err)); }
      } }, t('kit.byUnit')) : null,
      shares);
  }

  function shareForm(item) {
    const id = 'kit-share-' + item.id;
    const input = h('input', { id, type: 'url', inputmode: 'url', class: 'input', placeholder: 'https://facebook.com/…' });
    const err = h('p', { class: 'form-error', role: 'alert' });
    return h('form', { class: 'kit-share', onsubmit: async (e) => {
      e.preventDefault();
      try {
        await activityApi.create({ directive_id: dir.id, kit_item_id: item.id, url: input.value.trim(), title: item.title });
        load();
      } catch (x) { err.textContent = x.message; }
    } }, err, h('label', { class: 'label', for: id }, t('kit.yourPost')), input,
    h('button', { type: 'submit', class: 'btn btn--secondary' }, t('kit.markShared')));
  }

  function newKit() {
    const err = h('p', { class: 'form-error', role: 'alert' });
    const titleIn = h('input', { id: 'kit-title', class: 'input' });
    const links = h('textarea', { id: 'kit-links', class: 'input kit-textarea', rows: 4, placeholder: 'https://laodong.vn/… | Tiêu đề bài báo' });
    return h('details', { class: 'card' }, h('summary', null, t('kit.new')),
      h('form', { onsubmit: async (e) => {
        e.preventDefault();
        const items = links.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
          const [url, ...rest] = l.split('|');
          return { url: url.trim(), title: rest.join('|').trim() || undefined };
        });
        try { await activityApi.createKit(dir.id, { title: titleIn.value.trim(), items }); titleIn.value = ''; links.value = ''; load(); } catch (x) { err.textContent = x.message; }
      } }, err,
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'kit-title' }, t('kit.kitTitle')), titleIn),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'kit-links' }, t('kit.links')), links, h('p', { class: 'hint' }, t('kit.linksHint'))),
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('kit.publish'))));
  }

  await load();
  return h('section', { class: 'page act-page' }, head, isOfficer() ? newKit() : null, body);
}

export const title = () => t('kit.title');
