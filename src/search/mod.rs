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
//! | `meta.json` | facet values, year ranges, sizes | every search |
//! | `keys.bin` | the key that starts each term page | every search |
//! | `facets.bin` | documents of each programme, award, region | every search |
//! | `t/<n>.bin` | a page of the term dictionary with document lists | per query term |
//! | `p/<n>.bin` | positions of that page's terms | CJK runs of ≥ 4 chars, phrases |
//! | `d/<n>.bin` | titles, dates, texts of a few documents (JSON) | for results shown |
//!
//! All files but `meta.json` are deflated (zlib format), which the browser
//! inflates natively (`DecompressionStream`): the texts shrink by about 43%,
//! the postings and positions by about 45–50%.
//!
//! Documents are numbered newest first (date descending, then URL), so the
//! id order is the "newer first" order of ranking. The output depends only
//! on the input documents: no hash order, no thread count.
//!
//! - `tokenize` — what a term is (CJK uni-, bi- and trigrams, words);
//! - `index` — postings and pages of the term index;
//! - `store` — the shared part and the document store;
//! - `varint` — the number encoding.

mod index;
mod store;
pub mod tokenize;
mod varint;

use index::{IndexBuilder, TieredText};
use rayon::prelude::*;
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
    index_files_with(docs, &crate::memo::Memo::default())
}

/// [`index_files`], taking deflated files from `memo` when their bytes are
/// those of an earlier build.
pub fn index_files_with(docs: &[SearchDoc], memo: &crate::memo::Memo) -> Vec<(String, Vec<u8>)> {
    let mut ordered: Vec<&SearchDoc> = docs.iter().collect();
    ordered.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));

    // Tokenize in parallel, a batch at a time (to bound memory), and add
    // the documents in id order, so the output is the same for any number
    // of threads.
    let mut builder = IndexBuilder::default();
    for batch in ordered.chunks(256) {
        let terms: Vec<_> = batch
            .par_iter()
            .map(|doc| index::doc_terms(&tiered_text(doc)))
            .collect();
        for t in terms {
            builder.add(t);
        }
    }
    let (pages, page_keys) = builder.finish();

    let chunk = store::chunk_size(&ordered);
    let (programmes, awards, regions, facets_bin) = store::facets(&ordered);
    let meta = store::Meta {
        format: FORMAT,
        docs: ordered.len(),
        chunk,
        pages: page_keys.len(),
        years: store::year_ranges(&ordered),
        programmes,
        awards,
        regions,
    };

    // Every file but meta.json is deflated (zlib); the client inflates it
    // with the browser's DecompressionStream.
    let mut files = Vec::new();
    files.push(("search/facets.bin".to_string(), facets_bin));
    files.push((
        "search/keys.bin".to_string(),
        page_keys.join("\n").into_bytes(),
    ));
    for (n, (terms, positions)) in pages.into_iter().enumerate() {
        files.push((format!("search/t/{n}.bin"), terms));
        files.push((format!("search/p/{n}.bin"), positions));
    }
    for (n, chunk) in store::doc_chunks(&ordered, chunk).into_iter().enumerate() {
        files.push((format!("search/d/{n}.bin"), chunk));
    }
    files.par_iter_mut().for_each(|(_, bytes)| {
        let key = crate::memo::key(&[&*bytes]);
        *bytes = memo
            .deflated
            .get_or(key, || Ok::<_, ()>(deflate(bytes)))
            .unwrap_or_default();
    });
    files.insert(
        0,
        (
            "search/meta.json".to_string(),
            serde_json::to_vec(&meta).expect("strings and numbers always serialise"),
        ),
    );
    files
}

/// Compresses one index file at the fastest level: measured on a
/// 10,000-article index (136 MB raw), level 1 writes 76 MB with 1.8 s of CPU,
/// level 4 73 MB with 4.5 s; the files are small and read once, so the
/// build time matters more than the last 5%.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::fast(),
    );
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// Version of the index format, checked by the client.
pub const FORMAT: u32 = 2;

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
    TieredText {
        title: vec![&doc.title],
        meta,
        body: vec![&doc.body],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, date: &str, title: &str, region: &[&str]) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            body: format!("{title}的正文，APP 12351。"),
            date: date.into(),
            year: date[..4].parse().unwrap(),
            region: region.iter().map(|s| s.to_string()).collect(),
            ..SearchDoc::default()
        }
    }

    fn corpus() -> Vec<SearchDoc> {
        let mut a = doc("/a/", "2023-05-01", "工会驿站", &["安徽省", "宣城市"]);
        a.programmes = vec![("产业工人队伍建设改革".into(), "chan-gai".into())];
        let mut b = doc("/b/", "2024-01-02", "产改工作", &["安徽省"]);
        b.programmes = vec![("产业工人队伍建设改革".into(), "chan-gai".into())];
        b.awards = vec![("大国工匠".into(), "daguo".into())];
        let c = doc("/c/", "2024-01-02", "劳模风采", &[]);
        vec![a, b, c]
    }

    fn file<'a>(files: &'a [(String, Vec<u8>)], path: &str) -> &'a [u8] {
        &files
            .iter()
            .find(|f| f.0 == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .1
    }

    /// A deflated file's contents.
    fn inflated(files: &[(String, Vec<u8>)], path: &str) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(file(files, path))
            .read_to_end(&mut out)
            .expect("a zlib stream");
        out
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
        let chunk: serde_json::Value =
            serde_json::from_slice(&inflated(&files, "search/d/0.bin")).unwrap();
        let urls: Vec<&str> = chunk
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["url"].as_str().unwrap())
            .collect();
        assert_eq!(urls, ["/b/", "/c/", "/a/"]);
        assert_eq!(chunk[2]["region"], "安徽省/宣城市");
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
        assert_eq!(
            meta["programmes"],
            serde_json::json!([{"key": "chan-gai", "title": "产业工人队伍建设改革"}])
        );
        assert_eq!(
            meta["awards"],
            serde_json::json!([{"key": "daguo", "title": "大国工匠"}])
        );
        assert_eq!(
            meta["regions"],
            serde_json::json!(["安徽省", "安徽省/宣城市"])
        );
        let pages = meta["pages"].as_u64().unwrap() as usize;
        assert!(pages >= 1);
        let keys = String::from_utf8(inflated(&files, "search/keys.bin")).unwrap();
        assert_eq!(keys.split('\n').count(), pages);
        for (n, key) in keys.split('\n').enumerate() {
            // Each page inflates, and its dictionary starts with its key.
            let t = inflated(&files, &format!("search/t/{n}.bin"));
            assert_eq!(&t[3..3 + key.len()], key.as_bytes(), "page {n}");
            inflated(&files, &format!("search/p/{n}.bin"));
        }
        // facets.bin: chan-gai → docs 0 (b) and 2 (a); daguo → 0; regions
        // 安徽省 → 0, 安徽省/宣城市 → 2.
        assert_eq!(
            inflated(&files, "search/facets.bin"),
            [2, 0, 2, 1, 0, 1, 0, 1, 2]
        );
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
    }

    #[test]
    fn chunks_hold_about_chunk_bytes() {
        let big: Vec<SearchDoc> = (0..40)
            .map(|i| {
                let mut d = doc(&format!("/{i:02}/"), "2024-01-01", "标题", &[]);
                d.body = "工".repeat(600); // 1.8 KB of UTF-8
                d
            })
            .collect();
        let files = index_files(&big);
        let meta: serde_json::Value =
            serde_json::from_slice(file(&files, "search/meta.json")).unwrap();
        assert_eq!(meta["chunk"], 2);
        assert_eq!(
            files
                .iter()
                .filter(|f| f.0.starts_with("search/d/"))
                .count(),
            20
        );
    }
}
