//! The programmes and awards: the index of each registry, each
//! programme's list of articles and its feed, and each award's honour roll.

use rayon::prelude::*;
use serde::Serialize;

use super::Pages;
use super::lists::List;
use crate::model::paginate;
use crate::model::registry::{Award, Programme, Registry, RegistryEntry};
use crate::model::urls;
use crate::render::keys;
use crate::render::sink::file_for;
use crate::render::view::{Card, Link, ListLink, PagerView, date_cn};

impl Pages<'_> {
    pub(super) fn registries(&self) {
        let site = self.site;
        for (links, root, heading) in [
            (
                self.entry_links(&site.programmes),
                urls::PROGRAMMES,
                "工作品牌与项目",
            ),
            (self.entry_links(&site.awards), urls::AWARDS, "荣誉与奖项"),
        ] {
            self.list_index(&root.index(), heading, &links);
        }
        for e in &site.programmes.entries {
            let base = &e.path;
            let feed = urls::feed(base);
            let html = e.text.html.clone();
            self.list(List {
                kicker: "项目",
                breadcrumbs: &[self.views.link("项目", &urls::PROGRAMMES.index())],
                feed: Some(&feed),
                extra: &|cx| cx.insert("intro", &html),
                ..List::new(base, "programme.html", &e.title, &e.articles)
            });
        }
        site.programmes
            .entries
            .par_iter()
            .for_each(|e| self.programme_feed(e));
        site.awards
            .entries
            .par_iter()
            .for_each(|e| self.honour_roll(e));
    }

    /// A link to each entry of `registry`.
    pub(super) fn entry_links<E: RegistryEntry>(&self, registry: &Registry<E>) -> Vec<ListLink> {
        registry
            .entries
            .iter()
            .map(|e| ListLink {
                name: e.title.clone(),
                url: self.views.url(&e.path),
                count: e.articles.len(),
            })
            .collect()
    }

    /// The Atom feed of the programme `e`.
    pub fn programme_feed(&self, e: &Programme) {
        let site = self.site;
        let base = &e.path;
        let feed = urls::feed(base);
        let xml = crate::render::feed::atom(
            site,
            &format!("{} — {}", e.title, site.config.title),
            &feed,
            base,
            &e.articles,
        );
        self.write(&file_for(&feed), xml.as_bytes());
    }

    /// An award's page: the honour roll of every recipient named in any
    /// article, newest first, then the reports that mention the award.
    fn honour_roll(&self, e: &Award) {
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
        /// What a page's key holds of it: its view but for the rows and
        /// cards, which are keyed by their articles' cards (a row shows
        /// its article's title, link, date and region, all on its card).
        #[derive(Serialize)]
        struct Keyed<'a> {
            title: &'a str,
            level: Option<&'static str>,
            issuer: Option<&'a str>,
            description: &'a str,
            number: usize,
            total: usize,
            recipients: usize,
            rows: Vec<(&'a str, Option<u32>, u64)>,
        }
        let site = self.site;
        let honours = &e.honour_roll.honours;
        let base = &e.path;
        let recipients = honours.len();
        let per_page = site.config.paginate_by;
        let total = paginate::page_count(recipients, per_page);
        let level = e.level.map(|l| l.label());
        for n in 1..=total {
            let range = paginate::items_on(recipients, per_page, n);
            let path = urls::page_of_list(base, n);
            // The first page shows the cards of every article naming the
            // award: keyed by the cards' keys, built only to render.
            let cards: &[usize] = if n == 1 { &e.articles } else { &[] };
            // Rows and pager are made only for a page rendered: the
            // honour rolls were a sixteenth of a title edit's rebuild.
            let key = self.remembers().then(|| {
                let keyed = Keyed {
                    title: &e.title,
                    level,
                    issuer: e.issuer.as_deref(),
                    description: &e.text.html,
                    number: n,
                    total,
                    recipients,
                    rows: honours[range.clone()]
                        .iter()
                        .map(|h| (h.recipient.as_str(), h.count, self.card_keys[h.article]))
                        .collect(),
                };
                keys::cards_page_key(&keyed, cards, &self.card_keys)
            });
            self.emit_keyed(
                &path,
                "award.html",
                &format!("{}光荣榜", e.title),
                "",
                key,
                |cx| {
                    let rows = honours[range]
                        .iter()
                        .map(|h| {
                            let a = &site.articles[h.article];
                            Row {
                                recipient: h.recipient.clone(),
                                article: self.views.link(&a.title, &a.path),
                                date: a.date.to_string(),
                                date_cn: date_cn(a.date),
                                region: a.region_name(),
                                count: h.count,
                            }
                        })
                        .collect();
                    let view = AwardPage {
                        title: &e.title,
                        level,
                        issuer: e.issuer.as_deref(),
                        description: &e.text.html,
                        rows,
                        pager: self.pager(&paginate::pager(recipients, per_page, base, n)),
                        articles: self.views.cards(cards),
                        recipients,
                    };
                    cx.insert("award", &view)
                },
            );
            self.sitemap(&path, e.articles.first().map(|&i| site.articles[i].date));
        }
    }
}
