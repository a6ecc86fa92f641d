// The article form: every front-matter field as its own control, the body
// editor, checks as the editor types, the live preview, and saving (with
// the conflict dialog when the file changed on disk meanwhile). Only the
// fields whose value changed are sent, so the server's text edit leaves
// the rest of the file — comments, order, unknown keys — as it was.

import { api } from './api.js';
import { showDiagnostics } from './checks.js';
import { askConflict } from './conflict.js';
import {
  awardsControl, checkboxControl, chipsControl, dateControl, h, imageControl, regionControl, selectControl, textControl, today,
} from './controls.js';
import { createEditor } from './editor.js';
import { createPreview } from './preview.js';
import { askRegistry } from './registry.js';
import { draftKey, dropDraft, keepDraft, loadDraft } from './store.js';
import { t } from './words.js';

const $ = (id) => document.getElementById(id);
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every name and alias of a registry as datalist entries, and a lookup by any of them. */
function registryIndex(entries) {
  const byName = new Map();
  const options = [];
  for (const e of entries) {
    for (const n of new Set([e.name, ...(e.names || [])])) {
      if (!n) continue;
      byName.set(n.toLowerCase(), e);
      options.push([n, n === e.name ? e.key : `${e.name}（${e.key}）`]);
    }
  }
  return { options, resolve: (typed) => byName.get(typed.trim().toLowerCase()) || null };
}

/**
 * `desk` gives the site (`site()`), the article list (`articles()`), a way
 * to reload the site after a registry entry was added (`reloadSite()`), and
 * `saved(path)` after a save.
 */
export function createArticleForm(desk) {
  const state = { path: null, section: null, version: null, baseline: {}, body: '', key: null, errors: 0 };
  let controls = {};
  let checkTimer = 0;
  let previewTimer = 0;
  let checkSeq = 0;
  const area = $('f-body');
  const bodyControl = { errors: $('e-body'), input: area, focus: () => area.focus() };
  const preview = createPreview($('preview'));
  const status = (text) => { $('save-status').textContent = text; };

  const registries = () => ({ programme: registryIndex(desk.site().programmes || []), award: registryIndex(desk.site().awards || []) });
  const unknown = (kind) => (name, clear) => h('p', {},
    t('registry-unknown', { name }), ' ',
    h('button', { type: 'button', class: 'link-button', text: t('registry-add', { name }),
      onclick: async () => {
        if (await askRegistry(kind, name)) {
          await desk.reloadSite();
          clear();
          status(t('registry-done', { name }));
          changed();
        }
      } }));

  function build() {
    const site = desk.site();
    const people = () => (site.people || []).map((p) => [p]);
    const c = {
      title: textControl('title', { required: true }, changed),
      kicker: textControl('kicker', {}, changed),
      subtitle: textControl('subtitle', {}, changed),
      summary: textControl('summary', { multiline: true }, changed),
      date: dateControl('date', desk.site().time_zone || 'Asia/Shanghai', changed),
      kind: selectControl('kind', site.kinds || ['news', 'feature', 'diary', 'photo', 'brief'], changed),
      authors: chipsControl('authors', { suggest: people }, changed),
      correspondents: chipsControl('correspondents', { suggest: people }, changed),
      photographers: chipsControl('photographers', { suggest: people }, changed),
      region: regionControl('region', () => desk.site().regions || [], changed),
      organisations: chipsControl('organisations', {}, changed),
      programmes: chipsControl('programmes', {
        suggest: () => registries().programme.options,
        resolve: (n) => registries().programme.resolve(n),
        onUnknown: unknown('programme'),
      }, changed),
      awards: awardsControl('awards', {
        suggest: () => registries().award.options,
        resolve: (n) => registries().award.resolve(n),
        onUnknown: unknown('award'),
      }, changed),
      tags: chipsControl('tags', { suggest: () => (desk.site().tags || []).map((x) => [x]) }, changed),
      image: imageControl('image', upload, changed),
      draft: checkboxControl('draft', changed),
      slug: textControl('slug', { hint: true }, changed),
      aliases: chipsControl('aliases', {}, changed),
    };
    const group = (key, names) => h('fieldset', { class: `group group-${key}` }, h('legend', { text: t(`group-${key}`) }),
      ...names.map((n) => c[n].el));
    $('fields').replaceChildren(
      group('headline', ['kicker', 'title', 'subtitle', 'summary']),
      group('when', ['date', 'kind', 'draft']),
      group('people', ['authors', 'correspondents', 'photographers', 'organisations', 'region']),
      group('registry', ['programmes', 'awards', 'tags']),
      group('page', ['image', 'slug', 'aliases']),
    );
    controls = c;
  }

  async function upload(file) {
    const bytes = await file.arrayBuffer();
    return api.upload(state.path || state.section, file.name, bytes);
  }

  createEditor(area, $('toolbar'), { upload, changed, report: status });

  const values = () => Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.get()]));

  function draft() {
    const now = values();
    const changes = [];
    for (const [field, value] of Object.entries(now)) {
      if (field === 'slug' && !state.path) continue;
      if (!same(value, state.baseline[field])) changes.push({ field, value });
    }
    return {
      path: state.path,
      section: state.path ? null : state.section,
      slug: state.path ? null : now.slug,
      version: state.version,
      changes,
      body: area.value,
    };
  }

  const dirty = (d) => d.changes.length > 0 || d.body !== state.body;

  function changed() {
    if (!state.key) return;
    const d = draft();
    if (dirty(d)) keepDraft(state.key, { version: state.version, values: values(), body: area.value });
    else dropDraft(state.key);
    $('article-form').classList.toggle('dirty', dirty(d));
    clearTimeout(checkTimer);
    clearTimeout(previewTimer);
    checkTimer = setTimeout(check, 350);
    previewTimer = setTimeout(() => preview.show(draft()), 700);
  }

  async function check() {
    const mine = ++checkSeq;
    $('checks-count').textContent = t('checks-running');
    try {
      const res = await api.check(draft());
      if (mine !== checkSeq) return;
      state.errors = showDiagnostics(res.diagnostics || [], { controls, body: bodyControl, count: $('checks-count'), list: $('checks-list') });
      // The file a new article would be saved as gives its default slug.
      if (!state.path && res.path) setSlugDefault(res.path.split('/').pop().replace(/\.md$/, ''));
      const blocked = state.errors > 0 && !controls.draft.get();
      $('save-draft').hidden = !blocked;
      if (blocked) status(t('save-errors'));
      else if ($('save-status').textContent === t('save-errors')) status('');
    } catch (e) {
      if (mine === checkSeq) $('checks-count').textContent = e.message;
    }
  }

  function setSlugDefault(slug) {
    controls.slug.hint.textContent = t('field-slug-hint', { slug });
    controls.slug.input.placeholder = slug;
  }

  function fill(fields, body) {
    for (const [k, c] of Object.entries(controls)) c.set(fields[k] ?? null);
    area.value = body;
  }

  /** Opens an article (`path`) or a new one in `section`. */
  async function open({ path = null, section = null }) {
    build();
    state.key = null;
    status('');
    $('restored').hidden = true;
    $('save-draft').hidden = true;
    $('checks-list').replaceChildren();
    $('checks-count').textContent = '';
    const data = path ? await api.article(path) : { path: null, fields: {}, body: '', version: null };
    // A file whose front matter cannot be read has no fields: the form starts empty.
    data.fields = data.fields && typeof data.fields === 'object' ? data.fields : {};
    Object.assign(state, { path, section, version: data.version, body: data.body, errors: 0 });
    fill(data.fields, data.body || '');
    state.baseline = values();
    state.body = area.value;
    if (!path) {
      // A new article starts as `unionpress new` makes one: dated today, a draft.
      // Every value of the form is sent for it (the baseline is empty).
      controls.date.set(today(desk.site().time_zone || 'Asia/Shanghai'));
      controls.draft.set(true);
      state.baseline = {};
    }
    const listed = path && desk.articles().find((a) => a.path === path);
    const slug = listed && listed.url ? listed.url.split('/').filter(Boolean).pop() : '';
    if (slug) setSlugDefault(slug);
    $('article-heading').textContent = path ? (data.fields.title || path) : t('form-new');
    $('remove').hidden = !path;
    $('article-path').textContent = path || `content/${section}/`;
    state.key = draftKey(path, section);
    const kept = loadDraft(state.key);
    if (kept) {
      fill(kept.values || {}, kept.body ?? area.value);
      state.version = kept.version ?? state.version;
      $('restored').hidden = false;
    }
    $('article-form').classList.remove('dirty');
    changed();
    await check();
  }

  async function save(asDraft = false) {
    if (asDraft) controls.draft.set(true);
    clearTimeout(checkTimer);
    status(t('saving'));
    const d = draft();
    try {
      const res = await api.save(d);
      dropDraft(state.key);
      if (!state.path) dropDraft(draftKey(null, state.section));
      Object.assign(state, { path: res.path, version: res.version, baseline: values(), body: area.value, key: draftKey(res.path) });
      $('article-form').classList.remove('dirty');
      $('restored').hidden = true;
      $('save-draft').hidden = true;
      $('article-heading').textContent = controls.title.get() || res.path;
      $('article-path').textContent = res.path;
      $('remove').hidden = false;
      // A reload now opens the saved file, not an empty new article.
      history.replaceState(null, '', `#article=${encodeURIComponent(res.path)}`);
      status(t('saved', { path: res.path }));
      await desk.saved(res.path);
      check();
    } catch (e) {
      if (e.status === 409) return conflict(e.body);
      if (e.status === 422 && e.body.diagnostics) {
        state.errors = showDiagnostics(e.body.diagnostics, { controls, body: bodyControl, count: $('checks-count'), list: $('checks-list') });
        $('save-draft').hidden = false;
        status(`${e.message} ${t('save-errors')}`);
        return;
      }
      status(e.message);
    }
  }

  async function conflict(body) {
    status(body.error || t('conflict-title'));
    const choice = await askConflict(body);
    if (choice === 'disk') {
      dropDraft(state.key);
      await open({ path: state.path, section: state.section });
      status(t('conflict-take-disk'));
    } else if (choice === 'yours') {
      state.version = body.disk_version;
      await save();
    }
  }

  $('remove').addEventListener('click', async () => {
    const title = controls.title.get() || state.path;
    if (!state.path || !window.confirm(t('remove-confirm', { title }))) return;
    try {
      await api.remove(state.path);
      dropDraft(state.key);
      state.key = null;
      await desk.saved(state.path);
      location.hash = '#list';
      desk.announce(t('removed', { title }));
    } catch (e) {
      status(e.message);
    }
  });
  $('article-form').addEventListener('submit', (e) => { e.preventDefault(); save(); });
  $('save-draft').addEventListener('click', () => save(true));
  $('discard').addEventListener('click', async () => {
    dropDraft(state.key);
    state.key = null;
    await open({ path: state.path, section: state.section });
  });
  for (const [button, pane] of [[$('show-edit'), 'edit'], [$('show-preview'), 'preview']]) {
    button.addEventListener('click', () => {
      $('workspace').dataset.pane = pane;
      $('show-edit').setAttribute('aria-pressed', String(pane === 'edit'));
      $('show-preview').setAttribute('aria-pressed', String(pane === 'preview'));
    });
  }

  return { open };
}
