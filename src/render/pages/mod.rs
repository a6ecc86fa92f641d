//! Every page of the site, rendered through the theme and handed to a sink.
//!
//! Pages are rendered in parallel, each group with rayon; a template error is
//! reported once per template (naming it) and the build goes on so that all
//! problems show together. The site map is gathered as pages are made.
//!
//! One file per kind of page; [`emit`] is what they all go through: the
//! context every page shares, skipping a page the sink still has, writing.

use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Mutex;
use tera::{Context, Tera};

use super::sink::Sink;
use super::view::{PagerView, Views};
use crate::error::Diagnostics;
use crate::model::Site;
use crate::model::paginate::Pager;
use crate::model::urls;

mod archive;
mod article;
mod bulletins;
mod emit;
mod lists;
mod registries;
mod taxonomies;

/// Renders pages; shares the templates, the views and the base context.
pub struct Pages<'a> {
    /// The site's folder, where its templates are.
    root: &'a std::path::Path,
    pub site: &'a Site,
    pub views: Views<'a>,
    /// The site's templates, with `card` (see `theme::CardFunction`)
    /// remembering cards for this build only.
    tera: Tera,
    sink: &'a dyn Sink,
    base: Context,
    /// A hash of `base`, when the sink remembers pages between builds.
    base_key: u64,
    /// A hash of each article's card, when the sink remembers pages: a
    /// list page is keyed by these rather than by its cards (see `keys`).
    card_keys: Vec<u64>,
    pub diagnostics: &'a Diagnostics,
    failed_templates: Mutex<BTreeSet<String>>,
    /// Site paths of the pages written, with their dates, for the sitemap.
    pub sitemap: Mutex<Vec<(String, Option<jiff::civil::Date>)>>,
    /// Which article pages may differ from the last build's, if known.
    scope: Option<Scope<'a>>,
}

/// What `serve` knows after patching the last build's model: which article
/// pages may have changed. Any other article's page is kept as the last
/// build made it, without even a key being computed, which is most of the
/// cost of a rebuild; the other pages are still keyed (see `keys`).
pub struct Scope<'s> {
    /// By article index: whether its page may differ from the last build's.
    pub articles: Vec<bool>,
    /// The key the page in a file had in the last build, if it had one.
    pub previous: &'s (dyn Fn(&str) -> Option<u64> + Sync),
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    icp: Option<&'a str>,
    police_filing: Option<&'a str>,
    extra: &'a serde_json::Value,
}

impl<'a> Pages<'a> {
    pub fn new(
        root: &'a std::path::Path,
        site: &'a Site,
        tera: &'a Tera,
        sink: &'a dyn Sink,
        diagnostics: &'a Diagnostics,
    ) -> Self {
        let views = Views::new(site);
        let mut base = Context::new();
        let c = &site.config;
        base.insert(
            "site",
            &SiteView {
                title: &c.title,
                description: &c.description,
                language: &c.language,
                base_url: c.origin_and_path(),
                icp: c.icp.as_deref().map(str::trim).filter(|s| !s.is_empty()),
                police_filing: c
                    .police_filing
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
                extra: &c.extra,
            },
        );
        base.insert("base_path", &c.base_path());
        let (base_key, card_keys) = if sink.remembers() {
            (
                super::keys::context_key("", 0, base.clone()).0,
                super::keys::card_keys(&views),
            )
        } else {
            (0, Vec::new())
        };
        Pages {
            root,
            site,
            views,
            tera: super::theme::CardFunction::register(tera),
            sink,
            base,
            base_key,
            card_keys,
            diagnostics,
            failed_templates: Mutex::new(BTreeSet::new()),
            sitemap: Mutex::new(Vec::new()),
            scope: None,
        }
    }

    /// These pages, rendering only the article pages `scope` says may
    /// have changed; the sink must remember pages.
    pub fn scoped(mut self, scope: Option<Scope<'a>>) -> Self {
        self.scope = scope.filter(|_| self.sink.remembers());
        self
    }

    /// Renders every page.
    pub fn render_all(&self) {
        let site = self.site;
        // Each group in parallel; the groups one after another, so a
        // template error is reported from the first page that shows it.
        let kept = self.kept_articles();
        site.articles.par_iter().enumerate().for_each(|(i, a)| {
            if !kept.get(i).copied().unwrap_or(false) {
                self.article(a)
            }
        });
        self.home();
        self.sections();
        self.registries();
        self.regions();
        self.tags_and_people();
        self.archive();
        self.bulletins();
        self.emit(&urls::SEARCH.index(), "search.html", "搜索", "", |_| {});
        self.emit(urls::NOT_FOUND, "404.html", "页面不存在", "", |_| {});
        // An alias onto another page is refused by the output's claims.
        site.aliases.par_iter().for_each(|alias| {
            let to = self.views.url(&alias.to);
            let absolute = site.config.permalink(&alias.to);
            self.emit(&alias.from, "alias.html", "页面已移动", "", |cx| {
                cx.insert("target", &to);
                cx.insert("target_permalink", &absolute);
            });
        });
    }

    fn pager(&self, p: &Pager) -> PagerView {
        PagerView {
            number: p.number,
            total: p.total,
            prev: p.prev.as_ref().map(|x| self.views.url(x)),
            next: p.next.as_ref().map(|x| self.views.url(x)),
            pages: p
                .pages
                .iter()
                .map(|(n, x)| (*n, self.views.url(x)))
                .collect(),
        }
    }

    fn sitemap(&self, path: &str, date: Option<jiff::civil::Date>) {
        self.sitemap
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), date));
    }
}
