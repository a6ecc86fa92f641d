//! What every article draws from: the sentences of the source text, the
//! regions, reporters, registries and tags.

use std::fs;
use std::path::PathBuf;

use unionpress::render::slug::slugify;

use crate::rng::Rng;
use crate::words::*;

pub(crate) fn name(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push(*rng.pick(SURNAMES));
    s.push(*rng.pick(GIVEN));
    if rng.chance(60) {
        s.push(*rng.pick(GIVEN));
    }
    s
}

/// Provinces, each with its cities, each with its counties.
pub(crate) type Regions = Vec<(String, Vec<(String, Vec<String>)>)>;

/// Provinces with cities and counties, each name's slug unique among its
/// siblings (so region URLs never clash).
pub(crate) fn regions(rng: &mut Rng) -> Regions {
    let mut unique = |taken: &mut Vec<String>, suffix: char| loop {
        let mut n = String::new();
        n.push(*rng.pick(PLACE));
        n.push(*rng.pick(PLACE));
        n.push(suffix);
        let s = slugify(&n);
        if !taken.contains(&s) {
            taken.push(s);
            return n;
        }
    };
    PROVINCES
        .iter()
        .map(|p| {
            let mut cities_taken = Vec::new();
            let cities = (0..6)
                .map(|_| {
                    let city = unique(&mut cities_taken, '市');
                    let mut counties_taken = Vec::new();
                    let counties = (0..5)
                        .map(|k| unique(&mut counties_taken, if k % 2 == 0 { '县' } else { '区' }))
                        .collect();
                    (city, counties)
                })
                .collect();
            (p.to_string(), cities)
        })
        .collect()
}

/// Sentences (ending in 。！？) from the text files under `dirs`.
pub(crate) fn sentences(dirs: &[PathBuf]) -> Vec<String> {
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().flatten())
        .filter(|e| {
            e.file_type().is_file()
                && matches!(
                    e.path().extension().and_then(|x| x.to_str()),
                    Some("md" | "txt")
                )
        })
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut out: Vec<String> = Vec::new();
    for f in files {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        // Markdown: skip the front matter.
        let body = match text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
        {
            Some((_, body)) => body.to_string(),
            None => text,
        };
        // Paragraphs are separated by blank lines; the seed pages wrap
        // lines inside them.
        for para in body.split("\n\n").map(|p| p.replace('\n', "")) {
            let mut cur = String::new();
            for c in para.trim().chars() {
                cur.push(c);
                if matches!(c, '。' | '！' | '？') {
                    let s = cur.trim().to_string();
                    let n = s.chars().count();
                    if (12..=160).contains(&n) && !s.contains(['#', '|', '`', '[', '*']) {
                        out.push(s);
                    }
                    cur.clear();
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

pub(crate) struct World {
    pub(crate) sentences: Vec<String>,
    pub(crate) regions: Regions,
    pub(crate) reporters: Vec<String>,
    pub(crate) awards: Vec<(String, String, &'static str)>, // key, title, level
    pub(crate) programmes: Vec<(String, String)>,           // key, title
    pub(crate) tags: Vec<String>,
}
