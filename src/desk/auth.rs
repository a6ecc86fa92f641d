//! Who may use the desk: whoever holds this run's token.
//!
//! `serve` prints the desk's address with a token made of 32 random bytes
//! from the operating system. Opening it sets a cookie (`HttpOnly`,
//! `SameSite=Strict`, limited to the desk's path) and sends the browser on
//! to the desk without the token in its address bar. Every request of the
//! desk then needs the cookie; a request that changes something needs
//! besides an `Origin` equal to the server's own address (a page of another
//! site cannot forge it, and `SameSite=Strict` keeps the cookie off its
//! requests too) and a JSON or bytes body, which a plain HTML form cannot
//! send without a preflight. The preview's `guard` has already checked the
//! `Host` (DNS rebinding).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{Desk, PREFIX};

/// The cookie holding the token.
pub const COOKIE: &str = "unionpress_desk";

/// This run's secret, as 64 hex digits.
pub struct Token(String);

impl Token {
    /// 32 bytes from the operating system.
    pub fn new() -> std::io::Result<Token> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the token, compared in constant time.
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// The token in the request's cookie, if any.
fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// Whether the request's `Origin` is this server (`http://` and the `Host`
/// the request was sent to, which `guard` has checked).
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
    match (host, origin) {
        (Some(host), Some(origin)) => origin.eq_ignore_ascii_case(&format!("http://{host}")),
        _ => false,
    }
}

/// The body types a change may come with: JSON, or a picture's bytes.
fn allowed_body(headers: &HeaderMap, path: &str) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.split(';').next())
        .map(|h| h.trim().to_ascii_lowercase());
    let wanted = if path.ends_with("/api/upload") {
        "application/octet-stream"
    } else {
        "application/json"
    };
    kind.as_deref() == Some(wanted)
}

/// The layer in front of every desk route.
pub async fn require(State(desk): State<Arc<Desk>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let path = request.uri().path();
    // The address without its slash only sends the browser on, token kept.
    if request.method() == Method::GET && path == PREFIX.trim_end_matches('/') {
        return next.run(request).await;
    }
    // Opening the printed address: the token becomes a cookie.
    if request.method() == Method::GET
        && path == PREFIX
        && let Some(given) = super::query_value(request.uri().query(), "token")
    {
        if !desk.token.matches(&given) {
            return forbidden();
        }
        let cookie = format!("{COOKIE}={given}; Path={PREFIX}; HttpOnly; SameSite=Strict");
        return (
            StatusCode::SEE_OTHER,
            [
                (header::SET_COOKIE, cookie),
                (header::LOCATION, PREFIX.to_string()),
            ],
        )
            .into_response();
    }
    if !cookie_token(headers).is_some_and(|t| desk.token.matches(t)) {
        return forbidden();
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        if !same_origin(headers) {
            return super::Failure::refused(crate::t!("desk-wrong-origin")).into_response();
        }
        if !allowed_body(headers, path) {
            return super::Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                crate::t!("desk-wrong-type"),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// 403 with a short page saying where the desk's address is.
fn forbidden() -> Response {
    let page = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>",
        lang = crate::i18n::current().tag(),
        title = html_escape::encode_text(&crate::t!("desk-no-token-title")),
        text = html_escape::encode_text(&crate::t!("desk-no-token")),
    );
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// `/__unionpress/desk` → `/__unionpress/desk/`, the query kept.
pub async fn to_slash(request: Request) -> Response {
    let to = match request.uri().query() {
        Some(q) => format!("{PREFIX}?{q}"),
        None => PREFIX.to_string(),
    };
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_64_hex_digits_and_new_each_run() {
        let (a, b) = (Token::new().unwrap(), Token::new().unwrap());
        assert_eq!(a.as_str().len(), 64);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.as_str(), b.as_str());
        assert!(a.matches(a.as_str()));
        assert!(!a.matches(b.as_str()));
        assert!(!a.matches(""));
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; unionpress_desk=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie_token(&h), Some("abc"));
        h.insert(header::COOKIE, "unionpress_desk_x=abc".parse().unwrap());
        assert_eq!(cookie_token(&h), None);
    }
}
