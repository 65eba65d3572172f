// SPDX-License-Identifier: AGPL-3.0-or-later
// What the SMTP sink (smtp_sink.mjs) received: every message of its folder,
// decoded by parse_mail.py ({subject, to, body, …}), and a wait for the one a
// test expects (the server's worker delivers every few seconds).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

// Each message decoded once: the sink renames a message into place whole
// (smtp_sink.py), so a file's path, size and time name its content. A wait
// polls every 200 ms, and decoded the whole folder each time, one python3
// (about 40 ms of CPU) per message.
const decoded = new Map();

/** Every message received so far, in file-name order, decoded. */
export function mails(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  const key = (f) => { const st = statSync(join(dir, f)); return `${join(dir, f)}:${st.size}:${st.mtimeMs}`; };
  const keys = files.map(key);
  const todo = files.filter((f, i) => !decoded.has(keys[i]));
  if (todo.length) {
    const r = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/lib/parse_mail.py'), '--each', ...todo.map((f) => join(dir, f))], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('parse_mail.py: ' + r.stderr);
    JSON.parse(r.stdout).forEach((m, i) => decoded.set(keys[files.indexOf(todo[i])], m));
  }
  return files.map((f, i) => ({ file: f, ...decoded.get(keys[i]) }));
}

/** Waits (up to ms) for a message matching pred that was not in seen (file names); resolves with it. */
export async function waitMail(dir, pred, seen = new Set(), ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const m = mails(dir).find((x) => !seen.has(x.file) && pred(x));
    if (m) return m;
    if (Date.now() > end) throw new Error('no such mail arrived; got: ' + JSON.stringify(mails(dir).map((x) => [x.to, x.subject])));
    await new Promise((r) => setTimeout(r, 200));
  }
}
