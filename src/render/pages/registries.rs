//! The programmes and awards: the index of each registry, each
//! programme's list of articles and its feed, and each award's honour roll.

use rayon::prelude::*;
use serde::Serialize;

use super::Pages;
use super::lists::List;
use crate::model::paginate::paginate;
use crate::model::registry::{Entry, Registry};
use crate::render::keys;
use crate::render::sink::file_for;
use crate::render::view::{Card, Link, ListLink, PagerView, date_cn};

impl Pages<'_> {
    pub(super) fn registries(&self) {
        let site = self.site;
        for (registry, root, heading) in [
            (&site.programmes, "programmes", "工作品牌与项目"),
            (&site.awards, "awards", "荣誉与奖项"),
        ] {
            let links = self.entry_links(registry, root);
            self.list_index(&format!("/{root}/"), heading, &links);
        }
        for e in &site.programmes.entries {
            let base = format!("/programmes/{}/", e.key);
            let feed = format!("{base}atom.xml");
            let html = e.text.html.clone();
            self.list(List {
                kicker: "项目",
                breadcrumbs: &[self.views.link("项目", "/programmes/")],
                feed: Some(&feed),
                extra: &|cx| cx.insert("intro", &html),
                ..List::new(&base, "programme.html", &e.title, &e.articles)
            });
            self.programme_feed(e);
        }
        site.awards
            .entries
            .par_iter()
            .for_each(|e| self.honour_roll(e));
    }

    /// A link to each entry of `registry`, whose pages are under `/{root}/`.
    pub(super) fn entry_links(&self, registry: &Registry, root: &str) -> Vec<ListLink> {
        registry
            .entries
            .iter()
            .map(|e| ListLink {
                name: e.title.clone(),
                url: self.views.url(&format!("/{root}/{}/", e.key)),
                count: e.articles.len(),
            })
            .collect()
    }

    /// The Atom feed of the programme `e`.
    pub fn programme_feed(&self, e: &Entry) {
        let site = self.site;
        let base = format!("/programmes/{}/", e.key);
        let feed = format!("{base}atom.xml");
        let xml = crate::render::feed::atom(
            site,
            &format!("{} — {}", e.title, site.config.title),
            &feed,
            &base,
            &e.articles,
        );
        self.write(&file_for(&feed), xml.as_bytes());
    }

    /// An award's page: the honour roll of every recipient named in any
    /// article, newest first, then the reports that mention the award.
    fn honour_roll(&self, e: &Entry) {
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
                .then(|| keys::cards_page_key(&view, cards, &self.card_keys));
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
}
