// Shared by the desk's browser tests and its screenshot script: a temporary
// copy of the demo site, `unionpress serve` on it (the desk's token address
// read from its terminal output), headless Chromium, and Chinese typed as
// an IME does it (composition updates, then the committed text).

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BIN, REPO } from './site.mjs';

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** A copy of the demo site (site.yaml and content/) in a temporary folder. */
export function demoCopy() {
  const root = mkdtempSync(join(tmpdir(), 'unionpress-desk-'));
  cpSync(join(REPO, 'site.yaml'), join(root, 'site.yaml'));
  cpSync(join(REPO, 'content'), join(root, 'content'), { recursive: true });
  return root;
}

/** Starts `unionpress serve` on `root`; resolves to {process, desk (the token address), origin, log()}. */
export async function serveDesk(root) {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const desk = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no desk address printed in 120 s:\n${log}`)), 120000);
    const read = (d) => {
      log += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\/__unionpress\/desk\/\?token=[0-9a-f]+/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}):\n${log}`)); });
    child.on('error', reject);
  });
  return { process: child, desk, origin: new URL(desk).origin, log: () => log };
}

/** Waits until the desk has drawn the view of the address's hash. */
export async function ready(page, hash) {
  await page.waitForFunction((h) => document.body.dataset.ready === h, hash);
}

/**
 * Types Chinese into the focused field as a pinyin IME does: each syllable
 * grows as a composition (Input.imeSetComposition), then the chosen
 * characters are committed (Input.insertText).
 */
export async function typeChinese(cdp, words) {
  for (const [pinyin, hanzi] of words) {
    for (let i = 1; i <= pinyin.length; i++) {
      const text = pinyin.slice(0, i);
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await cdp.send('Input.insertText', { text: hanzi });
  }
}
