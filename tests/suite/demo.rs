//! The demo site's content (content/) is the newspaper pages in
//! ../shared/seeds/, word for word. These tests keep it that way:
//!
//! - every article's front matter uses only the allowed fields, with valid
//!   dates, kinds and unique slugs;
//! - every paragraph of every article body, and its title, kicker, subtitle
//!   and summary, is text from the seed pages (whitespace ignored); a
//!   paragraph that the page layout interrupted may be joined from seed lines
//!   that follow one another closely;
//! - every line of every seed page is in some article (nothing skipped);
//! - every programme and award an article names resolves to exactly one
//!   registry file, and no registry name belongs to two files;
//! - every bulletin lists only articles that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::Value;
use unionpress::model::front;
use walkdir::WalkDir;

/// The names serde reads for `T`: a struct's fields, an enum's variants.
/// The schema is the product's own front-matter types, so it exists in one
/// place and these tests follow it.
fn schema<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<T>()
}

/// Labels of the page layout that belong to no article's text.
const LAYOUT_LABELS: &[&str] = &["阅读提示"];
/// How far apart (in seed lines) the pieces of one interrupted paragraph may be.
const JOIN_WINDOW: usize = 25;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content() -> PathBuf {
    root().join("content")
}

/// The seed newspaper pages the demo content is taken from. They are not
/// part of the repository: they lie beside its checkout, in `../shared/seeds`
/// (as on the CI machine). Without them these tests cannot check anything,
/// so they fail rather than pass.
fn seeds_dir() -> PathBuf {
    let dir = root().join("..").join("shared").join("seeds");
    assert!(
        dir.is_dir(),
        "the seed newspaper pages are expected in {} (`shared/seeds/` beside the checkout); \
         the demo content is checked against them",
        dir.display()
    );
    dir
}

struct Doc {
    path: PathBuf,
    front: Value,
    body: String,
}

impl Doc {
    fn rel(&self) -> String {
        self.path
            .strip_prefix(content())
            .unwrap_or(&self.path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn str_field(&self, key: &str) -> Option<&str> {
        self.front.get(key).and_then(Value::as_str)
    }

    fn list_field(&self, key: &str) -> Vec<String> {
        match self.front.get(key) {
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).unwrap_or_default())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Award names, from both the short and the long form.
    fn award_names(&self) -> Vec<String> {
        match self.front.get("awards") {
            Some(Value::Sequence(items)) => items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Mapping(_) => v.get("name").and_then(Value::as_str).map(str::to_owned),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn parse_doc(path: &Path) -> Doc {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    assert_eq!(
        first.trim_end(),
        "---",
        "{}: must start with a `---` line",
        path.display()
    );
    let mut yaml = String::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        yaml.push_str(line);
    }
    assert!(
        closed,
        "{}: front matter has no closing `---` line",
        path.display()
    );
    let body: String = lines.collect();
    let front: Value = serde_yaml::from_str(&yaml)
        .unwrap_or_else(|e| panic!("{}: front matter is not valid YAML: {e}", path.display()));
    assert!(
        front.is_mapping(),
        "{}: front matter must be a mapping",
        path.display()
    );
    Doc {
        path: path.to_owned(),
        front,
        body,
    }
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk content"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

fn articles() -> Vec<Doc> {
    let docs: Vec<Doc> = md_files(&content().join("articles"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .map(|p| parse_doc(&p))
        .collect();
    assert!(!docs.is_empty(), "no articles under content/articles/");
    docs
}

fn no_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A seed line or body paragraph without heading marks, the page's stray
/// `G ` section marker, and whitespace.
fn normalize(line: &str) -> String {
    let s = line.trim().trim_start_matches('#').trim();
    let s = s.strip_prefix("G ").unwrap_or(s);
    no_ws(s)
}

struct Seeds {
    /// Per page, its normalized lines (blank lines kept as "").
    pages: Vec<(String, Vec<String>)>,
    /// All pages' text, whitespace removed.
    all: String,
}

fn load_seeds(dir: &Path) -> Seeds {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read seeds dir")
        .map(|e| e.expect("seed entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed pages in {}", dir.display());
    let mut pages = Vec::new();
    let mut all = String::new();
    for p in paths {
        let text = fs::read_to_string(&p).expect("read seed page");
        let lines: Vec<String> = text.lines().map(normalize).collect();
        for l in &lines {
            all.push_str(l);
        }
        pages.push((p.file_name().unwrap().to_string_lossy().into_owned(), lines));
    }
    Seeds { pages, all }
}

impl Seeds {
    fn contains(&self, text: &str) -> bool {
        let t = normalize(text);
        t.is_empty() || self.all.contains(&t) || self.joined_from_lines(&t)
    }

    /// `t` is whole seed lines of one page, in order, each within
    /// JOIN_WINDOW lines of the one before (a paragraph the layout
    /// interrupted with a box or another article).
    fn joined_from_lines(&self, t: &str) -> bool {
        fn rest(t: &str, lines: &[String], from: usize) -> bool {
            if t.is_empty() {
                return true;
            }
            let end = (from + JOIN_WINDOW).min(lines.len());
            (from..end).any(|j| {
                let l = &lines[j];
                !l.is_empty() && t.starts_with(l.as_str()) && rest(&t[l.len()..], lines, j + 1)
            })
        }
        self.pages.iter().any(|(_, lines)| {
            lines.iter().enumerate().any(|(i, l)| {
                !l.is_empty()
                    && t.len() > l.len()
                    && t.starts_with(l.as_str())
                    && rest(&t[l.len()..], lines, i + 1)
            })
        })
    }
}

fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push('\n');
            }
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap();
    let day: u32 = s[8..10].parse().unwrap();
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[test]
fn demo_articles_have_valid_front_matter() {
    let fields = schema::<front::ArticleFront>();
    let kinds = schema::<front::Kind>();
    let mut errors = Vec::new();
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    for doc in articles() {
        let rel = doc.rel();
        let map = doc.front.as_mapping().unwrap();
        for key in map.keys() {
            let k = key.as_str().unwrap_or("?");
            if !fields.contains(&k) {
                errors.push(format!("{rel}: unknown front-matter field `{k}`"));
            }
        }
        if map.contains_key("image") {
            errors.push(format!(
                "{rel}: `image` is set but the demo has no pictures"
            ));
        }
        match doc.str_field("title") {
            Some(t) if !t.trim().is_empty() => {}
            _ => errors.push(format!("{rel}: missing `title`")),
        }
        match doc.str_field("date") {
            Some(d) if is_date(d) => {}
            other => errors.push(format!("{rel}: `date` must be YYYY-MM-DD, found {other:?}")),
        }
        match doc.str_field("kind") {
            Some(k) if kinds.contains(&k) => {}
            other => errors.push(format!(
                "{rel}: `kind` must be one of {kinds:?}, found {other:?}"
            )),
        }
        for key in [
            "authors",
            "correspondents",
            "photographers",
            "organisations",
            "programmes",
            "tags",
        ] {
            match doc.front.get(key) {
                None => {}
                Some(Value::Sequence(items))
                    if items
                        .iter()
                        .any(|v| v.as_str().is_none_or(|s| s.trim().is_empty())) =>
                {
                    errors.push(format!("{rel}: `{key}` must list non-empty strings"));
                }
                Some(Value::Sequence(items)) if !items.is_empty() => {}
                Some(_) => errors.push(format!("{rel}: `{key}` must be a non-empty list")),
            }
        }
        if let Some(region) = doc.front.get("region") {
            match region.as_str() {
                Some(r) if !r.split('/').any(|p| p.trim().is_empty()) => {}
                _ => errors.push(format!(
                    "{rel}: `region` must be 省/市/区县 without empty parts"
                )),
            }
        }
        if let Some(awards) = doc.front.get("awards") {
            match awards {
                Value::Sequence(items) if !items.is_empty() => {
                    for a in items {
                        let ok = match a {
                            Value::String(_) => true,
                            Value::Mapping(m) => {
                                a.get("name").and_then(Value::as_str).is_some()
                                    && m.keys().all(|k| {
                                        matches!(k.as_str(), Some("name" | "recipients" | "count"))
                                    })
                                    && a.get("count").is_none_or(|c| c.as_u64().is_some())
                                    && a.get("recipients").is_none_or(|r| {
                                        r.as_sequence()
                                            .is_some_and(|s| s.iter().all(|x| x.as_str().is_some()))
                                    })
                            }
                            _ => false,
                        };
                        if !ok {
                            errors.push(format!("{rel}: malformed award entry {a:?}"));
                        }
                    }
                }
                _ => errors.push(format!("{rel}: `awards` must be a non-empty list")),
            }
        }
        let stem = doc.path.file_stem().unwrap().to_string_lossy().into_owned();
        let slug = doc.str_field("slug").map(str::to_owned).unwrap_or(stem);
        if !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            errors.push(format!(
                "{rel}: slug `{slug}` is not lowercase ASCII pinyin"
            ));
        }
        if let Some(other) = slugs.insert(slug.clone(), rel.clone()) {
            errors.push(format!("{rel}: slug `{slug}` is also used by {other}"));
        }
        if paragraphs(&doc.body).is_empty() {
            errors.push(format!("{rel}: empty body"));
        }
    }
    assert!(
        errors.is_empty(),
        "front-matter errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn demo_article_text_is_word_for_word_from_seeds() {
    let seeds = load_seeds(&seeds_dir());
    let mut errors = Vec::new();
    for doc in articles() {
        let rel = doc.rel();
        for key in ["title", "kicker", "subtitle", "summary"] {
            if let Some(v) = doc.str_field(key)
                && !seeds.contains(v)
            {
                errors.push(format!("{rel}: {key} is not in the seed pages: {v}"));
            }
        }
        for para in paragraphs(&doc.body) {
            if !seeds.contains(&para) {
                let short: String = para.chars().take(60).collect();
                errors.push(format!(
                    "{rel}: paragraph is not in the seed pages: {short}…"
                ));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "text differs from the seeds:\n{}",
        errors.join("\n")
    );
}

#[test]
fn demo_every_seed_line_is_in_an_article() {
    let seeds = load_seeds(&seeds_dir());
    // Each article's text, in reading order: column, kicker, title,
    // subtitle, summary, body.
    let mut all = String::new();
    for doc in articles() {
        let column = doc
            .front
            .get("extra")
            .and_then(|e| e.get("column"))
            .and_then(Value::as_str)
            .unwrap_or("");
        all.push_str(&no_ws(column));
        for key in ["kicker", "title", "subtitle", "summary"] {
            all.push_str(&no_ws(doc.str_field(key).unwrap_or("")));
        }
        for para in paragraphs(&doc.body) {
            all.push_str(&normalize(&para));
        }
    }
    let mut missing = Vec::new();
    for (page, lines) in &seeds.pages {
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() || LAYOUT_LABELS.contains(&line.as_str()) {
                continue;
            }
            if !all.contains(line.as_str()) {
                let short: String = line.chars().take(40).collect();
                missing.push(format!("{page}:{}: {short}…", i + 1));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "seed text found in no article (skipped article or paragraph?):\n{}",
        missing.join("\n")
    );
}

struct Registry {
    /// name or title → registry files that claim it
    names: BTreeMap<String, BTreeSet<String>>,
}

fn registry(kind: &str, errors: &mut Vec<String>) -> Registry {
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let files = md_files(&content().join(kind));
    assert!(!files.is_empty(), "content/{kind}/ is empty");
    for path in files {
        let doc = parse_doc(&path);
        let rel = doc.rel();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            errors.push(format!(
                "{rel}: registry key `{stem}` is not lowercase ASCII"
            ));
        }
        let map = doc.front.as_mapping().unwrap();
        let allowed = if kind == "awards" {
            schema::<front::AwardFront>()
        } else {
            schema::<front::ProgrammeFront>()
        };
        let levels = schema::<front::Level>();
        for key in map.keys() {
            let k = key.as_str().unwrap_or("?");
            if !allowed.contains(&k) {
                errors.push(format!("{rel}: unknown field `{k}`"));
            }
        }
        if let Some(level) = doc.front.get("level")
            && !level.as_str().is_some_and(|l| levels.contains(&l))
        {
            errors.push(format!("{rel}: `level` must be one of {levels:?}"));
        }
        if doc.body.trim().is_empty() {
            errors.push(format!("{rel}: needs a short description"));
        }
        let Some(title) = doc.str_field("title") else {
            errors.push(format!("{rel}: missing `title`"));
            continue;
        };
        let mut own = vec![title.to_owned()];
        own.extend(doc.list_field("names"));
        for n in own {
            names.entry(n).or_default().insert(rel.clone());
        }
    }
    for (name, files) in &names {
        if files.len() > 1 {
            errors.push(format!(
                "`{name}` is claimed by more than one file: {files:?}"
            ));
        }
    }
    Registry { names }
}

#[test]
fn demo_programmes_and_awards_resolve_to_one_registry_file() {
    let mut errors = Vec::new();
    let programmes = registry("programmes", &mut errors);
    let awards = registry("awards", &mut errors);
    let mut used_programmes = BTreeSet::new();
    let mut used_awards = BTreeSet::new();
    for doc in articles() {
        let rel = doc.rel();
        for (what, reg, names, used) in [
            (
                "programme",
                &programmes,
                doc.list_field("programmes"),
                &mut used_programmes,
            ),
            ("award", &awards, doc.award_names(), &mut used_awards),
        ] {
            for name in names {
                match reg.names.get(&name) {
                    Some(files) if files.len() == 1 => {
                        used.insert(files.iter().next().unwrap().clone());
                    }
                    Some(files) => {
                        errors.push(format!("{rel}: {what} `{name}` is ambiguous: {files:?}"))
                    }
                    None => errors.push(format!("{rel}: {what} `{name}` is in no registry file")),
                }
            }
        }
    }
    for (reg, used, kind) in [
        (&programmes, &used_programmes, "programme"),
        (&awards, &used_awards, "award"),
    ] {
        let files: BTreeSet<&String> = reg.names.values().flatten().collect();
        for f in files {
            if !used.contains(f) {
                errors.push(format!("{f}: {kind} registry file that no article names"));
            }
        }
    }
    assert!(errors.is_empty(), "registry errors:\n{}", errors.join("\n"));
}

#[test]
fn demo_bulletins_list_existing_articles() {
    let articles: BTreeSet<String> = articles().iter().map(Doc::rel).collect();
    let files = md_files(&content().join("bulletins"));
    assert!(
        files.len() >= 2,
        "the demo needs at least two bulletin issues"
    );
    let mut errors = Vec::new();
    let mut listed = BTreeSet::new();
    for path in files {
        let doc = parse_doc(&path);
        let rel = doc.rel();
        for key in ["title", "number", "date"] {
            if doc.str_field(key).is_none() {
                errors.push(format!("{rel}: missing `{key}`"));
            }
        }
        if !doc.str_field("date").is_some_and(is_date) {
            errors.push(format!("{rel}: `date` must be YYYY-MM-DD"));
        }
        if !doc.body.contains("编者按") {
            errors.push(format!("{rel}: needs an editor's note (编者按)"));
        }
        let entries = doc.list_field("articles");
        if entries.is_empty() {
            errors.push(format!("{rel}: `articles` is empty"));
        }
        for a in entries {
            if !articles.contains(&a) {
                errors.push(format!("{rel}: lists `{a}`, which is not an article file"));
            }
            if !listed.insert(a.clone()) {
                errors.push(format!("{rel}: `{a}` is in more than one bulletin issue"));
            }
        }
    }
    assert!(errors.is_empty(), "bulletin errors:\n{}", errors.join("\n"));
}
