//! Rendered HTML for readers outside the site (the e-mail bulletin, the
//! feed readers), where no relative URL resolves: every `href` and `src`
//! made absolute.

/// Makes `href` and `src` values that are relative to the page (a picture
/// copied beside it: `x.jpg`) absolute against `page`, its full URL.
pub fn resolve_relative_urls(html: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = ["href=\"", "src=\""]
        .iter()
        .filter_map(|a| rest.find(a).map(|i| i + a.len()))
        .min()
    {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let relative = !(rest.starts_with('/')
            || rest.starts_with('#')
            || rest.starts_with('"')
            || rest[..rest.find('"').unwrap_or(rest.len())].contains(':'));
        if relative {
            out.push_str(page);
        }
    }
    out.push_str(rest);
    out
}

/// Makes site-relative `href` and `src` values in rendered Markdown absolute,
/// for the e-mail, where nothing relative resolves.
pub fn absolutize(html: &str, origin_and_path: &str) -> String {
    let origin = origin_and_path
        .split_once("://")
        .map(|(s, r)| format!("{s}://{}", r.split('/').next().unwrap_or("")))
        .unwrap_or_default();
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
}

/// `html`, an article's rendered body shown on the page at `page_path`,
/// for a feed reader, which resolves a relative URL against the feed's,
/// not the article's: each picture a plain `<img>` of its fallback file
/// (no `srcset` of relative candidates), and every URL relative to the
/// page made absolute (those from the site's root stay as they are).
pub fn feed_html(html: &str, config: &crate::config::Config, page_path: &str) -> String {
    resolve_relative_urls(
        &crate::images::for_email(html, &[]),
        &config.permalink(page_path),
    )
}
