// Format 4 (packs read by range) against format 3 (a file per term page
// part and per document segment): the same engine over each layout of the
// fixture's index answers every query identically — results, ranking,
// facet counts, snippets. Run with `node --test tests/js/`.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BIN, FIXTURE, ROOT, fixtureDocs, fileFetch } from './fixture.mjs';

const GEN = process.env.UNIONPRESS_GEN || join(ROOT, 'target/debug/gen-corpus');
import { inflate } from '../../themes/default/static/search-store.js';
import { createSearch, isCjk } from '../../themes/default/static/search.js';

/** Format 3 as the engine reads an index: a file per part. */
function formatThree(dir) {
  const file = (path) => readFileSync(join(dir, path));
  let shared;
  const init = () => (shared ||= (async () => {
    const meta = JSON.parse(file('meta.json'));
    assert.equal(meta.format, 3);
    return { meta, facets: await inflate(file('facets.bin')), keys: meta.pages ? new TextDecoder().decode(await inflate(file('keys.bin'))).split('\n') : [] };
  })());
  return {
    init,
    async pageOf(key, cmp) {
      const { keys } = await init();
      if (!keys.length) return -1;
      let ans = 0;
      keys.forEach((k, i) => { if (cmp(k, key) <= 0) ans = i; });
      return ans;
    },
    async pageKey(n) { return (await init()).keys[n] ?? null; },
    async part(n, k) { return inflate(file(`${['t', 's', 'p'][k]}/${n}.bin`)); },
    async doc(id, seg = 0) {
      return JSON.parse(new TextDecoder().decode(await inflate(file(seg ? `d/${id}-${seg}.bin` : `d/${id}.bin`))));
    },
  };
}

/** The engines over both layouts of the site at `root`. */
function engines(root, perPage) {
  const build = (format) => {
    const out = join(mkdtempSync(join(tmpdir(), `unionpress-format${format}-`)), 'site');
    execFileSync(BIN, ['build', '--quiet', '--root', root, '--output', out], {
      stdio: 'pipe', env: { ...process.env, UNIONPRESS_SEARCH_FORMAT: String(format) },
    });
    return join(out, 'search');
  };
  const dir = build(4);
  return [
    createSearch({ fetch: fileFetch(dir), perPage }),
    createSearch({ store: formatThree(build(3)), perPage }),
    dir,
  ];
}

async function compare(four, three, queries, filters) {
  let compared = 0;
  for (const q of queries) {
    for (const f of filters(q)) {
      const a = await four.query({ q, ...f }), b = await three.query({ q, ...f });
      assert.deepEqual({ ...a, all: [...a.all] }, { ...b, all: [...b.all] }, `query ${q} ${JSON.stringify(f)}`);
      compared++;
    }
  }
  return compared;
}

/** CJK runs of 1–7 characters cut from `texts`. */
function runs(texts, qs = new Set()) {
  for (const text of texts) {
    const chars = [...text];
    for (let n = 1; n <= 7; n++) {
      for (let i = 0; i + n <= chars.length; i += n) {
        const sub = chars.slice(i, i + n).join('');
        if ([...sub].every((c) => isCjk(c.codePointAt(0)))) qs.add(sub);
      }
    }
  }
  return qs;
}

test('both layouts answer every query of the fixture identically', async () => {
  const [four, three] = engines(FIXTURE, 1000);
  const qs = runs(fixtureDocs().flatMap((d) => [d.title, d.summary, d.body]), new Set(['app', 'APP', '"app"', 'apple',
    '12351', '1235', '2024', '12351热线', '"12351热线"', '工会 驿站', '"工会 驿站"', '驿站 app', '五一劳动奖章',
    '工会驿站二十家', '职工维权热线12351', '']));
  const filters = [{}, { region: '安徽省' }, { programme: 'chan-gai' }, { year: '2023' }];
  const compared = await compare(four, three, qs, (q) => (q.length <= 2 ? filters : [{}]));
  assert.ok(compared > 1000, `only ${compared} queries compared`);
});

test('both layouts answer identically on a site of many bundles and packs', async () => {
  const root = mkdtempSync(join(tmpdir(), 'unionpress-layouts-'));
  execFileSync(GEN, ['--articles', '400', '--seed', '3', '--out', root], { stdio: 'pipe' });
  const [four, three, dir] = engines(root, 10);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  assert.ok(meta.pages > 3 * meta.bundle, `${meta.pages} pages`);
  assert.ok(readdirSync(dir).includes('terms-1.bin'), 'several term packs');
  const titles = readdirSync(join(root, 'content/articles'), { recursive: true })
    .filter((f) => f.endsWith('.md')).slice(0, 40)
    .map((f) => /\ntitle: (.*)\n/.exec(readFileSync(join(root, 'content/articles', f), 'utf8'))?.[1] || '');
  // Word prefixes that span pages and bundles, and runs from the titles.
  const qs = runs(titles, new Set(['1', '2', '20', '12351', 'a', 'app', '工', '工会', '产改', '新就业形态劳动者']));
  const compared = await compare(four, three, qs, () => [{}, { page: '2' }]);
  assert.ok(compared > 300, `only ${compared} queries compared`);
});
