//! Bulletin pages: the list of all issues, each issue's web page (which
//! the print style sheet lays out as an A4 brief), and its self-contained
//! e-mail version with every style inlined and every URL absolute.

use rayon::prelude::*;
use serde::Serialize;

use super::Pages;
use crate::error::{Diagnostic, Location};
use crate::model::urls;
use crate::render::sink::file_for;
use crate::render::view::{Card, Thumb, date_cn};

impl Pages<'_> {
    pub fn bulletins(&self) {
        #[derive(Serialize)]
        struct BulletinView {
            title: String,
            number: String,
            date: String,
            date_cn: String,
            url: String,
            email_url: String,
            /// Links made absolute: a printed brief shows where they lead.
            note: String,
            articles: Vec<LineupItem>,
        }
        /// An article of the line-up, with its full URL for print.
        #[derive(Serialize)]
        struct LineupItem {
            #[serde(flatten)]
            card: Card,
            permalink: String,
        }
        let site = self.site;
        let view = |b: &crate::model::Bulletin| BulletinView {
            title: b.title.clone(),
            number: b.number.clone(),
            date: b.date.to_string(),
            date_cn: date_cn(b.date),
            url: self.views.url(&b.path),
            email_url: self.views.url(&urls::bulletin_email(&b.path)),
            note: crate::render::absolute::absolutize(&b.text.html, site.config.origin_and_path()),
            articles: b
                .articles
                .iter()
                .map(|&i| LineupItem {
                    card: self.views.card(&site.articles[i]),
                    permalink: site.config.permalink(&site.articles[i].path),
                })
                .collect(),
        };
        let all: Vec<BulletinView> = site.bulletins.iter().map(view).collect();
        self.emit("/bulletins/", "bulletins.html", "工作简报", "", |cx| {
            cx.insert("bulletins", &all)
        });
        self.sitemap("/bulletins/", None);
        site.bulletins.par_iter().zip(&all).for_each(|(b, v)| {
            let title = format!("{} {}", b.title, b.number);
            self.emit(&b.path, "bulletin.html", &title, "", |cx| {
                cx.insert("bulletin", v)
            });
            self.sitemap(&b.path, Some(b.date));
            self.email(b, &title);
        });
    }

    /// The bulletin as one self-contained e-mail: styles inlined, every URL
    /// absolute, no script.
    fn email(&self, b: &crate::model::Bulletin, title: &str) {
        let site = self.site;
        let absolute = |path: &str| site.config.permalink(path);
        let cards: Vec<Card> = b
            .articles
            .iter()
            .map(|&i| {
                let a = &site.articles[i];
                let mut c = self.views.card(a);
                c.url = absolute(&a.path);
                // The lead picture at the e-mail's width, by its full
                // address (see `Site::shown_pictures`).
                c.thumb = a.image.as_ref().and_then(|img| {
                    let v = img.picture.as_ref()?.email();
                    Some(Thumb {
                        url: absolute(&urls::beside(&a.path, &v.file_name)),
                        width: v.width,
                        height: v.height,
                        alt: img.alt.clone(),
                    })
                });
                c
            })
            .collect();
        let mut own = tera::Context::new();
        own.insert("page_title", title);
        own.insert("bulletin_title", &b.title);
        own.insert("number", &b.number);
        own.insert("date_cn", &date_cn(b.date));
        own.insert(
            "note",
            &crate::render::absolute::resolve_relative_urls(
                &crate::render::absolute::absolutize(
                    &crate::images::for_email(
                        &b.text.html,
                        &site
                            .text_pictures
                            .iter()
                            .filter(|(page, _, _)| *page == b.path)
                            .map(|(_, p, _)| p)
                            .collect::<Vec<_>>(),
                    ),
                    site.config.origin_and_path(),
                ),
                &absolute(&b.path),
            ),
        );
        own.insert("articles", &cards);
        own.insert("web_url", &absolute(&b.path));
        own.insert("home_url", &absolute("/"));
        let path = urls::bulletin_email(&b.path);
        let file = file_for(&path);
        // Inlining the styles is the costly part: skipped, as rendering
        // is, when the values are those of the last build.
        if self.remembers() {
            let (key, back) = crate::render::keys::context_key("email.html", self.base_key, own);
            own = back;
            if self.sink.unchanged(&file, key) {
                return;
            }
        }
        let mut cx = self.base.clone();
        cx.extend(own);
        match self.tera.render("email.html", &cx) {
            Ok(html) => match css_inline::inline(&html) {
                Ok(inlined) => self.write(&file, inlined.as_bytes()),
                Err(e) => self.diagnostics.push(Diagnostic::error(
                    Location::file("templates/email.html"),
                    crate::t!("email-inline-failed", reason = e.to_string()),
                )),
            },
            Err(e) => self.diagnostics.push(Diagnostic::error(
                Location::file("templates/email.html"),
                crate::t!("template-error", reason = crate::render::theme::chain(&e)),
            )),
        }
    }
}
