// SPDX-License-Identifier: AGPL-3.0-or-later
// Bundles src/main.js (and the CSS it imports) into dist/app.<hash>.js and
// dist/app.<hash>.css (names that change with the content, so the server lets
// browsers keep them for a year), writes dist/index.html pointing at them,
// copies static/, and writes a .gz and a .br beside every text file for the
// server to send as they are (lantoa compresses nothing static at run time).
// Usage: node build.mjs [--watch] [--dev]   (--dev: no minify, with source maps)
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

const hash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);

// app.js → app.<hash>.js (dev builds keep the plain names for source maps).
function hashed(name) {
  if (dev) return name;
  const dot = name.lastIndexOf('.');
  const to = `${name.slice(0, dot)}.${hash(join(out, name))}${name.slice(dot)}`;
  renameSync(join(out, name), join(out, to));
  return to;
}

// A .gz and a .br beside each text file, when they are smaller.
function precompress() {
  for (const f of readdirSync(out)) {
    if (!/\.(js|css|html|svg|json|txt)$/.test(f)) continue;
    const raw = readFileSync(join(out, f));
    const gz = gzipSync(raw, { level: 9 });
    const br = brotliCompressSync(raw, {
      params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    if (gz.length < raw.length) writeFileSync(join(out, `${f}.gz`), gz);
    if (br.length < raw.length) writeFileSync(join(out, `${f}.br`), br);
  }
}

function writeIndex() {
  // The server's own pages (the public feedback form) link /app.css: keep that name too.
  if (!dev) cpSync(join(out, 'app.css'), join(out, 'app.plain.css'));
  const js = hashed('app.js');
  const css = hashed('app.css');
  if (!dev) renameSync(join(out, 'app.plain.css'), join(out, 'app.css'));
  const html = readFileSync(join(here, 'src', 'index.html'), 'utf8')
    .replace('__APP_JS__', js)
    .replace('__APP_CSS__', css);
  writeFileSync(join(out, 'index.html'), html);
  cpSync(join(here, 'static'), out, { recursive: true });
  if (!dev) precompress();
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
  const files = readdirSync(out).sort();
  const size = (f) => (files.includes(f) ? readFileSync(join(out, f)).length : 0);
  const first = ['index.html', ...files.filter((f) => /^app\.[0-9a-f]{12}\.(js|css)$/.test(f)), 'favicon.svg'];
  const wire = first.reduce((n, f) => n + (size(`${f}.br`) || size(f)), 0);
  console.log(`web/dist: ${first.map((f) => `${f} ${size(f)} B`).join(', ')}; first load ${wire} B with brotli`);
}
