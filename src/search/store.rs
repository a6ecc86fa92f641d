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
//! segment a result.
//!
//! **Segments barely overlap** (format 6, less in 7). A segment's text reaches
//! `SEGMENT_LEAD` chars before its start (the 24 chars of context a
//! snippet shows before a match, and one that says the body goes on) and
//! `SEGMENT_TAIL` chars past its end. Up to format 5 it reached 160 past
//! its end, so that the window (90 chars from the match) always fitted in
//! the file: a third of the texts' bytes (some 10 MB of 44 at 10,000 long
//! articles) was text stored twice. Now, when the window (and a query word
//! that starts in it) would run past the file's end, the client reads the
//! next segment too and cuts the window from both
//! (`search-engine.js`, `needsNext`): a match in the last ~90 chars of a
//! segment, about one result in nine, costs one more range read after the
//! first, and the snippet is still exactly the one cut from the whole
//! body (`tests/js/segments.test.mjs`). Results, their order and the
//! first segment read do not change.
//!
//! **Texts are stored in GB18030, then deflated.** A Hanzi is two bytes in
//! GB18030 against three in UTF-8, and deflate, which sees bytes, does
//! better on the shorter text: on 512-char segments of the generated long
//! corpus, 21% fewer bytes deflated. Browsers decode it natively
//! (`TextDecoder('gb18030')`, part of the Encoding Standard); the one
//! character its encoder refuses (U+E5E5) is written as a JSON escape.
//!
//! **Folds travel with the text.** A segment (and a card, for its title)
//! lists the traditional characters it holds with the simplified ones they
//! fold to (`f`), so the client marks a simplified query in a traditional
//! text without downloading the whole folding table (`search-fold.js`,
//! 14.5 KB), which it now loads only for a query that itself has a
//! traditional character.

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
/// Chars a segment file repeats from after the segment, so that a window
/// near its end less often needs the next segment (see the module doc):
/// 32 of 512 chars cost 6% more text, and made it one result in nine
/// rather than one in six. Format 7 keeps 16: the texts of 10,000 long
/// articles took 2.7% less (30.5 → 29.6 MB with the default level), and
/// a match in the last ~75 chars rather than ~60 reads the next segment
/// (estimated from the window, not measured).
pub const SEGMENT_TAIL: usize = 16;

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
    /// The folds of the title's traditional characters (see `SegmentText`).
    #[serde(skip_serializing_if = "String::is_empty")]
    f: String,
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
    /// The traditional characters of the texts above, each followed by the
    /// simplified one it folds to (the module doc says why).
    #[serde(skip_serializing_if = "String::is_empty")]
    f: String,
}

/// The folds of the characters of `texts`: each traditional character once,
/// followed by the simplified one it folds to, in order of first use.
fn folds_of<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let mut out = String::new();
    let mut seen = std::collections::HashSet::new();
    for c in texts.into_iter().flat_map(str::chars) {
        if super::tokenize::is_cjk(c) {
            let folded = super::tokenize::norm_char(c);
            if folded != c && seen.insert(c) {
                out.push(c);
                out.push(folded);
            }
        }
    }
    out
}

/// JSON as the client reads texts and cards: GB18030 (the module doc says
/// why). The one character the Encoding Standard's encoder refuses,
/// U+E5E5, is written as a JSON escape, which is ASCII.
///
/// Each character of the Basic Multilingual Plane is looked up in a table
/// filled once from `encoding_rs` (the Standard's encoder): that encoder
/// searches its ranges for every character, which made it a tenth of a
/// 10,000-article build's CPU. The bytes are the same (tested below).
pub fn gb18030(json: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(json).expect("serde_json writes UTF-8");
    let table = bmp_table();
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = table.get(c as usize).copied().unwrap_or(NOT_IN_TABLE);
        match code {
            0..=0x7f => out.push(code as u8),
            0x80..=0xffff => out.extend_from_slice(&(code as u16).to_be_bytes()),
            UNMAPPABLE => out.extend_from_slice(b"\\ue5e5"),
            NOT_IN_TABLE => {
                let mut buf = [0; 4];
                let (bytes, _, unmappable) = encoding_rs::GB18030.encode(c.encode_utf8(&mut buf));
                debug_assert!(!unmappable, "GB18030 encodes every char but U+E5E5");
                out.extend_from_slice(&bytes);
            }
            _ => out.extend_from_slice(&code.to_be_bytes()),
        }
    }
    out
}

/// In [`bmp_table`]: the character the encoder refuses (U+E5E5).
const UNMAPPABLE: u32 = u32::MAX;
/// Not a character of the table: outside the Basic Multilingual Plane.
const NOT_IN_TABLE: u32 = u32::MAX - 1;

/// The GB18030 bytes of every character U+0000–U+FFFF as a big-endian
/// number: one byte below 0x80, two up to 0xffff, else four (a two-byte
/// code starts with 0x81–0xfe, so no four-byte code fits in 16 bits).
/// Surrogates are never looked up: a `char` cannot be one.
fn bmp_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=0xffff_u32)
            .map(|cp| {
                let Some(c) = char::from_u32(cp) else {
                    return NOT_IN_TABLE;
                };
                let mut buf = [0; 4];
                let (bytes, _, unmappable) = encoding_rs::GB18030.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    return UNMAPPABLE;
                }
                bytes.iter().fold(0, |n, &b| n << 8 | u32::from(b))
            })
            .collect()
    })
}

/// Texts and cards as stored (GB18030) back to JSON's UTF-8.
pub fn from_gb18030(bytes: &[u8]) -> String {
    encoding_rs::GB18030
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The segments of one document as stored in the `texts` packs (JSON in
/// GB18030, before deflating).
pub fn segment_texts(d: &SearchDoc) -> Vec<Vec<u8>> {
    segments(d)
        .into_iter()
        .enumerate()
        .map(|(k, (body, at))| {
            let first = k == 0;
            let meta: &[&str] = if first {
                &[&*d.kicker, &*d.subtitle, &*d.summary]
            } else {
                &[]
            };
            let text = SegmentText {
                kicker: first.then_some(&*d.kicker),
                subtitle: first.then_some(&*d.subtitle),
                summary: first.then_some(&*d.summary),
                body,
                at,
                f: folds_of(meta.iter().copied().chain([body])),
            };
            gb18030(&serde_json::to_vec(&text).expect("strings always serialise"))
        })
        .collect()
}

/// The card of `d`, whose segments are at `t` (see [`Card`]), as JSON in
/// GB18030.
pub fn card(d: &SearchDoc, t: Vec<usize>) -> Vec<u8> {
    let card = Card {
        url: &d.url,
        title: &d.title,
        date: &d.date,
        region: d.region.join("/"),
        kind: &d.kind,
        t,
        f: folds_of([&*d.title]),
    };
    gb18030(&serde_json::to_vec(&card).expect("strings and numbers always serialise"))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts and cards go to the client in GB18030 and come back as they
    /// were, the one character its encoder refuses (U+E5E5) included.
    #[test]
    fn gb18030_round_trips_every_text() {
        let text = "工会驿站 APP 12351 𠀀 €™ é \u{E5E5} \"引号\" \\ 巾幗";
        let json = serde_json::to_vec(&serde_json::json!({ "body": text })).unwrap();
        let stored = gb18030(&json);
        // A Hanzi is two bytes, not three.
        assert!(stored.len() < json.len());
        let back: serde_json::Value = serde_json::from_str(&from_gb18030(&stored)).unwrap();
        assert_eq!(back["body"], text);
    }

    /// The table gives the Encoding Standard's bytes for every character
    /// of every plane in use, ASCII, Hanzi, symbols and private use alike.
    #[test]
    fn the_table_encodes_as_the_standard_does() {
        let every: String = (0..0x3_0000)
            .filter_map(char::from_u32)
            .filter(|&c| c != '\u{E5E5}')
            .collect();
        let json = serde_json::to_vec(&every).unwrap();
        let text = std::str::from_utf8(&json).unwrap();
        assert_eq!(gb18030(&json), encoding_rs::GB18030.encode(text).0.as_ref());
    }

    /// A segment lists each traditional character of its texts once, with
    /// the simplified one it folds to; a simplified text lists none.
    #[test]
    fn texts_carry_the_folds_of_their_traditional_characters() {
        assert_eq!(folds_of(["巾幗英雄", "勞動，巾幗"]), "幗帼勞劳動动");
        assert_eq!(folds_of(["巾帼英雄 APP"]), "");
        let d = SearchDoc {
            title: "巾幗建功".into(),
            summary: "勞模".into(),
            body: "正文沒有".into(),
            ..SearchDoc::default()
        };
        let seg: serde_json::Value =
            serde_json::from_str(&from_gb18030(&segment_texts(&d)[0])).unwrap();
        assert_eq!(seg["f"], "勞劳沒没");
        let card: serde_json::Value =
            serde_json::from_str(&from_gb18030(&card(&d, vec![0, 0, 1]))).unwrap();
        assert_eq!(card["f"], "幗帼");
    }
}
