// Decoding the index's binary parts (format 7, written by src/search/) into
// plain data: varints, a bundle's directory, term pages and their postings,
// segment and position parts, facets.bin. No fetching, no state: each
// function takes bytes (and what an earlier one returned) and returns data.

import { BODY, TIERS } from './search-lists.js';

const utf8 = new TextDecoder('utf-8');

/** A LEB128 varint of `buf` at `st.at`, which it advances. */
export function readVarint(buf, st) {
  let n = 0, mul = 1, b;
  do {
    b = buf[st.at++];
    n += (b & 0x7f) * mul;
    mul *= 128;
  } while (b & 0x80);
  return n;
}

/** A term page: its dictionary, and where each term's postings are. */
export function decodePage(buf) {
  const st = { at: 0 };
  const n = readVarint(buf, st);
  const entries = new Map();
  let key = new Uint8Array(0);
  let post = 0, cnt = 0, del = 0;
  const list = [];
  for (let i = 0; i < n; i++) {
    const shared = readVarint(buf, st);
    const len = readVarint(buf, st);
    const next = new Uint8Array(shared + len);
    next.set(key.subarray(0, shared));
    next.set(buf.subarray(st.at, st.at + len), shared);
    st.at += len;
    key = next;
    const ndocs = readVarint(buf, st);
    const postLen = readVarint(buf, st);
    const cntLen = readVarint(buf, st), delLen = readVarint(buf, st);
    // posLen: the bytes of its positions (0: none kept).
    list.push({ key: utf8.decode(key), index: i, ndocs, postOff: post, postLen, cntOff: cnt, delOff: del, posLen: cntLen + delLen });
    post += postLen;
    cnt += cntLen;
    del += delLen;
  }
  // Part `p` holds every term's counts, then every term's deltas.
  for (const e of list) { e.postOff += st.at; e.delOff += cnt; entries.set(e.key, e); }
  return { buf, entries, keys: list.map((e) => e.key) };
}

/**
 * A posting list: sorted doc ids, the tiers mask of each, and, when the
 * page's segment file `sf` is given, the body segment of the term's first
 * occurrence in the body (0 when not in it, or not asked for).
 */
export function decodePostings(buf, e, sf) {
  const docs = new Uint32Array(e.ndocs), tiers = new Uint8Array(e.ndocs), segs = new Uint32Array(e.ndocs);
  let at = e.postOff, doc = -1, b;
  for (let i = 0; i < e.ndocs; i++) {
    let v = 0, mul = 1;
    do { b = buf[at++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
    doc += Math.floor(v / 8) + 1;
    docs[i] = doc;
    tiers[i] = v & 7;
  }
  if (sf) {
    const sb = sf.buf;
    at = sf.offsets[e.index];
    for (let i = 0; i < e.ndocs; i++) {
      if (!(tiers[i] & BODY)) continue;
      let v = 0, mul = 1;
      do { b = sb[at++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
      segs[i] = v;
    }
  }
  return { docs, tiers, segs };
}

/** A page's segment part: where each term's list starts. */
export function decodeSegmentFile(buf) {
  const st = { at: 0 };
  const n = readVarint(buf, st);
  const offsets = new Array(n);
  let off = 0;
  for (let i = 0; i < n; i++) { offsets[i] = off; off += readVarint(buf, st); }
  for (let i = 0; i < n; i++) offsets[i] += st.at;
  return { buf, offsets };
}

/**
 * Positions of a term in the docs of `want` (sorted ids), aligned with it:
 * the positions of want[i] in tier t (0 title, 1 meta, 2 body) are
 * all[from[3i+t] .. to[3i+t]].
 */
export function decodePositions(pbuf, e, postings, want) {
  // Every position takes at least one byte, so posLen bounds their number.
  const all = new Int32Array(e.posLen);
  const from = new Int32Array(want.length * 3), to = new Int32Array(want.length * 3);
  let n = 0, ca = e.cntOff, at = e.delOff, w = 0;
  for (let i = 0; i < postings.docs.length; i++) {
    const doc = postings.docs[i], tiers = postings.tiers[i];
    while (w < want.length && want[w] < doc) w++;
    const keep = w < want.length && want[w] === doc;
    for (let t = 0; t < 3; t++) {
      if (!(tiers & TIERS[t])) continue;
      let count = 0, mul = 1, b;
      do { b = pbuf[ca++]; count += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
      if (keep) {
        from[3 * w + t] = n;
        let p = 0;
        for (let k = 0; k < count; k++) {
          let v = 0;
          mul = 1;
          do { b = pbuf[at++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
          p += v;
          all[n++] = p;
        }
        to[3 * w + t] = n;
      } else {
        for (let k = 0; k < count; k++) while (pbuf[at++] & 0x80);
      }
    }
  }
  return { all, n, from, to, list: (i, t) => all.subarray(from[3 * i + t], to[3 * i + t]) };
}

/** facets.bin: the facet values (JSON) and the documents of each. */
export function decodeFacets(buf) {
  const st = { at: 0 };
  const head = readVarint(buf, st);
  const values = JSON.parse(utf8.decode(buf.subarray(st.at, st.at + head)));
  st.at += head;
  const list = () => {
    const n = readVarint(buf, st);
    const ids = new Uint32Array(n);
    let prev = 0;
    for (let i = 0; i < n; i++) { prev += readVarint(buf, st); ids[i] = prev; }
    return ids;
  };
  return {
    values,
    programme: values.programmes.map(list),
    award: values.awards.map(list),
    region: values.regions.map(list),
  };
}


/** keys.bin, inflated, as text: a line per bundle of term pages, its
 * first key and where its directory is ({key, pack, offset, len}). */
export function decodeRoot(text) {
  return text.split('\n').map((l) => {
    const [key, pack, offset, len] = l.split('\t');
    return { key, pack: Number(pack), offset: Number(offset), len: Number(len) };
  });
}

/**
 * A bundle's directory, inflated: the first key of each term page
 * (front-coded) and the lengths of its three parts, which follow the
 * directory in the pack one after another from byte `at`. Returns the
 * keys and, per page, the [start, end) of each part in the pack.
 */
export function decodeDirectory(dir, at) {
  const st = { at: 0 };
  const n = readVarint(dir, st);
  const keys = [], parts = [];
  let key = new Uint8Array(0);
  for (let i = 0; i < n; i++) {
    const shared = readVarint(dir, st), suffix = readVarint(dir, st);
    const next = new Uint8Array(shared + suffix);
    next.set(key.subarray(0, shared));
    next.set(dir.subarray(st.at, st.at + suffix), shared);
    st.at += suffix;
    key = next;
    keys.push(utf8.decode(key));
    const own = [];
    for (let k = 0; k < 3; k++) {
      const l = readVarint(dir, st);
      own.push([at, at + l]);
      at += l;
    }
    parts.push(own);
  }
  return { keys, parts };
}
