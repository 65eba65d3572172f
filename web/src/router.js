// SPDX-License-Identifier: AGPL-3.0-or-later
// Hash routing: "#/units/12?q=gia" → path "/units/12", params {id: "12"},
// query URLSearchParams("q=gia"). The server only ever serves index.html at /.

const routes = [];
let handler = null;

/**
 * Registers a route. pattern: "/units/:id" (":name" matches one segment).
 * page: { render(ctx) → Node | Promise<Node>, title?(ctx) }. opts.public: no login needed.
 */
export function route(pattern, page, opts = {}) {
  const names = [];
  const re = new RegExp('^' + pattern.replace(/\/:([a-z_]+)/gi, (_, n) => { names.push(n); return '/([^/]+)'; }) + '/?$');
  routes.push({ pattern, re, names, page, public: !!opts.public });
}

/** Current location as {path, query}. */
export function current() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const query = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
  return { path: path.startsWith('/') ? path : '/' + path, query };
}

/** Finds the route for path: {route, params} or null. */
export function match(path) {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

/** Builds "#/path?k=v" for links. */
export function href(path, query) {
  const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  return '#' + path + (qs ? '?' + qs : '');
}

/** Goes to path; re-renders even when the hash does not change. */
export function navigate(path, query) {
  const next = href(path, query);
  if (location.hash === next) { if (handler) handler(); } else location.hash = next;
}

/** Changes the query part without re-rendering (e.g. while typing a search). */
export function replaceQuery(query) {
  const { path } = current();
  history.replaceState(history.state, '', href(path, query));
}

/** Re-renders the current route (after login or a language switch). */
export function refresh() { if (handler) handler(); }

/** Starts listening; fn() is called for every navigation. */
export function start(fn) {
  handler = fn;
  window.addEventListener('hashchange', fn);
  fn();
}
