//! The sitemap and robots.txt.
//!
//! Written by hand, as the feeds are (see `render::feed`): the sitemap
//! crate would add chrono to fill in a few fixed elements.

use std::fmt::Write;

use crate::model::Site;
use crate::render::feed::xml;

/// `sitemap.xml` for the given site paths, each with its last change if known.
pub fn sitemap(site: &Site, pages: &[(String, Option<jiff::civil::Date>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, date) in pages {
        let _ = write!(
            out,
            "  <url><loc>{}</loc>",
            xml(&site.config.permalink(path))
        );
        if let Some(d) = date {
            let _ = write!(out, "<lastmod>{d}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("/sitemap.xml")
    )
}
