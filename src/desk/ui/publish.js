// Publishing: one button that starts a build of the whole site into the
// output folder (the server runs the same code as `unionpress build`, so
// a failed build leaves the published site as it was), then polls its
// state to show progress and, on failure, every problem found.

import { api } from './api.js';
import { h } from './controls.js';
import { t } from './words.js';

const $ = (id) => document.getElementById(id);

export function createPublish() {
  let timer = 0;

  function show(s) {
    const progress = $('publish-progress');
    const running = s.state === 'running';
    $('publish').disabled = running;
    progress.hidden = s.state === 'idle';
    progress.max = Math.max(1, s.total || 1);
    progress.value = s.state === 'done' ? progress.max : s.done || 0;
    $('publish-message').textContent = running ? `${s.step ? `${s.step} ` : ''}${t('publish-running', { done: s.done || 0, total: s.total || '…' })}`
      : s.state === 'done' ? t('publish-done') : s.state === 'failed' ? t('publish-failed') : '';
    $('publish-diagnostics').replaceChildren(...(s.diagnostics || []).map((d) => h('li', { class: `diag ${d.severity || 'error'}`,
      text: `${d.location || d.file || ''}${d.location || d.file ? '：' : ''}${d.message}${d.help ? `（${d.help}）` : ''}` })));
    $('view-publish').dataset.state = s.state;
  }

  async function poll() {
    clearTimeout(timer);
    try {
      const s = await api.publishState();
      show(s);
      if (s.state === 'running') timer = setTimeout(poll, 400);
    } catch (e) {
      $('publish-message').textContent = e.message;
      $('publish').disabled = false;
    }
  }

  $('publish').addEventListener('click', async () => {
    $('publish').disabled = true;
    try {
      await api.publish();
    } catch (e) {
      $('publish-message').textContent = e.message;
    }
    poll();
  });

  return { open: poll };
}
