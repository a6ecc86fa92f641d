//! Reading the site for the desk: what its pickers offer (`api/site`), the
//! list of articles (`api/articles`), one article to edit (`api/article`),
//! and a new programme or award for the registry (`api/registry`).
//!
//! Each answer reads the site from disk as a build with drafts would (the
//! preview's own build leaves drafts out), so that it is never older than
//! the files.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{Answer, Desk, Failure, blocking, parse_json, paths, query_value, version_of};
use crate::error::Diagnostics;
use crate::model::Site;

/// The site modelled with drafts, and the articles whose front matter is
/// too broken to model (their paths), so that the desk can open them too.
fn model(desk: &Desk) -> Result<(Site, Vec<String>), Failure> {
    let root = &desk.root;
    let config = crate::config::Config::load(root)?;
    let diagnostics = Diagnostics::default();
    let loaded = crate::load::load(root, &crate::config::site_links(root), &diagnostics);
    let all: Vec<String> = loaded
        .docs
        .iter()
        .filter(|d| d.kind == crate::load::DocKind::Article)
        .map(|d| d.content_path.clone())
        .collect();
    let options = crate::model::Options {
        drafts: true,
        now: jiff::Timestamp::now(),
        strict: true,
    };
    let site = Site::new(
        config,
        loaded,
        &options,
        &diagnostics,
        &crate::memo::Memo::off(),
    );
    let modelled: BTreeSet<&str> = site
        .articles
        .iter()
        .map(|a| a.content_path.as_str())
        .collect();
    let broken = all
        .iter()
        .filter(|p| !modelled.contains(p.as_str()))
        .map(|p| format!("content/{p}"))
        .collect();
    Ok((site, broken))
}

/// `GET api/site`.
pub async fn site(State(desk): State<Arc<Desk>>) -> Response {
    blocking(move || -> Answer {
        let (site, _) = model(&desk)?;
        let entries = |e: &crate::model::registry::Registered| {
            let mut names = vec![e.title.clone()];
            names.extend(e.names.iter().cloned());
            serde_json::json!({ "key": e.key, "name": e.title, "names": names })
        };
        let regions: BTreeSet<&[String]> = site
            .articles
            .iter()
            .filter(|a| !a.region.is_empty())
            .map(|a| a.region.as_slice())
            .collect();
        let mut sections: BTreeSet<String> = site.sections.iter().map(|s| s.dir.clone()).collect();
        sections.extend(
            site.articles
                .iter()
                .filter_map(|a| Some(a.content_path.rsplit_once('/')?.0.to_string())),
        );
        let titles: std::collections::HashMap<&str, &str> = site
            .sections
            .iter()
            .map(|s| (s.dir.as_str(), s.title.as_str()))
            .collect();
        let sections: Vec<serde_json::Value> = sections
            .iter()
            .map(|dir| {
                serde_json::json!({ "dir": dir, "title": titles.get(dir.as_str()).copied().unwrap_or(dir) })
            })
            .collect();
        Ok(serde_json::json!({
            "title": site.config.title,
            "language": site.config.language,
            "time_zone": site.config.timezone,
            "sections": sections,
            "programmes": site.programmes.entries.iter().map(|e| entries(e)).collect::<Vec<_>>(),
            "awards": site.awards.entries.iter().map(|e| entries(e)).collect::<Vec<_>>(),
            "regions": regions.iter().map(|r| region(r)).collect::<Vec<_>>(),
            "tags": site.tags.iter().map(|t| &t.name).collect::<Vec<_>>(),
            "people": site.people.iter().map(|t| &t.name).collect::<Vec<_>>(),
            "kinds": ["news", "feature", "diary", "photo", "brief"],
            "drafts_allowed": true,
        }))
    })
    .await
}

fn region(levels: &[String]) -> serde_json::Value {
    serde_json::json!({
        "province": levels.first(),
        "city": levels.get(1),
        "county": levels.get(2),
    })
}

/// `GET api/articles`: newest first, then those that cannot be modelled.
pub async fn list(State(desk): State<Arc<Desk>>) -> Response {
    blocking(move || -> Answer {
        let (site, broken) = model(&desk)?;
        let mut out: Vec<serde_json::Value> = site
            .articles
            .iter()
            .map(|a| {
                serde_json::json!({
                    "path": format!("content/{}", a.content_path),
                    "title": a.title,
                    "date": a.date.to_string(),
                    "draft": a.draft,
                    "scheduled": a.scheduled,
                    "kind": a.kind.as_str(),
                    "programmes": a.programmes.iter().map(|&p| &site.programmes.entries[p].key).collect::<Vec<_>>(),
                    "awards": a.awards.iter().map(|m| &site.awards.entries[m.award].key).collect::<Vec<_>>(),
                    "region": region(&a.region),
                    "year": a.date.year(),
                    "url": a.path,
                })
            })
            .collect();
        out.extend(broken.into_iter().map(|path| {
            let title = path.rsplit('/').next().unwrap_or_default().to_string();
            serde_json::json!({ "path": path, "title": title, "broken": true, "draft": true })
        }));
        Ok(serde_json::Value::Array(out))
    })
    .await
}

/// `GET api/article?path=content/…`: the text, its version, its fields as
/// JSON and its body.
pub async fn article(State(desk): State<Arc<Desk>>, request: Request) -> Response {
    let rel = query_value(request.uri().query(), "path").unwrap_or_default();
    blocking(move || -> Answer {
        let abs = super::draft::article_path(&desk.root, &rel)?;
        let bytes = paths::read_existing(&abs, &rel)?;
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| Failure::bad(crate::t!("desk-not-utf8", path = rel.as_str())))?;
        let at = super::draft::body_start(&text);
        let fields = at
            .and_then(|at| {
                let front = &text[..at];
                let first = front.find('\n')? + 1;
                let last = front.trim_end().rfind('\n')?;
                serde_yaml::from_str::<serde_json::Value>(front.get(first..last)?).ok()
            })
            .unwrap_or(serde_json::Value::Null);
        let body = at.map_or("", |at| &text[at..]);
        Ok(serde_json::json!({
            "path": rel,
            "version": version_of(&bytes),
            "fields": fields,
            "body": body,
            "text": text,
        }))
    })
    .await
}

#[derive(Deserialize)]
struct NewEntry {
    kind: String,
    key: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// `POST api/registry`: a new file `content/programmes/<key>.md` (or
/// `awards/`), never replacing one.
pub async fn registry(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let entry: NewEntry = parse_json(&body)?;
        let folder = match entry.kind.as_str() {
            "programme" => "programmes",
            "award" => "awards",
            _ => return Err(Failure::bad(crate::t!("desk-bad-value", field = "kind"))),
        };
        if !crate::slug::is_valid_slug(&entry.key) {
            return Err(Failure::bad(crate::t!("desk-bad-key", key = entry.key.as_str())));
        }
        if entry.name.trim().is_empty() {
            return Err(Failure::bad(crate::t!("desk-bad-value", field = "name")));
        }
        let rel = format!("content/{folder}/{}.md", entry.key);
        let abs = paths::content_path(&desk.root, &rel)?;
        let mut text = format!("---\ntitle: {}\n", crate::load::edit::quote(entry.name.trim()));
        let aliases: Vec<String> = entry
            .aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        if !aliases.is_empty() {
            text.push_str(&format!("names: {}\n", crate::load::edit::flow_list(&aliases)));
        }
        text.push_str("---\n");
        let _one_at_a_time = desk.write_lock();
        paths::create(&abs, text.as_bytes()).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::new(
                StatusCode::CONFLICT,
                crate::t!("desk-exists", path = rel.as_str()),
            ),
            _ => Failure::io(&abs, &e),
        })?;
        Ok(serde_json::json!({ "path": rel, "key": entry.key, "version": version_of(text.as_bytes()) }))
    })
    .await
}
