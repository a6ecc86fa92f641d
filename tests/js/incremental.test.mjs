// The preview's search index updated in place after saves (`unionpress
// serve`) answers every query as a fresh build of the same articles does:
// the same results in the same order, with the same snippets and facets.
// The fresh build's answers are checked against a brute-force scan in
// search.test.mjs; this test holds the updated index to them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { BIN, FIXTURE, fileFetch } from './fixture.mjs';
import { createSearch, isCjk } from '../../themes/default/static/search-engine.js';

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function status(port) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/__unionpress/status`);
    return await r.json();
  } catch { return null; }
}

/** Waits until the served index is that of a generation after `after`. */
async function indexed(port, after) {
  const start = Date.now();
  for (;;) {
    const s = await status(port);
    if (s && s.generation > after && s.search_ready && s.search_version === s.generation) return s;
    if (Date.now() - start > 60000) throw new Error(`no index after generation ${after}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const answer = async (engine, q) => {
  const res = await engine.query({ q });
  return { total: res.all.length, facets: res.facets, results: res.results.map((r) => [r.url, r.title, r.snippet]) };
};

test('an index updated in place after saves answers every query as a fresh build does', async () => {
  assert.ok(existsSync(BIN), `${BIN}: run cargo build`);
  const root = mkdtempSync(join(tmpdir(), 'unionpress-incremental-'));
  cpSync(FIXTURE, root, { recursive: true });
  const port = await freePort();
  const serve = spawn(BIN, ['serve', '--root', root, '--port', String(port), '--verbose'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // The log is read for its English wording.
    env: { ...process.env, UNIONPRESS_LANG: 'en' },
  });
  let log = '';
  serve.stderr.on('data', (d) => { log += d; });
  try {
    let s = await indexed(port, 0);
    // A paragraph added to one article's body, then another's title.
    const body = join(root, 'content/articles/2024/app-launch.md');
    writeFileSync(body, readFileSync(body, 'utf8') + '\n滴水穿石，网上驿站再添新功能。\n');
    s = await indexed(port, s.generation);
    const title = join(root, 'content/articles/2024/gongjiang-xiaoyuan.md');
    writeFileSync(title, readFileSync(title, 'utf8').replace(/^title: /m, 'title: 新版'));
    s = await indexed(port, s.generation);
    assert.equal((log.match(/search index updated in place/g) || []).length, 2, log);

    const served = join(tmpdir(), `unionpress-serve-${serve.pid}.search`, String(s.search_version));
    const out = mkdtempSync(join(tmpdir(), 'unionpress-incremental-fresh-'));
    execFileSync(BIN, ['build', '--quiet', '--root', root, '--output', out, '--base-url', `http://127.0.0.1:${port}/`], { stdio: 'pipe' });
    const updated = createSearch({ fetch: fileFetch(served), perPage: 1000 });
    const fresh = createSearch({ fetch: fileFetch(join(out, 'search')), perPage: 1000 });

    // Every CJK run of 1–4 characters of the edited articles and of the
    // whole fixture's titles, and some words.
    const queries = new Set(['滴水穿石', '网上驿站', '新版', 'app', '12351', '驿站 功能', '"再添新功能"']);
    const texts = [readFileSync(body, 'utf8'), readFileSync(title, 'utf8')];
    for (const text of texts) {
      const chars = [...text];
      for (let n = 1; n <= 4; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const sub = chars.slice(i, i + n).join('');
          if ([...sub].every((c) => isCjk(c.codePointAt(0)))) queries.add(sub);
        }
      }
    }
    let found = 0;
    for (const q of queries) {
      const [a, b] = [await answer(updated, q), await answer(fresh, q)];
      assert.deepEqual(a, b, `query ${q}`);
      if (a.total) found++;
    }
    assert.ok(queries.size > 300 && found > 300, `${found} of ${queries.size} queries found something`);
    assert.ok((await answer(updated, '滴水穿石')).results.some(([url]) => url.endsWith('/app-launch/')));
  } finally {
    serve.kill();
  }
});
