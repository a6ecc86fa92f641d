// What one search costs a reader: for each query, the index parts the
// client downloads (cold cache: shared part, term directories and pages,
// positions, and the cards and body segments of the first page of
// results, each a byte range of a pack), their
// total size split into the shared part (meta.json, keys.bin, facets.bin:
// once a visit) and the query's own, and the time to answer in node
// (reading files from disk, so network time is not included).
//
//   node bench/search-bytes.mjs BUILT_SITE_DIR QUERY...
//   node bench/search-bytes.mjs public 产改 工会驿站 五一劳动奖章 12351 "APP 下载"
//
// Add --json for one JSON object per query, --verbose to list every file.

import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { createSearch } = await import(pathToFileURL(join(root, 'themes/default/static/search-engine.js')));

const args = process.argv.slice(2);
const json = args.includes('--json');
const verbose = args.includes('--verbose');
const [site, ...queries] = args.filter((a) => !a.startsWith('--'));
if (!site || !queries.length) {
  console.error('usage: node bench/search-bytes.mjs BUILT_SITE_DIR QUERY... [--json] [--verbose]');
  process.exit(2);
}
const indexDir = join(site, 'search');

// The shared part: fetched once a visit, whatever the queries (like
// Pagefind's runtime); the rest is the query's own.
const SHARED = new Set(['meta.json', 'keys.bin', 'facets.bin']);
const kb = (b) => (b / 1024).toFixed(1);

for (const q of queries) {
  const files = [];
  const engine = createSearch({
    fetch: async (path, range) => {
      let data = readFileSync(join(indexDir, path));
      if (range) data = data.subarray(range.start, range.end);
      files.push({ path: 'search/' + path, bytes: data.length, shared: SHARED.has(path) });
      return data;
    },
  });
  const t0 = performance.now();
  const res = await engine.query({ q });
  const cold = performance.now() - t0;
  // Counted before page 2 is asked for: the first page of results only.
  const first = files.slice();
  const t1 = performance.now();
  await engine.query({ q, page: 2 });
  const warm = performance.now() - t1;
  const sum = (list) => list.reduce((s, f) => s + f.bytes, 0);
  const total = sum(first);
  const shared = sum(first.filter((f) => f.shared));
  const perQuery = total - shared;
  const byKind = {};
  for (const f of first) {
    const kind = f.path.split('/')[1].replace(/\d+\.\w+$/, '*');
    byKind[kind] = (byKind[kind] || 0) + f.bytes;
  }
  if (json) {
    console.log(JSON.stringify({ query: q, results: res.total, files: first.length, bytes: total, shared, per_query: perQuery, ms: +cold.toFixed(1), byKind, list: first }));
  } else {
    console.log(`${q}\t${res.total} results\t${first.length} files\t${kb(total)} KB = shared ${kb(shared)} + per query ${kb(perQuery)}\t${cold.toFixed(1)} ms (next page ${warm.toFixed(1)} ms)`);
    console.log('   ' + Object.entries(byKind).map(([k, b]) => `${k} ${kb(b)} KB`).join(', '));
    if (verbose) for (const f of first) console.log(`     ${f.path}\t${f.bytes}`);
  }
}
