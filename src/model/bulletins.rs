//! Bulletins: numbered issues that line up published articles in the
//! editor's order, each checked against what the build publishes.

use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::HashMap;

use super::front::BulletinFront;
use super::{Article, Options, PageText, Unpublished, dates, file_key, text_of, urls};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::load::{RawDoc, yaml};

#[derive(Debug, Clone)]
pub struct Bulletin {
    pub key: String,
    pub path: String,
    pub title: String,
    pub number: String,
    pub date: Date,
    pub timestamp: Timestamp,
    pub text: PageText,
    pub extra: serde_json::Value,
    /// The line-up, in the editor's order.
    pub articles: Vec<usize>,
}

/// The bulletins of `docs` that this build publishes, newest first.
pub(super) fn bulletins(
    docs: &[RawDoc],
    articles: &[Article],
    unpublished: &[Unpublished],
    config: &Config,
    options: &Options,
    diagnostics: &Diagnostics,
) -> Vec<Bulletin> {
    let mut by_ref: HashMap<&str, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        by_ref.insert(&a.content_path, i);
        by_ref.insert(&a.slug, i);
    }
    let mut out = Vec::new();
    for doc in docs {
        let Ok(front) = yaml::parse::<BulletinFront>(&doc.front, &doc.path, doc.front_line)
            .map_err(|d| diagnostics.push(d))
        else {
            continue;
        };
        let at = |key: &str, needle: Option<&str>| {
            let (line, column) = yaml::locate(&doc.front, key, needle).unwrap_or((1, 1));
            Location::at(&doc.path, doc.front_line + line - 1, column)
        };
        let (timestamp, date) = match dates::parse_date(&front.date, config) {
            Ok(d) => d,
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error(at("date", Some(front.date.trim())), message)
                        .help(dates::date_help()),
                );
                continue;
            }
        };
        if (front.draft || timestamp > options.now) && !options.drafts {
            continue;
        }
        let key = file_key(&doc.content_path);
        let mut lineup = Vec::new();
        for (n, reference) in front.articles.iter().enumerate() {
            let nth = front.articles[..=n]
                .iter()
                .filter(|r| *r == reference)
                .count();
            let (line, column) =
                yaml::locate_item(&doc.front, "articles", reference, nth).unwrap_or((1, 1));
            let here = Location::at(&doc.path, doc.front_line + line - 1, column);
            let r = reference.trim().trim_start_matches("content/");
            match by_ref.get(r) {
                Some(&i) if lineup.contains(&i) => diagnostics.push(
                    Diagnostic::error(
                        here.clone(),
                        crate::t!("bulletin-twice", article = reference),
                    )
                    .help(crate::t!("bulletin-twice-help")),
                ),
                Some(&i) => lineup.push(i),
                None => {
                    let draft = unpublished
                        .iter()
                        .find(|u| u.content_path == r || u.slug == r);
                    let (message, help) = match draft {
                        Some(u) if u.draft => (
                            crate::t!("bulletin-draft", article = reference),
                            crate::t!("bulletin-draft-help"),
                        ),
                        Some(_) => (
                            crate::t!("bulletin-scheduled", article = reference),
                            crate::t!("bulletin-scheduled-help"),
                        ),
                        None => (
                            crate::t!("bulletin-no-article", article = reference),
                            crate::t!("bulletin-no-article-help"),
                        ),
                    };
                    diagnostics.push(Diagnostic::error(here.clone(), message).help(help));
                }
            }
        }
        out.push(Bulletin {
            path: urls::bulletin(&key),
            key,
            title: front.title,
            number: front.number,
            date,
            timestamp,
            text: text_of(doc),
            extra: front.extra,
            articles: lineup,
        });
    }
    out.sort_by(|a, b| {
        b.timestamp
            .cmp(&a.timestamp)
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}
