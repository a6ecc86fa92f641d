// The fixture site of the search tests (tests/fixtures/search), read for
// brute-force comparisons and built into a search index.
//
// The index is built by the generator (`unionpress build`, the binary from
// $UNIONPRESS_BIN or target/debug/unionpress). Until the generator builds
// whole sites, the `search_index` example writes the same index from the
// articles parsed here.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    title: [d.title],
    meta: [d.kicker, d.subtitle, d.summary, ...d.people, ...d.organisations,
      ...d.programmes.map((p) => p[0]), ...d.awards.map((a) => a[0]), ...d.region, ...d.tags],
    body: [d.body],
  };
}

function generatorBuilds(bin) {
  if (!existsSync(bin)) return false;
  try {
    return /\bbuild\b/.test(execFileSync(bin, ['--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch {
    return false;
  }
}

/** Builds the fixture; returns the output folder (with `search/` in it). */
export function buildFixture() {
  const out = mkdtempSync(join(tmpdir(), 'unionpress-search-'));
  const bin = process.env.UNIONPRESS_BIN || join(ROOT, 'target/debug/unionpress');
  if (generatorBuilds(bin)) {
    execFileSync(bin, ['build', '--root', FIXTURE, '--output', out], { stdio: 'pipe' });
    return out;
  }
  const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
  const example = join(target, 'debug/examples/search_index');
  if (!existsSync(example)) throw new Error(`neither ${bin} nor ${example} exists: run cargo build --examples`);
  const json = join(out, 'docs.json');
  writeFileSync(json, JSON.stringify(fixtureDocs()));
  execFileSync(example, [json, out], { stdio: 'pipe' });
  return out;
}

/** A fetch for createSearch that reads the index folder and counts bytes. */
export function fileFetch(indexDir, log = []) {
  return async (path) => {
    const data = readFileSync(join(indexDir, path));
    log.push([path, data.length]);
    return data;
  };
}

/**
 * Until the generator renders pages, a stand-in for `build`'s search page:
 * search.html's blocks in a minimal page, and the theme's static files.
 * Used only when the generator is missing.
 */
export function renderSearchPageStandIn(out) {
  const page = join(out, 'search/index.html');
  if (existsSync(page)) return;
  const theme = join(ROOT, 'themes/default');
  const tpl = readFileSync(join(theme, 'templates/search.html'), 'utf8');
  const block = (name) => (new RegExp(`{% block ${name} %}([\\s\\S]*?){% endblock %}`).exec(tpl) || [, ''])[1]
    .replaceAll('{{ base_path }}', '/');
  writeFileSync(page, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
<title>${block('title')}</title>${block('head')}</head>
<body><header><a href="/">搜索测试站</a></header><main>${block('main')}</main></body></html>`);
  for (const f of ['search.js', 'search-engine.js', 'search.css']) writeFileSync(join(out, f), readFileSync(join(theme, 'static', f)));
}
