// search-engine.js on its own: createSearch over an index made in memory
// (memory-index.mjs), its answers against a scan of the same texts: every
// match found, ranked by tier then newest, the exact phrase before
// scattered terms, facets read only when asked for. The engine against the
// real writer's index is tests/js/search.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createSearch } from '../../themes/default/static/search-engine.js';
import { isCjk } from '../../themes/default/static/search-tokenize.js';
import { memoryIndex } from './memory-index.mjs';

// Newest first. Titles, summaries (meta) and bodies mix the same words in
// different fields, so tiers decide the order.
const DOCS = [
  { title: '职工之家建设观察', summary: '走进工会', body: '记者来到社区，看到工会驿站里职工在休息。APP上线。', programme: '站', region: '北京/朝阳' },
  { title: '工会驿站开放', summary: '', body: '新的驿站在城区开放，工会组织了活动，职工之家也在建设。', programme: '站', region: '北京' },
  { title: '劳模讲技能', summary: '工会驿站里的课堂', body: '技能竞赛获奖者讲述经验。apple 和 application 不同。', award: '劳模', region: '上海' },
  { title: '产改一年', summary: '产业工人队伍建设改革', body: '产改推进中，工会和驿站分开说。职工之家建设有了新进展，之家建设继续。', programme: '产改', region: '上海/浦东' },
  { title: '简讯', summary: '', body: '这里的职工之家；建设还在继续。12351热线开通，热线号码12351。', region: '' },
  { title: 'App 使用说明', summary: '如何使用', body: '打开app，搜索工会驿站。' + '填充文字'.repeat(20) + '结尾有工会驿站。' },
].map((d, i) => ({ ...d, url: `/a/${i}/`, date: `${2024 - Math.floor(i / 2)}-01-0${i % 9 + 1}` }));

const FIELDS = (d) => [d.title, d.summary, d.body];
const lower = (s) => s.toLowerCase();

/** Docs containing `sub` (CJK run), ranked by the first field that has
 * it, then newest. */
function scanRun(sub) {
  return DOCS.map((d, id) => ({ id, t: FIELDS(d).findIndex((f) => f.includes(sub)) }))
    .filter((x) => x.t >= 0)
    .sort((a, b) => a.t - b.t || a.id - b.id)
    .map((x) => x.id);
}

function engine(opts = {}) {
  const store = memoryIndex(DOCS, { segment: 20, perPage: 30, ...opts });
  return { store, search: createSearch({ store, perPage: 100 }) };
}

test('every CJK run of 1–7 characters finds exactly the docs that have it, ranked by tier then date', async () => {
  const { search } = engine();
  const seen = new Set();
  for (const d of DOCS) {
    for (const text of FIELDS(d)) {
      const chars = [...text];
      for (let n = 1; n <= 7; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const sub = chars.slice(i, i + n).join('');
          if (![...sub].every((c) => isCjk(c.codePointAt(0))) || seen.has(sub)) continue;
          seen.add(sub);
          const res = await search.search({ q: sub });
          assert.deepEqual([...res.all], scanRun(sub), sub);
        }
      }
    }
  }
  assert.ok(seen.size > 500, `${seen.size} runs`);
  assert.deepEqual([...(await search.search({ q: '驿站之家' })).all], []);
});

test('words match by prefix from a word\'s start, quoted words whole, any case', async () => {
  const { search } = engine();
  const ids = async (q) => [...(await search.search({ q })).all];
  // Title (5) first, then bodies, newest first.
  assert.deepEqual(await ids('app'), [5, 0, 2]);
  assert.deepEqual(await ids('"app"'), [5, 0]);
  assert.deepEqual(await ids('APPLIC'), [2]);
  assert.deepEqual(await ids('pp'), []);
  assert.deepEqual(await ids('12351'), [4]);
});

test('the exact phrase ranks before the same terms apart in the same tier', async () => {
  const { search } = engine();
  // 工会 and 驿站 are in the bodies of 1 and 3 apart, of 0 and 5 together;
  // doc 1 has the phrase in its title, doc 2 in its summary.
  const res = await search.search({ q: '工会 驿站' });
  assert.deepEqual([...res.all], [1, 2, 0, 5, 3]);
  // Quoted, the phrase is required.
  assert.deepEqual([...(await search.search({ q: '"工会 驿站"' })).all], [1, 2, 0, 5]);
  // Mixed words and CJK: 12351热线 as written.
  assert.deepEqual([...(await search.search({ q: '12351热线' })).all], [4]);
  // A long run is verified in place, not only by its trigrams.
  assert.deepEqual([...(await search.search({ q: '职工之家建设' })).all], [0, 3]);
});

test('a two-character run right after a word is found in place where a run goes on past it', async () => {
  // A bigram keeps its own positions only where it ends its run; where the
  // run goes on (工会 in 工会驿站), its place comes from the trigram 工会驿.
  const docs = [
    { title: '简讯', summary: '', body: '下载app工会驿站的服务。' },
    { title: '简讯', summary: '', body: 'app下载，工会驿站。' },
    { title: '简讯', summary: '', body: '新app工会。' },
  ].map((d, i) => ({ ...d, url: `/b/${i}/`, date: `2024-01-0${9 - i}` }));
  const search = createSearch({ store: memoryIndex(docs, { segment: 20, perPage: 4 }), perPage: 100 });
  assert.deepEqual([...(await search.search({ q: '"app工会"' })).all], [0, 2]);
  assert.deepEqual([...(await search.search({ q: '"app工会驿"' })).all], [0]);
  // Unquoted, the phrase ranks first.
  assert.deepEqual([...(await search.search({ q: 'app 工会' })).all], [0, 2, 1]);
});

test('firstPage gives search()\'s page without reading the facets; search reads them', async () => {
  for (const params of [{ q: '工会' }, { q: '建设', page: '2' }, { q: '职工', year: '2023' }, { q: '' }]) {
    const { store, search } = engine();
    const first = await search.firstPage(params);
    assert.ok(!store.log.includes('facets'), JSON.stringify(params));
    assert.equal(first.facets, null);
    const full = await search.search(params);
    assert.deepEqual([first.ids, first.total, first.page, first.pages], [full.ids, full.total, full.page, full.pages], JSON.stringify(params));
    assert.ok(store.log.includes('facets'));
  }
  // With a facet filter, firstPage is search().
  const f = await engine().search.firstPage({ q: '工会', programme: '站' });
  assert.deepEqual(f.ids, [1, 0]);
  assert.ok(f.facets);
});

test('pages of results and the documents of the page shown', async () => {
  const { store } = engine();
  const search = createSearch({ store, perPage: 2 });
  const res = await search.search({ q: '工会', page: '2' });
  assert.equal(res.pages, 3);
  assert.deepEqual(res.ids, [...res.all.subarray(2, 4)]);
  const results = await search.results(res);
  assert.deepEqual(results.map((r) => r.url), res.ids.map((id) => DOCS[id].url));
  for (const r of results) assert.ok(r.snippet.some((p) => p.mark && p.text === '工会'), r.url);
  // Doc 5's match in the body is past segment 0 only at its end: its
  // snippet segment is the first match's, segment 0 here.
  const cards = await Promise.all(search.cards(res));
  assert.deepEqual(cards.map((c) => c.title), res.ids.map((id) => DOCS[id].title));
  // Only the texts of the page shown were read.
  const texts = store.log.filter((l) => l.startsWith('text ')).map((l) => Number(l.split(' ')[1]));
  assert.deepEqual([...new Set(texts)].sort(), [...res.ids].sort());
});

test('a result whose first match is in a later segment reads that segment', async () => {
  const { store, search } = engine();
  const res = await search.search({ q: '结尾' });
  assert.deepEqual(res.ids, [5]);
  assert.ok(res.segs[0] > 0);
  const [r] = await search.results(res);
  assert.ok(r.snippet.some((p) => p.mark && p.text === '结尾'));
  assert.ok(store.log.includes(`text 5 ${res.segs[0]}`));
});
