//! An edit as the desk sends it (a *draft payload*: the fields changed and
//! the body), applied to the text the editor opened the way a person would
//! edit the file (`load::edit`: comments, order and unknown keys kept),
//! then checked and rendered by the build's own code on the site as it is
//! on disk with this one text in place of the file. Nothing is written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Answer, Desk, Failure, blocking, parse_json, paths};
use crate::error::{Diagnostic, Diagnostics};
use crate::load::edit::{self, Change, Value};
use crate::model::Site;

/// A draft payload (see the desk's API).
#[derive(Debug, Deserialize)]
pub struct Payload {
    /// `content/articles/…/x.md`; `None` for a new article.
    pub path: Option<String>,
    /// For a new article: its folder under `content/` (`articles/2024`).
    pub section: Option<String>,
    /// For a new article: its file name without `.md`.
    pub slug: Option<String>,
    /// The version of the text it was opened from.
    pub version: Option<String>,
    #[serde(default)]
    pub changes: Vec<FieldChange>,
    /// The whole Markdown body; `None` keeps the body as it is.
    pub body: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FieldChange {
    pub field: String,
    /// `null` removes the field.
    pub value: serde_json::Value,
}

/// The text a payload would save, and where.
pub struct WouldBe {
    /// `content/…`, as the API names files.
    pub rel: String,
    pub abs: PathBuf,
    /// The file's bytes now, if it exists (an edit, not a new article).
    pub disk: Option<Vec<u8>>,
    pub text: String,
}

/// Applies `payload` to the text of its file (or to a new article's).
pub fn would_be(desk: &Desk, payload: &Payload) -> Result<WouldBe, Failure> {
    let (rel, base, disk) = match &payload.path {
        Some(rel) => {
            let abs = article_path(&desk.root, rel)?;
            let bytes = paths::read_existing(&abs, rel)?;
            let text = String::from_utf8(bytes.clone())
                .map_err(|_| Failure::bad(crate::t!("desk-not-utf8", path = rel.as_str())))?;
            (rel.clone(), text, Some(bytes))
        }
        None => {
            let (rel, text) = new_article(desk, payload)?;
            (rel, text, None)
        }
    };
    let abs = article_path(&desk.root, &rel)?;
    let changes = payload
        .changes
        .iter()
        .map(change)
        .collect::<Result<Vec<_>, _>>()?;
    let mut text = edit::edit(&base, &changes).map_err(|e| match e {
        edit::EditError::NoFrontMatter => {
            Failure::bad(crate::t!("desk-no-front-matter", path = rel.as_str()))
        }
        edit::EditError::BadKey(key) => Failure::bad(crate::t!("desk-bad-field", field = key)),
    })?;
    if let Some(body) = &payload.body {
        text = with_body(&text, body);
    }
    Ok(WouldBe {
        rel,
        abs,
        disk,
        text,
    })
}

/// An article's file: under `content/articles/`, a `.md` that is not a
/// section's `_index.md`, writable by the desk.
pub fn article_path(root: &Path, rel: &str) -> Result<PathBuf, Failure> {
    let name = rel.rsplit('/').next().unwrap_or_default();
    if !rel.starts_with("content/articles/") || !name.ends_with(".md") || name == "_index.md" {
        return Err(Failure::refused(crate::t!("desk-not-article", path = rel)));
    }
    paths::content_path(root, rel)
}

/// Where a new article goes and the text it starts from: a draft dated
/// today, in `section` (default `articles/<year>`), named after `slug` or
/// its title in pinyin as `unionpress new` names it.
fn new_article(desk: &Desk, payload: &Payload) -> Result<(String, String), Failure> {
    let config = crate::config::Config::load(&desk.root)?;
    let today = jiff::Timestamp::now().to_zoned(config.tz.clone()).date();
    let section = match payload.section.as_deref().map(|s| s.trim_matches('/')) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => format!("articles/{}", today.year()),
    };
    let title = payload
        .changes
        .iter()
        .find_map(|c| match (&*c.field, &c.value) {
            ("title", serde_json::Value::String(t)) => Some(t.as_str()),
            _ => None,
        });
    let stem = match payload.slug.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => crate::slug::slugify(s),
        _ => crate::slug::slugify(title.unwrap_or_default()),
    };
    let stem = if stem.is_empty() {
        format!("article-{}", today.strftime("%Y%m%d"))
    } else {
        stem
    };
    let rel = format!("content/{section}/{stem}.md");
    let text = format!("---\ntitle: \"\"\ndate: {today}\ndraft: true\n---\n\n");
    Ok((rel, text))
}

/// A value from the browser as front matter.
fn change(c: &FieldChange) -> Result<Change, Failure> {
    if c.value.is_null() {
        return Ok(Change::Remove(c.field.clone()));
    }
    Ok(Change::Set(c.field.clone(), value(&c.field, &c.value)?))
}

fn value(field: &str, v: &serde_json::Value) -> Result<Value, Failure> {
    use serde_json::Value as J;
    let bad = || Failure::bad(crate::t!("desk-bad-value", field = field));
    Ok(match v {
        J::String(s) => Value::Text(s.clone()),
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => Value::Number(n.as_i64().ok_or_else(bad)?),
        J::Array(items) if items.iter().all(J::is_string) => Value::List(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
        ),
        J::Array(items) if items.iter().all(J::is_object) => {
            let mut out = Vec::new();
            for item in items {
                let J::Object(map) = item else {
                    return Err(bad());
                };
                // `name` first: it shares the line of the item's dash.
                let mut pairs: Vec<(String, Value)> = Vec::new();
                for (k, v) in map.iter().filter(|(_, v)| !v.is_null()) {
                    let pair = (k.clone(), value(field, v)?);
                    if k == "name" {
                        pairs.insert(0, pair);
                    } else {
                        pairs.push(pair);
                    }
                }
                if !pairs.is_empty() {
                    out.push(pairs);
                }
            }
            Value::Items(out)
        }
        _ => return Err(bad()),
    })
}

/// Where the body starts: after the line closing the front matter.
pub fn body_start(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let mut offset = lines.next()?.len();
    for line in lines {
        offset += line.len();
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some(offset);
        }
    }
    None
}

/// `text` with its body replaced, in the file's line endings.
fn with_body(text: &str, body: &str) -> String {
    let at = body_start(text).unwrap_or(text.len());
    let body = body.replace("\r\n", "\n");
    let body = if text.starts_with("---\r\n") {
        body.replace('\n', "\r\n")
    } else {
        body
    };
    format!("{}{body}", &text[..at])
}

/// The site modelled as a build models it from the files on disk, with
/// `text` in place of the file `rel` (a document of `kind`, read as the
/// build reads a file), its previews' base URL the desk's; every problem
/// found goes to `diagnostics`. With `drafts`, drafts are in and their
/// errors are errors, as for `check` and `build --drafts` (an article
/// being edited); without, as for a plain `build` (a bulletin, which lists
/// published articles only).
pub fn modelled(
    desk: &Desk,
    rel: &str,
    text: &str,
    kind: crate::load::DocKind,
    drafts: bool,
    diagnostics: &Diagnostics,
) -> Result<Site, Failure> {
    use crate::load;
    let root = &desk.root;
    let mut config = crate::config::Config::load(root)?;
    config.set_base_url(&desk.base_url)?;
    let mut loaded = load::load(root, &crate::config::site_links(root), diagnostics);
    let content_path = rel.strip_prefix("content/").unwrap_or(rel);
    loaded.docs.retain(|d| d.content_path != content_path);
    let path = PathBuf::from(rel);
    let doc = load::decode(text.as_bytes(), &path)
        .and_then(|t| load::split_front_matter(t, &path, kind, content_path));
    match doc {
        Ok(doc) => loaded.docs.push(doc),
        Err(d) => diagnostics.push(d),
    }
    let options = crate::model::Options {
        drafts,
        now: jiff::Timestamp::now(),
        strict: drafts,
    };
    Ok(Site::new(
        config,
        loaded,
        &options,
        diagnostics,
        &crate::memo::Memo::off(),
    ))
}

/// The site as a build with drafts sees it, with `text` as the file
/// `rel`, its article's Markdown rendered; every problem found goes to
/// `diagnostics`. Also the index of the article, if it could be made.
pub fn site_with(
    desk: &Desk,
    rel: &str,
    text: &str,
    diagnostics: &Diagnostics,
) -> Result<(Site, Option<usize>), Failure> {
    // Drafts in, and their errors errors: the desk shows what `check` and
    // `build --drafts` say of the article.
    let mut site = modelled(
        desk,
        rel,
        text,
        crate::load::DocKind::Article,
        true,
        diagnostics,
    )?;
    let content_path = rel.strip_prefix("content/").unwrap_or(rel);
    let index = site
        .articles
        .iter()
        .position(|a| a.content_path == content_path);
    if let Some(i) = index {
        let Site {
            articles,
            assets,
            config,
            ..
        } = &mut site;
        let links = crate::render::ArticleLinks::from_paths(
            articles
                .iter()
                .map(|a| (a.content_path.clone(), a.path.clone())),
            assets,
            config,
        );
        let (body, problems) = links.render(&mut articles[i], &crate::memo::Memo::off());
        diagnostics.extend(problems);
        links.fill(&mut articles[i], body);
    }
    site.claims = crate::model::claims::Claims::new(&site, diagnostics);
    Ok((site, index))
}

/// The problems of the file `rel` among `all`, as the desk shows them.
pub fn diagnostics_json(rel: &str, text: &str, all: &[Diagnostic]) -> Vec<serde_json::Value> {
    let body_line = body_start(text).map(|at| text[..at].matches('\n').count() + 1);
    all.iter()
        .filter(|d| d.location.file == Path::new(rel))
        .map(|d| {
            // A missing field's place says nothing of which it is.
            let field = match (&d.field, d.location.line, body_line) {
                (Some(field), _, _) => Some(field.to_string()),
                (None, Some(line), Some(body)) if line >= body => Some("body".to_string()),
                (None, Some(line), _) => field_at(text, line),
                _ => None,
            };
            let mut json = super::diagnostic_json(d);
            json.insert("field".into(), field.into());
            serde_json::Value::Object(json)
        })
        .collect()
}

/// The top-level front-matter field whose lines hold line `line` (1-based).
fn field_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .skip(1)
        .filter_map(edit::key_of)
        .last()
        .map(str::to_string)
}

/// Checks `w.text`: (every problem of the file, whether any is an error).
pub fn check_text(desk: &Desk, w: &WouldBe) -> Result<(Vec<serde_json::Value>, bool), Failure> {
    let diagnostics = Diagnostics::default();
    site_with(desk, &w.rel, &w.text, &diagnostics)?;
    let all = diagnostics.take();
    let found = diagnostics_json(&w.rel, &w.text, &all);
    let errors = found.iter().any(|d| d["severity"] == "error");
    Ok((found, errors))
}

/// `POST api/check`.
pub async fn check(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let payload: Payload = parse_json(&body)?;
        let w = would_be(&desk, &payload)?;
        let (found, _) = check_text(&desk, &w)?;
        Ok(serde_json::json!({ "path": w.rel, "diagnostics": found, "text": w.text }))
    })
    .await
}

/// `POST api/preview`: the article's page as `build` renders it, with a
/// `<base>` so that its pictures and links resolve in the preview.
pub async fn preview(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let payload: Payload = parse_json(&body)?;
        let w = would_be(&desk, &payload)?;
        let diagnostics = Diagnostics::default();
        let (site, index) = site_with(&desk, &w.rel, &w.text, &diagnostics)?;
        let found = diagnostics_json(&w.rel, &w.text, &diagnostics.take());
        let Some(i) = index else {
            return Ok(serde_json::json!({ "html": null, "diagnostics": found }));
        };
        let html = render_article(&desk, &site, i)?;
        Ok(serde_json::json!({ "html": html, "diagnostics": found }))
    })
    .await
}

/// The page of article `i` of `site`, as the theme renders it.
fn render_article(desk: &Desk, site: &Site, i: usize) -> Result<Option<String>, Failure> {
    let diagnostics = Diagnostics::default();
    let tera = desk.templates(&site.config.theme)?;
    let sink = Capture::default();
    let pages = crate::render::pages::Pages::new(&desk.root, site, &tera, &sink, &diagnostics);
    let a = &site.articles[i];
    pages.article(a);
    let html = sink.0.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(html.map(|bytes| {
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let base = format!(
            "<base href=\"{}{}\">",
            desk.base_url.trim_end_matches('/'),
            html_escape::encode_double_quoted_attribute(&a.path)
        );
        match html
            .find("<head")
            .and_then(|h| html[h..].find('>').map(|e| h + e + 1))
        {
            Some(at) => format!("{}{base}{}", &html[..at], &html[at..]),
            None => html,
        }
    }))
}

/// A sink that keeps the one page it is given.
#[derive(Default)]
struct Capture(std::sync::Mutex<Option<Vec<u8>>>);

impl crate::render::sink::Sink for Capture {
    fn write(&self, path: &str, bytes: &[u8]) -> crate::error::Result<()> {
        if path.ends_with(".html") {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(bytes.to_vec());
        }
        Ok(())
    }
    fn copy(&self, _path: &str, _from: &Path) -> crate::error::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_replaced_in_the_files_line_endings() {
        let text = "---\r\ntitle: a\r\n---\r\nold\r\n";
        assert_eq!(
            with_body(text, "new\nlines\n"),
            "---\r\ntitle: a\r\n---\r\nnew\r\nlines\r\n"
        );
        assert_eq!(
            with_body("---\na: b\n...\nx\n", "y\n"),
            "---\na: b\n...\ny\n"
        );
    }

    #[test]
    fn a_line_belongs_to_the_field_above_it() {
        let text = "---\ntitle: a\ntags:\n  - x\n  - y\nkind: news\n---\nbody\n";
        assert_eq!(field_at(text, 2).as_deref(), Some("title"));
        assert_eq!(field_at(text, 5).as_deref(), Some("tags"));
        assert_eq!(field_at(text, 6).as_deref(), Some("kind"));
        assert_eq!(body_start(text), Some(text.find("body").unwrap()));
    }

    #[test]
    fn awards_go_with_their_name_first() {
        let v = serde_json::json!([{"recipients": ["张三"], "name": "大国工匠", "count": 3}]);
        let Value::Items(items) = value("awards", &v).unwrap() else {
            panic!()
        };
        assert_eq!(items[0][0].0, "name");
        assert!(value("x", &serde_json::json!({"a": 1})).is_err());
        assert!(value("x", &serde_json::json!(1.5)).is_err());
    }
}
