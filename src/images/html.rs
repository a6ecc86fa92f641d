//! A picture's HTML: `<picture>` with the WebP files in a `srcset`, and
//! an `<img>` over the fallback files that every browser shows, sized so
//! the page does not move when it arrives.

use super::Picture;

/// How wide a picture is shown: the whole screen on a phone, the text
/// column (46rem in the default theme) on a wider one.
pub const SIZES: &str = "(max-width: 46rem) 100vw, 46rem";

/// What the markup of one picture says besides its files.
pub struct PictureHtml<'a> {
    /// Put before every file name: `` beside the page, or the page's URL.
    pub url_prefix: &'a str,
    pub alt: &'a str,
    /// The Markdown title, as the `title` attribute.
    pub title: Option<&'a str>,
    /// The article's lead picture: fetched first, not lazily.
    pub lead: bool,
}

/// The `<picture>` element for `p`.
pub fn picture_html(p: &Picture, h: &PictureHtml) -> String {
    use html_escape::encode_double_quoted_attribute as attr;
    let srcset = |it: &mut dyn Iterator<Item = &super::Variant>| {
        it.map(|v| format!("{}{} {}w", attr(h.url_prefix), attr(&v.file_name), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::from("<picture>");
    let webp = srcset(&mut p.webp());
    if !webp.is_empty() {
        out.push_str(&format!(
            r#"<source type="image/webp" srcset="{webp}" sizes="{SIZES}">"#
        ));
    }
    let fallback = srcset(&mut p.fallback());
    let src = p.fallback_at_least(960);
    let (src, width, height) = match (src, p.fallback().last()) {
        (Some(src), Some(largest)) => (src.file_name.as_str(), largest.width, largest.height),
        _ => ("", p.width, p.height),
    };
    out.push_str(&format!(
        r#"<img src="{}{}" srcset="{fallback}" sizes="{SIZES}" width="{width}" height="{height}" alt="{}""#,
        attr(h.url_prefix),
        attr(src),
        attr(h.alt)
    ));
    if let Some(title) = h.title.filter(|t| !t.is_empty()) {
        out.push_str(&format!(r#" title="{}""#, attr(title)));
    }
    if h.lead {
        out.push_str(r#" fetchpriority="high">"#);
    } else {
        out.push_str(r#" loading="lazy" decoding="async">"#);
    }
    out.push_str("</picture>");
    out
}
