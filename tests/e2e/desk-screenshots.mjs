// Writes the README's screenshots of the editors' desk to docs/screenshots/:
// an article open in the form beside its live preview (desktop, 1280 px),
// the same form on a phone (375 px), the article list on a phone, and the
// bulletin composer (desktop). The desk runs on a temporary copy of the
// demo site under the real `unionpress serve`. Not part of the test suite.
// Run after `cargo build` (Chinese glyphs need fonts-noto-cjk):
//
//     node tests/e2e/desk-screenshots.mjs [OUTDIR]

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { demoCopy, ready, serveDesk } from './desk.mjs';
import { REPO, launch } from './site.mjs';

const dir = process.argv[2] || join(REPO, 'docs', 'screenshots');
mkdirSync(dir, { recursive: true });

const served = await serveDesk(demoCopy());
const browser = await launch();
const article = `#article=${encodeURIComponent('content/articles/2024/jingxian-changai.md')}`;
const shots = [
  ['desk-article', article, { width: 1280, height: 900 }],
  ['desk-article-phone', article, { width: 375, height: 812 }],
  ['desk-list-phone', '#list', { width: 375, height: 812 }],
  ['desk-bulletin', `#bulletin=${encodeURIComponent('content/bulletins/2024-12.md')}`, { width: 1280, height: 900 }],
];
try {
  const context = await browser.newContext({ deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(served.desk);
  await ready(page, '#list');
  for (const [name, hash, viewport] of shots) {
    await page.setViewportSize(viewport);
    await page.goto(`${served.origin}/__unionpress/desk/${hash}`);
    await ready(page, hash);
    // The preview frame has drawn the page.
    await page.waitForFunction(() => {
      const f = document.querySelector('.view:not([hidden]) iframe');
      return !f || (f.srcdoc && f.contentDocument && f.contentDocument.readyState === 'complete');
    });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(dir, `${name}.png`) });
    console.log(join(dir, `${name}.png`));
  }
} finally {
  await browser.close();
  served.process.kill();
}
