//! What templates see: plain serializable views of the model, with every URL
//! already carrying the site's base path and every date in Chinese form.
//! Themes depend on these names; the README lists them.

use serde::Serialize;
use std::collections::HashMap;

use crate::model::{Article, Site, urls};

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub url: String,
    pub title: String,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub summary: String,
    /// `2024-12-20`.
    pub date: String,
    /// `2024年12月20日`.
    pub date_cn: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub region: String,
    /// A small picture for the list: the lead picture 480 pixels wide (or
    /// narrower, never enlarged), whole, not cropped.
    pub thumb: Option<Thumb>,
}

/// A card's picture: one resized file of the article's lead picture.
#[derive(Debug, Clone, Serialize)]
pub struct Thumb {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// How wide a card's picture file is.
pub const THUMB_WIDTH: u32 = 480;

/// An article's own page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    #[serde(flatten)]
    pub card: Card,
    pub permalink: String,
    /// RFC 3339, for machines.
    pub datetime: String,
    pub authors: Vec<Link>,
    pub correspondents: Vec<Link>,
    pub photographers: Vec<Link>,
    pub trainees: Vec<Link>,
    pub interns: Vec<Link>,
    pub writers: Vec<Link>,
    /// Each level of the region, linked: 安徽省 › 宣城市 › 泾县.
    pub region_links: Vec<Link>,
    pub organisations: Vec<String>,
    pub programmes: Vec<Link>,
    pub awards: Vec<AwardView>,
    pub tags: Vec<Link>,
    pub image: Option<ImageView>,
    pub content: String,
    pub related: Vec<Card>,
    pub extra: serde_json::Value,
    /// schema.org NewsArticle as JSON, safe inside `<script>`.
    pub jsonld: String,
    /// The picture of the article's social card, absolute: its lead
    /// picture, else the site's `default_image:`.
    pub share_image: Option<String>,
    /// Its size in pixels, when it is a resized lead picture.
    pub share_image_width: Option<u32>,
    pub share_image_height: Option<u32>,
    /// The QR code of `permalink`, an inline `<svg>` element.
    pub qr: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AwardView {
    pub name: String,
    pub url: String,
    pub recipients: Vec<String>,
    pub count: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub url: String,
    /// The same picture's absolute URL, for social cards.
    pub permalink: String,
    pub alt: String,
    pub caption: String,
    /// The `<picture>` with its resized files, for the page to show as
    /// it is (empty for a picture published as it is: GIF, SVG).
    pub html: String,
}

/// A link to a list of articles (a section, a region, a tag, a year …),
/// with how many articles it holds.
#[derive(Debug, Clone, Serialize)]
pub struct ListLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// A paginated list of articles, as list templates see it.
#[derive(Serialize)]
pub struct ListView<'a> {
    pub title: &'a str,
    /// The line above the title: "标签", "记者" …
    pub kicker: &'a str,
    pub description: &'a str,
    pub articles: Vec<Card>,
    pub pager: PagerView,
    pub feed: Option<String>,
    /// Links below this list's heading: sub-sections, sub-regions, months.
    pub children: Vec<ListLink>,
    /// The way here: 地区 › 安徽省 › 宣城市.
    pub breadcrumbs: Vec<Link>,
}

/// What every page of a list shows alike: its [`ListView`] but for the
/// cards and the pager.
#[derive(Serialize)]
pub struct ListHead<'a> {
    pub title: &'a str,
    pub kicker: &'a str,
    pub description: &'a str,
    pub feed: &'a Option<String>,
    pub children: &'a [ListLink],
    pub breadcrumbs: &'a [Link],
}

/// Where a page is among the pages of its list.
#[derive(Serialize)]
pub struct PagerView {
    pub number: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Each page's number and URL.
    pub pages: Vec<(usize, String)>,
}

pub fn date_cn(date: jiff::civil::Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Builds views; holds the lookups from names to pages so each is done once.
pub struct Views<'a> {
    pub site: &'a Site,
    pub base: String,
    people: HashMap<&'a str, &'a str>,
    tags: HashMap<&'a str, &'a str>,
    regions: HashMap<&'a [String], &'a str>,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site) -> Self {
        Views {
            site,
            base: site.config.base_path().trim_end_matches('/').to_string(),
            people: site
                .people
                .iter()
                .map(|t| (t.name.as_str(), t.path.as_str()))
                .collect(),
            tags: site
                .tags
                .iter()
                .map(|t| (t.name.as_str(), t.path.as_str()))
                .collect(),
            regions: site
                .regions
                .iter()
                .map(|r| (r.levels.as_slice(), r.path.as_str()))
                .collect(),
        }
    }

    /// A site path with the base path in front: what goes in `href`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn link(&self, name: &str, path: &str) -> Link {
        Link {
            name: name.to_string(),
            url: self.url(path),
        }
    }

    pub fn card(&self, a: &Article) -> Card {
        Card {
            url: self.url(&a.path),
            title: a.title.clone(),
            kicker: a.kicker.clone(),
            subtitle: a.subtitle.clone(),
            summary: a.summary.clone(),
            date: a.date.to_string(),
            date_cn: date_cn(a.date),
            kind: a.kind.as_str(),
            kind_label: a.kind.label(),
            region: a.region_name(),
            thumb: a.image.as_ref().and_then(|img| {
                let v = img.picture.as_ref()?.sized(THUMB_WIDTH)?;
                Some(Thumb {
                    url: self.url(&urls::beside(&a.path, &v.file_name)),
                    width: v.width,
                    height: v.height,
                    alt: img.alt.clone(),
                })
            }),
        }
    }

    pub fn cards(&self, indices: &[usize]) -> Vec<Card> {
        indices
            .iter()
            .map(|&i| self.card(&self.site.articles[i]))
            .collect()
    }

    fn people(&self, names: &[String]) -> Vec<Link> {
        names
            .iter()
            .map(|n| match self.people.get(n.as_str()) {
                Some(path) => self.link(n, path),
                None => self.link(n, &urls::PEOPLE.index()),
            })
            .collect()
    }

    /// An article's page, but for its body and related articles.
    pub fn article(&self, a: &Article) -> ArticleView {
        let site = self.site;
        let region_links = (1..=a.region.len())
            .filter_map(|d| {
                self.regions
                    .get(&a.region[..d])
                    .map(|p| self.link(&a.region[d - 1], p))
            })
            .collect();
        ArticleView {
            card: self.card(a),
            permalink: site.config.permalink(&a.path),
            datetime: datetime(a.timestamp, &site.config.tz),
            authors: self.people(&a.authors),
            correspondents: self.people(&a.correspondents),
            photographers: self.people(&a.photographers),
            trainees: self.people(&a.trainees),
            interns: self.people(&a.interns),
            writers: self.people(&a.writers),
            region_links,
            organisations: a.organisations.clone(),
            programmes: a
                .programmes
                .iter()
                .map(|&p| {
                    let e = site.programmes.get(p);
                    self.link(&e.title, &e.path)
                })
                .collect(),
            awards: a
                .awards
                .iter()
                .map(|m| {
                    let e = site.awards.get(m.award);
                    AwardView {
                        name: e.title.clone(),
                        url: self.url(&e.path),
                        recipients: m.recipients.clone(),
                        count: m.count,
                    }
                })
                .collect(),
            tags: a
                .tags
                .iter()
                .map(|t| match self.tags.get(t.as_str()) {
                    Some(path) => self.link(t, path),
                    None => self.link(t, &urls::TAGS.index()),
                })
                .collect(),
            image: a.image.as_ref().map(|img| {
                // Shown at the text column's width; shared at 1200 pixels
                // or the nearest larger.
                let shown = image_file(img, 960);
                ImageView {
                    url: self.url(&urls::beside(&a.path, shown)),
                    permalink: site
                        .config
                        .permalink(&urls::beside(&a.path, share_file(img))),
                    alt: img.alt.clone(),
                    caption: img.caption.clone(),
                    html: img
                        .picture
                        .as_ref()
                        .map(|p| {
                            crate::images::picture_html(
                                p,
                                &crate::images::PictureHtml {
                                    url_prefix: &self.url(&a.path),
                                    alt: &img.alt,
                                    title: None,
                                    lead: true,
                                },
                            )
                        })
                        .unwrap_or_default(),
                }
            }),
            // Filled in by the page only when it is rendered: a page whose
            // key is unchanged needs neither (see `keys::article_key`).
            content: String::new(),
            related: Vec::new(),
            extra: a.extra.clone(),
            jsonld: self.jsonld(a),
            share_image: self.share_image(a),
            share_image_width: share_variant(a).map(|v| v.width),
            share_image_height: share_variant(a).map(|v| v.height),
            qr: super::qr::svg(&site.config.permalink(&a.path)),
        }
    }

    fn share_image(&self, a: &Article) -> Option<String> {
        let config = &self.site.config;
        match &a.image {
            Some(img) => Some(config.permalink(&format!("{}{}", a.path, share_file(img)))),
            None => config.asset_url(&config.default_image),
        }
    }

    fn jsonld(&self, a: &Article) -> String {
        let config = &self.site.config;
        let mut authors: Vec<serde_json::Value> = a
            .authors
            .iter()
            .chain(&a.correspondents)
            .map(|n| serde_json::json!({"@type": "Person", "name": n}))
            .collect();
        // An article with no named reporter is the publisher's own.
        if authors.is_empty() {
            authors.push(serde_json::json!({"@type": "Organization", "name": config.title, "url": config.permalink("/")}));
        }
        let mut publisher = serde_json::json!({"@type": "Organization", "name": config.title});
        if let Some(logo) = config.asset_url(&config.logo) {
            publisher["logo"] = serde_json::json!({"@type": "ImageObject", "url": logo});
        }
        let mut value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "alternativeHeadline": a.subtitle,
            "description": a.summary,
            "datePublished": a.timestamp.to_string(),
            "dateModified": a.updated.unwrap_or(a.timestamp).to_string(),
            "image": self.share_image(a).map(|url| vec![url]),
            "inLanguage": config.language,
            "url": config.permalink(&a.path),
            "author": authors,
            "publisher": publisher,
        });
        // A property the article has no value for is left out, not null.
        if let Some(map) = value.as_object_mut() {
            map.retain(|_, v| !v.is_null());
        }
        // `<`, `>` and `&` escaped so no text can close the script element.
        value
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// `ts` in the zone `tz` as HTML's `datetime` wants it: an offset in whole
/// minutes. Before standard time a zone's offset is the local mean time of
/// its city (Asia/Shanghai before 1901: +08:05:43), which HTML refuses; it
/// is rounded up to the next minute, so the instant stays the same and the
/// midnight a date stands for stays on its own day.
pub fn datetime(ts: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let seconds = tz.to_offset(ts).seconds();
    let whole = seconds.div_euclid(60) * 60 + if seconds % 60 == 0 { 0 } else { 60 };
    let offset = jiff::tz::Offset::from_seconds(whole).unwrap_or(jiff::tz::Offset::UTC);
    ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The file name of `img` as published at least `width` pixels wide (or
/// its largest): a resized fallback file, or the picture itself when it
/// is published as it is.
fn image_file(img: &crate::model::article::Image, width: u32) -> &str {
    img.picture
        .as_ref()
        .and_then(|p| p.fallback_at_least(width))
        .map(|v| v.file_name.as_str())
        .unwrap_or(&img.file_name)
}

/// The file of `a`'s lead picture made for social cards: 1200 pixels wide,
/// or the picture's own width when it is narrower.
fn share_variant(a: &Article) -> Option<&crate::images::Variant> {
    a.image
        .as_ref()?
        .picture
        .as_ref()?
        .sized(crate::images::SHARE_WIDTH)
}

/// The file name of `img` on social cards: its [`share_variant`], or the
/// picture itself when it is published as it is (GIF, SVG).
fn share_file(img: &crate::model::article::Image) -> &str {
    img.picture
        .as_ref()
        .and_then(|p| p.sized(crate::images::SHARE_WIDTH))
        .map(|v| v.file_name.as_str())
        .unwrap_or(&img.file_name)
}
