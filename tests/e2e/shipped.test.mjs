// The theme's scripts as a built site ships them (src/render/shipped.rs
// takes their whole-line comments and indentation out): each still parses
// as a module, and each keeps every line of code of its source, in order.
// The browser tests run against built sites, so they run the shipped code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE, REPO, build } from './site.mjs';

const out = build(FIXTURE);
const THEME = join(REPO, 'themes', 'default', 'static');
const scripts = readdirSync(THEME).filter((f) => f.endsWith('.js'));

test('every shipped script parses', () => {
  assert.ok(scripts.length > 10);
  for (const name of scripts) {
    // --check parses without running; .mjs so that import/export parse.
    const r = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: readFileSync(join(out, name)), encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
});

// A licence or attribution (the vendored inflate's MIT notice, the OpenCC
// tables' Apache-2.0 credit) travels with its file: such a file ships as it is.
const NOTICE = /licen|copyright|apache-2\.0/i;

test('a script with a licence or attribution ships as it is', () => {
  const noticed = scripts.filter((name) => NOTICE.test(readFileSync(join(THEME, name), 'utf8')));
  assert.ok(noticed.includes('search-inflate.js'));
  for (const name of noticed) {
    assert.equal(readFileSync(join(out, name), 'utf8'), readFileSync(join(THEME, name), 'utf8'), name);
  }
});

test('a shipped script is its source less blank and comment lines', () => {
  for (const name of scripts) {
    if (NOTICE.test(readFileSync(join(THEME, name), 'utf8'))) continue;
    const source = readFileSync(join(THEME, name), 'utf8').split('\n');
    const shipped = readFileSync(join(out, name), 'utf8').split('\n').filter((l) => l !== '');
    assert.ok(shipped.length < source.length, `${name} was not stripped`);
    let i = 0, inBlock = false;
    for (const line of source) {
      const t = line.trim();
      if (!inBlock && i < shipped.length && shipped[i] === t) { i++; continue; }
      assert.ok(inBlock || t === '' || t.startsWith('//') || t.startsWith('/*'), `${name}: a line of code went: ${line}`);
      inBlock = (inBlock || t.startsWith('/*')) && !t.endsWith('*/');
    }
    assert.equal(i, shipped.length, `${name}: line ${i + 1} is not its source's`);
  }
});
