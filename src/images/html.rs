//! A picture's HTML: `<picture>` with the WebP files in a `srcset`, and
//! an `<img>` over the fallback files that every browser shows, sized so
//! the page does not move when it arrives.

use super::Picture;

/// How wide a picture is shown: the whole screen on a phone, the text
/// column (46rem in the default theme) on a wider one.
pub const SIZES: &str = "(max-width: 46rem) 100vw, 46rem";
/// How wide a picture of a gallery is shown: half the screen on a phone,
/// a third of the text column on a wider one.
pub const GALLERY_SIZES: &str = "(max-width: 46rem) 50vw, 15rem";

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
        it.map(|v| {
            format!(
                "{}{} {}w",
                attr(h.url_prefix),
                attr(&url_part(&v.file_name)),
                v.width
            )
        })
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
        attr(&url_part(src)),
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

/// A file name as a piece of URL: the ASCII that a `srcset` or a URL
/// would read otherwise (a space or comma ends a candidate, `#` and `?`
/// end a path) percent-encoded; letters of any script kept.
fn url_part(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() && !(c.is_ascii_alphanumeric() || "-._~!$&'()*+;=:@".contains(c)) {
            out.push_str(&format!("%{:02X}", c as u8));
        } else {
            out.push(c);
        }
    }
    out
}

/// `html` with its pictures as plain `<img>` for an e-mail: mail readers
/// know neither `<picture>` nor `srcset`, so each shows one fallback file
/// (`src`, made absolute by the caller): its [`EMAIL_WIDTH`] file when
/// `pictures` (those the text shows) plan one, with that file's `width`
/// and `height`, else its `src` as on the page.
pub fn for_email(html: &str, pictures: &[&Picture]) -> String {
    use html_escape::encode_double_quoted_attribute as attr;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<picture>") {
        out.push_str(&rest[..i]);
        rest = &rest[i + "<picture>".len()..];
        let end = rest.find("</picture>").unwrap_or(rest.len());
        let inner = &rest[..end];
        rest = rest.get(end + "</picture>".len()..).unwrap_or("");
        let Some(img) = inner.find("<img ").map(|j| &inner[j..]) else {
            continue;
        };
        let src = attribute(img, "src").unwrap_or_default();
        let email = pictures.iter().find_map(|p| {
            let shown = p.fallback_at_least(960)?;
            (attr(&url_part(&shown.file_name)) == src)
                .then(|| p.sized(super::EMAIL_WIDTH))
                .flatten()
        });
        match email {
            Some(v) => {
                let rest_of_tag =
                    without_attributes(img, &["srcset", "sizes", "src", "width", "height"]);
                out.push_str(&format!(
                    r#"<img src="{}" width="{}" height="{}""#,
                    attr(&url_part(&v.file_name)),
                    v.width,
                    v.height
                ));
                out.push_str(rest_of_tag.trim_start_matches("<img"));
            }
            None => {
                // `width` and `height` those of the file shown (its
                // candidate in the `srcset`), not of the largest.
                let shown = attribute(img, "srcset").and_then(|set| {
                    let w = set.split(", ").find_map(|c| {
                        let (url, w) = c.rsplit_once(' ')?;
                        (url == src).then(|| w.trim_end_matches('w').parse::<u64>().ok())?
                    })?;
                    let big: u64 = attribute(img, "width")?.parse().ok()?;
                    let high: u64 = attribute(img, "height")?.parse().ok()?;
                    let h = ((high * w + big / 2) / big.max(1)).max(1);
                    Some((w, h))
                });
                match shown {
                    Some((w, h)) => {
                        let rest_of_tag =
                            without_attributes(img, &["srcset", "sizes", "src", "width", "height"]);
                        out.push_str(&format!(r#"<img src="{src}" width="{w}" height="{h}""#));
                        out.push_str(rest_of_tag.trim_start_matches("<img"));
                    }
                    None => out.push_str(&without_attributes(img, &["srcset", "sizes"])),
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of the attribute `name` of `tag` (one we wrote, quoted with
/// `"`), as written.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The tag `tag` (`<img …>`, whose values we wrote, quoted with `"`)
/// without the attributes `names`.
fn without_attributes(tag: &str, names: &[&str]) -> String {
    let mut out = tag.to_string();
    for name in names {
        let key = format!(" {name}=\"");
        if let Some(i) = out.find(&key) {
            let after = i + key.len();
            if let Some(close) = out[after..].find('"') {
                out.replace_range(i..after + close + 1, "");
            }
        }
    }
    out
}

/// A captioned picture (its Markdown title): `<figure>` with the caption
/// and, when the article names photographers, their credit written as the
/// theme's byline writes it (`摄 张三、李四`).
pub fn figure_html(
    p: &Picture,
    h: &PictureHtml,
    caption: &str,
    photographers: &[String],
) -> String {
    use html_escape::encode_text as text;
    let mut out = String::from("<figure>");
    out.push_str(&picture_html(p, h));
    out.push_str("<figcaption>");
    out.push_str(&text(caption));
    if !photographers.is_empty() {
        out.push_str(&format!(
            r#"<span class="credit">（摄 {}）</span>"#,
            text(&photographers.join("、"))
        ));
    }
    out.push_str("</figcaption></figure>");
    out
}
