// Snippets from body segments: the index sends, for each result, only the
// segment of its body that holds the first match (src/search/store.rs), so
// the snippet must be the one cut from the whole document, wherever the
// match is. A generated site of long articles (deterministic, from a small
// alphabet so that n-grams repeat at every depth) is built with the
// generator; every result of many queries is compared with the snippet of
// the whole article, and the results with a brute-force scan.
// Run with `node --test tests/js/`.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BIN, fileFetch, tracedIndex } from './fixture.mjs';
import { openIndex } from '../../themes/default/static/search-store.js';
import { createSearch, parseQuery, snippet } from '../../themes/default/static/search-engine.js';
import { needlesOf, needsNext } from '../../themes/default/static/search-snippet.js';

const HANZI = [...'工会职工劳模工匠产业改革驿站技能竞赛新就业形态劳动者心理健康帮扶服务'];
const WORDS = ['app', 'apple', 'xapp', '12351', 'a12351', '5g'];
/** Sentence and clause breaks, which the snippet's context stops at. */
const BREAKS = ['，', '。'];

let seed = 20241;
function next(n) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
}

/** A paragraph of `n` characters: mostly Hanzi, some words and breaks. */
function paragraph(n) {
  let out = '';
  while ([...out].length < n) {
    const r = next(20);
    if (r === 0) out += ` ${WORDS[next(WORDS.length)]} `;
    else if (r === 1) out += BREAKS[next(BREAKS.length)];
    else out += HANZI[next(HANZI.length)];
  }
  return out;
}

const docs = [];
let dir, engine, log;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'unionpress-segments-'));
  mkdirSync(join(dir, 'content/articles'), { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), 'title: 长文测试\nbase_url: https://long.example.org\n');
  const hanzi = (n) => Array.from({ length: n }, () => HANZI[next(HANZI.length)]).join('');
  for (let i = 0; i < 25; i++) {
    // 1 to 8 paragraphs of 40–600 characters: bodies of 40 to ~4,000.
    const paras = Array.from({ length: 1 + next(8) }, () => paragraph(40 + next(560)));
    // The last article: segment 1 (from char 512, its file from char 487)
    // starts inside the word xapp, which `app` does not match; `app` first
    // occurs at char 601.
    if (i === 24) paras.splice(0, paras.length, `${hanzi(486)}xapp${hanzi(110)} app ${hanzi(300)}`);
    const summary = i % 3 === 0 ? paragraph(30 + next(60)) : '';
    const subtitle = i % 4 === 0 ? paragraph(10) : '';
    const kicker = i % 5 === 0 ? paragraph(8) : '';
    const title = paragraph(6 + next(10)).replace(/ /g, '');
    const date = `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}`;
    const front = [`title: ${title}`, `date: ${date}`];
    if (summary) front.push(`summary: ${summary.trim()}`);
    if (subtitle) front.push(`subtitle: ${subtitle.trim()}`);
    if (kicker) front.push(`kicker: ${kicker.trim()}`);
    writeFileSync(join(dir, `content/articles/a${i}.md`), `---\n${front.join('\n')}\n---\n\n${paras.map((p) => p.trim()).join('\n\n')}\n`);
    docs.push({
      url: `/articles/a${i}/`,
      title,
      summary: summary ? summary.trim() : paras[0].trim(),
      subtitle: subtitle.trim(),
      kicker: kicker.trim(),
      // The plain text of the body: a line a paragraph.
      body: paras.map((p) => p.trim() + '\n').join(''),
    });
  }
  execFileSync(BIN, ['build', '--quiet', '--root', dir, '--output', join(dir, 'public')], { stdio: 'pipe' });
  log = [];
  engine = createSearch({ fetch: fileFetch(join(dir, 'public/search'), log), perPage: 1000 });
});

/** The needles of a query, as the engine highlights them. */
function needles(q) {
  return parseQuery(q).flatMap((t) => t.segments.map((s) => ({
    chars: [...s.text], word: s.type === 'word', whole: s.type === 'word' && t.quoted,
  })));
}

/** Queries: CJK substrings of 1–7 chars from every depth of the bodies,
 * words and numbers (by prefix and quoted), and two-term queries. */
function queries() {
  const qs = new Set(['app', 'apple', '"app"', '12351', 'a1', '5g', 'app 劳模', '"12351" 工会', '驿站 app']);
  for (const d of docs) {
    const chars = [...d.body];
    for (let k = 0; k < 6; k++) {
      const len = 1 + next(7);
      const at = next(Math.max(1, chars.length - len));
      const sub = chars.slice(at, at + len).join('');
      if (/^[\u4e00-\u9fff]+$/u.test(sub)) qs.add(sub);
    }
  }
  return [...qs];
}

test('every snippet is the one cut from the whole article, wherever the match is', async () => {
  const byUrl = new Map(docs.map((d) => [d.url, d]));
  let deep = 0, checked = 0;
  for (const q of queries()) {
    const res = await engine.query({ q });
    const nd = needles(q);
    res.results.forEach((r, i) => {
      const whole = snippet(byUrl.get(r.url), nd);
      assert.deepEqual(r.snippet, whole, `query ${q}, ${r.url}`);
      if (res.segs[i] > 0) deep++;
      checked++;
    });
  }
  assert.ok(checked > 300, `only ${checked} results checked`);
  assert.ok(deep > 50, `only ${deep} results had their first match past the first segment`);
});

test('results are exactly the articles that contain the query, at any depth', async () => {
  for (const q of queries().filter((q) => /^[\u4e00-\u9fff]+$/u.test(q))) {
    const expected = docs.filter((d) => [d.title, d.summary, d.subtitle, d.kicker, d.body].some((t) => t.includes(q)))
      .map((d) => d.url).sort();
    const got = (await engine.search({ q })).all.length ? (await engine.query({ q })).results.map((r) => r.url).sort() : [];
    assert.deepEqual(got, expected, q);
  }
});

test('a quoted run of 2–6 characters and a word match only together, the word whole', async () => {
  let checked = 0;
  for (const d of docs) {
    const text = d.body;
    for (const m of text.matchAll(/([\u4e00-\u9fff]{2,6}) ([a-z0-9]+)/gu)) {
      const q = `"${m[1]} ${m[2]}"`;
      // The run, at most one char, then the word as a whole word.
      const re = new RegExp(`${m[1]}.?${m[2]}(?![a-z0-9])`, 'u');
      const expected = docs.filter((x) => [x.title, x.summary, x.subtitle, x.kicker, x.body].some((t) => re.test(t)))
        .map((x) => x.url).sort();
      const got = (await engine.search({ q })).all.length ? (await engine.query({ q })).results.map((r) => r.url).sort() : [];
      assert.deepEqual(got, expected, q);
      if (++checked % 8 === 0) break;
    }
  }
  assert.ok(checked > 40, `only ${checked} phrases checked`);
});

test('a word cut by the start of a segment file is not taken for a match', async () => {
  const res = await engine.query({ q: 'app' });
  const i = res.results.findIndex((r) => r.url === '/articles/a24/');
  assert.equal(res.segs[i], 1);
  const marked = res.results[i].snippet.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked, ['app']);
  assert.deepEqual(res.results[i].snippet, snippet(docs[24], needles('app')));
});

test('a result costs one document file, the segment of its first match, and the next where the window runs past it', async () => {
  let joined = 0;
  for (const q of ['工会', '劳模工匠', '劳模工', 'app', '驿站 app', '驿站', '劳模']) {
    const reads = [], parts = [];
    const fresh = createSearch({ store: tracedIndex(openIndex(fileFetch(join(dir, 'public/search'), reads)), parts), perPage: 10 });
    const res = await fresh.query({ q });
    const files = parts.filter((p) => p.startsWith('d/'));
    const firsts = res.ids.map((id, i) => `d/${id}-${res.segs[i]}`);
    assert.deepEqual(files.filter((f) => firsts.includes(f)).sort(), [...firsts].sort(), q);
    // The others: the segment right after a result's first, read only when
    // the snippet's window reaches the end of that segment's file.
    const nexts = files.filter((f) => !firsts.includes(f));
    for (const f of nexts) {
      const [id, seg] = f.slice(2).split('-').map(Number);
      const i = res.ids.indexOf(id);
      assert.ok(i >= 0 && res.segs[i] + 1 === seg, `${q}: ${f}`);
      const first = await fresh.docs([id], [res.segs[i]]);
      assert.ok(needsNext(first[0], needlesOf(res.terms)), `${q}: ${f} read without need`);
    }
    joined += nexts.length;
    // Each costs its card and those segments: at most one read each, fewer
    // where near ones are read together; of the cards, exactly the page's
    // own bytes (cards that touch are read together, no other card).
    const n = res.results.length;
    const { card } = (await fresh.init()).meta;
    for (const pack of ['cards-', 'texts-']) {
      const own = reads.filter(([p]) => p.startsWith(pack));
      const most = pack === 'texts-' ? files.length : n;
      assert.ok(own.length >= 1 && own.length <= most, `${q}: ${own.length} reads of ${pack}`);
      if (pack === 'cards-') {
        const bytes = own.reduce((s, [, len]) => s + len, 0);
        assert.equal(bytes, n * card, `${q}: ${bytes} bytes of cards`);
      }
    }
  }
  assert.ok(joined > 0, 'no window ran past its segment: the case is not tested');
});
