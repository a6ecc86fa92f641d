//! The shared part of the index (`meta.json`, `facets.bin`) and the
//! document store (cards and body segments, see `pack`).
//!
//! Every query downloads the shared part once: the sizes and year ranges
//! (`meta.json`, a few hundred bytes, the one file not deflated), the root
//! of the term directory (`keys.bin`), and the facet values with their
//! titles and for each value the list of its documents (`facets.bin`).
//! That is all the client needs to filter, count and rank; the years need
//! no list at all, because documents are numbered newest first and a year
//! is a contiguous range of ids.
//!
//! The texts are needed only for the results on screen: title, date,
//! region, kind (the *card*), and a snippet, a window of about 90
//! characters around the first match in the body. Sending a result's whole
//! body to cut that window cost about 5 KB a result (50 KB a page of ten),
//! so the body is cut into segments of `SEGMENT_CHARS` chars, each deflated
//! on its own; segment 0 also holds the kicker, subtitle and summary (the
//! snippet of a result whose body does not match).
//!
//! The term index tells the client, for each document of a term, which
//! segment holds the term's first occurrence in the body (`index`), and a
//! long run of CJK characters is checked by positions, so the client asks
//! for exactly the segment that holds the first match: a card and one
//! segment a result. A segment's text reaches `SEGMENT_LEAD` chars before
//! its start and `SEGMENT_TAIL` past its end, so that the window (24 chars
//! before the match, 90 from it) and any query word in it fall inside it;
//! `at` says where the segment itself starts in that text.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SearchDoc;
use super::varint;

/// Chars of the body in one segment file (before the overlaps). A
/// generated 10,000-article corpus (bodies of 1,276 chars on average) has
/// about 2.9 segments an article at this size.
pub const SEGMENT_CHARS: usize = 512;
/// Chars a segment file repeats from before the segment: the 24 chars of
/// context the snippet shows before a match, and one more, which tells the
/// client that the body goes on before them (an ellipsis).
pub const SEGMENT_LEAD: usize = 25;
/// Chars a segment file repeats from after the segment: a snippet of 90
/// chars that starts in the segment, and a query word of up to 64 chars
/// that starts in that snippet, end inside the file.
pub const SEGMENT_TAIL: usize = 160;

#[derive(Serialize)]
pub struct Meta {
    /// Format version; the client refuses an index it does not know.
    pub format: u32,
    pub docs: usize,
    /// Chars per body segment (`SEGMENT_CHARS`): the segment of a match at
    /// position p is `p / segment`.
    pub segment: usize,
    /// Number of term pages.
    pub pages: usize,
    /// Term pages a bundle directory covers (see `pack`).
    pub bundle: usize,
    /// Bytes of each card (the stride of the `cards` packs).
    pub card: usize,
    /// Cards in each `cards` pack.
    pub cards_per_pack: usize,
    /// `[year, first id, end id]`, newest first; ids `first..end`.
    pub years: Vec<(i32, usize, usize)>,
}

/// The facet values, the JSON head of `facets.bin`.
#[derive(Serialize)]
struct FacetValues {
    programmes: Vec<FacetValue>,
    awards: Vec<FacetValue>,
    /// Full region paths (`安徽省/宣城市/泾县`), sorted; the client counts every
    /// ancestor level from them.
    regions: Vec<String>,
}

#[derive(Serialize)]
pub struct FacetValue {
    pub key: String,
    pub title: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The body cut into segments: each segment's text with its overlaps, and
/// where the segment starts in that text (chars).
fn segments<'a>(d: &'a SearchDoc) -> Vec<(&'a str, usize)> {
    // Byte offset of every char, and the end.
    let bounds: Vec<usize> = d
        .body
        .char_indices()
        .map(|(i, _)| i)
        .chain([d.body.len()])
        .collect();
    let chars = bounds.len() - 1;
    let segments = chars.div_ceil(SEGMENT_CHARS).max(1);
    (0..segments)
        .map(|k| {
            let start = k * SEGMENT_CHARS;
            let from = start.saturating_sub(SEGMENT_LEAD);
            let to = (start + SEGMENT_CHARS + SEGMENT_TAIL).min(chars);
            (&d.body[bounds[from]..bounds[to]], start - from)
        })
        .collect()
}

/// What a result shows before its snippet, and where its segments are:
/// a card (see `pack`).
#[derive(Serialize)]
struct Card<'a> {
    url: &'a str,
    title: &'a str,
    date: &'a str,
    region: String,
    kind: &'a str,
    /// `[pack, offset, length of each segment…]` in the `texts` packs.
    t: Vec<usize>,
}

/// One body segment in a `texts` pack: the segment's text, and with
/// segment 0 the kicker, subtitle and summary (the snippet of a result
/// whose body does not match).
#[derive(Serialize)]
struct SegmentText<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    kicker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    body: &'a str,
    #[serde(skip_serializing_if = "is_zero")]
    at: usize,
}

/// The segments of one document as stored in the `texts` packs (JSON,
/// before deflating).
pub fn segment_texts(d: &SearchDoc) -> Vec<Vec<u8>> {
    segments(d)
        .into_iter()
        .enumerate()
        .map(|(k, (body, at))| {
            let first = k == 0;
            let text = SegmentText {
                kicker: first.then_some(&*d.kicker),
                subtitle: first.then_some(&*d.subtitle),
                summary: first.then_some(&*d.summary),
                body,
                at,
            };
            serde_json::to_vec(&text).expect("strings always serialise")
        })
        .collect()
}

/// The card of `d`, whose segments are at `t` (see [`Card`]), as JSON.
pub fn card(d: &SearchDoc, t: Vec<usize>) -> Vec<u8> {
    let card = Card {
        url: &d.url,
        title: &d.title,
        date: &d.date,
        region: d.region.join("/"),
        kind: &d.kind,
        t,
    };
    serde_json::to_vec(&card).expect("strings and numbers always serialise")
}

/// `facets.bin` (before deflating): `varint n`, then `n` bytes of JSON, the
/// facet values (programmes, awards, regions), then for each value in that
/// order its documents: `varint count, count × varint (id − previous id)`,
/// the first from 0.
pub fn facets(docs: &[&SearchDoc]) -> Vec<u8> {
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
    let head = serde_json::to_vec(&FacetValues {
        programmes,
        awards,
        regions: region_paths,
    })
    .expect("strings always serialise");
    let mut out = Vec::with_capacity(head.len() + bin.len() + 4);
    varint::put(&mut out, head.len() as u64);
    out.extend_from_slice(&head);
    out.extend_from_slice(&bin);
    out
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
