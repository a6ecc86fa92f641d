// A small index written in JavaScript for the client's unit tests: the
// binary parts of format 7 (term pages, segment and position parts, a
// bundle's directory, facets.bin) encoded by hand from plain data, and an
// in-memory store over them that createSearch takes as `store`. It
// indexes as the Rust writer does where the engine can tell: CJK runs as
// their 1–4 character grams (positions for 3, and for 2 where the run ends), words of letters and
// digits, tiers title 1, meta 2, body 4, positions as character offsets
// in the field, the body cut into segments of `segment` characters.

import { cmpKey, isCjk, isWordChar, normChar } from '../../themes/default/static/search-tokenize.js';

const utf8 = new TextEncoder();

/** LEB128 varints of `ns`, appended to `out` (an array of bytes). */
export function varints(out, ...ns) {
  for (let n of ns) {
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
  }
  return out;
}

const sharedPrefix = (a, b) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * The three parts of a term page from `entries`, sorted by key:
 * [{key, postings: [{doc, tiers, pos: [title, meta, body] positions,
 * seg}]}]. Returns {page, segments, positions} as Uint8Arrays. The
 * segment part holds, per doc with the term in the body, `seg`, the body
 * segment of its first occurrence, or where it is not given that of its
 * first body position (segments of `segment` characters). Part `p` holds
 * the counts of every term, then their deltas (format 7).
 */
export function encodePage(entries, segment = 1000) {
  const head = varints([], entries.length), post = [], cnts = [], dels = [];
  const segLists = [];
  let prevKey = new Uint8Array(0);
  for (const e of entries) {
    const key = utf8.encode(e.key);
    const shared = sharedPrefix(prevKey, key);
    prevKey = key;
    const p = [], c = [], q = [], s = [];
    let prev = -1;
    for (const d of e.postings) {
      varints(p, (d.doc - prev - 1) * 8 + d.tiers);
      prev = d.doc;
      for (let t = 0; t < 3; t++) {
        if (!(d.tiers & (1 << t))) continue;
        const list = d.pos?.[t] ?? [];
        varints(c, list.length);
        let last = 0;
        for (const x of list) { varints(q, x - last); last = x; }
      }
      if (d.tiers & 4) varints(s, d.seg ?? Math.floor((d.pos?.[2]?.[0] ?? 0) / segment));
    }
    varints(head, shared, key.length - shared);
    head.push(...key.subarray(shared));
    varints(head, e.postings.length, p.length, c.length, q.length);
    post.push(...p);
    cnts.push(...c);
    dels.push(...q);
    segLists.push(s);
  }
  const segments = varints([], segLists.length, ...segLists.map((s) => s.length));
  for (const s of segLists) segments.push(...s);
  // Part `p` (format 7): every term's counts, then every term's deltas.
  return { page: Uint8Array.from([...head, ...post]), segments: Uint8Array.from(segments), positions: Uint8Array.from([...cnts, ...dels]) };
}

/** facets.bin, inflated: the values (JSON) and the docs of each value of
 * programmes, awards and regions (`lists`, by the same names). */
export function encodeFacets(values, lists) {
  const json = utf8.encode(JSON.stringify(values));
  const out = varints([], json.length);
  out.push(...json);
  for (const name of ['programmes', 'awards', 'regions']) {
    for (const ids of lists[name]) {
      varints(out, ids.length);
      let prev = 0;
      for (const id of ids) { varints(out, id - prev); prev = id; }
    }
  }
  return Uint8Array.from(out);
}

/** A bundle's directory, inflated: each page's first key and the lengths
 * of its three parts. */
export function encodeDirectory(pages) {
  const out = varints([], pages.length);
  let prevKey = new Uint8Array(0);
  for (const { key, lengths } of pages) {
    const k = utf8.encode(key);
    const shared = sharedPrefix(prevKey, k);
    prevKey = k;
    varints(out, shared, k.length - shared);
    out.push(...k.subarray(shared));
    varints(out, ...lengths);
  }
  return Uint8Array.from(out);
}

/** The terms of one field's text, with the positions (character offsets)
 * of each: CJK grams of 1–4 characters, words (lower case). A bigram's
 * positions where a trigram follows are marked as negative numbers
 * (−1 − position): the index keeps only those where it ends its run. */
export function fieldTerms(text) {
  const chars = [...text].map(normChar);
  const terms = new Map();
  const add = (key, at) => { if (!terms.has(key)) terms.set(key, []); terms.get(key).push(at); };
  for (let i = 0; i < chars.length;) {
    const cp = chars[i].codePointAt(0);
    if (isCjk(cp)) {
      let j = i;
      while (j < chars.length && isCjk(chars[j].codePointAt(0))) j++;
      for (let a = i; a < j; a++) for (let n = 1; n <= 4 && a + n <= j; n++) add(chars.slice(a, a + n).join(''), n === 2 && a + 2 < j ? -1 - a : a);
      i = j;
    } else if (isWordChar(chars[i])) {
      let j = i;
      while (j < chars.length && isWordChar(chars[j])) j++;
      add(chars.slice(i, j).join(''), i);
      i = j;
    } else i++;
  }
  return terms;
}

/**
 * An index of `docs` ([{title, summary, body, url, date, programme?,
 * award?, region?}], id = place, newest first) as a store for createSearch,
 * its term pages `perPage` keys each. `log` collects what was read.
 */
export function memoryIndex(docs, { segment = 20, perPage = 40, log = [] } = {}) {
  const byKey = new Map();
  docs.forEach((d, doc) => {
    [d.title, d.summary, d.body].forEach((text, t) => {
      for (const [key, pos] of fieldTerms(text || '')) {
        if (!byKey.has(key)) byKey.set(key, new Map());
        const m = byKey.get(key);
        if (!m.has(doc)) m.set(doc, { doc, tiers: 0, pos: [[], [], []] });
        const p = m.get(doc);
        p.tiers |= 1 << t;
        p.pos[t] = pos;
        p.firstAt ??= [];
        p.firstAt[t] = pos.length ? Math.min(...pos.map((x) => (x < 0 ? -1 - x : x))) : undefined;
      }
    });
  });
  const keys = [...byKey.keys()].sort(cmpKey);
  const pages = [];
  for (let i = 0; i < keys.length; i += perPage) {
    const entries = keys.slice(i, i + perPage).map((key) => ({
      key,
      postings: [...byKey.get(key).values()].map((p) => ({
        ...p,
        seg: Math.floor((p.firstAt?.[2] ?? 0) / segment),
        // Positions are kept for words, CJK trigrams, and CJK bigrams where
        // they end their run.
        pos: !isCjk(key.codePointAt(0)) || [...key].length === 3 ? p.pos
          : [...key].length === 2 ? p.pos.map((l) => l.filter((x) => x >= 0)) : [[], [], []],
      })).sort((a, b) => a.doc - b.doc),
    }));
    const { page, segments, positions } = encodePage(entries, segment);
    pages.push({ first: keys[i], parts: [page, segments, positions] });
  }
  const values = (name) => [...new Set(docs.map((d) => d[name]).filter(Boolean))].sort(cmpKey);
  const programmes = values('programme'), awards = values('award'), regions = values('region');
  const years = [];
  docs.forEach((d, id) => {
    const y = Number(d.date.slice(0, 4));
    const last = years[years.length - 1];
    if (last && last[0] === y) last[2] = id + 1;
    else years.push([y, id, id + 1]);
  });
  const meta = { format: 7, docs: docs.length, pages: pages.length, segment, years };
  const facets = encodeFacets(
    { programmes: programmes.map((key) => ({ key, title: key })), awards: awards.map((key) => ({ key, title: key })), regions },
    {
      programmes: programmes.map((v) => docs.flatMap((d, id) => (d.programme === v ? [id] : []))),
      awards: awards.map((v) => docs.flatMap((d, id) => (d.award === v ? [id] : []))),
      regions: regions.map((v) => docs.flatMap((d, id) => (d.region === v ? [id] : []))),
    });
  const bodySegments = (body) => {
    const chars = [...(body || '')], out = [];
    for (let at = 0; at === 0 || at < chars.length; at += segment) out.push({ body: chars.slice(at, at + segment).join(''), at: 0 });
    return out;
  };
  return {
    log,
    init: async () => ({ meta, root: [] }),
    facets: async () => { log.push('facets'); return facets; },
    async pageOf(key, cmp) {
      let n = 0;
      for (let i = 0; i < pages.length; i++) if (cmp(pages[i].first, key) <= 0) n = i;
      return pages.length ? n : -1;
    },
    pageKey: async (n) => (n < pages.length ? pages[n].first : null),
    async part(n, k) { log.push(`part ${n} ${k}`); return pages[n].parts[k]; },
    partSize: async (n, k) => pages[n].parts[k].length,
    async card(id) {
      log.push(`card ${id}`);
      const d = docs[id];
      return { url: d.url, title: d.title, date: d.date, region: d.region || '', kind: 'news', t: id };
    },
    async text(card, seg = 0) {
      log.push(`text ${card.t} ${seg}`);
      const d = docs[card.t];
      return { ...bodySegments(d.body)[seg], ...(seg === 0 ? { summary: d.summary || '' } : {}) };
    },
  };
}
