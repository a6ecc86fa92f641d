// The trash: articles moved aside by the desk (never deleted), listed
// with the time they were moved and a button that puts each back.

import { api } from './api.js';
import { h } from './controls.js';
import { t } from './words.js';

const $ = (id) => document.getElementById(id);

export function createTrash(desk) {
  async function refresh() {
    const all = await api.trash();
    $('trash-list').replaceChildren(...all.map((e) => h('li', { class: 'row' },
      h('p', { class: 'meta' }, h('span', { class: 'path', text: e.path }), h('span', { text: t('trash-when', { when: e.deleted }) })),
      h('button', { type: 'button', text: t('trash-restore', { path: e.path }),
        onclick: async () => {
          try {
            await api.restore(e.trash_path);
            $('trash-status').textContent = t('trash-restored', { path: e.path });
            await desk.saved();
            desk.refreshList();
            refresh();
          } catch (err) {
            $('trash-status').textContent = err.message;
          }
        } }))));
    if (!all.length) $('trash-status').textContent = t('trash-empty');
  }
  $('trash').addEventListener('toggle', () => { if ($('trash').open) refresh(); });
  return { refresh: () => ($('trash').open ? refresh() : undefined) };
}
