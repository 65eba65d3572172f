// SPDX-License-Identifier: AGPL-3.0-or-later
// What the SMTP sink (smtp_sink.mjs) received: every message of its folder,
// decoded by parse_mail.py ({subject, to, body, …}), and a wait for the one a
// test expects (the server's worker delivers every few seconds).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

/** Every message received so far, in file-name order, decoded. */
export function mails(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => ({
    file: f,
    ...JSON.parse(spawnSync('/usr/bin/python3', [join(ROOT, 'tests/lib/parse_mail.py'), join(dir, f)], { encoding: 'utf8' }).stdout),
  }));
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
