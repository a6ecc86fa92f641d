//! The desk's page and its scripts and styles, compiled into the binary
//! from `src/desk/ui/` (the UI's own folder; `build.rs` lists its files):
//! nothing of the desk is read from the site, so a site cannot change what
//! the desk runs.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Every file of `src/desk/ui/`: name and bytes.
const FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/desk_ui.rs"));

/// The page shown when the UI's files are not there (a build without them).
const NO_UI: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\
    <title>unionpress</title></head><body><main id=\"desk\"></main></body></html>";

/// The Content-Type of a UI file, from its extension.
fn kind(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

/// Answers with the headers every desk file has: no framing by another
/// page (clickjacking), no plugin, nothing guessed from the bytes.
fn with_headers(kind: &'static str, bytes: &'static [u8]) -> Response {
    let mut response = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `GET /__unionpress/desk/`: `desk.html`.
pub async fn page() -> Response {
    let bytes = FILES
        .iter()
        .find(|(n, _)| *n == "desk.html")
        .map_or(NO_UI.as_bytes(), |(_, b)| *b);
    with_headers(kind("desk.html"), bytes)
}

/// `GET /__unionpress/desk/static/<name>`.
pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _)| *n == name) {
        Some((n, bytes)) => with_headers(kind(n), bytes),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
