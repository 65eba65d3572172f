// SPDX-License-Identifier: AGPL-3.0-or-later
// The tools of an item the user's unit owns, opened in place under the item in
// the list: its photos (thumbnails that can be removed, take one with the camera or pick several
// from the gallery; each file is sent as the request body, one after the
// other, with a line of progress and the server's message when one is
// refused) and the edit form (the server's error next to the field it names;
// a record locked by an accepted report gets the server's 409 message on top).
import { h } from '../dom.js';
import { activityApi, CHANNELS, KINDS, PHOTO_TYPES, PHOTO_MAX_REQUEST, photoUrl } from '../api_activity.js';
import { t, fmtNumber } from '../i18n.js';
import { channelName, kindName } from './activityCommon.js';
import { dateInput, dateValue } from '../ui/dateInput.js';

const COUNTS = ['views', 'reactions', 'comments', 'shares'];

const mb = (n) => fmtNumber(Math.max(0.1, Math.round(n / 104857.6) / 10));

/** The thumbnails of item.photos (newest last), each with a remove button calling onRemove(pos, n). */
function thumbs(item, onRemove) {
  const photos = item.photos || [];
  if (!photos.length) return h('p', { class: 'hint act-nophoto' }, t('act.noPhotos'));
  return h('ul', { class: 'act-thumbs' }, photos.map((p, i) => h('li', { class: 'act-thumb-item' },
    h('a', { href: photoUrl(item.id, p.pos), target: '_blank', rel: 'noopener', class: 'act-thumb-link' },
      h('img', { class: 'act-thumb', src: photoUrl(item.id, p.pos), width: 96, height: 96, loading: 'lazy', decoding: 'async',
        alt: t('act.photoAlt', { n: i + 1, title: item.title }) })),
    h('button', { type: 'button', class: 'btn btn--secondary act-thumb-remove',
      'aria-label': t('act.removePhotoOf', { n: i + 1, title: item.title }),
      onclick: () => onRemove(p.pos, i + 1) }, t('act.removePhoto')))));
}

/**
 * Photos panel of item {id, title}: loads the item (the list has only the
 * count, kept up to date through onCount(n)), shows its thumbnails (each removable, after a confirmation) and two file
 * inputs (camera, gallery).
 */
export function photoPanel(row, onCount = () => {}) {
  const id = `act-ph-${row.id}`;
  const gallery = h('div', { class: 'act-gallery', 'aria-live': 'polite' }, t('act.loadingPhotos'));
  const progress = h('p', { class: 'hint act-ph-progress', id: `${id}-progress`, role: 'status', 'aria-live': 'polite' });
  const errors = h('div', { class: 'act-ph-errors', id: `${id}-errors`, role: 'alert' });
  const camera = h('input', { id: `${id}-camera`, type: 'file', class: 'act-ph-input', accept: PHOTO_TYPES, capture: 'environment',
    'aria-describedby': `${id}-hint` });
  const picker = h('input', { id: `${id}-pick`, type: 'file', class: 'act-ph-input', accept: PHOTO_TYPES, multiple: true,
    'aria-describedby': `${id}-hint` });
  let item = { id: row.id, title: row.title, photos: [] };
  let busy = false;

  const show = () => { gallery.replaceChildren(thumbs(item, remove)); onCount((item.photos || []).length); };
  async function remove(pos, n) {
    if (busy || !confirm(t('act.confirmRemovePhoto', { n }))) return;
    busy = true;
    errors.replaceChildren();
    try {
      item = await activityApi.removePhoto(row.id, pos);
      progress.textContent = t('act.photoRemoved', { n });
      show();
    } catch (err) {
      errors.replaceChildren(h('div', { class: 'alert alert--error' }, err.message));
    }
    busy = false;
  }

  activityApi.get(row.id).then((r) => { item = r; show(); },
    (err) => gallery.replaceChildren(h('p', { class: 'alert alert--error' }, err.message)));

  async function upload(input) {
    const list = [...(input.files || [])];
    input.value = '';
    if (!list.length || busy) return;
    busy = true;
    camera.disabled = true; picker.disabled = true;
    errors.replaceChildren();
    const failed = [];
    let done = 0;
    for (const [i, f] of list.entries()) {
      progress.textContent = t('act.uploading', { i: i + 1, n: list.length, name: f.name || t('act.photo'), size: mb(f.size) });
      try {
        if (f.size > PHOTO_MAX_REQUEST) throw new Error(t('act.photoTooBig', { max: PHOTO_MAX_REQUEST >> 20 }));
        item = await activityApi.addPhoto(row.id, f);
        done++;
        show();
      } catch (err) {
        failed.push(h('li', null, h('span', { class: 'act-ph-name' }, f.name || t('act.photo')), ': ', err.message));
      }
    }
    progress.textContent = t('act.uploaded', { done, n: list.length });
    if (failed.length) errors.replaceChildren(h('div', { class: 'alert alert--error' }, h('ul', { class: 'act-errors' }, failed)));
    busy = false;
    camera.disabled = false; picker.disabled = false;
  }
  camera.addEventListener('change', () => upload(camera));
  picker.addEventListener('change', () => upload(picker));

  return h('section', { class: 'act-panel act-photos', 'aria-label': t('act.photosOf', { title: row.title }) },
    gallery,
    h('div', { class: 'act-ph-pick' },
      // The input comes first so that its focus ring can show on the label (the input itself is hidden).
      camera, h('label', { class: 'btn btn--secondary act-ph-btn', for: `${id}-camera` }, t('act.takePhoto')),
      picker, h('label', { class: 'btn btn--secondary act-ph-btn', for: `${id}-pick` }, t('act.pickPhotos'))),
    h('p', { class: 'hint', id: `${id}-hint` }, t('act.photoHint')),
    progress, errors);
}

/**
 * Edit form of item row (a list row: title, theme, channel, kind, date,
 * counts). onSaved(item) after the server accepted it.
 */
export function editPanel(row, themes, onSaved, onCancel) {
  const id = `act-ed-${row.id}`;
  const top = h('p', { class: 'form-error', id: `${id}-error`, role: 'alert' });
  const errs = {};
  const field = (name, labelKey, input, wide) => {
    errs[name] = h('p', { class: 'field-error', id: `${id}-${name}-err`, role: 'alert' });
    input.setAttribute('aria-describedby', `${id}-${name}-err`);
    return h('div', { class: ['field', wide && 'act-wide'] }, h('label', { class: 'label', for: input.id }, t(labelKey)), input, errs[name]);
  };
  const title = h('input', { id: `${id}-title`, name: 'title', class: 'input', maxlength: 500, value: row.title || '', required: true });
  const theme = h('select', { id: `${id}-theme`, name: 'theme_id', class: 'input' },
    h('option', { value: '' }, t('act.noTheme')),
    themes.map((x) => h('option', { value: x.id, selected: !!row.theme && row.theme.id === x.id }, `${x.pos}. ${x.title}`)));
  const channel = h('select', { id: `${id}-channel`, name: 'channel', class: 'input' },
    CHANNELS.map((c) => h('option', { value: c, selected: c === row.channel }, channelName(c))));
  const kind = h('select', { id: `${id}-kind`, name: 'kind', class: 'input' },
    KINDS.map((k) => h('option', { value: k, selected: k === row.kind }, kindName(k))));
  const date = dateInput({ id: `${id}-date`, name: 'date' }, row.date || '');
  const counts = Object.fromEntries(COUNTS.map((k) => [k, h('input', { id: `${id}-${k}`, name: k, type: 'number', min: 0, step: 1,
    inputmode: 'numeric', class: 'input', value: typeof row[k] === 'number' ? row[k] : '' })]));

  const clear = () => {
    top.textContent = '';
    for (const [k, p] of Object.entries(errs)) {
      p.textContent = '';
      form.querySelector(`[name="${k}"]`).removeAttribute('aria-invalid');
    }
  };
  const form = h('form', {
    class: 'act-panel act-edit', novalidate: true, 'aria-label': t('act.editOf', { title: row.title }),
    onsubmit: async (e) => {
      e.preventDefault();
      clear();
      const body = {
        title: title.value.trim(), theme_id: theme.value ? Number(theme.value) : null, channel: channel.value, kind: kind.value,
        date: dateValue(date) || undefined,
      };
      for (const k of COUNTS) body[k] = counts[k].value === '' ? null : Number(counts[k].value);
      const btn = form.querySelector('button[type=submit]');
      btn.disabled = true;
      try {
        const r = await activityApi.update(row.id, body);
        onSaved(r);
      } catch (x) {
        const f = x.field === 'theme' ? 'theme_id' : x.field; // the store names the theme "theme"
        const bad = f && errs[f] ? f : '';
        if (bad) {
          errs[bad].textContent = x.message;
          const el = form.querySelector(`[name="${bad}"]`);
          el.setAttribute('aria-invalid', 'true');
          el.focus();
        } else {
          top.textContent = x.message; // e.g. the 409 of a record locked by an accepted report
          top.tabIndex = -1;
          top.focus();
        }
      } finally {
        btn.disabled = false;
      }
    },
  },
  top,
  field('title', 'act.titleField', title, true),
  field('theme_id', 'act.theme', theme, true),
  h('div', { class: 'act-row' }, field('channel', 'act.channel', channel), field('kind', 'act.kind', kind)),
  field('date', 'act.date', date),
  h('fieldset', { class: 'act-counts' }, h('legend', { class: 'label' }, t('act.engagement')),
    h('div', { class: 'act-row' }, COUNTS.map((k) => field(k, 'act.' + k, counts[k])))),
  h('div', { class: 'act-actions' },
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('act.saveChanges')),
    h('button', { type: 'button', class: 'btn btn--secondary', onclick: onCancel }, t('act.cancel'))));
  return form;
}
