//! Every page of the site, rendered through the theme and handed to a sink.
//!
//! Pages are rendered in parallel, each group with rayon; a template error is
//! reported once per template (naming it) and the build goes on so that all
//! problems show together. The site map is gathered as pages are made.

use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Mutex;
use tera::{Context, Tera};

use super::view::{Card, Link, Views, date_cn};
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::model::Site;
use crate::model::paginate::{Pager, paginate};
use crate::output::{Sink, file_for};

mod bulletins;

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

/// A paginated list of articles, as list templates see it.
#[derive(Serialize)]
pub(super) struct ListView<'a> {
    title: &'a str,
    /// The line above the title: "标签", "记者" …
    kicker: &'a str,
    description: &'a str,
    articles: Vec<Card>,
    pager: PagerView,
    feed: Option<String>,
    /// Links below this list's heading: sub-sections, sub-regions, months.
    children: Vec<TermView>,
    /// The way here: 地区 › 安徽省 › 宣城市.
    breadcrumbs: Vec<Link>,
}

/// What every page of a list shows alike: its [`ListView`] but for the
/// cards and the pager.
#[derive(Serialize)]
pub(super) struct ListHead<'a> {
    title: &'a str,
    kicker: &'a str,
    description: &'a str,
    feed: &'a Option<String>,
    children: &'a [TermView],
    breadcrumbs: &'a [Link],
}

#[derive(Serialize, Clone)]
pub struct TermView {
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub(super) struct PagerView {
    number: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<(usize, String)>,
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
                context_key("", 0, base.clone()).0,
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

    /// Keeps the page of article `i` as the last build made it, if the
    /// scope says it cannot have changed and the sink still has it.
    fn kept_article(&self, i: usize, a: &crate::model::Article) -> bool {
        let Some(scope) = &self.scope else {
            return false;
        };
        if scope.articles.get(i).copied().unwrap_or(true) {
            return false;
        }
        let file = file_for(&a.path);
        let kept = (scope.previous)(&file).is_some_and(|key| self.sink.unchanged(&file, key));
        if kept {
            self.sitemap(&a.path, Some(a.date));
        }
        kept
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

    /// Renders `template` for the page at site path `path` with `fill` adding
    /// the page's own values, and writes it.
    pub fn emit(
        &self,
        path: &str,
        template: &str,
        title: &str,
        description: &str,
        fill: impl FnOnce(&mut Context),
    ) {
        self.emit_keyed(path, template, title, description, None, fill)
    }

    /// [`Pages::emit`], with `key` (when given) standing for the values that
    /// `fill` adds, so that an unchanged page costs no context at all.
    fn emit_keyed(
        &self,
        path: &str,
        template: &str,
        title: &str,
        description: &str,
        key: Option<u64>,
        fill: impl FnOnce(&mut Context),
    ) {
        let file = file_for(path);
        if let Some(key) = key.filter(|_| self.sink.remembers()) {
            let key = super::keys::page_key(self.base_key, template, path, title, description, key);
            if self.sink.unchanged(&file, key) {
                return;
            }
            return self.render_page(&file, path, template, title, description, fill);
        }
        let mut own = Context::new();
        own.insert("page_title", title);
        own.insert("page_description", description);
        own.insert("page_url", &self.views.url(path));
        own.insert("permalink", &self.site.config.permalink(path));
        fill(&mut own);
        // `serve` keeps the pages of its last build: a page whose template
        // and values are the same need not be rendered again.
        if self.sink.remembers() {
            let (key, back) = context_key(template, self.base_key, own);
            own = back;
            if self.sink.unchanged(&file, key) {
                return;
            }
        }
        self.render_context(&file, template, own);
    }

    fn render_page(
        &self,
        file: &str,
        path: &str,
        template: &str,
        title: &str,
        description: &str,
        fill: impl FnOnce(&mut Context),
    ) {
        let mut own = Context::new();
        own.insert("page_title", title);
        own.insert("page_description", description);
        own.insert("page_url", &self.views.url(path));
        own.insert("permalink", &self.site.config.permalink(path));
        fill(&mut own);
        self.render_context(file, template, own);
    }

    fn render_context(&self, file: &str, template: &str, own: Context) {
        let mut cx = self.base.clone();
        cx.extend(own);
        // Rendered straight into bytes: `Tera::render` would check the whole
        // page is UTF-8 again to make a `String` (6% of a build's CPU).
        let mut html = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(template, &cx, &mut html) {
            Ok(()) => self.write(file, &html),
            Err(e) => {
                let first = self
                    .failed_templates
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(template.to_string());
                if first {
                    self.diagnostics.push(super::theme::render_error(
                        self.root,
                        &self.site.config.theme,
                        &e,
                    ));
                }
            }
        }
    }

    fn remembers(&self) -> bool {
        self.sink.remembers()
    }

    pub fn write(&self, file: &str, bytes: &[u8]) {
        // The error's own words, without the "error:" its Display adds: the
        // diagnostic says that already.
        let message = match self.sink.write(file, bytes) {
            Ok(()) => return,
            Err(crate::error::Error::Content(problems)) => {
                return self.diagnostics.extend(problems);
            }
            Err(crate::error::Error::Usage(message)) => message,
            Err(crate::error::Error::Io(_, err)) => {
                crate::t!("write-failed", reason = err.to_string())
            }
        };
        self.diagnostics
            .push(Diagnostic::error(Location::file(file), message));
    }

    fn sitemap(&self, path: &str, date: Option<jiff::civil::Date>) {
        self.sitemap
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), date));
    }

    /// An article's page.
    pub fn article(&self, a: &crate::model::Article) {
        let mut view = self.views.article(a);
        let description = if a.summary.is_empty() {
            a.title.clone()
        } else {
            a.summary.clone()
        };
        let key = self
            .remembers()
            .then(|| super::keys::article_key(&view, &a.html, &a.related, &self.card_keys));
        self.emit_keyed(&a.path, "article.html", &a.title, &description, key, |cx| {
            view.content = a.html.clone();
            view.related = self.views.cards(&a.related);
            cx.insert("article", &view)
        });
        self.sitemap(&a.path, Some(a.date));
    }

    /// The site's Atom feed.
    pub fn site_feed(&self) {
        let site = self.site;
        let all: Vec<usize> = (0..site.articles.len()).collect();
        let xml = crate::output::feeds::atom(site, &site.config.title, "/atom.xml", "/", &all);
        self.write("atom.xml", xml.as_bytes());
    }

    /// The Atom feed of the programme `e`.
    pub fn programme_feed(&self, e: &crate::model::registry::Entry) {
        let site = self.site;
        let base = format!("/programmes/{}/", e.key);
        let feed = format!("{base}atom.xml");
        let xml = crate::output::feeds::atom(
            site,
            &format!("{} — {}", e.title, site.config.title),
            &feed,
            &base,
            &e.articles,
        );
        self.write(&file_for(&feed), xml.as_bytes());
    }

    /// Renders every page.
    pub fn render_all(&self) {
        let site = self.site;
        // Each group in parallel; the groups one after another, so a
        // template error is reported from the first page that shows it.
        site.articles.par_iter().enumerate().for_each(|(i, a)| {
            if !self.kept_article(i, a) {
                self.article(a)
            }
        });
        self.home();
        self.sections();
        self.registries();
        self.regions();
        self.terms_pages();
        self.archive();
        self.bulletins();
        self.emit("/search/", "search.html", "搜索", "", |_| {});
        self.emit("/404.html", "404.html", "页面不存在", "", |_| {});
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

    /// A paginated list of `articles` at `base`, with the rest of its page.
    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        base: &str,
        template: &str,
        title: &str,
        kicker: &str,
        description: &str,
        articles: &[usize],
        children: &[TermView],
        breadcrumbs: &[Link],
        feed: Option<&str>,
        extra: &(dyn Fn(&mut Context) + Sync),
    ) {
        let pages = paginate(articles.len(), self.site.config.paginate_by, base);
        let lastmod = articles.first().map(|&i| self.site.articles[i].date);
        let feed = feed.map(|f| self.views.url(f));
        // Keyed by what all its pages share (hashed once per list), each
        // page's pager and its cards' keys: building every card of an
        // unchanged page is most of what a rebuild would cost.
        let head = self.remembers().then(|| {
            let mut more = Context::new();
            extra(&mut more);
            super::keys::list_head_key(
                &ListHead {
                    title,
                    kicker,
                    description,
                    feed: &feed,
                    children,
                    breadcrumbs,
                },
                more,
            )
        });
        pages.into_par_iter().for_each(|(range, pager)| {
            let pager_view = self.pager(&pager);
            let page_title = if pager.number > 1 {
                format!("{title}（第{}页）", pager.number)
            } else {
                title.to_string()
            };
            let key = head.map(|head| {
                super::keys::list_page_key(
                    head,
                    &pager_view,
                    &articles[range.clone()],
                    &self.card_keys,
                )
            });
            self.emit_keyed(&pager.path, template, &page_title, description, key, |cx| {
                let view = ListView {
                    title,
                    kicker,
                    description,
                    articles: self.views.cards(&articles[range]),
                    pager: pager_view,
                    feed: feed.clone(),
                    children: children.to_vec(),
                    breadcrumbs: breadcrumbs.to_vec(),
                };
                cx.insert("list", &view);
                extra(cx);
            });
            self.sitemap(&pager.path, lastmod);
        });
    }

    fn home(&self) {
        let site = self.site;
        let (intro_title, intro) = match &site.home {
            Some((title, text)) => (title.clone(), text.html.clone()),
            None => (site.config.title.clone(), String::new()),
        };
        let programmes = self.entry_terms(&site.programmes, "programmes");
        let awards = self.entry_terms(&site.awards, "awards");
        let bulletin = site.bulletins.first().map(|b| {
            self.views
                .link(&format!("{} {}", b.title, b.number), &b.path)
        });
        let all: Vec<usize> = (0..site.articles.len()).collect();
        self.list(
            "/",
            "index.html",
            &site.config.title,
            "",
            &site.config.description,
            &all,
            &[],
            &[],
            Some("/atom.xml"),
            &|cx| {
                cx.insert("intro_title", &intro_title);
                cx.insert("intro", &intro);
                cx.insert("programmes", &programmes);
                cx.insert("awards", &awards);
                cx.insert("latest_bulletin", &bulletin);
            },
        );
    }

    fn entry_terms(
        &self,
        registry: &crate::model::registry::Registry,
        root: &str,
    ) -> Vec<TermView> {
        registry
            .entries
            .iter()
            .map(|e| TermView {
                name: e.title.clone(),
                url: self.views.url(&format!("/{root}/{}/", e.key)),
                count: e.articles.len(),
            })
            .collect()
    }

    fn sections(&self) {
        let site = self.site;
        let has_articles_root = site.sections.iter().any(|s| s.path == "/articles/");
        if !has_articles_root {
            let all: Vec<usize> = (0..site.articles.len()).collect();
            self.list(
                "/articles/",
                "list.html",
                "全部新闻",
                "",
                "",
                &all,
                &[],
                &[],
                None,
                &|_| {},
            );
        }
        let mut parent = vec![None; site.sections.len()];
        for (i, s) in site.sections.iter().enumerate() {
            for &c in &s.children {
                parent[c] = Some(i);
            }
        }
        for (i, s) in site.sections.iter().enumerate() {
            // The way down from the top section: 新闻动态 › 基层来信.
            let mut crumbs = Vec::new();
            let mut up = parent[i];
            while let Some(p) = up {
                let p_section = &site.sections[p];
                crumbs.insert(0, self.views.link(&p_section.title, &p_section.path));
                up = parent[p];
            }
            let children: Vec<TermView> = s
                .children
                .iter()
                .map(|&c| {
                    let c = &site.sections[c];
                    TermView {
                        name: c.title.clone(),
                        url: self.views.url(&c.path),
                        count: c.articles.len(),
                    }
                })
                .collect();
            let description = s.description.clone().unwrap_or_default();
            let intro = s.text.html.clone();
            self.list(
                &s.path,
                "list.html",
                &s.title,
                "栏目",
                &description,
                &s.articles,
                &children,
                &crumbs,
                None,
                &|cx| cx.insert("intro", &intro),
            );
        }
    }

    fn registries(&self) {
        let site = self.site;
        for (registry, root, heading) in [
            (&site.programmes, "programmes", "工作品牌与项目"),
            (&site.awards, "awards", "荣誉与奖项"),
        ] {
            let terms = self.entry_terms(registry, root);
            self.terms(&format!("/{root}/"), heading, &terms);
        }
        for e in &site.programmes.entries {
            let base = format!("/programmes/{}/", e.key);
            let feed = format!("{base}atom.xml");
            let html = e.text.html.clone();
            self.list(
                &base,
                "programme.html",
                &e.title,
                "项目",
                "",
                &e.articles,
                &[],
                &[self.views.link("项目", "/programmes/")],
                Some(&feed),
                &|cx| cx.insert("intro", &html),
            );
            self.programme_feed(e);
        }
        site.awards
            .entries
            .par_iter()
            .for_each(|e| self.honour_roll(e));
    }

    /// An award's page: the honour roll of every recipient named in any
    /// article, newest first, then the reports that mention the award.
    fn honour_roll(&self, e: &crate::model::registry::Entry) {
        #[derive(Serialize)]
        struct Row {
            recipient: String,
            article: Link,
            date: String,
            date_cn: String,
            region: String,
            count: Option<u32>,
        }
        #[derive(Serialize)]
        struct AwardPage<'a> {
            title: &'a str,
            level: Option<&'static str>,
            issuer: Option<&'a str>,
            description: &'a str,
            rows: Vec<Row>,
            pager: PagerView,
            articles: Vec<Card>,
            recipients: usize,
        }
        let site = self.site;
        let mut rows = Vec::new();
        for &i in &e.articles {
            let a = &site.articles[i];
            for m in a
                .awards
                .iter()
                .filter(|m| site.awards.get(m.award).key == e.key)
            {
                for r in &m.recipients {
                    rows.push(Row {
                        recipient: r.clone(),
                        article: self.views.link(&a.title, &a.path),
                        date: a.date.to_string(),
                        date_cn: date_cn(a.date),
                        region: a.region_name(),
                        count: m.count,
                    });
                }
            }
        }
        let base = format!("/awards/{}/", e.key);
        let recipients = rows.len();
        let pages = paginate(rows.len(), site.config.paginate_by, &base);
        let mut rows = rows.into_iter();
        for (range, pager) in pages {
            let mut view = AwardPage {
                title: &e.title,
                level: e.level.map(|l| l.label()),
                issuer: e.issuer.as_deref(),
                description: &e.text.html,
                rows: rows.by_ref().take(range.len()).collect(),
                pager: self.pager(&pager),
                articles: Vec::new(),
                recipients,
            };
            // The first page shows the cards of every article naming the
            // award: keyed by the cards' keys, built only to render.
            let cards: &[usize] = if pager.number == 1 { &e.articles } else { &[] };
            let key = self
                .remembers()
                .then(|| super::keys::cards_page_key(&view, cards, &self.card_keys));
            self.emit_keyed(
                &pager.path,
                "award.html",
                &format!("{}光荣榜", e.title),
                "",
                key,
                |cx| {
                    view.articles = self.views.cards(cards);
                    cx.insert("award", &view)
                },
            );
            self.sitemap(
                &pager.path,
                e.articles.first().map(|&i| site.articles[i].date),
            );
        }
    }

    /// A paginated list of terms (programmes, tags, people …) at `base`.
    fn terms(&self, base: &str, title: &str, terms: &[TermView]) {
        let pages = paginate(terms.len(), self.site.config.paginate_by * 5, base);
        for (range, pager) in pages {
            let view = self.pager(&pager);
            self.emit(&pager.path, "terms.html", title, "", |cx| {
                cx.insert("terms", &terms[range]);
                cx.insert("pager", &view);
            });
            self.sitemap(&pager.path, None);
        }
    }

    fn regions(&self) {
        let site = self.site;
        let view = |i: usize| {
            let r = &site.regions[i];
            TermView {
                name: r.name().to_string(),
                url: self.views.url(&r.path),
                count: r.articles.len(),
            }
        };
        let top: Vec<TermView> = site
            .regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.levels.len() == 1)
            .map(|(i, _)| view(i))
            .collect();
        self.terms("/regions/", "地区", &top);
        // Each ancestor's own path (a clashing slug got a suffix there).
        let paths: std::collections::HashMap<&[String], &str> = site
            .regions
            .iter()
            .map(|r| (r.levels.as_slice(), r.path.as_str()))
            .collect();
        site.regions.par_iter().for_each(|r| {
            let children: Vec<TermView> = r.children.iter().map(|&c| view(c)).collect();
            let mut crumbs = vec![self.views.link("地区", "/regions/")];
            for depth in 1..r.levels.len() {
                if let Some(path) = paths.get(&r.levels[..depth]) {
                    crumbs.push(self.views.link(&r.levels[depth - 1], path));
                }
            }
            self.list(
                &r.path,
                "region.html",
                &r.levels.concat(),
                "地区",
                "",
                &r.articles,
                &children,
                &crumbs,
                None,
                &|_| {},
            );
        });
    }

    fn terms_pages(&self) {
        let site = self.site;
        for (terms, root, heading, kicker) in [
            (&site.tags, "tags", "标签", "标签"),
            (&site.people, "authors", "记者与通讯员", "作者"),
        ] {
            let mut list: Vec<TermView> = terms
                .iter()
                .map(|t| TermView {
                    name: t.name.clone(),
                    url: self.views.url(&t.path),
                    count: t.articles.len(),
                })
                .collect();
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.url.cmp(&b.url)));
            self.terms(&format!("/{root}/"), heading, &list);
            terms.par_iter().for_each(|t| {
                let crumbs = [self.views.link(heading, &format!("/{root}/"))];
                self.list(
                    &t.path,
                    "list.html",
                    &t.name,
                    kicker,
                    "",
                    &t.articles,
                    &[],
                    &crumbs,
                    None,
                    &|_| {},
                );
            });
        }
    }

    fn archive(&self) {
        let site = self.site;
        let years: Vec<TermView> = site
            .years
            .iter()
            .map(|y| TermView {
                name: format!("{}年", y.year),
                url: self.views.url(&y.path),
                count: y.articles.len(),
            })
            .collect();
        self.terms("/archive/", "归档", &years);
        site.years.par_iter().for_each(|y| {
            let months: Vec<TermView> = y
                .months
                .iter()
                .map(|m| TermView {
                    name: format!("{}月", m.month),
                    url: self.views.url(&m.path),
                    count: m.articles.len(),
                })
                .collect();
            let crumbs = [self.views.link("归档", "/archive/")];
            let title = format!("{}年", y.year);
            self.list(
                &y.path,
                "list.html",
                &title,
                "归档",
                "",
                &y.articles,
                &months,
                &crumbs,
                None,
                &|_| {},
            );
            for m in &y.months {
                let crumbs = [
                    self.views.link("归档", "/archive/"),
                    self.views.link(&title, &y.path),
                ];
                let title = format!("{}年{}月", y.year, m.month);
                self.list(
                    &m.path,
                    "list.html",
                    &title,
                    "归档",
                    "",
                    &m.articles,
                    &[],
                    &crumbs,
                    None,
                    &|_| {},
                );
            }
        });
    }
}

/// A hash of what a page is made from: its template's name, the values all
/// pages share (`base`, hashed once) and the page's own values. The context
/// is handed back, as hashing goes through its JSON form without a copy.
pub(super) fn context_key(template: &str, base: u64, own: Context) -> (u64, Context) {
    use std::hash::Hasher;
    let mut h = HashWriter(std::collections::hash_map::DefaultHasher::new());
    h.0.write(template.as_bytes());
    h.0.write_u64(base);
    let json = own.into_json();
    let _ = serde_json::to_writer(&mut h, &json);
    let own = Context::from_value(json).unwrap_or_default();
    (h.0.finish(), own)
}

pub(super) struct HashWriter(pub(super) std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::hash::Hasher::write(&mut self.0, buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
