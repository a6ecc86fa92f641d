// unionpress search page: runs when templates/search.html loads this
// module. It reads q, programme, award, region, year and page from the URL,
// keeps them there as the reader types and filters (history.replaceState),
// and draws results and pages with createElement/textContent only, so no
// text from the index is ever parsed as HTML. The filter panel's lists
// are search-filters.js, loaded when the panel opens.
//
// The engine is in search-engine.js (and the modules it names); this
// module is the page only. Its helpers that need no DOM are exported for
// tests/js/page.test.mjs.

import { createSearch } from './search-engine.js';
import { httpFetch } from './search-store.js';
import { SNIPPET_CHARS } from './search-snippet.js';

// ---------------------------------------------------------------- the page

export const PARAMS = ['q', 'programme', 'award', 'region', 'year', 'page'];
/** The parameters a filter of the panel sets. */
export const FILTERS = ['programme', 'award', 'region', 'year'];
// The same labels as `Kind::label` in src/model/front.rs, so pages and results agree.
const KIND_LABELS = { news: '新闻', feature: '特写', diary: '蹲点日记', photo: '图片新闻', brief: '简讯' };

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function partsInto(node, parts) {
  for (const p of parts) node.append(p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text));
  return node;
}

/** Only site paths and http(s) URLs become links (never `javascript:`). */
export function safeUrl(url) {
  return /^(\/(?!\/)|https?:\/\/)/i.test(String(url)) ? String(url) : '#';
}

/** 2024-11-05 as 2024年11月5日. */
export function formatDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date || '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date || '';
}

/** The page's state from a query string: every parameter, '' if absent. */
export function stateOf(search) {
  const u = new URLSearchParams(search);
  const s = {};
  for (const k of PARAMS) s[k] = u.get(k) || '';
  return s;
}

/** The URL of a state: its parameters in a fixed order, empty ones and
 * page 1 left out. */
export function urlOfState(pathname, s) {
  const u = new URLSearchParams();
  for (const k of PARAMS) if (s[k] && !(k === 'page' && s[k] === '1')) u.set(k, s[k]);
  const qs = u.toString();
  return pathname + (qs ? '?' + qs : '');
}

/** The page numbers linked around page `page` of `pages`. */
export function pageNumbers(page, pages) {
  const out = [];
  for (let n = Math.max(1, page - 3); n <= Math.min(pages, page + 3); n++) out.push(n);
  return out;
}

function startPage(root) {
  const base = root.dataset.index || 'search/';
  const engine = createSearch({ fetch: httpFetch(base) });
  const form = root.querySelector('form');
  const input = root.querySelector('input[name=q]');
  const status = root.querySelector('[data-status]') || root.appendChild(el('p', { role: 'status' }));
  const facetsBox = root.querySelector('[data-facets]') || root.appendChild(el('div'));
  const list = root.querySelector('[data-results]') || root.appendChild(el('ol'));
  const nav = root.querySelector('[data-pages]') || root.appendChild(el('nav'));
  const panel = root.querySelector('details[data-filter]');
  const panelStatus = root.querySelector('[data-filter-status]');
  let state = stateOf(location.search);
  let run = 0;
  const urlOf = (s) => urlOfState(location.pathname, s);
  function go(next) {
    state = next;
    history.replaceState(null, '', urlOf(state));
    render();
  }

  /** Draws the results of `res` (a page of search() or firstPage()):
   * each as soon as its card comes, in order, then the snippets. */
  async function drawResults(res, mine) {
    list.replaceChildren();
    nav.replaceChildren();
    // Room for the lines of each snippet before its text comes, so the
    // results below do not move (search.css): a Hanzi is 1em wide, and a
    // snippet has at most SNIPPET_CHARS of them and two ellipses.
    const perLine = Math.max(1, Math.floor(list.clientWidth / (parseFloat(getComputedStyle(list).fontSize) || 16)));
    list.style.setProperty('--snippet-lines', String(Math.ceil((SNIPPET_CHARS + 2) / perLine)));
    const snippets = [], titles = [];
    for (const pending of engine.cards(res)) {
      const r = await pending;
      if (mine !== run) return;
      const meta = el('p', { class: 'search-meta' },
        el('time', { datetime: r.date }, formatDate(r.date)));
      if (r.region) meta.append(' · ', el('span', {}, r.region.split('/').join(' ')));
      if (r.kind) meta.append(' · ', el('span', {}, KIND_LABELS[r.kind] || r.kind));
      const snippet = el('p', { class: 'search-snippet' });
      snippets.push(snippet);
      const title = partsInto(el('a', { href: safeUrl(r.url) }), r.titleParts);
      titles.push(title);
      list.append(el('li', { class: 'search-result' },
        el('h2', {}, title),
        meta,
        snippet));
    }
    if (res.pages > 1) {
      const link = (n, label, rel) => {
        const s = { ...state, page: String(n) };
        const a = el('a', { href: urlOf(s) }, label);
        if (rel) a.setAttribute('rel', rel);
        if (n === res.page) a.setAttribute('aria-current', 'page');
        a.addEventListener('click', (ev) => { ev.preventDefault(); go(s); list.focus?.(); });
        return a;
      };
      if (res.page > 1) nav.append(link(res.page - 1, '上一页', 'prev'));
      for (const n of pageNumbers(res.page, res.pages)) nav.append(link(n, String(n)));
      if (res.page < res.pages) nav.append(link(res.page + 1, '下一页', 'next'));
    }
    const results = await engine.results(res);
    if (mine !== run) return;
    results.forEach((r, i) => {
      partsInto(snippets[i], r.snippet);
      titles[i].replaceChildren();
      partsInto(titles[i], r.titleParts);
    });
  }

  function drawStatus(res, hasQuery) {
    if (!hasQuery) {
      status.textContent = `共 ${res.total} 篇文章，输入关键词或选择条件开始搜索。`;
    } else if (res.total === 0) {
      status.textContent = '没有找到相关文章。';
    } else {
      status.textContent = `找到 ${res.total} 篇文章` + (res.pages > 1 ? `，第 ${res.page}/${res.pages} 页` : '');
    }
  }

  /** Draws the state's results (a query without a programme, award or
   * region filter needs no facets to rank) with their snippets, and the
   * status. The facets (facets.bin and the module that counts them) are
   * loaded only when the filter panel is open: when the reader opens it,
   * or at once when the URL has a filter. */
  async function render() {
    const mine = ++run;
    const hasQuery = PARAMS.slice(0, 5).some((k) => state[k]);
    try {
      status.textContent = hasQuery ? '正在搜索…' : '';
      const first = await engine.firstPage(state);
      if (mine !== run) return;
      if (hasQuery) {
        await drawResults(first, mine);
        if (mine !== run) return;
      } else {
        list.replaceChildren();
        nav.replaceChildren();
      }
      drawStatus(first, hasQuery);
      panel?.closest('[data-waiting]')?.removeAttribute('data-waiting');
      if (!panel || panel.open) await fillFacets(mine);
    } catch (e) {
      if (mine === run) status.textContent = '搜索暂时不可用。';
      console.error(e);
    }
  }

  /** Counts and draws the facets of the state shown (render `mine`),
   * saying in the panel while facets.bin and the lists' code
   * (search-filters.js) load. */
  let facetsOf = 0;
  let drawFacets = null;
  async function fillFacets(mine) {
    if (facetsOf === mine) return;
    facetsOf = mine;
    if (!drawFacets && panelStatus) panelStatus.textContent = '正在载入筛选条件…';
    try {
      const [res, F] = await Promise.all([engine.search(state), import('./search-filters.js')]);
      if (mine !== run) return;
      drawFacets ||= F.facetLists(facetsBox, go, () => state);
      drawFacets(res);
      if (panelStatus) panelStatus.textContent = '';
    } catch (e) {
      facetsOf = 0;
      if (mine === run && panelStatus) panelStatus.textContent = '筛选条件暂时无法载入。';
      throw e;
    }
  }

  // The filter panel: closed, and its facets not downloaded, until the
  // reader opens it, or open at once when the URL already has a filter,
  // so that the reader sees it and can take it off. Without a panel (an
  // older template), the facets are drawn with every search.
  if (panel) {
    if (FILTERS.some((k) => state[k])) panel.open = true;
    panel.addEventListener('toggle', () => {
      if (panel.open) fillFacets(run).catch((e) => console.error(e));
    });
  }
  input.value = state.q;
  // The search box in the site's header shows the query too.
  const headerBox = document.getElementById('site-q');
  if (headerBox && !headerBox.value) headerBox.value = state.q;
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => go({ ...state, q: input.value, page: '' }), 150);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    go({ ...state, q: input.value, page: '' });
  });
  render();
}

if (typeof document !== 'undefined') {
  const start = () => {
    const root = document.getElementById('search');
    if (root) startPage(root);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
