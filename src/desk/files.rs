//! Files the desk adds and takes away: pictures uploaded beside an article,
//! and the trash.
//!
//! An upload is refused before anything is stored when it is larger than
//! `images.max_bytes` (its `Content-Length`, then the bytes as they come),
//! when its name has a path in it or is not a picture's, and — once held
//! in a hidden file beside the article, which the loader ignores — when
//! its header declares more than `images.max_pixels` or another format
//! than its name says (the pictures' own check, `images::plan`).
//!
//! The desk never deletes: "delete" moves the file to
//! `.unionpress-trash/<time>/<its path>` in the site's folder (outside
//! `content/`, so no build reads it), from where it can be put back.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Answer, Desk, Failure, blocking, parse_json, paths, query_value};

/// The trash folder, in the site's folder.
pub const TRASH: &str = ".unionpress-trash";

/// The file types an editor may upload: pictures the build publishes.
const UPLOADS: &[&str] = &["jpg", "jpeg", "png", "webp", "gif"];

/// `name` if it is a plain file name of an uploadable type.
fn upload_name(name: &str) -> Result<&str, Failure> {
    let refused = || Failure::refused(crate::t!("desk-bad-upload-name", name = name));
    let plain = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.chars().any(char::is_control);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !plain || !ext.is_some_and(|e| UPLOADS.contains(&e.as_str())) {
        return Err(refused());
    }
    Ok(name)
}

/// The folder an upload goes to: the article's (`content/…/x.md`) or a
/// section's (`articles/2024`, with or without `content/`).
fn upload_dir(root: &Path, article: &str) -> Result<(String, PathBuf), Failure> {
    let rel = if article.ends_with(".md") {
        article
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir)
            .to_string()
    } else {
        let dir = article.trim_matches('/');
        if dir.starts_with("content/") {
            dir.to_string()
        } else {
            format!("content/{dir}")
        }
    };
    let abs = paths::content_path(root, &rel)?;
    Ok((rel, abs))
}

/// `POST api/upload?article=…&name=…`, the picture's bytes as the body.
pub async fn upload(State(desk): State<Arc<Desk>>, request: Request) -> Response {
    let query = request.uri().query().map(str::to_string);
    let article = query_value(query.as_deref(), "article").unwrap_or_default();
    let name = query_value(query.as_deref(), "name").unwrap_or_default();
    let checked = {
        let desk = desk.clone();
        tokio::task::spawn_blocking(move || -> Result<_, Failure> {
            let name = upload_name(&name)?.to_string();
            let (rel, dir) = upload_dir(&desk.root, &article)?;
            let config = crate::config::Config::load(&desk.root)?;
            Ok((name, rel, dir, config.images))
        })
        .await
    };
    let (name, rel, dir, images) = match checked {
        Ok(Ok(v)) => v,
        Ok(Err(f)) => return f.into_response(),
        Err(e) => return Failure::bad(e.to_string()).into_response(),
    };
    let too_large = |bytes: u64| {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::t!(
                "desk-upload-too-large",
                name = name.as_str(),
                mb = (bytes >> 20).to_string(),
                limit = (images.max_bytes >> 20).to_string()
            ),
        )
        .into_response()
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = declared.filter(|&n| n > images.max_bytes) {
        return too_large(n);
    }
    let limit = usize::try_from(images.max_bytes).unwrap_or(usize::MAX);
    let bytes = match axum::body::to_bytes(request.into_body(), limit).await {
        Ok(bytes) => bytes,
        Err(_) => return too_large(images.max_bytes + 1),
    };
    blocking(move || store(&desk, &rel, &dir, &name, &bytes, &images)).await
}

/// Keeps the upload as `dir/name` if the pictures' limits allow it.
fn store(
    desk: &Desk,
    rel: &str,
    dir: &Path,
    name: &str,
    bytes: &Bytes,
    images: &crate::config::Images,
) -> Answer {
    let target = dir.join(name);
    let site_path = format!("{rel}/{name}");
    let _one_at_a_time = desk.write_lock();
    if !paths::stays_inside(&desk.root, &target) {
        return Err(Failure::refused(crate::t!(
            "desk-path-refused",
            path = site_path.as_str()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, &e))?;
    // Held where the loader does not look while its header is read.
    let held = dir.join(format!(".{name}.upload-{}", std::process::id()));
    let hold = std::fs::write(&held, bytes).map_err(|e| Failure::io(&held, &e));
    let checked = hold.and_then(|()| {
        if crate::images::is_processed(name) {
            crate::images::plan(&held, name, images).map_err(|refusal| {
                let (message, help) = refusal.message(&site_path);
                Failure::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("{message}\n{help}"),
                )
            })?;
        }
        Ok(())
    });
    let linked = checked.and_then(|()| match std::fs::hard_link(&held, &target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if std::fs::read(&target).is_ok_and(|b| b == bytes.as_ref()) {
                Ok(())
            } else {
                Err(Failure::new(
                    StatusCode::CONFLICT,
                    crate::t!("desk-exists", path = site_path.as_str()),
                ))
            }
        }
        Err(e) => Err(Failure::io(&target, &e)),
    });
    let _ = std::fs::remove_file(&held);
    linked?;
    Ok(serde_json::json!({ "name": name, "path": site_path }))
}

#[derive(Deserialize)]
struct Delete {
    path: String,
}

/// `POST api/delete {path}`: into the trash.
pub async fn delete(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let Delete { path } = parse_json(&body)?;
        let from = paths::content_path(&desk.root, &path)?;
        let _one_at_a_time = desk.write_lock();
        let meta = std::fs::symlink_metadata(&from).map_err(|e| Failure::io(&from, &e))?;
        if !meta.is_file() {
            return Err(Failure::refused(crate::t!(
                "desk-path-refused",
                path = path.as_str()
            )));
        }
        let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S%.3f").to_string();
        let mut n = 0;
        let trash_path = loop {
            let folder = if n == 0 {
                stamp.clone()
            } else {
                format!("{stamp}-{n}")
            };
            let candidate = format!("{folder}/{path}");
            if !desk.root.join(TRASH).join(&candidate).exists() {
                break candidate;
            }
            n += 1;
        };
        let to = desk.root.join(TRASH).join(&trash_path);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, &e))?;
        }
        std::fs::rename(&from, &to).map_err(|e| Failure::io(&from, &e))?;
        Ok(serde_json::json!({ "path": path, "trash_path": trash_path }))
    })
    .await
}

/// `GET api/trash`: what is in the trash, newest first.
pub async fn trash(State(desk): State<Arc<Desk>>) -> Response {
    blocking(move || -> Answer {
        let dir = desk.root.join(TRASH);
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if let Some((stamp, path)) = rel.split_once('/') {
                found
                    .push(serde_json::json!({ "trash_path": rel, "path": path, "deleted": stamp }));
            }
        }
        found.sort_by(|a, b| b["trash_path"].as_str().cmp(&a["trash_path"].as_str()));
        Ok(serde_json::Value::Array(found))
    })
    .await
}

#[derive(Deserialize)]
struct Restore {
    trash_path: String,
}

/// `POST api/restore {trash_path}`: back where it was, if nothing is there.
pub async fn restore(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let Restore { trash_path } = parse_json(&body)?;
        let refused =
            || Failure::refused(crate::t!("desk-path-refused", path = trash_path.as_str()));
        let (stamp, path) = trash_path.split_once('/').ok_or_else(refused)?;
        if stamp.is_empty() || stamp.contains(['\\', '\0']) || stamp.starts_with('.') {
            return Err(refused());
        }
        let to = paths::content_path(&desk.root, path)?;
        let from = desk.root.join(TRASH).join(stamp).join(path);
        let _one_at_a_time = desk.write_lock();
        if !std::fs::symlink_metadata(&from).is_ok_and(|m| m.is_file()) {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                crate::t!("desk-no-article", path = trash_path.as_str()),
            ));
        }
        if std::fs::symlink_metadata(&to).is_ok() {
            return Err(Failure::new(
                StatusCode::CONFLICT,
                crate::t!("desk-exists", path = path),
            ));
        }
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, &e))?;
        }
        std::fs::rename(&from, &to).map_err(|e| Failure::io(&from, &e))?;
        Ok(serde_json::json!({ "path": path }))
    })
    .await
}
