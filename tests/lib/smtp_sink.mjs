// SPDX-License-Identifier: AGPL-3.0-or-later
// Start the real SMTP sink (smtp_sink.py) on 127.0.0.1:port, writing each
// message received to dir; resolves with the process once it listens.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

export function startSink(port, dir, extra = []) {
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/python3', [join(ROOT, 'tests/lib/smtp_sink.py'), String(port), dir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('ready')) return;
      // Once it listens the sink never keeps the test process alive: when a
      // before() hook fails and its after() throws before killing the sink,
      // node still exits (killing it) instead of waiting for the runner's 600 s.
      p.unref();
      p.stdout.unref();
      p.stderr.unref();
      resolve(p);
    });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (c) => reject(new Error('smtp sink exited ' + c + ': ' + out)));
    process.on('exit', () => p.kill('SIGTERM'));
  });
}
