//! The archive: an index of the years, and each year's and month's list.

use rayon::prelude::*;

use super::Pages;
use super::lists::List;
use crate::render::view::ListLink;

impl Pages<'_> {
    pub(super) fn archive(&self) {
        let site = self.site;
        let years: Vec<ListLink> = site
            .years
            .iter()
            .map(|y| ListLink {
                name: format!("{}年", y.year),
                url: self.views.url(&y.path),
                count: y.articles.len(),
            })
            .collect();
        self.list_index("/archive/", "归档", &years);
        site.years.par_iter().for_each(|y| {
            let months: Vec<ListLink> = y
                .months
                .iter()
                .map(|m| ListLink {
                    name: format!("{}月", m.month),
                    url: self.views.url(&m.path),
                    count: m.articles.len(),
                })
                .collect();
            let crumbs = [self.views.link("归档", "/archive/")];
            let title = format!("{}年", y.year);
            self.list(List {
                kicker: "归档",
                children: &months,
                breadcrumbs: &crumbs,
                ..List::new(&y.path, "list.html", &title, &y.articles)
            });
            for m in &y.months {
                let crumbs = [
                    self.views.link("归档", "/archive/"),
                    self.views.link(&title, &y.path),
                ];
                let title = format!("{}年{}月", y.year, m.month);
                self.list(List {
                    kicker: "归档",
                    breadcrumbs: &crumbs,
                    ..List::new(&m.path, "list.html", &title, &m.articles)
                });
            }
        });
    }
}
