//! The preview's HTTP side: files from the preview folder with pretty URLs,
//! the site's 404 page, and the live-reload endpoints under `/__unionpress/`.
//!
//! An axum router on one small tokio runtime of its own: live-reload
//! streams stay open for as long as a tab does, and the search client reads
//! parts of its files with `Range` requests, which tower-http's `ServeFile`
//! answers (206, `Content-Range`, 416, conditional requests) as a static
//! host does. Every request first passes [`guard`], the one layer in front
//! of every route: it answers only requests addressed to this machine (a
//! web page the editor visits could otherwise read the preview through DNS
//! rebinding) and marks every response `no-store`.
//!
//! Paths are decoded once and refused if they could leave the folder (`..`,
//! encoded `/` or `\`, NUL), before the disk is touched.
//!
//! The reload script is added only here, to HTML as it is served, so the
//! files of `build` never carry it. It is an external file because pages
//! carry a Content-Security-Policy that allows no inline script.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{StreamExt, stream};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use super::preview::{Preview, PreviewState};
use crate::desk::Desk;

/// The script that listens for rebuilds and shows the error overlay.
pub const RELOAD_JS: &str = include_str!("reload.js");
/// Where the preview's own endpoints live; no site page can be there.
pub const PREFIX: &str = "/__unionpress/";
/// The names this machine answers to, whatever the port.
pub const LOCAL_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// What every handler shares.
#[derive(Clone)]
struct Shared {
    live: Arc<Preview>,
    /// Host names answered besides [`LOCAL_HOSTS`], lower-cased.
    hosts: Arc<[String]>,
}

/// The preview's routes and the editors' desk (`desk`, under
/// [`crate::desk::PREFIX`]), behind [`guard`]. `allowed_hosts` are the
/// names answered besides [`LOCAL_HOSTS`] (`serve --allow-host`).
pub fn router(live: Arc<Preview>, allowed_hosts: &[String], desk: Option<Arc<Desk>>) -> Router {
    let shared = Shared {
        live,
        hosts: allowed_hosts
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
    };
    let preview = Router::new()
        .route("/__unionpress/reload.js", get(reload_js))
        .route("/__unionpress/status", get(status))
        .route("/__unionpress/events", get(events))
        .fallback(site_file)
        .with_state(shared.clone());
    let app = match desk {
        Some(desk) => preview.merge(crate::desk::router(desk)),
        None => preview,
    };
    app.layer(middleware::from_fn_with_state(shared, guard))
}

/// Serves `listener` on a thread of its own until `live` is stopped; the
/// thread ends once every connection is closed or dropped.
pub fn spawn(
    listener: std::net::TcpListener,
    live: Arc<Preview>,
    allowed_hosts: &[String],
    desk: Option<Arc<Desk>>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    // One thread: the preview serves one editor's tabs, and file reads go
    // to tokio's blocking pool.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let app = router(live.clone(), allowed_hosts, desk);
    Ok(std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener = match tokio::net::TcpListener::from_std(listener) {
                Ok(listener) => listener,
                Err(e) => {
                    return eprintln!(
                        "{}: {}",
                        crate::t!("label-error"),
                        crate::t!("serve-cannot-start", reason = e.to_string())
                    );
                }
            };
            let mut state = live.subscribe();
            let stopped = state.wait_for(|s| s.stopping);
            let server = axum::serve(listener, app).into_future();
            futures_util::future::select(std::pin::pin!(server), std::pin::pin!(stopped)).await;
        });
        // Open live-reload streams and keep-alive connections are dropped.
        runtime.shutdown_timeout(Duration::from_secs(1));
    }))
}

/// The layer every route passes: refuses requests for another host and
/// any method but GET and HEAD (POST is the desk's, which checks its token
/// and the request's origin itself), and forbids caching what it answers
/// (the preview changes with every save).
async fn guard(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    let host = request
        .uri()
        .authority()
        .map(|a| a.as_str())
        .or_else(|| request.headers().get(header::HOST)?.to_str().ok());
    let mut response = if !host.is_some_and(|h| allowed_host(h, &shared.hosts)) {
        text(StatusCode::FORBIDDEN, crate::t!("serve-wrong-host") + "\n")
    } else if request.method() != Method::GET
        && request.method() != Method::HEAD
        && !(request.method() == Method::POST
            && request.uri().path().starts_with(crate::desk::PREFIX))
    {
        text(
            StatusCode::METHOD_NOT_ALLOWED,
            crate::t!("serve-wrong-method") + "\n",
        )
    } else {
        next.run(request).await
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether `host` (a `Host` header: a name, then maybe `:port`) is one of
/// [`LOCAL_HOSTS`] or of `allowed` (lower-cased).
pub fn allowed_host(host: &str, allowed: &[String]) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inner, port)) if port.is_empty() || port.starts_with(':') => {
                &host[..inner.len() + 2]
            }
            _ => return false,
        },
        None => host.split(':').next().unwrap_or_default(),
    };
    let name = name.to_ascii_lowercase();
    LOCAL_HOSTS.contains(&name.as_str()) || allowed.contains(&name)
}

fn text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn reload_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        RELOAD_JS,
    )
        .into_response()
}

async fn status(State(shared): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        status_json(&shared.live),
    )
        .into_response()
}

/// A file of the site, or of the search index being served.
async fn site_file(State(shared): State<Shared>, request: Request) -> Response {
    let live = shared.live.clone();
    let path = request.uri().path().to_string();
    // Resolving looks at the disk (folders, symlinks): off the runtime.
    let resolved = tokio::task::spawn_blocking(move || resolve_live(&live, &path)).await;
    match resolved.unwrap_or(Resolved::NotFound) {
        Resolved::File(file) => file_response(&shared.live, &file, StatusCode::OK, request).await,
        Resolved::Redirect(to) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
        }
        Resolved::NotFound => {
            let page = shared.live.dir.join("404.html");
            file_response(&shared.live, &page, StatusCode::NOT_FOUND, request).await
        }
        Resolved::Refused => text(
            StatusCode::BAD_REQUEST,
            crate::t!("serve-path-refused") + "\n",
        ),
    }
}

/// `file` with its type: HTML as served in the preview (see [`inject`],
/// [`pin_search`]), anything else through `ServeFile`, which answers
/// `Range` and conditional requests.
async fn file_response(
    live: &Preview,
    file: &Path,
    status: StatusCode,
    request: Request,
) -> Response {
    let kind = content_type(file);
    if !kind.starts_with("text/html") {
        // Several ranges in one request would need a multipart answer,
        // which ServeFile does not make: the whole file is a valid answer.
        let serve = ServeFile::new(file).ignore_multi_range_requests(true);
        let mut response = match serve.oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        };
        if response.status().is_success() {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
        }
        return response;
    }
    let bytes = match tokio::fs::read(file).await {
        Ok(bytes) => bytes,
        // Deleted by a rebuild since it was found.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return text(StatusCode::NOT_FOUND, crate::t!("serve-no-404") + "\n");
        }
        Err(e) => {
            let reason = e.to_string();
            let message = crate::t!("serve-cannot-read", reason = reason);
            return text(StatusCode::INTERNAL_SERVER_ERROR, message + "\n");
        }
    };
    let state = live.snapshot();
    let html = inject(&String::from_utf8_lossy(&bytes), state.generation);
    let html = pin_search(&html, state.search_version);
    (status, [(header::CONTENT_TYPE, kind)], html).into_response()
}

/// Adds the reload script to a served page, tagged with the build it came
/// from so that a tab opened just before a rebuild still reloads.
pub fn inject(html: &str, generation: u64) -> String {
    let tag = format!("<script src=\"{PREFIX}reload.js?g={generation}\" defer></script>");
    match html.rfind("</head>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

/// Where the search index of version `v` is served: a page gets the
/// version that was complete when it was served, and keeps reading that one
/// even if a newer index is switched in meanwhile.
pub const SEARCH_PREFIX: &str = "/__unionpress/search/";

/// Points the search page at the index version `version` (0: none yet),
/// so that its reads never mix two indexes. Pages are served with base
/// path `/` in the preview.
pub fn pin_search(html: &str, version: u64) -> String {
    // The theme writes `{{ base_path }}search/`, which Tera escapes. The
    // index is named where the page's script finds it (`data-index`) and
    // where the page preloads its first files (`href="/search/<file>"`); a
    // link to the search page itself (`href="/search/"`) stays as it is.
    const INDEX: [&str; 4] = [
        "data-index=\"/search/",
        "data-index=\"&#x2F;search/",
        "href=\"/search/",
        "href=\"&#x2F;search/",
    ];
    if version == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some((at, found)) = INDEX
        .iter()
        .filter_map(|i| rest.find(i).map(|at| (at, *i)))
        .min()
    {
        let after = &rest[at + found.len()..];
        let attribute = &found[..found.find('"').unwrap_or(0)];
        out.push_str(&rest[..at]);
        if attribute == "href=" && after.starts_with('"') {
            out.push_str(found);
        } else {
            out.push_str(&format!("{attribute}\"{SEARCH_PREFIX}{version}/"));
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// [`resolve`] for the live preview: the search index's files come from
/// the complete index being served, never from `search/` while a rebuild
/// rewrites it.
fn resolve_live(live: &Preview, path: &str) -> Resolved {
    if let Some(rest) = path.strip_prefix(SEARCH_PREFIX) {
        let Some((v, rest)) = rest.split_once('/') else {
            return Resolved::NotFound;
        };
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Resolved::NotFound;
        }
        return resolve(&live.search_versions.join(v), &format!("/{rest}"));
    }
    if let (Some(rest), Some((_, dir))) = (path.strip_prefix("/search/"), live.search_dir())
        && !rest.is_empty()
        && let found @ Resolved::File(_) = resolve(&dir, &format!("/{rest}"))
    {
        return found;
    }
    resolve(&live.dir, path)
}

/// The last build as JSON: what the overlay shows.
pub fn status_json(live: &Preview) -> String {
    let s = live.snapshot();
    let problems: Vec<serde_json::Value> = s
        .problems
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "file": d.location.file.to_string_lossy().replace('\\', "/"),
                "line": d.location.line,
                "column": d.location.column,
                "location": d.location.to_string(),
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    let errors = s.problems.iter().filter(|d| d.is_error()).count();
    serde_json::json!({
        "ok": s.ok(),
        "generation": s.generation,
        "search_ready": s.search_ready,
        "search_version": s.search_version,
        "problems": problems,
        // The overlay's own words, in the language of the messages.
        "words": {
            "heading": crate::t!("serve-overlay-heading", errors = errors),
            "error": crate::t!("label-error"),
            "warning": crate::t!("label-warning"),
            "help": crate::t!("label-help"),
            "close": crate::t!("serve-overlay-close"),
        },
    })
    .to_string()
}

/// A Server-Sent Events stream: `hello` at once, then `reload` after each
/// good build or `problem` after a failed one, `search` when the search
/// index of the last good build is complete; a comment every 15 s finds
/// tabs that have gone away. It ends when the server stops.
async fn events(State(shared): State<Shared>) -> Response {
    let mut changes = shared.live.subscribe();
    let first = changes.borrow_and_update().clone();
    let hello = Event::default()
        .retry(Duration::from_millis(500))
        .event("hello")
        .data(event_data(&first));
    let later = stream::unfold((changes, first), |(mut changes, seen)| async move {
        loop {
            changes.changed().await.ok()?;
            let now = changes.borrow_and_update().clone();
            if now.stopping {
                return None;
            }
            let kind = if now.generation != seen.generation {
                if now.ok() { "reload" } else { "problem" }
            } else if now.search_version != seen.search_version {
                "search"
            } else {
                continue;
            };
            let event = Event::default().event(kind).data(event_data(&now));
            return Some((event, (changes, now)));
        }
    });
    let events = stream::once(async { hello }).chain(later);
    Sse::new(events.map(Ok::<_, std::convert::Infallible>))
        .keep_alive(
            KeepAlive::new()
                .interval(Duration::from_secs(15))
                .text("still here"),
        )
        .into_response()
}

fn event_data(s: &PreviewState) -> String {
    serde_json::json!({
        "generation": s.generation,
        "ok": s.ok(),
        "search_ready": s.search_ready,
    })
    .to_string()
}

/// Where a request path leads in the preview folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its slash: send the browser there.
    Redirect(String),
    NotFound,
    /// The path could leave the folder; nothing is looked up.
    Refused,
}

/// Maps a URL path to a file under `dir`: `/a/` → `a/index.html`.
pub fn resolve(dir: &Path, path: &str) -> Resolved {
    if !path.starts_with('/') {
        return Resolved::Refused;
    }
    let lower = path.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Resolved::Refused;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Refused;
    };
    let rel = decoded.trim_start_matches('/');
    if decoded.contains('\\')
        || decoded.contains('\0')
        || rel.split('/').any(|s| s == ".." || s == ".")
    {
        return Resolved::Refused;
    }
    // Our own temporary files and markers start with a dot: never served.
    if rel.split('/').any(|s| s.starts_with('.')) {
        return Resolved::NotFound;
    }
    let mut file = dir.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file = file.join("index.html");
    } else if file.is_dir() {
        return Resolved::Redirect(format!("{path}/"));
    }
    // A symlink could still point out: the file must really be inside.
    match (file.canonicalize(), dir.canonicalize()) {
        (Ok(f), Ok(d)) if f.starts_with(&d) && f.is_file() => Resolved::File(f),
        (Ok(_), Ok(_)) => Resolved::Refused,
        _ => Resolved::NotFound,
    }
}

/// `%XX` decoded; `None` if the result is not UTF-8 or an escape is broken
/// (a `%` not followed by two hex digits: `%+5` is not the byte 5).
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let broken = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if broken {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// A site path that stays inside the folder it is written to.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// The Content-Type for a file, from its extension.
pub fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/..%2fx",
            "/a%5c..%5cx",
            "/%00",
            "/a\\b",
            "/./index.html",
        ] {
            assert_eq!(resolve(dir.path(), bad), Resolved::Refused, "{bad}");
        }
        assert!(matches!(resolve(dir.path(), "/"), Resolved::File(_)));
    }

    /// Guards the hand-written decoder this replaced: `u8::from_str_radix`
    /// takes a sign, so `%+5` decoded to the byte 5.
    #[test]
    fn a_sign_after_percent_is_a_broken_escape() {
        assert_eq!(percent_decode("/a%+5"), None);
        assert_eq!(percent_decode("/a%-5"), None);
        assert_eq!(percent_decode("/a%4"), None);
        assert_eq!(percent_decode("/a%"), None);
        assert_eq!(percent_decode("/a%41%e5%b7%a5").as_deref(), Some("/aA工"));
        assert_eq!(percent_decode("/%ff"), None);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(resolve(dir.path(), "/%+5"), Resolved::Refused);
    }

    #[test]
    fn script_goes_before_head_end() {
        let out = inject("<html><head><title>t</title></head><body></body></html>", 3);
        assert!(out.contains("<script src=\"/__unionpress/reload.js?g=3\" defer></script></head>"));
    }

    #[test]
    fn only_local_names_and_the_allowed_ones_are_answered() {
        let allowed = ["preview.lan".to_string(), "[fd00::1]".to_string()];
        for good in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LOCALHOST:8080",
            "[::1]",
            "[::1]:1111",
            "preview.lan",
            "Preview.LAN:1111",
            "[fd00::1]:80",
        ] {
            assert!(allowed_host(good, &allowed), "{good}");
        }
        for bad in [
            "evil.com",
            "evil.com:1111",
            "localhost.evil.com",
            "127.0.0.1.evil.com",
            "[::1]evil",
            "[::2]",
            "",
            "preview.lan.evil.com",
        ] {
            assert!(!allowed_host(bad, &allowed), "{bad}");
        }
    }
}
