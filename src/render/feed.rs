//! Atom feeds: the site's and each programme's.
//!
//! Written by hand: each is a dozen fixed elements, and the crate for them
//! (atom_syndication) would add chrono and a DOM to fill that in. Every
//! value goes through [`xml`], which escapes for both text and attributes.

use std::fmt::Write;

use crate::model::Site;

/// Escapes text for XML content and double-quoted attributes, and drops the
/// control characters XML 1.0 does not allow at all.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How many entries a feed holds.
pub const FEED_ENTRIES: usize = 20;

/// An Atom 1.0 feed of `articles` (indices, newest first) published at `self_path`.
pub fn atom(
    site: &Site,
    title: &str,
    self_path: &str,
    html_path: &str,
    articles: &[usize],
) -> String {
    let config = &site.config;
    let updated = articles
        .first()
        .map(|&i| site.articles[i].timestamp)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n",
        xml(&config.language),
        xml(title)
    );
    if !config.description.is_empty() {
        let _ = writeln!(out, "  <subtitle>{}</subtitle>", xml(&config.description));
    }
    let _ = write!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <generator>unionpress</generator>\n",
        xml(&config.permalink(self_path)),
        xml(&config.permalink(html_path)),
        xml(&config.permalink(self_path)),
        rfc3339(updated)
    );
    for &i in articles.iter().take(FEED_ENTRIES) {
        let a = &site.articles[i];
        let url = config.permalink(&a.path);
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            xml(&a.title),
            xml(&url),
            xml(&url),
            rfc3339(a.timestamp),
            rfc3339(a.timestamp)
        );
        let authors: Vec<&String> = a.authors.iter().chain(&a.correspondents).collect();
        if authors.is_empty() {
            let _ = writeln!(
                out,
                "    <author><name>{}</name></author>",
                xml(&config.title)
            );
        }
        for name in authors {
            let _ = writeln!(out, "    <author><name>{}</name></author>", xml(name));
        }
        for &p in &a.programmes {
            let _ = writeln!(
                out,
                "    <category term=\"{}\"/>",
                xml(&site.programmes.get(p).title)
            );
        }
        if !a.summary.is_empty() {
            let _ = writeln!(out, "    <summary>{}</summary>", xml(&a.summary));
        }
        let _ = write!(
            out,
            "    <content type=\"html\">{}</content>\n  </entry>\n",
            // No relative URL resolves in a feed reader: pictures as a
            // plain `<img>` of their 960-pixel JPEG, by its full address.
            xml(&super::absolute::feed_html(&a.body.html, config, &a.path))
        );
    }
    out.push_str("</feed>\n");
    out
}

fn rfc3339(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
