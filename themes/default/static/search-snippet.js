// Snippets: a text and the query's segments (needles) in, the text cut
// into [{text, mark}] parts out, with matches marked, and the excerpt of a
// document around its first match. Matching here normalises as the index
// does (search-tokenize.js).

import { normCode, isWordCode } from './search-tokenize.js';

/** The needles of parsed query terms: each segment's characters, whether
 * it is a word (matched from a word's start) and quoted (matched whole). */
export const needlesOf = (terms) => terms.flatMap((t) => t.segments.map((s) => ({
  chars: [...s.text], word: s.type === 'word', whole: s.type === 'word' && t.quoted,
})));

/** The folds a stored text carries (`f`: each traditional character
 * followed by the simplified one it folds to) as a Map of code points. */
export function foldsOf(f) {
  const map = new Map();
  const cps = Array.from(String(f || ''), (c) => c.codePointAt(0));
  for (let i = 0; i + 1 < cps.length; i += 2) map.set(cps[i], cps[i + 1]);
  return map;
}

const NO_FOLDS = new Map();

/** Cuts `text` into [{text, mark}] parts, marking the query's segments:
 * a word matches the start of a word (the whole word if `whole`). Only
 * matches starting at char `from` or later are marked. `folds` (from
 * foldsOf) folds the text's traditional characters without the whole
 * table (search-fold.js). */
export function highlight(text, needles, from = 0, folds = NO_FOLDS) {
  text = String(text ?? '');
  // The normalised code point of each char, and where it starts in `text`.
  const norm = [], at = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i);
    at.push(i);
    norm.push(folds.get(cp) ?? normCode(cp));
    i += cp > 0xffff ? 2 : 1;
  }
  at.push(text.length);
  const marks = new Uint8Array(norm.length);
  for (const nd of needles) {
    const want = nd.codes ||= nd.chars.map((c) => c.codePointAt(0));
    const n = want.length;
    if (!n) continue;
    for (let i = from; i + n <= norm.length; i++) {
      if (norm[i] !== want[0]) continue;
      if (nd.word && i > 0 && isWordCode(norm[i - 1])) continue;
      if (nd.whole && i + n < norm.length && isWordCode(norm[i + n])) continue;
      let k = 1;
      while (k < n && norm[i + k] === want[k]) k++;
      if (k === n) marks.fill(1, i, i + n);
    }
  }
  const parts = [];
  for (let i = 0; i < norm.length;) {
    let j = i;
    while (j < norm.length && marks[j] === marks[i]) j++;
    parts.push({ text: text.slice(at[i], at[j]), mark: marks[i] === 1 });
    i = j;
  }
  return parts;
}

export const SNIPPET_CHARS = 90;

/**
 * A window of the body (or summary) around the first match. `doc` is a
 * stored segment file: `body` is one segment of the body, which starts at
 * char `at` of it (the chars before are context: a match there belongs to
 * an earlier segment), and the search asked for the segment of the first
 * match; segment 0 also has the summary, subtitle and kicker.
 */
export function snippet(doc, needles) {
  const fields = [[doc.body, doc.at || 0], [doc.summary, 0], [doc.subtitle, 0], [doc.kicker, 0]];
  const folds = foldsOf(doc.f);
  for (const [field, from] of fields) {
    const parts = highlight(field, needles, from, folds);
    const first = parts.findIndex((p) => p.mark);
    if (first < 0) continue;
    return windowAround(parts, first);
  }
  const text = [...String(doc.summary || doc.body || '')];
  const cut = text.length > SNIPPET_CHARS;
  return [{ text: text.slice(0, SNIPPET_CHARS).join('') + (cut ? '…' : ''), mark: false }];
}

/** True when the window of `doc`'s snippet (from its first match in the
 * body) and a query word that starts in it may run past the end of the
 * segment file while the body goes on (`doc.more`): the snippet is then
 * cut from this segment and the next one (search-engine.js). */
export function needsNext(doc, needles) {
  if (!doc.more) return false;
  const parts = highlight(doc.body, needles, doc.at || 0, foldsOf(doc.f));
  const first = parts.findIndex((p) => p.mark);
  if (first < 0) return false;
  let start = 0;
  for (let i = 0; i < first; i++) start += [...parts[i].text].length;
  let chars = start;
  for (let i = first; i < parts.length; i++) chars += [...parts[i].text].length;
  const longest = Math.max(0, ...needles.map((n) => n.chars.length));
  return start + SNIPPET_CHARS + longest >= chars;
}

/** Segment file `doc` followed by `next`, the file of the segment after
 * it (as the store reads them), segments being `segment` chars (meta.json):
 * one text from which the snippet is cut. */
export function joinNext(doc, next, segment) {
  // `end`: where the text's own segments end (a joined text's last one).
  const own = [...String(doc.body || '')].slice(0, doc.end ?? (doc.at || 0) + segment);
  const body = own.join('') + [...String(next.body || '')].slice(next.at || 0).join('');
  return { ...doc, body, end: own.length + segment, more: next.more, f: (doc.f || '') + (next.f || '') };
}

function windowAround(parts, first) {
  const before = [...parts.slice(0, first).map((p) => p.text).join('')];
  // Up to 24 characters of context, starting after a sentence or clause
  // break when there is one, else with an ellipsis.
  let lead = Math.min(before.length, 24);
  const tail = before.slice(before.length - lead);
  const brk = Math.max(...['。', '！', '？', '；', '，', ',', ';', '\n'].map((c) => tail.lastIndexOf(c)));
  if (brk >= 0 && before.length > lead) lead = tail.length - brk - 1;
  const out = [];
  if (lead) out.push({ text: (before.length > lead && brk < 0 ? '…' : '') + before.slice(before.length - lead).join(''), mark: false });
  let budget = SNIPPET_CHARS - lead;
  for (let i = first; i < parts.length && budget > 0; i++) {
    const chars = [...parts[i].text];
    const take = chars.slice(0, budget);
    budget -= take.length;
    out.push({ text: take.join('') + (take.length < chars.length ? '…' : ''), mark: parts[i].mark });
    if (take.length < chars.length) break;
  }
  return out;
}

