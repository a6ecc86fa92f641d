//! The shared part of the index (`meta.json`, `facets.bin`) and the
//! document store (`d/<n>.bin`, deflated JSON).
//!
//! Every query downloads the shared part once: the page keys of the term
//! index (`keys.bin`), the facet values with their titles, and for each facet
//! value the list of its documents. That is all the client needs to filter, count and
//! rank; the years need no list at all, because documents are numbered
//! newest first and a year is a contiguous range of ids.
//!
//! The texts are needed only for the results on screen (title, date, region,
//! kind, and the body for the snippet), so they live in small JSON chunks of
//! `chunk` consecutive documents: document `i` is in `d/<i / chunk>.bin`.
//! `chunk` is chosen so that a chunk holds about `CHUNK_BYTES` of text: one
//! page of ten results fetches at most ten chunks, each small.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SearchDoc;
use super::varint;

/// Target size of one document-store chunk.
pub const CHUNK_BYTES: usize = 4 * 1024;
/// The most documents in one chunk (for corpora of very short articles).
pub const MAX_CHUNK_DOCS: usize = 50;

#[derive(Serialize)]
pub struct Meta {
    /// Format version; the client refuses an index it does not know.
    pub format: u32,
    pub docs: usize,
    /// Documents per `d/<n>.json` chunk.
    pub chunk: usize,
    /// Number of term pages `t/<n>.bin` / `p/<n>.bin`; `keys.bin` holds the
    /// key that starts each, one a line.
    pub pages: usize,
    /// `[year, first id, end id]`, newest first; ids `first..end`.
    pub years: Vec<(i32, usize, usize)>,
    pub programmes: Vec<FacetValue>,
    pub awards: Vec<FacetValue>,
    /// Full region paths (`安徽省/宣城市/泾县`), sorted; the client counts every
    /// ancestor level from them.
    pub regions: Vec<String>,
}

#[derive(Serialize)]
pub struct FacetValue {
    pub key: String,
    pub title: String,
}

/// One document of the store, as the search page shows it.
#[derive(Serialize)]
struct StoredDoc<'a> {
    url: &'a str,
    title: &'a str,
    date: &'a str,
    region: String,
    kind: &'a str,
    kicker: &'a str,
    subtitle: &'a str,
    summary: &'a str,
    body: &'a str,
}

/// Documents per chunk for these documents (`docs` in id order).
pub fn chunk_size(docs: &[&SearchDoc]) -> usize {
    if docs.is_empty() {
        return 1;
    }
    let total: usize = docs.iter().map(|d| stored_len(d)).sum();
    let avg = (total / docs.len()).max(1);
    (CHUNK_BYTES / avg).clamp(1, MAX_CHUNK_DOCS)
}

fn stored_len(d: &SearchDoc) -> usize {
    d.url.len()
        + d.title.len()
        + d.kicker.len()
        + d.subtitle.len()
        + d.summary.len()
        + d.body.len()
        + 120
}

/// One `d/<n>.bin` chunk (before deflating): the documents of `group`.
pub fn doc_chunk(group: &[&SearchDoc]) -> Vec<u8> {
    let stored: Vec<StoredDoc> = group
        .iter()
        .map(|d| StoredDoc {
            url: &d.url,
            title: &d.title,
            date: &d.date,
            region: d.region.join("/"),
            kind: &d.kind,
            kicker: &d.kicker,
            subtitle: &d.subtitle,
            summary: &d.summary,
            body: &d.body,
        })
        .collect();
    serde_json::to_vec(&stored).expect("strings always serialise")
}

/// The facet values of `meta.json` (programmes, awards, regions) and
/// `facets.bin`: for each value in that order, `varint count, count × varint
/// (id − previous id)`, the first from 0.
pub fn facets(docs: &[&SearchDoc]) -> (Vec<FacetValue>, Vec<FacetValue>, Vec<String>, Vec<u8>) {
    let mut programmes: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    let mut awards: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    let mut regions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        for (map, pairs) in [(&mut programmes, &d.programmes), (&mut awards, &d.awards)] {
            for (title, key) in pairs {
                let entry = map
                    .entry(key.as_str())
                    .or_insert((title.as_str(), Vec::new()));
                if entry.1.last() != Some(&id) {
                    entry.1.push(id);
                }
            }
        }
        if !d.region.is_empty() {
            regions.entry(d.region.join("/")).or_default().push(id);
        }
    }
    let mut bin = Vec::new();
    let mut put_list = |ids: &[usize]| {
        varint::put(&mut bin, ids.len() as u64);
        let mut prev = 0;
        for &id in ids {
            varint::put(&mut bin, (id - prev) as u64);
            prev = id;
        }
    };
    let values = |map: BTreeMap<&str, (&str, Vec<usize>)>, put: &mut dyn FnMut(&[usize])| {
        map.into_iter()
            .map(|(key, (title, ids))| {
                put(&ids);
                FacetValue {
                    key: key.to_string(),
                    title: title.to_string(),
                }
            })
            .collect::<Vec<_>>()
    };
    let programmes = values(programmes, &mut put_list);
    let awards = values(awards, &mut put_list);
    let mut region_paths = Vec::new();
    for (path, ids) in regions {
        put_list(&ids);
        region_paths.push(path);
    }
    (programmes, awards, region_paths, bin)
}

/// `[year, first, end]` ranges of ids (newest first).
pub fn year_ranges(docs: &[&SearchDoc]) -> Vec<(i32, usize, usize)> {
    let mut ranges: Vec<(i32, usize, usize)> = Vec::new();
    for (id, d) in docs.iter().enumerate() {
        match ranges.last_mut() {
            Some(last) if last.0 == d.year => last.2 = id + 1,
            _ => ranges.push((d.year, id, id + 1)),
        }
    }
    ranges
}
