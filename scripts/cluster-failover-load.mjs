// SPDX-License-Identifier: AGPL-3.0-or-later
// Write load for scripts/cluster-failover-test.sh: many grassroots unions at
// once, each logged in as its cadre, through HAProxy, writing what a campaign
// writes (activities, figures, then its report's submission), and keeping a
// log of every write the server acknowledged (2xx). Then the check: each
// acknowledged write must be in the database.
//
//   node scripts/cluster-failover-load.mjs run URL DB_URL OUT_DIR [WRITERS]
//       writes until OUT_DIR/stop exists; OUT_DIR/acks.jsonl, then OUT_DIR/run.json
//       ({ writes, failed, max_outage_s }: the longest time with no acknowledged write
//       that had failed writes in it; unexpected: answers a failover does not explain,
//       i.e. a 4xx other than 409 or a 500 — a lost connection must give 503, never
//       "not found"; samples: the first bodies of each non-2xx other than 409 and 503)
//   node scripts/cluster-failover-load.mjs check DB_URL OUT_DIR
//       prints { acknowledged, lost, missing: [first few] }
// Every write has a request timeout (30 s): a stuck request counts as failed.
// Needs psql (postgresql-client) for the lists of units and for the check.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PASSWORD = 'lantoa2024'; // the demo's
const [mode, ...args] = process.argv.slice(2);

function sql(db, q) {
  return execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', q],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).trim();
}

const directiveOf = (db) => Number(sql(db, "SELECT id FROM directive WHERE number = '42/LĐLĐ' ORDER BY id LIMIT 1"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function run(url, db, out, units = 24) {
  const dir = directiveOf(db);
  const runId = Date.now().toString(36);
  // Cadres whose unit received the directive and has not submitted its report yet.
  const rows = sql(db, `SELECT u.login, u.unit_id FROM app_user u
    JOIN receipt r ON r.unit_id = u.unit_id AND r.directive_id = ${dir}
    LEFT JOIN report p ON p.directive_id = ${dir} AND p.unit_id = u.unit_id
    WHERE u.role = 'cadre' AND u.disabled = 0 AND (p.id IS NULL OR p.status = 'draft')
    ORDER BY u.login`).split('\n').filter(Boolean).map((l) => l.split('\t'));
  if (!rows.length) throw new Error('no cadre left with a report to submit: load the demo again (cluster.sh down, up)');
  const acks = join(out, 'acks.jsonl');
  writeFileSync(acks, '');
  const okTimes = [];
  const failTimes = [];
  let writes = 0;
  const failed = {}; // "kind status": count
  const samples = {}; // "METHOD path status": [{ at, login, body }]

  async function call(s, method, path, body) {
    const h = { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' };
    try {
      const r = await fetch(url + path, { method, headers: h, body: JSON.stringify(body), signal: AbortSignal.timeout(30000) });
      const text = await r.text();
      // The first answers of each unexpected kind, to explain them (run.json samples).
      if (r.status >= 300 && r.status !== 409 && r.status !== 503) {
        const k = `${method} ${path.replace(/\d+/g, 'N')} ${r.status}`;
        if ((samples[k] ||= []).length < 3) samples[k].push({ at: new Date().toISOString(), login: s.login, body: text.slice(0, 300) });
      }
      return r.status;
    } catch {
      return 0; // refused, reset, timed out
    }
  }

  async function login(loginName) {
    for (;;) {
      if (existsSync(join(out, 'stop'))) return null;
      try {
        const r = await fetch(url + '/api/v1/login', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: loginName, password: PASSWORD }), signal: AbortSignal.timeout(30000),
        });
        if (r.status === 200) {
          const j = await r.json();
          return { login: loginName, cookie: r.headers.get('set-cookie').split(';')[0], csrf: j.csrf_token };
        }
        await r.arrayBuffer();
      } catch { /* the cluster is failing over */ }
      await sleep(250);
    }
  }

  // A worker writes for one unit until it has submitted that unit's report (a submitted
  // report closes the unit's activities and figures: 409), then takes the next unit.
  const queue = rows.slice(units);
  async function worker(first, k) {
    let submitAt = 100 + ((k * 13) % 200);
    // Half the writers never submit: the load lasts however long the test runs.
    const submits = k % 2 === 0;
    for (let row = first; row && !existsSync(join(out, 'stop')); row = queue.shift(), submitAt = 60) {
      const [loginName, unitStr] = row;
      const unit = Number(unitStr);
      let s = await login(loginName);
      let open = true;
      for (let i = 1; s && open && !existsSync(join(out, 'stop')); i++) {
        const title = `failover ${runId} ${loginName} ${i}`;
        const ops = [['activity', 'POST', '/api/v1/activities',
          { directive_id: dir, channel: 'print', title, date: '2024-01-25' }, { kind: 'activity', title }],
        ['figure', 'PUT', `/api/v1/directives/${dir}/figures`, { values: { programmes: i } },
          { kind: 'figure', unit, value: i }]];
        if (submits && i >= submitAt) {
          ops.push(['report', 'POST', `/api/v1/directives/${dir}/units/${unit}/report/submit`, { kind: 'quick' },
            { kind: 'report', unit }]);
        }
        for (const [kind, method, path, body, ack] of ops) {
          writes++;
          const st = await call(s, method, path, body);
          const t = Date.now();
          if (st >= 200 && st < 300) {
            okTimes.push(t);
            appendFileSync(acks, JSON.stringify(ack) + '\n');
            if (kind === 'report') open = false;
          } else if (st === 409) {
            // A submission whose reply was lost may have been committed: the unit is then
            // closed. Not an acknowledged write; go on with the next unit.
            open = false;
          } else {
            failTimes.push(t);
            failed[`${kind} ${st}`] = (failed[`${kind} ${st}`] || 0) + 1;
            if (st === 401) s = await login(loginName);
            await sleep(200);
          }
          if (!open) break;
        }
      }
    }
  }

  await Promise.all(rows.slice(0, units).map((r, k) => worker(r, k)));
  okTimes.sort((a, b) => a - b);
  failTimes.sort((a, b) => a - b);
  // The longest stretch without an acknowledged write in which writes failed.
  let maxOutage = 0;
  let f = 0;
  for (let i = 1; i < okTimes.length; i++) {
    while (f < failTimes.length && failTimes[f] < okTimes[i - 1]) f++;
    if (f < failTimes.length && failTimes[f] < okTimes[i]) maxOutage = Math.max(maxOutage, okTimes[i] - okTimes[i - 1]);
  }
  const stop = Date.now();
  const unexpected = Object.entries(failed).filter(([k]) => {
    const st = Number(k.split(' ')[1]);
    return (st >= 400 && st < 500 && st !== 409) || st === 500;
  }).reduce((n, [, c]) => n + c, 0);
  writeFileSync(join(out, 'run.json'), JSON.stringify({ units: rows.length, unexpected,
    load_s: (okTimes[okTimes.length - 1] - okTimes[0]) / 1000, idle_at_end_s: (stop - okTimes[okTimes.length - 1]) / 1000, writes, failed: failTimes.length, failed_by: failed, samples, acknowledged: okTimes.length, max_outage_s: maxOutage / 1000 }));
}

function check(db, out) {
  const dir = directiveOf(db);
  const acks = readFileSync(join(out, 'acks.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const titles = new Set(sql(db, "SELECT title FROM activity WHERE title LIKE 'failover %'").split('\n'));
  const figures = new Set(sql(db, `SELECT unit_id || ':' || new_value FROM indicator_value_history
    WHERE directive_id = ${dir} AND code = 'programmes'`).split('\n'));
  const reports = new Set(sql(db, `SELECT unit_id FROM report WHERE directive_id = ${dir} AND status <> 'draft'`).split('\n'));
  const missing = acks.filter((a) => (a.kind === 'activity' ? !titles.has(a.title)
    : a.kind === 'figure' ? !figures.has(`${a.unit}:${a.value}`) : !reports.has(String(a.unit))));
  const by = {};
  for (const a of acks) by[a.kind] = (by[a.kind] || 0) + 1;
  console.log(JSON.stringify({ acknowledged: acks.length, lost: missing.length, by_kind: by, missing: missing.slice(0, 5) }));
}

if (mode === 'run') await run(args[0], args[1], args[2], Number(args[3] || 24));
else if (mode === 'check') check(args[0], args[1]);
else { console.error('usage: cluster-failover-load.mjs run URL DB_URL OUT_DIR [UNITS] | check DB_URL OUT_DIR'); process.exit(2); }
