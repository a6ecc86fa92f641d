// search.js, the page: its state kept in the URL, dates, links, page
// numbers and the regions shown (the DOM itself is tested in Chromium,
// tests/e2e/search.test.mjs). Importing the page in node draws nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

import {
  PARAMS, stateOf, urlOfState, formatDate, safeUrl, pageNumbers,
} from '../../themes/default/static/search.js';
import { regionShown } from '../../themes/default/static/search-filters.js';

test('the state from the URL and back, in a fixed order, without empty parameters or page 1', () => {
  const s = stateOf('?year=2024&q=%E5%B7%A5%E4%BC%9A&page=1&utm=x');
  assert.deepEqual(Object.keys(s), PARAMS);
  assert.deepEqual(s, { q: '工会', programme: '', award: '', region: '', year: '2024', page: '1' });
  assert.equal(urlOfState('/search/', s), '/search/?q=%E5%B7%A5%E4%BC%9A&year=2024');
  assert.equal(urlOfState('/search/', { ...s, page: '3', region: '安徽省/宣城市' }),
    '/search/?q=%E5%B7%A5%E4%BC%9A&region=%E5%AE%89%E5%BE%BD%E7%9C%81%2F%E5%AE%A3%E5%9F%8E%E5%B8%82&year=2024&page=3');
  assert.equal(urlOfState('/search/', stateOf('')), '/search/');
  assert.deepEqual(stateOf(urlOfState('/s/', { q: 'a&b=c', page: '2' }).slice(3)), { ...stateOf(''), q: 'a&b=c', page: '2' });
});

test('dates in Chinese, and only safe links', () => {
  assert.equal(formatDate('2024-11-05'), '2024年11月5日');
  assert.equal(formatDate('2024-11-05T08:00:00+08:00'), '2024年11月5日');
  assert.equal(formatDate('昨天'), '昨天');
  assert.equal(formatDate(undefined), '');
  assert.equal(safeUrl('/articles/a/'), '/articles/a/');
  assert.equal(safeUrl('https://example.org/'), 'https://example.org/');
  for (const bad of ['javascript:alert(1)', '//evil.example/', 'data:text/html,x', ' javascript:x']) assert.equal(safeUrl(bad), '#', bad);
});

test('page links: up to three pages each side', () => {
  assert.deepEqual(pageNumbers(1, 1), [1]);
  assert.deepEqual(pageNumbers(1, 10), [1, 2, 3, 4]);
  assert.deepEqual(pageNumbers(6, 10), [3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(pageNumbers(10, 10), [7, 8, 9, 10]);
});

test('regions: provinces always, children below the chosen region\'s levels', () => {
  const v = (key) => ({ key, depth: key.split('/').length - 1 });
  assert.ok(regionShown('', v('安徽省')));
  assert.ok(!regionShown('', v('安徽省/宣城市')));
  assert.ok(regionShown('安徽省', v('安徽省/宣城市')));
  assert.ok(!regionShown('安徽省', v('安徽省/宣城市/宣州区')));
  assert.ok(regionShown('安徽省/宣城市', v('安徽省/宣城市/宣州区')));
  assert.ok(regionShown('安徽省/宣城市/宣州区', v('安徽省/合肥市')), 'siblings of a chosen level');
  assert.ok(!regionShown('安徽省', v('江苏省/南京市')));
});

test('the search template preloads every module the page imports, and the binary embeds every static file', () => {
  const root = new URL('../../', import.meta.url);
  const read = (p) => readFileSync(new URL(p, root), 'utf8');
  const STATIC = 'themes/default/static/';
  // The modules search.js imports statically, at any depth (a dynamic
  // import() is loaded later on purpose and needs no preload).
  const graph = new Set();
  const visit = (file) => {
    for (const [, dep] of read(STATIC + file).matchAll(/^(?:import|export)\s[^;]*?from\s+'\.\/([\w.-]+)'/gm)) {
      if (!graph.has(dep)) { graph.add(dep); visit(dep); }
    }
  };
  visit('search.js');
  assert.ok(graph.has('search-engine.js') && graph.has('search-tokenize.js'), [...graph].join(' '));
  // Loaded only when needed: the facets and their lists when the filters
  // open, inflate without DecompressionStream, the fold check and table
  // for a query that finds nothing as typed.
  for (const lazy of ['search-facets.js', 'search-filters.js', 'search-inflate.js', 'search-fold.js', 'search-fold-keys.js']) {
    assert.ok(!graph.has(lazy), lazy);
  }
  const template = read('themes/default/templates/search.html');
  const preloaded = new Set([...template.matchAll(/rel="modulepreload" href="\{\{ base_path \}\}([\w.-]+)"/g)].map((m) => m[1]));
  assert.deepEqual([...preloaded].sort(), [...graph].sort());
  // Every file of the default theme's static folder is in the binary.
  const embedded = read('src/render/theme.rs').split('pub const STATIC')[1].split(');')[0];
  for (const f of readdirSync(new URL(STATIC, root))) assert.ok(embedded.includes(`"${f}"`), `${f} is not in theme.rs STATIC`);
});
