// SPDX-License-Identifier: AGPL-3.0-or-later
// Small charts without a chart library: SVG built with the DOM (no innerHTML,
// no style attributes: colours are classes in styles/reports.css, so the
// strict CSP holds). Labels and numbers are HTML text next to the SVG, so
// they stay readable at phone width; every chart carries its numbers as
// text for screen readers too.
import { h } from '../dom.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element: svg('rect', {x: 0, width: 10, class: 'a'}, child…). */
export function svg(tag, attrs, ...kids) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  }
  for (const c of kids) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const clamp = (x) => (Number.isFinite(x) ? Math.max(0, Math.min(100, x)) : 0);

/**
 * One horizontal bar as SVG, 100% wide: parts [{value, cls, title?}] stacked
 * left to right over a track, scaled so that `max` fills the width.
 */
export function barSvg(parts, max) {
  const total = max > 0 ? max : 1;
  let x = 0;
  const rects = parts.map((p) => {
    const w = clamp((100 * (p.value || 0)) / total);
    const r = w > 0 ? svg('rect', { x: `${x}%`, y: 0, width: `${w}%`, height: '100%', class: p.cls },
      p.title ? svg('title', null, p.title) : null) : null;
    x += w;
    return r;
  });
  return svg('svg', { class: 'chart-bar', 'aria-hidden': 'true', focusable: 'false', width: '100%', height: 14 },
    svg('rect', { x: 0, y: 0, width: '100%', height: '100%', class: 'chart-track' }), ...rects);
}

/**
 * A labelled bar chart as a list: rows [{label (string|Node), value, text,
 * parts?: [{value, cls, title}], max? (this row's full width), attrs?}]. Each row reads as
 * "label — text" to a screen reader; the bar itself is decoration.
 * opts: {label: accessible name, max?, cls?}
 */
export function barList(rows, opts = {}) {
  const max = opts.max ?? Math.max(0, ...rows.map((r) => r.value || 0));
  return h('ul', { class: ['chart-bars', opts.cls], 'aria-label': opts.label || null },
    rows.map((r) => h('li', { class: 'chart-row', ...(r.attrs || {}) },
      h('span', { class: 'chart-label' }, r.label),
      h('span', { class: 'chart-value' }, r.text ?? String(r.value)),
      barSvg(r.parts || [{ value: r.value, cls: r.cls || 'chart-fill' }], r.max ?? max))));
}

/**
 * Columns over time (e.g. items per day): points [{key, label, value}].
 * An SVG of columns scaled to the largest value, the first and last labels
 * and the peak as HTML below it, and a hidden table with every number.
 * opts: {caption, valueText(v), headers: [labelHeader, valueHeader]}
 */
export function columnChart(points, opts = {}) {
  const W = 600, H = 160;
  const max = Math.max(1, ...points.map((p) => p.value || 0));
  const n = Math.max(points.length, 1);
  const step = W / n;
  const bw = Math.max(1, Math.min(40, step * 0.7));
  const cols = points.map((p, i) => {
    const hgt = ((p.value || 0) / max) * (H - 8);
    return svg('rect', { x: (i * step + (step - bw) / 2).toFixed(1), y: (H - hgt).toFixed(1), width: bw.toFixed(1), height: hgt.toFixed(1), class: 'chart-col' },
      svg('title', null, `${p.label}: ${opts.valueText ? opts.valueText(p.value) : p.value}`));
  });
  const peak = points.reduce((a, p) => (p.value > (a ? a.value : -1) ? p : a), null);
  const fig = svg('svg', { class: 'chart-cols', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
    svg('line', { x1: 0, y1: H - 0.5, x2: W, y2: H - 0.5, class: 'chart-axis' }), ...cols);
  const [hl, hv] = opts.headers || ['', ''];
  return h('figure', { class: 'chart-figure' },
    opts.caption ? h('figcaption', { class: 'chart-caption' }, opts.caption) : null,
    fig,
    h('div', { class: 'chart-axis-labels', 'aria-hidden': 'true' },
      h('span', null, points.length ? points[0].label : ''),
      peak ? h('span', { class: 'chart-peak' }, `▲ ${peak.label}: ${opts.valueText ? opts.valueText(peak.value) : peak.value}`) : null,
      h('span', null, points.length > 1 ? points[points.length - 1].label : '')),
    h('table', { class: 'visually-hidden' },
      opts.caption ? h('caption', null, opts.caption) : null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, hl), h('th', { scope: 'col' }, hv))),
      h('tbody', null, points.map((p) => h('tr', null, h('th', { scope: 'row' }, p.label),
        h('td', null, opts.valueText ? opts.valueText(p.value) : String(p.value)))))));
}
