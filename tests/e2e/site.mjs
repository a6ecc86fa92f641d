// Shared by the theme's browser tests and the screenshot script: build a
// site with the unionpress binary, serve it on 127.0.0.1, launch Debian's
// chromium, and find one page of every kind in the built output.

import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURE = join(REPO, 'tests', 'fixtures', 'theme-site');
export const BIN = process.env.UNIONPRESS_BIN || join(REPO, 'target', 'debug', 'unionpress');

/// Builds the site at `root` into a fresh temporary folder and returns it.
/// The site is built from a copy of it in another temporary folder, so that
/// the picture cache a build keeps beside site.yaml is not written into the
/// repository (or shared by test files running at once).
export function build(root) {
  const copy = mkdtempSync(join(tmpdir(), 'unionpress-site-'));
  for (const name of ['site.yaml', 'content', 'static', 'templates', 'themes']) {
    if (existsSync(join(root, name))) cpSync(join(root, name), join(copy, name), { recursive: true });
  }
  const out = mkdtempSync(join(tmpdir(), 'unionpress-theme-'));
  const r = spawnSync(BIN, ['build', '--root', copy, '--output', out, '--quiet'], { encoding: 'utf8' });
  rmSync(copy, { recursive: true, force: true });
  if (r.error) throw new Error(`cannot run ${BIN} (build it first, or set UNIONPRESS_BIN): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`unionpress build --root ${root} failed:\n${r.stdout}${r.stderr}`);
  return out;
}

/// The demo site (the repository root) when it has content, and the theme
/// fixture, whose one article fills every field of the front matter.
export function sites() {
  const list = [];
  if (existsSync(join(REPO, 'content', 'articles'))) list.push({ name: 'demo', root: REPO });
  list.push({ name: 'fixture', root: FIXTURE });
  return list;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.gif': 'image/gif', '.txt': 'text/plain; charset=utf-8',
};

/// A static file server for `dir`, like any web host: folders serve their
/// index.html, and a missing file gets /404.html with status 404.
export async function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(dir + sep)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      const body = await readFile(join(dir, '404.html')).catch(() => 'not found');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(body);
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/// For a test file: every test site built, each served on 127.0.0.1 and a
/// browser launched before its tests; all closed after them. The sites are
/// `built` (each with `out`, and `origin` once served); the browser is
/// `browser` once launched.
export function servedSites() {
  const served = { built: sites().map((s) => ({ ...s, out: build(s.root) })), browser: null };
  before(async () => {
    served.browser = await launch();
    for (const s of served.built) Object.assign(s, await serve(s.out));
  });
  after(async () => {
    await served.browser?.close();
    for (const s of served.built) s.server?.close();
  });
  return served;
}

/// Every index.html under `out`, as site paths (`/articles/x/`), sorted.
export function pagePaths(out) {
  const paths = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'index.html') paths.push('/' + relative(out, d).split(sep).filter(Boolean).map((s) => s + '/').join(''));
    }
  };
  walk(out);
  return paths;
}

/// One page of each kind, by a name a failure message can show. A kind the
/// site has no page of is missing from the map; the caller decides whether
/// that is a failure.
export function pageKinds(out) {
  const paths = pagePaths(out);
  const first = (re) => paths.find((p) => re.test(p));
  // The article with the most front matter shown: the one with a picture,
  // else the one with the longest page.
  const articles = paths.filter((p) => /^\/articles\/(?!page\/)[^/]+\/$/.test(p));
  const weight = (p) => {
    const dir = join(out, p);
    const pic = readdirSync(dir).some((f) => /\.(png|jpe?g|webp|gif)$/i.test(f));
    return (pic ? 1e9 : 0) + statSync(join(dir, 'index.html')).size;
  };
  const article = articles.sort((a, b) => weight(b) - weight(a))[0];
  // An article with highlighted code, which loads the code style sheet too.
  const withCode = articles.find((p) => readFileSync(join(out, p, 'index.html'), 'utf8').includes('<pre class="code"'));
  // The honour roll with the most rows.
  const rolls = paths.filter((p) => /^\/awards\/[^/]+\/$/.test(p));
  const roll = rolls.sort((a, b) => rowCount(out, b) - rowCount(out, a))[0];
  const kinds = {
    front: '/',
    'front page 2': first(/^\/page\/2\/$/),
    article,
    'article with code': withCode,
    section: '/articles/',
    'list page 2': first(/^\/(?!page\/).+\/page\/2\/$/),
    programmes: '/programmes/',
    programme: first(/^\/programmes\/[^/]+\/$/),
    awards: '/awards/',
    'honour roll': roll,
    regions: '/regions/',
    province: first(/^\/regions\/[^/]+\/$/),
    city: first(/^\/regions\/[^/]+\/(?!page\/)[^/]+\/$/),
    county: first(/^\/regions\/[^/]+\/(?!page\/)[^/]+\/(?!page\/)[^/]+\/$/),
    tags: '/tags/',
    tag: first(/^\/tags\/(?!page\/)[^/]+\/$/),
    authors: '/authors/',
    author: first(/^\/authors\/(?!page\/)[^/]+\/$/),
    archive: '/archive/',
    'archive year': first(/^\/archive\/\d{4}\/$/),
    'archive month': first(/^\/archive\/\d{4}\/\d{2}\/$/),
    bulletins: '/bulletins/',
    bulletin: first(/^\/bulletins\/[^/]+\/$/),
    search: '/search/?q=' + encodeURIComponent('工会'),
    '404': '/no-such-page/',
  };
  for (const [k, v] of Object.entries(kinds)) if (v === undefined) delete kinds[k];
  return kinds;
}

function rowCount(out, p) {
  try {
    return (readFileSync(join(out, p, 'index.html'), 'utf8').match(/<tr[\s>]/g) || []).length;
  } catch {
    return 0;
  }
}

/// Resolves once the search page has answered its query, if it has a search
/// client that says so (a `[data-status]` element); at once otherwise.
export async function settle(page) {
  if (await page.$('[data-status]')) {
    await page.waitForFunction(() => /找到|没有|输入/.test(document.querySelector('[data-status]')?.textContent || ''));
  }
}
