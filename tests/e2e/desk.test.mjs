// The editors' desk in a browser, on a temporary copy of the demo site
// served by the real `unionpress serve`: the token address opens it; a new
// article typed in Chinese through an IME loses and doubles no character,
// takes a programme picked by one of its other names, shows the missing
// date beside the date field until it is given, and is saved with the
// front matter expected (the file parsed as YAML) and shown in the
// preview; editing one field of a demo article changes only that line of
// its file; a file changed on disk meanwhile brings up both versions; the
// unsaved form survives a reload; a bulletin is composed and put in order
// by keyboard and by dragging; an article with errors is saved only as a
// draft; the toolbar writes Markdown and uploads pictures; a programme is
// registered from the form; awards keep their recipients and counts;
// publishing reports its progress to the end; and axe finds no violation
// at 1280 and 375 px, in light and dark colours.
// Run with `node --test tests/e2e/desk.test.mjs` after `cargo build`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

import { demoCopy, ready, serveDesk, typeChinese } from './desk.mjs';
import { REPO, launch } from './site.mjs';

const AXE = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const root = demoCopy();
let served;
let browser;
let context;

before(async () => {
  served = await serveDesk(root);
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(served.desk);
  await ready(page, '#list');
  await page.close();
});
after(async () => {
  await browser?.close();
  served?.process.kill();
});

const frontMatter = (text) => YAML.parse(/^---\n([\s\S]*?)\n---/.exec(text)[1]);
const articleFiles = (dir = join(root, 'content', 'articles')) => readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => join(e.parentPath ?? e.path, e.name));

async function openDesk(hash, viewport, colorScheme = 'light') {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${served.origin}/__unionpress/desk/${hash}`);
  await ready(page, hash);
  return { page, errors };
}

async function saved(page) {
  await page.click('#save');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('save-status').textContent));
}

/** The checks have answered for the form as it is now (no check pending). */
async function checked(page) {
  await page.waitForFunction(() => !/正在检查/.test(document.getElementById('checks-count').textContent)
    && document.getElementById('checks-count').textContent !== '');
}

test('the desk answers only with the cookie the token address sets', async () => {
  const refused = await fetch(`${served.origin}/__unionpress/desk/api/articles`);
  assert.equal(refused.status, 403);
  const { page } = await openDesk('#list');
  const rows = await page.locator('#article-list li').count();
  assert.equal(rows, articleFiles().filter((f) => !f.endsWith('_index.md')).length);
  await page.close();
});

test('the list searches titles and filters by programme, year and status', async () => {
  const { page } = await openDesk('#list');
  const all = await (await page.request.get(`${served.origin}/__unionpress/desk/api/articles`)).json();
  const titles = () => page.locator('#article-list .row-title').allTextContents();
  assert.deepEqual(await titles(), all.map((a) => a.title), 'every article, in the server\'s order (newest first)');
  await page.fill('#filter-q', '工匠');
  assert.deepEqual(await titles(), all.filter((a) => a.title.includes('工匠')).map((a) => a.title));
  await page.fill('#filter-q', '');
  await page.selectOption('#filter-programme', 'chan-gai');
  const changai = all.filter((a) => a.programmes.includes('chan-gai')).map((a) => a.title);
  assert.ok(changai.length > 0);
  assert.deepEqual(await titles(), changai);
  await page.selectOption('#filter-year', '2024');
  assert.deepEqual(await titles(), all.filter((a) => a.programmes.includes('chan-gai') && String(a.year) === '2024').map((a) => a.title));
  await page.selectOption('#filter-programme', '');
  await page.selectOption('#filter-year', '');
  await page.selectOption('#filter-status', 'draft');
  assert.deepEqual(await titles(), all.filter((a) => a.draft && !a.broken).map((a) => a.title));
  await page.close();
});

test('a new article typed in Chinese through an IME is saved with its front matter, and previewed', async () => {
  const { page, errors } = await openDesk('#new=articles');
  const cdp = await context.newCDPSession(page);
  const before = new Set(articleFiles());

  await page.focus('#f-title');
  await typeChinese(cdp, [['zhigong', '职工'], ['jineng', '技能'], ['dasai', '大赛'], ['kaimu', '开幕']]);
  assert.equal(await page.inputValue('#f-title'), '职工技能大赛开幕');

  await page.focus('#f-body');
  await typeChinese(cdp, [['benbaoxun', '本报讯'], ['gongjiang', '工匠'], ['xuetang', '学堂'], ['kaiban', '开班'], ['。', '。']]);
  assert.equal(await page.inputValue('#f-body'), '本报讯工匠学堂开班。');

  // A programme picked by one of its other names (产改), typed through the IME.
  await page.focus('#f-programmes');
  await typeChinese(cdp, [['changai', '产改']]);
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.locator('[data-field="programmes"] .chip span').allTextContents(), ['产业工人队伍建设改革']);

  // A date that does not exist: the error stands beside the date field and
  // in the summary, in the terminal's words, then goes once it is right.
  await page.fill('#f-date', '2025-01-35');
  await page.waitForSelector('#e-date .diag.error');
  assert.match(await page.textContent('#e-date'), /2025-01-35/);
  assert.ok(await page.locator('#checks-list .diag.error').count() >= 1);
  await page.fill('#f-date', '2025-01-15');
  await page.waitForSelector('#e-date .diag.error', { state: 'detached' });
  await checked(page);
  assert.equal(await page.locator('#checks-list .diag.error').count(), 0, await page.textContent('#checks-list'));

  await saved(page);
  const added = articleFiles().filter((f) => !before.has(f));
  assert.equal(added.length, 1, `one new file: ${added}`);
  const text = readFileSync(added[0], 'utf8');
  const fields = frontMatter(text);
  assert.equal(fields.title, '职工技能大赛开幕');
  assert.equal(String(fields.date instanceof Date ? fields.date.toISOString().slice(0, 10) : fields.date), '2025-01-15');
  assert.deepEqual(fields.programmes, ['产业工人队伍建设改革']);
  assert.equal(text.split('本报讯工匠学堂开班。').length, 2, text);

  // The preview shows the page as build renders it.
  const frame = page.frameLocator('#preview');
  await frame.locator('h1', { hasText: '职工技能大赛开幕' }).waitFor();
  assert.match(await frame.locator('body').innerText(), /本报讯工匠学堂开班。/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('editing one field of a demo article changes only that line of its file', async () => {
  const path = 'content/articles/2024/jingxian-changai.md';
  const file = join(root, path);
  const old = readFileSync(file, 'utf8');
  const { page, errors } = await openDesk(`#article=${encodeURIComponent(path)}`);
  assert.equal(await page.inputValue('#f-title'), frontMatter(old).title);
  await page.fill('#f-subtitle', '“产改轻骑兵”驻企指导');
  await checked(page);
  await saved(page);
  const now = readFileSync(file, 'utf8');
  const a = old.split('\n');
  const b = now.split('\n');
  assert.equal(b.length, a.length);
  const changed = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
  assert.equal(changed.length, 1, JSON.stringify(changed));
  assert.match(changed[0][1], /^subtitle: /);
  assert.equal(frontMatter(now).subtitle, '“产改轻骑兵”驻企指导');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file changed on disk after it was opened: both versions shown, the editor chooses', async () => {
  const path = 'content/articles/2024/beilun-gongjiang-xuetang.md';
  const file = join(root, path);
  const { page } = await openDesk(`#article=${encodeURIComponent(path)}`);
  await page.fill('#f-kicker', '工匠学堂分类补助');
  writeFileSync(file, readFileSync(file, 'utf8') + '\n另一位编辑补写的一段。\n');
  await page.click('#save');
  await page.waitForSelector('#conflict[open]');
  assert.match(await page.inputValue('#conflict-disk'), /另一位编辑补写的一段。/);
  assert.doesNotMatch(await page.inputValue('#conflict-disk'), /工匠学堂分类补助/);
  assert.match(await page.inputValue('#conflict-yours'), /工匠学堂分类补助/);
  // Nothing was written yet.
  assert.match(readFileSync(file, 'utf8'), /另一位编辑补写的一段。/);
  await page.click('#conflict-take-yours');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('save-status').textContent));
  const now = readFileSync(file, 'utf8');
  assert.equal(frontMatter(now).kicker, '工匠学堂分类补助');
  assert.doesNotMatch(now, /另一位编辑补写的一段。/);
  await page.close();
});

test('an unsaved form survives a reload', async () => {
  const path = 'content/articles/2024/huaibei-yangroutang.md';
  const { page } = await openDesk(`#article=${encodeURIComponent(path)}`);
  const cdp = await context.newCDPSession(page);
  await page.focus('#f-kicker');
  await typeChinese(cdp, [['dongzhi', '冬至'], ['nuanxin', '暖心']]);
  await page.locator('#f-body').press('End');
  await page.focus('#f-body');
  await page.keyboard.press('Control+End');
  await typeChinese(cdp, [['buchong', '补充']]);
  const body = await page.inputValue('#f-body');
  await page.reload();
  await ready(page, `#article=${encodeURIComponent(path)}`);
  assert.equal(await page.inputValue('#f-kicker'), '冬至暖心');
  assert.equal(await page.inputValue('#f-body'), body);
  assert.ok(await page.isVisible('#restored'));
  // The file itself is untouched until saved.
  assert.doesNotMatch(readFileSync(join(root, path), 'utf8'), /冬至暖心/);
  await page.close();
});

test('a bulletin composed from articles, ordered by keyboard, previewed and saved', async () => {
  const { page, errors } = await openDesk('#bulletin=');
  await page.fill('#b-number', '2025年第2期');
  await page.fill('#b-date', '2025-02-28');
  await page.fill('#b-note', '**编者按** 本期聚焦职工技能。');
  const articles = await (await page.request.get(`${served.origin}/__unionpress/desk/api/articles`)).json();
  const [first, second] = articles.slice(0, 2);
  for (const a of [first, second]) {
    await page.fill('#lineup-search', a.title);
    await page.locator('#lineup-results button', { hasText: a.title }).first().click();
  }
  assert.deepEqual(await page.locator('#lineup .lineup-title').allTextContents(), [first.title, second.title]);
  // The second moved up by keyboard.
  await page.locator('#lineup .lineup-title').nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual(await page.locator('#lineup .lineup-title').allTextContents(), [second.title, first.title]);
  // A third, dragged to the top.
  const third = articles[2];
  await page.fill('#lineup-search', third.title);
  await page.locator('#lineup-results button', { hasText: third.title }).first().click();
  await page.locator('#lineup li').nth(2).dragTo(page.locator('#lineup li').nth(0));
  assert.deepEqual(await page.locator('#lineup .lineup-title').allTextContents(), [third.title, second.title, first.title]);
  // The web version lists them in that order.
  const web = page.frameLocator('#bulletin-preview');
  await web.locator('body', { hasText: first.title }).waitFor();
  const shown = await web.locator('body').innerText();
  assert.ok(shown.indexOf(second.title) < shown.indexOf(first.title), shown);
  for (const kind of ['print', 'email']) {
    await page.click(`#view-bulletin .view-switch button[data-kind="${kind}"]`);
    await web.locator('body', { hasText: first.title }).waitFor();
  }
  // The print version shows the page as on paper: the print style sheet applies.
  await page.click('#view-bulletin .view-switch button[data-kind="print"]');
  await web.locator('body', { hasText: first.title }).waitFor();
  assert.ok(await web.locator('link[href$="print.css"][media="all"]').count() > 0);
  await page.click('#bulletin-form button[type="submit"]');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('bulletin-status').textContent));
  const path = (await page.textContent('#bulletin-path')).trim();
  const fields = frontMatter(readFileSync(join(root, path), 'utf8'));
  assert.equal(fields.number, '2025年第2期');
  assert.deepEqual(fields.articles.map((p) => p.replace(/^content\//, '')),
    [third.path, second.path, first.path].map((p) => p.replace(/^content\//, '')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('an article with errors is saved only as a draft', async () => {
  const { page } = await openDesk('#new=articles');
  const before = new Set(articleFiles());
  await page.fill('#f-title', '日期写错的稿件');
  // A new article starts as a draft; this one is meant to be published.
  assert.ok(await page.isChecked('#f-draft'));
  await page.uncheck('#f-draft');
  await page.fill('#f-date', '2025-02-30');
  await page.waitForSelector('#e-date .diag.error');
  await page.click('#save');
  await page.waitForSelector('#save-draft:not([hidden])');
  assert.deepEqual(articleFiles().filter((f) => !before.has(f)), [], 'nothing written');
  await page.click('#save-draft');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('save-status').textContent));
  const added = articleFiles().filter((f) => !before.has(f));
  assert.equal(added.length, 1);
  const fields = frontMatter(readFileSync(added[0], 'utf8'));
  assert.equal(fields.title, '日期写错的稿件');
  assert.equal(fields.draft, true);
  assert.equal(String(fields.date), '2025-02-30');
  await page.close();
});

test('the toolbar writes Markdown, and pictures are uploaded beside the article', async () => {
  const path = 'content/articles/2024/zibo-gonghui-yizhan.md';
  const { page, errors } = await openDesk(`#article=${encodeURIComponent(path)}`);
  await page.fill('#f-body', '职工之家');
  await page.evaluate(() => document.getElementById('f-body').setSelectionRange(0, 4));
  await page.click('#toolbar [data-tool="bold"]');
  assert.equal(await page.inputValue('#f-body'), '**职工之家**');
  await page.click('#toolbar [data-tool="heading"]');
  assert.equal(await page.inputValue('#f-body'), '## **职工之家**');
  const picture = join(REPO, 'tests', 'fixtures', 'photos', 'small.jpg');
  await page.setInputFiles('#toolbar input[type="file"]', picture);
  await page.waitForFunction(() => /\]\(small\.jpg\)/.test(document.getElementById('f-body').value));
  assert.ok(existsSync(join(root, 'content/articles/2024/small.jpg')));
  // The same picture as the lead image: identical bytes, so accepted under the same name.
  await page.setInputFiles('#f-image-file', picture);
  await page.waitForFunction(() => document.getElementById('f-image').value === 'small.jpg');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a programme not in the registry can be registered from the form', async () => {
  const { page } = await openDesk('#new=articles');
  await page.fill('#f-programmes', '职工书屋建设');
  await page.press('#f-programmes', 'Enter');
  await page.click('[data-field="programmes"] .chip-note button');
  await page.waitForSelector('#registry[open]');
  assert.equal(await page.inputValue('#registry-name'), '职工书屋建设');
  await page.fill('#registry-key', 'zhigong-shuwu');
  await page.fill('#registry-aliases', '职工书屋、书屋建设');
  await page.click('#registry-form button[type="submit"]');
  await page.waitForFunction(() => !document.getElementById('registry').open);
  const file = join(root, 'content', 'programmes', 'zhigong-shuwu.md');
  assert.ok(existsSync(file));
  assert.equal(frontMatter(readFileSync(file, 'utf8')).title, '职工书屋建设');
  const site = await (await page.request.get(`${served.origin}/__unionpress/desk/api/site`)).json();
  assert.ok(site.programmes.some((p) => p.key === 'zhigong-shuwu' && p.names.includes('书屋建设')));
  await page.close();
});

test('awards with their recipients and counts, a region by level, tags and a time of day', async () => {
  const { page, errors } = await openDesk('#new=articles');
  const before = new Set(articleFiles());
  await page.fill('#f-title', '技术状元揭晓');
  await page.fill('#f-date', '2025-03-08');
  await page.fill('#f-date-time', '9:30');
  await page.fill('#f-region-province', '云南省');
  await page.fill('#f-region-city', '昆明市');
  await page.click('[data-field="awards"] button:has-text("添加一项荣誉")');
  // The award by its other name (simplified 帼), kept under its registry title.
  await page.fill('#f-awards-0-name', '全国五一巾帼标兵');
  await page.press('#f-awards-0-name', 'Tab');
  assert.equal(await page.inputValue('#f-awards-0-name'), '全国五一巾幗标兵');
  for (const name of ['张丽', '王芳']) {
    await page.fill('#f-awards-0-recipients', name);
    await page.press('#f-awards-0-recipients', 'Enter');
  }
  await page.fill('#f-awards-0-count', '12');
  await page.fill('#f-tags', '技能竞赛');
  await page.press('#f-tags', 'Enter');
  await checked(page);
  await saved(page);
  const added = articleFiles().filter((f) => !before.has(f));
  assert.equal(added.length, 1);
  const fields = frontMatter(readFileSync(added[0], 'utf8'));
  assert.deepEqual(fields.awards, [{ name: '全国五一巾幗标兵', recipients: ['张丽', '王芳'], count: 12 }]);
  assert.equal(fields.region, '云南省/昆明市');
  assert.deepEqual(fields.tags, ['技能竞赛']);
  assert.equal(String(fields.date), '2025-03-08T09:30:00+08:00');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an article moved to the trash and put back, the same bytes', async () => {
  const path = 'content/articles/2024/luoyang-linli-zhongxin.md';
  const file = join(root, path);
  const bytes = readFileSync(file);
  const { page, errors } = await openDesk(`#article=${encodeURIComponent(path)}`);
  page.once('dialog', (d) => d.accept());
  await page.click('#remove');
  await ready(page, '#list');
  assert.ok(!existsSync(file), 'moved out of content/');
  assert.ok(!(await page.locator('#article-list .path', { hasText: path }).count()));
  await page.click('#trash summary');
  const restore = page.locator('#trash-list button', { hasText: path });
  await restore.click();
  await page.waitForFunction(() => /已恢复/.test(document.getElementById('trash-status').textContent));
  assert.deepEqual(readFileSync(file), bytes);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone the form and the preview take turns', async () => {
  const hash = `#article=${encodeURIComponent('content/articles/2024/jingxian-changai.md')}`;
  const { page } = await openDesk(hash, { width: 375, height: 800 });
  assert.ok(await page.isVisible('#f-title'));
  assert.ok(!(await page.isVisible('#preview')));
  await page.click('#show-preview');
  assert.ok(await page.isVisible('#preview'));
  assert.ok(!(await page.isVisible('#f-title')));
  await page.click('#show-edit');
  assert.ok(await page.isVisible('#f-title'));
  await page.close();
});

test('publish shows its progress to the end', async () => {
  const { page } = await openDesk('#publish');
  await page.click('#publish');
  await page.waitForFunction(() => ['done', 'failed'].includes(document.getElementById('view-publish').dataset.state), null, { timeout: 120000 });
  assert.equal(await page.getAttribute('#view-publish', 'data-state'), 'done', await page.textContent('#publish-diagnostics'));
  assert.equal(await page.textContent('#publish-message'), '发布完成。');
  await page.close();
});

for (const [viewport, scheme] of [[{ width: 1280, height: 900 }, 'light'], [{ width: 375, height: 800 }, 'light'],
  [{ width: 1280, height: 900 }, 'dark']]) {
  test(`axe finds no violation in any view at ${viewport.width} px in ${scheme} colours, and nothing is wider than the screen`, async () => {
    const failures = [];
    const views = ['#list', `#article=${encodeURIComponent('content/articles/2024/jingxian-changai.md')}`, '#new=articles',
      '#bulletins', `#bulletin=${encodeURIComponent('content/bulletins/2024-12.md')}`, '#publish'];
    for (const hash of views) {
      const { page } = await openDesk(hash, viewport, scheme);
      await page.evaluate(AXE);
      const result = await page.evaluate(() => window.axe.run(document));
      for (const v of result.violations) failures.push(`${hash}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > viewport.width) failures.push(`${hash}: ${wide} px wide`);
      await page.close();
    }
    assert.deepEqual(failures, []);
  });
}
