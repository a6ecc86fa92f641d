//! An article: its front matter checked and resolved against the registries.

use jiff::Timestamp;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

use super::dates::{date_help, parse_date};
use super::front::{ArticleFront, AwardEntry, ImageEntry, Kind};
use super::registry::{Awards, Programmes, Registry, RegistryEntry};
use crate::config::Config;
use crate::error::{Diagnostic, Location};
use crate::load::{RawDoc, yaml};
use crate::slug;

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// The file relative to `content/`: `articles/2024/a.md`.
    pub content_path: String,
    pub slug: String,
    /// Where `slug:` is written, when the slug comes from front matter.
    pub slug_at: Option<Location>,
    /// Site path: `/articles/<slug>/`.
    pub path: String,
    pub title: String,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    /// From front matter, or the first paragraph once rendered.
    pub summary: String,
    pub kind: Kind,
    pub timestamp: Timestamp,
    /// The day in the site's time zone.
    pub date: Date,
    /// `updated:`, when the article was last changed; never before
    /// `timestamp`.
    pub updated: Option<Timestamp>,
    pub authors: Vec<String>,
    pub correspondents: Vec<String>,
    pub photographers: Vec<String>,
    /// 见习记者, 实习生 and 作者 (not a staff reporter), as printed.
    pub trainees: Vec<String>,
    pub interns: Vec<String>,
    pub writers: Vec<String>,
    /// Levels from the province down: `["安徽省", "宣城市", "泾县"]`.
    pub region: Vec<String>,
    pub organisations: Vec<String>,
    /// Indices into the programme registry.
    pub programmes: Vec<usize>,
    pub awards: Vec<AwardMention>,
    pub tags: Vec<String>,
    pub image: Option<Image>,
    pub draft: bool,
    /// Dated in the future.
    pub scheduled: bool,
    /// Old URLs that redirect here, with where each is written.
    pub aliases: Vec<(String, Location)>,
    pub extra: serde_json::Value,
    /// The Markdown body until it is rendered.
    pub markdown: String,
    pub body_line: usize,
    /// The body rendered, once it is.
    pub body: Body,
    /// Indices of related articles, best first.
    pub related: Vec<usize>,
}

/// A Markdown text rendered: what its page, the feeds and search show,
/// and the files it brings along.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Body {
    pub html: String,
    /// As plain text, for search.
    pub text: String,
    /// The first paragraph long enough to stand as a summary. An article
    /// takes it as its summary when the front matter gives none, and keeps
    /// it nowhere else.
    pub first_paragraph: String,
    /// Pictures it shows and files it links to, relative to `content/`,
    /// with where each is named: they are copied beside its page. An
    /// article's include its lead picture.
    pub files: Vec<(String, Location)>,
    /// The pictures among `files` that are resized: they are published as
    /// their resized files instead.
    pub pictures: Vec<(crate::images::Picture, Location)>,
}

impl Article {
    /// Keeps `body`, the article's Markdown rendered; its first paragraph
    /// becomes the summary when the front matter gives none.
    pub fn set_body(&mut self, mut body: Body) {
        let first_paragraph = std::mem::take(&mut body.first_paragraph);
        if self.summary.is_empty() {
            self.summary = first_paragraph;
        }
        self.body = body;
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AwardMention {
    /// Index into the award registry.
    pub award: usize,
    pub recipients: Vec<String>,
    pub count: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The picture relative to `content/`.
    pub content_path: String,
    pub file_name: String,
    pub alt: String,
    pub caption: String,
    /// Where `image:` is written, for problems with the picture.
    pub location: Location,
    /// Its resized files, once its header is read (none for a GIF or an
    /// SVG, published as they are).
    pub picture: Option<crate::images::Picture>,
}

/// The names an article may write for a programme or award, resolved.
/// Unknown names are errors with the closest known name, or with
/// `strict_registry: false`, new entries and a warning.
fn resolve<E: RegistryEntry>(
    registry: &mut Registry<E>,
    name: &str,
    strict: bool,
    at: Location,
    problems: &mut Vec<Diagnostic>,
) -> Option<usize> {
    if let Some(i) = registry.find(name) {
        return Some(i);
    }
    let what = crate::i18n::noun(E::WHAT);
    let folder = E::ROOT.name();
    if strict {
        let mut d = Diagnostic::error(at, crate::t!("registry-unknown", what = &what, name = name));
        d = match registry.suggest(name) {
            Some(best) => d.help(crate::t!(
                "registry-unknown-best",
                best = best,
                folder = folder,
                name = name
            )),
            None => d.help(crate::t!(
                "registry-unknown-help",
                folder = folder,
                name = name
            )),
        };
        problems.push(d);
        return None;
    }
    problems.push(
        Diagnostic::warning(at, crate::t!("registry-made-up", what = &what, name = name))
            .help(crate::t!("registry-made-up-help", folder = folder)),
    );
    let key = slug::slugify(name);
    let key = if key.is_empty() {
        format!("{}-{}", E::WHAT, registry.entries.len() + 1)
    } else {
        key
    };
    registry.add(E::bare(key, name.to_string()));
    registry.find(name)
}

impl Article {
    /// Checks front matter that parsed and resolves its names. Everything
    /// wrong goes to `problems`; `None` if any of it was an error. The
    /// document's body moves into the article (not copied: all bodies at
    /// once are much of the build's memory).
    pub fn from_front(
        doc: RawDoc,
        front: ArticleFront,
        config: &Config,
        programmes: &mut Programmes,
        awards: &mut Awards,
        now: Timestamp,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Article> {
        let at = |key: &str, needle: Option<&str>| {
            let (line, column) = yaml::locate(&doc.front, key, needle).unwrap_or((1, 1));
            Location::at(&doc.path, doc.front_line + line - 1, column)
        };
        let before = problems.iter().filter(|d| d.is_error()).count();
        // `import` marks each field it guessed; the editor deletes the mark.
        for (i, line) in doc.front.lines().enumerate() {
            if let Some(column) = line.find(crate::load::edit::GUESSED) {
                let column = line[..column].chars().count() + 1;
                problems.push(Diagnostic::warning(
                    Location::at(&doc.path, doc.front_line + i, column),
                    crate::t!("article-guessed"),
                ));
            }
        }

        if front.title.trim().is_empty() {
            problems.push(
                Diagnostic::error(at("title", None), crate::t!("article-empty-title"))
                    .help(crate::t!("article-empty-title-help")),
            );
        }
        let (timestamp, date) = match parse_date(&front.date, config) {
            Ok(d) => d,
            Err(message) => {
                problems.push(
                    Diagnostic::error(at("date", Some(front.date.trim())), message)
                        .help(date_help()),
                );
                (Timestamp::UNIX_EPOCH, Date::constant(1970, 1, 1))
            }
        };
        let updated = front.updated.as_deref().and_then(|text| {
            let at = || at("updated", Some(text.trim()));
            match parse_date(text, config) {
                Ok((ts, _)) if ts < timestamp => {
                    problems.push(
                        Diagnostic::error(
                            at(),
                            crate::t!(
                                "article-updated-before-date",
                                updated = text.trim(),
                                date = front.date.trim()
                            ),
                        )
                        .help(crate::t!("article-updated-before-date-help")),
                    );
                    None
                }
                Ok((ts, _)) => Some(ts),
                Err(message) => {
                    problems.push(Diagnostic::error(at(), message).help(date_help()));
                    None
                }
            }
        });
        let stem = Path::new(&doc.content_path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let slug = match &front.slug {
            Some(s) if slug::is_valid_slug(s) => s.clone(),
            Some(s) => {
                problems.push(
                    Diagnostic::error(at("slug", Some(s)), crate::t!("article-bad-slug", slug = s))
                        .help(crate::t!("article-bad-slug-help")),
                );
                String::new()
            }
            None => slug::slugify(stem),
        };
        if slug.is_empty() && front.slug.is_none() {
            problems.push(
                Diagnostic::error(Location::file(&doc.path), crate::t!("article-no-url"))
                    .help(crate::t!("article-no-url-help")),
            );
        }
        let mut aliases = Vec::new();
        for alias in &front.aliases {
            match slug::normalise_alias(alias) {
                Ok(a) => aliases.push((a, at("aliases", Some(alias)))),
                Err(why) => problems.push(Diagnostic::error(
                    at("aliases", Some(alias)),
                    crate::t!("article-bad-alias", alias = alias, reason = why),
                )),
            }
        }
        let region: Vec<String> = match &front.region {
            Some(r) => r.split('/').map(|s| s.trim().to_string()).collect(),
            None => Vec::new(),
        };
        // `安徽省-宣城市-泾县` or `安徽省、宣城市` is one level to the
        // program: say so, with the levels written as they are meant.
        if let [one] = &region[..]
            && one.contains(['-', '、', '，', '－', '—'])
        {
            let levels: Vec<&str> = one
                .split(['-', '、', '，', '－', '—'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            problems.push(
                Diagnostic::warning(
                    at("region", Some(one.as_str())),
                    crate::t!("region-one-level", region = one.as_str()),
                )
                .help(crate::t!(
                    "region-one-level-help",
                    levels = levels.join("/")
                )),
            );
        }
        if region
            .iter()
            .any(|level| level.is_empty() || slug::slugify(level).is_empty())
        {
            problems.push(
                Diagnostic::error(at("region", None), crate::t!("article-bad-region"))
                    .help(crate::t!("article-bad-region-help")),
            );
        }
        // A Chinese input method types `，` where YAML needs `,`: the list
        // then holds one "name" made of several people's names.
        let mut one_or_several = |key: &str, field: &str, name: &str| {
            // A space inside a Chinese name (`张 三`, typed to line names
            // up) makes a second spelling of the same person.
            let chinese = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            let trimmed = name.trim();
            if trimmed.contains([' ', '　'])
                && trimmed
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '　'))
                    .all(chinese)
            {
                let fixed: String = trimmed.chars().filter(|c| chinese(*c)).collect();
                problems.push(
                    Diagnostic::warning(
                        at(key, Some(name)),
                        crate::t!("people-space", name = name),
                    )
                    .help(crate::t!("people-space-help", fixed = fixed)),
                );
            }
            let Some((i, sep)) = name.char_indices().find(|(_, c)| "，、；".contains(*c)) else {
                return;
            };
            let at = at(key, Some(name));
            let column = at.column.map(|c| c + name[..i].chars().count());
            let several: Vec<&str> = name
                .split(['，', '、', '；'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            problems.push(
                Diagnostic::warning(
                    Location { column, ..at },
                    crate::t!("people-one-or-several", name = name, sep = sep.to_string()),
                )
                .help(crate::t!(
                    "people-one-or-several-help",
                    key = field,
                    names = several.join(", ")
                )),
            );
        };
        for (key, names) in [
            ("authors", &front.authors),
            ("correspondents", &front.correspondents),
            ("photographers", &front.photographers),
            ("trainees", &front.trainees),
            ("interns", &front.interns),
            ("writers", &front.writers),
        ] {
            for name in names {
                one_or_several(key, key, name);
            }
        }
        for entry in &front.awards {
            if let AwardEntry::Full(d) = entry {
                for name in &d.recipients {
                    one_or_several("awards", "recipients", name);
                }
            }
        }
        let mut programme_ids = Vec::new();
        for name in &front.programmes {
            if let Some(i) = resolve(
                programmes,
                name,
                config.strict_registry,
                at("programmes", Some(name)),
                problems,
            ) && !programme_ids.contains(&i)
            {
                programme_ids.push(i);
            }
        }
        let mut mentions = Vec::new();
        for entry in &front.awards {
            let name = entry.name();
            let Some(award) = resolve(
                awards,
                name,
                config.strict_registry,
                at("awards", Some(name)),
                problems,
            ) else {
                continue;
            };
            let (recipients, count) = match entry {
                AwardEntry::Name(_) => (Vec::new(), None),
                AwardEntry::Full(d) => (d.recipients.clone(), d.count),
            };
            mentions.push(AwardMention {
                award,
                recipients,
                count,
            });
        }
        let image = front.image.as_ref().and_then(|img| {
            let (src, alt, caption) = match img {
                ImageEntry::Src(src) => (src.clone(), String::new(), String::new()),
                ImageEntry::Full(d) => (d.src.clone(), d.alt.clone(), d.caption.clone()),
            };
            match image_path(&doc.content_path, &src) {
                Some(content_path) => {
                    let file_name = content_path
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let location = at("image", None);
                    Some(Image {
                        content_path,
                        file_name,
                        alt,
                        caption,
                        location,
                        picture: None,
                    })
                }
                None => {
                    problems.push(
                        Diagnostic::error(
                            at("image", Some(&src)),
                            crate::t!("article-image-outside", image = &src),
                        )
                        .help(crate::t!("article-image-outside-help")),
                    );
                    None
                }
            }
        });

        if problems.iter().filter(|d| d.is_error()).count() > before {
            return None;
        }
        // Reported after the check above: the article itself is fine, so it
        // stays in the site and nothing else fails because of this.
        if let Some(img) = &image
            && img.alt.trim().is_empty()
        {
            let name = &img.file_name;
            problems.push(
                Diagnostic::error(
                    img.location.clone(),
                    crate::t!("article-image-no-alt", image = name),
                )
                .help(crate::t!("article-image-no-alt-help", image = name)),
            );
        }
        let clean = |v: &Vec<String>| {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        Some(Article {
            source: doc.path.clone(),
            content_path: doc.content_path.clone(),
            path: super::urls::article(&slug),
            slug_at: front.slug.as_deref().map(|s| at("slug", Some(s))),
            slug,
            title: front.title.trim().to_string(),
            kicker: front
                .kicker
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            subtitle: front
                .subtitle
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            summary: front
                .summary
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            kind: front.kind,
            timestamp,
            date,
            updated,
            authors: clean(&front.authors),
            correspondents: clean(&front.correspondents),
            photographers: clean(&front.photographers),
            trainees: clean(&front.trainees),
            interns: clean(&front.interns),
            writers: clean(&front.writers),
            region,
            organisations: clean(&front.organisations),
            programmes: programme_ids,
            awards: mentions,
            tags: clean(&front.tags),
            image,
            draft: front.draft,
            scheduled: timestamp > now,
            aliases,
            extra: front.extra,
            markdown: doc.body,
            body_line: doc.body_line,
            body: Body::default(),
            related: Vec::new(),
        })
    }

    /// Writers, reporters, trainees, interns, correspondents and
    /// photographers, in that order, each once.
    pub fn people(&self) -> impl Iterator<Item = &String> {
        let mut seen = Vec::new();
        self.writers
            .iter()
            .chain(&self.authors)
            .chain(&self.trainees)
            .chain(&self.interns)
            .chain(&self.correspondents)
            .chain(&self.photographers)
            .filter(move |p| {
                if seen.contains(p) {
                    false
                } else {
                    seen.push(*p);
                    true
                }
            })
    }

    /// The region as one line: `安徽省宣城市泾县`.
    pub fn region_name(&self) -> String {
        self.region.concat()
    }
}

/// Resolves a picture named in front matter against the article's folder,
/// refusing anything that leaves `content/`.
fn image_path(article: &str, src: &str) -> Option<String> {
    if src.is_empty() || src.starts_with('/') || src.contains(['\\', ':', '%']) {
        return None;
    }
    let mut parts: Vec<&str> = article.split('/').collect();
    parts.pop();
    for seg in src.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}
