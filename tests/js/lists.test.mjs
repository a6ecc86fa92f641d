// search-lists.js: AND, OR and aligned positions of posting lists against
// the same computed naively over random lists (a seeded generator, so a
// failure repeats).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  EMPTY, NO_SEG, BODY, bodySeg, intersect, union, alignedStarts, lowestTier,
} from '../../themes/default/static/search-lists.js';

function rng(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** A random posting list over docs 0..n-1. */
function randomList(r, n) {
  const docs = [], tiers = [], segs = [];
  for (let d = 0; d < n; d++) {
    if (r() < 0.4) {
      docs.push(d);
      tiers.push(1 + Math.floor(r() * 7));
      segs.push(Math.floor(r() * 5));
    }
  }
  return { docs: Uint32Array.from(docs), tiers: Uint8Array.from(tiers), segs: Uint32Array.from(segs) };
}

const asMap = (pl) => new Map(Array.from(pl.docs, (d, i) => [d, i]));

test('intersect keeps the docs of both, with the tiers both occur in', () => {
  const r = rng(7);
  for (let round = 0; round < 200; round++) {
    const a = randomList(r, 60), b = randomList(r, 60);
    const got = intersect(a, b);
    const ia = asMap(a), ib = asMap(b), want = [];
    for (const [d, i] of ia) {
      if (!ib.has(d)) continue;
      const t = a.tiers[i] & b.tiers[ib.get(d)];
      if (t) want.push([d, t]);
    }
    assert.deepEqual(Array.from(got.docs, (d, i) => [d, got.tiers[i]]), want);
  }
  assert.equal(intersect(EMPTY, randomList(rng(1), 10)).docs.length, 0);
});

test('union keeps every doc, tiers ORed, the lowest body segment', () => {
  const r = rng(11);
  for (let round = 0; round < 200; round++) {
    const lists = Array.from({ length: 1 + Math.floor(r() * 4) }, () => randomList(r, 40));
    const got = union(lists);
    const want = new Map();
    for (const l of lists) {
      l.docs.forEach((d, i) => {
        const w = want.get(d) || { t: 0, s: NO_SEG };
        w.t |= l.tiers[i];
        if (l.tiers[i] & BODY) w.s = Math.min(w.s, l.segs[i]);
        want.set(d, w);
      });
    }
    const docs = [...want.keys()].sort((x, y) => x - y);
    assert.deepEqual([...got.docs], docs);
    assert.deepEqual([...got.tiers], docs.map((d) => want.get(d).t));
    got.docs.forEach((d, i) => {
      const s = want.get(d).s;
      if (s !== NO_SEG) assert.equal(bodySeg(got, i), s);
    });
  }
  assert.equal(union([]), EMPTY);
});

test('alignedStarts finds every start where each term sits at its offset', () => {
  const r = rng(3);
  for (let round = 0; round < 300; round++) {
    const k = 2 + Math.floor(r() * 3);
    const offsets = Array.from({ length: k }, (_, i) => i * 3 - (i === k - 1 && r() < 0.5 ? 1 : 0));
    // One doc, one tier (slot 0): sorted random positions per term.
    const P = offsets.map(() => {
      const all = Int32Array.from([...new Set(Array.from({ length: 12 }, () => Math.floor(r() * 40)))].sort((a, b) => a - b));
      return { all, from: Int32Array.of(0), to: Int32Array.of(all.length) };
    });
    const out = new Int32Array(64);
    const end = alignedStarts(P, 0, offsets, out, 0, new Int32Array(k));
    const want = [...P[0].all].filter((p) => offsets.every((o, i) => P[i].all.includes(p + o)));
    assert.deepEqual([...out.subarray(0, end)], want);
  }
});

test('the lowest tier of a mask: title, then other fields, then body', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(lowestTier), [0, 1, 0, 2, 0, 1, 0]);
  const pl = { docs: Uint32Array.of(1, 2), tiers: Uint8Array.of(1, 4), segs: Uint32Array.of(9, 3) };
  assert.equal(bodySeg(pl, 0), NO_SEG);
  assert.equal(bodySeg(pl, 1), 3);
});
