//! An article's own page, and the site's Atom feed of the newest articles.

use super::Pages;
use crate::model::Article;
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
            .then(|| keys::article_key(&view, &a.html, &a.related, &self.card_keys));
        self.emit_keyed(&a.path, "article.html", &a.title, &description, key, |cx| {
            view.content = a.html.clone();
            view.related = self.views.cards(&a.related);
            cx.insert("article", &view)
        });
        self.sitemap(&a.path, Some(a.date));
    }

    /// Keeps the page of article `i` as the last build made it, if the
    /// scope says it cannot have changed and the sink still has it.
    pub(super) fn kept_article(&self, i: usize, a: &Article) -> bool {
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

    /// The site's Atom feed.
    pub fn site_feed(&self) {
        let site = self.site;
        let all: Vec<usize> = (0..site.articles.len()).collect();
        let xml = crate::render::feed::atom(site, &site.config.title, "/atom.xml", "/", &all);
        self.write("atom.xml", xml.as_bytes());
    }
}
