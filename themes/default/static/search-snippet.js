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

/** Cuts `text` into [{text, mark}] parts, marking the query's segments:
 * a word matches the start of a word (the whole word if `whole`). Only
 * matches starting at char `from` or later are marked. */
export function highlight(text, needles, from = 0) {
  text = String(text ?? '');
  // The normalised code point of each char, and where it starts in `text`.
  const norm = [], at = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i);
    at.push(i);
    norm.push(normCode(cp));
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
  for (const [field, from] of fields) {
    const parts = highlight(field, needles, from);
    const first = parts.findIndex((p) => p.mark);
    if (first < 0) continue;
    return windowAround(parts, first);
  }
  const text = [...String(doc.summary || doc.body || '')];
  const cut = text.length > SNIPPET_CHARS;
  return [{ text: text.slice(0, SNIPPET_CHARS).join('') + (cut ? '…' : ''), mark: false }];
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

