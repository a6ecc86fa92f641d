//! `POST api/save`: the edit written to the file, never losing work.
//!
//! - The file must still be what the editor opened (its SHA-256, the
//!   `version` the desk was given): if someone changed it on disk since,
//!   nothing is written and both texts go back (409), for the editor to
//!   choose.
//! - A text with errors is saved only as a draft (`draft: true`), which a
//!   plain `build` leaves out with its errors as warnings (422 otherwise,
//!   with the problems).
//! - The file is replaced atomically; a new article never replaces a file.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::draft::{Payload, WouldBe, body_start, check_text, would_be};
use super::{Answer, Desk, Failure, blocking, parse_json, paths, version_of};

/// Whether `text`'s front matter says `draft: true`.
pub fn is_draft(text: &str) -> bool {
    let front = &text[..body_start(text).unwrap_or(text.len())];
    crate::model::marked_draft(&front.replace('\r', ""))
}

/// `POST api/save`.
pub async fn save(State(desk): State<Arc<Desk>>, body: Bytes) -> Response {
    blocking(move || -> Answer {
        let payload: Payload = parse_json(&body)?;
        let w = would_be(&desk, &payload)?;
        let (found, errors) = check_text(&desk, &w)?;
        if errors && !is_draft(&w.text) {
            return Err(Failure {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                body: serde_json::json!({
                    "error": crate::t!("desk-save-errors"),
                    "diagnostics": found,
                }),
            });
        }
        let version = write(&desk, &w, payload.version.as_deref())?;
        Ok(serde_json::json!({ "path": w.rel, "version": version, "diagnostics": found }))
    })
    .await
}

/// Writes `w` if the file is still at `opened` (or, new, is not there);
/// returns the new version.
pub fn write(desk: &Desk, w: &WouldBe, opened: Option<&str>) -> Result<String, Failure> {
    let _one_at_a_time = desk.write_lock();
    let bytes = w.text.as_bytes();
    match &w.disk {
        Some(_) => {
            // Read again under the lock: the bytes the edit started from
            // may be older than what is on disk now.
            let now = std::fs::read(&w.abs).map_err(|e| Failure::io(&w.abs, &e))?;
            let disk_version = version_of(&now);
            if opened != Some(disk_version.as_str()) {
                return Err(conflict(w, &now, &disk_version));
            }
            if !paths::stays_inside(&desk.root, &w.abs) {
                return Err(Failure::refused(crate::t!(
                    "desk-path-refused",
                    path = w.rel.as_str()
                )));
            }
            paths::replace(&w.abs, bytes).map_err(|e| Failure::io(&w.abs, &e))?;
        }
        None => {
            // The folder is made only where it stays inside the site.
            if !paths::stays_inside(&desk.root, &w.abs) {
                return Err(Failure::refused(crate::t!(
                    "desk-path-refused",
                    path = w.rel.as_str()
                )));
            }
            paths::create(&w.abs, bytes).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Failure::new(
                    StatusCode::CONFLICT,
                    crate::t!("desk-exists", path = w.rel.as_str()),
                ),
                _ => Failure::io(&w.abs, &e),
            })?;
        }
    }
    Ok(version_of(bytes))
}

/// 409: the file changed on disk since the editor opened it.
fn conflict(w: &WouldBe, disk: &[u8], disk_version: &str) -> Failure {
    Failure {
        status: StatusCode::CONFLICT,
        body: serde_json::json!({
            "error": crate::t!("desk-conflict", path = w.rel.as_str()),
            "disk_text": String::from_utf8_lossy(disk),
            "disk_version": disk_version,
            "your_text": w.text,
        }),
    }
}
