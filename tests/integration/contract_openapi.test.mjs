// SPDX-License-Identifier: AGPL-3.0-or-later
// docs/openapi.yaml is a contract real clients can use: it passes a standard
// validator, describes exactly the routes of src/http/routes.c (operationId =
// the route's name), and gives every request and response body a JSON schema,
// with the error shape on every 4xx and 5xx. That live responses match these
// schemas is checked on every call the integration tests make (tests/lib/contract.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/server.mjs';
import { SPEC_PATH, loadSpec, checkResponse } from '../lib/contract.mjs';

const requireWeb = createRequire(join(ROOT, 'web', 'package.json'));
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const spec = loadSpec();
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m], item })));
const deref = (o) => {
  while (o?.$ref) o = o.$ref.slice(2).split('/').reduce((x, k) => x[k], spec);
  return o;
};

test('the file passes @apidevtools/swagger-parser (OpenAPI 3.1 schema, refs resolve)', async () => {
  const SwaggerParser = requireWeb('@apidevtools/swagger-parser');
  const api = await SwaggerParser.validate(SPEC_PATH);
  assert.match(api.openapi, /^3\.1\./);
});

test('the operations are exactly the routes of src/http/routes.c, named alike', () => {
  const routes = [...readFileSync(join(ROOT, 'src/http/routes.def'), 'utf8')
    .matchAll(/\{ "(GET|POST|PUT|PATCH|DELETE)", "([^"]+)", \w+, \w+, "(\w+)"/g)]
    .map((m) => `${m[1].toLowerCase()} ${m[2].replace(/\{[^}]+\}/g, '{}')} ${m[3]}`).sort();
  const ops = operations.map((o) => `${o.method} ${o.path.replace(/\{[^}]+\}/g, '{}')} ${o.op.operationId}`).sort();
  assert.ok(routes.length >= 90, `${routes.length} routes read`);
  assert.deepEqual(ops, routes);
});

test('every body has a schema: no prose where a client needs a type', () => {
  const missing = [];
  for (const { path, method, op } of operations) {
    const rb = deref(op.requestBody);
    for (const [type, m] of Object.entries(rb?.content || {})) {
      if (!m.schema) missing.push(`${method} ${path} request ${type}`);
    }
    for (const [status, r] of Object.entries(op.responses)) {
      const resp = deref(r);
      const content = resp.content || {};
      if (!Object.keys(content).length) missing.push(`${method} ${path} ${status}: no content`);
      for (const [type, m] of Object.entries(content)) {
        if (!m.schema) missing.push(`${method} ${path} ${status} ${type}`);
      }
    }
    // A JSON request body is an object with its fields listed, unknown ones refused.
    const json = rb?.content?.['application/json']?.schema;
    if (json) {
      const s = deref(json);
      if (s.type !== 'object' || s.additionalProperties !== false) missing.push(`${method} ${path}: request schema not a closed object`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every 4xx and 5xx carries the error shape {"error":{"code","message","field"}}', () => {
  const bad = [];
  const errorLike = (s) => {
    s = deref(s);
    if (s.oneOf) return s.oneOf.every(errorLike);
    const e = deref(s.properties?.error);
    return s.required?.includes('error') && ['code', 'message', 'field'].every((k) => e?.required?.includes(k));
  };
  for (const { path, method, op } of operations) {
    for (const [status, r] of Object.entries(op.responses)) {
      if (!/^[45]/.test(status)) continue;
      const content = deref(r).content || {};
      const json = content['application/json'];
      // The public form (/f/…) answers its own errors as HTML pages.
      if (!json && path.startsWith('/f/') && content['text/html']) continue;
      if (!json || !errorLike(json.schema)) bad.push(`${method} ${path} ${status}`);
    }
    const needs = op.security?.length === 0 ? [] : ['401'];
    if (['post', 'put', 'patch', 'delete'].includes(method) && op.security?.length !== 0) needs.push('403');
    if (op.requestBody?.content?.['application/json'] || op.requestBody?.$ref) needs.push('413');
    for (const s of needs) if (!op.responses[s]) bad.push(`${method} ${path}: no ${s}`);
    if (!op.responses['5XX']) bad.push(`${method} ${path}: no 5XX`);
  }
  assert.deepEqual(bad, []);
});

test('the live check catches a wrong status, an undescribed field and a missing one', () => {
  const me = { csrf_token: 'x'.repeat(43), user: { id: 1, login: 'a', name: 'b', role: 'cadre', unit: { id: 1, code: 'c', name: 'n', level: 'grassroots' } } };
  assert.equal(checkResponse('GET', 'http://h/api/v1/me', 200, 'application/json', JSON.stringify(me)), null);
  assert.match(checkResponse('GET', 'http://h/api/v1/me', 202, 'application/json', '{}'), /status 202 is not among/);
  assert.match(checkResponse('GET', 'http://h/api/v1/me', 200, 'application/json', JSON.stringify({ ...me, extra: 1 })), /additional properties \(extra\)/);
  const { csrf_token: _, ...partial } = me;
  assert.match(checkResponse('GET', 'http://h/api/v1/me', 200, 'application/json', JSON.stringify(partial)), /required property 'csrf_token'/);
  assert.match(checkResponse('GET', 'http://h/api/v1/levels', 200, 'text/html', '<p>'), /content type text\/html/);
  assert.match(checkResponse('DELETE', 'http://h/api/v1/levels', 200, 'application/json', '{}'), /not described/);
  // Literal segments win over templates.
  assert.match(checkResponse('GET', 'http://h/api/v1/activities/detect', 200, 'application/json', '{}'), /\(\/api\/v1\/activities\/detect\)/);
});
