// search-tokenize.js: characters, query parsing and key order, as
// tokenize.rs has them (the folding table has its own file, fold.test.mjs,
// so that here it is never loaded).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  MAX_QUERY_CHARS, cmpKey, isCjk, isWordChar, normChar, parseQuery,
} from '../../themes/default/static/search-tokenize.js';

test('CJK, word and other characters', () => {
  for (const c of ['工', '〇', 'か', 'カ', '한', '㐀', '𠀀', '豈']) assert.ok(isCjk(c.codePointAt(0)), c);
  for (const c of ['a', 'Z', '7', 'é', 'Ж', '，', ' ', '-']) assert.ok(!isCjk(c.codePointAt(0)), c);
  for (const c of ['a', 'Z', '7', 'é', 'Ж', '٣']) assert.ok(isWordChar(c), c);
  for (const c of ['工', '，', ' ', '-', '·', '“']) assert.ok(!isWordChar(c), c);
});

test('normChar: full-width to ASCII, lower case, one character to one', () => {
  assert.equal(normChar('Ａ'), 'a');
  assert.equal(normChar('１'), '1');
  assert.equal(normChar('　'), ' ');
  assert.equal(normChar('Q'), 'q');
  assert.equal(normChar('É'), 'é');
  assert.equal(normChar('工'), '工');
  // İ lowers to two characters: kept as it is.
  assert.equal(normChar('İ'), 'İ');
});

test('parseQuery: terms by whitespace, quotes, segments with their places', () => {
  const q = parseQuery('工会驿站 “劳模 工匠” ＡＰＰ2024年');
  assert.deepEqual(q.map((t) => [t.quoted, t.segments.map((s) => [s.type, s.text, s.start, s.end])]), [
    [false, [['cjk', '工会驿站', 0, 4]]],
    [true, [['cjk', '劳模', 6, 8], ['cjk', '工匠', 9, 11]]],
    [false, [['word', 'app2024', 13, 20], ['cjk', '年', 20, 21]]],
  ]);
  assert.deepEqual(parseQuery('  ，。!! '), []);
  assert.deepEqual(parseQuery('"unclosed 工会').map((t) => t.quoted), [true]);
  assert.deepEqual(parseQuery(null), []);
  const long = parseQuery('工'.repeat(200));
  assert.equal(long[0].segments[0].text.length, MAX_QUERY_CHARS);
});

test('cmpKey orders keys by code point, as Rust orders str', () => {
  const keys = ['a', 'ab', 'b', '工', '工会', '\u{20000}', '\uff01', '\ue000', 'z'];
  const byCodePoint = [...keys].sort((x, y) => {
    const a = [...x].map((c) => c.codePointAt(0)), b = [...y].map((c) => c.codePointAt(0));
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
  assert.deepEqual([...keys].sort(cmpKey), byCodePoint);
  // UTF-16 order would put the surrogate pair first: the case cmpKey mends.
  assert.ok(cmpKey('\u{20000}', '\uff01') > 0);
  assert.equal(cmpKey('工会', '工会'), 0);
});
