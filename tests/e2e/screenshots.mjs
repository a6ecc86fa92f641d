// Writes the README's screenshots of the default theme to docs/screenshots/:
// the front page, an article, an honour roll, search results and a bulletin,
// at phone (375 px) and desktop (1280 px) width, in light and dark colours.
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
} finally {
  await browser.close();
  server.close();
}
