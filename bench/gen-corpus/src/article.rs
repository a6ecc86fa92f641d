//! One generated article: its front matter drawn from the world, its body
//! of sentences in the chosen shape, and its text as a unionpress file.

use std::fmt::Write as _;

use crate::Shape;
use crate::rng::Rng;
use crate::words::*;
use crate::world::{World, name};

/// One generated article: its front matter fields and body.
pub(crate) struct Piece {
    pub(crate) rel: String, // articles/2024/n000123.md
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) date: String,
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) kicker: Option<String>,
    pub(crate) subtitle: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) authors: Vec<String>,
    pub(crate) correspondents: Vec<String>,
    pub(crate) region: Vec<String>,
    pub(crate) programmes: Vec<(usize, String)>, // registry index, the name written
    pub(crate) awards: Vec<(usize, Vec<String>, Option<u32>)>,
    pub(crate) tags: Vec<String>,
    pub(crate) alias: Option<String>,
    pub(crate) body: String,
}

const CLAUSE_ENDS: &[char] = &[
    '，', '。', '！', '？', '；', '：', ',', ';', ':', '、', '(', '（', ')', '）', '“', '”', '《',
    '》',
];

/// The clauses of `s` with at least four characters.
fn clauses(s: &str) -> impl Iterator<Item = &str> {
    s.split(CLAUSE_ENDS)
        .map(str::trim)
        .filter(|p| p.chars().count() >= 4)
}

/// The first clause of `s` with at least four characters, cut to `max`.
pub(crate) fn clause(s: &str, max: usize) -> String {
    cut(clauses(s).next().unwrap_or("工会新闻"), max)
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect::<String>().trim().to_string()
}

/// Bodies of whole sentences of the source text.
fn short_body(w: &World, r: &mut Rng) -> String {
    let mut body = String::new();
    let paragraphs = r.range(3, 9);
    for p in 0..paragraphs {
        if p == 2 && r.chance(15) {
            let _ = writeln!(body, "## {}\n", clause(r.pick(&w.sentences).as_str(), 16));
        }
        for _ in 0..r.range(2, 5) {
            body.push_str(r.pick(&w.sentences).as_str());
        }
        body.push_str("\n\n");
        if p == 1 {
            extras(w, r, &mut body);
        }
    }
    body
}

/// A code block and a table, each in about 3% of articles, after the
/// second paragraph.
fn extras(w: &World, r: &mut Rng, body: &mut String) {
    if r.chance(3) {
        body.push_str(CODE_BLOCK);
    }
    if r.chance(3) {
        body.push_str("| 姓名 | 单位 | 成绩 |\n|---|---|---|\n");
        for k in 0..r.range(3, 6) {
            let _ = writeln!(
                body,
                "| {} | {}公司 | 第{}名 |",
                name(r),
                clause(r.pick(&w.sentences).as_str(), 6),
                k + 1
            );
        }
        body.push('\n');
    }
}

/// Bodies of 300–3,000 characters (evenly spread) of sentences made anew.
fn long_body(w: &World, r: &mut Rng) -> String {
    let target = r.range(300, 3000);
    let mut body = String::new();
    let mut chars = 0;
    let mut paragraph = 0;
    while chars < target {
        if paragraph == 2 && target > 1500 && r.chance(40) {
            let _ = writeln!(body, "## {}\n", clause(r.pick(&w.sentences).as_str(), 16));
        }
        for _ in 0..r.range(1, 4) {
            let s = news_sentence(w, r);
            chars += s.chars().count();
            body.push_str(&s);
            if chars >= target {
                break;
            }
        }
        body.push_str("\n\n");
        if paragraph == 1 {
            extras(w, r, &mut body);
        }
        paragraph += 1;
    }
    body
}

/// One sentence: one to three clauses of the source text, each often
/// led by a place, a firm, a person or a figure (what makes the wording of
/// real news varied).
fn news_sentence(w: &World, r: &mut Rng) -> String {
    let mut s = String::new();
    for k in 0..r.range(1, 3) {
        if k > 0 {
            s.push('，');
        }
        if r.chance(60) {
            entity(w, r, &mut s);
        }
        let all: Vec<&str> = clauses(r.pick(&w.sentences).as_str()).collect();
        s.push_str(&cut(all.get(r.below(all.len())).unwrap_or(&"工会新闻"), 40));
    }
    s.push(*r.pick(&['。', '。', '。', '！']));
    s
}

fn entity(w: &World, r: &mut Rng, s: &mut String) {
    let (prov, cities) = r.pick(&w.regions);
    let (city, counties) = r.pick(cities);
    let _ = match r.below(5) {
        0 => write!(s, "{prov}{city}{}", r.pick(counties)),
        1 => write!(
            s,
            "{}{}{}工会",
            city.trim_end_matches('市'),
            r.pick(FIRM_WORDS),
            r.pick(FIRM_KINDS)
        ),
        2 => write!(s, "{}{}", name(r), r.pick(SAYS)),
        3 => write!(s, "{}{}", r.range(3, 20000), r.pick(COUNTS)),
        _ => write!(s, "{}年{}月", r.range(2018, 2025), r.range(1, 12)),
    };
}

pub(crate) fn piece(w: &World, seed: u64, i: usize, shape: Shape) -> Piece {
    let mut r = Rng::new(seed, i as u64 + 1);
    let year = 2018 + r.below(8) as u16;
    let month = 1 + r.below(12) as u8;
    let day = 1 + r.below(28) as u8;
    let mut title = clause(r.pick(&w.sentences).as_str(), 28);
    if title.chars().count() < 6 {
        title = clause(r.pick(&w.sentences).as_str(), 28);
    }
    let (prov, cities) = r.pick(&w.regions);
    let mut region = vec![prov.clone()];
    if r.chance(85) {
        let (city, counties) = r.pick(cities);
        region.push(city.clone());
        if r.chance(50) {
            region.push(r.pick(counties).clone());
        }
    }
    let k = r.range(0, 2);
    let programmes = r
        .some(&w.programmes, k)
        .into_iter()
        .map(|(key, title)| {
            let i = w.programmes.iter().position(|(k, _)| k == key).unwrap_or(0);
            let names = PROGRAMMES[i].1;
            let written = if !names.is_empty() && r.chance(50) {
                names[0].to_string()
            } else {
                title.clone()
            };
            (i, written)
        })
        .collect();
    let awards = if r.chance(25) {
        let a = r.below(w.awards.len());
        let recipients = (0..r.range(1, 4)).map(|_| name(&mut r)).collect();
        let count = r.chance(30).then(|| r.range(5, 300) as u32);
        vec![(a, recipients, count)]
    } else {
        Vec::new()
    };
    let body = match shape {
        Shape::Short => short_body(w, &mut r),
        Shape::Long => long_body(w, &mut r),
    };
    let first_author = r.pick(&w.reporters).clone();
    let mut authors = vec![first_author];
    if r.chance(20) {
        authors.push(r.pick(&w.reporters).clone());
        authors.dedup();
    }
    let k = r.range(1, 4);
    let tags = r.some(&w.tags, k).into_iter().cloned().collect();
    Piece {
        rel: format!("articles/{year}/n{i:06}.md"),
        slug: format!("n{i:06}"),
        date: format!("{year:04}-{month:02}-{day:02}"),
        year,
        month,
        kicker: r.chance(30).then(|| r.pick(KICKERS).to_string()),
        subtitle: r
            .chance(30)
            .then(|| clause(r.pick(&w.sentences).as_str(), 20)),
        summary: r
            .chance(30)
            .then(|| clause(r.pick(&w.sentences).as_str(), 60)),
        kind: KINDS[r.below(KINDS.len())],
        authors,
        correspondents: if r.chance(50) {
            vec![name(&mut r)]
        } else {
            Vec::new()
        },
        region,
        programmes,
        awards,
        tags,
        alias: r.chance(1).then(|| format!("/old/{i}/")),
        title,
        body,
    }
}

/// A YAML string: JSON's quoting is valid YAML.
/// The kicker, subtitle and summary lines a piece has, the same in both
/// generators' front matter.
pub(crate) fn optional_lines(f: &mut String, p: &Piece) {
    for (k, v) in [
        ("kicker", &p.kicker),
        ("subtitle", &p.subtitle),
        ("summary", &p.summary),
    ] {
        if let Some(v) = v {
            let _ = writeln!(f, "{k}: {}", q(v));
        }
    }
}

pub(crate) fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

pub(crate) fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

pub(crate) fn ours(p: &Piece, w: &World) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(f, "title: {}\ndate: {}", q(&p.title), p.date);
    optional_lines(&mut f, p);
    let _ = writeln!(f, "kind: {}\nauthors: {}", p.kind, list(&p.authors));
    if !p.correspondents.is_empty() {
        let _ = writeln!(f, "correspondents: {}", list(&p.correspondents));
    }
    let _ = writeln!(f, "region: {}", q(&p.region.join("/")));
    if !p.programmes.is_empty() {
        let names: Vec<String> = p.programmes.iter().map(|(_, n)| n.clone()).collect();
        let _ = writeln!(f, "programmes: {}", list(&names));
    }
    if !p.awards.is_empty() {
        f.push_str("awards:\n");
        for (a, recipients, count) in &p.awards {
            let _ = writeln!(
                f,
                "  - name: {}\n    recipients: {}",
                q(&w.awards[*a].1),
                list(recipients)
            );
            if let Some(c) = count {
                let _ = writeln!(f, "    count: {c}");
            }
        }
    }
    let _ = writeln!(f, "tags: {}", list(&p.tags));
    if let Some(a) = &p.alias {
        let _ = writeln!(f, "aliases: [{a}]");
    }
    f.push_str("---\n\n");
    f.push_str(&p.body);
    f
}
