// The live preview: the article page as `build` renders it (the server
// renders the draft with the same code), shown in a sandboxed frame
// without scripts. The reader's scroll position survives each refresh.

import { api } from './api.js';
import { t } from './words.js';

export function createPreview(frame) {
  let seq = 0;
  return {
    async show(draft) {
      const mine = ++seq;
      let html;
      try {
        const res = await api.preview(draft);
        // No page when the draft cannot be made into one: its problems instead.
        html = res.html ?? `<!doctype html><html lang="zh-CN"><title>${t('preview')}</title><ul>${(res.diagnostics || [])
          .map((d) => `<li>${escapeHtml(d.location || '')} ${escapeHtml(d.message)}</li>`).join('')}</ul></html>`;
      } catch (e) {
        html = `<!doctype html><html lang="zh-CN"><title>${t('preview')}</title><p role="alert">${escapeHtml(e.message)}</p></html>`;
      }
      if (mine !== seq) return;
      let y = 0;
      try { y = frame.contentWindow.scrollY; } catch { /* another origin */ }
      frame.addEventListener('load', () => { try { frame.contentWindow.scrollTo(0, y); } catch { /* idem */ } }, { once: true });
      frame.srcdoc = html;
      frame.dataset.generation = String(mine);
    },
  };
}

export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
