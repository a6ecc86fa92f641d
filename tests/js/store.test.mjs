// search-store.js: where each part of the index is, read as byte ranges of
// packs, over fetches that answer as different servers do (ranges as
// bytes, 206 responses, whole files), on a small index made here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';

import { openIndex, httpFetch, mergeRanges, MERGE_GAP, gapOf } from '../../themes/default/static/search-store.js';
import { cmpKey } from '../../themes/default/static/search-tokenize.js';
import { encodeDirectory } from './memory-index.mjs';

const enc = (s) => new TextEncoder().encode(s);
const cat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Two bundles of two pages each in terms-0.bin and terms-1.bin; three
 * cards of 64 bytes in cards-0.bin (two a pack); texts in texts-0.bin. */
function smallIndex() {
  const files = {};
  const root = [];
  const pagesOf = [['一', '丁'], ['工', '工会']];
  pagesOf.forEach((keys, b) => {
    const parts = keys.map((k) => [0, 1, 2].map((i) => deflateSync(enc(`${k} part ${i}`))));
    const dir = deflateSync(encodeDirectory(keys.map((key, i) => ({ key, lengths: parts[i].map((p) => p.length) }))));
    const pad = enc('x'.repeat(7 * b)); // the bundle does not start at 0
    files[`terms-${b}.bin`] = cat(pad, dir, ...parts.flat());
    root.push(`${keys[0]}\t${b}\t${pad.length}\t${dir.length}`);
  });
  const card = (c) => enc(JSON.stringify(c).padEnd(64, ' '));
  const texts = [0, 1].map((s) => deflateSync(enc(JSON.stringify({ body: `seg ${s}`, at: s ? 3 : 0 }))));
  files['texts-0.bin'] = cat(...texts);
  files['cards-0.bin'] = cat(card({ url: '/a/', title: 'A', t: [0, 0, texts[0].length, texts[1].length] }), card({ url: '/b/', title: 'B', t: [0, 0, texts[0].length] }));
  files['cards-1.bin'] = card({ url: '/c/', title: 'C', t: [0, 0, texts[0].length] });
  files['meta.json'] = enc(JSON.stringify({ format: 7, docs: 3, pages: 4, bundle: 2, card: 64, cards_per_pack: 2 }));
  files['keys.bin'] = deflateSync(enc(root.join('\n')));
  return files;
}

/** fetch(path, range) over `files` as `mode` answers: 'bytes' (the range
 * as bytes), 'ranges' (206 Responses), 'whole' (200 with the file). */
function fakeFetch(files, mode, log = []) {
  return async (path, range) => {
    log.push(range ? `${path} ${range.start}-${range.end}` : path);
    const all = files[path];
    if (!all) return new Response('no', { status: 404 });
    if (!range) return mode === 'bytes' ? all : new Response(all, { status: 200 });
    const part = all.subarray(range.start, range.end);
    if (mode === 'bytes') return part;
    if (mode === 'ranges') return new Response(part, { status: 206, headers: { 'Content-Range': `bytes ${range.start}-${range.end - 1}/${all.length}` } });
    return new Response(all, { status: 200 });
  };
}

const text = (bytes) => new TextDecoder().decode(bytes);

for (const mode of ['bytes', 'ranges', 'whole']) {
  test(`pages, parts, cards and texts are found and read (${mode})`, async () => {
    const log = [];
    const index = openIndex(fakeFetch(smallIndex(), mode, log));
    const { meta, root } = await index.init();
    assert.equal(meta.pages, 4);
    assert.deepEqual(root.map((r) => r.key), ['一', '工']);
    assert.equal(await index.pageOf('一', cmpKey), 0);
    assert.equal(await index.pageOf('丁丁', cmpKey), 1);
    assert.equal(await index.pageOf('丂', cmpKey), 1);
    assert.equal(await index.pageOf('巨', cmpKey), 3);
    assert.equal(await index.pageOf('工会驿站', cmpKey), 3);
    assert.equal(await index.pageKey(2), '工');
    assert.equal(await index.pageKey(4), null);
    for (const [n, k] of [['一', 0], ['丁', 1], ['工', 2], ['工会', 3]].map(([key, n]) => [n, key])) {
      for (const part of [0, 1, 2]) assert.equal(text(await index.part(n, part)), `${k} part ${part}`);
    }
    // `more`: the body goes on in a later segment; `f`: the folds of the
    // card's and the segment's traditional characters (none here).
    assert.deepEqual(await index.doc(2), { url: '/c/', title: 'C', body: 'seg 0', at: 0, more: false, f: '' });
    assert.deepEqual(await index.doc(0, 0), { url: '/a/', title: 'A', body: 'seg 0', at: 0, more: true, f: '' });
    assert.deepEqual(await index.doc(0, 1), { url: '/a/', title: 'A', body: 'seg 1', at: 3, more: false, f: '' });
    if (mode === 'whole') {
      // Each pack once, whole, then sliced in memory.
      const asked = log.map((l) => l.split(' ')[0]);
      assert.equal(asked.filter((p) => p === 'terms-1.bin').length, 1, log.join('\n'));
    } else {
      assert.ok(log.filter((l) => l.startsWith('terms-')).every((l) => / \d+-\d+$/.test(l)), log.join('\n'));
    }
  });
}

test('a 206 for other bytes than asked is not taken: the whole file is', async () => {
  const files = smallIndex();
  const log = [];
  const index = openIndex(async (path, range) => {
    log.push(range ? 'range' : 'whole');
    const all = files[path];
    if (!range) return new Response(all);
    return new Response(all.subarray(0, range.end - range.start), { status: 206, headers: { 'Content-Range': `bytes 0-${range.end - range.start - 1}/${all.length}` } });
  });
  assert.equal(text(await index.part(3, 1)), '工会 part 1');
  assert.ok(log.includes('whole'));
});

test('an unknown format fails, and a failed start is tried again', async () => {
  const files = smallIndex();
  // Format 6 kept each term's counts among its deltas (format 7: apart),
  // so a client of format 7 would misread it.
  let format = 6;
  const index = openIndex((path, range) => {
    if (path === 'meta.json') return enc(JSON.stringify({ ...JSON.parse(text(files[path])), format }));
    return fakeFetch(files, 'bytes')(path, range);
  });
  await assert.rejects(index.init(), /format 6/);
  format = 7;
  assert.equal((await index.init()).meta.format, 7);
});

test('httpFetch asks for a range with an inclusive end and fails on HTTP errors', async () => {
  const seen = [];
  const f = httpFetch('/idx/', async (url, init) => {
    seen.push([url, init.headers?.Range]);
    return new Response('x', { status: url.endsWith('missing') ? 404 : 200 });
  });
  await f('terms-0.bin', { start: 10, end: 20 });
  await f('meta.json');
  assert.deepEqual(seen, [['/idx/terms-0.bin', 'bytes=10-19'], ['/idx/meta.json', undefined]]);
  await assert.rejects(f('missing'), /HTTP 404/);
});

test('ranges closer than the gap are grouped, in order, each ask inside its group', () => {
  const asks = [{ start: 5000, end: 5100 }, { start: 0, end: 10 }, { start: 20, end: 30 }, { start: 2000, end: 2200 }, { start: 8000, end: 8000 }];
  const groups = mergeRanges(asks, 2048);
  assert.deepEqual(groups.map((g) => [g.start, g.end, g.asks.length]), [[0, 2200, 3], [5000, 5100, 1], [8000, 8000, 1]]);
  for (const g of groups) for (const a of g.asks) assert.ok(a.start >= g.start && a.end <= g.end);
  assert.deepEqual(mergeRanges([]), []);
  assert.equal(mergeRanges([{ start: 0, end: 10 }, { start: 10 + MERGE_GAP + 1, end: 20 + MERGE_GAP }]).length, 2);
});

test('a page of results reads exactly its own cards: those that touch together, no card between them', async () => {
  const files = smallIndex();
  const card = (i) => enc(JSON.stringify({ url: `/${i}/`, title: `T${i}`, t: [0, 0, 1] }).padEnd(64, ' '));
  files['cards-0.bin'] = cat(...Array.from({ length: 8 }, (_, i) => card(i)));
  files['meta.json'] = enc(JSON.stringify({ format: 7, docs: 8, pages: 4, bundle: 2, card: 64, cards_per_pack: 8 }));
  const log = [];
  const index = openIndex(fakeFetch(files, 'ranges', log));
  await index.init();
  log.length = 0;
  // Cards 3 and 5 are one card apart, well within MERGE_GAP of each other.
  const cards = await Promise.all([3, 0, 2, 5, 7].map((id) => index.card(id)));
  assert.deepEqual(cards.map((c) => c.title), ['T3', 'T0', 'T2', 'T5', 'T7']);
  assert.deepEqual(log.sort(), ['cards-0.bin 0-64', 'cards-0.bin 128-256', 'cards-0.bin 320-384', 'cards-0.bin 448-512']);
  assert.equal(gapOf('cards-3.bin'), 0);
  assert.equal(gapOf('terms-3.bin'), MERGE_GAP);
});

for (const mode of ['bytes', 'ranges']) {
  test(`parts and cards asked for together are read with one request, and a part only once (${mode})`, async () => {
    const log = [];
    const index = openIndex(fakeFetch(smallIndex(), mode, log));
    await index.init();
    await index.part(0, 0); // the bundle's directory is read
    log.length = 0;
    const [a, b, c] = await Promise.all([index.part(1, 0), index.part(1, 1), index.part(1, 2)]);
    assert.deepEqual([a, b, c].map(text), ['丁 part 0', '丁 part 1', '丁 part 2']);
    assert.equal(log.length, 1, log.join('\n'));
    assert.equal(text(await index.part(1, 2)), '丁 part 2');
    assert.equal(log.length, 1, 'a part read before is not read again');
    log.length = 0;
    const cards = await Promise.all([index.card(1), index.card(0)]);
    assert.deepEqual(cards.map((c) => c.title), ['B', 'A']);
    assert.deepEqual(log, ['cards-0.bin 0-128']);
  });
}
