//! Full-text search: a tokenizer for Chinese, Latin and numbers, and the
//! writer of the split index that `themes/default/static/search.js` reads.
//!
//! The index is made from the model, not from rendered HTML, during `build`.
//! It is pure: `index_files` returns the files to write, and the output step
//! writes them with the rest of the site (atomically).

/// One article as search sees it. Built by the pipeline from the model.
#[derive(Debug, Clone, Default)]
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
    let _ = docs;
    Vec::new()
}
