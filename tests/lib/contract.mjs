// SPDX-License-Identifier: AGPL-3.0-or-later
// The API contract, held in the tests: every response a test receives from a
// lantoa server (started by server.mjs) is checked against docs/openapi.yaml.
//
// - The operation is found by method and path template ("/units/{id}");
//   a path the file does not describe (static files, /api/v1/nope) is not
//   checked here, and a described path asked with an undescribed method must
//   answer 405.
// - The status must be one the operation lists; a JSON body must match the
//   schema given for it (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), any
//   other body must have one of the listed media types.
// - Strict: the file leaves response objects open for clients (they must
//   ignore fields they do not know), but here every object schema with
//   `properties` and no `additionalProperties` is closed, so that a field the
//   server sends and the file does not describe fails the test too.
//
// A failure throws from fetch, so the test that made the call fails.
// LANTOA_CONTRACT=off turns the check off (to debug a test, never in CI);
// LANTOA_CONTRACT_RECORD=FILE also appends every exchange to FILE (JSON lines).
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SPEC_PATH = join(ROOT, 'docs', 'openapi.yaml');
const requireWeb = createRequire(join(ROOT, 'web', 'package.json'));
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

let cache = null;

/** The spec as an object (parsed once). */
export function loadSpec() {
  return load().spec;
}

/** Close every object schema that lists properties and says nothing of others. */
function closeObjects(node) {
  if (Array.isArray(node)) { node.forEach(closeObjects); return node; }
  if (!node || typeof node !== 'object') return node;
  if (node.properties && !('additionalProperties' in node) && !('unevaluatedProperties' in node)) {
    node.additionalProperties = false;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'if' || k === 'not') continue; // conditions test a few keys of a larger object
    if (k !== 'properties') closeObjects(v);
    else for (const p of Object.values(v)) closeObjects(p);
  }
  return node;
}

/**
 * What every test file would otherwise redo: over a hundred node processes a run
 * load the contract, and parsing the YAML costs about a second of CPU, compiling
 * the schemas a file meets about as much again. With LANTOA_TEST_CACHE (set by
 * scripts/runtests.py) both are kept there, named by the YAML's SHA-256 (and
 * KEEP_VERSION, the compiler's options below), so that a changed file is read
 * anew: the spec as JSON, and each validator as ajv's standalone code, compiled
 * by the first file that needs it.
 */
const KEEP_VERSION = 'ajv2020-allErrors-strict-1';

function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file); // a file writing the same at the same time writes the same bytes
}

function parseSpec(keep, tag) {
  const kept = keep && join(keep, `openapi-${tag}.json`);
  if (kept && existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8'));
  const spec = requireWeb('yaml').parse(readFileSync(SPEC_PATH, 'utf8'));
  if (kept) writeAtomic(kept, JSON.stringify(spec));
  return spec;
}

function load() {
  if (cache) return cache;
  const keep = process.env.LANTOA_TEST_CACHE || null;
  const tag = createHash('sha256').update(KEEP_VERSION).update(readFileSync(SPEC_PATH)).digest('hex');
  const spec = parseSpec(keep, tag);
  const ops = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const names = [];
    const re = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{([^}]+)\}/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '/?$');
    ops.push({ template, item, re, params: names.length });
  }
  // Literal segments win over templates: /activities/detect before /activities/{id}.
  ops.sort((a, b) => a.params - b.params);
  cache = { spec, ops, keep, tag, ajv: null, validators: new Map() };
  return cache;
}

/** The schema compiler, made on first need (a file whose validators are all kept never makes it). */
function compiler(c) {
  if (c.ajv) return c.ajv;
  const Ajv2020 = requireWeb('ajv/dist/2020').default;
  const addFormats = requireWeb('ajv-formats').default;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true,
    code: { source: !!c.keep } });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  // The components as one schema document, so that '#/components/schemas/X'
  // resolves inside every operation's schema.
  ajv.addSchema({ $id: 'lantoa', $defs: rewriteRefs(closeObjects(structuredClone(c.spec.components?.schemas || {}))) });
  c.ajv = ajv;
  return ajv;
}

/** Rewrite '#/components/schemas/X' refs to the shared document ('lantoa#/$defs/X'). */
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
      ? 'lantoa#/$defs/' + v.slice('#/components/schemas/'.length)
      : rewriteRefs(v);
  }
  return out;
}

/** Resolve a '$ref' to a response or parameter object of the spec. */
function deref(spec, obj) {
  while (obj && obj.$ref) {
    obj = obj.$ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return obj;
}

/** The operation for method + path (without query): {template, op} or null. */
export function findOperation(method, pathname) {
  const { ops } = load();
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  for (const o of ops) {
    if (!o.re.test(pathname)) continue;
    return { template: o.template, item: o.item, op: o.item[m] || null, method: m };
  }
  return null;
}

function validator(key, schema) {
  const c = load();
  let v = c.validators.get(key);
  if (v) return v;
  const kept = c.keep && join(c.keep, `contract-${createHash('sha256').update(c.tag).update(key).digest('hex').slice(0, 40)}.cjs`);
  if (kept && existsSync(kept)) {
    // ajv's standalone module: it requires ajv's runtime and ajv-formats, found from web/.
    const module = { exports: {} };
    new Function('require', 'module', 'exports', readFileSync(kept, 'utf8'))(requireWeb, module, module.exports);
    v = module.exports.default || module.exports;
  } else {
    const ajv = compiler(c);
    v = ajv.compile(rewriteRefs(closeObjects(structuredClone(schema))));
    if (kept) writeAtomic(kept, requireWeb('ajv/dist/standalone').default(ajv, v));
  }
  c.validators.set(key, v);
  return v;
}

/**
 * Check one exchange. Returns null when it matches the contract (or the path
 * is not described), else a message saying what does not.
 */
export function checkResponse(method, url, status, contentType, text) {
  const u = new URL(url);
  const found = findOperation(method, u.pathname);
  if (!found) return null;
  const where = `${method} ${u.pathname}${u.search} → ${status} (${found.template})`;
  if (!found.op) {
    return status === 405 ? null : `${where}: the method is not described, and the server did not answer 405`;
  }
  if (status === 304 && found.method === 'get') return null; // ETag revalidation, any API read
  const { spec } = load();
  const responses = found.op.responses || {};
  const resp = deref(spec, responses[String(status)] || responses[`${String(status)[0]}XX`]);
  if (!resp) {
    return `${where}: status ${status} is not among the described ones (${Object.keys(found.op.responses || {}).join(', ')})\n${text.slice(0, 500)}`;
  }
  const media = resp.content || {};
  const type = (contentType || '').split(';')[0].trim().toLowerCase();
  if (!Object.keys(media).length) {
    return text.length && method.toUpperCase() !== 'HEAD'
      ? `${where}: the response should have no body, got ${type} (${text.length} bytes)` : null;
  }
  if (!(type in media)) {
    return `${where}: content type ${type || '(none)'} is not among ${Object.keys(media).join(', ')}`;
  }
  const schema = media[type].schema;
  if (type !== 'application/json' || !schema || method.toUpperCase() === 'HEAD') return null;
  let body;
  try { body = JSON.parse(text); } catch { return `${where}: the body is not JSON: ${text.slice(0, 200)}`; }
  const v = validator(`${found.template} ${found.method} ${status}`, schema);
  if (v(body)) return null;
  const errs = v.errors.slice(0, 8).map((e) => `  ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  return `${where}: the body does not match its schema:\n${errs.join('\n')}\n${text.slice(0, 600)}`;
}

const RECORD = process.env.LANTOA_CONTRACT_RECORD;
const OFF = process.env.LANTOA_CONTRACT === 'off';
const bases = new Set();
let installed = false;

/**
 * Check every fetch to a server at base (called by startServer). Wraps
 * globalThis.fetch once; calls to other addresses pass through untouched.
 */
export function watchServer(base) {
  bases.add(base);
  if (installed) return;
  installed = true;
  const inner = globalThis.fetch;
  globalThis.fetch = async function contractFetch(input, init = {}) {
    const res = await inner(input, init);
    const url = typeof input === 'string' ? input : input.url;
    const base = [...bases].find((b) => url.startsWith(b + '/'));
    if (!base || (OFF && !RECORD)) return res;
    const method = (init.method || (typeof input === 'object' && input.method) || 'GET').toUpperCase();
    const text = Buffer.from(await res.clone().arrayBuffer()).toString('latin1');
    const type = res.headers.get('content-type') || '';
    const isJson = type.startsWith('application/json');
    const body = isJson ? Buffer.from(text, 'latin1').toString('utf8') : text;
    if (RECORD) {
      appendFileSync(RECORD, JSON.stringify({ method, path: new URL(url).pathname, query: new URL(url).search, status: res.status, type, body: isJson ? body : `(${text.length} bytes)` }) + '\n');
    }
    if (OFF) return res;
    const err = checkResponse(method, url, res.status, type, body);
    if (err) throw new Error('API contract (docs/openapi.yaml): ' + err);
    return res;
  };
}

/** Forget a stopped server. */
export function unwatchServer(base) {
  bases.delete(base);
}

export { METHODS };
