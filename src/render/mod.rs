//! Render: Markdown to HTML for every text of the site, then every page
//! through the theme's templates.

pub mod absolute;
pub mod feed;
pub mod keys;
pub mod markdown;
pub mod pages;
pub mod qr;
mod raw_html;
mod shipped;
pub mod sink;
pub mod theme;
pub mod view;

use rayon::prelude::*;
use std::collections::HashMap;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::article::Body;
use crate::model::{Article, PageText, Site};

/// Rendered article Markdown (and the problems found in it) from earlier
/// builds, by its text, file and what links resolve against.
pub type Renders = crate::memo::Memo<(Body, Vec<Diagnostic>)>;

/// What every article's Markdown resolves against: links to the other
/// articles, the files beside them, the base path, whether raw HTML is
/// kept; with a hash of it all for the memo.
pub struct ArticleLinks<'a> {
    links: HashMap<String, String>,
    assets: &'a std::collections::BTreeSet<String>,
    base_path: String,
    allow_raw_html: bool,
    content_dir: std::path::PathBuf,
    images: crate::config::Images,
    key: u64,
}

impl<'a> ArticleLinks<'a> {
    /// For the `articles` of a site with the files `assets` under
    /// `content/`.
    pub fn new(
        articles: &[Article],
        assets: &'a std::collections::BTreeSet<String>,
        config: &crate::config::Config,
    ) -> ArticleLinks<'a> {
        ArticleLinks::from_paths(
            articles
                .iter()
                .map(|a| (a.content_path.clone(), a.path.clone())),
            assets,
            config,
        )
    }

    /// [`ArticleLinks::new`] from each article's path under `content/`
    /// and its site path.
    pub fn from_paths(
        paths: impl Iterator<Item = (String, String)>,
        assets: &'a std::collections::BTreeSet<String>,
        config: &crate::config::Config,
    ) -> ArticleLinks<'a> {
        let base_path = config.base_path();
        let links: HashMap<String, String> = paths.collect();
        // The links hashed in any order.
        let links_key = links
            .iter()
            .map(|entry| crate::memo::key(&[&entry]))
            .fold(0u64, u64::wrapping_add);
        let allow_raw_html = config.allow_raw_html;
        let images = config.images.clone();
        let content_dir = config.root.join("content");
        let key = crate::memo::key(&[
            &links_key,
            assets,
            &base_path,
            &allow_raw_html,
            &format!("{images:?} {}", content_dir.display()),
        ]);
        ArticleLinks {
            links,
            assets,
            base_path,
            allow_raw_html,
            content_dir,
            images,
            key,
        }
    }

    fn context(&self) -> markdown::Context<'_> {
        markdown::Context {
            source: std::path::Path::new(""),
            content_path: "",
            first_line: 1,
            links: &self.links,
            assets: self.assets,
            base_path: &self.base_path,
            allow_raw_html: self.allow_raw_html,
            content_dir: &self.content_dir,
            images: &self.images,
            photographers: &[],
        }
    }

    /// Renders `a`'s Markdown (from `memo` when nothing it depends on
    /// changed) and frees it; the problems found, a missing lead picture
    /// among them.
    pub fn render(&self, a: &mut Article, memo: &Renders) -> (Body, Vec<Diagnostic>) {
        let cx = markdown::Context {
            source: &a.source,
            content_path: &a.content_path,
            first_line: a.body_line,
            photographers: &a.photographers,
            ..self.context()
        };
        let key = crate::memo::key(&[
            &self.key,
            &a.source,
            &a.content_path,
            &a.body_line,
            &a.markdown,
            &a.photographers,
        ]);
        // The key has the pictures' names, not their bytes: a rendering
        // whose picture was replaced (another size) is made again.
        let current = |(body, _): &(Body, Vec<Diagnostic>)| {
            body.pictures
                .iter()
                .all(|(p, _)| p.is_current(&self.content_dir))
        };
        let (r, mut problems) = memo
            .get_current_or(key, current, || {
                let mut problems = Vec::new();
                let r = markdown::render(&a.markdown, &cx, &mut problems);
                Ok::<_, ()>((r, problems))
            })
            .unwrap_or_default();
        // Freed as soon as rendered, so that the Markdown of all articles
        // and their HTML are never all in memory at once.
        a.markdown = String::new();
        if let Some(img) = &mut a.image {
            if !self.assets.contains(&img.content_path) {
                problems.push(
                    Diagnostic::error(
                        img.location.clone(),
                        crate::t!("article-image-missing", image = &img.content_path),
                    )
                    .help(crate::t!("article-image-missing-help")),
                );
            } else if crate::images::is_processed(&img.content_path) {
                match crate::images::plan(
                    &self.content_dir.join(&img.content_path),
                    &img.content_path,
                    &self.images,
                ) {
                    Ok(mut p) => {
                        // Its social card's file (`og:image`).
                        p.add_size(crate::images::SHARE_WIDTH);
                        img.picture = Some(p);
                    }
                    Err(refusal) => {
                        let (message, help) = refusal.message(&img.content_path);
                        problems.push(Diagnostic::error(img.location.clone(), message).help(help));
                    }
                }
            }
        }
        (r, problems)
    }

    /// Gives `a` its rendered Markdown, `body`, whose files gain the lead
    /// picture.
    pub fn fill(&self, a: &mut Article, mut body: Body) {
        // A missing lead picture is already reported; copying it would only
        // report it again.
        if let Some(img) = &a.image
            && self.assets.contains(&img.content_path)
        {
            body.files
                .push((img.content_path.clone(), img.location.clone()));
        }
        a.set_body(body);
    }
}

/// Renders the Markdown of every article and page text in place, and fills
/// in default summaries; an article's rendered Markdown comes from `memo`
/// when nothing it depends on changed. Links to missing files and the like
/// are reported.
pub fn markdown_all(site: &mut Site, diagnostics: &Diagnostics, memo: &Renders) {
    let links = ArticleLinks::new(&site.articles, &site.assets, &site.config);
    let rendered: Vec<(Body, Vec<Diagnostic>)> = site
        .articles
        .par_iter_mut()
        .map(|a| links.render(a, memo))
        .collect();
    for (a, (r, problems)) in site.articles.iter_mut().zip(rendered) {
        diagnostics.extend(problems);
        links.fill(a, r);
    }
    drop(links);
    markdown_texts(site, diagnostics);
}

/// Renders the Markdown of the texts that are not articles (the front
/// page's, the sections', the registry entries', the bulletins'), and
/// lists the files they show.
pub fn markdown_texts(site: &mut Site, diagnostics: &Diagnostics) {
    let Site {
        articles,
        assets,
        config,
        home,
        sections,
        programmes,
        awards,
        bulletins,
        text_files: files,
        text_pictures: pictures,
        ..
    } = site;
    let links = ArticleLinks::new(articles, assets, config);
    let shared = links.context();
    // The other texts are few and short: rendered one after another. Each
    // with the site path of its page, where the files it shows are copied.
    let mut texts: Vec<(String, &mut PageText)> = Vec::new();
    if let Some((_, t)) = home.as_mut() {
        texts.push(("/".into(), t));
    }
    texts.extend(sections.iter_mut().map(|s| (s.path.clone(), &mut s.text)));
    texts.extend(
        programmes
            .entries
            .iter_mut()
            .map(|e| (e.path.clone(), &mut e.text)),
    );
    texts.extend(
        awards
            .entries
            .iter_mut()
            .map(|e| (e.path.clone(), &mut e.text)),
    );
    let bulletin_paths: std::collections::HashSet<String> =
        bulletins.iter().map(|b| b.path.clone()).collect();
    texts.extend(bulletins.iter_mut().map(|b| (b.path.clone(), &mut b.text)));
    let mut text_files = Vec::new();
    let mut text_pictures = Vec::new();
    for (page, t) in texts {
        let mut problems = Vec::new();
        let content_path = t
            .source
            .strip_prefix("content")
            .unwrap_or(&t.source)
            .to_string_lossy()
            .replace('\\', "/");
        let cx = markdown::Context {
            source: &t.source,
            content_path: &content_path,
            first_line: t.body_line,
            ..shared
        };
        let r = markdown::render(&t.markdown, &cx, &mut problems);
        diagnostics.extend(problems);
        text_files.extend(r.files.into_iter().map(|(f, at)| (page.clone(), f, at)));
        // A bulletin's pictures are in its e-mail too, at the e-mail's width.
        let email = bulletin_paths.contains(&page);
        text_pictures.extend(r.pictures.into_iter().map(|(mut p, at)| {
            if email {
                p.add_size(crate::images::EMAIL_WIDTH);
            }
            (page.clone(), p, at)
        }));
        t.html = r.html;
    }
    *files = text_files;
    *pictures = text_pictures;
}
