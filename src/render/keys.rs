//! Keys of pages for `serve`, which renders again only a page whose key
//! changed since its last build.
//!
//! A page's key is a hash of everything its template sees. Hashing the whole
//! context of every page ([`context_key`], what `Pages::emit` does for the
//! rare pages) would cost most of a rebuild on a large site: an article
//! shows up as a card on a dozen lists. So a card is hashed once per build,
//! from the fields it is made of ([`card_keys`]), and lists and articles
//! hash their cards' keys instead of the cards ([`list_page_key`],
//! [`article_key`]); the rest of their values are small and hashed whole.

use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use tera::Context;

use super::view::{ArticleView, Card, ListHead, THUMB_WIDTH, Views};
use crate::model::Article;

/// A hasher that JSON can be written into, so that a value is hashed as
/// it is serialized, without the text being kept.
pub(super) struct HashWriter(pub(super) std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Hasher::write(&mut self.0, buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn hasher() -> HashWriter {
    HashWriter(std::collections::hash_map::DefaultHasher::new())
}

fn hash_json(h: &mut HashWriter, value: &impl serde::Serialize) {
    let _ = serde_json::to_writer(&mut *h, value);
    h.0.write_u8(0xff);
}

/// The key of each article's card, by article index.
pub fn card_keys(views: &Views) -> Vec<u64> {
    views.site.articles.par_iter().map(card_key).collect()
}

/// A hash of what [`Views::card`] makes of `a`, from the article's fields
/// without making the card (its URLs, its dates in words, its region's
/// name): every rebuild of `serve` keys all cards, which made whole cost
/// more than the rest of a list's keys. The base path its URLs carry is
/// in every page's key already.
fn card_key(a: &Article) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        &a.path,
        &a.title,
        &a.kicker,
        &a.subtitle,
        &a.summary,
        a.date,
        a.kind.as_str(),
        &a.region,
    )
        .hash(&mut h);
    let thumb = a.image.as_ref().and_then(|img| {
        let v = img.picture.as_ref()?.sized(THUMB_WIDTH)?;
        Some((&v.file_name, v.width, v.height, &img.alt))
    });
    thumb.hash(&mut h);
    // A field added to the card must be hashed above: until it is named
    // here, this does not compile.
    let _ = |card: Card| {
        let Card {
            url: _,
            title: _,
            kicker: _,
            subtitle: _,
            summary: _,
            date: _,
            date_cn: _,
            kind: _,
            kind_label: _,
            region: _,
            thumb: _,
        } = card;
    };
    h.finish()
}

fn hash_cards(h: &mut HashWriter, articles: &[usize], card_keys: &[u64]) {
    h.0.write_usize(articles.len());
    for &i in articles {
        h.0.write_u64(card_keys[i]);
    }
}

/// The key of what all pages of a list share: `head` and the template's
/// `extra` values.
pub(super) fn list_head_key(head: &ListHead, extra: Context) -> u64 {
    let mut h = hasher();
    hash_json(&mut h, head);
    hash_json(&mut h, &extra.into_json());
    h.0.finish()
}

/// The key of one page of a list: what all its pages share (`head`, from
/// [`list_head_key`]), its number among `total` pages (its pager is made
/// of those, the list's path and the base path, which the page's key
/// holds), and the cards of `articles` (the page's) by key.
pub(super) fn list_page_key(
    head: u64,
    number: usize,
    total: usize,
    articles: &[usize],
    card_keys: &[u64],
) -> u64 {
    let mut h = hasher();
    h.0.write_u64(head);
    h.0.write_usize(number);
    h.0.write_usize(total);
    hash_cards(&mut h, articles, card_keys);
    h.0.finish()
}

/// The key of a page whose values are `view` and the cards of `articles`
/// (not in `view`).
pub(super) fn cards_page_key(
    view: &impl serde::Serialize,
    articles: &[usize],
    card_keys: &[u64],
) -> u64 {
    let mut h = hasher();
    hash_json(&mut h, view);
    hash_cards(&mut h, articles, card_keys);
    h.0.finish()
}

/// The key of an article's page: its view (built without its body and
/// related articles), its body `html`, and the related articles' cards by
/// key.
pub fn article_key(view: &ArticleView, html: &str, related: &[usize], card_keys: &[u64]) -> u64 {
    #[derive(serde::Serialize)]
    struct Head<'a> {
        card: &'a super::view::Card,
        permalink: &'a str,
        datetime: &'a str,
        authors: &'a [super::view::Link],
        correspondents: &'a [super::view::Link],
        photographers: &'a [super::view::Link],
        trainees: &'a [super::view::Link],
        interns: &'a [super::view::Link],
        writers: &'a [super::view::Link],
        region_links: &'a [super::view::Link],
        organisations: &'a [String],
        programmes: &'a [super::view::Link],
        awards: &'a [super::view::AwardView],
        tags: &'a [super::view::Link],
        image: &'a Option<super::view::ImageView>,
        extra: &'a serde_json::Value,
        jsonld: &'a str,
        share_image: &'a Option<String>,
        share_image_width: &'a Option<u32>,
        share_image_height: &'a Option<u32>,
    }
    // Every field of the view but `content` (given as `html`, hashed as
    // bytes, no JSON escaping), `related` (by key) and `qr` (drawn from
    // `permalink`). A field added to
    // the view and not here would leave its pages stale: the serve tests
    // compare with a full build.
    let ArticleView {
        card,
        permalink,
        datetime,
        authors,
        correspondents,
        photographers,
        trainees,
        interns,
        writers,
        region_links,
        organisations,
        programmes,
        awards,
        tags,
        image,
        content: _,
        related: _,
        extra,
        jsonld,
        share_image,
        share_image_width,
        share_image_height,
        qr: _,
    } = view;
    let mut h = hasher();
    hash_json(
        &mut h,
        &Head {
            card,
            permalink,
            datetime,
            authors,
            correspondents,
            photographers,
            trainees,
            interns,
            writers,
            region_links,
            organisations,
            programmes,
            awards,
            tags,
            image,
            extra,
            jsonld,
            share_image,
            share_image_width,
            share_image_height,
        },
    );
    h.0.write(html.as_bytes());
    h.0.write_u8(0xff);
    hash_cards(&mut h, related, card_keys);
    h.0.finish()
}

/// The key of a page from the key of its own values.
pub(super) fn page_key(
    base: u64,
    template: &str,
    path: &str,
    title: &str,
    description: &str,
    own: u64,
) -> u64 {
    let mut h = hasher();
    for s in [template, path, title, description] {
        h.0.write(s.as_bytes());
        h.0.write_u8(0xff);
    }
    h.0.write_u64(base);
    h.0.write_u64(own);
    h.0.finish()
}

/// A hash of what a page is made from: its template's name, the values all
/// pages share (`base`, hashed once) and the page's own values. The context
/// is handed back, as hashing goes through its JSON form without a copy.
pub(super) fn context_key(template: &str, base: u64, own: Context) -> (u64, Context) {
    let mut h = hasher();
    h.0.write(template.as_bytes());
    h.0.write_u64(base);
    let json = own.into_json();
    let _ = serde_json::to_writer(&mut h, &json);
    let own = Context::from_value(json).unwrap_or_default();
    (h.0.finish(), own)
}
