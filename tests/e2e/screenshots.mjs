// Writes the README's screenshots of the default theme to docs/screenshots/:
// the front page, an article, an honour roll, search results and a bulletin,
// at phone (375 px) and desktop (1280 px) width, in light and dark colours;
// and an article on a phone in the reader's large-type and high-contrast
// modes (适老化), chosen as a reader does: kept in localStorage.
// Not part of the test suite. Run after `cargo build`:
//
//     node tests/e2e/screenshots.mjs [--full] [OUTDIR]
//
// --full takes whole pages (for reviewing), not the first screen.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { REPO, build, launch, pageKinds, serve, settle, sites } from './site.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const dir = args.find((a) => !a.startsWith('--')) || join(REPO, 'docs', 'screenshots');
mkdirSync(dir, { recursive: true });

const site = sites()[0];
const out = build(site.root);
const kinds = pageKinds(out);
const shots = {
  front: '/',
  article: kinds.article,
  'honour-roll': kinds['honour roll'],
  search: '/search/?q=' + encodeURIComponent('工匠'),
  bulletin: kinds.bulletin,
};
const sizes = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } };

const { server, origin } = await serve(out);
const browser = await launch();
try {
  for (const [name, path] of Object.entries(shots)) {
    for (const [size, viewport] of Object.entries(sizes)) {
      for (const colorScheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(origin + path);
        await settle(page);
        const file = join(dir, `${name}-${size}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: full });
        console.log(file, path);
        await context.close();
      }
    }
  }
  // A phone has a Chinese voice (Android's and iOS's speech engines ship
  // one); this machine's browser has none, so one that speaks nothing is
  // given, as the reader tests do, and the read-aloud controls show.
  const withVoice = () => {
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
    const synth = new (class extends EventTarget {
      getVoices() { return [{ lang: 'zh-CN', name: '普通话' }]; }
      speak() {}
      pause() {}
      resume() {}
      cancel() {}
    })();
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  };
  const modes = {
    'large-type': { 'unionpress-size': 'large' },
    'high-contrast': { 'unionpress-contrast': 'high' },
    'reading-aloud': {},
  };
  for (const [mode, storage] of Object.entries(modes)) {
    const context = await browser.newContext({ viewport: sizes.phone, deviceScaleFactor: 1 });
    await context.addInitScript(withVoice);
    await context.addInitScript((items) => {
      for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
    }, storage);
    const page = await context.newPage();
    await page.goto(origin + shots.article);
    await page.waitForSelector('.read-aloud.ready');
    if (mode === 'reading-aloud') {
      await page.click('[data-play]');
      // The first sentence being read is highlighted.
      await page.waitForFunction(() => CSS.highlights?.get('reading')?.size > 0);
    }
    const file = join(dir, `article-phone-${mode}.png`);
    await page.screenshot({ path: file, fullPage: full });
    console.log(file, shots.article, mode);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
