//! The seeds as the benchmark of `import`: each of the five newspaper pages
//! in ../shared/seeds/ is imported as text with its issue date, and the
//! proposal is compared with the demo site's hand-made content/: every
//! article split as the editors split it, and per field the share that
//! matches exactly. README.md reports the table this prints.

use std::collections::BTreeSet;
use std::path::PathBuf;

use unionpress::import::{self, byline::Role, propose::Proposal};

/// Each seed page and its issue date, as the editor gives it with --date.
const PAGES: [(&str, &str); 5] = [
    ("000_50f2d3aaf810ce71.txt", "2024-12-20"),
    ("001_6f481e450c8fac0c.txt", "2025-01-07"),
    ("002_36577cd15dcb4645.txt", "2024-11-01"),
    ("003_e2e08df8698e4f08.txt", "2025-11-27"),
    ("004_ca5b28cd01bd8cb6.txt", "2025-01-21"),
];

/// The share of exact fields the import must keep to.
const FLOOR: f64 = 0.95;

const FIELDS: [&str; 10] = [
    "title",
    "kicker",
    "subtitle",
    "authors",
    "correspondents",
    "photographers",
    "date",
    "region",
    "programmes",
    "awards",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Demo {
    file: String,
    front: serde_yaml::Value,
    body: String,
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '#')
        .collect()
}

fn demo_articles() -> Vec<Demo> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("content/articles")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") || path.ends_with("_index.md") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let rest = text.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n").unwrap();
        out.push(Demo {
            file: path.file_name().unwrap().to_string_lossy().into_owned(),
            front: serde_yaml::from_str(&rest[..end]).unwrap(),
            body: rest[end + 5..].to_string(),
        });
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

fn text_of(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Null => String::new(),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    }
}

fn list_of(v: &serde_yaml::Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| s.iter().map(text_of).collect())
        .unwrap_or_default()
}

/// A programme or award name as its registry entry's title.
fn resolve(name: &str, named: &[import::propose::Named]) -> String {
    named
        .iter()
        .find(|n| n.names.iter().any(|x| x == name))
        .map_or_else(|| name.to_string(), |n| n.title.clone())
}

/// The field `field` of the demo article and of the proposal, as text.
fn field(d: &Demo, p: &Proposal, field: &str, registries: &import::Registries) -> (String, String) {
    let opt = |g: &Option<import::propose::Guess<String>>| {
        g.as_ref().map(|g| g.value.clone()).unwrap_or_default()
    };
    let people =
        |role: Role, key: &str| (list_of(&d.front[key]).join("、"), p.names(role).join("、"));
    match field {
        "title" => (text_of(&d.front["title"]), p.title.value.clone()),
        "kicker" => (text_of(&d.front["kicker"]), opt(&p.kicker)),
        "subtitle" => (text_of(&d.front["subtitle"]), opt(&p.subtitle)),
        // Everyone who wrote it, each with the role printed: 记者, 见习记者,
        // 实习生, 作者.
        "authors" => {
            let roles = [
                (Role::Reporter, "authors"),
                (Role::Trainee, "trainees"),
                (Role::Intern, "interns"),
                (Role::Writer, "writers"),
            ];
            let (mut demo, mut ours) = (Vec::new(), Vec::new());
            for (role, key) in roles {
                let (d, o) = people(role, key);
                demo.push(format!("{key}:{d}"));
                ours.push(format!("{key}:{o}"));
            }
            (demo.join(" "), ours.join(" "))
        }
        "correspondents" => people(Role::Correspondent, "correspondents"),
        "photographers" => people(Role::Photographer, "photographers"),
        "date" => (text_of(&d.front["date"]), p.date.value.to_string()),
        "region" => (
            text_of(&d.front["region"]),
            p.region
                .as_ref()
                .map(|g| g.value.clone())
                .unwrap_or_default(),
        ),
        "programmes" => {
            let demo: BTreeSet<String> = list_of(&d.front["programmes"])
                .iter()
                .map(|n| resolve(n, &registries.programmes))
                .collect();
            let ours: BTreeSet<String> = p
                .programmes
                .as_ref()
                .map(|g| g.value.iter().cloned().collect())
                .unwrap_or_default();
            (
                demo.into_iter().collect::<Vec<_>>().join("、"),
                ours.into_iter().collect::<Vec<_>>().join("、"),
            )
        }
        "awards" => {
            let demo: BTreeSet<String> = d.front["awards"]
                .as_sequence()
                .map(|s| {
                    s.iter()
                        .map(|a| {
                            let name = if a.is_string() {
                                text_of(a)
                            } else {
                                text_of(&a["name"])
                            };
                            let count = a.get("count").map(text_of).unwrap_or_default();
                            format!(
                                "{}[{}]{}",
                                resolve(&name, &registries.awards),
                                list_of(&a["recipients"]).join(","),
                                count
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let ours: BTreeSet<String> = p
                .awards
                .as_ref()
                .map(|g| {
                    g.value
                        .iter()
                        .map(|a| {
                            let count = a.count.map(|c| c.to_string()).unwrap_or_default();
                            format!("{}[{}]{}", a.name, a.recipients.join(","), count)
                        })
                        .collect()
                })
                .unwrap_or_default();
            (
                demo.into_iter().collect::<Vec<_>>().join(" "),
                ours.into_iter().collect::<Vec<_>>().join(" "),
            )
        }
        _ => unreachable!(),
    }
}

#[test]
fn seeds_as_text_split_right_and_fields_match_the_hand_made_content() {
    let seeds = root().join("..").join("shared").join("seeds");
    assert!(seeds.is_dir(), "the seed pages are at {}", seeds.display());
    bench(|file| seeds.join(file));
}

/// The same pages as .docx, made from the seed text by
/// scripts/make-docx.py (python-docx).
#[test]
fn seeds_as_docx_split_right_and_fields_match_the_hand_made_content() {
    let dir = root().join("tests/fixtures/import");
    bench(|file| dir.join(file.replace(".txt", ".docx")));
}

fn bench(path: impl Fn(&str) -> PathBuf) {
    let config = unionpress::config::Config::load(&root()).unwrap();
    let registries = import::registries(&root(), &config);
    let mut proposals: Vec<Proposal> = Vec::new();
    for (file, date) in PAGES {
        let text = import::read_text(&path(file)).unwrap();
        proposals.extend(import::propose_text(
            &text,
            date.parse().unwrap(),
            &registries,
        ));
    }
    let demos = demo_articles();
    let mut split_wrong = Vec::new();
    let mut misses = Vec::new();
    let mut exact = [0usize; FIELDS.len()];
    let mut used = vec![false; proposals.len()];
    for d in &demos {
        let want = squash(&d.body);
        let found = proposals.iter().position(|p| squash(&p.body) == want);
        let Some(i) = found else {
            split_wrong.push(d.file.clone());
            continue;
        };
        used[i] = true;
        for (k, name) in FIELDS.iter().enumerate() {
            let (demo, ours) = field(d, &proposals[i], name, &registries);
            if demo == ours {
                exact[k] += 1;
            } else {
                misses.push(format!("{} {name}: demo {demo:?}, import {ours:?}", d.file));
            }
        }
    }
    let extra: Vec<String> = proposals
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(p, _)| p.title.value.clone())
        .collect();
    println!("| field | exact | share |\n| --- | --- | --- |");
    let n = demos.len();
    for (k, name) in FIELDS.iter().enumerate() {
        println!(
            "| {name} | {}/{n} | {:.0}% |",
            exact[k],
            100.0 * exact[k] as f64 / n as f64
        );
    }
    let total: usize = exact.iter().sum();
    let share = total as f64 / (n * FIELDS.len()) as f64;
    println!(
        "| all | {total}/{} | {:.1}% |",
        n * FIELDS.len(),
        100.0 * share
    );
    for m in &misses {
        println!("miss: {m}");
    }
    for s in &split_wrong {
        println!("split wrong: {s}");
    }
    for e in &extra {
        println!("extra piece: {e}");
    }
    assert!(split_wrong.is_empty(), "split wrong: {split_wrong:?}");
    assert_eq!(proposals.len(), demos.len(), "extra pieces: {extra:?}");
    assert!(share >= FLOOR, "{:.1}% of fields exact", 100.0 * share);
}
