// The reader's modes (适老化) in a real browser, on the demo site and the
// theme fixture:
//
// - large type and high contrast are buttons a keyboard reaches, each
//   toggled and remembered across pages, and applied before the first paint
//   of the next page;
// - in large type every page kind reflows at 320 px without sideways
//   scrolling, its text half as large again and its lines at least 1.5 apart;
// - axe finds no violation in high contrast (light and dark, with its AAA
//   contrast rule on), in large type, and when the system asks for more
//   contrast;
// - reading aloud is offered on an article only where speechSynthesis has a
//   Chinese voice (the voice list is stubbed), reads sentence by sentence
//   with the sentence highlighted, and pauses, resumes and stops;
// - without JavaScript the bar is gone and the article is there.
// Run with `node --test tests/e2e/` after `cargo build`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO, pageKinds, servedSites, settle } from './site.mjs';

const AXE = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const served = servedSites();
const { built } = served;

/// axe's violations; `enhanced` turns on its AAA contrast rule (7:1).
async function axe(page, enhanced = false) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate((enhanced) => window.axe.run(document, {
    resultTypes: ['violations'], rules: enhanced ? { 'color-contrast-enhanced': { enabled: true } } : {},
  }), enhanced);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5)
    .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')}`);
}

/// What the root element carried when <body> was first parsed: before any
/// paint, since nothing paints before the body exists.
const FIRST_PAINT = () => {
  new MutationObserver((_, observer) => {
    if (!document.body) return;
    const root = document.documentElement;
    window.atBody = { size: root.dataset.size ?? null, contrast: root.dataset.contrast ?? null, js: root.classList.contains('js') };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

/// A speechSynthesis that speaks nothing: its voices are `window.voices`,
/// what it is asked is logged in `window.spoken`, and an utterance ends when
/// the test calls `window.finish()`. (Its utterances are stubbed too: a real
/// one takes only a real SpeechSynthesisVoice.)
const STUB = (voices) => {
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  window.voices = voices;
  window.spoken = [];
  class Synth extends EventTarget {
    getVoices() { return window.voices; }
    speak(u) { window.spoken.push(['speak', u.text, u.lang, u.voice?.name]); window.current = u; }
    pause() { window.spoken.push(['pause']); }
    resume() { window.spoken.push(['resume']); }
    cancel() { window.spoken.push(['cancel']); window.current = null; }
  }
  const synth = new Synth();
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.finish = () => { const u = window.current; window.current = null; u?.onend?.(); };
  window.addVoices = (more) => { window.voices = more; synth.dispatchEvent(new Event('voiceschanged')); };
};

for (const s of built) {
  const kinds = pageKinds(s.out);

  test(`${s.name}: large type and high contrast are reached by keyboard, toggled, and kept across pages`, async () => {
    const context = await served.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(FIRST_PAINT);
    try {
      await page.goto(s.origin + '/');
      assert.deepEqual(await page.evaluate(() => window.atBody), { size: null, contrast: null, js: true });
      for (const [mode, attr, value] of [['size', 'size', 'large'], ['contrast', 'contrast', 'high']]) {
        const selector = `[data-reader="${mode}"]`;
        // Tab from the top of the page to the button, then press it.
        await page.evaluate(() => document.activeElement?.blur());
        let reached = false;
        for (let i = 0; i < 20 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate((sel) => document.activeElement?.matches(sel), selector);
        }
        assert.ok(reached, `${selector} is reached by Tab`);
        assert.ok((await page.textContent(selector)).trim().length > 0);
        assert.equal(await page.getAttribute(selector, 'aria-pressed'), 'false');
        await page.keyboard.press(mode === 'size' ? 'Enter' : 'Space');
        assert.equal(await page.getAttribute(selector, 'aria-pressed'), 'true');
        assert.equal(await page.evaluate((a) => document.documentElement.dataset[a], attr), value);
      }
      const big = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.ok(big >= 24, `large type's root font is ${big}px, at least 150% of 16px`);
      // High contrast: black text on white, links underlined.
      const ink = await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('main a')).textDecorationLine]);
      assert.deepEqual(ink, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'underline']);

      // Another page, of another kind: both modes before its first paint.
      await page.goto(s.origin + kinds.article);
      assert.deepEqual(await page.evaluate(() => window.atBody), { size: 'large', contrast: 'high', js: true });
      assert.equal(await page.getAttribute('[data-reader="size"]', 'aria-pressed'), 'true');
      assert.equal(await page.getAttribute('[data-reader="contrast"]', 'aria-pressed'), 'true');
      // Both off again, and off on the next page too.
      await page.click('[data-reader="size"]');
      await page.click('[data-reader="contrast"]');
      await page.goto(s.origin + kinds.section);
      assert.deepEqual(await page.evaluate(() => window.atBody), { size: 'normal', contrast: 'normal', js: true });
      assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), 16);
    } finally {
      await context.close();
    }
  });

  test(`${s.name}: the system's wish for more contrast is followed until the reader says otherwise`, async () => {
    const context = await served.browser.newContext({ viewport: { width: 375, height: 800 }, contrast: 'more' });
    const page = await context.newPage();
    try {
      await page.goto(s.origin + kinds.article);
      const colours = () => page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
      assert.deepEqual(await colours(), ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
      assert.equal(await page.getAttribute('[data-reader="contrast"]', 'aria-pressed'), 'true');
      assert.deepEqual(await axe(page, true), [], 'axe (AAA contrast) with prefers-contrast: more');
      await page.click('[data-reader="contrast"]');
      assert.equal(await page.getAttribute('[data-reader="contrast"]', 'aria-pressed'), 'false');
      assert.notDeepEqual(await colours(), ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    } finally {
      await context.close();
    }
  });

  test(`${s.name}: every page kind in large type and high contrast: reflows at 320 px, axe finds nothing`, async () => {
    const context = await served.browser.newContext({ viewport: { width: 320, height: 800 } });
    await context.addInitScript(() => {
      localStorage.setItem('unionpress-size', 'large');
      localStorage.setItem('unionpress-contrast', 'high');
    });
    const page = await context.newPage();
    const failures = [];
    try {
      for (const [kind, path] of Object.entries(kinds)) {
        await page.goto(s.origin + path);
        await settle(page);
        const wide = await page.evaluate(() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return [];
          return [`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`, ...[...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
            .filter((e) => !e.closest('.site-nav, pre'))
            .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)];
        });
        if (wide.length) failures.push(`${kind} ${path} overflows at 320px: ${wide.join(', ')}`);
        const spacing = await page.evaluate(() => [...document.querySelectorAll('main p, main li, main h1, main h2, main h3')]
          .filter((e) => e.offsetParent !== null)
          .map((e) => { const cs = getComputedStyle(e); return [e.tagName, parseFloat(cs.lineHeight) / parseFloat(cs.fontSize)]; })
          .filter(([, ratio]) => !(ratio >= 1.499)).slice(0, 3));
        if (spacing.length) failures.push(`${kind} ${path}: line spacing under 1.5: ${JSON.stringify(spacing)}`);
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const v of await axe(page, true)) failures.push(`${kind} ${path} (${scheme}, large, high contrast): ${v}`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
      }
      // Large type alone, with the ordinary colours.
      await page.evaluate(() => localStorage.setItem('unionpress-contrast', 'normal'));
      await context.addInitScript(() => localStorage.setItem('unionpress-contrast', 'normal'));
      for (const [kind, path] of Object.entries(kinds)) {
        await page.goto(s.origin + path);
        await settle(page);
        for (const v of await axe(page)) failures.push(`${kind} ${path} (large type): ${v}`);
      }
      assert.deepEqual(failures, []);
    } finally {
      await context.close();
    }
  });

  test(`${s.name}: reading aloud is offered only with a Chinese voice, and reads sentence by sentence`, async () => {
    const context = await served.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const play = page.locator('[data-play]');
    const visible = () => page.locator('[data-read-aloud]').isVisible();
    try {
      // No voice at all, then an English one only: no control.
      await page.addInitScript(STUB, []);
      await page.goto(s.origin + kinds.article);
      assert.equal(await page.locator('[data-read-aloud]').count(), 1);
      assert.equal(await visible(), false, 'hidden with no voice');
      await page.evaluate(() => window.addVoices([{ name: 'Alex', lang: 'en-US' }]));
      assert.equal(await visible(), false, 'hidden with no Chinese voice');
      // A Chinese voice arrives: the control shows, in the space kept for it.
      const before = await page.locator('main').boundingBox();
      await page.evaluate(() => window.addVoices([{ name: 'Alex', lang: 'en-US' }, { name: 'Tingting', lang: 'zh-CN' }]));
      assert.equal(await visible(), true, 'shown with a zh-CN voice');
      assert.deepEqual(await page.locator('main').boundingBox(), before, 'nothing moved when it appeared');

      const first = await page.evaluate(() => {
        // The first sentence of the body as a reader sees it.
        const text = document.querySelector('.article-body p').textContent.trim();
        return text.match(/^[^。！？!?；;…]+[。！？!?；;…]*[”’」』）)"']*/)[0].trim();
      });
      const highlighted = () => page.evaluate(() => {
        const h = CSS.highlights.get('reading');
        return h ? [...h].map((r) => r.toString().trim()) : [];
      });
      const idle = await play.textContent();
      await play.press('Enter');
      const playing = await play.textContent();
      assert.notEqual(playing, idle, 'the button now pauses');
      let spoken = await page.evaluate(() => window.spoken);
      assert.deepEqual(spoken, [['speak', first, 'zh-CN', 'Tingting']]);
      assert.deepEqual(await highlighted(), [first]);
      // The next sentence when the first is done.
      await page.evaluate(() => window.finish());
      spoken = await page.evaluate(() => window.spoken);
      assert.equal(spoken.length, 2);
      assert.notEqual(spoken[1][1], first);
      assert.deepEqual(await highlighted(), [spoken[1][1]]);
      // Pause, resume, stop.
      await play.click();
      const paused = await play.textContent();
      assert.ok(paused !== playing && paused !== idle, 'the button now resumes');
      await play.click();
      assert.equal(await play.textContent(), playing);
      await page.click('[data-stop]');
      spoken = await page.evaluate(() => window.spoken.slice(2));
      assert.deepEqual(spoken, [['pause'], ['resume'], ['cancel']]);
      assert.deepEqual(await highlighted(), [], 'the highlight goes when reading stops');
      assert.equal(await play.textContent(), idle);
      assert.equal(await page.locator('[data-stop]').isDisabled(), true);
      // Pages that are not articles have no such control.
      await page.goto(s.origin + '/');
      assert.equal(await page.locator('[data-read-aloud]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test(`${s.name}: without JavaScript the reader's bar is gone and the article is whole`, async () => {
    const context = await served.browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(s.origin + kinds.article);
      assert.equal(await page.locator('.reader-bar').isVisible(), false);
      assert.equal(await page.locator('.article-body').isVisible(), true);
      assert.ok((await page.textContent('.article-body')).trim().length > 0);
    } finally {
      await context.close();
    }
  });
}
