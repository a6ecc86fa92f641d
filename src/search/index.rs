//! The term index: postings of every term, cut into pages of sorted terms.
//!
//! All terms (CJK unigrams and bigrams, lowercased words) share one sorted
//! key space (UTF-8 byte order, which is code point order). The sorted list
//! is cut into *pages* of about `PAGE_BYTES` of postings; `meta.json` lists
//! the first key of every page, so the client finds the page of a term, or
//! the pages of a word prefix, with a binary search and downloads only them.
//! Cutting by size rather than by hash keeps every page small even when one
//! term (工会) is huge: such a term simply gets a page of its own.
//!
//! Each page is two files:
//!
//! * `t/<n>.bin` — the dictionary and the document lists, always fetched:
//!   ```text
//!   varint nterms
//!   nterms × { varint shared_prefix_bytes, varint suffix_len, suffix (UTF-8),
//!              varint ndocs, varint postings_len, varint positions_len }
//!   postings of each term, concatenated in the same order:
//!     ndocs × varint((doc − prev_doc − 1) << 3 | tiers)     prev_doc starts at −1
//!   ```
//!   `tiers` has bit 1 for the title, 2 for the other metadata fields
//!   (kicker, subtitle, summary, people, organisations, programmes, awards,
//!   region, tags), 4 for the body. That is all a two-character or word
//!   query needs to rank.
//! * `p/<n>.bin` — positions, fetched only to check a CJK query of three or
//!   more characters (or a phrase): the positions of each term, concatenated
//!   in dictionary order; for each document of the postings, for each tier
//!   bit set in ascending order: `varint count, count × varint delta`
//!   (the first delta from 0). Unigrams have no positions.
//!
//! Documents are numbered newest first (see `mod.rs`), so a smaller id is a
//! newer article and "newer first" needs no dates in the index.

use std::collections::HashMap;

use super::tokenize::{Token, tokenize};
use super::varint;

/// Target size of the postings of one page (`t/<n>.bin`).
pub const PAGE_BYTES: usize = 16 * 1024;

/// The tiers a field can be in, as bits of the `tiers` mask.
pub const TITLE: u8 = 1;
pub const META: u8 = 2;
pub const BODY: u8 = 4;

/// The text of one document, grouped by tier. Fields in one tier are
/// joined by `\n`, which takes a position, so no match spans two fields.
pub struct TieredText<'a> {
    pub title: Vec<&'a str>,
    pub meta: Vec<&'a str>,
    pub body: Vec<&'a str>,
}

#[derive(Default)]
struct Postings {
    ndocs: u32,
    last_doc: i64,
    docs: Vec<u8>,
    positions: Vec<u8>,
}

/// A term as accumulated while documents are added: CJK terms are packed
/// into an integer (cheap to hash), words are kept as strings.
#[derive(Hash, PartialEq, Eq, Clone)]
enum Key {
    Cjk(u64),
    Word(String),
}

const BIGRAM_FLAG: u64 = 1 << 42;

impl Key {
    fn of(token: Token) -> Key {
        match token {
            Token::Unigram(c) => Key::Cjk(c as u64),
            Token::Bigram(a, b) => Key::Cjk(BIGRAM_FLAG | (a as u64) << 21 | b as u64),
            Token::Word(w) => Key::Word(w),
        }
    }
    fn has_positions(&self) -> bool {
        !matches!(self, Key::Cjk(k) if k & BIGRAM_FLAG == 0)
    }
    fn text(&self) -> String {
        match self {
            Key::Word(w) => w.clone(),
            Key::Cjk(k) => {
                let ch = |v: u64| char::from_u32(v as u32).unwrap_or('\u{fffd}');
                if k & BIGRAM_FLAG == 0 {
                    ch(*k).to_string()
                } else {
                    let mut s = String::new();
                    s.push(ch((k >> 21) & 0x1f_ffff));
                    s.push(ch(k & 0x1f_ffff));
                    s
                }
            }
        }
    }
}

/// Builds the postings of all terms, one document at a time, in doc id
/// order (ids must be added ascending).
#[derive(Default)]
pub struct IndexBuilder {
    terms: HashMap<Key, Postings>,
    next_doc: u32,
}

impl IndexBuilder {
    /// Adds the next document (ids are given in order: 0, 1, 2, …).
    pub fn add(&mut self, text: &TieredText) {
        let doc = self.next_doc;
        self.next_doc += 1;
        let mut occurrences: Vec<(Key, u8, u32)> = Vec::new();
        for (tier, fields) in [(TITLE, &text.title), (META, &text.meta), (BODY, &text.body)] {
            let mut base = 0;
            for field in fields.iter() {
                base += tokenize(field, base, |t, p| occurrences.push((Key::of(t), tier, p)));
                base += 1; // the `\n` between fields
            }
        }
        // Group by term; within a term by tier then position. Sorting by a
        // total order makes the result independent of hash order.
        occurrences.sort_unstable_by(|a, b| {
            key_cmp(&a.0, &b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        });
        let mut i = 0;
        while i < occurrences.len() {
            let key = &occurrences[i].0;
            let mut j = i;
            while j < occurrences.len() && occurrences[j].0 == *key {
                j += 1;
            }
            let group = &occurrences[i..j];
            let tiers = group.iter().fold(0u8, |m, o| m | o.1);
            let entry = self.terms.entry(key.clone()).or_default();
            if entry.ndocs == 0 {
                entry.last_doc = -1;
            }
            let delta = (i64::from(doc) - entry.last_doc - 1) as u64;
            varint::put(&mut entry.docs, delta << 3 | u64::from(tiers));
            entry.last_doc = i64::from(doc);
            entry.ndocs += 1;
            if key.has_positions() {
                for tier in [TITLE, META, BODY] {
                    let mut ps: Vec<u32> =
                        group.iter().filter(|o| o.1 == tier).map(|o| o.2).collect();
                    if ps.is_empty() {
                        continue;
                    }
                    ps.dedup();
                    varint::put(&mut entry.positions, ps.len() as u64);
                    let mut prev = 0;
                    for p in ps {
                        varint::put(&mut entry.positions, u64::from(p - prev));
                        prev = p;
                    }
                }
            }
            i = j;
        }
    }

    /// The pages, as (`t/<n>.bin`, `p/<n>.bin`) contents, and the first key
    /// of each page.
    pub fn finish(self) -> (Vec<(Vec<u8>, Vec<u8>)>, Vec<String>) {
        let mut terms: Vec<(String, Postings)> =
            self.terms.into_iter().map(|(k, p)| (k.text(), p)).collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut pages = Vec::new();
        let mut first_keys = Vec::new();
        let mut start = 0;
        while start < terms.len() {
            let mut end = start;
            let mut bytes = 0;
            while end < terms.len() && (end == start || bytes + terms[end].1.docs.len() <= PAGE_BYTES) {
                bytes += terms[end].1.docs.len() + terms[end].0.len() + 6;
                end += 1;
            }
            first_keys.push(terms[start].0.clone());
            pages.push(encode_page(&terms[start..end]));
            start = end;
        }
        (pages, first_keys)
    }
}

fn key_cmp(a: &Key, b: &Key) -> std::cmp::Ordering {
    match (a, b) {
        (Key::Cjk(x), Key::Cjk(y)) => x.cmp(y),
        (Key::Word(x), Key::Word(y)) => x.cmp(y),
        (Key::Cjk(_), Key::Word(_)) => std::cmp::Ordering::Less,
        (Key::Word(_), Key::Cjk(_)) => std::cmp::Ordering::Greater,
    }
}

fn encode_page(terms: &[(String, Postings)]) -> (Vec<u8>, Vec<u8>) {
    let mut dict = Vec::new();
    let mut postings = Vec::new();
    let mut positions = Vec::new();
    varint::put(&mut dict, terms.len() as u64);
    let mut prev: &str = "";
    for (key, p) in terms {
        let shared = common_prefix(prev, key);
        varint::put(&mut dict, shared as u64);
        varint::put(&mut dict, (key.len() - shared) as u64);
        dict.extend_from_slice(&key.as_bytes()[shared..]);
        varint::put(&mut dict, u64::from(p.ndocs));
        varint::put(&mut dict, p.docs.len() as u64);
        varint::put(&mut dict, p.positions.len() as u64);
        postings.extend_from_slice(&p.docs);
        positions.extend_from_slice(&p.positions);
        prev = key;
    }
    dict.extend_from_slice(&postings);
    (dict, positions)
}

/// Length in bytes of the common prefix of `a` and `b`, on a char boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or_else(|| a.len().min(b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::varint::get;

    /// Decodes a page into (key, [(doc, tiers, positions per tier)]).
    pub(crate) fn decode(t: &[u8], p: &[u8]) -> Vec<(String, Vec<(u64, u8, Vec<Vec<u64>>)>)> {
        let mut at = 0;
        let n = get(t, &mut at);
        let mut entries = Vec::new();
        let mut key = Vec::<u8>::new();
        for _ in 0..n {
            let shared = get(t, &mut at) as usize;
            let len = get(t, &mut at) as usize;
            key.truncate(shared);
            key.extend_from_slice(&t[at..at + len]);
            at += len;
            let ndocs = get(t, &mut at);
            let plen = get(t, &mut at) as usize;
            let poslen = get(t, &mut at) as usize;
            entries.push((String::from_utf8(key.clone()).unwrap(), ndocs, plen, poslen));
        }
        let mut pat = 0;
        let mut out = Vec::new();
        for (key, ndocs, plen, poslen) in entries {
            let end = at + plen;
            let pend = pat + poslen;
            let mut doc: i64 = -1;
            let mut docs = Vec::new();
            for _ in 0..ndocs {
                let v = get(t, &mut at);
                doc += (v >> 3) as i64 + 1;
                let tiers = (v & 7) as u8;
                let mut per_tier = Vec::new();
                if poslen > 0 {
                    for bit in [TITLE, META, BODY] {
                        if tiers & bit != 0 {
                            let c = get(p, &mut pat);
                            let mut prev = 0;
                            let mut ps = Vec::new();
                            for _ in 0..c {
                                prev += get(p, &mut pat);
                                ps.push(prev);
                            }
                            per_tier.push(ps);
                        }
                    }
                }
                docs.push((doc as u64, tiers, per_tier));
            }
            assert_eq!(at, end);
            assert_eq!(pat, pend);
            out.push((key, docs));
        }
        out
    }

    fn text<'a>(title: &'a str, meta: &'a str, body: &'a str) -> TieredText<'a> {
        TieredText { title: vec![title], meta: vec![meta], body: vec![body] }
    }

    #[test]
    fn postings_record_docs_tiers_and_positions() {
        let mut b = IndexBuilder::default();
        b.add(&text("产改", "", "推进产改"));
        b.add(&text("", "", "无关"));
        b.add(&text("", "产改", "APP"));
        let (pages, keys) = b.finish();
        assert_eq!(pages.len(), 1);
        assert_eq!(keys, vec!["app".to_string()]);
        let terms = decode(&pages[0].0, &pages[0].1);
        let find = |k: &str| terms.iter().find(|t| t.0 == k).unwrap().1.clone();
        assert_eq!(
            find("产改"),
            vec![(0, TITLE | BODY, vec![vec![0], vec![2]]), (2, META, vec![vec![0]])]
        );
        // Unigrams carry no positions.
        assert_eq!(find("改"), vec![(0, TITLE | BODY, vec![]), (2, META, vec![])]);
        assert_eq!(find("app"), vec![(2, BODY, vec![vec![0]])]);
        // Keys are sorted by code point.
        let sorted: Vec<_> = terms.iter().map(|t| t.0.clone()).collect();
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn fields_in_one_tier_do_not_join() {
        let mut b = IndexBuilder::default();
        b.add(&TieredText { title: vec![], meta: vec!["工会", "驿站"], body: vec![] });
        let (pages, _) = b.finish();
        let terms = decode(&pages[0].0, &pages[0].1);
        assert!(terms.iter().all(|t| t.0 != "会驿"));
        let yz = terms.iter().find(|t| t.0 == "驿站").unwrap();
        // "工会" takes 0–1, the separator 2, so 驿站 starts at 3.
        assert_eq!(yz.1, vec![(0, META, vec![vec![3]])]);
    }

    #[test]
    fn large_corpus_is_cut_into_pages_in_key_order() {
        let mut b = IndexBuilder::default();
        let body: String = (0..3000).map(|i| char::from_u32(0x4E00 + (i * 7919) % 20000).unwrap()).collect();
        for _ in 0..20 {
            b.add(&text("", "", &body));
        }
        let (pages, keys) = b.finish();
        assert!(pages.len() > 1, "{} pages", pages.len());
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        for (i, (t, p)) in pages.iter().enumerate() {
            let terms = decode(t, p);
            assert_eq!(terms[0].0, keys[i]);
            if i + 1 < keys.len() {
                assert!(terms.last().unwrap().0 < keys[i + 1]);
            }
        }
    }

    #[test]
    fn common_prefix_stops_on_char_boundary() {
        assert_eq!(common_prefix("工会", "工作"), 3);
        assert_eq!(common_prefix("app", "apple"), 3);
        assert_eq!(common_prefix("", "x"), 0);
    }
}
