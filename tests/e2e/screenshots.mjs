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
// --photos takes only the photo article: a site built in a temporary folder
// from the test pictures of tests/fixtures/photos (a lead photo, a
// captioned picture and a gallery), on a phone, the whole page.

import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO, build, launch, pageKinds, serve, settle, sites } from './site.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const dir = args.find((a) => !a.startsWith('--')) || join(REPO, 'docs', 'screenshots');
mkdirSync(dir, { recursive: true });

if (args.includes('--photos')) {
  await photos();
  process.exit(0);
}

async function photos() {
  const root = mkdtempSync(join(tmpdir(), 'unionpress-photos-'));
  const articles = join(root, 'content', 'articles');
  mkdirSync(articles, { recursive: true });
  writeFileSync(join(root, 'site.yaml'), 'title: 测试工会新闻\nbase_url: https://example.org\n');
  for (const name of ['camera.jpg', 'orientation-1.jpg', 'orientation-6.jpg', 'small.jpg']) {
    copyFileSync(join(REPO, 'tests', 'fixtures', 'photos', name), join(articles, name));
  }
  writeFileSync(join(articles, 'photo.md'), [
    '---',
    'title: 图片新闻：宇航员在训练',
    'date: 2024-12-19',
    'kind: photo',
    'photographers: [张三]',
    'image: {src: camera.jpg, alt: 宇航员在训练, caption: 训练现场}',
    '---',
    '',
    '测试图片，取自图像处理软件包自带的样例照片，放大后用于检验图片处理。',
    '',
    '![车间](small.jpg "一张带图注的图片")',
    '',
    '![第一张](orientation-1.jpg)',
    '![第二张](orientation-6.jpg)',
    '![第三张](small.jpg)',
    '',
  ].join('\n'));
  const out = build(root);
  const { server, origin } = await serve(out);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(origin + '/articles/photo/');
    await settle(page);
    await page.evaluate(() => Promise.all([...document.images].map((i) => { i.loading = 'eager'; return i.decode().catch(() => {}); })));
    const file = join(dir, 'photos-article-phone.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
}

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
