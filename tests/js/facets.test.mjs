// search-facets.js: the filters and the facet counts against a naive count
// over a small made-up site (each facet counted over the docs that pass
// every other filter).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { facetTables, filter } from '../../themes/default/static/search-facets.js';
import { decodeFacets } from '../../themes/default/static/search-decode.js';
import { encodeFacets } from './memory-index.mjs';

// Ten docs, newest first: programme, award, region, year.
const DOCS = [
  ['站', '', '北京/朝阳', 2024], ['站', '劳模', '北京', 2024], ['', '劳模', '上海/浦东', 2024],
  ['产改', '', '上海', 2023], ['产改', '工匠', '', 2023], ['站', '', '北京/朝阳', 2023],
  ['', '', '', 2022], ['产改', '劳模', '上海/浦东', 2022], ['站', '工匠', '北京', 2022], ['', '', '上海', 2021],
].map(([programme, award, region, year]) => ({ programme, award, region, year }));

function tables() {
  const values = (k) => [...new Set(DOCS.map((d) => d[k]).filter(Boolean))].sort();
  const programmes = values('programme'), awards = values('award'), regions = values('region');
  const years = [];
  DOCS.forEach((d, id) => {
    const last = years[years.length - 1];
    if (last && last[0] === d.year) last[2] = id + 1; else years.push([d.year, id, id + 1]);
  });
  const ids = (k, v) => DOCS.flatMap((d, id) => (d[k] === v ? [id] : []));
  const bytes = encodeFacets(
    { programmes: programmes.map((key) => ({ key, title: key + '!' })), awards: awards.map((key) => ({ key, title: key })), regions },
    { programmes: programmes.map((v) => ids('programme', v)), awards: awards.map((v) => ids('award', v)), regions: regions.map((v) => ids('region', v)) });
  return facetTables({ format: 7, docs: DOCS.length, years }, decodeFacets(bytes));
}

const passes = (d, p, skip) =>
  (skip === 'programme' || !p.programme || d.programme === p.programme) &&
  (skip === 'award' || !p.award || d.award === p.award) &&
  (skip === 'region' || !p.region || d.region === p.region || d.region.startsWith(p.region + '/')) &&
  (skip === 'year' || !p.year || String(d.year) === p.year);

test('region values are every path and its ancestors, parents first', () => {
  const S = tables();
  assert.deepEqual(S.valueList.region.map((v) => [v.key, v.title, v.depth]), [
    ['上海', '上海', 0], ['上海/浦东', '浦东', 1], ['北京', '北京', 0], ['北京/朝阳', '朝阳', 1],
  ]);
  assert.deepEqual(S.valueList.year.map((v) => v.key), ['2024', '2023', '2022', '2021']);
  assert.deepEqual(S.valueList.programme.map((v) => v.title), ['产改!', '站!']);
});

test('every combination of filters: the docs that pass, in the given order, and the counts', () => {
  const S = tables();
  const choices = {
    programme: ['', '站', '产改', '不存在'], award: ['', '劳模', '工匠'],
    region: ['', '北京', '上海/浦东', '上海'], year: ['', '2024', '2022', '1999'],
  };
  const ranked = Uint32Array.from([9, 3, 0, 7, 1, 8, 2, 5]);
  for (const programme of choices.programme) for (const award of choices.award)
    for (const region of choices.region) for (const year of choices.year) for (const order of [null, ranked]) {
      const p = { programme, award, region, year };
      const { all, facets } = filter(S, order, p);
      const candidates = order ? [...order] : DOCS.map((_, i) => i);
      const known = programme !== '不存在' && year !== '1999';
      assert.deepEqual([...all], known ? candidates.filter((id) => passes(DOCS[id], p)) : [], JSON.stringify(p));
      for (const name of ['programme', 'award', 'region', 'year']) {
        for (const v of facets[name]) {
          const want = !known ? 0 : candidates.filter((id) => passes(DOCS[id], p, name) &&
            (name === 'region' ? DOCS[id].region === v.key || DOCS[id].region.startsWith(v.key + '/') : String(DOCS[id][name]) === v.key)).length;
          assert.equal(v.count, want, `${JSON.stringify(p)} ${name}=${v.key}`);
          assert.equal(v.selected, p[name] === v.key, `${name}=${v.key} selected`);
        }
      }
    }
});
