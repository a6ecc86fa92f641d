//! Paginated lists of articles (the front page, the sections, and the
//! lists of every region, tag, person, programme and year use [`List`]),
//! and the indexes of such lists (`terms.html`).

use rayon::prelude::*;
use tera::Context;

use super::Pages;
use crate::model::paginate::{self, paginate};
use crate::model::urls;
use crate::render::keys;
use crate::render::view::{Link, ListHead, ListLink, ListView};

/// A paginated list of articles and the rest of its page, for
/// [`Pages::list`]. [`List::new`] gives the plain list; the other fields
/// are set as each list needs.
pub(super) struct List<'l> {
    /// The site path of its first page.
    pub base: &'l str,
    pub template: &'l str,
    pub title: &'l str,
    /// The line above the title: "标签", "记者" …
    pub kicker: &'l str,
    pub description: &'l str,
    /// Article indices, newest first.
    pub articles: &'l [usize],
    /// Links below the list's heading: sub-sections, sub-regions, months.
    pub children: &'l [ListLink],
    /// The way here: 地区 › 安徽省 › 宣城市.
    pub breadcrumbs: &'l [Link],
    /// The site path of the list's Atom feed, if it has one.
    pub feed: Option<&'l str>,
    /// Adds the template's own values beside `list`.
    pub extra: &'l (dyn Fn(&mut Context) + Sync),
}

fn no_extra(_: &mut Context) {}

impl<'l> List<'l> {
    /// The list of `articles` at `base` with `template`, titled `title`,
    /// with nothing else.
    pub fn new(base: &'l str, template: &'l str, title: &'l str, articles: &'l [usize]) -> Self {
        List {
            base,
            template,
            title,
            kicker: "",
            description: "",
            articles,
            children: &[],
            breadcrumbs: &[],
            feed: None,
            extra: &no_extra,
        }
    }
}

impl Pages<'_> {
    /// Every page of `list`.
    pub(super) fn list(&self, list: List) {
        let List {
            base,
            template,
            title,
            kicker,
            description,
            articles,
            children,
            breadcrumbs,
            feed,
            extra,
        } = list;
        let per_page = self.site.config.paginate_by;
        let total = paginate::page_count(articles.len(), per_page);
        let lastmod = articles.first().map(|&i| self.site.articles[i].date);
        let feed = feed.map(|f| self.views.url(f));
        // Keyed by what all its pages share (hashed once per list), each
        // page's number and the count of pages (all its pager shows), and
        // its cards' keys: building every card and pager of an unchanged
        // page is most of what a rebuild would cost.
        let head = self.remembers().then(|| {
            let mut more = Context::new();
            extra(&mut more);
            keys::list_head_key(
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
        (1..=total).into_par_iter().for_each(|n| {
            let range = paginate::items_on(articles.len(), per_page, n);
            let path = urls::page_of_list(base, n);
            let page_title = if n > 1 {
                format!("{title}（第{n}页）")
            } else {
                title.to_string()
            };
            let key = head.map(|head| {
                keys::list_page_key(head, n, total, &articles[range.clone()], &self.card_keys)
            });
            self.emit_keyed(&path, template, &page_title, description, key, |cx| {
                let pager = paginate::pager(articles.len(), per_page, base, n);
                let view = ListView {
                    title,
                    kicker,
                    description,
                    articles: self.views.cards(&articles[range]),
                    pager: self.pager(&pager),
                    feed: feed.clone(),
                    children: children.to_vec(),
                    breadcrumbs: breadcrumbs.to_vec(),
                };
                cx.insert("list", &view);
                extra(cx);
            });
            self.sitemap(&path, lastmod);
        });
    }

    /// A paginated index of lists (programmes, tags, people …) at `base`.
    pub(super) fn list_index(&self, base: &str, title: &str, links: &[ListLink]) {
        let pages = paginate(links.len(), self.site.config.paginate_by * 5, base);
        for (range, pager) in pages {
            let view = self.pager(&pager);
            self.emit(&pager.path, "terms.html", title, "", |cx| {
                cx.insert("terms", &links[range]);
                cx.insert("pager", &view);
            });
            self.sitemap(&pager.path, None);
        }
    }

    /// The front page: every article, newest first, under the site's
    /// introduction, with the programmes, awards and latest bulletin.
    pub(super) fn home(&self) {
        let site = self.site;
        let (intro_title, intro) = match &site.home {
            Some((title, text)) => (title.clone(), text.html.clone()),
            None => (site.config.title.clone(), String::new()),
        };
        let programmes = self.entry_links(&site.programmes);
        let awards = self.entry_links(&site.awards);
        let bulletin = site.bulletins.first().map(|b| {
            self.views
                .link(&format!("{} {}", b.title, b.number), &b.path)
        });
        let all: Vec<usize> = (0..site.articles.len()).collect();
        self.list(List {
            description: &site.config.description,
            feed: Some(urls::SITE_FEED),
            extra: &|cx| {
                cx.insert("intro_title", &intro_title);
                cx.insert("intro", &intro);
                cx.insert("programmes", &programmes);
                cx.insert("awards", &awards);
                cx.insert("latest_bulletin", &bulletin);
            },
            ..List::new(urls::HOME, "index.html", &site.config.title, &all)
        });
    }

    /// Each section's list, under the way down from its top section; and
    /// `/articles/`, every article, when no section is there.
    pub(super) fn sections(&self) {
        let site = self.site;
        let articles_root = urls::ARTICLES.index();
        let has_articles_root = site.sections.iter().any(|s| s.path == articles_root);
        if !has_articles_root {
            let all: Vec<usize> = (0..site.articles.len()).collect();
            self.list(List::new(&articles_root, "list.html", "全部新闻", &all));
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
            let children: Vec<ListLink> = s
                .children
                .iter()
                .map(|&c| {
                    let c = &site.sections[c];
                    ListLink {
                        name: c.title.clone(),
                        url: self.views.url(&c.path),
                        count: c.articles.len(),
                    }
                })
                .collect();
            let description = s.description.clone().unwrap_or_default();
            let intro = s.text.html.clone();
            self.list(List {
                kicker: "栏目",
                description: &description,
                children: &children,
                breadcrumbs: &crumbs,
                extra: &|cx| cx.insert("intro", &intro),
                ..List::new(&s.path, "list.html", &s.title, &s.articles)
            });
        }
    }
}
