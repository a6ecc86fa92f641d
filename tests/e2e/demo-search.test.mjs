// The search of the demo site (the repository's own content/): built with
// the generator, served on 127.0.0.1, searched from the box in the header
// of the front page and from a shared /search/?q=… link, in headless
// Chromium. Run with `node --test tests/e2e/`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { BIN, ROOT } from '../js/fixture.mjs';
import { serveStatic, launchChromium } from './serve.mjs';

let server, browser, base;

before(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'unionpress-demo-')), 'site');
  execFileSync(BIN, ['build', '--quiet', '--root', ROOT, '--output', out], { stdio: 'pipe' });
  ({ server, base } = await serveStatic(out));
  browser = await launchChromium(chromium);
});

after(async () => {
  await browser?.close();
  server?.close();
});

const waitResults = (page) => page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-status]')?.textContent || ''));
const titles = (page) => page.$$eval('.search-result h2 a', (as) => as.map((a) => a.textContent));

test('a shared link finds a person named only in the award list', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/search/?q=' + encodeURIComponent('张旭丽'));
  await waitResults(page);
  assert.deepEqual(await titles(page), ['海南隆重表彰劳模先进']);
  await page.close();
});

test('the search box in the header of every page leads to the results', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/');
  await page.fill('header input[name=q]', '工会驿站');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/search\/\?q=/);
  await waitResults(page);
  const got = await titles(page);
  assert.ok(got.length >= 3, got.join(' | '));
  const marks = await page.$$eval('.search-result mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes('工会驿站'), marks.join(','));
  assert.equal(await page.inputValue('#search input[name=q]'), '工会驿站');
  await page.close();
});
