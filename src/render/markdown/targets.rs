//! Where links and pictures point: a link to another article's Markdown
//! file becomes its page's URL, a picture or a linked file under
//! `content/` is collected to be copied beside the page and named by its
//! file name there, a missing one is reported, and an unsafe scheme
//! (`javascript:`) is dropped.

use pulldown_cmark::CowStr;

use super::{Context, at};
use crate::error::{Diagnostic, Location};

pub(super) fn is_safe_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            )
        }
        _ => true,
    }
}

/// Resolves `target` relative to the folder of `from` (both under `content/`).
pub(super) fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

pub(super) fn link_target<'a>(
    dest: &CowStr<'a>,
    cx: &Context<'_>,
    markdown: &str,
    offset: usize,
    problems: &mut Vec<Diagnostic>,
    files: &mut Vec<(String, Location)>,
) -> CowStr<'a> {
    let url = dest.trim();
    if !is_safe_scheme(url) {
        return CowStr::from("#");
    }
    if url.contains(':') || url.starts_with('/') || url.starts_with('#') {
        return dest.clone();
    }
    let (file, fragment) = url
        .split_once('#')
        .map(|(f, h)| (f, Some(h)))
        .unwrap_or((url, None));
    if !file.ends_with(".md") {
        return file_target(dest, file, fragment, cx, markdown, offset, problems, files);
    }
    let decoded = percent_decode(file);
    let target = resolve_relative(cx.content_path, &decoded);
    match target.as_deref().and_then(|t| cx.links.get(t)) {
        Some(path) => {
            let base = cx.base_path.trim_end_matches('/');
            let hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            CowStr::from(format!("{base}{path}{hash}"))
        }
        None => {
            problems.push(
                Diagnostic::error(
                    at(cx, markdown, offset),
                    crate::t!("md-link-no-article", file = file),
                )
                .help(crate::t!("md-link-no-article-help")),
            );
            dest.clone()
        }
    }
}

/// A relative link to a file that is not an article (a PDF, a spreadsheet):
/// it must exist under `content/`; it is copied beside the page like a
/// picture, and the link is rewritten to its name there.
#[allow(clippy::too_many_arguments)]
pub(super) fn file_target<'a>(
    dest: &CowStr<'a>,
    file: &str,
    fragment: Option<&str>,
    cx: &Context<'_>,
    markdown: &str,
    offset: usize,
    problems: &mut Vec<Diagnostic>,
    files: &mut Vec<(String, Location)>,
) -> CowStr<'a> {
    let last = file.rsplit('/').next().unwrap_or("");
    // `../2024/`, `?page=2`, `#top`: not a file.
    if !last.contains('.') || last.starts_with('.') {
        return dest.clone();
    }
    match content_file(cx, file) {
        Some((path, name)) => {
            files.push((path, at(cx, markdown, offset)));
            let hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            CowStr::from(format!("{name}{hash}"))
        }
        None => {
            problems.push(
                Diagnostic::error(
                    at(cx, markdown, offset),
                    crate::t!("md-link-no-file", file = file),
                )
                .help(crate::t!("md-link-no-file-help")),
            );
            dest.clone()
        }
    }
}

/// The file under `content/` that `target`, relative to the Markdown's own
/// folder, names (if it exists), and its file name: what a picture or a
/// linked file is copied beside the page as.
pub(super) fn content_file(cx: &Context<'_>, target: &str) -> Option<(String, String)> {
    let path = resolve_relative(cx.content_path, &percent_decode(target))
        .filter(|p| cx.assets.contains(p))?;
    let name = path.rsplit('/').next().unwrap_or_default().to_string();
    Some((path, name))
}

pub(super) fn image_target<'a>(
    dest: &CowStr<'a>,
    cx: &Context<'_>,
    markdown: &str,
    offset: usize,
    problems: &mut Vec<Diagnostic>,
    images: &mut Vec<(String, Location)>,
) -> CowStr<'a> {
    let url = dest.trim();
    if !is_safe_scheme(url) {
        return CowStr::from("");
    }
    if url.contains(':') || url.starts_with('/') || url.starts_with("data:") {
        return dest.clone();
    }
    match content_file(cx, url) {
        Some((path, name)) => {
            images.push((path, at(cx, markdown, offset)));
            CowStr::from(name)
        }
        None => {
            problems.push(
                Diagnostic::error(
                    at(cx, markdown, offset),
                    crate::t!("md-picture-missing", image = url),
                )
                .help(crate::t!("md-picture-missing-help")),
            );
            dest.clone()
        }
    }
}

/// `%XX` decoded; a broken escape (`%+5`, `%4`) is kept as written.
pub(super) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    /// Guards the hand-written decoder this replaced: `u8::from_str_radix`
    /// takes a sign, so `%+5` became the byte 5; and `%41` at the very end
    /// was left undecoded.
    #[test]
    fn only_two_hex_digits_make_an_escape() {
        assert_eq!(percent_decode("a%+5.md"), "a%+5.md");
        assert_eq!(percent_decode("a%-5.md"), "a%-5.md");
        assert_eq!(percent_decode("%E5%B7%A5%E4%BC%9A.md"), "工会.md");
        assert_eq!(percent_decode("a%41"), "aA");
        assert_eq!(percent_decode("a%4"), "a%4");
    }
}
