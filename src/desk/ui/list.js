// The article list: every article, newest first (the server's order),
// searched by title and filtered by programme, award, region, year and
// status (draft, scheduled, published). Filters are read from the form
// each time, so the list is always what the form says.

import { h } from './controls.js';
import { t } from './words.js';

const $ = (id) => document.getElementById(id);

const regionText = (r) => (typeof r === 'string' ? r : r ? [r.province, r.city, r.county].filter(Boolean).join('/') : '');

function options(select, entries) {
  const keep = select.value;
  select.replaceChildren(h('option', { value: '', text: t('list-any') }), ...entries.map(([v, l]) => h('option', { value: v, text: l })));
  select.value = [...select.options].some((o) => o.value === keep) ? keep : '';
}

export function createList(desk) {
  const filters = ['filter-q', 'filter-programme', 'filter-award', 'filter-region', 'filter-year', 'filter-status'];
  for (const f of filters) $(f).addEventListener('input', (e) => { if (!e.isComposing) draw(); });
  $('filter-q').addEventListener('compositionend', draw);
  $('list-filters').addEventListener('submit', (e) => e.preventDefault());

  function fillFilters() {
    const site = desk.site();
    const articles = desk.articles();
    options($('filter-programme'), (site.programmes || []).map((p) => [p.key, p.name]));
    options($('filter-award'), (site.awards || []).map((a) => [a.key, a.name]));
    const provinces = [...new Set(articles.map((a) => regionText(a.region).split('/')[0]).filter(Boolean))].sort();
    options($('filter-region'), provinces.map((p) => [p, p]));
    const years = [...new Set(articles.map((a) => String(a.year || (a.date || '').slice(0, 4))).filter(Boolean))].sort().reverse();
    options($('filter-year'), years.map((y) => [y, y]));
    options($('filter-status'), ['draft', 'scheduled', 'published', 'broken'].map((s) => [s, t(`status-${s}`)]));
    // Sections are {dir, title} (a plain name is taken as both).
    options($('new-section'), (site.sections || ['articles']).map((s) => (typeof s === 'string' ? [s, s]
      : [s.dir, s.title && s.title !== s.dir ? `${s.title}（${s.dir}）` : s.dir])));
    $('new-section').firstChild.remove();
  }

  function draw() {
    const q = $('filter-q').value.trim().toLowerCase();
    const programme = $('filter-programme').value;
    const award = $('filter-award').value;
    const region = $('filter-region').value;
    const year = $('filter-year').value;
    const status = $('filter-status').value;
    const shown = desk.articles().filter((a) => {
      if (q && !(a.title || '').toLowerCase().includes(q)) return false;
      if (programme && !(a.programmes || []).includes(programme)) return false;
      if (award && !(a.awards || []).includes(award)) return false;
      if (region && regionText(a.region).split('/')[0] !== region) return false;
      if (year && String(a.year || (a.date || '').slice(0, 4)) !== year) return false;
      const s = a.draft && !a.broken ? 'draft' : a.scheduled ? 'scheduled' : a.broken ? 'broken' : 'published';
      if (status && s !== status) return false;
      return true;
    });
    $('list-count').textContent = shown.length ? t('list-count', { n: shown.length }) : t('list-empty');
    $('article-list').replaceChildren(...shown.map((a) => h('li', { class: 'row' },
      h('a', { href: `#article=${encodeURIComponent(a.path)}`, class: 'row-title', text: a.title || a.path }),
      h('p', { class: 'meta' },
        h('span', { text: (a.date || '').slice(0, 10) }),
        a.draft ? h('span', { class: 'badge', text: t('status-draft') }) : null,
        a.scheduled ? h('span', { class: 'badge', text: t('status-scheduled') }) : null,
        a.broken ? h('span', { class: 'badge', text: t('status-broken') }) : null,
        regionText(a.region) ? h('span', { text: regionText(a.region) }) : null,
        h('span', { class: 'path', text: a.path })))));
  }

  $('new-article').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#new=${encodeURIComponent($('new-section').value || 'articles')}`;
  });

  return { refresh() { fillFilters(); draw(); } };
}
