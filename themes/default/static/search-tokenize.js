// The search tokenizer: how the client cuts and normalises text and
// queries, the same way as src/search/tokenize.rs (normChar, isCjk,
// isWordChar must match it), and the order of index keys (cmpKey).

/** Queries are cut to this many characters: longer ones are not questions.
 * Equal to MAX_WORD_CHARS in src/search/tokenize.rs (words are indexed by
 * that many characters). */
export const MAX_QUERY_CHARS = 64;

/** True for CJK code points (same ranges as tokenize.rs `is_cjk`). */
export function isCjk(cp) {
  return cp === 0x3007 ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af);
}

// Traditional characters fold to simplified ones (tokenize.rs
// `norm_char`). The table (search-fold.js) is loaded only once a query
// contains a character that folds, which the small bitmap of
// search-fold-keys.js tells, itself loaded only when asked (the engine
// asks for a query that found nothing as typed): a simplified query
// downloads neither (the texts shown carry the folds of their own
// traditional characters, `f`).
let foldKeys = null;
/** Traditional code point → simplified, once loaded by loadFolds(). */
let folds = null;

/** Whether a code point folds, by the bitmap of `keys` (search-fold-keys.js). */
function isFoldCode(keys, cp) {
  if (cp >= 0x3400 && cp <= 0x9fff) {
    const i = cp - 0x3400;
    return (parseInt(keys.FOLD_BITMAP.substr((i >> 3) * 2, 2), 16) >> (i & 7)) & 1;
  }
  return keys.others.has(cp);
}

/** True when `text` has a character that folds and the table is not
 * loaded (a Promise: the bitmap is loaded on the first call). */
export async function needsFolds(text) {
  if (folds) return false;
  foldKeys ||= import('./search-fold-keys.js').then((m) => ({
    FOLD_BITMAP: m.FOLD_BITMAP,
    others: new Set([...m.FOLD_OTHERS].map((c) => c.codePointAt(0))),
  }));
  const keys = await foldKeys;
  for (const ch of String(text ?? '')) if (isFoldCode(keys, ch.codePointAt(0))) return true;
  return false;
}

/** Loads the folding table (once); normChar folds from then on. */
export async function loadFolds() {
  if (folds) return;
  const { FOLDS } = await import('./search-fold.js');
  const map = new Map(), chars = [...FOLDS];
  for (let i = 0; i < chars.length; i += 2) map.set(chars[i].codePointAt(0), chars[i + 1].codePointAt(0));
  folds = map;
  normCodes.clear();
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Answers of the slow paths below, by code point: a text repeats few
 * characters outside ASCII and CJK. */
const wordCodes = new Map(), normCodes = new Map();

/** isWordChar of a code point: ASCII and CJK without a regular expression. */
export function isWordCode(cp) {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  if (isCjk(cp)) return false;
  let w = wordCodes.get(cp);
  if (w === undefined) wordCodes.set(cp, (w = LETTER_OR_DIGIT.test(String.fromCodePoint(cp))));
  return w;
}

/** Letters and digits that are not CJK (tokenize.rs `is_word_char`). */
export function isWordChar(ch) {
  return isWordCode(ch.codePointAt(0));
}

/** normChar of a code point. */
export function normCode(cp) {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  if (cp >= 0x3400 && cp <= 0x9fff) return folds?.get(cp) ?? cp; // CJK: no case
  let n = normCodes.get(cp);
  if (n === undefined) normCodes.set(cp, (n = normChar(String.fromCodePoint(cp)).codePointAt(0)));
  return n;
}

/** One character to one character: full-width ASCII to ASCII, lower case,
 * traditional to simplified (once loadFolds() has run). */
export function normChar(ch) {
  let cp = ch.codePointAt(0);
  const folded = folds?.get(cp);
  if (folded !== undefined) return String.fromCodePoint(folded);
  if (cp >= 0xff01 && cp <= 0xff5e) { cp -= 0xfee0; ch = String.fromCodePoint(cp); }
  else if (cp === 0x3000) return ' ';
  if (cp < 128) return ch.toLowerCase();
  const lower = ch.toLowerCase();
  return [...lower].length === 1 ? lower : ch;
}

/**
 * Parses a query into terms. Whitespace separates terms (AND); "…" or “…”
 * makes a quoted term. Each term is cut into segments: runs of CJK
 * characters and words of letters/digits; other characters separate them.
 * Every segment carries its start and end in the query (code points), for
 * the phrase check.
 */
export function parseQuery(q) {
  const chars = [...String(q ?? '')].slice(0, MAX_QUERY_CHARS).map(normChar);
  const terms = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (/\s/u.test(c)) { i++; continue; }
    let quoted = false, end;
    if (c === '"' || c === '“' || c === '”') {
      quoted = true;
      i++;
      end = i;
      while (end < chars.length && !['"', '“', '”'].includes(chars[end])) end++;
    } else {
      end = i;
      while (end < chars.length && !/\s/u.test(chars[end]) && !['"', '“'].includes(chars[end])) end++;
    }
    const segments = segmentsOf(chars, i, end);
    if (segments.length) terms.push({ quoted, segments });
    i = quoted ? end + 1 : end;
  }
  return terms;
}

function segmentsOf(chars, from, to) {
  const out = [];
  let i = from;
  while (i < to) {
    const cjk = isCjk(chars[i].codePointAt(0));
    if (!cjk && !isWordChar(chars[i])) { i++; continue; }
    let j = i + 1;
    while (j < to && (cjk ? isCjk(chars[j].codePointAt(0)) : isWordChar(chars[j]))) j++;
    out.push({ type: cjk ? 'cjk' : 'word', text: chars.slice(i, j).join(''), start: i, end: j });
    i = j;
  }
  return out;
}

/** Compares two keys by code point, like Rust's str ordering. UTF-16
 * order is code point order except that a surrogate (a code point past
 * U+FFFF) sorts before U+E000–U+FFFF, so only that case is mended. */
export function cmpKey(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
