// SPDX-License-Identifier: AGPL-3.0-or-later
// Bundles src/main.js (and the CSS it imports) into dist/app.js + dist/app.css,
// writes dist/index.html with content-hash cache-busting queries, copies static/.
// Usage: node build.mjs [--watch] [--dev]   (--dev: no minify, with source maps)
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

const hash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);

function writeIndex() {
  const html = readFileSync(join(here, 'src', 'index.html'), 'utf8')
    .replace('__JS_HASH__', hash(join(out, 'app.js')))
    .replace('__CSS_HASH__', hash(join(out, 'app.css')));
  writeFileSync(join(out, 'index.html'), html);
  cpSync(join(here, 'static'), out, { recursive: true });
}

const indexPlugin = {
  name: 'index-html',
  setup(build) {
    build.onEnd((r) => {
      if (r.errors.length) return;
      writeIndex();
      if (watch) console.log(`[${new Date().toLocaleTimeString()}] rebuilt web/dist`);
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const options = {
  entryPoints: { app: join(here, 'src', 'main.js') },
  bundle: true,
  outdir: out,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [indexPlugin],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('watching web/src …');
} else {
  await esbuild.build(options);
  const size = (f) => readFileSync(join(out, f)).length;
  console.log(`web/dist: app.js ${size('app.js')} B, app.css ${size('app.css')} B, index.html, favicon.svg`);
}
