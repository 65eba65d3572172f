// SPDX-License-Identifier: AGPL-3.0-or-later
// Tiny DOM builder. Text always goes in through text nodes, never innerHTML,
// so anything the API returns is displayed, not interpreted.

/**
 * h('a', {href: '#/units/1', class: 'link', onclick: fn}, 'text', child, [more])
 * Attributes: `class` sets className; `on<event>` functions become listeners;
 * true sets an empty attribute; false, null and undefined are skipped.
 * Children: strings/numbers become text nodes; arrays are flattened; null/false skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2).toLowerCase(), v);
      } else if (k === 'class') {
        el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
      } else if (v === true) {
        el.setAttribute(k, '');
      } else {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

/** Appends children (same rules as h()) to el; returns el. */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Inline SVG icon from a list of path data strings (no styles, CSP-safe). */
export function icon(paths, cls = 'icon') {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', d);
    svg.appendChild(p);
  }
  return svg;
}

export const ICONS = {
  search: ['M10.5 4a6.5 6.5 0 1 0 4.03 11.6l4.43 4.43 1.06-1.06-4.43-4.43A6.5 6.5 0 0 0 10.5 4Zm0 1.5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Z'],
  chevron: ['M9.3 5.3 8.24 6.36 13.88 12l-5.64 5.64 1.06 1.06L16 12 9.3 5.3Z'],
  up: ['M12 5.6 5.3 12.3l1.06 1.06 4.89-4.89V19h1.5V8.47l4.89 4.89 1.06-1.06L12 5.6Z'],
  caret: ['M7 9.5 12 14.5l5-5H7Z'],
  logout: ['M10 4h8a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-8v-1.5h8a.5.5 0 0 0 .5-.5V6a.5.5 0 0 0-.5-.5h-8V4Zm.7 4.2 1.06-1.06L16.62 12l-4.86 4.86-1.06-1.06 3.05-3.05H3v-1.5h10.75L10.7 8.2Z'],
  units: ['M10 3h4v4h-1.25v2.25H19V13h1.5v4h-4.5v-4h1.5v-2.25h-5.75V13h1.5v4h-4.5v-4h1.5v-2.25H5V13h1.5v4H2v-4h1.5V9.25h7.75V7H10V3Z'],
};
