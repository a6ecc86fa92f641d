//! An index updated in place after an edit, for the preview server.
//!
//! A full index of 10,000 articles takes seconds; an editor who saves one
//! article wants the search to follow within a second. An edit to an
//! article that keeps the site's set of articles and their order (a new
//! body, title, summary, tags — anything but its date or URL) keeps every
//! document's id, so only the postings of the terms whose entry for that
//! document changed, and that document's texts, differ. [`Incremental`]
//! keeps what the last index wrote (the documents, each term page's parts,
//! where each bundle and text is) and, given the new documents, rewrites
//! only what changed:
//!
//! * each page holding a changed term is decoded, the document's entry
//!   replaced, added or removed, and encoded again; a new term joins the
//!   page whose key range holds it (page keys stay valid separators: every
//!   key of a page is ≥ its key and < the next page's);
//! * the bundles of those pages, and the changed documents' segments, go
//!   into *new* packs (never into a pack a reader of the version before may
//!   be reading); the cards, facets, `keys.bin` and `meta.json` are written
//!   again (small), the packs still referred to are kept as they are.
//!
//! The result answers every query as a full index of the same documents
//! does: it holds the same postings, positions, segments and texts, only
//! cut and packed differently (see the test). When the set or order of
//! documents changes (an article added, removed or redated shifts ids), or
//! the packs hold as many bytes no longer referred to as the index itself,
//! `update` declines and the caller makes a full index.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::index::{self, Entry};
use super::pack::{self, PackedPage};
use super::{Cancelled, Kept, SearchDoc, store};

/// Documents changed in one update above which a full index is made
/// instead (each costs its terms' pages; a full index costs them all).
const MAX_CHANGED: usize = 64;

/// Bytes updates may write before a full index is due, whatever the size
/// of the index: below a few megabytes, what is no longer referred to costs
/// nothing worth a full index (which a small site makes at once anyway).
const COMPACT_FLOOR: usize = 8 * pack::PACK_BYTES;

/// An index and what is needed to update it in place.
pub struct Incremental {
    /// The documents, in id order.
    docs: Vec<SearchDoc<'static>>,
    /// Each term page: its key and deflated parts.
    pages: Vec<PackedPage>,
    /// Where each bundle is: (pack, offset, directory length).
    bundles: Vec<(usize, usize, usize)>,
    /// Where each document's segments are (the card's `t`).
    texts: Vec<Vec<usize>>,
    /// Numbers of the next new `terms` and `texts` pack.
    terms_packs: usize,
    texts_packs: usize,
    /// Bytes written into new packs by updates since the full index: past
    /// `compact_at` (the size of the full index's packs, at least
    /// `COMPACT_FLOOR`), a full index is made again, so the bytes no longer
    /// referred to stay bounded. They cost only the preview folder's disk
    /// (a reader reads parts by range, never a whole pack), so the bound is
    /// loose: at 10,000 articles an edit writes about 1 MB, a full index
    /// about 120 MB and takes seconds where an update takes a tenth of one.
    updated_bytes: usize,
    compact_at: usize,
}

/// What an update changed, to be applied to the [`Incremental`] once its
/// files are in place.
pub struct Update {
    docs: Vec<(usize, SearchDoc<'static>)>,
    pages: Vec<(usize, PackedPage)>,
    bundles: Vec<(usize, (usize, usize, usize))>,
    texts: Vec<(usize, Vec<usize>)>,
    terms_packs: usize,
    texts_packs: usize,
    /// Bytes written into new packs.
    pub bytes: usize,
    /// Documents changed.
    pub changed: usize,
    /// Term pages rewritten.
    pub pages_changed: usize,
}

/// `doc` with its own copy of every text.
fn owned(doc: &SearchDoc<'_>) -> SearchDoc<'static> {
    SearchDoc {
        url: doc.url.clone(),
        title: doc.title.to_string().into(),
        kicker: doc.kicker.to_string().into(),
        subtitle: doc.subtitle.to_string().into(),
        summary: doc.summary.to_string().into(),
        body: doc.body.to_string().into(),
        kind: doc.kind.clone(),
        people: doc.people.clone(),
        organisations: doc.organisations.clone(),
        programmes: doc.programmes.clone(),
        awards: doc.awards.clone(),
        region: doc.region.clone(),
        tags: doc.tags.clone(),
        date: doc.date.clone(),
        year: doc.year,
    }
}

fn inflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if !bytes.is_empty() {
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(bytes), &mut out)
            .expect("the index's own deflated bytes inflate");
    }
    out
}

impl Incremental {
    /// Writes the full index of `docs` (as [`super::write_index_unless`])
    /// and keeps what updating it needs.
    pub fn full(
        docs: &[SearchDoc],
        memo: &super::Deflated,
        cancelled: &(dyn Fn() -> bool + Sync),
        write: &(dyn Fn(&str, &[u8]) + Sync),
    ) -> Result<Incremental, Cancelled> {
        let ordered = super::in_id_order(docs);
        let passes = super::passes_for(&ordered);
        let mut kept = Kept::default();
        super::write_in_passes(&ordered, passes, memo, cancelled, write, Some(&mut kept))?;
        let pages_bytes: usize = kept.pages.iter().flat_map(|p| &p.parts).map(Vec::len).sum();
        let texts_bytes: usize = kept
            .texts
            .iter()
            .map(|t| t[2..].iter().sum::<usize>())
            .sum();
        Ok(Incremental {
            docs: ordered.iter().map(|d| owned(d)).collect(),
            pages: kept.pages,
            bundles: kept.bundles,
            texts: kept.texts,
            terms_packs: kept.terms_packs,
            texts_packs: kept.texts_packs,
            updated_bytes: 0,
            compact_at: (pages_bytes + texts_bytes).max(COMPACT_FLOOR),
        })
    }

    /// Writes the index of `docs` as an update of this one: the new packs
    /// and shared files through `write`, and the name of every earlier
    /// pack still referred to through `keep`. `None` (nothing written) if
    /// the documents' set or order changed, too many changed, or the packs
    /// need compacting: then a full index is due. Apply the update with
    /// [`Incremental::apply`] once its files are in place.
    pub fn update(
        &self,
        docs: &[SearchDoc],
        cancelled: &(dyn Fn() -> bool + Sync),
        write: &(dyn Fn(&str, &[u8]) + Sync),
        keep: &(dyn Fn(&str) + Sync),
    ) -> Result<Option<Update>, Cancelled> {
        let ordered = super::in_id_order(docs);
        if ordered.len() != self.docs.len()
            || ordered.iter().zip(&self.docs).any(|(a, b)| a.url != b.url)
            || self.updated_bytes > self.compact_at
        {
            return Ok(None);
        }
        let changed: Vec<usize> = (0..ordered.len())
            .filter(|&id| *ordered[id] != self.docs[id])
            .collect();
        if changed.len() > MAX_CHANGED {
            return Ok(None);
        }
        if cancelled() {
            return Err(Cancelled);
        }

        // Each changed document's entries before and after, and the
        // difference, by page.
        let keys: Vec<&str> = self.pages.iter().map(|p| p.key.as_str()).collect();
        let diffs: Vec<Vec<(String, u32, Option<Entry>)>> = changed
            .par_iter()
            .map(|&id| {
                let old = index::doc_entries(&super::tiered_text(&self.docs[id]));
                let new = index::doc_entries(&super::tiered_text(ordered[id]));
                diff(old, new, id as u32)
            })
            .collect();
        let mut by_page: BTreeMap<usize, Vec<(String, u32, Option<Entry>)>> = BTreeMap::new();
        for (term, doc, entry) in diffs.into_iter().flatten() {
            // The last page whose key is ≤ the term; a term before every
            // page goes to the first, whose key becomes that term.
            let page = keys
                .partition_point(|k| *k <= term.as_str())
                .saturating_sub(1);
            by_page.entry(page).or_default().push((term, doc, entry));
        }
        if !by_page.is_empty() && self.pages.is_empty() {
            return Ok(None);
        }
        let pages: Vec<Option<(usize, PackedPage)>> = by_page
            .into_par_iter()
            .map(|(n, edits)| {
                let old = &self.pages[n];
                let [t, s, p] = old.parts.each_ref().map(|part| inflate(part));
                let mut decoded = index::decode_page(&t, &s, &p);
                let mut key = old.key.clone();
                for (term, doc, entry) in edits {
                    if term < key {
                        key = term.clone();
                    }
                    index::splice(&mut decoded, &term, doc, entry);
                }
                if decoded.is_empty() {
                    // A page without terms: the client expects none.
                    return None;
                }
                let page = index::encode_decoded(&decoded);
                let parts = [page.terms, page.segments, page.positions].map(|part| {
                    if part.is_empty() {
                        part
                    } else {
                        super::fast_deflate(&part)
                    }
                });
                Some((n, PackedPage { key, parts }))
            })
            .collect();
        let Some(pages) = pages.into_iter().collect::<Option<Vec<_>>>() else {
            return Ok(None);
        };
        if cancelled() {
            return Err(Cancelled);
        }

        // The bundles of the changed pages, into new packs.
        let page_at: BTreeMap<usize, &PackedPage> = pages.iter().map(|(n, p)| (*n, p)).collect();
        let page = |n: usize| page_at.get(&n).copied().unwrap_or(&self.pages[n]);
        let touched: BTreeSet<usize> = pages
            .iter()
            .map(|(n, _)| n / pack::PAGES_PER_BUNDLE)
            .collect();
        let mut bytes = 0;
        let mut terms = pack::Packer::starting_at("terms", self.terms_packs, write);
        let mut bundles = Vec::with_capacity(touched.len());
        let built: Vec<(usize, Vec<u8>, usize)> = touched
            .par_iter()
            .map(|&b| {
                let from = b * pack::PAGES_PER_BUNDLE;
                let to = (from + pack::PAGES_PER_BUNDLE).min(self.pages.len());
                let members: Vec<PackedPage> = (from..to).map(|n| page(n).clone()).collect();
                let (bundle, dir) = pack::bundle(&members, super::fast_deflate);
                (b, bundle, dir)
            })
            .collect();
        for (b, bundle, dir) in built {
            terms.reserve(bundle.len());
            let (pack, offset) = terms.push(&bundle);
            bytes += bundle.len();
            bundles.push((b, (pack, offset, dir)));
        }
        let terms_packs = terms.finish();

        // The changed documents' segments, into new packs.
        let mut texts = pack::Packer::starting_at("texts", self.texts_packs, write);
        let mut new_texts = Vec::with_capacity(changed.len());
        for &id in &changed {
            let segments: Vec<Vec<u8>> = store::segment_texts(ordered[id])
                .iter()
                .map(|json| super::fast_deflate(json))
                .collect();
            bytes += segments.iter().map(Vec::len).sum::<usize>();
            new_texts.push((id, texts.push_segments(&segments)));
        }
        let texts_packs = texts.finish();

        // The earlier packs still referred to.
        let bundle_at: BTreeMap<usize, (usize, usize, usize)> = bundles.iter().copied().collect();
        let text_at: BTreeMap<usize, &Vec<usize>> =
            new_texts.iter().map(|(id, t)| (*id, t)).collect();
        let places: Vec<(usize, usize, usize)> = (0..self.bundles.len())
            .map(|b| bundle_at.get(&b).copied().unwrap_or(self.bundles[b]))
            .collect();
        let t_of = |id: usize| text_at.get(&id).copied().unwrap_or(&self.texts[id]);
        let kept_terms: BTreeSet<usize> = places.iter().map(|p| p.0).collect();
        let kept_texts: BTreeSet<usize> = (0..ordered.len()).map(|id| t_of(id)[0]).collect();
        for n in kept_terms.range(..self.terms_packs) {
            keep(&format!("search/terms-{n}.bin"));
        }
        for n in kept_texts.range(..self.texts_packs) {
            keep(&format!("search/texts-{n}.bin"));
        }

        // The cards, the root and the shared files.
        let cards: Vec<Vec<u8>> = (0..ordered.len())
            .map(|id| store::card(ordered[id], t_of(id).clone()))
            .collect();
        let root = pack::root(
            places
                .iter()
                .enumerate()
                .map(|(b, &place)| (page(b * pack::PAGES_PER_BUNDLE).key.as_str(), place)),
        );
        super::write_shared(&ordered, &cards, &root, self.pages.len(), write);
        Ok(Some(Update {
            docs: changed.iter().map(|&id| (id, owned(ordered[id]))).collect(),
            pages_changed: pages.len(),
            pages,
            bundles,
            texts: new_texts,
            terms_packs,
            texts_packs,
            bytes,
            changed: changed.len(),
        }))
    }

    /// Makes updates decline once they have written `bytes` (the size of
    /// the full index's packs unless set).
    #[cfg(test)]
    pub fn compact_at(&mut self, bytes: usize) {
        self.compact_at = bytes;
    }

    /// Makes this the index `update` wrote.
    pub fn apply(&mut self, update: Update) {
        for (id, doc) in update.docs {
            self.docs[id] = doc;
        }
        for (n, page) in update.pages {
            self.pages[n] = page;
        }
        for (b, place) in update.bundles {
            self.bundles[b] = place;
        }
        for (id, t) in update.texts {
            self.texts[id] = t;
        }
        self.terms_packs = update.terms_packs;
        self.texts_packs = update.texts_packs;
        self.updated_bytes += update.bytes;
    }
}

/// The terms whose entry for `doc` differs between `old` and `new` (both
/// sorted by term), with the new entry (`None`: the term left the
/// document).
fn diff(
    old: Vec<(String, Entry)>,
    new: Vec<(String, Entry)>,
    doc: u32,
) -> Vec<(String, u32, Option<Entry>)> {
    let mut out = Vec::new();
    let mut old = old.into_iter().peekable();
    let mut new = new.into_iter().peekable();
    loop {
        match (old.peek(), new.peek()) {
            (None, None) => break,
            (Some(_), None) => {
                let (term, _) = old.next().expect("peeked");
                out.push((term, doc, None));
            }
            (None, Some(_)) => {
                let (term, e) = new.next().expect("peeked");
                out.push((term, doc, Some(e)));
            }
            (Some(o), Some(n)) => match o.0.cmp(&n.0) {
                std::cmp::Ordering::Less => {
                    let (term, _) = old.next().expect("peeked");
                    out.push((term, doc, None));
                }
                std::cmp::Ordering::Greater => {
                    let (term, e) = new.next().expect("peeked");
                    out.push((term, doc, Some(e)));
                }
                std::cmp::Ordering::Equal => {
                    let (term, o) = old.next().expect("peeked");
                    let (_, n) = new.next().expect("peeked");
                    if o != n {
                        out.push((term, doc, Some(n)));
                    }
                }
            },
        }
    }
    out
}
