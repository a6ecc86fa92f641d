// unionpress search: the client of the index written by `src/search/`.
//
// Two parts in one ES module, no framework, no build step:
//   * the engine, `createSearch({fetch})`, pure JavaScript that node imports
//     for tests and benchmarks: it downloads `meta.json` and `facets.bin`
//     once, then per query only the term pages it needs (`t/<n>.bin`,
//     positions `p/<n>.bin` for Chinese runs of three or more characters and
//     phrases), and the document chunks `d/<n>.json` of the results shown;
//   * the page, which runs when this module is loaded by
//     `templates/search.html`: it reads q, programme, award, region, year and
//     page from the URL, keeps them there as the reader types and filters, and
//     draws results and facets with createElement/textContent only (index
//     text is never parsed as HTML).
//
// The index format is described in src/search/index.rs and store.rs; the
// tokenizer here (normChar, isCjk, isWordChar) must match tokenize.rs.

const FORMAT = 1;
/** Queries are cut to this many characters: longer ones are not questions. */
export const MAX_QUERY_CHARS = 64;
const TITLE = 1, META = 2, BODY = 4;

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

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Letters and digits that are not CJK (tokenize.rs `is_word_char`). */
export function isWordChar(ch) {
  const cp = ch.codePointAt(0);
  return !isCjk(cp) && LETTER_OR_DIGIT.test(ch);
}

/** One character to one character: full-width ASCII to ASCII, lower case. */
export function normChar(ch) {
  let cp = ch.codePointAt(0);
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

/** Compares two keys by code point, like Rust's str ordering. */
export function cmpKey(a, b) {
  const x = [...a], y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

const utf8 = new TextDecoder('utf-8');

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
    list.push({ key: utf8.decode(key), ndocs, postOff: post, postLen, posOff: pos, posLen });
    post += postLen;
    pos += posLen;
  }
  for (const e of list) { e.postOff += st.at; entries.set(e.key, e); }
  return { buf, entries, keys: list.map((e) => e.key) };
}

function decodePostings(buf, e) {
  const docs = new Uint32Array(e.ndocs), tiers = new Uint8Array(e.ndocs);
  const st = { at: e.postOff };
  let doc = -1;
  for (let i = 0; i < e.ndocs; i++) {
    const v = readVarint(buf, st);
    doc += Math.floor(v / 8) + 1;
    docs[i] = doc;
    tiers[i] = v & 7;
  }
  return { docs, tiers };
}

/** Positions of a term in the docs of `want` (a Set): Map doc → {tier: [pos]}. */
function decodePositions(pbuf, e, postings, want) {
  const out = new Map();
  // Every position takes at least one byte, so posLen bounds their number.
  const all = new Int32Array(e.posLen);
  let n = 0, at = e.posOff;
  const read = () => {
    let v = 0, mul = 1, b;
    do { b = pbuf[at++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80);
    return v;
  };
  for (let i = 0; i < postings.docs.length; i++) {
    const doc = postings.docs[i], tiers = postings.tiers[i];
    const keep = want.has(doc);
    const per = keep ? {} : null;
    for (let bit = 1; bit <= 4; bit <<= 1) {
      if (!(tiers & bit)) continue;
      const count = read();
      if (keep) {
        const from = n;
        let p = 0;
        for (let k = 0; k < count; k++) { p += read(); all[n++] = p; }
        per[bit] = all.subarray(from, n);
      } else {
        for (let k = 0; k < count; k++) while (pbuf[at++] & 0x80);
      }
    }
    if (keep) out.set(doc, per);
  }
  return out;
}

/** Starts p in lists[0] such that lists[k] holds p + offsets[k] for every k
 * (all lists sorted ascending): one merge pass, no allocation per position. */
function alignedStarts(lists, offsets) {
  const ptr = new Array(lists.length).fill(0);
  const out = [];
  const first = lists[0];
  outer: for (let i = 0; i < first.length; i++) {
    const p = first[i];
    for (let k = 1; k < lists.length; k++) {
      const l = lists[k], want = p + offsets[k];
      let j = ptr[k];
      while (j < l.length && l[j] < want) j++;
      ptr[k] = j;
      if (j === l.length) break outer;
      if (l[j] !== want) continue outer;
    }
    out.push(p);
  }
  return out;
}

function decodeFacets(buf, meta) {
  const st = { at: 0 };
  const list = () => {
    const n = readVarint(buf, st);
    const ids = new Uint32Array(n);
    let prev = 0;
    for (let i = 0; i < n; i++) { prev += readVarint(buf, st); ids[i] = prev; }
    return ids;
  };
  return {
    programme: meta.programmes.map(list),
    award: meta.awards.map(list),
    region: meta.regions.map(list),
  };
}

function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error('index file is not binary');
}

function toText(data) {
  return typeof data === 'string' ? data : utf8.decode(toBytes(data));
}

// -------------------------------------------------------------------- engine

/**
 * The search engine over an index reachable through `fetch(path)`, where
 * path is relative to the index folder (`meta.json`, `t/3.bin`, …) and the
 * result is a Promise of an ArrayBuffer, a Uint8Array or a string.
 */
export function createSearch({ fetch, perPage = 10 }) {
  const cache = new Map();
  const get = (path) => {
    if (!cache.has(path)) {
      const p = Promise.resolve().then(() => fetch(path));
      p.catch(() => cache.delete(path));
      cache.set(path, p);
    }
    return cache.get(path);
  };
  const pageCache = new Map();
  let shared = null;

  function init() {
    if (!shared) {
      shared = (async () => {
        const meta = JSON.parse(toText(await get('meta.json')));
        if (meta.format !== FORMAT) throw new Error(`unknown search index format ${meta.format}`);
        const facets = decodeFacets(toBytes(await get('facets.bin')), meta);
        const docYear = new Int32Array(meta.docs);
        for (const [year, first, end] of meta.years) docYear.fill(year, first, end);
        const docRegion = new Int32Array(meta.docs).fill(-1);
        facets.region.forEach((ids, r) => { for (const id of ids) docRegion[id] = r; });
        const regionPrefixes = meta.regions.map((path) => {
          const parts = path.split('/');
          return parts.map((_, d) => parts.slice(0, d + 1).join('/'));
        });
        return {
          meta, facets, docYear, docRegion, regionPrefixes,
          docProgs: invert(facets.programme), docAwards: invert(facets.award),
        };
      })();
      shared.catch(() => { shared = null; });
    }
    return shared;
  }

  function pageIndex(pages, key) {
    let lo = 0, hi = pages.length - 1, ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cmpKey(pages[mid], key) <= 0) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  function loadPage(n) {
    if (!pageCache.has(n)) {
      const p = get(`t/${n}.bin`).then((d) => decodePage(toBytes(d)));
      p.catch(() => pageCache.delete(n));
      pageCache.set(n, p);
    }
    return pageCache.get(n);
  }

  /** Entries for an exact key: [{page, e}] (zero or one). */
  async function exact(meta, key) {
    if (!meta.pages.length) return [];
    const n = pageIndex(meta.pages, key);
    const page = await loadPage(n);
    const e = page.entries.get(key);
    return e ? [{ n, page, e }] : [];
  }

  /** Entries of all word keys starting with `prefix`. */
  async function prefixed(meta, prefix) {
    if (!meta.pages.length) return [];
    const first = pageIndex(meta.pages, prefix);
    let last = first;
    while (last + 1 < meta.pages.length && meta.pages[last + 1].startsWith(prefix)) last++;
    const out = [];
    const pages = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, i) => loadPage(first + i)));
    pages.forEach((page, i) => {
      for (const key of page.keys) {
        if (key.startsWith(prefix)) out.push({ n: first + i, page, e: page.entries.get(key) });
      }
    });
    return out;
  }

  async function positionsOf(hit, want) {
    const pbuf = toBytes(await get(`p/${hit.n}.bin`));
    return decodePositions(pbuf, hit.e, decodePostings(hit.page.buf, hit.e), want);
  }

  /**
   * Matches one segment. Returns {docs: Map doc → tiers mask,
   * positions(want): Promise<Map doc → {tier: [[start, end]]}> | null}.
   */
  async function matchSegment(meta, seg, quoted) {
    const chars = [...seg.text];
    if (seg.type === 'word') {
      const hits = quoted ? await exact(meta, seg.text) : await prefixed(meta, seg.text);
      const docs = new Map();
      for (const h of hits) {
        const p = decodePostings(h.page.buf, h.e);
        for (let i = 0; i < p.docs.length; i++) docs.set(p.docs[i], (docs.get(p.docs[i]) || 0) | p.tiers[i]);
      }
      const positions = async (want) => {
        const out = new Map();
        for (const h of hits) {
          const len = [...h.e.key].length;
          for (const [doc, per] of await positionsOf(h, want)) {
            const acc = out.get(doc) || {};
            for (const bit in per) (acc[bit] ||= []).push(...Array.from(per[bit], (s) => [s, s + len]));
            out.set(doc, acc);
          }
        }
        return out;
      };
      return { docs, positions };
    }
    if (chars.length === 1) {
      const hits = await exact(meta, seg.text);
      const docs = new Map();
      for (const h of hits) {
        const p = decodePostings(h.page.buf, h.e);
        for (let i = 0; i < p.docs.length; i++) docs.set(p.docs[i], p.tiers[i]);
      }
      return { docs, positions: null };
    }
    const len = chars.length;
    if (len <= 3) {
      // A bigram or trigram: one lookup, and its positions are the matches.
      const hits = await exact(meta, seg.text);
      const docs = new Map();
      for (const h of hits) {
        const p = decodePostings(h.page.buf, h.e);
        for (let i = 0; i < p.docs.length; i++) docs.set(p.docs[i], p.tiers[i]);
      }
      const positions = async (want) => {
        if (!hits.length) return new Map();
        const out = new Map();
        for (const [doc, per] of await positionsOf(hits[0], want)) {
          const spans = {};
          for (const bit in per) spans[bit] = Array.from(per[bit], (s) => [s, s + len]);
          out.set(doc, spans);
        }
        return out;
      };
      return { docs, positions };
    }
    // Four or more: trigrams at offsets 0, 3, 6, … and n−3, whose positions
    // must line up.
    const offsets = [];
    for (let o = 0; o + 3 <= len; o += 3) offsets.push(o);
    if (offsets[offsets.length - 1] !== len - 3) offsets.push(len - 3);
    const hits = await Promise.all(offsets.map((o) => exact(meta, chars.slice(o, o + 3).join(''))));
    if (hits.some((h) => h.length === 0)) return { docs: new Map(), positions: async () => new Map() };
    const lists = hits.map(([h]) => decodePostings(h.page.buf, h.e));
    // Intersect the document lists, smallest first, keeping common tiers.
    const order = lists.map((_, i) => i).sort((a, b) => lists[a].docs.length - lists[b].docs.length);
    let cand = new Map();
    const l0 = lists[order[0]];
    for (let i = 0; i < l0.docs.length; i++) cand.set(l0.docs[i], l0.tiers[i]);
    for (const k of order.slice(1)) {
      const next = new Map();
      const l = lists[k];
      for (let i = 0; i < l.docs.length; i++) {
        const t = cand.get(l.docs[i]);
        if (t !== undefined && (t & l.tiers[i])) next.set(l.docs[i], t & l.tiers[i]);
      }
      cand = next;
    }
    const want = new Set(cand.keys());
    const ps = await Promise.all(hits.map(([h]) => positionsOf(h, want)));
    const verified = new Map();
    const docs = new Map();
    for (const doc of want) {
      const per = {};
      let mask = 0;
      const perTerm = ps.map((m) => m.get(doc));
      if (perTerm.some((x) => !x)) continue;
      for (let bit = 1; bit <= 4; bit <<= 1) {
        const lists = perTerm.map((x) => x[bit]);
        if (lists.some((l) => !l)) continue;
        const starts = alignedStarts(lists, offsets);
        if (starts.length) { per[bit] = starts.map((s) => [s, s + len]); mask |= bit; }
      }
      if (mask) { verified.set(doc, per); docs.set(doc, mask); }
    }
    return { docs, positions: async () => verified };
  }

  /** Docs (of `want`) where the segments occur one after the other, as in
   * the query: Map doc → tiers mask. Null when it cannot be checked. */
  async function phraseDocs(segs, matched, want) {
    if (segs.length < 2 || matched.some((m) => !m.positions)) return null;
    const pos = await Promise.all(matched.map((m) => m.positions(want)));
    const out = new Map();
    for (const doc of want) {
      let mask = 0;
      for (const bit of [TITLE, META, BODY]) {
        let ends = (pos[0].get(doc) || {})[bit];
        for (let k = 1; ends && ends.length && k < segs.length; k++) {
          const gapQ = segs[k].start - segs[k - 1].end;
          const maxGap = gapQ === 0 ? 0 : Math.max(1, gapQ);
          const here = (pos[k].get(doc) || {})[bit] || [];
          const endSet = new Set(ends.map((x) => x[1]));
          ends = here.filter(([s]) => {
            for (let g = 0; g <= maxGap; g++) if (endSet.has(s - g)) return true;
            return false;
          });
        }
        if (ends && ends.length) mask |= bit;
      }
      if (mask) out.set(doc, mask);
    }
    return out;
  }

  const lowestTier = (mask) => (mask & TITLE ? 0 : mask & META ? 1 : 2);

  /** Runs a query: {q, programme, award, region, year, page}. */
  /** Merges CJK segments that the query separates only by spaces (Chinese
   * is written without them): the phrase of `工会 驿站` is 工会驿站. */
  function phraseSegments(q, segs) {
    const chars = [...String(q ?? '')].slice(0, MAX_QUERY_CHARS);
    const out = [];
    for (const s of segs) {
      const prev = out[out.length - 1];
      const between = prev ? chars.slice(prev.end, s.start).join('') : '';
      if (prev && prev.type === 'cjk' && s.type === 'cjk' && /^[\s"“”]*$/u.test(between)) {
        out[out.length - 1] = { ...prev, text: prev.text + s.text, end: s.end, merged: true };
      } else out.push({ ...s });
    }
    return out;
  }

  /** Docs (of `cand`) where `segs` occur one after the other: Map doc → tiers. */
  async function phraseOf(meta, q, segs, matched, cand, quoted) {
    const merged = phraseSegments(q, segs);
    const ms = await Promise.all(merged.map((s, i) =>
      s.merged ? matchSegment(meta, s, quoted) : matched[segs.indexOf(segs.find((x) => x.start === s.start))]));
    const want = new Set(cand.keys());
    if (merged.length === 1) {
      const out = new Map();
      for (const [doc, mask] of ms[0].docs) if (want.has(doc)) out.set(doc, mask);
      return out;
    }
    return phraseDocs(merged, ms, want);
  }

  const matchCache = new Map();

  /** The documents matching the query, with what ranks them:
   * Map doc → {tier, phrase, sum}; null when the query has no terms. */
  function matchQuery(meta, q) {
    const key = String(q ?? '').slice(0, MAX_QUERY_CHARS * 2);
    if (!matchCache.has(key)) {
      const p = matchQueryUncached(meta, key);
      p.catch(() => matchCache.delete(key));
      matchCache.set(key, p);
      if (matchCache.size > 16) matchCache.delete(matchCache.keys().next().value);
    }
    return matchCache.get(key);
  }

  async function matchQueryUncached(meta, q) {
    const terms = parseQuery(q);
    const allSegs = terms.flatMap((t) => t.segments.map((s) => ({ ...s, quoted: t.quoted })));
    if (!allSegs.length) return { terms, cand: null };
    // Match every segment (the AND of all of them).
    const matched = await Promise.all(allSegs.map((s) => matchSegment(meta, s, s.quoted)));
    const order = matched.map((_, i) => i).sort((a, b) => matched[a].docs.size - matched[b].docs.size);
    const cand = new Map();
    for (const [doc] of matched[order[0]].docs) {
      if (matched.every((m) => m.docs.has(doc))) {
        const tiers = matched.map((m) => lowestTier(m.docs.get(doc)));
        cand.set(doc, { tier: Math.max(...tiers), sum: tiers.reduce((a, b) => a + b, 0), phrase: 1 });
      }
    }
    // Quoted terms of several segments must occur as written.
    let at = 0;
    for (const t of terms) {
      const n = t.segments.length;
      if (t.quoted && n > 1 && cand.size) {
        const ph = await phraseOf(meta, q, allSegs.slice(at, at + n), matched.slice(at, at + n), cand, true);
        if (ph) for (const doc of [...cand.keys()]) if (!ph.has(doc)) cand.delete(doc);
      }
      at += n;
    }
    // The exact phrase of the whole query before scattered terms.
    if (allSegs.length > 1 && cand.size) {
      const ph = await phraseOf(meta, q, allSegs, matched, cand, false);
      if (ph) for (const [doc] of ph) cand.get(doc).phrase = 0;
    }
    return { terms, cand };
  }

  /** Runs a query: {q, programme, award, region, year, page}. */
  async function search(params = {}) {
    const { meta, facets, docYear, docRegion, docProgs, docAwards, regionPrefixes } = await init();
    const { terms, cand } = await matchQuery(meta, params.q);

    // Facet filters.
    const sel = {
      programme: meta.programmes.findIndex((v) => v.key === params.programme),
      award: meta.awards.findIndex((v) => v.key === params.award),
      region: params.region ? String(params.region) : '',
      year: params.year ? Number(params.year) : 0,
    };
    const sets = {
      programme: sel.programme >= 0 ? new Set(facets.programme[sel.programme]) : null,
      award: sel.award >= 0 ? new Set(facets.award[sel.award]) : null,
    };
    const regionOk = (doc) => {
      if (!sel.region) return true;
      const r = docRegion[doc];
      if (r < 0) return false;
      const path = meta.regions[r];
      return path === sel.region || path.startsWith(sel.region + '/');
    };
    const pass = {
      programme: (doc) => !sets.programme || sets.programme.has(doc),
      award: (doc) => !sets.award || sets.award.has(doc),
      region: regionOk,
      year: (doc) => !sel.year || docYear[doc] === sel.year,
    };
    const names = ['programme', 'award', 'region', 'year'];
    const ids = cand ? [...cand.keys()] : Array.from({ length: meta.docs }, (_, i) => i);
    // Facet counts: among docs passing every filter but the facet's own.
    const counts = { programme: new Map(), award: new Map(), region: new Map(), year: new Map() };
    const hits = [];
    for (const doc of ids) {
      const ok = names.map((n) => pass[n](doc));
      const failed = ok.filter((x) => !x).length;
      if (failed === 0) hits.push(doc);
      if (failed > 1) continue;
      const countIf = (k, fn) => { if (failed === 0 || !ok[k]) fn(); };
      const inc = (m, key) => m.set(key, (m.get(key) || 0) + 1);
      countIf(0, () => (docProgs.get(doc) || []).forEach((p) => inc(counts.programme, p)));
      countIf(1, () => (docAwards.get(doc) || []).forEach((a) => inc(counts.award, a)));
      countIf(2, () => {
        const r = docRegion[doc];
        if (r >= 0) for (const prefix of regionPrefixes[r]) inc(counts.region, prefix);
      });
      countIf(3, () => inc(counts.year, docYear[doc]));
    }
    if (cand) {
      hits.sort((a, b) => {
        const x = cand.get(a), y = cand.get(b);
        return x.tier - y.tier || x.phrase - y.phrase || x.sum - y.sum || a - b;
      });
    } else hits.sort((a, b) => a - b);

    const pages = Math.max(1, Math.ceil(hits.length / perPage));
    const page = Math.min(Math.max(1, Math.floor(Number(params.page)) || 1), pages);
    return {
      query: String(params.q ?? '').slice(0, 1000),
      terms,
      total: hits.length,
      page,
      pages,
      ids: hits.slice((page - 1) * perPage, page * perPage),
      all: hits,
      facets: {
        programme: meta.programmes.map((v, i) => ({ key: v.key, title: v.title, count: counts.programme.get(i) || 0, selected: i === sel.programme })),
        award: meta.awards.map((v, i) => ({ key: v.key, title: v.title, count: counts.award.get(i) || 0, selected: i === sel.award })),
        region: regionValues(meta.regions).map((path) => ({ key: path, title: path.split('/').pop(), depth: path.split('/').length - 1, count: counts.region.get(path) || 0, selected: path === sel.region })),
        year: [...new Set(meta.years.map((y) => y[0]))].sort((a, b) => b - a).map((y) => ({ key: String(y), title: String(y), count: counts.year.get(y) || 0, selected: y === sel.year })),
      },
    };
  }

  /** The stored documents of `ids`, in order. */
  async function docs(ids) {
    const { meta } = await init();
    const chunks = new Map();
    for (const id of ids) {
      const n = Math.floor(id / meta.chunk);
      if (!chunks.has(n)) chunks.set(n, get(`d/${n}.json`).then((d) => JSON.parse(toText(d))));
    }
    return Promise.all(ids.map(async (id) => {
      const chunk = await chunks.get(Math.floor(id / meta.chunk));
      return chunk[id % meta.chunk];
    }));
  }

  /** search() plus the documents of the page shown, with title and snippet
   * cut into [{text, mark}] parts. */
  async function query(params = {}) {
    const res = await search(params);
    const needles = res.terms.flatMap((t) => t.segments.map((s) => ({ chars: [...s.text], word: s.type === 'word' })));
    const stored = await docs(res.ids);
    res.results = stored.map((d, i) => ({
      id: res.ids[i],
      url: d.url,
      title: d.title,
      titleParts: highlight(d.title, needles),
      date: d.date,
      region: d.region,
      kind: d.kind,
      snippet: snippet(d, needles),
    }));
    return res;
  }

  return { search, docs, query, init };
}

function invert(lists) {
  const m = new Map();
  lists.forEach((ids, v) => { for (const id of ids) (m.get(id) || m.set(id, []).get(id)).push(v); });
  return m;
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

/** Cuts `text` into [{text, mark}] parts, marking the query's segments. */
export function highlight(text, needles) {
  const chars = [...String(text ?? '')];
  const norm = chars.map(normChar);
  const marks = new Uint8Array(chars.length);
  for (const nd of needles) {
    const n = nd.chars.length;
    if (!n) continue;
    for (let i = 0; i + n <= norm.length; i++) {
      if (nd.word && i > 0 && isWordChar(norm[i - 1])) continue;
      let k = 0;
      while (k < n && norm[i + k] === nd.chars[k]) k++;
      if (k === n) marks.fill(1, i, i + n);
    }
  }
  const parts = [];
  for (let i = 0; i < chars.length;) {
    let j = i;
    while (j < chars.length && marks[j] === marks[i]) j++;
    parts.push({ text: chars.slice(i, j).join(''), mark: marks[i] === 1 });
    i = j;
  }
  return parts;
}

const SNIPPET_CHARS = 90;

/** A window of the body (or summary) around the first match. */
export function snippet(doc, needles) {
  for (const field of [doc.body, doc.summary, doc.subtitle, doc.kicker]) {
    const parts = highlight(field, needles);
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
  const lead = Math.min(before.length, 20);
  const out = [];
  if (lead) out.push({ text: (before.length > lead ? '…' : '') + before.slice(before.length - lead).join(''), mark: false });
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

// ---------------------------------------------------------------- the page

const PARAMS = ['q', 'programme', 'award', 'region', 'year', 'page'];
const FACET_LABELS = { programme: '工作品牌', award: '荣誉', region: '地区', year: '年份' };
const KIND_LABELS = { news: '消息', feature: '通讯', diary: '日记', photo: '图片', brief: '简讯' };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function partsInto(node, parts) {
  for (const p of parts) node.append(p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text));
  return node;
}

function formatDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date || '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date || '';
}

function startPage(root) {
  const base = root.dataset.index || 'search/';
  const engine = createSearch({
    fetch: (path) => window.fetch(base + path).then((r) => {
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  });
  const form = root.querySelector('form');
  const input = root.querySelector('input[name=q]');
  const status = root.querySelector('[data-status]') || root.appendChild(el('p', { role: 'status' }));
  const facetsBox = root.querySelector('[data-facets]') || root.appendChild(el('div'));
  const list = root.querySelector('[data-results]') || root.appendChild(el('ol'));
  const nav = root.querySelector('[data-pages]') || root.appendChild(el('nav'));
  let state = readState();
  let run = 0;

  function readState() {
    const u = new URLSearchParams(location.search);
    const s = {};
    for (const k of PARAMS) s[k] = u.get(k) || '';
    return s;
  }
  function urlOf(s) {
    const u = new URLSearchParams();
    for (const k of PARAMS) if (s[k] && !(k === 'page' && s[k] === '1')) u.set(k, s[k]);
    const qs = u.toString();
    return location.pathname + (qs ? '?' + qs : '');
  }
  function go(next) {
    state = next;
    history.replaceState(null, '', urlOf(state));
    render();
  }

  async function render() {
    const mine = ++run;
    const hasQuery = PARAMS.slice(0, 5).some((k) => state[k]);
    let res;
    try {
      status.textContent = hasQuery ? '正在搜索…' : '';
      res = await engine.query(state);
    } catch (e) {
      if (mine === run) status.textContent = '搜索暂时不可用。';
      console.error(e);
      return;
    }
    if (mine !== run) return;
    drawFacets(res);
    list.replaceChildren();
    nav.replaceChildren();
    if (!hasQuery) {
      status.textContent = `共 ${res.total} 篇文章，输入关键词或选择条件开始搜索。`;
    } else if (res.total === 0) {
      status.textContent = '没有找到相关文章。';
    } else {
      status.textContent = `找到 ${res.total} 篇文章` + (res.pages > 1 ? `，第 ${res.page}/${res.pages} 页` : '');
    }
    if (!hasQuery) return;
    for (const r of res.results) {
      const meta = el('p', { class: 'search-meta' },
        el('time', { datetime: r.date }, formatDate(r.date)));
      if (r.region) meta.append(' · ', el('span', {}, r.region.split('/').join(' ')));
      if (r.kind) meta.append(' · ', el('span', {}, KIND_LABELS[r.kind] || r.kind));
      list.append(el('li', { class: 'search-result' },
        el('h2', {}, partsInto(el('a', { href: r.url }), r.titleParts)),
        meta,
        partsInto(el('p', { class: 'search-snippet' }), r.snippet)));
    }
    if (res.pages > 1) {
      const link = (n, label, rel) => {
        const s = { ...state, page: String(n) };
        const a = el('a', { href: urlOf(s) }, label);
        if (rel) a.setAttribute('rel', rel);
        if (n === res.page) a.setAttribute('aria-current', 'page');
        a.addEventListener('click', (ev) => { ev.preventDefault(); go(s); list.focus?.(); });
        return a;
      };
      if (res.page > 1) nav.append(link(res.page - 1, '上一页', 'prev'));
      const from = Math.max(1, res.page - 3), to = Math.min(res.pages, res.page + 3);
      for (let n = from; n <= to; n++) nav.append(link(n, String(n)));
      if (res.page < res.pages) nav.append(link(res.page + 1, '下一页', 'next'));
    }
  }

  function drawFacets(res) {
    facetsBox.replaceChildren();
    for (const name of ['programme', 'award', 'region', 'year']) {
      const values = res.facets[name].filter((v) => v.count > 0 || v.selected);
      if (!values.length) continue;
      const ul = el('ul');
      for (const v of values) {
        const next = { ...state, page: '', [name]: v.selected ? '' : v.key };
        const a = el('a', { href: urlOf(next), 'data-facet': name, 'data-value': v.key }, v.title, ' ', el('span', { class: 'search-count' }, `(${v.count})`));
        if (v.selected) a.setAttribute('aria-current', 'true');
        a.addEventListener('click', (ev) => { ev.preventDefault(); go(next); });
        ul.append(el('li', name === 'region' ? { class: `depth-${Math.min(v.depth, 3)}` } : {}, a));
      }
      facetsBox.append(el('section', { class: 'search-facet' }, el('h2', {}, FACET_LABELS[name]), ul));
    }
  }

  input.value = state.q;
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => go({ ...state, q: input.value, page: '' }), 150);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    go({ ...state, q: input.value, page: '' });
  });
  render();
}

if (typeof document !== 'undefined') {
  const start = () => {
    const root = document.getElementById('search');
    if (root) startPage(root);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
