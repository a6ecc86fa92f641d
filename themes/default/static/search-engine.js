// unionpress search engine: a query in, the matching documents out, in
// rank order (exact matches first), over the index written by
// `src/search/`. An ES module that the search page (search.js) and node
// (tests, bench/search-bytes.mjs) both import. No framework, no build step.
//
// `createSearch({fetch})` reads `meta.json` and `keys.bin` once, then per
// query only the term pages it needs (their dictionary and postings), with
// them the body segments of the query's own terms, the positions only for
// Chinese runs of five or more characters and for phrases, and for each
// result shown its card and the one segment of its body that holds the
// first match (and the next when the snippet runs past it); `facets.bin` only for facet counts and filters. The other
// jobs are modules of their own: search-store.js reads the index's parts
// (byte ranges of packs), search-decode.js turns their bytes into data,
// search-lists.js combines posting lists, search-tokenize.js cuts queries,
// search-facets.js filters and counts, search-snippet.js cuts excerpts.
//
// Document lists are kept as sorted typed arrays and combined by merging,
// so a query over 10,000 articles allocates a few arrays, not objects per
// article.

import { openIndex, toBytes } from './search-store.js';
import { MAX_QUERY_CHARS, cmpKey, needsFolds, loadFolds, parseQuery } from './search-tokenize.js';
import { decodeFacets, decodePage, decodePositions, decodePostings, decodeSegmentFile } from './search-decode.js';
import { BODY, TIERS, EMPTY, NO_SEG, bodySeg, intersect, union, alignedStarts, lowestTier } from './search-lists.js';
import { foldsOf, highlight, joinNext, needlesOf, needsNext, snippet } from './search-snippet.js';

export * from './search-tokenize.js';
export { highlight, snippet } from './search-snippet.js';

/** The docs of `ids` (ranked, or null for all) in the given year, in
 * order, from meta.json alone: a year is a range of ids, newest first.
 * An unknown year keeps nothing. */
function inYear(meta, ids, year) {
  const all = ids ?? Uint32Array.from({ length: meta.docs }, (_, i) => i);
  if (!year) return all;
  const [, first, end] = meta.years.find(([y]) => y === Number(year)) || [0, 0, 0];
  return all.filter((id) => id >= first && id < end);
}

/** The most positions the ranking bonus of a mixed phrase may download. */
const PHRASE_BONUS_BYTES = 64 * 1024;

/**
 * The search engine over an index reachable through `fetch(path, range)`
 * (see search-store.js), or over `store`, an index already opened.
 */
export function createSearch({ fetch, store = openIndex(fetch), perPage = 10 }) {
  const pages = new Map();
  let shared = null;

  /** The shared part: meta.json, facets.bin, and the facet tables. */
  function init() {
    if (!shared) {
      shared = (async () => {
        // The facets module too is loaded only now: a first page of
        // results needs neither it nor facets.bin.
        const [{ meta: stored }, facetsFile, F] = await Promise.all([store.init(), store.facets(), import('./search-facets.js')]);
        return { ...F.facetTables(stored, decodeFacets(toBytes(facetsFile))), filter: F.filter };
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

  /** The numbers of the pages that may hold keys starting with `prefix`
   * (from the directories alone). */
  async function prefixPages(prefix) {
    const first = await store.pageOf(prefix, cmpKey);
    if (first < 0) return [];
    let last = first;
    for (let key; (key = await store.pageKey(last + 1)) !== null && key.startsWith(prefix);) last++;
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }

  /** The entries of all keys starting with `prefix`, as exact() does. */
  async function prefixed(meta, prefix, segs = false) {
    const ns = await prefixPages(prefix);
    if (!ns.length) return [];
    const first = ns[0];
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
      return { pl: union(pls), spans, cost: () => hits.reduce((c, h) => c + h.e.posLen, 0) };
    }
    if (len <= 4) {
      // A unigram, bigram, trigram or four-gram: one lookup. Four-grams
      // have no positions: where a phrase check needs them, they come
      // from the trigrams, as for a longer run. A bigram's own positions
      // are those where it ends its run; the others are those of the
      // trigrams it starts, the keys right after it.
      const [hit] = await exact(meta, seg.text, needle);
      if (!hit) return { pl: EMPTY, spans: async (want) => emptySpans(want) };
      const pl = decodePostings(hit.page.buf, hit.e, hit.sf);
      if (len === 2) return { pl, spans: (want) => bigramSpans(meta, seg.text, want), cost: () => prefixCost(seg.text) };
      let spans = null;
      if (len === 4) spans = async (want) => (await longRun(meta, chars)).spans(want);
      else if (len === 3) spans = (want) => spansOf(hit, pl, want, len, emptySpans(want));
      return { pl, spans, cost: () => (len === 3 ? hit.e.posLen : 0) };
    }
    return longRun(meta, chars);
  }

  /** Spans of bigram `ab` for `want`: its own positions and those of the
   * trigrams `ab…`, all in the pages of the prefix. */
  async function bigramSpans(meta, ab, want) {
    const hits = (await prefixed(meta, ab)).filter((h) => h.e.posLen > 0 && [...h.e.key].length <= 3);
    const out = emptySpans(want);
    await Promise.all(hits.map((h) => spansOf(h, decodePostings(h.page.buf, h.e), want, 2, out)));
    return out;
  }

  /** Bytes the spans of bigram `ab` download, from the directories: the
   * dictionaries and positions of the pages of its prefix. */
  async function prefixCost(ab) {
    const ns = await prefixPages(ab);
    const sizes = await Promise.all(ns.map(async (n, i) => (i ? await store.partSize(n, 0) : 0) + await store.partSize(n, 2)));
    return sizes.reduce((a, b) => a + b, 0);
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
    return { pl, spans, cost: () => 0 };
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
    if (!required && merged.length > 1) {
      const costs = await Promise.all(ms.map((m) => (m.cost ? m.cost() : 0)));
      if (costs.reduce((a, b) => a + b, 0) > PHRASE_BONUS_BYTES) return null;
    }
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

  /** The query's matches; a query that finds nothing as typed is tried
   * again folded, if it has a character that folds. The index's keys are
   * folded (a traditional character is never in one), so a query with
   * such a character finds nothing as typed, and one that finds something
   * has none: the fold check (search-fold-keys.js) and the table
   * (search-fold.js) are downloaded only for a query that finds nothing. */
  async function rankedMatches(meta, q) {
    const res = await rankedAsTyped(meta, q);
    if (res.ranked && !res.ranked.length && await needsFolds(q)) {
      await loadFolds();
      return rankedAsTyped(meta, q);
    }
    return res;
  }

  async function rankedAsTyped(meta, q) {
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
    const { all, facets } = S.filter(S, ranked, params);
    const h = all.length;
    const pageCount = Math.max(1, Math.ceil(h / perPage));
    const page = Math.min(Math.max(1, Math.floor(Number(params.page)) || 1), pageCount);
    const ids = Array.from(all.subarray((page - 1) * perPage, page * perPage));
    // The body segment that holds each result's first match (0 also when
    // the body does not match): the document file its snippet needs.
    const segs = ids.map((id) => (segOf ? segOf[id] : 0));
    if (opts.docs) ids.forEach((id, i) => doc(id, segs[i]).catch(() => {}));

    return {
      terms,
      total: h,
      page,
      pages: pageCount,
      ids,
      segs,
      all,
      facets,
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
    const all = inYear(meta, ranked, params.year);
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
    const { t, f = '', ...c } = await card(id);
    const text = await store.text({ t }, seg);
    return { ...c, ...text, f: f + (text.f || '') };
  });
  function docs(ids, segs = []) {
    return Promise.all(ids.map((id, i) => doc(id, segs[i] || 0)));
  }

  /** The cards of the page shown by `res`, in order, each as soon as it
   * comes: [Promise of {id, url, title, titleParts, date, region, kind}]. */
  function cardsOf(res) {
    const needles = needlesOf(res.terms);
    return res.ids.map(async (id) => {
      const c = await card(id);
      // The card carries the folds of its title's traditional characters.
      return { id, url: c.url, title: c.title, titleParts: highlight(c.title, needles, 0, foldsOf(c.f)), date: c.date, region: c.region, kind: c.kind };
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
    const { meta } = await store.init();
    // A window that runs past its segment's file is cut from that segment
    // and the next (src/search/store.rs says why the files barely overlap).
    const stored = await Promise.all((await docs(res.ids, res.segs)).map(async (d, i) =>
      (needsNext(d, needles) ? joinNext(d, await doc(res.ids[i], (res.segs[i] || 0) + 1), meta.segment) : d)));
    // The texts carry the folds of their traditional characters (`f`), so
    // the folding table is not needed to mark them.
    return stored.map((d, i) => ({
      id: res.ids[i],
      url: d.url,
      title: d.title,
      titleParts: highlight(d.title, needles, 0, foldsOf(d.f)),
      date: d.date,
      region: d.region,
      kind: d.kind,
      snippet: snippet(d, needles),
    }));
  }

  return { search, firstPage, cards: cardsOf, docs, results, query, init };
}
