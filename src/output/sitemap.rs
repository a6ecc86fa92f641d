//! The sitemap and robots.txt.
//!
//! Written by hand, as the feeds are (see `render::feed`): the sitemap
//! crate would add chrono to fill in a few fixed elements.

use rayon::prelude::*;
use std::fmt::Write;

use crate::model::Site;
use crate::render::feed::xml;

/// `sitemap.xml` for the given site paths, each with its last change if
/// known, in path order whatever order the pages were made in. Sorted and
/// made in chunks on all threads: 20,000 permalinks escaped one after
/// another cost `serve` about 15 ms of every save.
pub fn sitemap(site: &Site, mut pages: Vec<(String, Option<jiff::civil::Date>)>) -> String {
    pages.par_sort_unstable();
    let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    let urls: Vec<String> = pages
        .par_chunks(1024)
        .map(|chunk| {
            let mut out = String::new();
            for (path, date) in chunk {
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
            out
        })
        .collect();
    [head]
        .into_iter()
        .chain(urls.iter().map(String::as_str))
        .chain(["</urlset>\n"])
        .collect()
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("/sitemap.xml")
    )
}
