// The form's controls, one per kind of front-matter value: text, long
// text, date and time in the site's time zone, choice, yes/no, a list of
// names (chips), a region picked level by level, the award list, the lead
// image. Each returns {el, get(), set(value), focus(), errors, input}:
// `get()` gives the value as the front matter holds it (null = absent), so
// that the form can send only the fields whose value changed.
//
// Chinese input: nothing here rewrites an input's value while an IME
// composition runs (Enter that ends a composition is not "add"), and
// `changed` is only reported outside compositions.

import { t } from './words.js';

const id = (name) => `f-${name}`;

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** Calls `changed` after an edit, never in the middle of an IME composition. */
function watch(input, changed) {
  input.addEventListener('input', (e) => { if (!e.isComposing) changed(); });
  input.addEventListener('compositionend', () => changed());
  input.addEventListener('change', () => changed());
}

/** Whether a keydown is the Enter that adds (not one that ends a composition). */
const isAddKey = (e) => e.key === 'Enter' && !e.isComposing && e.keyCode !== 229;

function wrapper(name, label, control, extra = []) {
  const errors = h('div', { class: 'field-errors', id: `e-${name}` });
  const el = h('div', { class: 'field', dataset: { field: name } }, label, control, ...extra, errors);
  return { el, errors };
}

const clean = (s) => (s ?? '').trim();

export function textControl(name, { multiline = false, required = false, hint } = {}, changed) {
  const fid = id(name);
  const hintEl = hint ? h('p', { class: 'hint', id: `h-${name}` }) : null;
  const input = h(multiline ? 'textarea' : 'input', {
    id: fid, name, rows: multiline ? 3 : undefined, autocomplete: 'off', 'aria-required': required ? 'true' : undefined,
    'aria-describedby': `e-${name}${hint ? ` h-${name}` : ''}`,
  });
  watch(input, changed);
  const { el, errors } = wrapper(name, h('label', { for: fid, text: t(`field-${name}`) }), input, hintEl ? [hintEl] : []);
  return {
    el, errors, input, hint: hintEl,
    get: () => clean(input.value) || null,
    set: (v) => { input.value = v == null ? '' : String(v); },
    focus: () => input.focus(),
  };
}

export function checkboxControl(name, changed) {
  const fid = id(name);
  const input = h('input', { id: fid, name, type: 'checkbox', 'aria-describedby': `e-${name}` });
  watch(input, changed);
  const label = h('label', { for: fid, class: 'check-label' }, input, ' ', t(`field-${name}`));
  const { el, errors } = wrapper(name, label, null);
  return { el, errors, input, get: () => input.checked, set: (v) => { input.checked = v === true; }, focus: () => input.focus() };
}

export function selectControl(name, options, changed) {
  const fid = id(name);
  const input = h('select', { id: fid, name, 'aria-describedby': `e-${name}` },
    h('option', { value: '', text: t('kind-none') }),
    options.map((o) => h('option', { value: o, text: t(`kind-${o}`) === `kind-${o}` ? o : `${t(`kind-${o}`)}（${o}）` })));
  watch(input, changed);
  const { el, errors } = wrapper(name, h('label', { for: fid, text: t(`field-${name}`) }), input);
  return {
    el, errors, input,
    get: () => input.value || null,
    set: (v) => {
      if (v && ![...input.options].some((o) => o.value === v)) input.append(h('option', { value: v, text: v }));
      input.value = v || '';
    },
    focus: () => input.focus(),
  };
}

/** The UTC offset (+08:00) of `zone` at the wall time `date`T`time`. */
export function zoneOffset(zone, date, time) {
  try {
    const at = new Date(`${date}T${time || '00:00'}:00Z`);
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at).find((p) => p.type === 'timeZoneName').value;
    const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(part);
    return m ? `${m[1]}:${m[2] || '00'}` : 'Z';
  } catch {
    return 'Z';
  }
}

/** Today's date (YYYY-MM-DD) in time zone `zone`. */
export function today(zone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/**
 * Date and time as the site's time zone shows them, typed as the front
 * matter writes them (2024-12-20, 08:30): plain text fields, so that what
 * the editor typed is what the checks see — a date that does not exist
 * gets the same error as in the terminal, beside the field — and nothing
 * is silently emptied as a browser's date field does with a wrong value.
 */
export function dateControl(name, zone, changed) {
  const fid = id(name);
  const date = h('input', { id: fid, name, inputmode: 'numeric', autocomplete: 'off', placeholder: '2024-12-20',
    'aria-describedby': `e-${name} h-${name}` });
  const time = h('input', { id: `${fid}-time`, name: `${name}-time`, inputmode: 'numeric', autocomplete: 'off', placeholder: '08:30',
    'aria-describedby': `h-${name}` });
  watch(date, changed);
  watch(time, changed);
  const row = h('div', { class: 'date-row' },
    h('span', { class: 'sub' }, h('label', { for: fid, text: t('field-date') }), date),
    h('span', { class: 'sub' }, h('label', { for: `${fid}-time`, text: t('field-time') }), time));
  const hint = h('p', { class: 'hint', id: `h-${name}`, text: t('field-date-hint', { tz: zone }) });
  const { el, errors } = wrapper(name, null, row, [hint]);
  el.classList.add('date-field');
  return {
    el, errors, input: date,
    get: () => {
      const d = clean(date.value);
      const hm = clean(time.value);
      if (!d) return null;
      if (!hm) return d;
      return /^\d{1,2}:\d{2}$/.test(hm) ? `${d}T${hm.padStart(5, '0')}:00${zoneOffset(zone, d, hm.padStart(5, '0'))}` : `${d}T${hm}`;
    },
    set: (v) => {
      date.value = ''; time.value = '';
      if (v == null || v === '') return;
      const s = String(v);
      const at = new Date(s);
      if (!s.includes('T') || Number.isNaN(at.getTime())) { date.value = s; return; }
      const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
        timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      }).formatToParts(at).map((p) => [p.type, p.value]));
      date.value = `${parts.year}-${parts.month}-${parts.day}`;
      time.value = `${parts.hour}:${parts.minute}`;
    },
    focus: () => date.focus(),
  };
}

/**
 * A list of names as chips, with an entry field suggesting `suggest()`
 * (a datalist: value = the name, label = a hint). `resolve(name)` may map
 * what was typed to the value kept (a registry's canonical name) or
 * return null for an unknown one, shown with `onUnknown`.
 */
export function chipsControl(name, { label = t(`field-${name}`), suggest = () => [], resolve, onUnknown } = {}, changed) {
  const fid = id(name);
  const listId = `dl-${fid}`;
  let values = [];
  const chips = h('ul', { class: 'chips', 'aria-label': label });
  const datalist = h('datalist', { id: listId });
  const input = h('input', { id: fid, name, list: listId, autocomplete: 'off', 'aria-describedby': `e-${name} n-${name}` });
  const note = h('div', { class: 'chip-note', id: `n-${name}` });
  const fillSuggestions = () => {
    datalist.replaceChildren(...suggest().filter(([v]) => !values.includes(v)).map(([v, l]) => h('option', { value: v, label: l || undefined })));
  };
  const draw = () => {
    chips.replaceChildren(...values.map((v, i) => h('li', { class: 'chip' },
      h('span', { text: v }),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': t('chips-remove', { name: v }), text: '×',
        onclick: () => { values.splice(i, 1); draw(); changed(); input.focus(); } }))));
    chips.hidden = values.length === 0;
  };
  const add = () => {
    const typed = clean(input.value);
    if (!typed) return;
    let value = typed;
    note.replaceChildren();
    if (resolve) {
      const found = resolve(typed);
      if (found) {
        value = found.name;
        if (found.name !== typed) note.append(h('p', { text: `${typed} → ${t('registry-resolves', { title: found.name })}` }));
      } else if (onUnknown) {
        note.append(onUnknown(typed, () => note.replaceChildren()));
      }
    }
    if (!values.includes(value)) values.push(value);
    input.value = '';
    draw();
    fillSuggestions();
    changed();
  };
  input.addEventListener('keydown', (e) => { if (isAddKey(e)) { e.preventDefault(); add(); } });
  // A suggestion picked from the list is added at once.
  input.addEventListener('input', (e) => { if (e.inputType === 'insertReplacementText') add(); });
  input.addEventListener('focus', fillSuggestions);
  const button = h('button', { type: 'button', class: 'chip-add', text: t('chips-add'), 'aria-label': t('chips-input', { label }), onclick: add });
  const entry = h('div', { class: 'chip-entry' }, input, button, datalist);
  const { el, errors } = wrapper(name, h('label', { for: fid, text: label }), chips, [entry, note]);
  el.classList.add('chips-field');
  draw();
  return {
    el, errors, input,
    get: () => {
      const pending = clean(input.value);
      const all = pending && !values.includes(pending) ? [...values, pending] : values;
      return all.length ? [...all] : null;
    },
    set: (v) => {
      values = Array.isArray(v) ? v.map(String) : v ? [String(v)] : [];
      input.value = '';
      note.replaceChildren();
      draw();
    },
    focus: () => input.focus(),
  };
}

/** Province / city / county, each suggested from the site's regions under the level above; free entry allowed. */
export function regionControl(name, regions, changed) {
  const levels = ['province', 'city', 'county'];
  const inputs = {};
  const lists = {};
  const subs = levels.map((level) => {
    const fid = id(`${name}-${level}`);
    lists[level] = h('datalist', { id: `dl-${fid}` });
    inputs[level] = h('input', { id: fid, name: `${name}-${level}`, list: `dl-${fid}`, autocomplete: 'off', 'aria-describedby': `e-${name}` });
    watch(inputs[level], changed);
    inputs[level].addEventListener('focus', () => fill(level));
    return h('span', { class: 'sub' }, h('label', { for: fid, text: t(`field-${level}`) }), inputs[level], lists[level]);
  });
  const fill = (level) => {
    const i = levels.indexOf(level);
    const seen = new Set();
    for (const r of regions()) {
      if (levels.slice(0, i).some((up) => clean(inputs[up].value) && r[up] !== clean(inputs[up].value))) continue;
      if (r[level]) seen.add(r[level]);
    }
    lists[level].replaceChildren(...[...seen].sort().map((v) => h('option', { value: v })));
  };
  const group = h('fieldset', { class: 'region-row' }, h('legend', { text: t(`field-${name}`) }), ...subs);
  const { el, errors } = wrapper(name, null, group);
  return {
    el, errors, input: inputs.province,
    get: () => levels.map((l) => clean(inputs[l].value)).filter(Boolean).join('/') || null,
    set: (v) => {
      let parts = [];
      if (typeof v === 'string') parts = v.split('/').map((s) => s.trim());
      else if (v && typeof v === 'object') parts = levels.map((l) => v[l] || '');
      levels.forEach((l, i) => { inputs[l].value = parts[i] || ''; });
    },
    focus: () => inputs.province.focus(),
  };
}

/** The award list: each a name from the registry, its recipients and how many were honoured in all. */
export function awardsControl(name, { suggest, resolve, onUnknown }, changed) {
  let rows = [];
  const list = h('ol', { class: 'awards' });
  const addButton = h('button', { type: 'button', text: t('award-add'), onclick: () => { addRow({}); changed(); rows.at(-1).name.focus(); } });
  const group = h('fieldset', { class: 'awards-group' }, h('legend', { text: t(`field-${name}`) }), list, addButton);
  const { el, errors } = wrapper(name, null, group);
  const addRow = (award) => {
    const n = rows.length;
    const nameControl = chipsLess(`${name}-${n}-name`, t('award-name'), suggest, changed);
    const recipients = chipsControl(`${name}-${n}-recipients`, { label: t('award-recipients'), suggest: () => [] }, changed);
    const countId = id(`${name}-${n}-count`);
    const count = h('input', { id: countId, type: 'number', min: '0', step: '1', inputmode: 'numeric' });
    watch(count, changed);
    const row = { award, name: nameControl.input, nameControl, recipients, count };
    const remove = h('button', { type: 'button', class: 'link-button', text: t('award-remove'),
      onclick: () => { rows = rows.filter((r) => r !== row); li.remove(); changed(); } });
    const li = h('li', { class: 'award', 'aria-label': t('award-n', { n: n + 1 }) }, nameControl.el, recipients.el,
      h('div', { class: 'field' }, h('label', { for: countId, text: t('award-count') }), count), remove);
    nameControl.input.addEventListener('change', () => {
      const typed = clean(nameControl.input.value);
      nameControl.note.replaceChildren();
      if (!typed) return;
      const found = resolve(typed);
      if (found && found.name !== typed) {
        nameControl.input.value = found.name;
        nameControl.note.append(h('p', { text: `${typed} → ${t('registry-resolves', { title: found.name })}` }));
        changed();
      } else if (!found && onUnknown) nameControl.note.append(onUnknown(typed, () => nameControl.note.replaceChildren()));
    });
    nameControl.input.value = award.name || '';
    recipients.set(award.recipients || []);
    count.value = award.count ?? '';
    rows.push(row);
    list.append(li);
  };
  return {
    el, errors, input: addButton,
    get: () => {
      const out = [];
      for (const r of rows) {
        const award = { name: clean(r.name.value) };
        if (!award.name) continue;
        const rec = r.recipients.get();
        if (rec) award.recipients = rec;
        if (r.count.value !== '') award.count = Number(r.count.value);
        out.push(award);
      }
      return out.length ? out : null;
    },
    set: (v) => {
      rows = [];
      list.replaceChildren();
      for (const a of Array.isArray(v) ? v : []) addRow(typeof a === 'string' ? { name: a } : a || {});
    },
    focus: () => (rows[0] ? rows[0].name.focus() : addButton.focus()),
  };
}

/** One text entry with suggestions (a single registry name). */
function chipsLess(name, label, suggest, changed) {
  const fid = id(name);
  const datalist = h('datalist', { id: `dl-${fid}` });
  const input = h('input', { id: fid, name, list: `dl-${fid}`, autocomplete: 'off', 'aria-describedby': `n-${fid}` });
  input.addEventListener('focus', () => datalist.replaceChildren(...suggest().map(([v, l]) => h('option', { value: v, label: l || undefined }))));
  watch(input, changed);
  const note = h('div', { class: 'chip-note', id: `n-${fid}` });
  const el = h('div', { class: 'field' }, h('label', { for: fid, text: label }), input, datalist, note);
  return { el, input, note };
}

/** The lead image: a file beside the article (typed, or uploaded), with its alt text and caption. */
export function imageControl(name, upload, changed) {
  const fid = id(name);
  const src = h('input', { id: fid, name, autocomplete: 'off', 'aria-describedby': `e-${name}` });
  const alt = h('input', { id: `${fid}-alt`, autocomplete: 'off' });
  const caption = h('input', { id: `${fid}-caption`, autocomplete: 'off' });
  const file = h('input', { id: `${fid}-file`, type: 'file', accept: 'image/*' });
  for (const i of [src, alt, caption]) watch(i, changed);
  const status = h('p', { class: 'hint', role: 'status' });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    status.textContent = t('saving');
    try {
      const { name: stored } = await upload(f);
      src.value = stored;
      status.textContent = stored;
      changed();
    } catch (e) {
      status.textContent = e.message;
    }
    file.value = '';
  });
  const sub = (input, key) => h('span', { class: 'sub' }, h('label', { for: input.id, text: t(key) }), input);
  const group = h('fieldset', { class: 'image-group' }, h('legend', { text: t(`field-${name}`) }),
    sub(src, 'field-image-src'), sub(file, 'field-image-upload'), sub(alt, 'field-image-alt'), sub(caption, 'field-image-caption'), status);
  const { el, errors } = wrapper(name, null, group);
  return {
    el, errors, input: src,
    get: () => {
      const s = clean(src.value);
      if (!s) return null;
      const a = clean(alt.value);
      const c = clean(caption.value);
      if (!a && !c) return s;
      const o = { src: s };
      if (a) o.alt = a;
      if (c) o.caption = c;
      return o;
    },
    set: (v) => {
      const o = typeof v === 'string' ? { src: v } : v || {};
      src.value = o.src || '';
      alt.value = o.alt || '';
      caption.value = o.caption || '';
    },
    focus: () => src.focus(),
  };
}
