// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared harness for the browser tests (tests/e2e/): Debian's Chromium driven
// by playwright-core from web/node_modules (never a downloaded browser), one
// fresh profile per browser context, and a watch on console errors, page errors and
// CSP violations so that each test can assert there were none.
//
// Env: CHROMIUM (default /usr/bin/chromium), E2E_SHOTS (screenshot folder,
// default build/e2e-screenshots, relative to the repository root).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, DEMO_PASSWORD } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DIST = join(ROOT, 'web', 'dist', 'index.html');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Folder the screenshots (and other test outputs, e.g. a downloaded PDF) go to. */
export const SHOTS = resolve(ROOT, process.env.E2E_SHOTS || join('build', 'e2e-screenshots'));

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };
export const LAPTOP = { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

// playwright-core lives in web/node_modules (web/package.json devDependencies);
// loaded on first use so that a missing `npm ci` fails inside a test.
let chromium = null;
function playwrightChromium() {
  if (!chromium) chromium = createRequire(join(ROOT, 'web', 'package.json'))('playwright-core').chromium;
  return chromium;
}

/**
 * For a test file's before(): the web shell must be built (web/dist) and the
 * screenshot folder exists afterwards.
 */
export function prepareBrowserTests() {
  assert.ok(existsSync(DIST), `${DIST} is missing: run \`npm ci && npm run build\` in web/ first`);
  mkdirSync(SHOTS, { recursive: true });
}

/** Path of an output file in the screenshot folder. */
export const shotPath = (file) => join(SHOTS, file);

// The shell asks /api/v1/me when it starts: a 401 before signing in is normal.
const NOT_SIGNED_IN = { status: 401, url: /\/api\/v1\/me$/ };

// One Chromium per test file (per node process), started on the first
// openBrowser and closed when its last context has been closed and no new one
// followed within LINGER ms. A start costs about 2.5 s of CPU, and a file that
// plays a cadre and an officer opens two or three contexts; each context is
// still a fresh, separate profile (its own cookies, storage and cache), and
// Chromium itself runs with a fresh --user-data-dir that playwright makes.
const LINGER = 300;
let shared = null; // { browser: Promise<Browser>, users, timer }

function takeBrowser() {
  if (!shared) {
    const s = { users: 0, timer: null };
    s.browser = playwrightChromium().launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    s.browser.catch(() => { if (shared === s) shared = null; });
    shared = s;
  }
  clearTimeout(shared.timer);
  shared.users++;
  return shared.browser;
}

function releaseBrowser() {
  const s = shared;
  if (!s || --s.users > 0) return;
  s.timer = setTimeout(() => {
    if (shared !== s || s.users > 0) return;
    shared = null;
    s.browser.then((b) => b.close()).catch(() => {});
  }, LINGER);
}

/**
 * Opens a fresh browser context (a profile of its own) with one page, and watches the context's
 * pages for console errors, page errors and CSP violations.
 *
 * opts.device       viewport and friends (PHONE, DESKTOP or the like; default PHONE)
 * opts.allowConsole console errors a test provokes on purpose, each
 *                   { status, url }: the text says "status of <status>" and the
 *                   source URL matches the regex url (any URL if url is absent).
 *                   A 401 from /api/v1/me is always allowed.
 * opts.timeout      the page's default timeout in ms (default 10 000)
 * opts.shots        screenshot file prefix: shot('01-x') writes <shots>-01-x.png
 * opts.fullPage     default of shot()'s fullPage (default false)
 * opts.options      more newContext options (e.g. acceptDownloads)
 *
 * Returns { context, page, errors(), shot(name, fullPage), close() }: errors()
 * is a copy of the problems seen so far (strings); close() closes the context
 * (and the file's Chromium after its last one), and may be called more than once.
 */
export async function openBrowser(opts = {}) {
  const { device = PHONE, allowConsole = [], timeout = 10_000, shots = 'e2e', fullPage = false, options = {} } = opts;
  const allowed = [NOT_SIGNED_IN, ...allowConsole];
  const problems = [];
  let context = null;
  let held = true;
  const browser = takeBrowser();
  const close = async () => {
    const c = context;
    context = null;
    try {
      if (c) await c.close();
    } finally {
      if (held) releaseBrowser();
      held = false;
    }
  };
  try {
    context = await (await browser).newContext({
      ...device, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options,
    });
    await context.exposeFunction('__lantoaCsp', (v) => problems.push(`CSP violation: ${v}`));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__lantoaCsp(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const watch = (p) => {
      p.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const where = msg.location().url || '';
        const text = msg.text();
        if (allowed.some((a) => text.includes(`status of ${a.status}`) && (!a.url || a.url.test(where)))) return;
        problems.push(`console error: ${text} (${where})`);
      });
      p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(timeout);
    return {
      context,
      page,
      errors: () => [...problems],
      shot: (name, full = fullPage) => page.screenshot({ path: shotPath(`${shots}-${name}.png`), fullPage: full }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Signs in with a demo account and waits for the start page (Việc cần làm, the to-do list). */
export async function signIn(page, url, who) {
  await page.goto(url + '/#/login');
  await page.getByLabel('Tên đăng nhập').fill(who);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByLabel('Mật khẩu').press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
}

/** Nothing sticks out sideways (at a phone width, say). */
export async function assertNoSideScroll(page, what) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw, `${what}: page is ${sw}px wide in a ${cw}px viewport`);
}
