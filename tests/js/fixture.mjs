// The fixture site of the search tests (tests/fixtures/search), read for
// brute-force comparisons and built into a search index.
//
// The site is built by the generator (`unionpress build`, the binary from
// $UNIONPRESS_BIN or target/debug/unionpress); the articles are also read
// here, independently of the generator, for the brute-force expectations
// (the fixture's bodies are plain paragraphs, so their text is the source).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FOLDS } from '../../themes/default/static/search-fold.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE = join(ROOT, 'tests/fixtures/search');

/** Parses the small YAML subset the fixture uses. */
function parseFrontMatter(text) {
  const out = {};
  let listKey = null, item = null;
  const value = (v) => {
    v = v.trim();
    if (v.startsWith('[')) return v.slice(1, -1).split(',').map((x) => x.trim()).filter(Boolean);
    return v;
  };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let m;
    if ((m = /^  - (\w+): (.*)$/.exec(line))) {
      item = { [m[1]]: value(m[2]) };
      out[listKey].push(item);
    } else if ((m = /^    (\w+): (.*)$/.exec(line))) {
      item[m[1]] = value(m[2]);
    } else if ((m = /^(\w+):\s*(.*)$/.exec(line))) {
      if (m[2] === '') { listKey = m[1]; out[m[1]] = []; } else out[m[1]] = value(m[2]);
    } else throw new Error(`fixture front matter: cannot read ${line}`);
  }
  return out;
}

function readMd(path) {
  const text = readFileSync(path, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  return { front: parseFrontMatter(m[1]), body: m[2].trim() };
}

function walk(dir) {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function registry(kind) {
  const dir = join(FIXTURE, 'content', kind);
  return readdirSync(dir).sort().map((f) => {
    const { front } = readMd(join(dir, f));
    return { key: basename(f, '.md'), title: front.title, names: [front.title, ...(front.names || [])] };
  });
}

/** The fixture's articles as the index sees them (SearchDoc fields). */
export function fixtureDocs() {
  const programmes = registry('programmes'), awards = registry('awards');
  const resolve = (reg, name) => {
    const r = reg.find((x) => x.names.includes(name));
    if (!r) throw new Error(`fixture: unknown registry name ${name}`);
    return [r.title, r.key];
  };
  return walk(join(FIXTURE, 'content/articles')).map((path) => {
    const { front, body } = readMd(path);
    const awardList = (front.awards || []).map((a) => (typeof a === 'string' ? { name: a } : a));
    return {
      url: `/articles/${basename(path, '.md')}/`,
      title: front.title,
      kicker: front.kicker || '',
      subtitle: front.subtitle || '',
      summary: front.summary || body.split('\n\n')[0],
      body: body.split(/\n\n+/).join('\n'),
      kind: front.kind || 'news',
      people: [...(front.authors || []), ...(front.correspondents || []), ...awardList.flatMap((a) => a.recipients || [])],
      organisations: front.organisations || [],
      programmes: (front.programmes || []).map((p) => resolve(programmes, p)),
      awards: awardList.map((a) => resolve(awards, a.name)),
      region: front.region ? front.region.split('/') : [],
      tags: front.tags || [],
      date: front.date,
      year: Number(front.date.slice(0, 4)),
    };
  });
}

/** Every text of a doc that search reads, with the field's tier. */
export function docTexts(d) {
  return {
    title: [d.title].map(fold),
    meta: [d.kicker, d.subtitle, d.summary, ...d.people, ...d.organisations,
      ...d.programmes.map((p) => p[0]), ...d.awards.map((a) => a[0]), ...d.region, ...d.tags].map(fold),
    body: [d.body].map(fold),
  };
}

const FOLD = new Map();
for (let i = 0, c = [...FOLDS]; i < c.length; i += 2) FOLD.set(c[i], c[i + 1]);
/** Traditional characters to simplified, as the index folds them (the
 * table is the one tokenize.rs's test checks), so that the brute-force
 * scans compare what a reader means. */
export function fold(s) {
  return [...String(s ?? '')].map((c) => FOLD.get(c) ?? c).join('');
}

/** The generator: $UNIONPRESS_BIN, or target/debug/unionpress. */
export const BIN = process.env.UNIONPRESS_BIN || join(ROOT, 'target/debug/unionpress');

/** Builds the fixture site with the generator; returns the output folder. */
export function buildFixture() {
  if (!existsSync(BIN)) throw new Error(`${BIN} does not exist: run cargo build (or set UNIONPRESS_BIN)`);
  const out = mkdtempSync(join(tmpdir(), 'unionpress-search-'));
  execFileSync(BIN, ['build', '--quiet', '--root', FIXTURE, '--output', join(out, 'site')], { stdio: 'pipe' });
  return join(out, 'site');
}

/** A fetch for createSearch that reads the index folder (the range asked
 * for, if any) and logs [path, bytes] of each read. */
export function fileFetch(indexDir, log = []) {
  return async (path, range) => {
    let data = readFileSync(join(indexDir, path));
    if (range) data = data.subarray(range.start, range.end);
    log.push([path, data.length]);
    return data;
  };
}

/** An opened index whose reads of term page parts and documents are
 * logged in `log`, by name: `t/<page>`, `s/<page>`, `p/<page>` (dictionary
 * and postings, body segments, positions), `c/<id>` (a card) and
 * `d/<id>-<segment>` (a body segment). */
export function tracedIndex(index, log) {
  const PARTS = ['t', 's', 'p'];
  const ids = new Map();
  return {
    ...index,
    part(n, k) { log.push(`${PARTS[k]}/${n}`); return index.part(n, k); },
    async card(id) {
      log.push(`c/${id}`);
      const card = await index.card(id);
      ids.set(JSON.stringify(card.t), id);
      return card;
    },
    text(card, seg = 0) { log.push(`d/${ids.get(JSON.stringify(card.t))}-${seg}`); return index.text(card, seg); },
  };
}
