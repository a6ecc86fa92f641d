// The editors' desk: loads the site and its articles, and shows one view
// at a time after the address's hash (#list, #article=<path>,
// #new=<section>, #bulletins, #bulletin=<path>, #publish), so a reload or
// the back button returns to where the editor was.

import { api } from './api.js';
import { createBulletins } from './bulletin.js';
import { createArticleForm } from './form.js';
import { createList } from './list.js';
import { createPublish } from './publish.js';
import { createTrash } from './trash.js';
import { translate } from './words.js';

const $ = (id) => document.getElementById(id);

let site = {};
let articles = [];

const desk = {
  site: () => site,
  articles: () => articles,
  async reloadSite() {
    [site, articles] = await Promise.all([api.site(), api.articles()]);
    $('site-name').textContent = site.title || '';
  },
  async saved() {
    articles = await api.articles();
  },
  refreshList: () => list.refresh(),
  announce: (text) => { $('announce').textContent = text; },
};

const list = createList(desk);
const form = createArticleForm(desk);
const bulletins = createBulletins(desk);
const publish = createPublish();
const trash = createTrash(desk);

function show(view) {
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== `view-${view}`;
  const top = { article: 'list', bulletin: 'bulletins' }[view] || view;
  for (const a of document.querySelectorAll('.desk-nav a')) {
    if (a.dataset.view === top) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const [name, arg = ''] = location.hash.slice(1).split('=');
  const value = decodeURIComponent(arg);
  $('fatal').hidden = true;
  try {
    if (name === 'article' && value) { show('article'); await form.open({ path: value }); }
    else if (name === 'new') { show('article'); await form.open({ section: value || 'articles' }); }
    else if (name === 'bulletins') { show('bulletins'); await bulletins.list(); }
    else if (name === 'bulletin') { show('bulletin'); await bulletins.open(value || null); }
    else if (name === 'publish') { show('publish'); await publish.open(); }
    else { show('list'); articles = await api.articles(); list.refresh(); await trash.refresh(); }
  } catch (e) {
    $('fatal').textContent = e.message;
    $('fatal').hidden = false;
  }
  document.body.dataset.ready = location.hash || '#list';
}

async function start() {
  translate(document);
  try {
    await desk.reloadSite();
  } catch (e) {
    $('loading').hidden = true;
    $('fatal').textContent = e.message;
    $('fatal').hidden = false;
    return;
  }
  $('loading').hidden = true;
  window.addEventListener('hashchange', route);
  await route();
}

start();
