// The e-mail edition of every bulletin of the demo site and the theme
// fixture, checked by doiuse-email (caniemail's data) for Gmail and every
// Outlook: no error that changes what a reader sees. Two kinds of error
// remain and are harmless, and this test checks why:
//
// - `<body> element` (Outlook for macOS, iOS and Android drop <body>, Gmail
//   turns it into a <div>): so <body> carries nothing but margin and
//   padding, and the font, colours and background are on the tables;
// - `role attribute` (Windows Mail ignores it): role="presentation" only
//   tells screen readers that the layout tables are not data tables.
//
// And in Chromium, the bulletin looks the same with and without <body>'s
// styles: its colours and font come from the tables.
// Run with `node --test tests/e2e/` after `cargo build`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { doIUseEmail } from '@jsx-email/doiuse-email';

import { build, launch, sites } from './site.mjs';

const CLIENTS = ['gmail.*', 'outlook.*'];
const HARMLESS = [/^`<body> element` is not supported by `outlook\.(macos|ios|android)`$/,
  /^`role attribute` is not supported by `outlook\.windows-mail`$/];

const emails = [];
for (const s of sites()) {
  const out = build(s.root);
  const dir = join(out, 'bulletins');
  if (!existsSync(dir)) continue;
  for (const b of readdirSync(dir)) {
    const file = join(dir, b, 'email.html');
    if (existsSync(file)) emails.push({ name: `${s.name} ${b}`, html: readFileSync(file, 'utf8') });
  }
}
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('there are bulletins to check', () => {
  assert.ok(emails.length > 0);
});

for (const { name, html } of emails) {
  test(`${name}: doiuse-email finds nothing that changes the bulletin in Gmail or Outlook`, () => {
    const { errors } = doIUseEmail(html, { emailClients: CLIENTS });
    assert.deepEqual(errors.filter((e) => !HARMLESS.some((re) => re.test(e))), []);
  });

  test(`${name}: the bulletin looks the same when a client drops <body>`, async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    try {
      await page.setContent(html);
      const body = await page.getAttribute('body', 'style');
      const props = body.split(';').map((d) => d.split(':')[0].trim()).filter(Boolean);
      assert.deepEqual(props.filter((p) => !['margin', 'padding'].includes(p)), [], `<body style="${body}">`);
      const look = () => page.evaluate(() => [...document.querySelectorAll('p, h2, a, td')].map((e) => {
        const cs = getComputedStyle(e);
        let bg = 'rgba(0, 0, 0, 0)';
        for (let x = e; x && bg === 'rgba(0, 0, 0, 0)'; x = x.parentElement) bg = getComputedStyle(x).backgroundColor;
        return [cs.color, cs.fontFamily, cs.fontSize, bg].join(' | ');
      }));
      const withBody = await look();
      // What Outlook for macOS, iOS and Android do: <body> and its styles go.
      await page.evaluate(() => document.body.removeAttribute('style'));
      assert.deepEqual(await look(), withBody);
      // Outlook for Windows centres the bulletin by the table's align.
      assert.equal(await page.getAttribute('table.inner', 'align'), 'center');
    } finally {
      await page.close();
    }
  });
}
