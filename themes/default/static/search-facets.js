// Facets: the tables made once from meta.json and facets.bin (each doc's
// programmes, awards, region and year), and, for a query's ranked docs and
// the reader's filters, the docs that pass them and the count of each
// facet value (each facet counted over the docs that pass every other
// filter, so a reader sees what choosing a value would give).

import { cmpKey } from './search-tokenize.js';

/** The facet tables of an index: `stored` is meta.json, `facets` the
 * decoded facets.bin (decodeFacets). */
export function facetTables(stored, facets) {
  const meta = { ...stored, ...facets.values };
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
  // The facet values as filter() returns them, made once.
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
}

/**
 * The docs of `ranked` (ids in rank order; null for every doc, in id
 * order) that pass the filters of `params` ({programme, award, region,
 * year}), as `all`, in the same order, and `facets`: per facet, every
 * value with its count and whether it is the one chosen.
 */
export function filter(S, ranked, params = {}) {
  const { meta } = S;
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
    all: hits.subarray(0, h),
    facets: {
      programme: values('programme', cp, prog),
      award: values('award', ca, award),
      region: values('region', cr, region),
      year: values('year', cy, year),
    },
  };
}

/** For each doc, the facet values (indexes) it has: those of doc d are
 * values[start[d] .. start[d + 1]]. */
export function perDoc(lists, ndocs) {
  const start = new Int32Array(ndocs + 1);
  for (const ids of lists) for (const id of ids) start[id + 1]++;
  for (let d = 0; d < ndocs; d++) start[d + 1] += start[d];
  const values = new Int32Array(start[ndocs]), fill = start.slice(0, ndocs);
  lists.forEach((ids, v) => { for (const id of ids) values[fill[id]++] = v; });
  return { start, values };
}

/** Every region path and all its ancestors, sorted, parents before children. */
export function regionValues(paths) {
  const all = new Set();
  for (const p of paths) {
    const parts = p.split('/');
    for (let d = 1; d <= parts.length; d++) all.add(parts.slice(0, d).join('/'));
  }
  return [...all].sort(cmpKey);
}
