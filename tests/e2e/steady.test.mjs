// Nothing moves while a page loads: the cumulative layout shift of every
// page kind, measured by Chromium itself (a PerformanceObserver of
// layout-shift entries, from before the first paint until the page has
// settled, the search page's results drawn), stays under 0.05,
// on a phone and on a wide screen, in normal and in large type.
// Run with `node --test tests/e2e/` after `cargo build`.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pageKinds, servedSites, settle } from './site.mjs';

const LIMIT = 0.05;
const served = servedSites();
const { built } = served;

const OBSERVE = () => {
  window.shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) {
        window.shifts.push({ value: e.value, sources: (e.sources || []).map((s) => s.node
          ? `${s.node.nodeName.toLowerCase()}${s.node.className ? '.' + String(s.node.className).split(' ')[0] : ''}` : '?') });
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

/// Resolves when the page has drawn everything it will: the search page's
/// status has its answer (drawn with the results and their snippets; the
/// filters stay closed and empty until the reader opens them).
async function quiet(page) {
  await settle(page);
  // Two frames, so that a shift from the last change is reported.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

for (const s of built) {
  const kinds = pageKinds(s.out);
  const searches = {
    'search, a word': kinds.search,
    'search, nothing found': '/search/?q=' + encodeURIComponent('不存在的词语'),
    'search, no query': '/search/',
  };
  for (const [viewport, large] of [[{ width: 412, height: 823 }, false], [{ width: 1350, height: 940 }, false],
    [{ width: 412, height: 823 }, true]]) {
    test(`${s.name}: no page kind shifts its layout at ${viewport.width}px${large ? ' in large type' : ''}`, async () => {
      const context = await served.browser.newContext({ viewport });
      await context.addInitScript(OBSERVE);
      if (large) await context.addInitScript(() => localStorage.setItem('unionpress-size', 'large'));
      const failures = [];
      try {
        for (const [kind, path] of Object.entries({ ...kinds, search: undefined, ...searches })) {
          if (!path) continue;
          const page = await context.newPage();
          await page.goto(s.origin + path);
          await quiet(page);
          const shifts = await page.evaluate(() => window.shifts);
          const cls = shifts.reduce((n, e) => n + e.value, 0);
          if (!(cls < LIMIT)) failures.push(`${kind} ${path}: CLS ${cls.toFixed(3)} ${JSON.stringify(shifts)}`);
          await page.close();
        }
        assert.deepEqual(failures, []);
      } finally {
        await context.close();
      }
    });
  }
}
