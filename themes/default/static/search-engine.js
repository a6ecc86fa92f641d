// unionpress search engine: the client of the index written by
// `src/search/`, as an ES module that the search page (search.js) and node
// (tests, bench/search-bytes.mjs) both import. No framework, no build step.
//
// `createSearch({fetch})` downloads `meta.json`, `keys.bin` and `facets.bin`
// once, then per query only the term pages it needs (their dictionary and
// postings), with them the body segments of the query's own terms, the
// positions only for Chinese runs of five or more characters and for
// phrases, and for each result shown its card and the one segment of its
// body that holds the first match. Where these parts are, and how they are
// read (byte ranges of packs), is search-store.js's business.
//
// Document lists are kept as sorted typed arrays and combined by merging,
// so a query over 10,000 articles allocates a few arrays, not objects per
// article. The index format is described in src/search/index.rs and
// store.rs; the tokenizer here (normChar, isCjk, isWordChar) must match
// src/search/tokenize.rs.

import { openIndex, toBytes } from './search-store.js';
import { FOLD_BITMAP, FOLD_OTHERS } from './search-fold-keys.js';

/** Queries are cut to this many characters: longer ones are not questions.
 * Equal to MAX_WORD_CHARS in src/search/tokenize.rs (words are indexed by
 * that many characters). */
export const MAX_QUERY_CHARS = 64;
const TITLE = 1, META = 2, BODY = 4;
const TIERS = [TITLE, META, BODY];
/** The most positions the ranking bonus of a mixed phrase may download. */
const PHRASE_BONUS_BYTES = 64 * 1024;

// ---------------------------------------------------------------- tokenizer

/** True for CJK code points (same ranges as tokenize.rs `is_cjk`). */
export function isCjk(cp) {
  return cp === 0x3007 ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af);
}

// Traditional characters fold to simplified ones (tokenize.rs
// `norm_char`). The table (search-fold.js) is loaded only once a query or a
// text shown contains a character that folds, which the small bitmap of
// search-fold-keys.js tells: a simplified query whose results are simplified
// text downloads nothing more.
const FOLD_OTHER_CODES = new Set([...FOLD_OTHERS].map((c) => c.codePointAt(0)));
/** Traditional code point → simplified, once loaded by loadFolds(). */
let folds = null;

function isFoldCode(cp) {
  if (cp >= 0x3400 && cp <= 0x9fff) {
    const i = cp - 0x3400;
    return (parseInt(FOLD_BITMAP.substr((i >> 3) * 2, 2), 16) >> (i & 7)) & 1;
  }
  return FOLD_OTHER_CODES.has(cp);
}

/** True when `text` has a character that folds and the table is not loaded. */
export function needsFolds(text) {
  if (folds) return false;
  for (const ch of String(text ?? '')) if (isFoldCode(ch.codePointAt(0))) return true;
  return false;
}

/** Loads the folding table (once); normChar folds from then on. */
export async function loadFolds() {
  if (folds) return;
  const { FOLDS } = await import('./search-fold.js');
  const map = new Map(), chars = [...FOLDS];
  for (let i = 0; i < chars.length; i += 2) map.set(chars[i].codePointAt(0), chars[i + 1].codePointAt(0));
  folds = map;
  normCodes.clear();
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Answers of the slow paths below, by code point: a text repeats few
 * characters outside ASCII and CJK. */
const wordCodes = new Map(), normCodes = new Map();

/** isWordChar of a code point: ASCII and CJK without a regular expression. */
export function isWordCode(cp) {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  if (isCjk(cp)) return false;
  let w = wordCodes.get(cp);
  if (w === undefined) wordCodes.set(cp, (w = LETTER_OR_DIGIT.test(String.fromCodePoint(cp))));
  return w;
}

/** Letters and digits that are not CJK (tokenize.rs `is_word_char`). */
export function isWordChar(ch) {
  return isWordCode(ch.codePointAt(0));
}

/** normChar of a code point. */
export function normCode(cp) {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  if (cp >= 0x3400 && cp <= 0x9fff) return folds?.get(cp) ?? cp; // CJK: no case
  let n = normCodes.get(cp);
  if (n === undefined) normCodes.set(cp, (n = normChar(String.fromCodePoint(cp)).codePointAt(0)));
  return n;
}

/** One character to one character: full-width ASCII to ASCII, lower case,
 * traditional to simplified (once loadFolds() has run). */
export function normChar(ch) {
  let cp = ch.codePointAt(0);
  const folded = folds?.get(cp);
  if (folded !== undefined) return String.fromCodePoint(folded);
  if (cp >= 0xff01 && cp <= 0xff5e) { cp -= 0xfee0; ch = String.fromCodePoint(cp); }
  else if (cp === 0x3000) return ' ';
  if (cp < 128) return ch.toLowerCase();
  const lower = ch.toLowerCase();
  return [...lower].length === 1 ? lower : ch;
}

/**
 * Parses a query into terms. Whitespace separates terms (AND); "…" or “…”
 * makes a quoted term. Each term is cut into segments: runs of CJK
 * characters and words of letters/digits; other characters separate them.
 * Every segment carries its start and end in the query (code points), for
 * the phrase check.
 */
export function parseQuery(q) {
  const chars = [...String(q ?? '')].slice(0, MAX_QUERY_CHARS).map(normChar);
  const terms = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (/\s/u.test(c)) { i++; continue; }
    let quoted = false, end;
    if (c === '"' || c === '“' || c === '”') {
      quoted = true;
      i++;
      end = i;
      while (end < chars.length && !['"', '“', '”'].includes(chars[end])) end++;
    } else {
      end = i;
      while (end < chars.length && !/\s/u.test(chars[end]) && !['"', '“'].includes(chars[end])) end++;
    }
    const segments = segmentsOf(chars, i, end);
    if (segments.length) terms.push({ quoted, segments });
    i = quoted ? end + 1 : end;
  }
  return terms;
}

function segmentsOf(chars, from, to) {
  const out = [];
  let i = from;
  while (i < to) {
    const cjk = isCjk(chars[i].codePointAt(0));
    if (!cjk && !isWordChar(chars[i])) { i++; continue; }
    let j = i + 1;
    while (j < to && (cjk ? isCjk(chars[j].codePointAt(0)) : isWordChar(chars[j]))) j++;
    out.push({ type: cjk ? 'cjk' : 'word', text: chars.slice(i, j).join(''), start: i, end: j });
    i = j;
  }
  return out;
}

// ------------------------------------------------------------------ decoding

function readVarint(buf, st) {
  let n = 0, mul = 1, b;
  do {
    b = buf[st.at++];
    n += (b & 0x7f) * mul;
    mul *= 128;
  } while (b & 0x80);
  return n;
}

/** Compares two keys by code point, like Rust's str ordering. UTF-16
 * order is code point order except that a surrogate (a code point past
 * U+FFFF) sorts before U+E000–U+FFFF, so only that case is mended. */
export function cmpKey(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const utf8 = new TextDecoder('utf-8');

/** A term page: its dictionary, and where each term's postings are. */
function decodePage(buf) {
  const st = { at: 0 };
  const n = readVarint(buf, st);
  const entries = new Map();
  let key = new Uint8Array(0);
  let post = 0, pos = 0;
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
    const posLen = readVarint(buf, st);
    list.push({ key: utf8.decode(key), index: i, ndocs, postOff: post, postLen, posOff: pos, posLen });
    post += postLen;
    pos += posLen;
  }
  for (const e of list) { e.postOff += st.at; entries.set(e.key, e); }
  return { buf, entries, keys: list.map((e) => e.key) };
}

/**
 * A posting list: sorted doc ids, the tiers mask of each, and, when the
 * page's segment file `sf` is given, the body segment of the term's first
 * occurrence in the body (0 when not in it, or not asked for).
 */
function decodePostings(buf, e, sf) {
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
function decodeSegmentFile(buf) {
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
function decodePositions(pbuf, e, postings, want) {
  // Every position takes at least one byte, so posLen bounds their number.
  const all = new Int32Array(e.posLen);
  const from = new Int32Array(want.length * 3), to = new Int32Array(want.length * 3);
  let n = 0, at = e.posOff, w = 0;
  for (let i = 0; i < postings.docs.length; i++) {
    const doc = postings.docs[i], tiers = postings.tiers[i];
    while (w < want.length && want[w] < doc) w++;
    const keep = w < want.length && want[w] === doc;
    for (let t = 0; t < 3; t++) {
      if (!(tiers & TIERS[t])) continue;
      let count = 0, mul = 1, b;
      do { b = pbuf[at++]; count += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
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
function decodeFacets(buf) {
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


// ------------------------------------------------------------ posting lists

const EMPTY = { docs: new Uint32Array(0), tiers: new Uint8Array(0), segs: new Uint32Array(0) };
/** "No match in the body", as a body segment. */
const NO_SEG = 0xffffffff;
/** The body segment of entry i of a posting list, NO_SEG if not in the body. */
const bodySeg = (pl, i) => (pl.tiers[i] & BODY ? pl.segs[i] : NO_SEG);

/** Docs in both lists, with the tiers in which both occur (a doc with
 * none is dropped). */
function intersect(a, b) {
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
function union(lists) {
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
function alignedStarts(P, slot, offsets, out, at, ptr) {
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

const lowestTier = (mask) => (mask & TITLE ? 0 : mask & META ? 1 : 2);

// -------------------------------------------------------------------- engine

/**
 * The search engine over an index reachable through `fetch(path, range)`
 * (see search-store.js), or over `store`, an index already opened.
 */
export function createSearch({ fetch, store = openIndex(fetch), perPage = 10 }) {
  const pages = new Map();
  let shared = null;

  /** The shared part: meta.json, facets.bin, and per-doc facet tables. */
  function init() {
    if (!shared) {
      shared = (async () => {
        const [{ meta: stored }, facetsFile] = await Promise.all([store.init(), store.facets()]);
        const meta = { ...stored };
        const facets = decodeFacets(toBytes(facetsFile));
        Object.assign(meta, facets.values);
        const years = [...new Set(meta.years.map((y) => y[0]))].sort((a, b) => b - a);
        const docYear = new Int32Array(meta.docs);
        for (const [year, first, end] of meta.years) docYear.fill(years.indexOf(year), first, end);
        const docRegion = new Int32Array(meta.docs).fill(-1);
        facets.region.forEach((ids, r) => { for (const id of ids) docRegion[id] = r; });
        const regions = regionValues(meta.regions);
        const regionIndex = new Map(regions.map((r, i) => [r, i]));
        // The region values (the path and its ancestors) of each region
        // path, in the same form as the facets of a doc.
        const prefixLists = meta.regions.map((path) => {
          const parts = path.split('/');
          return parts.map((_, d) => regionIndex.get(parts.slice(0, d + 1).join('/')));
        });
        const regionPrefixes = { start: new Int32Array(prefixLists.length + 1), values: Int32Array.from(prefixLists.flat()) };
        prefixLists.forEach((l, r) => { regionPrefixes.start[r + 1] = regionPrefixes.start[r] + l.length; });
        // The facet values as search() returns them, made once.
        const valueList = {
          programme: meta.programmes.map((v) => ({ key: v.key, title: v.title })),
          award: meta.awards.map((v) => ({ key: v.key, title: v.title })),
          region: regions.map((path) => {
            const parts = path.split('/');
            return { key: path, title: parts[parts.length - 1], depth: parts.length - 1 };
          }),
          year: years.map((y) => ({ key: String(y), title: String(y) })),
        };
        return {
          meta, facets, years, docYear, docRegion, regions, regionPrefixes, valueList,
          docProgs: perDoc(facets.programme, meta.docs), docAwards: perDoc(facets.award, meta.docs),
        };
      })();
      shared.catch(() => { shared = null; });
    }
    return shared;
  }

  const segFiles = new Map();
  function loadSegments(n) {
    if (!segFiles.has(n)) {
      const p = store.part(n, 1).then(decodeSegmentFile);
      p.catch(() => segFiles.delete(n));
      segFiles.set(n, p);
    }
    return segFiles.get(n);
  }

  function loadPage(n) {
    if (!pages.has(n)) {
      const p = store.part(n, 0).then(decodePage);
      p.catch(() => pages.delete(n));
      pages.set(n, p);
    }
    return pages.get(n);
  }

  /** The entry of an exact key, as [{n, page, e, sf}] (zero or one); `sf`
   * is the page's segment file, loaded alongside when `segs` is true. */
  async function exact(meta, key, segs = false) {
    const n = await store.pageOf(key, cmpKey);
    if (n < 0) return [];
    const [page, sf] = await Promise.all([loadPage(n), segs ? loadSegments(n) : null]);
    const e = page.entries.get(key);
    return e ? [{ n, page, e, sf }] : [];
  }

  /** The entries of all keys starting with `prefix`, as exact() does. */
  async function prefixed(meta, prefix, segs = false) {
    const first = await store.pageOf(prefix, cmpKey);
    if (first < 0) return [];
    let last = first;
    for (let key; (key = await store.pageKey(last + 1)) !== null && key.startsWith(prefix);) last++;
    const ns = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const [loaded, sfs] = await Promise.all([Promise.all(ns.map(loadPage)), segs ? Promise.all(ns.map(loadSegments)) : []]);
    const out = [];
    loaded.forEach((page, i) => {
      for (const key of page.keys) if (key.startsWith(prefix)) out.push({ n: first + i, page, e: page.entries.get(key), sf: sfs[i] });
    });
    return out;
  }

  async function positionsOf(hit, pl, want) {
    return decodePositions(await store.part(hit.n, 2), hit.e, pl, want);
  }

  /** Spans [[start, end]] per tier of a term with fixed `len`, for `want`. */
  async function spansOf(hit, pl, want, len, out) {
    const P = await positionsOf(hit, pl, want);
    for (let i = 0; i < want.length; i++) {
      for (let t = 0; t < 3; t++) {
        const l = P.list(i, t);
        if (l.length) (out[i][t] ||= []).push(...Array.from(l, (s) => [s, s + len]));
      }
    }
    return out;
  }

  const emptySpans = (want) => Array.from(want, () => [null, null, null]);

  /**
   * Matches one segment of the query. Returns {pl, spans}: the posting list
   * of the docs that contain it, and `spans(want)`, a Promise of the places
   * where it occurs in each doc of `want` ([[start, end]] per tier), or
   * null when positions are not indexed (one CJK character). For a
   * `needle` (a segment the snippets highlight), `pl.segs` holds the body
   * segment of its first occurrence in each doc.
   */
  async function matchSegment(meta, seg, quoted, needle = false) {
    const chars = [...seg.text];
    const len = chars.length;
    if (seg.type === 'word') {
      const hits = quoted ? await exact(meta, seg.text, needle) : await prefixed(meta, seg.text, needle);
      const pls = hits.map((h) => decodePostings(h.page.buf, h.e, h.sf));
      const spans = async (want) => {
        const out = emptySpans(want);
        await Promise.all(hits.map((h, k) => spansOf(h, pls[k], want, [...h.e.key].length, out)));
        return out;
      };
      return { pl: union(pls), spans, cost: hits.reduce((c, h) => c + h.e.posLen, 0) };
    }
    if (len <= 4) {
      // A unigram, bigram, trigram or four-gram: one lookup. Four-grams
      // have no positions: where a phrase check needs them, they come
      // from the trigrams, as for a longer run.
      const [hit] = await exact(meta, seg.text, needle);
      if (!hit) return { pl: EMPTY, spans: async (want) => emptySpans(want) };
      const pl = decodePostings(hit.page.buf, hit.e, hit.sf);
      let spans = null;
      if (len === 4) spans = async (want) => (await longRun(meta, chars)).spans(want);
      else if (len > 1) spans = (want) => spansOf(hit, pl, want, len, emptySpans(want));
      return { pl, spans, cost: len === 4 ? 0 : hit.e.posLen };
    }
    return longRun(meta, chars);
  }

  /** A run of four or more CJK characters, matched by its trigrams at
   * offsets 0, 3, 6, … and n−3, which must all occur, in one tier, at
   * positions that line up. */
  async function longRun(meta, chars) {
    const len = chars.length;
    const offsets = [];
    for (let o = 0; o + 3 <= len; o += 3) offsets.push(o);
    if (offsets[offsets.length - 1] !== len - 3) offsets.push(len - 3);
    const grams = offsets.map((o) => chars.slice(o, o + 3).join(''));
    // Their positions will be needed: ask for them with the term pages
    // (both are found in the same directory), not one round trip later.
    for (const g of grams) store.pageOf(g, cmpKey).then((n) => n >= 0 && store.part(n, 2)).catch(() => {});
    const hits = await Promise.all(grams.map((g) => exact(meta, g)));
    if (hits.some((h) => h.length === 0)) return { pl: EMPTY, spans: async (want) => emptySpans(want) };
    const pls = hits.map(([h]) => decodePostings(h.page.buf, h.e));
    const cand = [...pls].sort((a, b) => a.docs.length - b.docs.length)
      .reduce((acc, pl) => intersect(acc, pl));
    const want = cand.docs;
    const P = await Promise.all(hits.map(([h], k) => positionsOf(h, pls[k], want)));
    // The verified docs, and their starts in flat arrays (no object per
    // doc): the starts of the k-th doc in tier t are
    // starts[from[3k + t] .. from[3k + t + 1]].
    const m = want.length;
    const docs = new Uint32Array(m), tiers = new Uint8Array(m), segs = new Uint32Array(m);
    const starts = new Int32Array(P[0].n), from = new Int32Array(3 * m + 1), ptr = new Int32Array(P.length);
    let k = 0, ns = 0;
    for (let i = 0; i < m; i++) {
      let mask = 0;
      for (let t = 0; t < 3; t++) {
        from[3 * k + t] = ns;
        if (!(cand.tiers[i] & TIERS[t])) continue;
        const end = alignedStarts(P, 3 * i + t, offsets, starts, ns, ptr);
        if (end > ns) { mask |= TIERS[t]; ns = end; }
      }
      if (mask) {
        docs[k] = want[i];
        tiers[k] = mask;
        // Starts ascend: the first in the body gives the snippet's segment.
        segs[k] = mask & BODY ? Math.floor(starts[from[3 * k + 2]] / meta.segment) : 0;
        k++;
      }
    }
    from[3 * k] = ns;
    const pl = { docs: docs.subarray(0, k), tiers: tiers.subarray(0, k), segs: segs.subarray(0, k) };
    const spans = async (w) => {
      const index = new Map();
      for (let j = 0; j < k; j++) index.set(docs[j], j);
      return Array.from(w, (doc) => {
        const j = index.get(doc);
        return [0, 1, 2].map((t) => {
          if (j === undefined || from[3 * j + t] === from[3 * j + t + 1]) return null;
          return Array.from(starts.subarray(from[3 * j + t], from[3 * j + t + 1]), (p) => [p, p + len]);
        });
      });
    };
    return { pl, spans, cost: 0 };
  }

  /** Flags for the docs of `want` in which the segments occur one after
   * the other as in the query; null when that cannot be checked. */
  async function phraseFlags(segs, matched, want) {
    if (segs.length < 2 || matched.some((m) => !m.spans)) return null;
    const spans = await Promise.all(matched.map((m) => m.spans(want)));
    const flags = new Uint8Array(want.length);
    for (let i = 0; i < want.length; i++) {
      for (let t = 0; t < 3 && !flags[i]; t++) {
        let ends = spans[0][i][t];
        for (let k = 1; ends && ends.length && k < segs.length; k++) {
          const gapQ = segs[k].start - segs[k - 1].end;
          const maxGap = gapQ === 0 ? 0 : Math.max(1, gapQ);
          const endSet = new Set(ends.map((x) => x[1]));
          ends = (spans[k][i][t] || []).filter(([s]) => {
            for (let g = 0; g <= maxGap; g++) if (endSet.has(s - g)) return true;
            return false;
          });
        }
        if (ends && ends.length) flags[i] = 1;
      }
    }
    return flags;
  }

  /** Merges CJK segments that the query separates only by spaces or quotes
   * (Chinese is written without spaces): the phrase of `工会 驿站` is 工会驿站. */
  function phraseSegments(q, segs, matched) {
    const chars = [...q].slice(0, MAX_QUERY_CHARS);
    const out = [];
    segs.forEach((s, i) => {
      const prev = out[out.length - 1];
      const between = prev ? chars.slice(prev.seg.end, s.start).join('') : '';
      if (prev && prev.seg.type === 'cjk' && s.type === 'cjk' && /^[\s"“”]*$/u.test(between)) {
        prev.seg = { ...prev.seg, text: prev.seg.text + s.text, end: s.end };
        prev.match = null;
      } else out.push({ seg: s, match: matched[i] });
    });
    return out;
  }

  /** Phrase flags for the docs of `want`, merging spaced CJK segments.
   * Null when it cannot be checked, or, for the ranking bonus only
   * (`required` false), when checking would download more than
   * PHRASE_BONUS_BYTES of positions (a very common two-character part). */
  async function phraseOf(meta, q, segs, matched, want, required) {
    const merged = phraseSegments(q, segs, matched);
    const ms = await Promise.all(merged.map((m) => m.match || matchSegment(meta, m.seg, required)));
    if (!required && merged.length > 1 && ms.reduce((c, m) => c + (m.cost || 0), 0) > PHRASE_BONUS_BYTES) return null;
    if (merged.length === 1) {
      const flags = new Uint8Array(want.length);
      const hit = intersect({ docs: want, tiers: new Uint8Array(want.length).fill(7) }, ms[0].pl);
      let j = 0;
      for (let i = 0; i < want.length && j < hit.docs.length; i++) if (want[i] === hit.docs[j]) { flags[i] = 1; j++; }
      return flags;
    }
    return phraseFlags(merged.map((m) => m.seg), ms, want);
  }

  const matches = new Map();

  /** The docs matching the query's terms, in rank order (a Uint32Array),
   * or null when the query has no terms. Cached for pages and facets. */
  function matchQuery(meta, q) {
    const key = [...String(q ?? '')].slice(0, MAX_QUERY_CHARS).join('');
    if (!matches.has(key)) {
      const p = rankedMatches(meta, key);
      p.catch(() => matches.delete(key));
      matches.set(key, p);
      if (matches.size > 16) matches.delete(matches.keys().next().value);
    }
    return matches.get(key);
  }

  async function rankedMatches(meta, q) {
    if (needsFolds(q)) await loadFolds();
    const terms = parseQuery(q);
    const segs = terms.flatMap((t) => t.segments.map((s) => ({ ...s, quoted: t.quoted })));
    if (!segs.length) return { terms, ranked: null };
    const matched = await Promise.all(segs.map((s) => matchSegment(meta, s, s.quoted, true)));
    // AND of all segments; rank by the worst of each segment's best tier,
    // then by the sum of those tiers.
    const order = matched.map((_, i) => i).sort((a, b) => matched[a].pl.docs.length - matched[b].pl.docs.length);
    const first = matched[order[0]].pl;
    let docs = first.docs;
    let worst = new Uint8Array(docs.length), sum = new Uint8Array(docs.length);
    // The body segment of the first match of any segment of the query.
    let seg = new Uint32Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      worst[i] = sum[i] = lowestTier(first.tiers[i]);
      seg[i] = bodySeg(first, i);
    }
    for (const k of order.slice(1)) {
      const pl = matched[k].pl;
      const n = Math.min(docs.length, pl.docs.length);
      const d2 = new Uint32Array(n), w2 = new Uint8Array(n), s2 = new Uint8Array(n), g2 = new Uint32Array(n);
      let i = 0, j = 0, m = 0;
      while (i < docs.length && j < pl.docs.length) {
        if (docs[i] < pl.docs[j]) i++;
        else if (docs[i] > pl.docs[j]) j++;
        else {
          const t = lowestTier(pl.tiers[j]);
          d2[m] = docs[i]; w2[m] = Math.max(worst[i], t); s2[m] = Math.min(255, sum[i] + t);
          g2[m++] = Math.min(seg[i], bodySeg(pl, j));
          i++; j++;
        }
      }
      docs = d2.subarray(0, m); worst = w2.subarray(0, m); sum = s2.subarray(0, m); seg = g2.subarray(0, m);
    }
    // Quoted terms of several segments must occur as written.
    let keep = new Uint8Array(docs.length).fill(1);
    let at = 0;
    for (const t of terms) {
      const n = t.segments.length;
      if (t.quoted && n > 1 && docs.length) {
        const flags = await phraseOf(meta, q, segs.slice(at, at + n), matched.slice(at, at + n), docs, true);
        if (flags) keep = keep.map((x, i) => x & flags[i]);
      }
      at += n;
    }
    // The exact phrase of the whole query before scattered terms.
    const phrase = segs.length > 1 && docs.length
      ? await phraseOf(meta, q, segs, matched, docs, false) : null;
    // Rank: the docs are in id order (newest first), so a stable counting
    // sort by (worst tier, phrase, sum of tiers) ranks them in one pass.
    const rank = new Uint16Array(docs.length);
    const buckets = new Int32Array(3 * 2 * 256 + 1);
    // The body segment of each doc's first match, by doc id (0 if none).
    const segOf = new Uint32Array(meta.docs);
    let nk = 0;
    for (let i = 0; i < docs.length; i++) {
      if (!keep[i]) continue;
      const p = phrase && phrase[i] ? 0 : 1;
      rank[i] = (worst[i] * 2 + p) * 256 + sum[i];
      buckets[rank[i] + 1]++;
      nk++;
      if (seg[i] !== NO_SEG) segOf[docs[i]] = seg[i];
    }
    for (let b = 1; b < buckets.length; b++) buckets[b] += buckets[b - 1];
    const ranked = new Uint32Array(nk);
    for (let i = 0; i < docs.length; i++) if (keep[i]) ranked[buckets[rank[i]]++] = docs[i];
    return { terms, ranked, segOf };
  }

  /**
   * Runs a query: {q, programme, award, region, year, page}. Returns the
   * total, the ids of the page asked for, all ids in rank order, and the
   * facets with counts (each facet counted over the docs that pass every
   * other filter, so a reader sees what choosing a value would give).
   * With `{docs: true}`, the documents of the page shown start to download
   * as soon as their ids are known, while the facets are counted.
   */
  async function search(params = {}, opts = {}) {
    const S = await init();
    const { meta } = S;
    const { terms, ranked, segOf } = await matchQuery(meta, params.q);
    const prog = meta.programmes.findIndex((v) => v.key === params.programme);
    const award = meta.awards.findIndex((v) => v.key === params.award);
    const region = params.region ? S.regions.indexOf(String(params.region)) : -1;
    const year = params.year ? S.years.indexOf(Number(params.year)) : -1;
    const inList = (ids) => { const m = new Uint8Array(meta.docs); for (const id of ids) m[id] = 1; return m; };
    const progOk = prog >= 0 ? inList(S.facets.programme[prog]) : null;
    const awardOk = award >= 0 ? inList(S.facets.award[award]) : null;
    const regionOk = region >= 0 ? new Uint8Array(meta.regions.length) : null;
    if (regionOk) {
      const { start, values } = S.regionPrefixes;
      for (let r = 0; r < meta.regions.length; r++) {
        for (let j = start[r]; j < start[r + 1]; j++) if (values[j] === region) regionOk[r] = 1;
      }
    }
    // A filter on a value the index does not know matches nothing.
    const unknown = (params.programme && prog < 0) || (params.award && award < 0) ||
      (params.region && region < 0) || (params.year && year < 0);
    const { docRegion, docYear, docProgs, docAwards, regionPrefixes } = S;

    // Each doc's filters, as bits: 1 programme, 2 award, 4 region, 8 year.
    const n = unknown ? 0 : ranked ? ranked.length : meta.docs;
    const pass = new Uint8Array(n);
    const hits = new Uint32Array(n);
    let h = 0;
    for (let i = 0; i < n; i++) {
      const doc = ranked ? ranked[i] : i;
      const r = docRegion[doc];
      const ok = (!progOk || progOk[doc] === 1 ? 1 : 0) | (!awardOk || awardOk[doc] === 1 ? 2 : 0) |
        (!regionOk || (r >= 0 && regionOk[r] === 1) ? 4 : 0) | (year < 0 || docYear[doc] === year ? 8 : 0);
      pass[i] = ok;
      if (ok === 15) hits[h++] = doc;
    }
    const all = hits.subarray(0, h);
    const pageCount = Math.max(1, Math.ceil(h / perPage));
    const page = Math.min(Math.max(1, Math.floor(Number(params.page)) || 1), pageCount);
    const ids = Array.from(all.subarray((page - 1) * perPage, page * perPage));
    // The body segment that holds each result's first match (0 also when
    // the body does not match): the document file its snippet needs.
    const segs = ids.map((id) => (segOf ? segOf[id] : 0));
    if (opts.docs) ids.forEach((id, i) => doc(id, segs[i]).catch(() => {}));

    const cp = new Int32Array(meta.programmes.length), ca = new Int32Array(meta.awards.length);
    const cr = new Int32Array(S.regions.length), cy = new Int32Array(S.years.length);
    const ps = docProgs.start, pv = docProgs.values, as = docAwards.start, av = docAwards.values;
    const rs = regionPrefixes.start, rv = regionPrefixes.values;
    for (let i = 0; i < n; i++) {
      const ok = pass[i];
      if (ok === 0) continue;
      const doc = ranked ? ranked[i] : i;
      // A facet counts the docs that pass every filter but its own.
      if ((ok | 1) === 15) for (let j = ps[doc]; j < ps[doc + 1]; j++) cp[pv[j]]++;
      if ((ok | 2) === 15) for (let j = as[doc]; j < as[doc + 1]; j++) ca[av[j]]++;
      const r = docRegion[doc];
      if ((ok | 4) === 15 && r >= 0) for (let j = rs[r]; j < rs[r + 1]; j++) cr[rv[j]]++;
      if ((ok | 8) === 15) cy[docYear[doc]]++;
    }
    const values = (name, c, sel) => S.valueList[name].map((v, i) =>
      ({ key: v.key, title: v.title, depth: v.depth, count: c[i], selected: i === sel }));
    return {
      terms,
      total: h,
      page,
      pages: pageCount,
      ids,
      segs,
      all,
      facets: {
        programme: values('programme', cp, prog),
        award: values('award', ca, award),
        region: values('region', cr, region),
        year: values('year', cy, year),
      },
    };
  }

  /**
   * The first page of results of a query without a programme, award or
   * region filter, as search() gives it but without the facets, which
   * need facets.bin: what a reader sees first. The cards of the page start
   * to download as soon as their ids are known. With a facet filter, this
   * is search().
   */
  async function firstPage(params = {}) {
    if (params.programme || params.award || params.region) return search(params, { docs: true });
    const { meta } = await store.init();
    const { terms, ranked, segOf } = await matchQuery(meta, params.q);
    let all = ranked ?? Uint32Array.from({ length: meta.docs }, (_, i) => i);
    if (params.year) {
      // A year is a range of ids (newest first); an unknown one matches nothing.
      const [, first, end] = meta.years.find(([y]) => y === Number(params.year)) || [0, 0, 0];
      all = all.filter((id) => id >= first && id < end);
    }
    const pageCount = Math.max(1, Math.ceil(all.length / perPage));
    const page = Math.min(Math.max(1, Math.floor(Number(params.page)) || 1), pageCount);
    const ids = Array.from(all.subarray((page - 1) * perPage, page * perPage));
    const segs = ids.map((id) => (segOf ? segOf[id] : 0));
    ids.forEach((id, i) => doc(id, segs[i]).catch(() => {}));
    return { terms, total: all.length, page, pages: pageCount, ids, segs, all, facets: null };
  }

  /** The stored documents of `ids`, in order: the card and body segment
   * `segs[i]` of each (segment 0, with the summary, by default). */
  const cards = new Map(), texts = new Map();
  const cached = (map, key, load) => {
    if (!map.has(key)) {
      const p = load();
      p.catch(() => map.delete(key));
      map.set(key, p);
    }
    return map.get(key);
  };
  const card = (id) => cached(cards, id, () => store.card(id));
  const doc = (id, seg = 0) => cached(texts, `${id}-${seg}`, async () => {
    const { t, ...c } = await card(id);
    return { ...c, ...(await store.text({ t }, seg)) };
  });
  function docs(ids, segs = []) {
    return Promise.all(ids.map((id, i) => doc(id, segs[i] || 0)));
  }

  const needlesOf = (terms) => terms.flatMap((t) => t.segments.map((s) => ({
    chars: [...s.text], word: s.type === 'word', whole: s.type === 'word' && t.quoted,
  })));

  /** The cards of the page shown by `res`, in order, each as soon as it
   * comes: [Promise of {id, url, title, titleParts, date, region, kind}]. */
  function cardsOf(res) {
    const needles = needlesOf(res.terms);
    return res.ids.map(async (id) => {
      const c = await card(id);
      // The fold table only marks traditional characters in the title: the
      // card is drawn at once and its title marked again with the snippets
      // (results() waits for the table), so results never wait for it.
      if (needsFolds(c.title)) loadFolds().catch(() => {});
      return { id, url: c.url, title: c.title, titleParts: highlight(c.title, needles), date: c.date, region: c.region, kind: c.kind };
    });
  }

  /** search() plus the documents of the page shown, with title and snippet
   * cut into [{text, mark}] parts. */
  async function query(params = {}) {
    const res = await search(params, { docs: true });
    res.results = await results(res);
    return res;
  }

  /** The results of the page shown by `res` (from search()): stored
   * document, title and snippet cut into [{text, mark}] parts. */
  async function results(res) {
    const needles = needlesOf(res.terms);
    const stored = await docs(res.ids, res.segs);
    if (stored.some((d) => needsFolds([d.title, d.body, d.summary, d.subtitle, d.kicker].join('')))) await loadFolds();
    return stored.map((d, i) => ({
      id: res.ids[i],
      url: d.url,
      title: d.title,
      titleParts: highlight(d.title, needles),
      date: d.date,
      region: d.region,
      kind: d.kind,
      snippet: snippet(d, needles),
    }));
  }

  return { search, firstPage, cards: cardsOf, docs, results, query, init };
}

/** For each doc, the facet values (indexes) it has: those of doc d are
 * values[start[d] .. start[d + 1]]. */
function perDoc(lists, ndocs) {
  const start = new Int32Array(ndocs + 1);
  for (const ids of lists) for (const id of ids) start[id + 1]++;
  for (let d = 0; d < ndocs; d++) start[d + 1] += start[d];
  const values = new Int32Array(start[ndocs]), fill = start.slice(0, ndocs);
  lists.forEach((ids, v) => { for (const id of ids) values[fill[id]++] = v; });
  return { start, values };
}

/** Every region path and all its ancestors, sorted, parents before children. */
function regionValues(paths) {
  const all = new Set();
  for (const p of paths) {
    const parts = p.split('/');
    for (let d = 1; d <= parts.length; d++) all.add(parts.slice(0, d).join('/'));
  }
  return [...all].sort(cmpKey);
}

// ---------------------------------------------------------------- snippets

/** Cuts `text` into [{text, mark}] parts, marking the query's segments:
 * a word matches the start of a word (the whole word if `whole`). Only
 * matches starting at char `from` or later are marked. */
export function highlight(text, needles, from = 0) {
  text = String(text ?? '');
  // The normalised code point of each char, and where it starts in `text`.
  const norm = [], at = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i);
    at.push(i);
    norm.push(normCode(cp));
    i += cp > 0xffff ? 2 : 1;
  }
  at.push(text.length);
  const marks = new Uint8Array(norm.length);
  for (const nd of needles) {
    const want = nd.codes ||= nd.chars.map((c) => c.codePointAt(0));
    const n = want.length;
    if (!n) continue;
    for (let i = from; i + n <= norm.length; i++) {
      if (norm[i] !== want[0]) continue;
      if (nd.word && i > 0 && isWordCode(norm[i - 1])) continue;
      if (nd.whole && i + n < norm.length && isWordCode(norm[i + n])) continue;
      let k = 1;
      while (k < n && norm[i + k] === want[k]) k++;
      if (k === n) marks.fill(1, i, i + n);
    }
  }
  const parts = [];
  for (let i = 0; i < norm.length;) {
    let j = i;
    while (j < norm.length && marks[j] === marks[i]) j++;
    parts.push({ text: text.slice(at[i], at[j]), mark: marks[i] === 1 });
    i = j;
  }
  return parts;
}

const SNIPPET_CHARS = 90;

/**
 * A window of the body (or summary) around the first match. `doc` is a
 * stored segment file: `body` is one segment of the body, which starts at
 * char `at` of it (the chars before are context: a match there belongs to
 * an earlier segment), and the search asked for the segment of the first
 * match; segment 0 also has the summary, subtitle and kicker.
 */
export function snippet(doc, needles) {
  const fields = [[doc.body, doc.at || 0], [doc.summary, 0], [doc.subtitle, 0], [doc.kicker, 0]];
  for (const [field, from] of fields) {
    const parts = highlight(field, needles, from);
    const first = parts.findIndex((p) => p.mark);
    if (first < 0) continue;
    return windowAround(parts, first);
  }
  const text = [...String(doc.summary || doc.body || '')];
  const cut = text.length > SNIPPET_CHARS;
  return [{ text: text.slice(0, SNIPPET_CHARS).join('') + (cut ? '…' : ''), mark: false }];
}

function windowAround(parts, first) {
  const before = [...parts.slice(0, first).map((p) => p.text).join('')];
  // Up to 24 characters of context, starting after a sentence or clause
  // break when there is one, else with an ellipsis.
  let lead = Math.min(before.length, 24);
  const tail = before.slice(before.length - lead);
  const brk = Math.max(...['。', '！', '？', '；', '，', ',', ';', '\n'].map((c) => tail.lastIndexOf(c)));
  if (brk >= 0 && before.length > lead) lead = tail.length - brk - 1;
  const out = [];
  if (lead) out.push({ text: (before.length > lead && brk < 0 ? '…' : '') + before.slice(before.length - lead).join(''), mark: false });
  let budget = SNIPPET_CHARS - lead;
  for (let i = first; i < parts.length && budget > 0; i++) {
    const chars = [...parts[i].text];
    const take = chars.slice(0, budget);
    budget -= take.length;
    out.push({ text: take.join('') + (take.length < chars.length ? '…' : ''), mark: parts[i].mark });
    if (take.length < chars.length) break;
  }
  return out;
}

