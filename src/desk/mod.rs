//! The editors' desk: a form for every field of an article, the checks of
//! `check` as the editor types, a live preview, bulletins, publish — served
//! by `unionpress serve` under `/__unionpress/desk/` (README, "Writing with
//! the desk"; the HTTP API is listed in `api.md` beside this file's tests).
//!
//! The desk changes files, so it is guarded more than the preview: besides
//! the preview's own `guard` (this machine's names only), every request
//! needs the per-run token (`auth`), and every change also the server's own
//! `Origin`. It writes only under `content/`, never through a symbolic link
//! that leaves the site, never deletes (a trash folder the loader ignores),
//! and never overwrites a file changed on disk since the editor opened it.
//!
//! One file per job: `auth` (token, cookie, Origin), `ui` (the pages and
//! scripts of the desk), `paths` (which files may be written, atomically),
//! `articles` (reading the site and an article), `draft` (an edit applied to
//! a text, checked and previewed as `build` would), `save`, `files` (uploads
//! and the trash), `bulletins`, `publish`.

mod articles;
mod auth;
mod bulletins;
mod draft;
mod files;
mod paths;
mod publish;
mod save;
mod ui;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};

pub use auth::{COOKIE, Token};

/// Where the desk lives in the preview.
pub const PREFIX: &str = "/__unionpress/desk/";

/// What the desk's handlers share.
pub struct Desk {
    /// The site's folder, made absolute and free of symbolic links.
    pub root: PathBuf,
    pub token: Token,
    /// The preview's address (`http://127.0.0.1:PORT/`), the base URL of
    /// previews, as the preview's own pages have.
    pub base_url: String,
    /// Saves, uploads and moves to the trash one at a time: a file's
    /// version is compared and the file replaced under it.
    writing: std::sync::Mutex<()>,
    publishing: publish::Publishing,
    /// The theme's templates, parsed, with the hash of their files: parsed
    /// again only when one changed (most of a preview's time otherwise).
    templates: std::sync::Mutex<Option<(u64, Arc<tera::Tera>)>>,
}

impl Desk {
    /// The desk of the site at `root` (canonical), with a new token.
    pub fn new(root: &Path, base_url: &str) -> std::io::Result<Desk> {
        Ok(Desk {
            root: root.to_path_buf(),
            token: Token::new()?,
            base_url: base_url.to_string(),
            writing: std::sync::Mutex::new(()),
            publishing: publish::Publishing::default(),
            templates: std::sync::Mutex::new(None),
        })
    }

    /// The address that opens the desk, token included, as `serve` prints it.
    pub fn url(&self, base: &str) -> String {
        format!(
            "{}{}?token={}",
            base.trim_end_matches('/'),
            PREFIX,
            self.token.as_str()
        )
    }

    /// The templates of `theme` as `build` parses them, kept while their
    /// files (the site's `templates/`, the theme's) are the same.
    fn templates(&self, theme: &str) -> Result<Arc<tera::Tera>, Failure> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        theme.hash(&mut h);
        for dir in [
            self.root.join("themes").join(theme).join("templates"),
            self.root.join("templates"),
        ] {
            for (name, path) in crate::render::theme::files_under(&self.root, &dir)? {
                name.hash(&mut h);
                std::fs::read(&path)
                    .map_err(|e| Failure::io(&path, &e))?
                    .hash(&mut h);
            }
        }
        let key = h.finish();
        let mut kept = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, tera)) = kept.as_ref()
            && *k == key
        {
            return Ok(tera.clone());
        }
        let diagnostics = crate::error::Diagnostics::default();
        let tera = Arc::new(crate::render::theme::templates(
            &self.root,
            theme,
            &diagnostics,
        )?);
        *kept = Some((key, tera.clone()));
        Ok(tera)
    }

    fn write_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The desk's routes; every one behind [`auth::require`].
pub fn router(desk: Arc<Desk>) -> Router {
    let api = |p: &str| format!("{PREFIX}api/{p}");
    Router::new()
        .route("/__unionpress/desk", get(auth::to_slash))
        .route(PREFIX, get(ui::page))
        .route(&format!("{PREFIX}static/{{name}}"), get(ui::file))
        .route(&api("site"), get(articles::site))
        .route(&api("articles"), get(articles::list))
        .route(&api("article"), get(articles::article))
        .route(&api("check"), post(draft::check))
        .route(&api("preview"), post(draft::preview))
        .route(&api("save"), post(save::save))
        .route(&api("upload"), post(files::upload))
        .route(&api("delete"), post(files::delete))
        .route(&api("trash"), get(files::trash))
        .route(&api("restore"), post(files::restore))
        .route(&api("registry"), post(articles::registry))
        .route(&api("bulletins"), get(bulletins::list))
        .route(&api("bulletin"), get(bulletins::bulletin))
        .route(&api("bulletin/save"), post(bulletins::save))
        .route(&api("bulletin/preview"), post(bulletins::preview))
        .route(&api("publish"), get(publish::state).post(publish::start))
        // Anything else under the desk's address is the desk's to refuse,
        // in JSON: the preview's file server behind it would answer a
        // POST with a page.
        .route(&format!("{PREFIX}{{*rest}}"), any(no_request))
        .method_not_allowed_fallback(wrong_method)
        // An article is at most what the loader reads (16 MiB) plus JSON's
        // escapes; uploads read their body themselves, within the
        // pictures' limit.
        .layer(DefaultBodyLimit::max(
            2 * crate::load::MAX_FILE_BYTES as usize + 4096,
        ))
        .layer(axum::middleware::from_fn_with_state(
            desk.clone(),
            auth::require,
        ))
        .with_state(desk)
}

/// A request the desk has no answer for: 404.
async fn no_request(request: Request) -> Response {
    not_answered(StatusCode::NOT_FOUND, &request)
}

/// A desk address asked with a method it does not take: 405.
async fn wrong_method(request: Request) -> Response {
    not_answered(StatusCode::METHOD_NOT_ALLOWED, &request)
}

fn not_answered(status: StatusCode, request: &Request) -> Response {
    let message = crate::t!(
        "desk-no-request",
        method = request.method().as_str(),
        path = request.uri().path()
    );
    Failure::new(status, message).into_response()
}

/// A refusal or failure, answered as `{"error": …}`.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub body: serde_json::Value,
}

impl Failure {
    pub fn new(status: StatusCode, message: String) -> Failure {
        Failure {
            status,
            body: serde_json::json!({ "error": message }),
        }
    }
    /// 400: the request itself is wrong.
    pub fn bad(message: String) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
    /// 403: a path the desk does not write.
    pub fn refused(message: String) -> Failure {
        Failure::new(StatusCode::FORBIDDEN, message)
    }
    /// 500: the disk failed.
    pub fn io(path: &Path, e: &std::io::Error) -> Failure {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::t!(
                "desk-io-failed",
                path = path.display(),
                reason = e.to_string()
            ),
        )
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        json(self.status, &self.body)
    }
}

/// A JSON answer.
pub fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        value.to_string(),
    )
        .into_response()
}

/// What a handler answers: JSON, or a failure.
pub type Answer = Result<serde_json::Value, Failure>;

/// Runs `work` (disk and model: blocking) off the server's thread, and
/// answers its JSON.
async fn blocking(work: impl FnOnce() -> Answer + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => json(StatusCode::OK, &value),
        Ok(Err(failure)) => failure.into_response(),
        Err(e) => Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::t!("desk-failed", reason = e.to_string()),
        )
        .into_response(),
    }
}

/// A request body as JSON of type `T`, or a 400 in plain words.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(body)
        .map_err(|e| Failure::bad(crate::t!("desk-bad-json", reason = e.to_string())))
}

/// The value of `name` in a query string (`a=1&b=%E5`), decoded.
pub fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| {
            let v = v.replace('+', " ");
            percent_encoding::percent_decode_str(&v)
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// A problem as the desk's answers give it: its place, how serious it is
/// and its words. The caller adds what it knows of the file (its name for
/// publish, the form's field for a draft).
pub fn diagnostic_json(d: &crate::error::Diagnostic) -> serde_json::Map<String, serde_json::Value> {
    let severity = if d.is_error() { "error" } else { "warning" };
    serde_json::Map::from_iter([
        ("line".to_string(), d.location.line.into()),
        ("column".to_string(), d.location.column.into()),
        ("location".to_string(), d.location.to_string().into()),
        ("severity".to_string(), severity.into()),
        ("message".to_string(), d.message.clone().into()),
        ("help".to_string(), d.help.clone().into()),
    ])
}

/// The hex SHA-256 of `bytes`: a file's version.
pub fn version_of(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl From<crate::error::Error> for Failure {
    /// A problem of the site as a whole (site.yaml, the theme), or the
    /// disk's: the command line's words.
    fn from(e: crate::error::Error) -> Failure {
        let status = match e {
            crate::error::Error::Io(..) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Failure::new(status, e.to_string())
    }
}
