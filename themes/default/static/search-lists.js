// Posting lists: sorted doc ids (Uint32Array) with the tiers mask of each
// (title 1, other fields 2, body 4) and the body segment of the first
// match, and how they combine (AND, OR, aligned positions). Plain arrays
// in, plain arrays out.

export const TITLE = 1, META = 2, BODY = 4;
export const TIERS = [TITLE, META, BODY];

export const EMPTY = { docs: new Uint32Array(0), tiers: new Uint8Array(0), segs: new Uint32Array(0) };
/** "No match in the body", as a body segment. */
export const NO_SEG = 0xffffffff;
/** The body segment of entry i of a posting list, NO_SEG if not in the body. */
export const bodySeg = (pl, i) => (pl.tiers[i] & BODY ? pl.segs[i] : NO_SEG);

/** Docs in both lists, with the tiers in which both occur (a doc with
 * none is dropped). */
export function intersect(a, b) {
  const n = Math.min(a.docs.length, b.docs.length);
  const docs = new Uint32Array(n), ts = new Uint8Array(n);
  const ad = a.docs, at = a.tiers, bd = b.docs, bt = b.tiers;
  let i = 0, j = 0, k = 0;
  while (i < ad.length && j < bd.length) {
    const x = ad[i], y = bd[j];
    if (x < y) i++;
    else if (y < x) j++;
    else {
      const t = at[i] & bt[j];
      if (t) { docs[k] = x; ts[k++] = t; }
      i++; j++;
    }
  }
  // Candidates only: the body segments of the result are not needed.
  return { docs: docs.subarray(0, k), tiers: ts.subarray(0, k), segs: new Uint32Array(k) };
}

/** Docs in any of the lists, tiers ORed, the first body segment kept. */
export function union(lists) {
  if (lists.length === 0) return EMPTY;
  if (lists.length === 1) return lists[0];
  const tiers = new Map(), segs = new Map();
  for (const l of lists) {
    for (let i = 0; i < l.docs.length; i++) {
      const d = l.docs[i];
      tiers.set(d, (tiers.get(d) | 0) | l.tiers[i]);
      if (l.tiers[i] & BODY) segs.set(d, Math.min(segs.get(d) ?? NO_SEG, l.segs[i]));
    }
  }
  const docs = Uint32Array.from(tiers.keys()).sort();
  return { docs, tiers: Uint8Array.from(docs, (d) => tiers.get(d)), segs: Uint32Array.from(docs, (d) => segs.get(d) ?? 0) };
}

/** Starts p of the first term such that term k occurs at p + offsets[k],
 * for every k; `P[k]` are the terms' positions from decodePositions and
 * `slot` picks the doc and tier. One merge pass over sorted positions;
 * the starts are written to out[at…], and the new end is returned. `ptr`
 * is scratch space, one slot a term. */
export function alignedStarts(P, slot, offsets, out, at, ptr) {
  const all0 = P[0].all, end0 = P[0].to[slot];
  for (let k = 1; k < P.length; k++) ptr[k] = P[k].from[slot];
  outer: for (let i = P[0].from[slot]; i < end0; i++) {
    const p = all0[i];
    for (let k = 1; k < P.length; k++) {
      const all = P[k].all, end = P[k].to[slot], want = p + offsets[k];
      let j = ptr[k];
      while (j < end && all[j] < want) j++;
      ptr[k] = j;
      if (j === end) break outer;
      if (all[j] !== want) continue outer;
    }
    out[at++] = p;
  }
  return at;
}

export const lowestTier = (mask) => (mask & TITLE ? 0 : mask & META ? 1 : 2);
