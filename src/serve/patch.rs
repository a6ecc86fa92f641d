//! The quick rebuild: an edit to the body of published articles.
//!
//! What a reader sees of an article outside its own page (its card in the
//! lists, its place in the registries, the region and tag pages, the
//! related articles of others, the bulletins, the site map) comes from its
//! front matter and its summary, never from the rest of its body. So when
//! a save changes only the body of an article, and its front matter and
//! summary are what they were, a full build would differ from the last one
//! only in the article's own page, the feeds that carry its text, and the
//! search index. [`body_edits`] recognises such a save and patches the
//! model in place; anything else (a new or deleted file, a changed title or
//! date, a problem in the file, a registry or template edit) is left to the
//! full rebuild. `tests/suite/incremental.rs` checks that the folder is
//! then what `build` makes, file by file.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::load::{DocKind, Loaded};
use crate::memo::Memo;
use crate::model::{self, Article, Site};
use crate::render::{ArticleLinks, Pictures};

/// What the last good build made of the content.
pub struct LastGood {
    pub site: Site,
    pub pictures: Pictures,
    pub warnings: Vec<Diagnostic>,
}

/// Brings `last` up to date with `loaded`, just read again after the files
/// `changed` (absolute, under `root`) were saved, when every one of them is
/// the file of a published article whose edit leaves all but its body as
/// it was. Returns the indices of those articles; `None`, with `last`
/// untouched, when a full rebuild is needed.
pub fn body_edits(
    last: &mut LastGood,
    loaded: &Loaded,
    root: &Path,
    changed: &[PathBuf],
    drafts: bool,
    memo: &Memo,
) -> Option<Vec<usize>> {
    let LastGood {
        site,
        pictures,
        warnings,
    } = last;
    let now = jiff::Timestamp::now();
    // A scheduled article whose time has come is published by a full build.
    let due = |t: jiff::Timestamp| t <= now;
    if site
        .articles
        .iter()
        .any(|a| a.scheduled && due(a.timestamp))
        || (!drafts
            && site
                .unpublished
                .iter()
                .any(|u| !u.draft && due(u.timestamp)))
    {
        return None;
    }
    let content = site_content(site, root, changed)?;
    let links = ArticleLinks::new(&site.articles, &site.assets, &site.config);
    let mut patches = Vec::new();
    for (i, content_path) in content {
        let doc = loaded
            .docs
            .iter()
            .find(|d| d.kind == DocKind::Article && d.content_path == content_path)?;
        let old = &site.articles[i];
        // Problems in the file are the full build's to report, and so are
        // those of the last build that the edit may have mended.
        if warnings.iter().any(|w| w.location.file == old.source) {
            return None;
        }
        let front = model::article_front(doc, memo).ok()?;
        // Resolving an unknown name may add a registry entry: on copies.
        let (mut programmes, mut awards) = (site.programmes.clone(), site.awards.clone());
        let mut problems = Vec::new();
        let mut new = Article::from_front(
            doc.clone(),
            front,
            &site.config,
            &mut programmes,
            &mut awards,
            now,
            &mut problems,
        )?;
        if (new.draft || new.scheduled) && !drafts {
            return None;
        }
        let (rendered, more) = links.render(&mut new, memo);
        problems.extend(more);
        if !problems.is_empty() {
            return None;
        }
        let pics = links.fill(&mut new, rendered);
        new.related = old.related.clone();
        // The files by name: a picture that only moved to another line
        // needs no full rebuild.
        let names = |p: &[(String, crate::error::Location)]| {
            p.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>()
        };
        if names(&pics) != names(&pictures[i]) || !same_but_body(old, &new) {
            return None;
        }
        patches.push((i, new));
    }
    let indices = patches.iter().map(|(i, _)| *i).collect();
    for (i, new) in patches {
        site.articles[i] = new;
    }
    Some(indices)
}

/// The published article of each of the `changed` files (absolute, under
/// `root`), by index and path under `content/`; `None` if one of them is
/// anything else.
fn site_content(site: &Site, root: &Path, changed: &[PathBuf]) -> Option<Vec<(usize, String)>> {
    changed
        .iter()
        .map(|abs| {
            let rel = abs.strip_prefix(root).ok()?;
            let i = site.articles.iter().position(|a| a.source == rel)?;
            Some((i, site.articles[i].content_path.clone()))
        })
        .collect()
}

/// `a` and `b` are the same article, their bodies aside.
fn same_but_body(a: &Article, b: &Article) -> bool {
    let strip = |x: &Article| Article {
        markdown: String::new(),
        html: String::new(),
        text: String::new(),
        ..x.clone()
    };
    strip(a) == strip(b)
}
