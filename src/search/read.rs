//! Reads an index back: its term pages through the root and bundle
//! directories, its documents through the cards, as the client does, and
//! what it holds apart from how it is cut and packed ([`content`]), which
//! an index updated in place must share with a full index of the same
//! documents. Used by the tests; it panics on an index it cannot read.
//! Paths are those the writer gives (`search/…`).

use super::index::Entry;

/// What an index holds, as [`content`] reads it.
#[derive(Debug, PartialEq)]
pub struct Content {
    /// Every term's entries: document, tiers, segment, positions.
    pub terms: std::collections::BTreeMap<String, Vec<(u32, Entry)>>,
    /// Every document's body segments, each with its card (as `stored`).
    pub docs: Vec<Vec<serde_json::Value>>,
    /// `facets.bin`, inflated.
    pub facets: Vec<u8>,
    /// `meta.json` without what depends on the packing.
    pub meta: serde_json::Value,
}

pub fn file<'a>(files: &'a [(String, Vec<u8>)], path: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|f| f.0 == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

/// A deflated file's contents.
pub fn inflated(files: &[(String, Vec<u8>)], path: &str) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(file(files, path))
        .read_to_end(&mut out)
        .expect("a zlib stream");
    out
}

/// The term pages of an index, read through its root and bundle
/// directories: (key, [postings, segments, positions] inflated).
pub fn pages(files: &[(String, Vec<u8>)]) -> Vec<(String, [Vec<u8>; 3])> {
    use super::varint::get;
    let root = String::from_utf8(inflated(files, "search/keys.bin")).unwrap();
    let mut pages = Vec::new();
    for line in root.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let pack = file(files, &format!("search/terms-{}.bin", f[1]));
        let (offset, len): (usize, usize) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        let mut dir = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(&pack[offset..offset + len]),
            &mut dir,
        )
        .unwrap();
        let mut at = 0;
        let mut part_at = offset + len;
        let mut key = Vec::new();
        for _ in 0..get(&dir, &mut at) {
            let shared = get(&dir, &mut at) as usize;
            let suffix = get(&dir, &mut at) as usize;
            key.truncate(shared);
            key.extend_from_slice(&dir[at..at + suffix]);
            at += suffix;
            let parts = [0, 1, 2].map(|_| {
                let l = get(&dir, &mut at) as usize;
                let part = &pack[part_at..part_at + l];
                part_at += l;
                let mut out = Vec::new();
                if l > 0 {
                    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(part), &mut out)
                        .unwrap();
                }
                out
            });
            pages.push((String::from_utf8(key.clone()).unwrap(), parts));
        }
    }
    pages
}

/// Document `id` as the client reads it: its card and body segment
/// `seg`.
pub fn stored(files: &[(String, Vec<u8>)], id: usize, seg: usize) -> serde_json::Value {
    let meta: serde_json::Value = serde_json::from_slice(file(files, "search/meta.json")).unwrap();
    let (stride, per_pack) = (
        meta["card"].as_u64().unwrap() as usize,
        meta["cards_per_pack"].as_u64().unwrap() as usize,
    );
    let cards = file(files, &format!("search/cards-{}.bin", id / per_pack));
    let at = id % per_pack * stride;
    let mut card: serde_json::Value =
        serde_json::from_str(&super::store::from_gb18030(&cards[at..at + stride])).unwrap();
    let t: Vec<usize> = serde_json::from_value(card["t"].take()).unwrap();
    let start = t[1] + t[2..2 + seg].iter().sum::<usize>();
    let texts = file(files, &format!("search/texts-{}.bin", t[0]));
    let mut json = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::ZlibDecoder::new(&texts[start..start + t[2 + seg]]),
        &mut json,
    )
    .unwrap();
    let text: serde_json::Value = serde_json::from_str(&super::store::from_gb18030(&json)).unwrap();
    let card = card.as_object_mut().unwrap();
    card.remove("t");
    card.extend(text.as_object().unwrap().clone());
    serde_json::Value::Object(card.clone())
}

/// What an index holds, apart from how it is cut and packed: every
/// term's entries (document, tiers, segment, positions), every
/// document's card and body segments (without where they are stored),
/// the facets, and meta.json without the page count and card stride
/// (how it is cut and packed). The client's
/// answer to any query is a function of this. Also checks that each
/// page's key is a separator: ≤ the page's first term, > the last term
/// of the page before.
pub fn content(files: &[(String, Vec<u8>)]) -> Content {
    let mut terms = std::collections::BTreeMap::new();
    let mut last: Option<String> = None;
    let pages = pages(files);
    let last_pages = pages.len();
    for (key, [t, s, p]) in pages {
        let decoded = super::index::decode_page(&t, &s, &p);
        assert!(!decoded.is_empty(), "page {key:?} has no terms");
        assert!(key <= decoded[0].0, "key {key:?} after its first term");
        if let Some(last) = &last {
            assert!(*last < key, "key {key:?} not after {last:?}");
        }
        last = decoded.last().map(|t| t.0.clone());
        for (term, list) in decoded {
            assert!(terms.insert(term.clone(), list).is_none(), "{term} twice");
        }
    }
    let mut meta: serde_json::Value =
        serde_json::from_slice(file(files, "search/meta.json")).unwrap();
    let (stride, per_pack) = (
        meta["card"].as_u64().unwrap() as usize,
        meta["cards_per_pack"].as_u64().unwrap() as usize,
    );
    let docs = (0..meta["docs"].as_u64().unwrap() as usize)
        .map(|id| {
            let cards = file(files, &format!("search/cards-{}.bin", id / per_pack));
            let at = id % per_pack * stride;
            let card: serde_json::Value =
                serde_json::from_str(&super::store::from_gb18030(&cards[at..at + stride])).unwrap();
            let segments = card["t"].as_array().unwrap().len() - 2;
            (0..segments).map(|seg| stored(files, id, seg)).collect()
        })
        .collect();
    assert_eq!(meta["pages"], last_pages, "meta.json counts the pages");
    let meta_object = meta.as_object_mut().unwrap();
    meta_object.remove("pages");
    meta_object.remove("card");
    meta_object.remove("cards_per_pack");
    Content {
        terms,
        docs,
        facets: inflated(files, "search/facets.bin"),
        meta,
    }
}
