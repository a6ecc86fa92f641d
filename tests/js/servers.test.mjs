// The search client against the fixture's index served over HTTP by three
// kinds of static server: one that answers Range requests (206), one that
// ignores them and sends the whole file (200, as Python's http.server
// does), and one that compresses every file (Content-Encoding: gzip, no
// ranges). The answers must be the same from all three, and the same as
// reading the files; only the bytes downloaded differ.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

import { buildFixture, fileFetch } from './fixture.mjs';
import { httpFetch } from '../../themes/default/static/search-store.js';
import { createSearch } from '../../themes/default/static/search-engine.js';

const QUERIES = ['驿站', '工会驿站', '工会驿站二十家', '五一劳动奖章', '12351热线', '"12351热线"', 'app', '产改 技能', '张旭丽', '不存在'];

let dir;
const servers = [];

/** A static server of `dir` on 127.0.0.1; `answer(req, bytes, res)` sends
 * a file. Counts the body bytes it sends. */
async function serve(answer) {
  const sent = { bytes: 0, requests: 0, statuses: new Set() };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    let bytes;
    try {
      if (!statSync(join(dir, path)).isFile()) throw new Error();
      bytes = readFileSync(join(dir, path));
    } catch {
      res.writeHead(404).end();
      return;
    }
    const end = res.end.bind(res);
    res.end = (body) => {
      sent.bytes += body ? body.length : 0;
      sent.requests++;
      sent.statuses.add(res.statusCode);
      return end(body);
    };
    answer(req, bytes, res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push(server);
  return { base: `http://127.0.0.1:${server.address().port}/`, sent };
}

const ranges = (req, bytes, res) => {
  const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
  if (!m) return res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
  const start = Number(m[1]), end = Math.min(Number(m[2]), bytes.length - 1);
  if (start >= bytes.length) return res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` }).end();
  const part = bytes.subarray(start, end + 1);
  res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${bytes.length}`, 'Content-Length': part.length }).end(part);
};
const whole = (req, bytes, res) => res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
const gzipped = (req, bytes, res) => {
  const body = gzipSync(bytes);
  res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': body.length }).end(body);
};

before(() => { dir = join(buildFixture(), 'search'); });
after(() => { for (const s of servers) s.close(); });

async function answers(engine) {
  const out = [];
  for (const q of QUERIES) {
    const res = await engine.query({ q });
    out.push({ q, total: res.total, results: res.results });
  }
  return out;
}

test('a server that answers ranges, one that ignores them, and one that gzips all give the same answers', async () => {
  const expected = await answers(createSearch({ fetch: fileFetch(dir) }));
  assert.ok(expected.filter((a) => a.total > 0).length >= 8, 'the queries find something');
  const got = {};
  for (const [name, answer] of Object.entries({ ranges, whole, gzipped })) {
    const { base, sent } = await serve(answer);
    got[name] = sent;
    assert.deepEqual(await answers(createSearch({ fetch: httpFetch(base) })), expected, name);
  }
  assert.ok(got.ranges.statuses.has(206), 'ranges were asked for and served');
  assert.deepEqual([...got.whole.statuses], [200]);
});

test('one query downloads less from a server that answers ranges', async () => {
  const bytes = {};
  for (const [name, answer] of Object.entries({ ranges, whole })) {
    const { base, sent } = await serve(answer);
    await createSearch({ fetch: httpFetch(base) }).query({ q: '工会驿站' });
    bytes[name] = sent.bytes;
  }
  assert.ok(bytes.ranges < bytes.whole, `ranges ${bytes.ranges} bytes, whole files ${bytes.whole}`);
});

test('a pack sent whole is downloaded once and read from memory after', async () => {
  const { base, sent } = await serve(whole);
  const engine = createSearch({ fetch: httpFetch(base) });
  await engine.query({ q: '驿站' });
  const first = sent.requests;
  await engine.query({ q: '工会' });
  await engine.query({ q: '驿站 宣城' });
  const packs = new Set(['terms-0.bin', 'texts-0.bin', 'cards-0.bin']);
  // The fixture's index is one pack of each kind: after the first query,
  // only what was not downloaded yet is requested.
  assert.ok(sent.requests - first <= packs.size, `${sent.requests - first} more requests`);
});
