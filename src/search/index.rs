//! The term index: postings of every term, cut into pages of sorted terms.
//!
//! All terms (CJK uni-, bi-, tri- and four-grams, lowercased words) share one sorted
//! key space (UTF-8 byte order, which is code point order). The sorted list
//! is cut into *pages* of about `PAGE_BYTES` of postings; the directories
//! (`pack`) list the key that starts every page (shortened to a
//! separator), so the client finds the page of a term, or the pages of a
//! word prefix, with a binary search and downloads only them.
//! Cutting by size rather than by hash keeps every page small even when one
//! term (工会) is huge: such a term simply gets a page of its own.
//!
//! Each page is three parts, packed together in a bundle (see `pack`):
//!
//! * `t` — the dictionary and the document lists, always fetched:
//!   ```text
//!   varint nterms
//!   nterms × { varint shared_prefix_bytes, varint suffix_len, suffix (UTF-8),
//!              varint ndocs, varint postings_len,
//!              varint counts_len, varint deltas_len }             (part `p`)
//!   postings of each term, concatenated in the same order:
//!     ndocs × varint((doc − prev_doc − 1) << 3 | tiers)     prev_doc starts at −1
//!   ```
//!   `tiers` has bit 1 for the title, 2 for the other metadata fields
//!   (kicker, subtitle, summary, people, organisations, programmes, awards,
//!   region, tags), 4 for the body. That is all a two-character or word
//!   query needs to rank.
//! * `p` — positions, fetched only to check a CJK query of five or more
//!   characters (or a phrase): for each document of a term's postings, for each tier bit set in
//!   ascending order, `varint count` and `count × varint delta` (the
//!   first delta from 0; a count may be 0); the counts of every term of
//!   the page come first, in dictionary order, then the deltas (format 7:
//!   apart, the counts, mostly 1, deflate to little: the positions of
//!   10,000 long articles took 25.0 MB instead of 26.6 at level 1 (zlib
//!   on the parts of the built index), 24.2 MB at level 6, against 27.2
//!   MB as format 6 stored them). Words and trigrams have
//!   all their positions; unigrams and four-grams none; a bigram only
//!   those where it ends its run of CJK characters. Where a trigram
//!   follows, the bigram's position is the trigram's, so the positions of
//!   bigram `AB` are those of its own entry and of the trigrams `AB…`,
//!   which sort right after it (one prefix range of keys). Bigrams with
//!   all their positions took as many bytes as trigrams (21.6 and 20.3 MB
//!   of 42.8 at 10,000 long articles); a run ends in about one bigram of
//!   ten.
//! * `s` — body segments, fetched with the page for the query's own
//!   terms (not for the trigrams that check a long run): which segment of
//!   the body holds the term's first occurrence there, for each document
//!   whose tiers include the body, so that the client downloads only that
//!   segment of a result for its snippet (see `store`):
//!   ```text
//!   varint nterms, nterms × varint list_len (bytes), then the lists:
//!     one varint segment for each posting whose tiers have bit 4
//!   ```
//!   Kept apart from `t/`: a long run, checked by positions, knows where
//!   its first occurrence is and would carry them for nothing (they are a
//!   third of the size of the postings).
//!
//! Documents are numbered newest first (see `mod.rs`), so a smaller id is a
//! newer article and "newer first" needs no dates in the index.
//!
//! **Passes.** The postings of a whole corpus do not have to be in memory at
//! once: a term's place in the sorted key space is decided by its first
//! char, so the builder can be run once per [`Shard`] (a range of first
//! chars), in order, and each pass's sorted terms handed to one
//! [`PageCutter`] that carries the open page across passes. The pages come
//! out exactly as from a single pass; a pass holds only its range's
//! postings, which keeps the peak memory of a 100,000-article build
//! bounded (all its postings at once take gigabytes).

use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::store::SEGMENT_CHARS;
use super::tokenize::{Token, tokenize_in};
use super::varint;

/// Target size of the postings of one page (part `t`).
pub const PAGE_BYTES: usize = 8 * 1024;
/// Target size of the positions of one page (part `p`): a page is closed
/// when either part reaches its target. A query downloads whole parts, so
/// a rare term pays for its neighbours: measured on the generated
/// 10,000-article corpus over 11 queries, pages of 16 KB of postings and
/// 32 KB of positions cost 667 KB in all, 8 and 16 KB 527 KB, 8 and 8 KB
/// 485 KB (4 and 8 KB the same); the price is more directory entries.
pub const POSITIONS_PAGE_BYTES: usize = 8 * 1024;

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

/// The postings of one term while the builder adds documents, in one
/// buffer: for each document, `varint((doc − prev_doc − 1) << 3 | tiers)`,
/// then its body segment if the body is among the tiers (see part `s`),
/// then, for a term with positions, its positions (see part `p`); the page
/// encoder sorts them into the parts. Millions of terms occur in one or two
/// documents: their bytes fit in the buffer itself, with no allocation, and
/// a term takes 40 bytes beside its key where three vectors took 88 and an
/// allocation each.
#[derive(Default)]
struct Postings {
    // smallvec (already a dependency of scraper and fluent): inline bytes
    // for the many small postings, with the union layout that makes it 24
    // bytes.
    bytes: smallvec::SmallVec<[u8; 16]>,
    ndocs: u32,
    /// The last document's id + 1 (0: none yet).
    next_doc: u32,
    /// Bytes of the document list (part `t`) and of the positions (`p`).
    docs_len: u32,
    positions_len: u32,
}

impl Postings {
    /// Appends varint `n`; returns its length.
    fn put(&mut self, mut n: u64) -> u32 {
        let mut len = 1;
        while n >= 0x80 {
            self.bytes.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
            len += 1;
        }
        self.bytes.push(n as u8);
        len
    }

    /// Starts document `doc`'s entry, in `tiers`.
    fn put_doc(&mut self, doc: u32, tiers: u8) {
        let delta = u64::from(doc - self.next_doc);
        self.docs_len += self.put(delta << 3 | u64::from(tiers));
        self.next_doc = doc + 1;
        self.ndocs += 1;
    }

    fn put_position(&mut self, n: u64) {
        self.positions_len += self.put(n);
    }
}

/// A term, its postings, and whether they have positions.
type Term = (String, Postings, bool);

/// The three parts of one page, before deflating.
pub struct Page {
    /// `t`: dictionary and document lists.
    pub terms: Vec<u8>,
    /// `p`: positions.
    pub positions: Vec<u8>,
    /// `s`: body segments of the first occurrences.
    pub segments: Vec<u8>,
}

/// The terms of one page, cut but not yet encoded: pages are encoded (and
/// deflated) on all threads, while the cutter, which must see the terms in
/// order, runs on one.
pub struct PageTerms(Vec<Term>);

impl PageTerms {
    pub fn encode(&self) -> Page {
        encode_page(&self.0)
    }
}

/// Receives each page as it is closed, with its number and the key that
/// starts it.
pub type Emit<'a> = dyn FnMut(usize, &str, PageTerms) + 'a;

/// The terms of one document, each sorted by (term, tier, position):
/// CJK n-grams packed into integers of 21 bits per char (cheap to hash and
/// sort), words as strings. Made by [`doc_terms`], which needs no shared
/// state, so documents can be tokenized in parallel.
#[derive(Default)]
pub struct DocTerms {
    /// For each tier (title, meta, body), the positions where a trigram
    /// starts, as a bitmap: the bigrams there do not end their run (see
    /// `p`). A bigram and the trigram at its position start with the same
    /// char, so they are in the same shard.
    inside: [Vec<u64>; 3],
    unigrams: Vec<u128>,
    bigrams: Vec<u128>,
    trigrams: Vec<u128>,
    quadgrams: Vec<u128>,
    words: Vec<(String, u8, u32)>,
}

/// 0, 1, 2 for the tier bits `TITLE`, `META`, `BODY`.
fn tier_index(tier: u8) -> usize {
    tier.trailing_zeros() as usize
}

/// A CJK term's occurrence as one integer that sorts as (term, tier,
/// position): the term's chars (21 bits each, at most four) from bit 35 up,
/// the tier bit at 32–34, the position below.
fn occurrence(term: u128, tier: u8, pos: u32) -> u128 {
    term << 35 | u128::from(tier) << 32 | u128::from(pos)
}

fn pack(chars: &[char]) -> u128 {
    chars.iter().fold(0, |k, &c| k << 21 | c as u128)
}

fn unpack(k: u128, n: u32) -> String {
    (0..n)
        .rev()
        .map(|i| char::from_u32(((k >> (21 * i)) & 0x1f_ffff) as u32).unwrap_or('\u{fffd}'))
        .collect()
}

/// The terms one pass of the builder handles: those whose first char is
/// in `from..to` (code points). Shards in ascending order cover the key
/// space in sorted order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub from: u32,
    pub to: u32,
}

impl Shard {
    /// Every term: a single pass.
    pub const ALL: Shard = Shard {
        from: 0,
        to: char::MAX as u32 + 1,
    };

    fn contains(self, c: char) -> bool {
        (self.from..self.to).contains(&(c as u32))
    }
}

/// Tokenizes one document.
#[cfg(test)]
pub fn doc_terms(text: &TieredText) -> DocTerms {
    let mut t = DocTerms::default();
    t.fill(text, Shard::ALL);
    t
}

impl DocTerms {
    /// Tokenizes one document into `self`, keeping only the terms of
    /// `shard`. What `self` held before is dropped, its memory kept: the
    /// builder fills the same few hundred of these, batch after batch.
    pub fn fill(&mut self, text: &TieredText, shard: Shard) {
        let t = self;
        for bits in &mut t.inside {
            bits.clear();
        }
        t.unigrams.clear();
        t.bigrams.clear();
        t.trigrams.clear();
        t.quadgrams.clear();
        t.words.clear();
        for (tier, fields) in [(TITLE, &text.title), (META, &text.meta), (BODY, &text.body)] {
            let mut base = 0;
            for field in fields.iter() {
                let first = |c| shard.contains(c);
                base += tokenize_in(field, base, first, |token, p| match token {
                    Token::Unigram(c) => t.unigrams.push(occurrence(c as u128, tier, p)),
                    Token::Bigram(a, b) => t.bigrams.push(occurrence(pack(&[a, b]), tier, p)),
                    Token::Trigram(a, b, c) => {
                        let bits = &mut t.inside[tier_index(tier)];
                        let word = p as usize / 64;
                        if bits.len() <= word {
                            bits.resize(word + 1, 0);
                        }
                        bits[word] |= 1 << (p % 64);
                        t.trigrams.push(occurrence(pack(&[a, b, c]), tier, p))
                    }
                    Token::Quadgram(a, b, c, d) => {
                        t.quadgrams.push(occurrence(pack(&[a, b, c, d]), tier, p))
                    }
                    Token::Word(w) => t.words.push((w.to_string(), tier, p)),
                });
                base += 1; // the `\n` between fields
            }
        }
        // Sorting by a total order makes the output independent of hash order.
        t.unigrams.sort_unstable();
        t.bigrams.sort_unstable();
        t.trigrams.sort_unstable();
        t.quadgrams.sort_unstable();
        t.words.sort_unstable();
    }
}

/// Builds the postings of all terms, one document at a time, in doc id
/// order.
///
/// Adding is most of a build's index work (6.3 of 12 s of one thread at
/// 10,000 long articles), so the terms are split between [`Part`]s by a
/// hash of the term, each part adding its own terms of every document of
/// a batch on its own thread. A term is in one part only, and the parts'
/// terms are sorted together at the end, so the index is the same for any
/// number of parts.
pub struct IndexBuilder {
    parts: Vec<Part>,
    next_doc: u32,
}

impl Default for IndexBuilder {
    /// One part: everything on the calling thread.
    fn default() -> Self {
        IndexBuilder::with_parts(1)
    }
}

/// The postings of the terms that one part of the builder owns.
#[derive(Default)]
struct Part {
    unigrams: FxMap<u64, Postings>,
    bigrams: FxMap<u64, Postings>,
    trigrams: FxMap<u64, Postings>,
    quadgrams: FxMap<u128, Postings>,
    words: FxMap<String, Postings>,
}

/// Which part of `parts` owns a term, by the term's hash.
#[derive(Clone, Copy)]
struct Owner {
    part: usize,
    parts: usize,
}

impl Owner {
    fn owns(self, hash: impl FnOnce() -> u64) -> bool {
        // Multiply-shift maps the hash onto 0..parts evenly.
        self.parts == 1 || (((hash() >> 32) * self.parts as u64) >> 32) as usize == self.part
    }
    fn owns_cjk(self, term: u128) -> bool {
        self.owns(|| {
            let mut h = FxHasher::default();
            h.write_u128(term);
            h.finish()
        })
    }
    fn owns_word(self, word: &str) -> bool {
        self.owns(|| {
            let mut h = FxHasher::default();
            h.write(word.as_bytes());
            h.finish()
        })
    }
}

impl IndexBuilder {
    /// A builder whose terms are split into `parts` (at least one), added
    /// in parallel.
    pub fn with_parts(parts: usize) -> Self {
        IndexBuilder {
            parts: (0..parts.max(1)).map(|_| Part::default()).collect(),
            next_doc: 0,
        }
    }

    /// Adds the next document (ids are given in order: 0, 1, 2, …).
    pub fn add(&mut self, terms: &DocTerms) {
        self.add_batch(std::slice::from_ref(terms));
    }

    /// Adds the next documents, in order, each part on its own thread.
    pub fn add_batch(&mut self, batch: &[DocTerms]) {
        let first = self.next_doc;
        let parts = self.parts.len();
        let add = |(part, p): (usize, &mut Part)| {
            let owner = Owner { part, parts };
            for (doc, terms) in (first..).zip(batch) {
                p.add(doc, terms, owner);
            }
        };
        if parts == 1 {
            add((0, &mut self.parts[0]));
        } else {
            self.parts.par_iter_mut().enumerate().for_each(add);
        }
        self.next_doc += batch.len() as u32;
    }

    /// The pages, as their parts, and the key that
    /// starts each page (see [`PageCutter`]), all in memory.
    #[cfg(test)]
    pub fn finish(self) -> (Vec<Page>, Vec<String>) {
        let mut pages = Vec::new();
        let mut cutter = PageCutter::default();
        self.cut(&mut cutter, &mut |_, _, page| pages.push(page.encode()));
        let keys = cutter.finish(&mut |_, _, page| pages.push(page.encode()));
        (pages, keys)
    }

    /// Hands this builder's terms, sorted, to `cutter`, which calls `emit`
    /// with every page it closes. The postings are freed as they go.
    pub fn cut(self, cutter: &mut PageCutter, emit: &mut Emit) {
        for term in self.into_terms() {
            cutter.push(term, emit);
        }
    }

    /// The terms with their postings (and whether they have positions),
    /// sorted by key.
    fn into_terms(self) -> Vec<Term> {
        let n = self.parts.iter().map(Part::len).sum();
        let mut terms: Vec<Term> = Vec::with_capacity(n);
        terms.par_extend(self.parts.into_par_iter().flat_map_iter(Part::into_terms));
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

impl Part {
    /// Adds document `doc`'s terms that this part owns.
    fn add(&mut self, doc: u32, terms: &DocTerms, owner: Owner) {
        let ends_run = |tier, p: u32| {
            let bits = &terms.inside[tier_index(tier)];
            bits.get(p as usize / 64)
                .is_none_or(|word| word & (1 << (p % 64)) == 0)
        };
        let all = |_, _| true;
        // Three chars of 21 bits fit a u64 key; four need a u128.
        let short = |term: u128| term as u64;
        let cjk = |term| owner.owns_cjk(term);
        append_cjk(
            &mut self.unigrams,
            short,
            cjk,
            doc,
            &terms.unigrams,
            false,
            all,
        );
        append_cjk(
            &mut self.bigrams,
            short,
            cjk,
            doc,
            &terms.bigrams,
            true,
            ends_run,
        );
        append_cjk(
            &mut self.trigrams,
            short,
            cjk,
            doc,
            &terms.trigrams,
            true,
            all,
        );
        append_cjk(
            &mut self.quadgrams,
            |t| t,
            cjk,
            doc,
            &terms.quadgrams,
            false,
            all,
        );
        append_words(&mut self.words, |w| owner.owns_word(w), doc, &terms.words);
    }

    fn len(&self) -> usize {
        self.unigrams.len()
            + self.bigrams.len()
            + self.trigrams.len()
            + self.quadgrams.len()
            + self.words.len()
    }

    /// This part's terms, unsorted.
    fn into_terms(self) -> impl Iterator<Item = Term> {
        let short = |n| move |(k, p): (u64, Postings)| (unpack(k.into(), n), p, n > 1);
        (self.unigrams.into_iter().map(short(1)))
            .chain(self.bigrams.into_iter().map(short(2)))
            .chain(self.trigrams.into_iter().map(short(3)))
            .chain(
                self.quadgrams
                    .into_iter()
                    .map(|(k, p)| (unpack(k, 4), p, false)),
            )
            .chain(self.words.into_iter().map(|(k, p)| (k, p, true)))
    }
}

/// Cuts the sorted stream of terms into pages of about `PAGE_BYTES` of
/// postings (and `POSITIONS_PAGE_BYTES` of positions), whichever fills
/// first; a term bigger than a page gets a page of its own. It holds only
/// the open page, so terms can be fed to it pass after pass.
#[derive(Default)]
pub struct PageCutter {
    open: Vec<Term>,
    bytes: usize,
    pos_bytes: usize,
    /// The last key of the page before the open one.
    last_key: Option<String>,
    /// The key that starts each closed page: its first key cut to the
    /// shortest prefix still greater than the last key of the page before
    /// (`separator`).
    keys: Vec<String>,
}

impl PageCutter {
    /// Adds the next term (terms come in key order), closing the open page
    /// first if the term does not fit in it.
    fn push(&mut self, term: Term, emit: &mut Emit) {
        let (docs, positions) = (term.1.docs_len as usize, term.1.positions_len as usize);
        if !self.open.is_empty()
            && (self.bytes + docs > PAGE_BYTES || self.pos_bytes + positions > POSITIONS_PAGE_BYTES)
        {
            self.close(emit);
        }
        self.bytes += docs + term.0.len() + 6;
        self.pos_bytes += positions;
        self.open.push(term);
    }

    fn close(&mut self, emit: &mut Emit) {
        let first = &self.open[0].0;
        self.keys.push(match &self.last_key {
            None => first.clone(),
            Some(prev) => separator(prev, first),
        });
        let n = self.keys.len() - 1;
        self.last_key = self.open.last().map(|(k, ..)| k.clone());
        emit(n, &self.keys[n], PageTerms(std::mem::take(&mut self.open)));
        self.bytes = 0;
        self.pos_bytes = 0;
    }

    /// Closes the last page; returns the key that starts each page.
    pub fn finish(mut self, emit: &mut Emit) -> Vec<String> {
        if !self.open.is_empty() {
            self.close(emit);
        }
        self.keys
    }
}

/// The shortest prefix of `first` (in chars) greater than `prev`, where
/// `prev < first`: every key of the page it starts is ≥ it, every key before
/// is < it, and a prefix search for P that continues past the page of P
/// meets only separators that start with P.
fn separator(prev: &str, first: &str) -> String {
    for (i, c) in first.char_indices() {
        let cut = &first[..i + c.len_utf8()];
        if cut > prev {
            return cut.to_string();
        }
    }
    first.to_string()
}

/// Appends one document's occurrences of CJK terms (packed by
/// [`occurrence`], sorted) to the postings of their terms (keyed by
/// `key`), with the positions that `keep` keeps (given the tier and the
/// position) if `positional`.
fn append_cjk<K: Hash + Eq>(
    table: &mut FxMap<K, Postings>,
    key: impl Fn(u128) -> K,
    owns: impl Fn(u128) -> bool,
    doc: u32,
    occ: &[u128],
    positional: bool,
    keep: impl Fn(u8, u32) -> bool,
) {
    let mut i = 0;
    while i < occ.len() {
        let term = occ[i] >> 35;
        let mut j = i + 1;
        while j < occ.len() && occ[j] >> 35 == term {
            j += 1;
        }
        if owns(term) {
            let entry = table.entry(key(term)).or_default();
            let group = occ[i..j].iter().map(|&o| ((o >> 32) as u8 & 7, o as u32));
            add_group(entry, doc, group, positional, &keep);
        }
        i = j;
    }
}

/// [`append_cjk`] for words, which have all their positions.
fn append_words(
    table: &mut FxMap<String, Postings>,
    owns: impl Fn(&str) -> bool,
    doc: u32,
    occ: &[(String, u8, u32)],
) {
    let mut i = 0;
    while i < occ.len() {
        let key = &occ[i].0;
        let mut j = i + 1;
        while j < occ.len() && occ[j].0 == *key {
            j += 1;
        }
        if !owns(key) {
            i = j;
            continue;
        }
        let entry = match table.get_mut(key) {
            Some(e) => e,
            None => table.entry(key.clone()).or_default(),
        };
        let group = occ[i..j].iter().map(|o| (o.1, o.2));
        add_group(entry, doc, group, true, &|_, _| true);
        i = j;
    }
}

/// Adds document `doc` to a term's postings, given its occurrences there
/// as (tier, position), sorted.
fn add_group(
    entry: &mut Postings,
    doc: u32,
    group: impl Iterator<Item = (u8, u32)> + Clone,
    positional: bool,
    keep: &impl Fn(u8, u32) -> bool,
) {
    let tiers = group.clone().fold(0u8, |m, (tier, _)| m | tier);
    entry.put_doc(doc, tiers);
    // The body segment of the term's first occurrence in the body (the
    // body tier sorts last, its positions in order): the one document
    // file the client needs for the snippet (see `store`).
    if let Some((_, first)) = group.clone().find(|&(tier, _)| tier == BODY) {
        entry.put(u64::from(first) / SEGMENT_CHARS as u64);
    }
    if positional {
        // For each tier, in ascending order: the count, then the deltas.
        for tier in [TITLE, META, BODY] {
            if tiers & tier != 0 {
                let kept = group
                    .clone()
                    .filter(|&(t, p)| t == tier && keep(t, p))
                    .map(|(_, p)| p);
                entry.put_position(kept.clone().count() as u64);
                let mut prev = 0;
                for p in kept {
                    entry.put_position(u64::from(p - prev));
                    prev = p;
                }
            }
        }
    }
}

/// A hash map with a fast, fixed hash (the Fx hash of rustc). The index
/// never iterates a map into its output without sorting first, so the hash
/// only has to be fast, not random.
pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn encode_page(terms: &[Term]) -> Page {
    let mut dict = Vec::new();
    let mut postings = Vec::new();
    let mut counts = Vec::new();
    let mut deltas = Vec::new();
    let mut segments = Vec::new();
    let mut segment_lists = Vec::new();
    varint::put(&mut dict, terms.len() as u64);
    varint::put(&mut segments, terms.len() as u64);
    let mut prev: &str = "";
    for (key, p, positional) in terms {
        let shared = common_prefix(prev, key);
        varint::put(&mut dict, shared as u64);
        varint::put(&mut dict, (key.len() - shared) as u64);
        dict.extend_from_slice(&key.as_bytes()[shared..]);
        varint::put(&mut dict, u64::from(p.ndocs));
        let (postings_at, counts_at, deltas_at, segments_at) = (
            postings.len(),
            counts.len(),
            deltas.len(),
            segment_lists.len(),
        );
        // Each document's entry, into its parts: the document and tiers
        // to `t`, the segment to `s`, per tier the count and the deltas
        // to `p`.
        let bytes = &p.bytes[..];
        let mut at = 0;
        let copy = |to: &mut Vec<u8>, at: &mut usize| {
            let from = *at;
            let n = varint::get(bytes, at);
            to.extend_from_slice(&bytes[from..*at]);
            n
        };
        while at < bytes.len() {
            let tiers = copy(&mut postings, &mut at) & 7;
            if tiers & u64::from(BODY) != 0 {
                copy(&mut segment_lists, &mut at);
            }
            if *positional {
                for _ in 0..tiers.count_ones() {
                    let n = copy(&mut counts, &mut at);
                    for _ in 0..n {
                        copy(&mut deltas, &mut at);
                    }
                }
            }
        }
        varint::put(&mut dict, (postings.len() - postings_at) as u64);
        varint::put(&mut dict, (counts.len() - counts_at) as u64);
        varint::put(&mut dict, (deltas.len() - deltas_at) as u64);
        varint::put(&mut segments, (segment_lists.len() - segments_at) as u64);
        prev = key;
    }
    dict.extend_from_slice(&postings);
    segments.extend_from_slice(&segment_lists);
    counts.extend_from_slice(&deltas);
    Page {
        terms: dict,
        positions: counts,
        segments,
    }
}

/// One document's entry in the postings of a term: its tiers, the body
/// segment of the term's first body occurrence, and its positions as
/// encoded in part `p` (empty for terms without positions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub tiers: u8,
    pub segment: Option<u64>,
    pub positions: Vec<u8>,
}

/// A term page decoded: each term, in key order, with its documents'
/// entries in id order.
pub type Decoded = Vec<(String, Vec<(u32, Entry)>)>;

/// The entries of one document, by term in key order: what its postings
/// add to each term's, encoded as the builder encodes them.
pub fn doc_entries(text: &TieredText) -> Vec<(String, Entry)> {
    let mut builder = IndexBuilder::default();
    let mut terms = DocTerms::default();
    terms.fill(text, Shard::ALL);
    builder.add(&terms);
    builder
        .into_terms()
        .into_iter()
        .map(|(key, p, _)| {
            // One document: its tiers, its segment if the body is among
            // them, and the rest are its positions.
            let mut at = 0;
            let tiers = (varint::get(&p.bytes, &mut at) & 7) as u8;
            let segment = (tiers & BODY != 0).then(|| varint::get(&p.bytes, &mut at));
            (
                key,
                Entry {
                    tiers,
                    segment,
                    positions: p.bytes[at..].to_vec(),
                },
            )
        })
        .collect()
}

/// Decodes a page from its three parts (inflated), the inverse of the
/// encoding the builder writes.
pub fn decode_page(t: &[u8], s: &[u8], p: &[u8]) -> Decoded {
    let mut at = 0;
    let n = varint::get(t, &mut at) as usize;
    let mut heads = Vec::with_capacity(n);
    let mut key = Vec::new();
    for _ in 0..n {
        let shared = varint::get(t, &mut at) as usize;
        let suffix = varint::get(t, &mut at) as usize;
        key.truncate(shared);
        key.extend_from_slice(&t[at..at + suffix]);
        at += suffix;
        let ndocs = varint::get(t, &mut at) as usize;
        let docs_len = varint::get(t, &mut at) as usize;
        let counts_len = varint::get(t, &mut at) as usize;
        let deltas_len = varint::get(t, &mut at) as usize;
        heads.push((
            String::from_utf8_lossy(&key).into_owned(),
            ndocs,
            docs_len,
            counts_len,
            deltas_len,
        ));
    }
    // Part `p`: every term's counts, then every term's deltas.
    let (mut counts_at, mut deltas_at) = (0, heads.iter().map(|h| h.3).sum::<usize>());
    let mut docs_at = at;
    let mut seg_at = 0;
    let nseg = varint::get(s, &mut seg_at) as usize;
    let seg_lens: Vec<usize> = (0..nseg)
        .map(|_| varint::get(s, &mut seg_at) as usize)
        .collect();
    let mut out = Vec::with_capacity(n);
    for (k, (key, ndocs, docs_len, counts_len, deltas_len)) in heads.into_iter().enumerate() {
        let docs = &t[docs_at..docs_at + docs_len];
        docs_at += docs_len;
        let seg_len = seg_lens.get(k).copied().unwrap_or(0);
        let segs = &s[seg_at..seg_at + seg_len];
        seg_at += seg_len;
        let counts = &p[counts_at..counts_at + counts_len];
        counts_at += counts_len;
        let deltas = &p[deltas_at..deltas_at + deltas_len];
        deltas_at += deltas_len;
        let (mut d_at, mut s_at, mut c_at, mut p_at) = (0, 0, 0, 0);
        let mut prev: i64 = -1;
        let mut list = Vec::with_capacity(ndocs);
        for _ in 0..ndocs {
            let v = varint::get(docs, &mut d_at);
            let doc = prev + 1 + (v >> 3) as i64;
            prev = doc;
            let tiers = (v & 7) as u8;
            let segment = (tiers & BODY != 0).then(|| varint::get(segs, &mut s_at));
            // The entry's positions as the builder makes them: per tier,
            // its count and its deltas.
            let mut positions = Vec::new();
            if counts_len > 0 {
                for bit in [TITLE, META, BODY] {
                    if tiers & bit != 0 {
                        let from = c_at;
                        let count = varint::get(counts, &mut c_at);
                        positions.extend_from_slice(&counts[from..c_at]);
                        let from = p_at;
                        for _ in 0..count {
                            varint::get(deltas, &mut p_at);
                        }
                        positions.extend_from_slice(&deltas[from..p_at]);
                    }
                }
            }
            list.push((
                doc as u32,
                Entry {
                    tiers,
                    segment,
                    positions,
                },
            ));
        }
        out.push((key, list));
    }
    out
}

/// Encodes a decoded page, as the builder would encode the same terms.
pub fn encode_decoded(terms: &Decoded) -> Page {
    let terms: Vec<Term> = terms
        .iter()
        .map(|(key, list)| {
            let mut p = Postings::default();
            for (doc, e) in list {
                p.put_doc(*doc, e.tiers);
                if let Some(seg) = e.segment {
                    p.put(seg);
                }
                p.bytes.extend_from_slice(&e.positions);
                p.positions_len += e.positions.len() as u32;
            }
            // A term with positions has a count for every tier of every
            // document, one without none.
            let positional = list.iter().any(|(_, e)| !e.positions.is_empty());
            (key.clone(), p, positional)
        })
        .collect();
    encode_page(&terms)
}

/// Sets document `doc`'s entry in the postings of `term` on a decoded
/// page: replaced, added, or (`None`) removed; a term left without
/// documents leaves the page.
pub fn splice(page: &mut Decoded, term: &str, doc: u32, entry: Option<Entry>) {
    match page.binary_search_by(|t| t.0.as_str().cmp(term)) {
        Ok(i) => {
            let list = &mut page[i].1;
            match (list.binary_search_by_key(&doc, |e| e.0), entry) {
                (Ok(j), Some(e)) => list[j].1 = e,
                (Ok(j), None) => {
                    list.remove(j);
                }
                (Err(j), Some(e)) => list.insert(j, (doc, e)),
                (Err(_), None) => {}
            }
            if list.is_empty() {
                page.remove(i);
            }
        }
        Err(i) => {
            if let Some(e) = entry {
                page.insert(i, (term.to_string(), vec![(doc, e)]));
            }
        }
    }
}

/// Length in bytes of the common prefix of `a` and `b`, on a char boundary.
pub(super) fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or_else(|| a.len().min(b.len()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::search::varint::get;

    /// A decoded term: its key and, per document, (doc, tiers, positions
    /// per tier).
    pub(crate) type Decoded = (String, Vec<(u64, u8, Vec<Vec<u64>>)>);

    /// Decodes a page into its terms.
    pub(crate) fn decode(t: &[u8], p: &[u8]) -> Vec<Decoded> {
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
            let clen = get(t, &mut at) as usize;
            let dlen = get(t, &mut at) as usize;
            entries.push((
                String::from_utf8(key.clone()).unwrap(),
                ndocs,
                plen,
                clen,
                dlen,
            ));
        }
        // Part `p`: all counts, then all deltas.
        let mut cat = 0;
        let mut pat: usize = entries.iter().map(|e| e.3).sum();
        let mut out = Vec::new();
        for (key, ndocs, plen, clen, dlen) in entries {
            let end = at + plen;
            let (cend, pend) = (cat + clen, pat + dlen);
            let mut doc: i64 = -1;
            let mut docs = Vec::new();
            for _ in 0..ndocs {
                let v = get(t, &mut at);
                doc += (v >> 3) as i64 + 1;
                let tiers = (v & 7) as u8;
                let mut per_tier = Vec::new();
                if clen > 0 {
                    for bit in [TITLE, META, BODY] {
                        if tiers & bit != 0 {
                            let c = get(p, &mut cat);
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
            assert_eq!(cat, cend);
            assert_eq!(pat, pend);
            out.push((key, docs));
        }
        out
    }

    fn text<'a>(title: &'a str, meta: &'a str, body: &'a str) -> TieredText<'a> {
        TieredText {
            title: vec![title],
            meta: vec![meta],
            body: vec![body],
        }
    }

    #[test]
    fn postings_record_docs_tiers_and_positions() {
        let mut b = IndexBuilder::default();
        b.add(&doc_terms(&text("产改", "", "推进产改")));
        b.add(&doc_terms(&text("", "", "无关")));
        b.add(&doc_terms(&text("", "产改", "APP")));
        let (pages, keys) = b.finish();
        assert_eq!(pages.len(), 1);
        assert_eq!(keys, vec!["app".to_string()]);
        let terms = decode(&pages[0].terms, &pages[0].positions);
        let find = |k: &str| terms.iter().find(|t| t.0 == k).unwrap().1.clone();
        assert_eq!(
            find("产改"),
            vec![
                (0, TITLE | BODY, vec![vec![0], vec![2]]),
                (2, META, vec![vec![0]])
            ]
        );
        // Unigrams carry no positions.
        assert_eq!(
            find("改"),
            vec![(0, TITLE | BODY, vec![]), (2, META, vec![])]
        );
        assert_eq!(find("app"), vec![(2, BODY, vec![vec![0]])]);
        // Keys are sorted by code point.
        let sorted: Vec<_> = terms.iter().map(|t| t.0.clone()).collect();
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected);
    }

    /// A bigram's positions are those where it ends its run of CJK
    /// characters; where a trigram follows, they are the trigram's.
    #[test]
    fn bigrams_keep_the_positions_where_their_run_ends() {
        let mut b = IndexBuilder::default();
        b.add(&doc_terms(&text("工会驿站", "", "工会，工会驿站和工会")));
        let (pages, _) = b.finish();
        let terms = decode(&pages[0].terms, &pages[0].positions);
        let find = |k: &str| terms.iter().find(|t| t.0 == k).unwrap().1.clone();
        // 工会 starts 驿站's run in the title (no position), and in the
        // body is at 0 (run ends), 3 (a trigram follows) and 8 (run ends).
        assert_eq!(
            find("工会"),
            vec![(0, TITLE | BODY, vec![vec![], vec![0, 8]])]
        );
        assert_eq!(
            find("工会驿"),
            vec![(0, TITLE | BODY, vec![vec![0], vec![3]])]
        );
        // 驿站 ends the title's run; in the body 和 follows it.
        assert_eq!(find("驿站"), vec![(0, TITLE | BODY, vec![vec![2], vec![]])]);
        assert_eq!(find("驿站和"), vec![(0, BODY, vec![vec![5]])]);
    }

    #[test]
    fn fields_in_one_tier_do_not_join() {
        let mut b = IndexBuilder::default();
        b.add(&doc_terms(&TieredText {
            title: vec![],
            meta: vec!["工会", "驿站"],
            body: vec![],
        }));
        let (pages, _) = b.finish();
        let terms = decode(&pages[0].terms, &pages[0].positions);
        assert!(terms.iter().all(|t| t.0 != "会驿"));
        let yz = terms.iter().find(|t| t.0 == "驿站").unwrap();
        // "工会" takes 0–1, the separator 2, so 驿站 starts at 3.
        assert_eq!(yz.1, vec![(0, META, vec![vec![3]])]);
    }

    #[test]
    fn large_corpus_is_cut_into_pages_in_key_order() {
        let mut b = IndexBuilder::default();
        let body: String = (0..3000)
            .map(|i| char::from_u32(0x4E00 + (i * 7919) % 20000).unwrap())
            .collect();
        for _ in 0..20 {
            b.add(&doc_terms(&text("", "", &body)));
        }
        let (pages, keys) = b.finish();
        assert!(pages.len() > 1, "{} pages", pages.len());
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        for (i, page) in pages.iter().enumerate() {
            let terms = decode(&page.terms, &page.positions);
            assert!(keys[i] <= terms[0].0 && terms[0].0.starts_with(&keys[i]));
            if i + 1 < keys.len() {
                assert!(terms.last().unwrap().0 < keys[i + 1]);
            }
        }
    }

    #[test]
    fn parts_add_in_parallel_to_the_same_pages() {
        // Bodies of CJK runs and words that differ from document to
        // document, enough for several pages.
        let docs: Vec<DocTerms> = (0..60u32)
            .map(|d| {
                let body: String = (0..400)
                    .map(|i| match (i + d) % 9 {
                        0 => ' ',
                        1 => char::from(b'a' + ((i * d) % 26) as u8),
                        _ => char::from_u32(0x4E00 + (i * 31 + d * 7) % 3000).unwrap(),
                    })
                    .collect();
                doc_terms(&text(&format!("标题{d}"), "产改", &body))
            })
            .collect();
        let pages = |parts| {
            let mut b = IndexBuilder::with_parts(parts);
            for batch in docs.chunks(7) {
                b.add_batch(batch);
            }
            let (pages, keys) = b.finish();
            let parts: Vec<_> = pages
                .into_iter()
                .map(|p| (p.terms, p.positions, p.segments))
                .collect();
            (parts, keys)
        };
        let one = pages(1);
        assert!(one.1.len() > 1, "{} pages", one.1.len());
        for parts in [2, 3, 8] {
            assert!(pages(parts) == one, "{parts} parts");
        }
    }

    #[test]
    fn separators_are_short_and_split_the_pages() {
        assert_eq!(separator("工会", "工作"), "工作");
        assert_eq!(separator("工会驿站", "帮扶"), "帮");
        assert_eq!(separator("app", "apple"), "appl");
        assert_eq!(separator("2024", "3"), "3");
    }

    #[test]
    fn common_prefix_stops_on_char_boundary() {
        assert_eq!(common_prefix("工会", "工作"), 3);
        assert_eq!(common_prefix("app", "apple"), 3);
        assert_eq!(common_prefix("", "x"), 0);
    }
}
