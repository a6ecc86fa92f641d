// The search index's storage (format 7, see src/search/pack.rs): where
// each part of the index is in its pack, and reading it as a byte range.
//
// `openIndex(fetch)` takes `fetch(path, range)`, where path is relative to
// the index folder (`meta.json`, `terms-3.bin`, …) and range, when given,
// is {start, end} (end exclusive); it returns (a Promise of) a Response or
// the bytes. A Response with status 206 is the range; any other ok
// Response is taken for the whole file (a server that ignores Range, or
// one that compressed the file), which is then kept and sliced, so the
// answers are the same from any static server, only the bytes differ.

import { decodeDirectory, decodeRoot } from './search-decode.js';

const utf8 = new TextDecoder();
// Cards and texts are JSON in GB18030 (src/search/store.rs says why).
const gb = new TextDecoder('gb18030');

const isResponse = (data) => typeof Response !== 'undefined' && data instanceof Response;

export function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  throw new Error('index file is not binary');
}

/** Inflates zlib bytes with the platform's DecompressionStream, or where
 * there is none with the vendored search-inflate.js, loaded only then. */
export async function inflate(bytes) {
  if (typeof DecompressionStream === 'undefined') return inflateByHand(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let vendored = null;
/** zlib bytes inflated by tiny-inflate: the 2-byte zlib header skipped
 * (the index sets no preset dictionary), the Adler-32 trailer not checked.
 * It needs the output's size, which zlib does not record, so a buffer that
 * comes back full (it may have been too small) is tried again, doubled. */
export async function inflateByHand(bytes) {
  vendored ||= import('./search-inflate.js').then((m) => m.default);
  const tinf = await vendored;
  for (let size = bytes.length * 8 + 1024; ; size *= 2) {
    const out = tinf(bytes.subarray(2), new Uint8Array(size));
    if (out.length < size) return out;
  }
}

/** Ranges of a file read together, as few requests as wasting at most
 * MERGE_GAP bytes between two ranges allows: about what the headers of
 * one more request and its response weigh, so merging never costs more
 * bytes on the wire than it saves. (Merging cards further apart saved
 * requests but downloaded 6 KB of other cards for a page of ten.) */
export const MERGE_GAP = 512;

/** The gap merged in a file at `path`: MERGE_GAP, but none between cards.
 * A page of results reads exactly its own cards (they are of one size,
 * ten of them 2 KB; merging across the cards of other results read 3.5 KB
 * for a page of ten at 10,000 articles): the requests of cards that do not
 * touch each other go out together, and over HTTP/2 their headers are a
 * few dozen bytes. */
export const gapOf = (path) => (path.startsWith('cards-') ? 0 : MERGE_GAP);

/** `asks` ([{start, end}]) grouped into [{start, end, asks}], each group
 * a span that covers its asks, in order, groups more than `gap` apart. */
export function mergeRanges(asks, gap = MERGE_GAP) {
  const sorted = [...asks].sort((a, b) => a.start - b.start);
  const groups = [];
  for (const a of sorted) {
    const last = groups[groups.length - 1];
    if (last && a.start - last.end <= gap) {
      last.end = Math.max(last.end, a.end);
      last.asks.push(a);
    } else groups.push({ start: a.start, end: a.end, asks: [a] });
  }
  return groups;
}

/** A fetch for openIndex over HTTP: the index folder at URL `base`. */
export function httpFetch(base, fetchImpl = (...args) => globalThis.fetch(...args)) {
  return (path, range) => fetchImpl(base + path, range ? { headers: { Range: `bytes=${range.start}-${range.end - 1}` } } : {})
    .then((r) => {
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return r;
    });
}

/** The index read through `fetch` (see above). */
export function openIndex(fetch) {
  // Packs a server sent whole, by path.
  const whole = new Map();

  async function bytesOf(data) {
    return isResponse(data) ? new Uint8Array(await data.arrayBuffer()) : toBytes(data);
  }

  function wholeFile(path) {
    if (!whole.has(path)) {
      const p = Promise.resolve(fetch(path)).then(bytesOf);
      p.catch(() => whole.delete(path));
      whole.set(path, p);
    }
    return whole.get(path);
  }

  // False once the server has answered a range with the whole file: then
  // each pack is asked for once, whole.
  let servesRanges = true;

  /** Bytes start..end of the file at `path`, read with one request. */
  async function readRange(path, start, end) {
    if (servesRanges && !whole.has(path)) {
      try {
        const data = await fetch(path, { start, end });
        if (!isResponse(data)) {
          const bytes = toBytes(data);
          if (bytes.length === end - start) return bytes;
          servesRanges = false;
          if (!whole.has(path)) whole.set(path, Promise.resolve(bytes));
        } else if (data.status === 206) {
          const bytes = new Uint8Array(await data.arrayBuffer());
          const from = /^bytes (\d+)-/.exec(data.headers.get('Content-Range') || '');
          if (bytes.length === end - start && from && Number(from[1]) === start) return bytes;
        } else if (data.ok) {
          // The whole file: this server does not serve ranges.
          servesRanges = false;
          if (!whole.has(path)) whole.set(path, bytesOf(data));
        }
      } catch {
        // A range the browser could not read (e.g. a compressed range):
        // the whole file below.
      }
    }
    const all = await wholeFile(path);
    if (all.length < end) throw new Error(`${path}: ${all.length} bytes, wanted ${start}–${end}`);
    return all.subarray(start, end);
  }

  // Ranges asked for together wait a few microtasks (the callers that
  // continue from the same resolved promise, as the cards of a page or
  // the parts of a term page do, all ask in that time; a timer would be
  // throttled in a background tab); then the ranges of one file closer
  // than gapOf(path) bytes are read with one request (a term page's
  // dictionary and its segments lie end to end; cards only when they
  // touch). A request costs a round trip and, over HTTP/1.1, one of the
  // browser's six connections; a few wasted bytes cost less.
  const waiting = new Map();
  let flushing = null;

  /** Bytes start..end of the file at `path`. */
  function range(path, start, end) {
    if (start === end) return Promise.resolve(new Uint8Array(0));
    return new Promise((resolve, reject) => {
      if (!waiting.has(path)) waiting.set(path, []);
      waiting.get(path).push({ start, end, resolve, reject });
      flushing ??= (async () => {
        for (let i = 0; i < 4; i++) await null;
        flush();
      })();
    });
  }

  function flush() {
    flushing = null;
    const all = [...waiting];
    waiting.clear();
    for (const [path, asks] of all) {
      for (const group of mergeRanges(asks, gapOf(path))) {
        const { start, end } = group;
        readRange(path, start, end).then(
          (bytes) => { for (const a of group.asks) a.resolve(bytes.subarray(a.start - start, a.end - start)); },
          (e) => { for (const a of group.asks) a.reject(e); });
      }
    }
  }

  const file = (path) => Promise.resolve(fetch(path)).then(bytesOf);

  let shared = null, facets = null;
  /** meta.json and the root of the term directory. */
  function init() {
    if (!shared) {
      shared = (async () => {
        const [metaFile, keysFile] = await Promise.all([file('meta.json'), file('keys.bin').then(inflate)]);
        const meta = JSON.parse(utf8.decode(metaFile));
        if (meta.format !== 7) throw new Error(`unknown search index format ${meta.format}`);
        const root = meta.pages ? decodeRoot(utf8.decode(keysFile)) : [];
        return { meta, root };
      })();
      shared.catch(() => { shared = null; });
    }
    return shared;
  }

  const bundles = new Map(), partCache = new Map();
  /** Bundle b's directory: the key of each page, and where its parts are. */
  function bundle(b) {
    if (!bundles.has(b)) {
      const p = (async () => {
        const { root } = await init();
        const { pack, offset, len } = root[b];
        const path = `terms-${pack}.bin`;
        const dir = await inflate(await range(path, offset, offset + len));
        const { keys, parts } = decodeDirectory(dir, offset + len);
        return { path, keys, parts };
      })();
      p.catch(() => bundles.delete(b));
      bundles.set(b, p);
    }
    return bundles.get(b);
  }

  /** The last index i with keys[i] <= key (code point order), or 0. */
  function lastAtMost(keys, key, cmp) {
    let lo = 0, hi = keys.length - 1, ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(keys[mid], key) <= 0) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  /** A card: what a result shows before its snippet. */
  const cardOf = async (id) => {
    const { meta } = await init();
    const at = (id % meta.cards_per_pack) * meta.card;
    return JSON.parse(gb.decode(await range(`cards-${Math.floor(id / meta.cards_per_pack)}.bin`, at, at + meta.card)));
  };

  return {
    init,

    /** facets.bin, inflated: needed to filter by and count the facets,
     * not to rank, so it is read apart from the rest. */
    facets() {
      if (!facets) {
        facets = file('facets.bin').then(inflate);
        facets.catch(() => { facets = null; });
      }
      return facets;
    },

    /** The number of the page that would hold `key`, or -1 without pages. */
    async pageOf(key, cmp) {
      const { meta, root } = await init();
      if (!meta.pages) return -1;
      const b = lastAtMost(root.map((r) => r.key), key, cmp);
      const { keys } = await bundle(b);
      return b * meta.bundle + lastAtMost(keys, key, cmp);
    },

    /** The key that starts page n, or null past the last page. */
    async pageKey(n) {
      const { meta } = await init();
      if (n >= meta.pages) return null;
      return (await bundle(Math.floor(n / meta.bundle))).keys[n % meta.bundle];
    },

    /** Part k of page n (0 dictionary and postings, 1 body segments, 2
     * positions), inflated; read once, so a part asked for ahead of
     * time is not downloaded again. */
    part(n, k) {
      const key = n * 3 + k;
      if (!partCache.has(key)) {
        const p = (async () => {
          const { meta } = await init();
          const { path, parts } = await bundle(Math.floor(n / meta.bundle));
          const [start, end] = parts[n % meta.bundle][k];
          return start === end ? new Uint8Array(0) : inflate(await range(path, start, end));
        })();
        p.catch(() => partCache.delete(key));
        partCache.set(key, p);
      }
      return partCache.get(key);
    },

    /** The bytes part k of page n takes in its pack (deflated): what
     * reading it downloads. */
    async partSize(n, k) {
      const { meta } = await init();
      const [start, end] = (await bundle(Math.floor(n / meta.bundle))).parts[n % meta.bundle][k];
      return end - start;
    },

    /** Document `id`'s card: URL, title, date, region, kind, and `t`,
     * where its body segments are. */
    card: cardOf,

    /** Body segment `seg` of the document of `card`: its text (`body`,
     * `at`), the folds of its traditional characters (`f`), whether the
     * body goes on after it (`more`), and, in segment 0, the kicker,
     * subtitle and summary. */
    async text(card, seg = 0) {
      const [pack, offset, ...lengths] = card.t;
      const start = offset + lengths.slice(0, seg).reduce((a, b) => a + b, 0);
      const text = JSON.parse(gb.decode(await inflate(await range(`texts-${pack}.bin`, start, start + lengths[seg]))));
      return { ...text, more: seg < lengths.length - 1 };
    },

    /** Document `id` with its body segment `seg`: card and text. */
    async doc(id, seg = 0) {
      const { t, f = '', ...card } = await cardOf(id);
      const text = await this.text({ t }, seg);
      return { ...card, ...text, f: f + (text.f || '') };
    },
  };
}
