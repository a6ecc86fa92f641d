//! The preview's HTTP side: files from the preview folder with pretty URLs,
//! the site's 404 page, and the live-reload endpoints under `/__unionpress/`.
//!
//! Each request gets its own thread, since live-reload streams stay open for
//! as long as a tab does; this is a preview for one editor, not a web server.
//! Paths are decoded once and refused if they could leave the folder (`..`,
//! encoded `/` or `\`, NUL), before the disk is touched.
//!
//! The reload script is added only here, to HTML as it is served, so the
//! files of `build` never carry it. It is an external file because pages
//! carry a Content-Security-Policy that allows no inline script.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use super::Live;

/// The script that listens for rebuilds and shows the error overlay.
pub const RELOAD_JS: &str = include_str!("reload.js");
/// Where the preview's own endpoints live; no site page can be there.
pub const PREFIX: &str = "/__unionpress/";

/// Serves requests until the server is unblocked.
pub fn serve(server: &Server, live: &std::sync::Arc<Live>) {
    for request in server.incoming_requests() {
        let live = live.clone();
        std::thread::spawn(move || handle(request, &live));
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn handle(request: Request, live: &Live) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let method = request.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served\n"));
        return;
    }
    let response = match path.as_str() {
        "/__unionpress/reload.js" => Response::from_data(RELOAD_JS.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
        "/__unionpress/status" => Response::from_data(status_json(live).into_bytes())
            .with_header(header("Content-Type", "application/json; charset=utf-8")),
        "/__unionpress/events" => return events(request, live),
        _ => match resolve_live(live, &path) {
            Resolved::File(file) => file_response(&file, live, 200),
            Resolved::Redirect(to) => Response::from_data(Vec::new())
                .with_status_code(StatusCode(301))
                .with_header(header("Location", &to)),
            Resolved::NotFound => file_response(&live.dir.join("404.html"), live, 404),
            Resolved::Refused => text(400, "this path is refused: it would leave the site\n"),
        },
    };
    let response = response.with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn file_response(file: &Path, live: &Live, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let Ok(bytes) = std::fs::read(file) else {
        return text(404, "not found (the site has no 404 page yet)\n");
    };
    let kind = content_type(file);
    let bytes = if kind.starts_with("text/html") {
        let state = live.snapshot();
        let html = inject(&String::from_utf8_lossy(&bytes), state.generation);
        pin_search(&html, state.search_version).into_bytes()
    } else {
        bytes
    };
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
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
    // The theme writes `{{ base_path }}search/`, which Tera escapes.
    const INDEX: [&str; 2] = ["data-index=\"/search/\"", "data-index=\"&#x2F;search/\""];
    if version == 0 || !INDEX.iter().any(|i| html.contains(i)) {
        return html.to_string();
    }
    let pinned = format!("data-index=\"{SEARCH_PREFIX}{version}/\"");
    INDEX
        .iter()
        .fold(html.to_string(), |html, i| html.replace(i, &pinned))
}

/// [`resolve`] for the live preview: the search index's files come from
/// the complete index being served, never from `search/` while a rebuild
/// rewrites it.
fn resolve_live(live: &Live, path: &str) -> Resolved {
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
pub fn status_json(live: &Live) -> String {
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
    serde_json::json!({
        "ok": s.ok(),
        "generation": s.generation,
        "search_ready": s.search_ready,
        "search_version": s.search_version,
        "problems": problems,
    })
    .to_string()
}

/// A Server-Sent Events stream: `hello` at once, then `reload` after each
/// good build or `problem` after a failed one, `search` when the search
/// index of the last good build is complete; a comment every 15 s finds
/// tabs that have gone away.
fn events(request: Request, live: &Live) {
    let mut out = request.into_writer();
    let mut state = live.snapshot();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    let hello = format!("event: hello\ndata: {}\n\n", event_data(&state));
    if out.write_all(head.as_bytes()).is_err()
        || out.write_all(hello.as_bytes()).is_err()
        || out.flush().is_err()
    {
        return;
    }
    loop {
        let now = live.wait(&state, Duration::from_secs(15));
        if now.stopping {
            return;
        }
        let message = if now.generation != state.generation {
            let kind = if now.ok() { "reload" } else { "problem" };
            format!("event: {kind}\ndata: {}\n\n", event_data(&now))
        } else if now.search_version != state.search_version {
            format!("event: search\ndata: {}\n\n", event_data(&now))
        } else {
            ": still here\n\n".to_string()
        };
        state = now;
        if out.write_all(message.as_bytes()).is_err() || out.flush().is_err() {
            return;
        }
    }
}

fn event_data(s: &super::LiveState) -> String {
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

/// `%XX` decoded; `None` if the result is not UTF-8 or an escape is broken.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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

    #[test]
    fn script_goes_before_head_end() {
        let out = inject("<html><head><title>t</title></head><body></body></html>", 3);
        assert!(out.contains("<script src=\"/__unionpress/reload.js?g=3\" defer></script></head>"));
    }
}
