// Traditional-to-simplified folding in the client: the table is loaded only
// for text that has a character to fold, and folds as tokenize.rs does
// (the Rust test `the_client_folds_by_the_same_table` checks the files).
// Its own file, so that no other test has loaded the table before.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FOLDS } from '../../themes/default/static/search-fold.js';
import { needsFolds, loadFolds, normChar, parseQuery } from '../../themes/default/static/search-engine.js';

test('the key bitmap names exactly the characters of the table, and the table loads only for them', async () => {
  const table = new Map();
  for (let i = 0, c = [...FOLDS]; i < c.length; i += 2) table.set(c[i], c[i + 1]);
  assert.ok(table.size > 3000);
  // Simplified text, kana, full-width forms and ASCII need nothing more.
  assert.equal(await needsFolds('工会产改职工之家劳模工匠ａｐｐ12351かな'), false);
  for (const cp of [...Array(0x9fff - 0x3400 + 1).keys()].map((i) => i + 0x3400)) {
    const c = String.fromCodePoint(cp);
    assert.equal(await needsFolds(c), table.has(c), c);
  }
  for (const c of table.keys()) assert.ok(await needsFolds(c), c);
  // Before the table is loaded nothing folds; after, as the index does.
  assert.equal(normChar('產'), '產');
  await loadFolds();
  assert.equal(await needsFolds('產改'), false);
  for (const [t, s] of table) assert.equal(normChar(t), s, t);
  assert.equal(normChar('乾'), '乾');
  assert.equal(normChar('Ａ'), 'a');
  assert.deepEqual(parseQuery('職工之家 ＡＰＰ').map((t) => t.segments.map((s) => s.text)), [['职工之家'], ['app']]);
});
