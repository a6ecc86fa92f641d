// The search client against the index of the fixture site
// (tests/fixtures/search): recall against a brute-force scan of the
// articles' text, words and numbers, AND, quotes, facets, ranking, and
// queries that are empty or absurd. Run with `node --test tests/js/`.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { BIN, buildFixture, fixtureDocs, docTexts, fileFetch, fold, tracedIndex } from './fixture.mjs';
import { openIndex } from '../../themes/default/static/search-store.js';
import { createSearch, parseQuery, highlight, isCjk } from '../../themes/default/static/search-engine.js';

let out, docs, engine, log;

before(() => {
  out = buildFixture();
  docs = fixtureDocs();
  log = [];
  engine = createSearch({ fetch: fileFetch(join(out, 'search'), log), perPage: 1000 });
});

const urls = async (params) => (await engine.search(params)).all.length
  ? (await engine.query(params)).results.map((r) => r.url)
  : [];

/** URLs of the fixture docs where `pred(text, tier)` holds for some field. */
function scan(pred) {
  return docs.filter((d) => {
    const t = docTexts(d);
    return ['title', 'meta', 'body'].some((tier) => t[tier].some((s) => pred(s, tier)));
  }).map((d) => d.url);
}

const sorted = (xs) => [...xs].sort();
const cjkRun = (s) => [...s].every((c) => isCjk(c.codePointAt(0)));

test('every substring of 1–4 CJK characters finds exactly the articles that contain it', async () => {
  const seen = new Set();
  let checked = 0;
  for (const d of docs) {
    for (const text of [d.title, d.body, d.summary]) {
      const chars = [...text];
      for (let n = 1; n <= 4; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const sub = chars.slice(i, i + n).join('');
          if (!cjkRun(sub) || seen.has(sub)) continue;
          seen.add(sub);
          const expected = sorted(scan((s) => s.includes(fold(sub))));
          assert.ok(expected.includes(d.url));
          assert.deepEqual(sorted(await urls({ q: sub })), expected, `query ${sub}`);
          assert.deepEqual(sorted(await urls({ q: `"${sub}"` })), expected, `query "${sub}"`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} substrings checked`);
});

test('traditional and simplified characters find each other', async () => {
  const trad = '/articles/fantizi-zhigongzhijia/';
  for (const [t, s] of [['產改', '产改'], ['勞模', '劳模'], ['職工之家', '职工之家']]) {
    const expected = sorted(scan((x) => x.includes(s)));
    assert.ok(expected.includes(trad), s);
    assert.ok(expected.length > 1, `${s}: the fixture has simplified text with it too`);
    assert.deepEqual(sorted(await urls({ q: t })), expected, t);
    assert.deepEqual(sorted(await urls({ q: s })), expected, s);
  }
  // 乾 stands for itself in 乾隆 and is not folded to 干.
  assert.deepEqual(await urls({ q: '乾隆' }), [trad]);
  assert.deepEqual(await urls({ q: '干隆' }), []);
  // The snippet of traditional text marks a simplified query.
  const r = (await engine.query({ q: '产改' })).results.find((x) => x.url === trad);
  assert.ok(r.snippet.some((p) => p.mark && p.text === '產改'), JSON.stringify(r.snippet));
});

test('long exact strings are found, and near misses are not', async () => {
  assert.deepEqual(sorted(await urls({ q: '五一劳动奖章' })),
    sorted(scan((s) => s.includes('五一劳动奖章'))));
  assert.deepEqual(await urls({ q: '张旭丽' }), ['/articles/hainan-wuyi/']);
  // 工会 and 驿站 are both in the title of app-launch, but not together.
  assert.ok(!(await urls({ q: '工会驿站' })).includes('/articles/app-launch/'));
  assert.deepEqual(await urls({ q: '工会驿站二十家' }), ['/articles/xuancheng-yizhan/']);
  assert.deepEqual(await urls({ q: '驿站二十家工会' }), []);
});

test('words and numbers match case-insensitively by prefix', async () => {
  const words = (pred) => sorted(scan((s) => (s.toLowerCase().match(/[a-z0-9]+/g) || []).some(pred)));
  assert.deepEqual(sorted(await urls({ q: '12351' })), words((w) => w.startsWith('12351')));
  assert.deepEqual(sorted(await urls({ q: '1235' })), words((w) => w.startsWith('1235')));
  assert.deepEqual(sorted(await urls({ q: '2024' })), words((w) => w.startsWith('2024')));
  const app = sorted(await urls({ q: 'APP' }));
  assert.deepEqual(app, words((w) => w.startsWith('app')));
  assert.deepEqual(sorted(await urls({ q: 'app' })), app);
  assert.deepEqual(sorted(await urls({ q: 'ａｐｐ' })), app, 'full-width letters');
  assert.ok(app.includes('/articles/kuaidi/') && app.includes('/articles/hotline-12351/'));
  assert.deepEqual(await urls({ q: 'apple' }), ['/articles/app-launch/']);
  // Quoted, a word must match whole.
  assert.deepEqual(sorted(await urls({ q: '"app"' })), words((w) => w === 'app'));
  assert.deepEqual(await urls({ q: '"appl"' }), []);
});

test('mixed queries: 12351热线, with the exact phrase first', async () => {
  const both = sorted(scan((s) => s.includes('12351')).filter((u) => scan((s) => s.includes('热线')).includes(u)));
  assert.deepEqual(sorted(await urls({ q: '12351热线' })), both);
  assert.equal(both.length, 2);
  // Quoted, the two must be written together, in this order.
  for (const q of ['12351热线', '热线12351']) {
    const expected = scan((s) => s.toLowerCase().includes(q));
    assert.ok(expected.length >= 1, q);
    if (q === '12351热线') assert.ok(expected.length < both.length, 'the fixture tells quoted from unquoted');
    assert.deepEqual(sorted(await urls({ q: `"${q}"` })), sorted(expected), q);
  }
  // Quoted, a run of four or more characters and a number, together.
  for (const q of ['维权热线12351', '职工维权热线12351', '权热线12351']) {
    const expected = scan((s) => s.toLowerCase().includes(q));
    assert.ok(expected.length >= 1, q);
    assert.deepEqual(sorted(await urls({ q: `"${q}"` })), sorted(expected), q);
  }
  // hotline-12351 has 热线12351 in its title, so it leads the unquoted query.
  assert.deepEqual(await urls({ q: '12351热线' }), ['/articles/hotline-12351/', '/articles/app-launch/']);
});

test('terms separated by spaces are ANDed', async () => {
  for (const q of ['驿站 宣城', '工会 驿站', '产改 技能', '海南 APP', '劳动 奖章 张旭丽', '驿站 12351']) {
    const terms = q.split(' ');
    const expected = sorted(docs.filter((d) => terms.every((t) => {
      const all = Object.values(docTexts(d)).flat();
      return all.some((s) => /^[a-z0-9]+$/i.test(t)
        ? (s.toLowerCase().match(/[a-z0-9]+/g) || []).some((w) => w.startsWith(t.toLowerCase()))
        : s.includes(t));
    })).map((d) => d.url));
    assert.deepEqual(sorted(await urls({ q })), expected, q);
  }
  assert.deepEqual(await urls({ q: '驿站 不存在的词' }), []);
});

test('ranking: title, then other fields, then body; newer first within each', async () => {
  const tierOf = (d, q) => {
    const t = docTexts(d);
    return ['title', 'meta', 'body'].findIndex((tier) => t[tier].some((s) => s.includes(q)));
  };
  for (const q of ['驿站', '工会', '技能', '五一劳动奖章', '会', '劳模']) {
    const expected = docs.filter((d) => tierOf(d, q) >= 0)
      .sort((a, b) => tierOf(a, q) - tierOf(b, q) || b.date.localeCompare(a.date) || a.url.localeCompare(b.url))
      .map((d) => d.url);
    assert.deepEqual(await urls({ q }), expected, q);
  }
});

test('ranking: the exact phrase before scattered terms in the same field', async () => {
  // Both have 工会 and 驿站 in the title; only xuancheng and zhuanjia have
  // 工会驿站 as one string there, and app-launch (newer than zhuanjia) does not.
  const got = await urls({ q: '工会 驿站' });
  assert.deepEqual(got.slice(0, 3), ['/articles/xuancheng-yizhan/', '/articles/zhuanjia/', '/articles/app-launch/']);
});

test('facets alone: programme, award, region at any level, year', async () => {
  const by = (pred) => sorted(docs.filter(pred).map((d) => d.url));
  assert.deepEqual(sorted(await urls({ programme: 'chan-gai' })),
    by((d) => d.programmes.some((p) => p[1] === 'chan-gai')));
  assert.deepEqual(sorted(await urls({ award: 'wuyi-laodong-jiangzhang' })),
    by((d) => d.awards.some((a) => a[1] === 'wuyi-laodong-jiangzhang')));
  assert.deepEqual(sorted(await urls({ region: '安徽省' })), by((d) => d.region[0] === '安徽省'));
  assert.deepEqual(sorted(await urls({ region: '安徽省/宣城市' })),
    by((d) => d.region.slice(0, 2).join('/') === '安徽省/宣城市'));
  assert.deepEqual(sorted(await urls({ region: '安徽省/宣城市/泾县' })),
    by((d) => d.region.join('/') === '安徽省/宣城市/泾县'));
  assert.deepEqual(sorted(await urls({ year: '2023' })), by((d) => d.year === 2023));
  assert.deepEqual(await urls({ year: '1999' }), []);
  // Results without a query are newest first.
  const all = await urls({ region: '安徽省' });
  const dates = all.map((u) => docs.find((d) => d.url === u).date);
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test('facet counts are over the results, each ignoring its own filter', async () => {
  const res = await engine.search({ q: '工会', region: '安徽省' });
  const matching = docs.filter((d) => Object.values(docTexts(d)).flat().some((s) => s.includes('工会')));
  const inAnhui = matching.filter((d) => d.region[0] === '安徽省');
  assert.equal(res.total, inAnhui.length);
  const year = (y) => res.facets.year.find((v) => v.key === String(y)).count;
  for (const y of [2022, 2023, 2024]) assert.equal(year(y), inAnhui.filter((d) => d.year === y).length, `year ${y}`);
  const region = (k) => res.facets.region.find((v) => v.key === k).count;
  // The region facet ignores the region filter: other provinces keep counts.
  assert.equal(region('海南省'), matching.filter((d) => d.region[0] === '海南省').length);
  assert.equal(region('安徽省'), inAnhui.length);
  assert.equal(region('安徽省/宣城市'), inAnhui.filter((d) => d.region[1] === '宣城市').length);
  assert.ok(res.facets.region.find((v) => v.key === '安徽省').selected);
  const prog = res.facets.programme.find((v) => v.key === 'chan-gai');
  assert.equal(prog.title, '产业工人队伍建设改革');
  assert.equal(prog.count, inAnhui.filter((d) => d.programmes.some((p) => p[1] === 'chan-gai')).length);
});

test('facets combine with a query and with each other', async () => {
  assert.deepEqual(await urls({ q: '驿站', region: '安徽省/宣城市', year: '2024' }), ['/articles/xuancheng-yizhan/']);
  assert.deepEqual(await urls({ q: '技能', programme: 'chan-gai', year: '2023' }), ['/articles/jineng-jingsai/']);
  assert.deepEqual(await urls({ q: '驿站', award: 'daguo-gongjiang' }), []);
});

test('empty and absurd queries return nothing or sensible results and never throw', async () => {
  const all = docs.length;
  assert.equal((await engine.search({})).total, all);
  assert.equal((await engine.search({ q: '' })).total, all);
  assert.equal((await engine.search({ q: '   ' })).total, all);
  assert.equal((await engine.search({ q: '，。！？……“”' })).total, all, 'punctuation only is no query');
  assert.deepEqual(await urls({ q: '<script>alert(1)</script>' }), []);
  assert.deepEqual(await urls({ q: '工'.repeat(10000) }), []);
  const long = await engine.query({ q: '工会驿站'.repeat(2500) });
  assert.equal(long.total, 0);
  await engine.query({ q: 'a'.repeat(10000) });
  await engine.query({ q: '"' });
  await engine.query({ q: '"工会' });
  await engine.query({ q: '🙂 \u0000 \ud800 驿站' });
  await engine.query({ q: '驿站', page: '999' });
  await engine.query({ q: '驿站', page: '-3' });
  await engine.query({ q: '驿站', programme: 'no-such', award: '<b>', region: '火星', year: 'abc' });
  const paged = await createSearch({ fetch: fileFetch(join(out, 'search')), perPage: 2 }).query({ q: '会', page: '999' });
  assert.equal(paged.page, paged.pages);
  assert.ok(paged.results.length > 0);
});

test('a site without articles has an index that answers every query with nothing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'unionpress-empty-'));
  mkdirSync(join(root, 'content'));
  writeFileSync(join(root, 'site.yaml'), 'title: 空站\nbase_url: https://empty.example.org\n');
  execFileSync(BIN, ['build', '--quiet', '--root', root, '--output', join(root, 'public')], { stdio: 'pipe' });
  const empty = createSearch({ fetch: fileFetch(join(root, 'public/search')) });
  for (const q of ['', '工会', '工会驿站', 'app', '"12351热线"']) {
    const res = await empty.query({ q, region: q ? '' : '安徽省' });
    assert.equal(res.total, 0, q);
    assert.deepEqual(res.results, []);
  }
  assert.equal((await empty.query({})).total, 0);
});

test('a query downloads only what it needs', async () => {
  const reads = [], parts = [];
  const fresh = createSearch({ store: tracedIndex(openIndex(fileFetch(join(out, 'search'), reads)), parts) });
  await fresh.search({ region: '安徽省' });
  assert.deepEqual(reads.map((x) => x[0]).sort(), ['facets.bin', 'keys.bin', 'meta.json']);
  reads.length = 0;
  await fresh.search({ q: '驿站' });
  assert.ok(parts.every((p) => p.startsWith('t/') || p.startsWith('s/')), 'a two-character query needs no positions');
  assert.ok(parts.some((p) => p.startsWith('s/')), 'it needs the body segments of its first occurrences');
  assert.ok(reads.every(([p]) => p.startsWith('terms-')), 'all of it from the term packs');
  parts.length = 0;
  await fresh.query({ q: '工会驿站' });
  assert.ok(!parts.some((p) => p.startsWith('p/')), 'a four-character query is one lookup');
  assert.ok(parts.some((p) => p.startsWith('d/')), 'documents are fetched for the results shown');
  parts.length = 0;
  await fresh.query({ q: '工会驿站二十' });
  assert.ok(parts.some((p) => p.startsWith('p/')), 'a longer one checks positions');
});

test('query parsing: terms, quotes, segments', () => {
  assert.deepEqual(parseQuery('工会 驿站').map((t) => t.segments.map((s) => s.text)), [['工会'], ['驿站']]);
  const [mixed] = parseQuery('12351热线');
  assert.deepEqual(mixed.segments.map((s) => [s.type, s.text]), [['word', '12351'], ['cjk', '热线']]);
  const quoted = parseQuery('“产改 工作” APP');
  assert.equal(quoted[0].quoted, true);
  assert.deepEqual(quoted[0].segments.map((s) => s.text), ['产改', '工作']);
  assert.deepEqual(quoted[1].segments.map((s) => s.text), ['app']);
  assert.deepEqual(parseQuery('<script>'), [{ quoted: false, segments: [{ type: 'word', text: 'script', start: 1, end: 7 }] }]);
});

test('highlighting marks matches without touching the text', () => {
  const parts = highlight('泾县总工会<b>APP</b>', [{ chars: [...'工会'], word: false }, { chars: [...'app'], word: true }]);
  assert.equal(parts.map((p) => p.text).join(''), '泾县总工会<b>APP</b>');
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['工会', 'APP']);
});
