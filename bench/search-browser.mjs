// How long the search page takes to answer in headless Chromium: for each
// query, a fresh page at /search/ (the index's shared part already loaded),
// then the query submitted with Enter, timed until the result count shows.
// Each query's shards are fetched for the first time, as for a new reader.
//
//   node bench/search-browser.mjs <built-site-dir> 产改 工会驿站 … [--phases]
//
// Prints, per query, the milliseconds from Enter to results and the bytes
// fetched for it. With --phases, where the time went, from the page's
// Resource Timing: Enter to the first index request (`start`), to the last
// term page, positions or segment file (`index`), to the first document
// request (`rank`: decoding, checking, ranking), to the last document
// (`docs`), and to the results drawn (`draw`: snippets, facets, list).
// Needs playwright-core (npm ci) and /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve, extname } from 'node:path';
import { launchChromium } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const phases = args.includes('--phases');
const [site, ...queries] = args.filter((a) => a !== '--phases');
if (!site || !queries.length) {
  console.error('usage: node bench/search-browser.mjs <built-site-dir> <query>... [--phases]');
  process.exit(2);
}

/** Serves `root` as tests/e2e/serve.mjs does, but reads each file
 * synchronously: on this busy 2-core machine the thread pool's stat and
 * read took 1–30 ms a request, more than a static server or a CDN takes
 * to send a small file, and they were counted as the search's time. */
function serveSync(root) {
  const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

const { server, base } = await serveSync(resolve(site));
const browser = await launchChromium(chromium);
const page = await browser.newPage();
console.log('query\tms\tbytes' + (phases ? '\tstart\tindex\trank\tdocs\tdraw' : ''));
for (const q of queries) {
  await page.goto(`${base}/search/`);
  await page.waitForFunction(() => /共 \d+ 篇/.test(document.querySelector('[role=status]')?.textContent || ''));
  const finished = [];
  const count = (req) => finished.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize).catch(() => 0));
  page.on('requestfinished', count);
  await page.fill('#search-q', q);
  const { ms, steps } = await page.evaluate(() => new Promise((done) => {
    const status = document.querySelector('[role=status]');
    performance.clearResourceTimings();
    const start = performance.now();
    new MutationObserver(() => {
      if (!/找到|没有找到/.test(status.textContent)) return;
      const end = performance.now();
      // Phases from the index files' timings (relative to Enter).
      const files = performance.getEntriesByType('resource')
        .filter((e) => /\/search\/[tpsd]\//.test(e.name) && e.startTime >= start);
      const index = files.filter((e) => !/\/d\//.test(e.name)), docs = files.filter((e) => /\/d\//.test(e.name));
      const first = (l, f) => Math.min(...l.map(f)) - start, last = (l, f) => Math.max(...l.map(f)) - start;
      const t = [first(index, (e) => e.startTime), last(index, (e) => e.responseEnd),
        first(docs, (e) => e.startTime), last(docs, (e) => e.responseEnd), end - start];
      done({ ms: end - start, steps: t.map((x, i) => x - (i ? t[i - 1] : 0)) });
    }).observe(status, { childList: true, characterData: true, subtree: true });
    document.querySelector('#search-q').form.requestSubmit();
  }));
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', count);
  const bytes = (await Promise.all(finished)).reduce((a, b) => a + b, 0);
  console.log(`${q}\t${ms.toFixed(1)}\t${bytes}` + (phases ? '\t' + steps.map((x) => (Number.isFinite(x) ? x.toFixed(0) : '–')).join('\t') : ''));
}
await browser.close();
server.close();
