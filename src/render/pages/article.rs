//! An article's own page, and the site's Atom feed of the newest articles.

use super::Pages;
use crate::model::Article;
use crate::model::urls;
use crate::render::keys;
use crate::render::sink::file_for;

impl Pages<'_> {
    /// An article's page.
    pub fn article(&self, a: &Article) {
        let mut view = self.views.article(a);
        let description = if a.summary.is_empty() {
            a.title.clone()
        } else {
            a.summary.clone()
        };
        let key = self
            .remembers()
            .then(|| keys::article_key(&view, &a.body.html, &a.related, &self.card_keys));
        self.emit_keyed(&a.path, "article.html", &a.title, &description, key, |cx| {
            view.content = a.body.html.clone();
            view.related = self.views.cards(&a.related);
            cx.insert("article", &view)
        });
        self.sitemap(&a.path, Some(a.date));
    }

    /// Which article pages are kept as the last build made them: those
    /// the scope says cannot have changed and the sink still has, asked of
    /// the sink all at once (one by one, through its locks, this was a
    /// tenth of a title edit at 10,000 articles). By article index; empty
    /// without a scope.
    pub(super) fn kept_articles(&self) -> Vec<bool> {
        let Some(scope) = &self.scope else {
            return Vec::new();
        };
        let articles = &self.site.articles;
        let mut asked = Vec::new();
        let mut pages = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            if scope.articles.get(i).copied().unwrap_or(true) {
                continue;
            }
            let file = file_for(&a.path);
            if let Some(key) = (scope.previous)(&file) {
                asked.push(i);
                pages.push((file, key));
            }
        }
        let same = self.sink.unchanged_all(&pages);
        let mut kept = vec![false; articles.len()];
        let mut sitemap = self.sitemap.lock().unwrap_or_else(|e| e.into_inner());
        for (&i, same) in asked.iter().zip(same) {
            if same {
                kept[i] = true;
                sitemap.push((articles[i].path.clone(), Some(articles[i].date)));
            }
        }
        kept
    }

    /// The site's Atom feed.
    pub fn site_feed(&self) {
        let site = self.site;
        let all: Vec<usize> = (0..site.articles.len()).collect();
        let xml =
            crate::render::feed::atom(site, &site.config.title, urls::SITE_FEED, urls::HOME, &all);
        self.write(&file_for(urls::SITE_FEED), xml.as_bytes());
    }
}
