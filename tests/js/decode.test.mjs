// search-decode.js: each binary part of the index decoded from bytes
// encoded by hand (memory-index.mjs), field by field.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  readVarint, decodePage, decodePostings, decodeSegmentFile, decodePositions, decodeFacets,
  decodeDirectory, decodeRoot,
} from '../../themes/default/static/search-decode.js';
import { varints, encodePage, encodeFacets, encodeDirectory } from './memory-index.mjs';

test('varints of one to eight bytes read back, one after the other', () => {
  const ns = [0, 1, 127, 128, 300, 16383, 16384, 2 ** 31, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER];
  const buf = Uint8Array.from(varints([], ...ns));
  const st = { at: 0 };
  assert.deepEqual(ns.map(() => readVarint(buf, st)), ns);
  assert.equal(st.at, buf.length);
});

const entries = [
  { key: '工会', postings: [
    { doc: 0, tiers: 1, pos: [[0, 7], [], []] },
    { doc: 3, tiers: 5, pos: [[2], [], [45, 130, 131]] },
    { doc: 200, tiers: 6, pos: [[], [9], [3]] },
  ] },
  { key: '工会驿', postings: [{ doc: 3, tiers: 4, pos: [[], [], [1000]] }] },
  { key: 'app', postings: [{ doc: 1, tiers: 2, pos: [[], [4], []] }, { doc: 2, tiers: 7, pos: [[1], [2], [21]] }] },
];

test('a term page: front-coded keys, document counts, postings with tiers', () => {
  const { page } = encodePage(entries, 100);
  const p = decodePage(page);
  assert.deepEqual(p.keys, ['工会', '工会驿', 'app']);
  const e = p.entries.get('工会');
  assert.equal(e.index, 0);
  assert.equal(e.ndocs, 3);
  const pl = decodePostings(p.buf, e);
  assert.deepEqual([...pl.docs], [0, 3, 200]);
  assert.deepEqual([...pl.tiers], [1, 5, 6]);
  assert.deepEqual([...pl.segs], [0, 0, 0], 'no segment part given: no segments');
  assert.deepEqual([...decodePostings(p.buf, p.entries.get('app')).docs], [1, 2]);
});

test('the segment part gives the body segment of each doc whose body has the term', () => {
  const { page, segments } = encodePage(entries, 100);
  const p = decodePage(page);
  const sf = decodeSegmentFile(segments);
  assert.equal(sf.offsets.length, 3);
  const pl = decodePostings(p.buf, p.entries.get('工会'), sf);
  // Doc 3's first body position is 45 (segment 0), doc 200's is 3.
  assert.deepEqual([...pl.segs], [0, 0, 0]);
  assert.deepEqual([...decodePostings(p.buf, p.entries.get('工会驿'), sf).segs], [10]);
  assert.deepEqual([...decodePostings(p.buf, p.entries.get('app'), sf).segs], [0, 0]);
});

test('positions are decoded for the docs asked for only, by tier', () => {
  const { page, positions } = encodePage(entries, 100);
  const p = decodePage(page);
  const e = p.entries.get('工会');
  const pl = decodePostings(p.buf, e);
  const P = decodePositions(positions, e, pl, Uint32Array.from([3, 200, 500]));
  assert.deepEqual([...P.list(0, 0)], [2]);
  assert.deepEqual([...P.list(0, 1)], []);
  assert.deepEqual([...P.list(0, 2)], [45, 130, 131]);
  assert.deepEqual([...P.list(1, 1)], [9]);
  assert.deepEqual([...P.list(1, 2)], [3]);
  assert.deepEqual([...P.list(2, 2)], [], 'a doc without the term has none');
  // The positions of the skipped doc 0 were not kept.
  assert.equal(P.n, 6);
  const a = p.entries.get('app');
  const Pa = decodePositions(positions, a, decodePostings(p.buf, a), Uint32Array.from([2]));
  assert.deepEqual([0, 1, 2].map((t) => [...Pa.list(0, t)]), [[1], [2], [21]]);
});

test('facets.bin: values and the documents of each', () => {
  const values = { programmes: [{ key: 'a', title: 'A' }], awards: [], regions: ['北京', '上海/浦东'] };
  const bytes = encodeFacets(values, { programmes: [[1, 5, 300]], awards: [], regions: [[0], [2, 3]] });
  const f = decodeFacets(bytes);
  assert.deepEqual(f.values, values);
  assert.deepEqual(f.programme.map((l) => [...l]), [[1, 5, 300]]);
  assert.deepEqual(f.award, []);
  assert.deepEqual(f.region.map((l) => [...l]), [[0], [2, 3]]);
});

test('a bundle directory: each page\'s first key and its parts, laid end to end from the directory', () => {
  const dir = encodeDirectory([
    { key: '一', lengths: [10, 0, 4] },
    { key: '一二', lengths: [3, 2, 1] },
    { key: 'zz', lengths: [0, 0, 0] },
  ]);
  const { keys, parts } = decodeDirectory(dir, 100);
  assert.deepEqual(keys, ['一', '一二', 'zz']);
  assert.deepEqual(parts, [
    [[100, 110], [110, 110], [110, 114]],
    [[114, 117], [117, 119], [119, 120]],
    [[120, 120], [120, 120], [120, 120]],
  ]);
});

test('keys.bin: a line per bundle', () => {
  assert.deepEqual(decodeRoot('一\t0\t0\t12\n工会\t1\t40\t9'), [
    { key: '一', pack: 0, offset: 0, len: 12 },
    { key: '工会', pack: 1, offset: 40, len: 9 },
  ]);
});
