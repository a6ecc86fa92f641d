//! Sections: the folders of `content/` with an `_index.md`, each listing
//! the articles under it, nested as their folders are.

use std::collections::BTreeMap;

use super::front::SectionFront;
use super::{Article, PageText, text_of, urls};
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::load::{RawDoc, yaml};
use crate::slug;

#[derive(Debug, Clone)]
pub struct Section {
    /// `articles/2024`: the folder relative to `content/`.
    pub dir: String,
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    pub text: PageText,
    pub extra: serde_json::Value,
    pub articles: Vec<usize>,
    /// Indices of the sections directly below.
    pub children: Vec<usize>,
}

/// The sections of `docs`, sorted by folder, each with its articles and
/// the sections directly below it.
pub(super) fn sections(
    docs: &[RawDoc],
    articles: &[Article],
    diagnostics: &Diagnostics,
) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for doc in docs {
        let Ok(front) = yaml::parse::<SectionFront>(&doc.front, &doc.path, doc.front_line)
            .map_err(|d| diagnostics.push(d))
        else {
            continue;
        };
        let dir = doc
            .content_path
            .trim_end_matches("_index.md")
            .trim_end_matches('/')
            .to_string();
        let slugs: Vec<String> = dir
            .split('/')
            .map(|s| {
                if slug::is_valid_slug(s) {
                    s.to_string()
                } else {
                    slug::slugify(s)
                }
            })
            .collect();
        if slugs.iter().any(String::is_empty) {
            diagnostics.push(
                Diagnostic::error(Location::file(&doc.path), crate::t!("section-no-url"))
                    .help(crate::t!("section-no-url-help")),
            );
            continue;
        }
        let prefix = format!("{dir}/");
        out.push(Section {
            path: urls::section(&slugs),
            title: front.title,
            description: front.description,
            text: text_of(doc),
            extra: front.extra,
            articles: articles
                .iter()
                .enumerate()
                .filter(|(_, a)| a.content_path.starts_with(&prefix))
                .map(|(i, _)| i)
                .collect(),
            children: Vec::new(),
            dir,
        });
    }
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    let dirs: BTreeMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for i in 0..out.len() {
        // The nearest section above this one is its parent.
        let mut dir = out[i].dir.as_str();
        while let Some((up, _)) = dir.rsplit_once('/') {
            if let Some(&p) = dirs.get(up) {
                out[p].children.push(i);
                break;
            }
            dir = up;
        }
    }
    out
}
