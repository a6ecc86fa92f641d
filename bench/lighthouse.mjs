// Lighthouse 12 (mobile, its default settings) over one page of every kind
// of the demo site (`pageKinds`: lists, their second pages, the indexes of
// programmes, awards, regions, tags and authors, the archive, 404 …), the median of three runs each, with the site served
// compressed (gzip) from 127.0.0.1 as a static host would.
//
//   cargo run --release -- build        # the demo site into public/
//   node bench/lighthouse.mjs [public]  # needs Debian's chromium and npx
//
// Lighthouse is fetched by npx (lighthouse@12), not installed with the test
// suite's packages: it is a benchmark, not a test.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { pageKinds } from '../tests/e2e/site.mjs';

const out = resolve(process.argv[2] || 'public');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml', '.bin': 'application/octet-stream', '.png': 'image/png', '.jpg': 'image/jpeg' };

const server = createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  let file = join(out, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    const type = TYPES[extname(file)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'max-age=3600', 'accept-ranges': 'bytes' };
    const range = /bytes=(\d+)-(\d+)/.exec(req.headers.range || '');
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      res.writeHead(206, { ...headers, 'content-range': `bytes ${a}-${b}/${body.length}` });
      return res.end(body.subarray(a, b + 1));
    }
    if (/gzip/.test(req.headers['accept-encoding'] || '') && /text|json|xml|svg|javascript/.test(type)) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
      return res.end(gzipSync(body));
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    // As a static host does: the site's own 404 page, with status 404.
    const page = await readFile(join(out, '404.html')).catch(() => '');
    res.writeHead(404, { 'content-type': TYPES['.html'] }).end(page);
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// Lighthouse refuses to audit a page answered with status 404, so the site's
// 404 page is audited as the file itself (/404.html, status 200).
const pages = Object.entries({ ...pageKinds(out), '404': '/404.html' });

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| page | ${CATEGORIES.join(' | ')} | CLS |`);
console.log(`|---|${CATEGORIES.map(() => '---').join('|')}|---|`);
for (const [kind, path] of pages) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    // Asynchronously: the server above answers from this same process.
    const r = await promisify(execFile)('npx', ['--yes', 'lighthouse@12', origin + path, '--quiet', '--output=json',
      `--only-categories=${CATEGORIES.join(',')}`,
      '--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking'],
      { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' } });
    runs.push(JSON.parse(r.stdout));
  }
  const score = (c) => median(runs.map((j) => Math.round(j.categories[c].score * 100)));
  const cls = median(runs.map((j) => j.audits['cumulative-layout-shift'].numericValue));
  console.log(`| ${kind} | ${CATEGORIES.map(score).join(' | ')} | ${cls.toFixed(3)} |`);
}
server.close();
