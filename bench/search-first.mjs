// A reader's first search: for each query, a fresh browser context (empty
// cache) opens /search/?q=… and the script measures, in the page, from
// navigation start:
//
// - `dcl`: DOMContentLoaded (ms);
// - `first`: the first result in the DOM (ms);
// - `trips`: round trips in sequence before it (the longest chain of
//   requests each started after the one before it had ended, the page
//   itself included);
// - `bytes_first`: bytes the browser downloaded until then (bodies as sent:
//   the page, style sheets, scripts, index parts and result texts);
// - `bytes`: bytes downloaded once the page is idle (facets included).
//
// With --pagefind DIR (Hugo's output with Pagefind's index), the same for
// Pagefind: bench/pagefind-query.html served at /pagefind-query.html runs
// `pagefind.search(q)` and `data()` of its first 10 results, and reports
// what its requests downloaded (runtime included).
//
//   node bench/search-first.mjs <built site> [--pagefind <hugo public>] [--runs N] [--rtt MS] [--json] [--verbose] <query>…
//
// --rtt MS adds MS milliseconds of latency to every request (Chromium's
// network emulation), as a phone network does: the time then shows the
// round trips in sequence more than this machine's load.
//
// --verbose lists every request of our page (start–end, bytes) on stderr.
//
// Files are served from 127.0.0.1 as a static host serves them: HTML, CSS,
// JavaScript and JSON gzipped, other files as they are, byte ranges
// answered (206). Prints a row per query (the median of --runs runs).
// Needs playwright-core (npm ci) and /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : null;
};
const pagefind = opt('--pagefind');
const runs = Number(opt('--runs') || 1);
const rtt = Number(opt('--rtt') || 0);
const json = args.includes('--json');
const verbose = args.includes('--verbose');
const positional = args.filter((a) => a !== '--json' && a !== '--verbose');
const site = pagefind ? null : positional.shift();
const queries = positional;
if (!(site || pagefind) || !queries.length) {
  console.error('usage: node bench/search-first.mjs <built site> [--pagefind <hugo public>] [--runs N] [--json] <query>…');
  process.exit(2);
}
const BENCH = dirname(fileURLToPath(import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** A static host on 127.0.0.1: files read synchronously (so the server's
 * own thread pool is not timed), text compressed, ranges answered. */
function serve(root) {
  const gz = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path === '/pagefind-query.html' ? join(BENCH, 'pagefind-query.html') : normalize(join(root, path));
    if (!file.startsWith(root) && !file.startsWith(BENCH)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      let body = readFileSync(file);
      const type = TYPES[extname(file)];
      const headers = { 'content-type': type || 'application/octet-stream', 'accept-ranges': 'bytes' };
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
      if (range) {
        const start = Number(range[1]), end = Math.min(Number(range[2]), body.length - 1);
        headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
        res.writeHead(206, headers).end(body.subarray(start, end + 1));
        return;
      }
      if (type && /gzip/.test(req.headers['accept-encoding'] || '')) {
        if (!gz.has(file)) gz.set(file, gzipSync(body));
        body = gz.get(file);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

/** In the page, from document start: the time the first result appears. */
function watchFirstResult() {
  new MutationObserver((_, obs) => {
    if (document.querySelector('.search-result')) {
      window.__firstResult = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Bytes, and the longest chain of requests in sequence, of the page's
 * resources that ended by `until` (ms), the navigation included. */
function network(until) {
  const nav = performance.getEntriesByType('navigation')[0];
  const all = [nav, ...performance.getEntriesByType('resource')].filter((e) => e.responseEnd <= until);
  const depth = new Map();
  const sorted = [...all].sort((a, b) => a.startTime - b.startTime);
  for (const e of sorted) {
    let d = 1;
    for (const f of sorted) if (f !== e && f.responseEnd <= e.startTime) d = Math.max(d, depth.get(f) + 1);
    depth.set(e, d);
  }
  return {
    bytes: all.reduce((s, e) => s + (e.encodedBodySize || 0), 0),
    trips: Math.max(0, ...depth.values()),
    dcl: nav.domContentLoadedEventEnd,
  };
}

/** A fresh context, and the body bytes of every response it receives
 * (workers' included), as sent. */
async function freshContext(browser) {
  const context = await browser.newContext();
  const sizes = [];
  context.on('requestfinished', (req) => sizes.push(req.sizes().then((s) => s.responseBodySize).catch(() => 0)));
  const received = async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  return { context, received };
}

/** With --rtt, every request of the page waits that long more. */
async function emulateLatency(context, page) {
  if (!rtt) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rtt, downloadThroughput: -1, uploadThroughput: -1 });
}

async function ours(browser, base, q) {
  const { context, received } = await freshContext(browser);
  const page = await context.newPage();
  await emulateLatency(context, page);
  await page.addInitScript(watchFirstResult);
  await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[role=status]')?.textContent || ''));
  const first = await page.evaluate(() => window.__firstResult ?? null);
  await page.waitForLoadState('networkidle');
  const row = await page.evaluate(([first, net]) => {
    const f = first === null ? null : eval(`(${net})`)(first);
    const all = eval(`(${net})`)(Infinity);
    return {
      results: document.querySelectorAll('.search-result').length,
      dcl: Math.round(all.dcl), first: first === null ? null : Math.round(first),
      trips: f ? f.trips : null, bytes_first: f ? f.bytes : null,
    };
  }, [first, network.toString()]);
  row.bytes = await received();
  if (verbose) {
    const list = await page.evaluate(() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
      .map((e) => `${Math.round(e.startTime)}–${Math.round(e.responseEnd)} ms\t${e.encodedBodySize}\t${e.name.replace(location.origin, '')}`));
    console.error(`${q}: first result at ${row.first} ms\n  ${list.join('\n  ')}`);
  }
  await context.close();
  return row;
}

async function theirs(browser, base, q) {
  const { context, received } = await freshContext(browser);
  const page = await context.newPage();
  await emulateLatency(context, page);
  await page.goto(`${base}/pagefind-query.html?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'pending', null, { timeout: 120000 });
  const out = JSON.parse(await page.textContent('#out'));
  if (out.error) throw new Error(`pagefind, ${q}: ${out.error}`);
  // What Pagefind's requests downloaded: all but the page that runs it.
  const page0 = (await page.evaluate(() => performance.getEntriesByType('navigation')[0].encodedBodySize));
  const row = { results: out.results, bytes: (await received()) - page0, ms: out.ms };
  await context.close();
  return row;
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

const { server, base } = await serve(resolve(pagefind || site));
const browser = await launchChromium(chromium);
const rows = [];
for (const q of queries) {
  const samples = [];
  for (let r = 0; r < runs; r++) samples.push(await (pagefind ? theirs : ours)(browser, base, q));
  const row = { q, tool: pagefind ? 'pagefind' : 'ours' };
  for (const k of Object.keys(samples[0])) row[k] = median(samples.map((s) => s[k]));
  rows.push(row);
  if (json) console.log(JSON.stringify(row));
}
if (!json) {
  const keys = Object.keys(rows[0]);
  console.log(keys.join('\t'));
  for (const r of rows) console.log(keys.map((k) => r[k] ?? '–').join('\t'));
}
await browser.close();
server.close();
