// search-snippet.js: marking a query's segments in a text, and the excerpt
// around a document's first match.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { highlight, needlesOf, snippet, SNIPPET_CHARS } from '../../themes/default/static/search-snippet.js';
import { parseQuery } from '../../themes/default/static/search-tokenize.js';

const needles = (q) => needlesOf(parseQuery(q));
const marked = (parts) => parts.filter((p) => p.mark).map((p) => p.text);
const joined = (parts) => parts.map((p) => p.text).join('');

test('needles: one per segment, words matched from their start, quoted words whole', () => {
  assert.deepEqual(needles('工会 "app" 12351热线').map(({ chars, word, whole }) => [chars.join(''), word, whole]), [
    ['工会', false, false], ['app', true, true], ['12351', true, false], ['热线', false, false],
  ]);
});

test('highlight marks every match, normalised, without changing the text', () => {
  const text = '全国总工会：ＡＰＰ上线，apple 不算，工会工会';
  const parts = highlight(text, needles('工会 "app"'));
  assert.equal(joined(parts), text);
  assert.deepEqual(marked(parts), ['工会', 'ＡＰＰ', '工会工会']);
  // A word matches at a word's start only; unquoted, as a prefix.
  assert.deepEqual(marked(highlight('happy apple', needles('app'))), ['app']);
  assert.equal(highlight('happy apple', needles('app')).find((p) => p.mark).text, 'app');
  // Only matches from char `from` on.
  assert.deepEqual(marked(highlight('工会与工会', needles('工会'), 1)), ['工会']);
  assert.equal(joined(highlight('𠀀工会', needles('工会'))), '𠀀工会');
  assert.deepEqual(highlight('', needles('工会')), []);
});

test('a snippet starts after a clause break before the match, within 24 characters', () => {
  const body = '第一句话很长很长很长很长很长很长很长很长很长。第二句说到工会驿站开放了' + '后文'.repeat(80);
  const s = snippet({ body }, needles('工会驿站'));
  assert.equal(s[0].text, '第二句说到');
  assert.deepEqual(marked(s), ['工会驿站']);
  assert.ok(joined(s).endsWith('…'));
  assert.equal([...joined(s)].length, SNIPPET_CHARS + 1);
});

test('a snippet without a break before the match starts with an ellipsis', () => {
  const body = '甲'.repeat(40) + '工会' + '乙'.repeat(10);
  const s = snippet({ body }, needles('工会'));
  assert.equal(s[0].text, '…' + '甲'.repeat(24));
  assert.equal(joined(s), s[0].text + '工会' + '乙'.repeat(10));
});

test('the body before `at` is context: a match there is not the snippet\'s', () => {
  const doc = { body: '工会在前文。这里没有', at: 6, summary: '摘要里有工会' };
  assert.deepEqual(marked(snippet(doc, needles('工会'))), ['工会']);
  assert.equal(joined(snippet(doc, needles('工会'))), '摘要里有工会');
});

test('without a match, the start of the summary or the body', () => {
  assert.deepEqual(snippet({ body: '正文', summary: '摘要' }, needles('无关')), [{ text: '摘要', mark: false }]);
  const long = '字'.repeat(200);
  assert.deepEqual(snippet({ body: long }, needles('无关')), [{ text: '字'.repeat(SNIPPET_CHARS) + '…', mark: false }]);
});

test('a text marks its traditional characters by the folds it carries, without the folding table', async () => {
  const { foldsOf } = await import('../../themes/default/static/search-snippet.js');
  // No table loaded: 幗 is not 帼 …
  assert.deepEqual(marked(highlight('巾幗建功', needles('巾帼'))), []);
  // … unless the text says so (`f`, as the index stores it).
  assert.deepEqual(marked(highlight('巾幗建功', needles('巾帼'), 0, foldsOf('幗帼'))), ['巾幗']);
  assert.deepEqual(marked(snippet({ body: '她们是巾幗英雄', f: '幗帼' }, needles('巾帼'))), ['巾幗']);
  assert.deepEqual(foldsOf(''), new Map());
});

test('a window that reaches the end of its segment file asks for the next one, and is cut from both', async () => {
  const { needsNext, joinNext } = await import('../../themes/default/static/search-snippet.js');
  const segment = 8;
  // A body cut into files of 8 chars with 2 of lead and tail, as the
  // index cuts it into 512 with 25 and 32.
  const body = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'.repeat(8);
  const chars = [...body];
  const file = (k) => ({ body: chars.slice(Math.max(0, k * segment - 2), k * segment + segment + 2).join(''), at: k ? 2 : 0, more: (k + 1) * segment < chars.length });
  const nd = needles('戊己');
  assert.ok(needsNext(file(0), nd));
  assert.ok(!needsNext({ ...file(0), more: false }, nd));
  assert.ok(!needsNext(file(0), needles('无关')));
  let doc = file(0);
  for (let k = 1; needsNext(doc, nd); k++) doc = joinNext(doc, file(k), segment);
  assert.deepEqual(snippet(doc, nd), snippet({ body }, nd));
  assert.ok(doc.body.length > 2 * segment, 'more than one join');
  assert.ok(!needsNext({ body: '戊己' + '乙'.repeat(200), at: 0, more: true }, nd));
});
