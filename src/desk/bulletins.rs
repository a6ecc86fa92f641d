//! Bulletins at the desk: the issues (`api/bulletins`), one issue
//! (`api/bulletin`), an issue saved (`api/bulletin/save`: its number, date,
//! note and line-up written into `content/bulletins/<key>.md` the way a
//! person would, with the same conflict rule as articles) and previewed
//! (`api/bulletin/preview`: its web page — which the print style sheet
//! lays out — and its e-mail, rendered by the build's code).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::draft::{WouldBe, body_start, modelled};
use super::{Answer, Desk, Failure, blocking, parse_json, paths, query_value, version_of};
use crate::error::Diagnostics;
use crate::load::edit::{self, Change, Value};
use crate::model::Site;

/// A bulletin's file: `content/bulletins/<key>.md`.
fn bulletin_path(root: &Path, rel: &str) -> Result<PathBuf, Failure> {
    let ok = rel
        .strip_prefix("content/bulletins/")
        .is_some_and(|name| !name.contains('/') && name.ends_with(".md") && name != "_index.md");
    if !ok {
        return Err(Failure::refused(crate::t!("desk-path-refused", path = rel)));
    }
    paths::content_path(root, rel)
}

/// `GET api/bulletins`: every issue, newest file name first.
pub async fn list(State(desk): State<Arc<Desk>>) -> Response {
    blocking(move || -> Answer {
        let dir = desk.root.join("content/bulletins");
        let mut out = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || !name.ends_with(".md") {
                    continue;
                }
                let rel = format!("content/bulletins/{name}");
                let fields = std::fs::read_to_string(entry.path())
                    .ok()
                    .map(|t| fields(&t))
                    .unwrap_or_default();
                out.push(serde_json::json!({
                    "path": rel,
                    "title": fields["title"],
                    "number": fields["number"],
                    "date": fields["date"],
                    "articles": fields["articles"],
                }));
            }
        }
        out.sort_by(|a, b| b["path"].as_str().cmp(&a["path"].as_str()));
        Ok(serde_json::Value::Array(out))
    })
    .await
}

/// The front matter of `text` as JSON (`null` if it does not parse).
fn fields(text: &str) -> serde_json::Value {
    body_start(text)
        .and_then(|at| {
            let front = &text[..at];
            let first = front.find('\n')? + 1;
            let last = front.trim_end().rfind('\n')?;
            serde_yaml::from_str::<serde_json::Value>(front.get(first..last)?).ok()
        })
        .unwrap_or(serde_json::Value::Null)
}

/// `GET api/bulletin?path=…`.
pub async fn bulletin(State(desk): State<Arc<Desk>>, request: Request) -> Response {
    let rel = query_value(request.uri().query(), "path").unwrap_or_default();
    blocking(move || -> Answer {
        let abs = bulletin_path(&desk.root, &rel)?;
        let bytes = paths::read_existing(&abs, &rel)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let note = body_start(&text).map_or("", |at| &text[at..]).to_string();
        Ok(serde_json::json!({
            "path": rel, "version": version_of(&bytes), "fields": fields(&text),
            "note": note, "text": text,
        }))
    })
    .await
}

/// A bulletin as the desk sends it.
#[derive(Deserialize)]
struct Issue {
    path: Option<String>,
    version: Option<String>,
    number: String,
    date: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    articles: Vec<String>,
}

/// The text `issue` would save, and where.
fn would_be(desk: &Desk, issue: &Issue) -> Result<WouldBe, Failure> {
    let (rel, base, disk) = match &issue.path {
        Some(rel) => {
            let abs = bulletin_path(&desk.root, rel)?;
            let bytes = std::fs::read(&abs).map_err(|e| Failure::io(&abs, &e))?;
            let text = String::from_utf8(bytes.clone())
                .map_err(|_| Failure::bad(crate::t!("desk-not-utf8", path = rel.as_str())))?;
            (rel.clone(), text, Some(bytes))
        }
        None => {
            let key = crate::slug::slugify(&issue.date);
            let key = if key.is_empty() {
                crate::slug::slugify(&issue.number)
            } else {
                key
            };
            let title = crate::t!("desk-bulletin-title");
            (
                format!("content/bulletins/{key}.md"),
                format!("---\ntitle: {}\n---\n\n", edit::quote(&title)),
                None,
            )
        }
    };
    let abs = bulletin_path(&desk.root, &rel)?;
    // Content paths, as the line-up lists them.
    let lineup: Vec<String> = issue
        .articles
        .iter()
        .map(|p| p.strip_prefix("content/").unwrap_or(p).to_string())
        .collect();
    let mut changes = vec![
        Change::Set("number".into(), Value::Text(issue.number.clone())),
        Change::Set("date".into(), Value::Text(issue.date.clone())),
        Change::Set("articles".into(), Value::List(lineup)),
    ];
    if let Some(t) = issue.title.as_ref().filter(|t| !t.trim().is_empty()) {
        changes.insert(0, Change::Set("title".into(), Value::Text(t.clone())));
    }
    let mut text = edit::edit(&base, &changes)
        .map_err(|_| Failure::bad(crate::t!("desk-no-front-matter", path = rel.as_str())))?;
    if let Some(note) = &issue.note {
        let at = body_start(&text).unwrap_or(text.len());
        text = format!("{}{}", &text[..at], note.replace("\r\n", "\n"));
    }
    Ok(WouldBe {
        rel,
        abs,
        disk,
        text,
    })
}

/// The site as `build` makes it, with `w.text` as the bulletin's file, its
/// texts rendered; problems go to `diagnostics`.
fn site_with(desk: &Desk, w: &WouldBe, diagnostics: &Diagnostics) -> Result<Site, Failure> {
    let mut site = modelled(
        desk,
        &w.rel,
        &w.text,
        crate::load::DocKind::Bulletin,
        false,
        diagnostics,
    )?;
    crate::render::markdown_texts(&mut site, diagnostics);
    Ok(site)
}

/// `POST api/bulletin/save`.
pub async fn save(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let issue: Issue = parse_json(&body)?;
        let w = would_be(&desk, &issue)?;
        let diagnostics = Diagnostics::default();
        site_with(&desk, &w, &diagnostics)?;
        let found = super::draft::diagnostics_json(&w.rel, &w.text, &diagnostics.take());
        if found.iter().any(|d| d["severity"] == "error") {
            return Err(Failure {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                body: serde_json::json!({ "error": crate::t!("desk-save-errors"), "diagnostics": found }),
            });
        }
        let version = super::save::write(&desk, &w, issue.version.as_deref())?;
        Ok(serde_json::json!({ "path": w.rel, "version": version, "diagnostics": found }))
    })
    .await
}

/// `POST api/bulletin/preview`: `{web, print, email, diagnostics}`.
pub async fn preview(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let issue: Issue = parse_json(&body)?;
        let w = would_be(&desk, &issue)?;
        let diagnostics = Diagnostics::default();
        let site = site_with(&desk, &w, &diagnostics)?;
        let key = w
            .rel
            .trim_start_matches("content/bulletins/")
            .trim_end_matches(".md");
        let b = site
            .bulletins
            .iter()
            .find(|b| b.key == key || b.text.source == Path::new(&w.rel));
        let (mut web, mut email) = (None, None);
        if let Some(b) = b {
            let tera = desk.templates(&site.config.theme)?;
            let sink = Pages::default();
            crate::render::pages::Pages::new(&desk.root, &site, &tera, &sink, &diagnostics)
                .bulletins();
            let files = sink.0.into_inner().unwrap_or_else(|e| e.into_inner());
            let page = crate::render::sink::file_for(&b.path);
            let mail = crate::render::sink::file_for(&crate::model::urls::bulletin_email(&b.path));
            web = files
                .iter()
                .find(|(p, _)| *p == page)
                .map(|(_, h)| h.clone());
            email = files
                .iter()
                .find(|(p, _)| *p == mail)
                .map(|(_, h)| h.clone());
        }
        let found = super::draft::diagnostics_json(&w.rel, &w.text, &diagnostics.take());
        Ok(serde_json::json!({ "web": web, "print": web, "email": email, "diagnostics": found }))
    })
    .await
}

/// A sink that keeps the HTML pages it is given.
#[derive(Default)]
struct Pages(std::sync::Mutex<Vec<(String, String)>>);

impl crate::render::sink::Sink for Pages {
    fn write(&self, path: &str, bytes: &[u8]) -> crate::error::Result<()> {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes).into_owned();
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), html));
        }
        Ok(())
    }
    fn copy(&self, _path: &str, _from: &Path) -> crate::error::Result<()> {
        Ok(())
    }
}
