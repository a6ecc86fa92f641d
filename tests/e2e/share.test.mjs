// Sharing an article, in a real browser, on the demo site and the theme
// fixture (whose site.yaml sets default_image, logo, icp and police_filing,
// and whose fullest article has a picture and `updated:`):
//
// - the article's QR code, drawn at build time, is rasterised by Chromium
//   and decoded by jsQR to the article's own URL, with no script involved;
// - the copy button puts the URL on the clipboard and says so;
// - the social card metadata (og:image, twitter:card) and the JSON-LD,
//   parsed and checked against schema.org's NewsArticle and the properties
//   search engines require or recommend for it;
// - the filing numbers a Chinese site must show are in the footer when set.
// Run with `node --test tests/e2e/` after `cargo build`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';

import { pageKinds, servedSites } from './site.mjs';

const ORIGIN = 'https://news.example.org';
const served = servedSites();
const { built } = served;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const absolute = (u) => typeof u === 'string' && /^https?:\/\/[^/]+\//.test(u);

/// The problems of a NewsArticle's JSON-LD: schema.org's types and the
/// properties search engines require or recommend (headline, image,
/// datePublished, dateModified, author with a name, publisher with a name
/// and, when the site has one, a logo).
function problemsOf(ld, { url, headline, logo }) {
  const out = [];
  const want = (ok, what) => { if (!ok) out.push(what); };
  want(ld['@context'] === 'https://schema.org', `@context is ${ld['@context']}`);
  want(ld['@type'] === 'NewsArticle', `@type is ${ld['@type']}`);
  want(ld.headline === headline, `headline ${ld.headline} is not the page's ${headline}`);
  want([...(ld.headline || '')].length <= 110, 'headline longer than 110 characters');
  want(ld.url === url, `url ${ld.url} is not ${url}`);
  want(ISO.test(ld.datePublished), `datePublished ${ld.datePublished}`);
  want(ISO.test(ld.dateModified), `dateModified ${ld.dateModified}`);
  want(Date.parse(ld.dateModified) >= Date.parse(ld.datePublished), 'dateModified before datePublished');
  want(Array.isArray(ld.author) && ld.author.length > 0, 'no author');
  for (const a of ld.author || []) {
    want(['Person', 'Organization'].includes(a['@type']) && typeof a.name === 'string' && a.name.length > 0,
      `author ${JSON.stringify(a)}`);
  }
  const p = ld.publisher || {};
  want(p['@type'] === 'Organization' && typeof p.name === 'string' && p.name.length > 0, `publisher ${JSON.stringify(p)}`);
  if (logo) want(p.logo?.['@type'] === 'ImageObject' && p.logo.url === logo, `publisher logo ${JSON.stringify(p.logo)}`);
  else want(p.logo === undefined, 'a logo the site has not set');
  if (ld.image !== undefined) want(Array.isArray(ld.image) && ld.image.length > 0 && ld.image.every(absolute), `image ${JSON.stringify(ld.image)}`);
  want(!Object.values(ld).includes(null), 'a property is null');
  return out;
}

for (const s of built) {
  const kinds = pageKinds(s.out);
  const yaml = readFileSync(join(s.root, 'site.yaml'), 'utf8');
  const setting = (key) => yaml.match(new RegExp(`^${key}:\\s*(.+)$`, 'm'))?.[1].trim();
  const defaultImage = setting('default_image') && ORIGIN + setting('default_image');
  const logo = setting('logo') && ORIGIN + setting('logo');

  test(`${s.name}: the article's QR code decodes to its URL, and its link is copied`, async () => {
    const context = await served.browser.newContext({ viewport: { width: 375, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
    const page = await context.newPage();
    try {
      await page.goto(s.origin + kinds.article);
      const url = ORIGIN + kinds.article;
      assert.equal(await page.getAttribute('.share-qr .qr', 'aria-label'), '本文链接的二维码');
      // Chromium draws the SVG on a canvas, twice its size, on white; its
      // pixels come back as base64.
      const { width, height, data } = await page.evaluate(async () => {
        const svg = document.querySelector('.share-qr svg');
        const size = 2 * svg.getBoundingClientRect().width;
        const img = new Image();
        img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const g = canvas.getContext('2d');
        g.fillStyle = '#fff';
        g.fillRect(0, 0, size, size);
        g.drawImage(img, 0, 0, size, size);
        const bytes = g.getImageData(0, 0, size, size).data;
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { width: size, height: size, data: btoa(text) };
      });
      const code = jsQR(new Uint8ClampedArray(Buffer.from(data, 'base64')), width, height);
      assert.ok(code, 'jsQR finds a QR code');
      assert.equal(code.data, url);

      // The same URL is written out, and the button copies it.
      assert.equal((await page.textContent('.share-url')).trim(), url);
      await page.click('[data-copy]');
      await page.waitForFunction(() => document.querySelector('#share-status').textContent.length > 0);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
      assert.match(await page.textContent('#share-status'), /已复制/);
    } finally {
      await context.close();
    }
  });

  test(`${s.name}: every article's social card and JSON-LD are complete`, async () => {
    const context = await served.browser.newContext();
    const page = await context.newPage();
    const articles = Object.values(pageKinds(s.out)).length && readArticles(s.out);
    const problems = [];
    try {
      for (const path of articles) {
        await page.goto(s.origin + path);
        const meta = (sel) => page.evaluate((sel) => document.querySelector(sel)?.getAttribute('content') ?? null, sel);
        const url = ORIGIN + path;
        const headline = (await page.textContent('h1')).trim();
        const src = await page.evaluate(() => document.querySelector('.lead-image img')?.getAttribute('src') ?? null);
        const picture = src ? new URL(src, url).href : null;
        const card = picture || defaultImage || null;
        const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
        for (const p of problemsOf(ld, { url, headline, logo })) problems.push(`${path}: ${p}`);
        if ((await meta('meta[property="og:image"]')) !== (card ? card : null)) problems.push(`${path}: og:image is not ${card}`);
        if (JSON.stringify(ld.image) !== JSON.stringify(card ? [card] : undefined)) problems.push(`${path}: JSON-LD image is not ${card}`);
        const twitter = await meta('meta[name="twitter:card"]');
        if (twitter !== (card ? 'summary_large_image' : 'summary')) problems.push(`${path}: twitter:card ${twitter}`);
        const published = await page.getAttribute('.meta time', 'datetime');
        if (Date.parse(ld.datePublished) !== Date.parse(published)) problems.push(`${path}: datePublished is not the page's ${published}`);
      }
      assert.deepEqual(problems, []);
      if (s.name === 'fixture') {
        // The article with `updated: 2024-12-21`, midnight in Shanghai.
        await page.goto(s.origin + '/articles/jingxian-changai/');
        const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
        assert.equal(Date.parse(ld.dateModified), Date.parse('2024-12-21T00:00:00+08:00'));
        assert.notEqual(ld.dateModified, ld.datePublished);
      }
    } finally {
      await context.close();
    }
  });

  test(`${s.name}: the footer shows the ICP and public-security filings when site.yaml has them`, async () => {
    const context = await served.browser.newContext();
    const page = await context.newPage();
    try {
      for (const path of [kinds.front, kinds.article, kinds['404']]) {
        await page.goto(s.origin + path);
        const icp = setting('icp');
        const police = setting('police_filing');
        assert.equal(await page.locator('.site-footer .filings').count(), icp || police ? 1 : 0);
        if (icp) {
          const link = page.locator('.site-footer .filings a');
          assert.equal((await link.textContent()).trim(), icp);
          assert.equal(await link.getAttribute('href'), 'https://beian.miit.gov.cn/');
        }
        if (police) assert.match(await page.textContent('.site-footer .filings'), new RegExp(police));
      }
    } finally {
      await context.close();
    }
  });
}

/// Every article page of a built site.
function readArticles(out) {
  return readFileSync(join(out, 'sitemap.xml'), 'utf8').match(/<loc>[^<]+<\/loc>/g)
    .map((l) => new URL(l.slice(5, -6)).pathname)
    .filter((p) => /^\/articles\/(?!page\/)[^/]+\/$/.test(p));
}
