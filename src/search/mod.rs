//! Full-text search: a tokenizer for Chinese, Latin and numbers, and the
//! writer of the split index that the client
//! (`themes/default/static/search-*.js`) reads.
//!
//! The index is made from the model, not from rendered HTML, during `build`.
//! It is pure: `write_index` hands each file, as soon as it is finished, to
//! a writer (the output step's sink, which writes it with the rest of the
//! site, atomically); it never holds the whole index in memory.
//!
//! The files, all under `search/` (details in each module):
//!
//! | file | what | read |
//! |---|---|---|
//! | `meta.json` | sizes, year ranges, strides | every search |
//! | `keys.bin` | the root: the key that starts each bundle of term pages, and where its directory is | every search |
//! | `facets.bin` | facet values, documents of each programme, award, region | every search |
//! | `terms-<n>.bin` | bundles: a directory, then each page's dictionary and postings, body segments of first occurrences, positions | the directory and parts of the query's pages |
//! | `cards-<n>.bin` | each document's URL, title, date, region, kind, and where its segments are, at a fixed stride (GB18030) | one a result shown |
//! | `texts-<n>.bin` | each document's body in segments (GB18030, with the folds of its traditional characters) | one a result shown, two where the snippet runs past its segment |
//!
//! The parts of the index are packed into few files of bounded size and
//! read by byte range (`pack` says why and how); a query reads only the
//! parts it needs, so it downloads about what it did when each part was a
//! file, and a site of 10,000 articles has a few hundred index files, not
//! tens of thousands. Every part but `meta.json` and the cards is deflated
//! (zlib format), which the browser inflates natively
//! (`DecompressionStream`): the texts shrink by about 40%, the postings and
//! positions by about 45–55%.
//!
//! Documents are numbered newest first (date descending, then URL), so the
//! id order is the "newer first" order of ranking. The output depends only
//! on the input documents: no hash order, no thread count.
//!
//! - `tokenize` — what a term is (CJK uni-, bi-, tri- and four-grams, words);
//! - `index` — postings and pages of the term index;
//! - `pack` — the packs, their directories, and why;
//! - `store` — the shared part and the document store;
//! - `varint` — the number encoding.

mod incremental;
mod index;
mod pack;
#[doc(hidden)]
pub mod read;
mod store;
pub mod tokenize;
mod varint;

use std::borrow::Cow;

pub use incremental::{Incremental, Update};

use flate2::Compression;
use index::{FxMap, IndexBuilder, PageCutter, Shard, TieredText};
use rayon::prelude::*;
/// One article as search sees it. Built by the pipeline from the model,
/// whose texts it borrows: a copy of every article's text would add about
/// a tenth to the build's peak memory.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchDoc<'a> {
    /// Site-relative URL, e.g. `/articles/jingxian-changai/`.
    pub url: String,
    pub title: Cow<'a, str>,
    pub kicker: Cow<'a, str>,
    pub subtitle: Cow<'a, str>,
    pub summary: Cow<'a, str>,
    /// The body as plain text (Markdown rendered, tags stripped), paragraphs
    /// separated by `\n`.
    pub body: Cow<'a, str>,
    /// `news`, `feature`, `diary`, `photo` or `brief`.
    pub kind: String,
    /// Reporters, correspondents, photographers and award recipients.
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    /// Programme titles as displayed, and their registry keys (same order).
    pub programmes: Vec<(String, String)>,
    /// Award titles as displayed, and their registry keys (same order).
    pub awards: Vec<(String, String)>,
    /// Region levels from province down, e.g. `["安徽省", "宣城市", "泾县"]`.
    pub region: Vec<String>,
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub year: i32,
}

/// Every published article of `site` as the index sees it, borrowing the
/// model's texts.
pub fn docs(site: &crate::model::Site) -> Vec<SearchDoc<'_>> {
    let base = site.config.base_path();
    let base = base.trim_end_matches('/');
    site.articles
        .iter()
        .map(|a| {
            let mut people: Vec<String> = a.people().cloned().collect();
            for m in &a.awards {
                people.extend(m.recipients.iter().cloned());
            }
            SearchDoc {
                url: format!("{base}{}", a.path),
                title: a.title.as_str().into(),
                kicker: a.kicker.as_deref().unwrap_or_default().into(),
                subtitle: a.subtitle.as_deref().unwrap_or_default().into(),
                summary: a.summary.as_str().into(),
                body: a.body.text.as_str().into(),
                kind: a.kind.as_str().to_string(),
                people,
                organisations: a.organisations.clone(),
                programmes: a
                    .programmes
                    .iter()
                    .map(|&p| {
                        let e = site.programmes.get(p);
                        (e.title.clone(), e.key.clone())
                    })
                    .collect(),
                awards: a
                    .awards
                    .iter()
                    .map(|m| {
                        let e = site.awards.get(m.award);
                        (e.title.clone(), e.key.clone())
                    })
                    .collect(),
                region: a.region.clone(),
                tags: a.tags.clone(),
                date: a.date.to_string(),
                year: i32::from(a.date.year()),
            }
        })
        .collect()
}

/// The files of the search index, as (path relative to the output root,
/// contents), sorted by path: [`write_index`] collected in memory, for
/// tests and small sites.
pub fn index_files(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    let files = std::sync::Mutex::new(Vec::new());
    write_index(docs, &Deflated::off(), &|path, bytes| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), bytes.to_vec()))
    });
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort();
    files
}

/// Makes the search index and gives each file to `write` (path relative to
/// the output root, under `search/`; contents) as soon as it is finished,
/// from any thread, in no particular order. The files' contents do not
/// depend on the order or the number of threads. Deflated files are taken
/// from `memo` when their bytes are those of an earlier build (`serve`).
///
/// Memory: the postings of a large corpus are built in several passes over
/// ranges of the key space (see `index`), so that only a part of them is in
/// memory at once, and no file waits for the others.
pub fn write_index(docs: &[SearchDoc], memo: &Deflated, write: &(dyn Fn(&str, &[u8]) + Sync)) {
    write_index_unless(docs, memo, &|| false, write).expect("nothing cancels it");
}

/// The index stopped because `cancelled()` turned true: some of its files
/// may have been written, not all.
#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled;

/// [`write_index`] that stops, leaving its work unfinished, once
/// `cancelled()` is true: the preview server drops the index of an edit
/// that a newer edit replaces, and that index should stop using the CPU.
/// It is asked between batches of documents and of pages, a few
/// milliseconds of work apart.
pub fn write_index_unless(
    docs: &[SearchDoc],
    memo: &Deflated,
    cancelled: &(dyn Fn() -> bool + Sync),
    write: &(dyn Fn(&str, &[u8]) + Sync),
) -> Result<(), Cancelled> {
    let ordered = in_id_order(docs);
    let passes = passes_for(&ordered);
    write_in_passes(&ordered, passes, memo, cancelled, write, None)
}

/// Sorts documents into id order: newest first, then by URL.
fn in_id_order<'d, 'a>(docs: &'d [SearchDoc<'a>]) -> Vec<&'d SearchDoc<'a>> {
    let mut ordered: Vec<&SearchDoc> = docs.iter().collect();
    ordered.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    ordered
}

/// What a full index keeps to be updated in place (see `incremental`).
#[derive(Default)]
struct Kept {
    pages: Vec<pack::PackedPage>,
    bundles: Vec<(usize, usize, usize)>,
    texts: Vec<Vec<usize>>,
    terms_packs: usize,
    texts_packs: usize,
}

/// Deflated search index files from earlier builds, by their bytes: a
/// one-article edit changes a few of the thousands on a large site.
pub type Deflated = crate::memo::Memo<Vec<u8>>;

/// `bytes` deflated at compression `level`, from `memo` if an earlier
/// build deflated the same.
fn deflated_at(memo: &Deflated, bytes: &[u8], level: Compression) -> Vec<u8> {
    if !memo.remembers() {
        return deflate(bytes, level);
    }
    let key = crate::memo::key(&[&bytes, &level.level().to_le_bytes()]);
    memo.get_or(key, || Ok::<_, ()>(deflate(bytes, level)))
        .unwrap_or_default()
}

/// The level of a term page's segment lists (`s`): a varint per posting,
/// mostly small numbers, which the default level packs 15% smaller than the
/// fastest (11.1 MB against 9.4 MB at 10,000 long articles, measured with
/// zlib on the parts of the built index), for little time (they are 35 MB
/// before deflating, against 94 MB of postings and positions, where the
/// default level saves only 3–5%).
const SEGMENT_LISTS_LEVEL: Compression = Compression::new(6);
/// The level of a term page's dictionary and postings (`t`): 2.7% smaller
/// than the fastest (20.1 → 19.6 MB at 10,000 long articles, zlib on the
/// parts of the built index).
const TERMS_LEVEL: Compression = Compression::new(6);
/// The level of a term page's positions (`p`), counts apart from deltas
/// (`index`): 24.2 MB at 10,000 long articles, against 25.0 MB at the
/// fastest level (27.2 MB interleaved, as format 6 stored them).
const POSITIONS_LEVEL: Compression = Compression::new(6);
/// The level of the body segments (`texts` packs): GB18030 text, which
/// deflate packs to about 79% at any level; the default saves 0.9% (30.5
/// → 30.2 MB at 10,000 long articles).
const TEXTS_LEVEL: Compression = Compression::new(6);

/// Text of the documents per pass of the index builder. A pass holds
/// postings of about three and a half times the text it indexes (measured:
/// 150 MB for the 43 MB of text of 10,000 generated articles), so at most
/// about 340 MB; each extra pass tokenizes every document again (0.7 s of
/// CPU per 10,000 articles), so passes are few: 10,000 articles are one,
/// 100,000 (430 MB of text) five. Measured with `/usr/bin/time -v
/// unionpress check` on 100,000 long articles: 256 MB per pass peaks at
/// 3.2 GB, 128 MB at 2.6 GB, 96 MB at 2.45 GB, for 2–4% more CPU.
const PASS_TEXT_BYTES: usize = 96 << 20;

/// How many passes the builder makes over `docs`: as many as its text
/// asks, or `UNIONPRESS_INDEX_PASSES` (a number from 1 to 64) when it is
/// set. That variable is for measuring the cost of a pass (the index is
/// the same for any number of passes; only the CPU and memory change), as
/// BENCHMARKS "The index builder, round 3" does on a small corpus.
fn passes_for(docs: &[&SearchDoc]) -> usize {
    if let Some(n) = std::env::var("UNIONPRESS_INDEX_PASSES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        return n.clamp(1, 64);
    }
    let text: usize = docs.iter().map(|d| text_len(d)).sum();
    text.div_ceil(PASS_TEXT_BYTES).clamp(1, 64)
}

fn text_len(d: &SearchDoc) -> usize {
    let t = tiered_text(d);
    t.title
        .iter()
        .chain(&t.meta)
        .chain(&t.body)
        .map(|f| f.len() + 1)
        .sum()
}

/// [`write_index`] with the builder run `passes` times (documents already
/// in id order).
fn write_in_passes(
    ordered: &[&SearchDoc],
    passes: usize,
    memo: &Deflated,
    cancelled: &(dyn Fn() -> bool + Sync),
    write: &(dyn Fn(&str, &[u8]) + Sync),
    mut kept: Option<&mut Kept>,
) -> Result<(), Cancelled> {
    let check = || if cancelled() { Err(Cancelled) } else { Ok(()) };
    // Pages are encoded and deflated on all threads a batch at a time, so that only a
    // batch of finished pages waits in memory, and bundled in order.
    const BATCH: usize = 64;
    let mut bundler = pack::Bundler::new(write, fast_deflate);
    if kept.is_some() {
        bundler.kept = Some(Vec::new());
    }
    let flush = |ready: &mut Vec<(String, index::PageTerms)>, bundler: &mut pack::Bundler| {
        let packed: Vec<pack::PackedPage> = ready
            .par_drain(..)
            .map(|(key, terms)| {
                let page = terms.encode();
                pack::PackedPage {
                    key,
                    parts: [
                        (page.terms, TERMS_LEVEL),
                        (page.segments, SEGMENT_LISTS_LEVEL),
                        (page.positions, POSITIONS_LEVEL),
                    ]
                    .map(|(part, level)| {
                        if part.is_empty() {
                            part
                        } else {
                            deflated_at(memo, &part, level)
                        }
                    }),
                }
            })
            .collect();
        for page in packed {
            bundler.push(page);
        }
    };
    let mut ready = Vec::with_capacity(BATCH);
    let mut cutter = PageCutter::default();
    // The terms of a batch of documents, filled again for every batch and
    // pass (their memory kept: no allocation per document).
    let mut terms: Vec<index::DocTerms> = Vec::new();
    for shard in shards(ordered, passes) {
        // Tokenize in parallel, a batch at a time (to bound memory), and
        // add the documents in id order, each part of the builder on its
        // own thread; the output is the same for any number of threads.
        let mut builder = IndexBuilder::with_parts(rayon::current_num_threads());
        for batch in ordered.chunks(256) {
            check()?;
            if terms.len() < batch.len() {
                terms.resize_with(batch.len(), Default::default);
            }
            let terms = &mut terms[..batch.len()];
            terms
                .par_iter_mut()
                .zip(batch.par_iter())
                .for_each(|(t, doc)| t.fill(&tiered_text(doc), shard));
            builder.add_batch(terms);
        }
        check()?;
        builder.cut(&mut cutter, &mut |_, key, page| {
            ready.push((key.to_string(), page));
            if ready.len() >= BATCH {
                flush(&mut ready, &mut bundler);
            }
        });
    }
    let page_keys = cutter.finish(&mut |_, key, page| ready.push((key.to_string(), page)));
    flush(&mut ready, &mut bundler);
    let (root, terms_packs) = bundler.finish();

    // The texts: each document's segments deflated on all threads, a batch
    // at a time, then packed in id order; the cards point at them.
    let mut texts = pack::Packer::new("texts", write);
    let mut cards = Vec::with_capacity(ordered.len());
    for batch in ordered.chunks(1024) {
        check()?;
        let deflated_segments: Vec<Vec<Vec<u8>>> = batch
            .par_iter()
            .map(|doc| {
                store::segment_texts(doc)
                    .iter()
                    .map(|json| deflated_at(memo, json, TEXTS_LEVEL))
                    .collect()
            })
            .collect();
        for (doc, segments) in batch.iter().zip(deflated_segments) {
            let t = texts.push_segments(&segments);
            if let Some(kept) = kept.as_deref_mut() {
                kept.texts.push(t.clone());
            }
            cards.push(store::card(doc, t));
        }
    }
    let texts_packs = texts.finish();
    if let Some(kept) = kept {
        kept.pages = bundler.kept.take().unwrap_or_default();
        kept.bundles = std::mem::take(&mut bundler.places);
        kept.terms_packs = terms_packs;
        kept.texts_packs = texts_packs;
    }
    check()?;
    write_shared(ordered, &cards, &root, page_keys.len(), write);
    Ok(())
}

/// Writes the cards (one per document, in id order) and the shared part:
/// facets, the root of the term pages, meta.json.
fn write_shared(
    ordered: &[&SearchDoc],
    cards: &[Vec<u8>],
    root: &str,
    pages: usize,
    write: &(dyn Fn(&str, &[u8]) + Sync),
) {
    // Cards have one stride, that of the longest, so card `id` is found by
    // arithmetic.
    let stride = cards.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let cards_per_pack = (pack::PACK_BYTES / stride).max(1);
    for (n, chunk) in cards.chunks(cards_per_pack).enumerate() {
        let mut bytes = Vec::with_capacity(chunk.len() * stride);
        for card in chunk {
            bytes.extend_from_slice(card);
            bytes.resize(bytes.len() + stride - card.len(), b' ');
        }
        write(&format!("search/cards-{n}.bin"), &bytes);
    }

    // The shared part, which every reader downloads, at the best level.
    write(
        "search/facets.bin",
        &deflate(&store::facets(ordered), Compression::best()),
    );
    write(
        "search/keys.bin",
        &deflate(root.as_bytes(), Compression::best()),
    );
    let meta = store::Meta {
        format: FORMAT,
        docs: ordered.len(),
        segment: store::SEGMENT_CHARS,
        pages,
        bundle: pack::PAGES_PER_BUNDLE,
        card: stride,
        cards_per_pack,
        years: store::year_ranges(ordered),
    };
    write(
        "search/meta.json",
        &serde_json::to_vec(&meta).expect("strings and numbers always serialise"),
    );
}

fn fast_deflate(bytes: &[u8]) -> Vec<u8> {
    deflate(bytes, Compression::fast())
}

/// `passes` ranges of first chars, in order, covering every term, each with
/// about the same number of term occurrences. Only the memory of a pass
/// depends on where they are cut, never the output.
fn shards(docs: &[&SearchDoc], passes: usize) -> Vec<Shard> {
    if passes <= 1 {
        return vec![Shard::ALL];
    }
    // Occurrences by first char (see `tokenize::term_starts`), counted in
    // an array for the Basic Multilingual Plane and a map for the rest.
    type Counts = (Vec<u64>, FxMap<u32, u64>);
    let new_counts = || -> Counts { (vec![0; 0x10000], FxMap::default()) };
    let (bmp, others) = docs
        .par_chunks(1024)
        .map(|chunk| {
            let (mut bmp, mut others) = new_counts();
            for doc in chunk {
                let t = tiered_text(doc);
                for field in t.title.iter().chain(&t.meta).chain(&t.body) {
                    tokenize::term_starts(field, |c, n| match bmp.get_mut(c as usize) {
                        Some(count) => *count += n,
                        None => *others.entry(c as u32).or_default() += n,
                    });
                }
            }
            (bmp, others)
        })
        .reduce(new_counts, |(mut bmp, mut others), (b, o)| {
            for (a, b) in bmp.iter_mut().zip(b) {
                *a += b;
            }
            for (c, n) in o {
                *others.entry(c).or_default() += n;
            }
            (bmp, others)
        });
    let mut counts: Vec<(u32, u64)> = bmp
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .map(|(c, n)| (c as u32, n))
        .chain(others)
        .collect();
    counts.sort_unstable();
    let total: u64 = counts.iter().map(|c| c.1).sum();
    let mut shards = Vec::with_capacity(passes);
    let mut from = 0;
    let mut seen = 0;
    for (c, n) in counts {
        // Cut before `c` once the shard so far holds its share.
        if seen * passes as u64 >= total * (shards.len() as u64 + 1) && c > from {
            shards.push(Shard { from, to: c });
            from = c;
        }
        seen += n;
    }
    shards.push(Shard {
        from,
        to: Shard::ALL.to,
    });
    shards
}

/// Compresses one index file at `level`. Up to format 6 the parts of the
/// term index and the texts used the fastest level (measured on a
/// 10,000-article index, 136 MB raw: level 1 wrote 76 MB with 1.8 s of
/// CPU, level 4 73 MB with 4.5 s); format 7 uses the default level (see
/// `TERMS_LEVEL` and the others) to stay within the bytes on disk of
/// Pagefind's index. The two shared files, which every reader downloads,
/// use the best.
///
/// Each thread keeps one encoder a level and resets it between
/// files rather than allocating its tables (some 300 KB) for each of these
/// small files; zlib-rs still clears its hash table on every reset (about
/// a tenth of the instructions of a build of 1,000 long articles, counted
/// with callgrind), which is much of what deflating a small file costs.
fn deflate(bytes: &[u8], level: Compression) -> Vec<u8> {
    use flate2::write::ZlibEncoder;
    use std::cell::RefCell;
    use std::io::Write;
    thread_local! {
        /// An encoder per level, made on first use.
        static ENCODERS: RefCell<[Option<ZlibEncoder<Vec<u8>>>; 10]> =
            const { RefCell::new([const { None }; 10]) };
    }
    let out = Vec::with_capacity(bytes.len() / 2);
    let finish = |encoder: &mut ZlibEncoder<Vec<u8>>| {
        encoder
            .write_all(bytes)
            .and_then(|()| encoder.try_finish())
            .and_then(|()| encoder.reset(out))
            .expect("writing to a Vec cannot fail")
    };
    let n = level.level().min(9) as usize;
    ENCODERS.with(|encoders| {
        let mut encoders = encoders.borrow_mut();
        let encoder = encoders[n].get_or_insert_with(|| ZlibEncoder::new(Vec::new(), level));
        finish(encoder)
    })
}

/// Version of the index format, checked by the client.
pub const FORMAT: u32 = 7;

/// The fields of a document grouped by ranking tier: the title; the other
/// metadata (kicker, subtitle, summary, names, programmes, awards, region,
/// tags); the body.
fn tiered_text<'a>(doc: &'a SearchDoc<'_>) -> TieredText<'a> {
    let mut meta: Vec<&str> = vec![&*doc.kicker, &*doc.subtitle, &*doc.summary];
    meta.extend(doc.people.iter().map(String::as_str));
    meta.extend(doc.organisations.iter().map(String::as_str));
    meta.extend(doc.programmes.iter().map(|(title, _)| title.as_str()));
    meta.extend(doc.awards.iter().map(|(title, _)| title.as_str()));
    meta.extend(doc.region.iter().map(String::as_str));
    meta.extend(doc.tags.iter().map(String::as_str));
    TieredText {
        title: vec![&*doc.title],
        meta,
        body: vec![&*doc.body],
    }
}

#[cfg(test)]
mod tests {
    use super::read::{content, file, inflated, pages, stored};
    use super::*;

    fn doc(url: &str, date: &str, title: &str, region: &[&str]) -> SearchDoc<'static> {
        SearchDoc {
            url: url.into(),
            title: title.to_string().into(),
            body: format!("{title}的正文，APP 12351。").into(),
            date: date.into(),
            year: date[..4].parse().unwrap(),
            region: region.iter().map(|s| s.to_string()).collect(),
            ..SearchDoc::default()
        }
    }

    fn corpus() -> Vec<SearchDoc<'static>> {
        let mut a = doc("/a/", "2023-05-01", "工会驿站", &["安徽省", "宣城市"]);
        a.programmes = vec![("产业工人队伍建设改革".into(), "chan-gai".into())];
        let mut b = doc("/b/", "2024-01-02", "产改工作", &["安徽省"]);
        b.programmes = vec![("产业工人队伍建设改革".into(), "chan-gai".into())];
        b.awards = vec![("大国工匠".into(), "daguo".into())];
        let c = doc("/c/", "2024-01-02", "劳模风采", &[]);
        vec![a, b, c]
    }

    /// A corpus big enough for many term pages: 400 documents of
    /// pseudo-random Hanzi (from a small alphabet, so that n-grams repeat),
    /// words, numbers and facets, made by a fixed LCG.
    fn many_pages_corpus() -> Vec<SearchDoc<'static>> {
        let mut seed: u64 = 7;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let hanzi: Vec<char> =
            "工会职工劳模工匠产业改革驿站技能竞赛新就业形态劳动者心理健康帮扶服务安全生产"
                .chars()
                .collect();
        let words = ["app", "12351", "5g", "ai", "2024", "wifi", "apple"];
        (0..400)
            .map(|i| {
                let mut body = String::new();
                for _ in 0..(200 + next(400)) {
                    match next(10) {
                        0 => body.push_str(words[next(words.len() as u64) as usize]),
                        1 => body.push('，'),
                        _ => body.push(hanzi[next(hanzi.len() as u64) as usize]),
                    }
                }
                let title: String = (0..6)
                    .map(|_| hanzi[next(hanzi.len() as u64) as usize])
                    .collect();
                let mut d = doc(
                    &format!("/{i}/"),
                    &format!("20{:02}-0{}-1{}", 18 + next(8), 1 + next(9), next(10)),
                    &title,
                    &["安徽省", ["宣城市", "合肥市"][next(2) as usize]],
                );
                d.body = body.into();
                d.tags = vec![format!("标签{}", next(5))];
                if next(3) == 0 {
                    d.programmes = vec![("产业工人队伍建设改革".into(), "chan-gai".into())];
                }
                d
            })
            .collect()
    }

    /// A readable summary of an index: its files and sizes, meta.json, the
    /// root, and the first and last pages and documents decoded.
    fn summary(files: &[(String, Vec<u8>)]) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (path, bytes) in files {
            writeln!(out, "{path}: {} bytes", bytes.len()).unwrap();
        }
        writeln!(
            out,
            "meta.json: {}",
            String::from_utf8_lossy(file(files, "search/meta.json"))
        )
        .unwrap();
        let root = String::from_utf8(inflated(files, "search/keys.bin")).unwrap();
        writeln!(out, "root (key, pack, offset, directory bytes):\n{root}").unwrap();
        let pages = pages(files);
        for (n, (key, parts)) in pages.iter().enumerate() {
            if n < 3 || n + 1 == pages.len() {
                let lens = parts.each_ref().map(Vec::len);
                writeln!(out, "page {n} starts at {key:?}, raw parts {lens:?}").unwrap();
            }
        }
        let docs = serde_json::from_slice::<serde_json::Value>(file(files, "search/meta.json"))
            .unwrap()["docs"]
            .as_u64()
            .unwrap() as usize;
        for id in [0, docs - 1] {
            let mut d = stored(files, id, 0);
            let body: String = d["body"].as_str().unwrap().chars().take(12).collect();
            d["body"] = format!("{body}…").into();
            writeln!(out, "doc {id}: {d}").unwrap();
        }
        out
    }

    /// Guards the format: a change to what the index holds or where shows
    /// in this summary of the index of `many_pages_corpus`.
    #[test]
    fn the_index_of_many_pages() {
        let files = index_files(&many_pages_corpus());
        let pages = pages(&files);
        assert!(pages.len() > 20, "{} pages", pages.len());
        insta::assert_snapshot!(summary(&files));
    }

    /// A cancelled index stops at the next check: it writes nothing more,
    /// not the files every reader needs (meta.json, keys.bin), and says so.
    #[test]
    fn a_cancelled_index_stops_at_once() {
        let docs = many_pages_corpus();
        let full = index_files(&docs).len();
        for cancel_at in [1, 2, 4] {
            let checks = std::sync::atomic::AtomicUsize::new(0);
            let files = std::sync::Mutex::new(Vec::new());
            let cancelled =
                || checks.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 >= cancel_at;
            let result = write_index_unless(&docs, &Deflated::off(), &cancelled, &|path, _| {
                files.lock().unwrap().push(path.to_string())
            });
            assert_eq!(result, Err(Cancelled));
            assert_eq!(
                checks.into_inner(),
                cancel_at,
                "asked again after it was cancelled"
            );
            let files = files.into_inner().unwrap();
            assert!(files.len() < full, "{} of {full} files", files.len());
            assert!(
                !files
                    .iter()
                    .any(|f| f.ends_with("meta.json") || f.ends_with("keys.bin")),
                "{files:?}"
            );
        }
        let never = || false;
        assert_eq!(
            write_index_unless(&docs, &Deflated::off(), &never, &|_, _| {}),
            Ok(())
        );
    }

    /// The index is built in passes over term ranges (to bound memory) and
    /// streamed to the output; any number of passes writes the same index, a page that spans two passes' key ranges cut where one
    /// pass would have cut it.
    #[test]
    fn the_index_does_not_depend_on_the_number_of_passes() {
        let docs = many_pages_corpus();
        let mut ordered: Vec<&SearchDoc> = docs.iter().collect();
        ordered.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
        let run = |passes| {
            let files = std::sync::Mutex::new(Vec::new());
            write_in_passes(
                &ordered,
                passes,
                &Deflated::off(),
                &|| false,
                &|path, bytes| {
                    files
                        .lock()
                        .unwrap()
                        .push((path.to_string(), bytes.to_vec()))
                },
                None,
            )
            .unwrap();
            let mut files = files.into_inner().unwrap();
            files.sort();
            files
        };
        assert_eq!(shards(&ordered, 5).len(), 5);
        let one = run(1);
        for passes in [2, 5, 40] {
            assert!(run(passes) == one, "{passes} passes");
        }
    }

    #[test]
    fn output_does_not_depend_on_input_order() {
        let docs = corpus();
        let mut reversed = docs.clone();
        reversed.reverse();
        assert_eq!(index_files(&docs), index_files(&reversed));
    }

    #[test]
    fn output_does_not_depend_on_the_number_of_threads() {
        // Enough documents for several tokenizing batches.
        let docs: Vec<SearchDoc> = (0..600)
            .map(|i| {
                doc(
                    &format!("/{i}/"),
                    &format!("20{:02}-01-01", i % 30),
                    &format!("工会驿站{i}号"),
                    &["安徽省"],
                )
            })
            .collect();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| index_files(&docs))
        };
        assert_eq!(run(1), run(4));
    }

    #[test]
    fn documents_are_numbered_newest_first_then_by_url() {
        let files = index_files(&corpus());
        let urls: Vec<String> = (0..3)
            .map(|id| stored(&files, id, 0)["url"].to_string())
            .collect();
        assert_eq!(urls, ["\"/b/\"", "\"/c/\"", "\"/a/\""]);
        assert_eq!(stored(&files, 2, 0)["region"], "安徽省/宣城市");
    }

    #[test]
    fn meta_lists_facets_years_and_pages() {
        let files = index_files(&corpus());
        let meta: serde_json::Value =
            serde_json::from_slice(file(&files, "search/meta.json")).unwrap();
        assert_eq!(meta["format"], FORMAT);
        assert_eq!(meta["docs"], 3);
        assert_eq!(
            meta["years"],
            serde_json::json!([[2024, 0, 2], [2023, 2, 3]])
        );
        let facets = inflated(&files, "search/facets.bin");
        let mut at = 0;
        let head = crate::search::varint::get(&facets, &mut at) as usize;
        let values: serde_json::Value = serde_json::from_slice(&facets[at..at + head]).unwrap();
        assert_eq!(
            values,
            serde_json::json!({
                "programmes": [{"key": "chan-gai", "title": "产业工人队伍建设改革"}],
                "awards": [{"key": "daguo", "title": "大国工匠"}],
                "regions": ["安徽省", "安徽省/宣城市"],
            })
        );
        let pages = pages(&files);
        assert_eq!(meta["pages"], pages.len());
        assert!(!pages.is_empty());
        for (key, [t, _, _]) in &pages {
            // Each page's dictionary starts with its key.
            assert_eq!(&t[3..3 + key.len()], key.as_bytes());
        }
        // facets.bin: chan-gai → docs 0 (b) and 2 (a); daguo → 0; regions
        // 安徽省 → 0, 安徽省/宣城市 → 2.
        assert_eq!(&facets[at + head..], [2, 0, 2, 1, 0, 1, 0, 1, 2]);
    }

    #[test]
    fn every_file_is_under_search_and_unique() {
        let files = index_files(&corpus());
        let mut paths: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert!(paths.iter().all(|p| p.starts_with("search/")));
        let n = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), n);
    }

    #[test]
    fn an_empty_site_has_an_index_too() {
        let files = index_files(&[]);
        let meta: serde_json::Value =
            serde_json::from_slice(file(&files, "search/meta.json")).unwrap();
        assert_eq!(meta["docs"], 0);
        assert_eq!(meta["pages"], 0);
        assert_eq!(inflated(&files, "search/keys.bin"), b"");
        let paths: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            paths,
            ["search/facets.bin", "search/keys.bin", "search/meta.json"]
        );
    }

    /// The body is cut into segments of `SEGMENT_CHARS` chars, each file
    /// overlapping its neighbours by the snippet's context, so that the
    /// window around a match that starts in a segment is inside its file.
    #[test]
    fn bodies_are_cut_into_overlapping_segments() {
        use store::{SEGMENT_CHARS, SEGMENT_LEAD, SEGMENT_TAIL};
        // Chars numbered by a repeating alphabet, so a slice shows where it is.
        let alphabet: Vec<char> = "工会职工劳模工匠产业改革驿站技能竞赛".chars().collect();
        let n = SEGMENT_CHARS * 2 + 100;
        let body: String = (0..n).map(|i| alphabet[i % alphabet.len()]).collect();
        let chars: Vec<char> = body.chars().collect();
        let mut d = doc("/long/", "2024-01-01", "长文", &["安徽省"]);
        d.body = body.clone().into();
        d.summary = "摘要".into();
        let files = index_files(&[d, doc("/short/", "2023-01-01", "短文", &[])]);
        let first = stored(&files, 0, 0);
        assert_eq!(first["summary"], "摘要");
        assert_eq!(first["title"], "长文");
        assert!(first.get("at").is_none());
        let text: String = chars[..SEGMENT_CHARS + SEGMENT_TAIL].iter().collect();
        assert_eq!(first["body"], text.as_str());
        for k in 1..3 {
            let seg = stored(&files, 0, k);
            let start = k * SEGMENT_CHARS;
            let end = (start + SEGMENT_CHARS + SEGMENT_TAIL).min(n);
            let text: String = chars[start - SEGMENT_LEAD..end].iter().collect();
            assert_eq!(seg["body"], text.as_str(), "segment {k}");
            assert_eq!(seg["at"], SEGMENT_LEAD);
            assert_eq!(seg["url"], "/long/");
            assert_eq!(seg["region"], "安徽省");
            assert!(seg.get("summary").is_none());
        }
        // A short body is one segment.
        assert_eq!(stored(&files, 1, 0)["body"], "短文的正文，APP 12351。");
    }

    /// A page's segment part gives, for every document of a term with a
    /// body occurrence, the segment of the first one: that of its snippet.
    #[test]
    fn segment_files_give_the_segment_of_the_first_body_occurrence() {
        use crate::search::varint::get;
        let mut docs = Vec::new();
        for (i, at) in [
            0,
            store::SEGMENT_CHARS - 1,
            store::SEGMENT_CHARS,
            3 * store::SEGMENT_CHARS + 7,
        ]
        .into_iter()
        .enumerate()
        {
            let mut d = doc(&format!("/{i}/"), &format!("202{i}-01-01"), "标题", &[]);
            // Newer docs get lower ids: doc i has id 3 - i.
            d.body = format!("{}驿站{}驿站", "，".repeat(at), "，".repeat(700)).into();
            docs.push(d);
        }
        let mut title_only = doc("/t/", "2019-01-01", "驿站", &[]);
        title_only.body = "无关".into();
        docs.push(title_only);
        let files = index_files(&docs);
        let pages = pages(&files);
        assert_eq!(pages.len(), 1, "one page");
        let [t, s, p] = &pages[0].1;
        let terms = index::tests::decode(t, p);
        let at = terms.iter().position(|t| t.0 == "驿站").unwrap();
        // The header: the number of terms, then each term's list length.
        let mut pos = 0;
        assert_eq!(get(s, &mut pos) as usize, terms.len());
        let lens: Vec<usize> = (0..terms.len())
            .map(|_| get(s, &mut pos) as usize)
            .collect();
        pos += lens[..at].iter().sum::<usize>();
        let postings = &terms[at].1;
        assert_eq!(
            postings.iter().map(|p| p.0).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
        // Docs 0–3 have it in the body (4 only in the title).
        let segs: Vec<u64> = (0..4).map(|_| get(s, &mut pos)).collect();
        assert_eq!(segs, [3, 1, 0, 0]);
        assert_eq!(postings[4].1, index::TITLE);
    }

    /// An index kept as files, updated as the preview server updates it:
    /// an update's files written, the packs it keeps kept, the others gone.
    struct Updated {
        index: Incremental,
        files: std::collections::BTreeMap<String, Vec<u8>>,
    }

    impl Updated {
        fn full(docs: &[SearchDoc]) -> Updated {
            let files = std::sync::Mutex::new(std::collections::BTreeMap::new());
            let index = Incremental::full(docs, &Deflated::off(), &|| false, &|p, b| {
                files.lock().unwrap().insert(p.to_string(), b.to_vec());
            })
            .unwrap();
            Updated {
                index,
                files: files.into_inner().unwrap(),
            }
        }

        /// Updates in place if it can (true), else makes a full index.
        fn edit(&mut self, docs: &[SearchDoc]) -> bool {
            let written = std::sync::Mutex::new(std::collections::BTreeMap::new());
            let kept = std::sync::Mutex::new(Vec::new());
            let update = self
                .index
                .update(
                    docs,
                    &|| false,
                    &|p, b| {
                        written.lock().unwrap().insert(p.to_string(), b.to_vec());
                    },
                    &|p| kept.lock().unwrap().push(p.to_string()),
                )
                .unwrap();
            let written = written.into_inner().unwrap();
            let Some(update) = update else {
                assert!(written.is_empty(), "a declined update wrote {written:?}");
                *self = Updated::full(docs);
                return false;
            };
            self.index.apply(update);
            let kept = kept.into_inner().unwrap();
            self.files.retain(|path, _| {
                !(path.starts_with("search/terms-") || path.starts_with("search/texts-"))
                    || kept.contains(path)
                    || written.contains_key(path)
            });
            // Cards packs beyond the new count go too.
            self.files
                .retain(|path, _| !path.starts_with("search/cards-") || written.contains_key(path));
            self.files.extend(written);
            true
        }

        fn files(&self) -> Vec<(String, Vec<u8>)> {
            self.files.clone().into_iter().collect()
        }
    }

    /// An index updated in place after each of a series of edits holds
    /// exactly what a full index of the same documents holds (so it
    /// answers every query alike), and an edit that shifts ids (an article
    /// added, removed, redated) makes a full index instead.
    #[test]
    fn an_index_updated_in_place_holds_what_a_full_index_holds() {
        let mut docs = many_pages_corpus();
        let mut index = Updated::full(&docs);
        assert!(
            index.files() == index_files(&docs),
            "a full index is the same"
        );
        assert!(pages(&index.files()).len() > 20);
        index.index.compact_at(usize::MAX);
        type Edit = Box<dyn Fn(&mut Vec<SearchDoc<'static>>)>;
        let edits: Vec<(&str, bool, Edit)> = vec![
            (
                "body appended",
                true,
                Box::new(|d| {
                    d[17].body = format!("{}第1次修改：工会驿站又添新设施。", d[17].body).into()
                }),
            ),
            (
                "title changed",
                true,
                Box::new(|d| d[5].title = format!("第2次{}", d[5].title).into()),
            ),
            (
                "body changed in the middle, with a term before every key",
                true,
                Box::new(|d| {
                    let body: String = d[100].body.chars().skip(40).collect();
                    d[100].body = format!("000 zzzz 前所未有{body}").into();
                }),
            ),
            (
                "body replaced: many terms leave the document",
                true,
                Box::new(|d| d[7].body = "完全不同".into()),
            ),
            (
                "summary, tags and facets of two documents",
                true,
                Box::new(|d| {
                    d[3].summary = "新的摘要：心理健康".into();
                    d[3].tags = vec!["新标签".into()];
                    d[250].programmes.clear();
                    d[250].awards = vec![("大国工匠".into(), "daguo".into())];
                    d[250].region = vec!["安徽省".into()];
                }),
            ),
            (
                "the same document twice more",
                true,
                Box::new(|d| d[17].body = format!("{}第3次。", d[17].body).into()),
            ),
            (
                "article added",
                false,
                Box::new(|d| {
                    let mut new = d[0].clone();
                    new.url = "/new/".into();
                    new.body = "新增的文章，工会驿站。".into();
                    d.push(new);
                }),
            ),
            (
                "after a full index, in place again",
                true,
                Box::new(|d| d[30].title = "工匠精神".into()),
            ),
            (
                "article removed",
                false,
                Box::new(|d| {
                    d.remove(200);
                }),
            ),
            (
                "article redated",
                false,
                Box::new(|d| d[9].date = "2010-01-01".into()),
            ),
            ("nothing changed", true, Box::new(|_| {})),
        ];
        for (what, in_place, edit) in edits {
            edit(&mut docs);
            assert_eq!(index.edit(&docs), in_place, "{what}");
            let updated = index.files();
            let fresh = index_files(&docs);
            let (a, b) = (content(&updated), content(&fresh));
            for (term, list) in &b.terms {
                assert_eq!(a.terms.get(term), Some(list), "{what}: {term}");
            }
            assert_eq!(a.terms.len(), b.terms.len(), "{what}: terms");
            assert!(a.docs == b.docs, "{what}: documents differ");
            assert_eq!(a.facets, b.facets, "{what}: facets");
            assert_eq!(a.meta, b.meta, "{what}: meta");
            index.index.compact_at(usize::MAX);
        }
        // Past the bytes allowed for updates, the next edit makes a full
        // index, and the one after is in place again.
        index.index.compact_at(0);
        docs[40].title = "压缩".into();
        assert!(index.edit(&docs), "the first update is within any bound");
        docs[41].title = "压缩之后".into();
        assert!(!index.edit(&docs), "past the bound");
        assert!(index.files() == index_files(&docs));
        index.index.compact_at(usize::MAX);
        docs[42].title = "再次".into();
        assert!(index.edit(&docs));
        assert!(content(&index.files()) == content(&index_files(&docs)));
    }
}
