// The search page in headless Chromium: builds the fixture site, serves it
// on 127.0.0.1, opens /search/?q=… and reads the results off the page;
// checks that facets and typing keep the URL up to date, that the keyboard
// reaches everything, and that index text is never run as HTML.
// Run with `node --test tests/e2e/` (needs /usr/bin/chromium or
// $CHROMIUM and `npm install`). A screenshot at 375px is written to
// $SEARCH_SCREENSHOT (default: <tmp>/search-375.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

import { ROOT, buildFixture } from '../js/fixture.mjs';
import { serveStatic, launchChromium } from './serve.mjs';

let server, browser, base;
const requests = [];

before(async () => {
  const out = buildFixture();
  ({ server, base } = await serveStatic(out, requests));
  browser = await launchChromium(chromium);
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(path, viewport = { width: 1024, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base + path);
  return { page, errors };
}

const titles = (page) => page.$$eval('.search-result h2 a', (as) => as.map((a) => a.textContent));
const waitResults = (page) => page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-status]')?.textContent || ''));

test('opening /search/?q=驿站 shows the results, title matches first, with marks', async () => {
  const { page, errors } = await open('/search/?q=' + encodeURIComponent('驿站'));
  await waitResults(page);
  const got = await titles(page);
  assert.equal(got.length, 4);
  assert.equal(got[0], '宣城市新建工会驿站二十家');
  assert.equal(got[3], '环卫工人的一天', 'the body-only match comes last');
  assert.equal(await page.inputValue('#search input[name=q]'), '驿站');
  const marks = await page.$$eval('.search-result mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length >= 4 && marks.every((m) => m === '驿站'), marks.join(','));
  const meta = await page.textContent('.search-result .search-meta');
  assert.match(meta, /2024年11月5日/);
  assert.match(meta, /安徽省 宣城市/);
  const href = await page.getAttribute('.search-result h2 a', 'href');
  assert.equal(href, '/articles/xuancheng-yizhan/');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a facet click filters and puts the filter in the URL', async () => {
  const { page, errors } = await open('/search/?q=' + encodeURIComponent('工会'));
  await waitResults(page);
  const before = (await titles(page)).length;
  // The filters are closed, and not downloaded, until the reader opens them.
  assert.equal(await page.$$eval('[data-facets] a', (l) => l.length), 0);
  await page.click('[data-filter] summary');
  await page.click('a[data-facet=region][data-value="海南省"]');
  await page.waitForFunction(() => location.search.includes('region='));
  await waitResults(page);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('region'), '海南省');
  assert.equal(url.searchParams.get('q'), '工会');
  const after = await titles(page);
  assert.ok(after.length > 0 && after.length < before, `${after.length} of ${before}`);
  assert.equal(await page.getAttribute('a[data-facet=region][data-value="海南省"]', 'aria-current'), 'true');
  // A second click on the selected value removes the filter.
  await page.click('a[data-facet=region][data-value="海南省"]');
  await page.waitForFunction(() => !location.search.includes('region='));
  await page.click('a[data-facet=year][data-value="2024"]');
  await page.waitForFunction(() => location.search.includes('year=2024'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('facets work without a query, and the URL can be shared', async () => {
  const { page } = await open('/search/?programme=chan-gai&year=2024');
  await waitResults(page);
  assert.deepEqual(await titles(page), ['安徽泾县总工会派员驻企指导产改', '劳模工匠进校园活动走进职业学校']);
  // A URL with a filter opens the filters at once, the filter shown chosen.
  assert.equal(await page.$eval('[data-filter]', (d) => d.open), true);
  await page.waitForSelector('a[data-facet=programme][data-value="chan-gai"][aria-current=true]');
  await page.waitForSelector('a[data-facet=year][data-value="2024"][aria-current=true]');
  await page.close();
});

test('typing updates the URL and the results; the keyboard reaches the facets', async () => {
  const { page, errors } = await open('/search/');
  await page.waitForSelector('[data-status]');
  await page.focus('#search input[name=q]');
  await page.keyboard.type('12351热线');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '12351热线');
  await waitResults(page);
  assert.equal((await titles(page))[0], '职工维权热线12351全天候服务');
  // Tab from the box reaches the submit button, then the first result link.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BUTTON');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '/articles/hotline-12351/');
  // Tab on reaches the closed filters (after the results), Enter opens
  // them, and Enter on a focused facet link applies it.
  const tabs = await titles(page);
  for (let i = 1; i < tabs.length; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /^筛选/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[data-facet=year][data-value="2024"]');
  await page.focus('a[data-facet=year][data-value="2024"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search.includes('year=2024'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('index text and queries are never run as HTML', async () => {
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
  const { page, errors } = await open('/search/?q=' + encodeURIComponent(evil));
  await waitResults(page);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.$$eval('#search img, #search script', (x) => x.length), 0);
  assert.match(await page.textContent('[data-status]'), /没有找到/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('no request leaves the site, and a page of results fetches few files', async () => {
  requests.length = 0;
  const { page } = await open('/search/?q=' + encodeURIComponent('工会驿站'));
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  await waitResults(page);
  assert.deepEqual(external, []);
  const index = requests.filter((p) => p.startsWith('/search/') && p !== '/search/');
  assert.ok(index.includes('/search/meta.json'));
  assert.ok(index.length <= 8, index.join(' '));
  await page.close();
});

test('a reader arriving from another page: results without the facets, the index root asked for with the scripts', async () => {
  // The queries the benchmark times (bench/search-first.mjs), each from a
  // fresh context, as a reader coming from a link or the header's box.
  const queries = readFileSync(join(ROOT, 'bench/search-queries.txt'), 'utf8').split('\n').filter(Boolean);
  assert.ok(queries.length >= 5);
  let withResults = 0;
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (!document.querySelector('.search-result')) return;
        window.__facetsAtFirstResult = document.querySelectorAll('[data-facets] a').length;
        window.__firstResultAt = performance.now();
        obs.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(base + '/search/?q=' + encodeURIComponent(q));
    await waitResults(page);
    const found = await page.$$eval('.search-result', (l) => l.length);
    if (!found) { await context.close(); continue; }
    withResults++;
    assert.equal(await page.evaluate(() => window.__facetsAtFirstResult), 0, `${q}: the first result comes before the facets`);
    const timing = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
      .map((e) => [new URL(e.name).pathname, { start: e.startTime, end: e.responseEnd }])));
    // Neither facets.bin nor the module that counts the facets is asked
    // for while the filters are closed: the page is done without them.
    assert.ok(!timing['/search/facets.bin'] && !timing['/search-facets.js'] && !timing['/search-filters.js'], `${q}: no facets before the filters are opened`);
    // Reading aloud is an article's: the search page does not download it.
    assert.ok(timing['/reader.js'] && !timing['/reader-aloud.js'], `${q}: the reader's bar without reading aloud`);
    // A query that finds something as typed has no character to fold.
    assert.ok(!timing['/search-fold-keys.js'] && !timing['/search-fold.js'], `${q}: no folding check or table`);
    for (const root of ['/search/meta.json', '/search/keys.bin']) {
      assert.ok(timing[root].start < timing['/search-store.js'].end, `${q}: ${root} is requested before the scripts have loaded`);
    }
    // Opening the filters downloads them and fills them in.
    await page.click('[data-filter] summary');
    await page.waitForSelector('[data-facets] a');
    assert.ok(await page.evaluate(() => performance.getEntriesByType('resource')
      .some((e) => new URL(e.name).pathname === '/search/facets.bin')), `${q}: facets.bin once the filters are opened`);
    await context.close();
  }
  assert.ok(withResults >= 4, `${withResults} of the queries find something in the fixture`);
});

test('a traditional query finds nothing as typed, so the folds are loaded and it finds the simplified text', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/search/?q=' + encodeURIComponent('產改'));
  await waitResults(page);
  assert.ok(await page.$$eval('.search-result', (l) => l.length) > 1);
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.ok(loaded.includes('/search-fold-keys.js') && loaded.includes('/search-fold.js'), loaded.join(' '));
  await context.close();
});

test('opening the filters moves no result, on a phone and on a wide screen', async () => {
  for (const viewport of [{ width: 375, height: 700 }, { width: 1350, height: 940 }]) {
    const { page, errors } = await open('/search/?q=' + encodeURIComponent('工会'), viewport);
    await waitResults(page);
    const boxes = () => page.$$eval('.search-result, [data-status]', (l) => l.map((e) => {
      const r = e.getBoundingClientRect();
      // In the page, not the window: focusing the panel scrolls to it.
      return [r.x + scrollX, r.y + scrollY, r.width, r.height].map(Math.round).join(' ');
    }));
    const before = await boxes();
    await page.focus('[data-filter] summary');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-facets] a[data-facet=region]');
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    assert.deepEqual(await boxes(), before, `${viewport.width}px`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a browser without DecompressionStream finds the same, with the vendored inflate', async () => {
  const q = '/search/?q=' + encodeURIComponent('驿站');
  const read = async (withoutStream) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (withoutStream) await page.addInitScript(() => { delete window.DecompressionStream; });
    const scripts = [];
    page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + q);
    await waitResults(page);
    const shown = await page.$$eval('.search-result', (l) => l.map((li) => li.textContent));
    const status = await page.textContent('[data-status]');
    await context.close();
    assert.deepEqual(errors, []);
    return { shown, status, inflate: scripts.includes('/search-inflate.js') };
  };
  const native = await read(false), byHand = await read(true);
  assert.equal(native.inflate, false, 'a browser with DecompressionStream does not load the inflate');
  assert.equal(byHand.inflate, true);
  assert.ok(native.shown.length >= 4);
  assert.deepEqual(byHand, { ...native, inflate: true });
});

/** Elements of the search page (not the site's header) wider than the screen. */
const overflowing = (page) => page.evaluate(() => [...document.querySelectorAll('#search, #search *')]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map((el) => `${el.tagName}.${el.className}`));

test('on 375px and 320px phones the search page fits the screen (screenshot saved)', async () => {
  const { page } = await open('/search/?q=' + encodeURIComponent('工会'), { width: 375, height: 800 });
  await waitResults(page);
  assert.deepEqual(await overflowing(page), []);
  const shot = process.env.SEARCH_SCREENSHOT || join(tmpdir(), 'search-375.png');
  await page.screenshot({ path: shot, fullPage: true });
  await page.close();
  const { page: narrow } = await open('/search/?q=' + encodeURIComponent('五一劳动奖章'), { width: 320, height: 640 });
  await waitResults(narrow);
  assert.deepEqual(await overflowing(narrow), []);
  await narrow.close();
});
