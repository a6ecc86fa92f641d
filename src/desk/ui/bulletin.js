// The bulletin composer: number, date, the editor's note and the line-up,
// picked from the articles (search, add) and put in order by dragging or
// by keyboard (the up/down buttons, or Alt+↑/↓ on a line-up entry), with
// the web, print and e-mail versions previewed as `build` makes them.

import { api } from './api.js';
import { h } from './controls.js';
import { t } from './words.js';

const $ = (id) => document.getElementById(id);

export function createBulletins(desk) {
  const state = { path: null, version: null, lineup: [], kind: 'web', previews: null };
  let previewTimer = 0;
  let dragged = -1;
  const titleOf = (path) => desk.articles().find((a) => a.path === path || a.path === `content/${path}` || a.path.endsWith(`/${path}`))?.title || path;
  const status = (text) => { $('bulletin-status').textContent = text; };
  const announce = (text) => { $('announce').textContent = text; };

  async function list() {
    const all = await api.bulletins();
    $('bulletin-list').replaceChildren(...all.map((b) => h('li', { class: 'row' },
      h('a', { class: 'row-title', href: `#bulletin=${encodeURIComponent(b.path)}`, text: `${b.number || ''} ${b.title || ''}`.trim() || b.path }),
      h('p', { class: 'meta' }, h('span', { text: String(b.date ?? '').slice(0, 10) }), h('span', { class: 'path', text: b.path })))));
  }

  function move(from, to, focus = true) {
    if (to < 0 || to >= state.lineup.length || from === to) return;
    const [p] = state.lineup.splice(from, 1);
    state.lineup.splice(to, 0, p);
    draw();
    if (focus) $('lineup').children[to]?.querySelector('.lineup-title').focus();
    announce(t('bulletin-moved', { title: titleOf(p), n: to + 1 }));
    changed();
  }

  function draw() {
    $('lineup').replaceChildren(...state.lineup.map((path, i) => {
      const title = titleOf(path);
      const li = h('li', { class: 'lineup-item', draggable: 'true', dataset: { path } },
        h('span', { class: 'grip', 'aria-hidden': 'true', text: '⋮⋮' }),
        h('span', { class: 'lineup-title', tabindex: '0', text: title }),
        h('span', { class: 'lineup-tools' },
          h('button', { type: 'button', 'aria-label': t('bulletin-up', { title }), text: '↑', disabled: i === 0, onclick: () => move(i, i - 1) }),
          h('button', { type: 'button', 'aria-label': t('bulletin-down', { title }), text: '↓', disabled: i === state.lineup.length - 1, onclick: () => move(i, i + 1) }),
          h('button', { type: 'button', 'aria-label': t('bulletin-remove', { title }), text: '×',
            onclick: () => { state.lineup.splice(i, 1); draw(); search(); changed(); } })));
      li.addEventListener('keydown', (e) => {
        if (!e.altKey) return;
        if (e.key === 'ArrowUp') { e.preventDefault(); move(i, i - 1); }
        if (e.key === 'ArrowDown') { e.preventDefault(); move(i, i + 1); }
      });
      li.addEventListener('dragstart', (e) => { dragged = i; e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', path); li.classList.add('dragging'); });
      li.addEventListener('dragend', () => li.classList.remove('dragging'));
      li.addEventListener('dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; });
      li.addEventListener('drop', (e) => { e.preventDefault(); if (dragged >= 0) move(dragged, i, false); dragged = -1; });
      return li;
    }));
    $('lineup-empty').hidden = state.lineup.length > 0;
  }

  function search() {
    const q = $('lineup-search').value.trim().toLowerCase();
    const inLineup = new Set(state.lineup.map(titleOf));
    const found = desk.articles().filter((a) => !inLineup.has(a.title) && (!q || (a.title || '').toLowerCase().includes(q))).slice(0, q ? 30 : 8);
    $('lineup-results').replaceChildren(...found.map((a) => h('li', {},
      h('button', { type: 'button', class: 'pick',
        onclick: () => { state.lineup.push(a.path.replace(/^content\//, '')); draw(); search(); changed(); announce(t('bulletin-added', { title: a.title })); } },
      h('span', { class: 'pick-verb', text: t('bulletin-add') }), h('span', { class: 'pick-title', text: a.title }),
      h('span', { class: 'meta', text: (a.date || '').slice(0, 10) })))));
  }

  const payload = () => ({
    path: state.path, version: state.version, number: $('b-number').value.trim(), date: $('b-date').value,
    note: $('b-note').value, articles: [...state.lineup],
  });

  function changed() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 600);
  }

  async function refreshPreview() {
    try {
      state.previews = await api.previewBulletin(payload());
    } catch (e) {
      state.previews = { web: '', print: '', email: '', error: e.message };
      status(e.message);
    }
    showPreview();
  }

  function showPreview() {
    const frame = $('bulletin-preview');
    frame.title = t('bulletin-preview-frame', { kind: t(`bulletin-${state.kind}`) });
    frame.classList.toggle('print', state.kind === 'print');
    const html = (state.previews && state.previews[state.kind]) || '';
    // On paper: the page's print style sheet applied on screen too.
    frame.srcdoc = state.kind === 'print' ? html.replace(/media="print"/g, 'media="all"') : html;
  }

  async function open(path) {
    status('');
    const data = path ? await api.bulletin(path) : { path: null, version: null, fields: {}, note: '' };
    const f = { ...data, ...(data.fields || {}) };
    Object.assign(state, { path: data.path || null, version: data.version || null, lineup: (f.articles || []).map(String) });
    $('b-number').value = f.number ?? '';
    $('b-date').value = String(f.date ?? '').slice(0, 10);
    $('b-note').value = data.note || '';
    $('bulletin-heading').textContent = path ? `${t('bulletin-edit')} ${f.number ?? ''}` : t('bulletin-new');
    $('bulletin-path').textContent = data.path || 'content/bulletins/';
    $('lineup-search').value = '';
    draw();
    search();
    refreshPreview();
  }

  for (const id of ['b-number', 'b-date', 'b-note']) $(id).addEventListener('input', (e) => { if (!e.isComposing) changed(); });
  $('lineup-search').addEventListener('input', (e) => { if (!e.isComposing) search(); });
  $('lineup-search').addEventListener('compositionend', search);
  for (const b of document.querySelectorAll('#view-bulletin .view-switch button')) {
    b.addEventListener('click', () => {
      state.kind = b.dataset.kind;
      for (const o of document.querySelectorAll('#view-bulletin .view-switch button')) o.setAttribute('aria-pressed', String(o === b));
      showPreview();
    });
  }
  $('bulletin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    status(t('saving'));
    try {
      const res = await api.saveBulletin(payload());
      Object.assign(state, { path: res.path, version: res.version });
      $('bulletin-path').textContent = res.path;
      status(t('saved', { path: res.path }));
      history.replaceState(null, '', `#bulletin=${encodeURIComponent(res.path)}`);
    } catch (err) {
      status(err.message);
    }
  });

  return { list, open };
}
