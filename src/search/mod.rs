//! Full-text search: a tokenizer for Chinese, Latin and numbers, and the
//! writer of the split index that `themes/default/static/search.js` reads.
//!
//! The index is made from the model, not from rendered HTML, during `build`.
//! It is pure: `index_files` returns the files to write, and the output step
//! writes them with the rest of the site (atomically).
//!
//! The files, all under `search/` (details in each module):
//!
//! | file | what | fetched |
//! |---|---|---|
//! | `meta.json` | page keys, facet values, year ranges, chunk size | every search |
//! | `facets.bin` | documents of each programme, award, region | every search |
//! | `t/<n>.bin` | a page of the term dictionary with document lists | per query term |
//! | `p/<n>.bin` | positions of that page's terms | CJK queries of ≥ 3 chars, phrases |
//! | `d/<n>.json` | titles, dates, texts of a few documents | for results shown |
//!
//! Documents are numbered newest first (date descending, then URL), so the
//! id order is the "newer first" order of ranking. The output depends only
//! on the input documents: no hash order, no thread count.
//!
//! - `tokenize` — what a term is (CJK bigrams/unigrams, words);
//! - `index` — postings and pages of the term index;
//! - `store` — the shared part and the document store;
//! - `varint` — the number encoding.

mod index;
mod store;
pub mod tokenize;
mod varint;

use index::{IndexBuilder, TieredText};
/// One article as search sees it. Built by the pipeline from the model.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchDoc {
    /// Site-relative URL, e.g. `/articles/jingxian-changai/`.
    pub url: String,
    pub title: String,
    pub kicker: String,
    pub subtitle: String,
    pub summary: String,
    /// The body as plain text (Markdown rendered, tags stripped), paragraphs
    /// separated by `\n`.
    pub body: String,
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

/// The files of the search index, as (path relative to the output root,
/// contents). Paths are under `search/`.
pub fn index_files(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    let mut ordered: Vec<&SearchDoc> = docs.iter().collect();
    ordered.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));

    let mut builder = IndexBuilder::default();
    for doc in &ordered {
        builder.add(&tiered_text(doc));
    }
    let (pages, page_keys) = builder.finish();

    let chunk = store::chunk_size(&ordered);
    let (programmes, awards, regions, facets_bin) = store::facets(&ordered);
    let meta = store::Meta {
        format: FORMAT,
        docs: ordered.len(),
        chunk,
        pages: page_keys,
        years: store::year_ranges(&ordered),
        programmes,
        awards,
        regions,
    };

    let mut files = Vec::new();
    files.push((
        "search/meta.json".to_string(),
        serde_json::to_vec(&meta).expect("strings and numbers always serialise"),
    ));
    files.push(("search/facets.bin".to_string(), facets_bin));
    for (n, (terms, positions)) in pages.into_iter().enumerate() {
        files.push((format!("search/t/{n}.bin"), terms));
        files.push((format!("search/p/{n}.bin"), positions));
    }
    for (n, chunk) in store::doc_chunks(&ordered, chunk).into_iter().enumerate() {
        files.push((format!("search/d/{n}.json"), chunk));
    }
    files
}

/// Version of the index format, checked by the client.
pub const FORMAT: u32 = 1;

/// The fields of a document grouped by ranking tier: the title; the other
/// metadata (kicker, subtitle, summary, names, programmes, awards, region,
/// tags); the body.
fn tiered_text(doc: &SearchDoc) -> TieredText<'_> {
    let mut meta: Vec<&str> = vec![&doc.kicker, &doc.subtitle, &doc.summary];
    meta.extend(doc.people.iter().map(String::as_str));
    meta.extend(doc.organisations.iter().map(String::as_str));
    meta.extend(doc.programmes.iter().map(|(title, _)| title.as_str()));
    meta.extend(doc.awards.iter().map(|(title, _)| title.as_str()));
    meta.extend(doc.region.iter().map(String::as_str));
    meta.extend(doc.tags.iter().map(String::as_str));
    TieredText { title: vec![&doc.title], meta, body: vec![&doc.body] }
}
