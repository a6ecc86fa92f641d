// What one search costs a reader: for each query, the index files the
// client downloads (cold cache: shared part, term pages, positions, and the
// document chunks of the first page of results), their total size, and the
// time to answer in node (reading files from disk, so network time is not
// included).
//
//   node bench/search-bytes.mjs BUILT_SITE_DIR QUERY...
//   node bench/search-bytes.mjs public 产改 工会驿站 五一劳动奖章 12351 "APP 下载"
//
// Add --json for one JSON object per query, --verbose to list every file.

import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { createSearch } = await import(pathToFileURL(join(root, 'themes/default/static/search.js')));

const args = process.argv.slice(2);
const json = args.includes('--json');
const verbose = args.includes('--verbose');
const [site, ...queries] = args.filter((a) => !a.startsWith('--'));
if (!site || !queries.length) {
  console.error('usage: node bench/search-bytes.mjs BUILT_SITE_DIR QUERY... [--json] [--verbose]');
  process.exit(2);
}
const indexDir = join(site, 'search');

for (const q of queries) {
  const files = [];
  const engine = createSearch({
    fetch: async (path) => {
      const data = readFileSync(join(indexDir, path));
      files.push({ path: 'search/' + path, bytes: data.length });
      return data;
    },
  });
  const t0 = performance.now();
  const res = await engine.query({ q });
  const cold = performance.now() - t0;
  const t1 = performance.now();
  await engine.query({ q, page: 2 });
  const warm = performance.now() - t1;
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const byKind = {};
  for (const f of files) {
    const kind = f.path.split('/')[1].replace(/\d+\.\w+$/, '*');
    byKind[kind] = (byKind[kind] || 0) + f.bytes;
  }
  if (json) {
    console.log(JSON.stringify({ query: q, results: res.total, files: files.length, bytes: total, ms: +cold.toFixed(1), byKind, list: files }));
  } else {
    console.log(`${q}\t${res.total} results\t${files.length} files\t${(total / 1024).toFixed(1)} KB\t${cold.toFixed(1)} ms (next page ${warm.toFixed(1)} ms)`);
    console.log('   ' + Object.entries(byKind).map(([k, b]) => `${k} ${(b / 1024).toFixed(1)} KB`).join(', '));
    if (verbose) for (const f of files) console.log(`     ${f.path}\t${f.bytes}`);
  }
}
