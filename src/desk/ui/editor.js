// The body editor: a Markdown textarea and its toolbar (heading, bold,
// link, picture, quote, list). A tool changes the text with setRangeText,
// which keeps the browser's undo history usable and never touches the
// text while an IME composition runs.

import { h } from './controls.js';
import { t } from './words.js';

/** Prefixes every line the selection touches with `mark`. */
function prefixLines(area, mark) {
  const { value, selectionStart: s, selectionEnd: e } = area;
  const start = value.lastIndexOf('\n', s - 1) + 1;
  const endBreak = value.indexOf('\n', e);
  const end = endBreak === -1 ? value.length : endBreak;
  const lines = value.slice(start, end).split('\n').map((l) => mark + l);
  area.setRangeText(lines.join('\n'), start, end, 'select');
}

function wrap(area, before, after, placeholder) {
  const { value, selectionStart: s, selectionEnd: e } = area;
  const inner = value.slice(s, e) || placeholder;
  area.setRangeText(before + inner + after, s, e, 'end');
  area.setSelectionRange(s + before.length, s + before.length + inner.length);
}

/**
 * Builds the toolbar into `toolbar` for `area`; `upload(file)` stores a
 * picture beside the article and resolves to its name.
 */
export function createEditor(area, toolbar, { upload, changed, report }) {
  const picker = h('input', { type: 'file', accept: 'image/*', hidden: true, 'aria-label': t('tool-picture-file') });
  picker.addEventListener('change', async () => {
    const file = picker.files[0];
    picker.value = '';
    if (!file) return;
    try {
      const { name } = await upload(file);
      area.focus();
      wrap(area, '![', `](${name})`, t('tool-picture-alt'));
      changed();
    } catch (e) {
      report(e.message);
    }
  });
  const tools = [
    ['heading', '#', () => prefixLines(area, '## ')],
    ['bold', 'B', () => wrap(area, '**', '**', t('tool-bold-text'))],
    ['link', '[ ]', () => {
      wrap(area, '[', '](https://)', t('tool-link-text'));
      const at = area.selectionEnd + 2;
      area.setSelectionRange(at, at + 8);
    }],
    ['picture', '!', () => picker.click()],
    ['quote', '>', () => prefixLines(area, '> ')],
    ['list', '-', () => prefixLines(area, '- ')],
  ];
  const buttons = tools.map(([name, glyph, act]) => h('button', {
    type: 'button', class: `tool tool-${name}`, dataset: { tool: name }, title: t(`tool-${name}`),
    onclick: () => {
      if (name !== 'picture') area.focus();
      act();
      if (name !== 'picture') changed();
    },
  }, h('span', { 'aria-hidden': 'true', text: glyph }), h('span', { class: 'tool-name', text: t(`tool-${name}`) })));
  // A toolbar is one tab stop; the arrows move between its buttons.
  buttons.forEach((b, i) => { b.tabIndex = i === 0 ? 0 : -1; });
  toolbar.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const j = (next + buttons.length) % buttons.length;
    buttons[i].tabIndex = -1;
    buttons[j].tabIndex = 0;
    buttons[j].focus();
  });
  toolbar.replaceChildren(...buttons, picker);
  area.addEventListener('keydown', (e) => {
    if (e.isComposing || !(e.ctrlKey || e.metaKey)) return;
    if (e.key === 'b') { e.preventDefault(); wrap(area, '**', '**', t('tool-bold-text')); changed(); }
    if (e.key === 'k') { e.preventDefault(); tools[2][2](); changed(); }
  });
  area.addEventListener('input', (e) => { if (!e.isComposing) changed(); });
  area.addEventListener('compositionend', () => changed());
}
