// The filter panel's lists (工作品牌, 荣誉, 地区, 年份): their links,
// counts and clicks. A first page of results needs none of this, so
// search.js loads it (with search-facets.js and facets.bin) only when the
// reader opens the panel, or at once when the URL has a filter.

import { PARAMS, el } from './search.js';

const FACET_LABELS = { programme: '工作品牌', award: '荣誉', region: '地区', year: '年份' };

/** Regions are shown level by level: the provinces, and below each level
 * of the chosen region (`region`) its children (a site has about a
 * thousand regions, too many for one list, and each made the page
 * slower). */
export function regionShown(region, v) {
  if (v.depth === 0) return true;
  const parent = v.key.slice(0, v.key.lastIndexOf('/'));
  return region === parent || region.startsWith(parent + '/');
}

/**
 * The facet lists drawn in `box`. Returns draw(res): draws the facets of
 * `res` (a search() of the engine) for the page's state, `current()`. A
 * click on a value calls go(next state), made from the state at the time
 * of the click. A value's list item is made once and kept: each draw only
 * updates its link and count. One listener on the box handles the clicks
 * of all of them.
 */
export function facetLists(box, go, current) {
  const items = new Map();
  const encoded = new Map();
  const enc = (k, v) => {
    const id = k + '=' + v;
    if (!encoded.has(id)) encoded.set(id, new URLSearchParams({ [k]: v }).toString());
    return encoded.get(id);
  };
  /** The URL of the state with facet `name` set to a value, for many values. */
  function facetUrls(name) {
    const state = current();
    const before = [], after = [];
    let seen = false;
    for (const k of PARAMS) {
      if (k === name) seen = true;
      else if (k !== 'page' && state[k]) (seen ? after : before).push(enc(k, state[k]));
    }
    return (value) => {
      const qs = (value ? [...before, enc(name, value), ...after] : [...before, ...after]).join('&');
      return location.pathname + (qs ? '?' + qs : '');
    };
  }
  box.addEventListener('click', (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest('a[data-facet]') : null;
    if (!a || !box.contains(a)) return;
    ev.preventDefault();
    const name = a.getAttribute('data-facet');
    go({ ...current(), page: '', [name]: a.hasAttribute('aria-current') ? '' : a.getAttribute('data-value') });
  });

  function item(name, v) {
    const id = name + '\n' + v.key;
    if (!items.has(id)) {
      const count = el('span', { class: 'search-count' });
      const a = el('a', { href: '', 'data-facet': name, 'data-value': v.key }, v.title, ' ', count);
      items.set(id, { li: el('li', name === 'region' ? { class: `depth-${Math.min(v.depth, 3)}` } : {}, a), a, count, shown: '' });
    }
    return items.get(id);
  }

  return (res) => {
    const { region } = current();
    box.replaceChildren();
    for (const name of ['programme', 'award', 'region', 'year']) {
      const values = res.facets[name].filter((v) => (v.count > 0 || v.selected) && (name !== 'region' || regionShown(region, v)));
      if (!values.length) continue;
      const urlFor = facetUrls(name);
      const ul = el('ul');
      for (const v of values) {
        const it = item(name, v);
        it.a.setAttribute('href', urlFor(v.selected ? '' : v.key));
        const shown = `(${v.count})`;
        if (it.shown !== shown) it.count.textContent = it.shown = shown;
        if (v.selected) it.a.setAttribute('aria-current', 'true');
        else it.a.removeAttribute('aria-current');
        ul.append(it.li);
      }
      box.append(el('section', { class: 'search-facet' }, el('h2', {}, FACET_LABELS[name]), ul));
    }
  };
}
