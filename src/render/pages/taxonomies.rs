//! The regions, tags and people: an index of each, and each one's list of
//! articles (a region's under the way down from its province).

use rayon::prelude::*;

use super::Pages;
use super::lists::List;
use crate::render::view::ListLink;

impl Pages<'_> {
    pub(super) fn regions(&self) {
        let site = self.site;
        let view = |i: usize| {
            let r = &site.regions[i];
            ListLink {
                name: r.name().to_string(),
                url: self.views.url(&r.path),
                count: r.articles.len(),
            }
        };
        let top: Vec<ListLink> = site
            .regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.levels.len() == 1)
            .map(|(i, _)| view(i))
            .collect();
        self.list_index("/regions/", "地区", &top);
        // Each ancestor's own path (a clashing slug got a suffix there).
        let paths: std::collections::HashMap<&[String], &str> = site
            .regions
            .iter()
            .map(|r| (r.levels.as_slice(), r.path.as_str()))
            .collect();
        site.regions.par_iter().for_each(|r| {
            let children: Vec<ListLink> = r.children.iter().map(|&c| view(c)).collect();
            let mut crumbs = vec![self.views.link("地区", "/regions/")];
            for depth in 1..r.levels.len() {
                if let Some(path) = paths.get(&r.levels[..depth]) {
                    crumbs.push(self.views.link(&r.levels[depth - 1], path));
                }
            }
            let title = r.levels.concat();
            self.list(List {
                kicker: "地区",
                children: &children,
                breadcrumbs: &crumbs,
                ..List::new(&r.path, "region.html", &title, &r.articles)
            });
        });
    }

    /// The tags and the people (authors, correspondents, photographers),
    /// each index sorted by how many articles, most first.
    pub(super) fn tags_and_people(&self) {
        let site = self.site;
        for (terms, root, heading, kicker) in [
            (&site.tags, "tags", "标签", "标签"),
            (&site.people, "authors", "记者与通讯员", "作者"),
        ] {
            let mut links: Vec<ListLink> = terms
                .iter()
                .map(|t| ListLink {
                    name: t.name.clone(),
                    url: self.views.url(&t.path),
                    count: t.articles.len(),
                })
                .collect();
            links.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.url.cmp(&b.url)));
            self.list_index(&format!("/{root}/"), heading, &links);
            terms.par_iter().for_each(|t| {
                let crumbs = [self.views.link(heading, &format!("/{root}/"))];
                self.list(List {
                    kicker,
                    breadcrumbs: &crumbs,
                    ..List::new(&t.path, "list.html", &t.name, &t.articles)
                });
            });
        }
    }
}
