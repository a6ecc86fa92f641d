//! Model: the site as pure data, made from the loaded documents.
//!
//! Front matter is parsed (in parallel) and checked; programme and award names
//! are resolved through the registries; drafts and scheduled articles are set
//! aside; then the lists readers browse by are built in one pass each. No I/O
//! happens here, so everything is easy to test and the same input always
//! gives the same site.

pub mod article;
mod bulletins;
pub mod claims;
pub mod dates;
pub mod front;
pub mod paginate;
pub mod registry;
mod sections;
pub mod taxonomy;
pub mod urls;

use jiff::Timestamp;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use article::Article;
pub use bulletins::Bulletin;
use front::{ArticleFront, AwardFront, ProgrammeFront, SectionFront};
use registry::{Award, Awards, Programme, Programmes};
pub use sections::Section;
pub use taxonomy::{Region, Term, Year};

use crate::config::Config;
use crate::error::{Diagnostics, Location};
use crate::load::{DocKind, Loaded, RawDoc, yaml};
use crate::memo::Memo;
use crate::slug;

/// How a build treats unpublished articles.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Include drafts and articles dated in the future.
    pub drafts: bool,
    /// The present moment; articles after it are scheduled.
    pub now: Timestamp,
    /// Every problem of a draft is an error even when drafts are left out
    /// (`check`). When false (`build`, `serve`), the errors of a draft that
    /// this build leaves out anyway are warnings, so that one unfinished
    /// draft never blocks publishing; with `drafts` they are errors.
    pub strict: bool,
}

impl Options {
    /// Whether the errors of a draft are reported as warnings.
    pub fn lenient_to_drafts(&self) -> bool {
        !self.drafts && !self.strict
    }
}

/// Whether front matter that may not parse says `draft: true`: read line
/// by line, so that a draft whose YAML is broken is still known as one.
pub fn marked_draft(front: &str) -> bool {
    front.lines().any(|l| {
        let Some(rest) = l.strip_prefix("draft:") else {
            return false;
        };
        let value = rest.split(" #").next().unwrap_or_default().trim();
        matches!(value, "true" | "True" | "TRUE")
    })
}

/// The errors of `problems` turned into warnings (a draft left out).
fn as_warnings(problems: &mut [crate::error::Diagnostic]) {
    for d in problems {
        d.severity = crate::error::Severity::Warning;
    }
}

/// Markdown of a page that is not an article (front page intro, section,
/// registry entry, bulletin), with where its body starts.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub source: PathBuf,
    pub markdown: String,
    pub body_line: usize,
    pub html: String,
}

/// An old URL that redirects to an article.
#[derive(Debug, Clone)]
pub struct Alias {
    pub from: String,
    pub to: String,
    /// Where the article that asks for it lists it.
    pub at: Location,
}

/// The documents of a site that are neither articles nor registry
/// entries: the front page, the sections, the bulletins.
#[derive(Debug, Clone, Default)]
pub struct Others {
    pub home: Vec<RawDoc>,
    pub sections: Vec<RawDoc>,
    pub bulletins: Vec<RawDoc>,
}

impl Others {
    /// Those of `docs`, each kind sorted by path as a build reads them.
    pub fn of(docs: &[RawDoc]) -> Others {
        let kind = |k: DocKind| {
            let mut v: Vec<RawDoc> = docs.iter().filter(|d| d.kind == k).cloned().collect();
            v.sort_by(|a, b| a.content_path.cmp(&b.content_path));
            v
        };
        Others {
            home: kind(DocKind::Home),
            sections: kind(DocKind::Section),
            bulletins: kind(DocKind::Bulletin),
        }
    }
}

/// An article left out of this build, and why.
#[derive(Debug, Clone)]
pub struct Unpublished {
    pub source: PathBuf,
    pub content_path: String,
    pub slug: String,
    /// Empty for a draft whose front matter cannot be read.
    pub title: String,
    /// `None` for a draft whose front matter cannot be read.
    pub date: Option<Date>,
    /// When it is due; never, for a draft whose front matter cannot be read.
    pub timestamp: Timestamp,
    pub draft: bool,
}

impl Unpublished {
    fn of(a: Article) -> Unpublished {
        Unpublished {
            source: a.source,
            content_path: a.content_path,
            slug: a.slug,
            title: a.title,
            date: Some(a.date),
            timestamp: a.timestamp,
            draft: a.draft,
        }
    }

    /// A draft too broken to make an article of, known by its file.
    fn unreadable(source: PathBuf, content_path: String) -> Unpublished {
        Unpublished {
            source,
            slug: file_key(&content_path),
            content_path,
            title: String::new(),
            date: None,
            timestamp: Timestamp::MAX,
            draft: true,
        }
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub home: Option<(String, PageText)>,
    /// Published articles, newest first.
    pub articles: Vec<Article>,
    pub unpublished: Vec<Unpublished>,
    pub programmes: Programmes,
    pub awards: Awards,
    pub sections: Vec<Section>,
    pub regions: Vec<Region>,
    pub tags: Vec<Term>,
    pub people: Vec<Term>,
    pub years: Vec<Year>,
    /// Newest first.
    pub bulletins: Vec<Bulletin>,
    pub aliases: Vec<Alias>,
    /// Non-Markdown files under `content/`.
    pub assets: BTreeSet<String>,
    /// Files that pages other than articles (bulletins, sections, registry
    /// entries, the front page) show or link to: (the page's site path, the
    /// file relative to `content/`, where the text names it). Filled in by
    /// rendering.
    pub text_files: Vec<(String, String, Location)>,
    /// The pictures among `text_files` that are resized, with their page.
    pub text_pictures: Vec<(String, crate::images::Picture, Location)>,
    /// Who owns each file of the output, as far as is known before
    /// rendering. Filled in once the Markdown is rendered.
    pub claims: claims::Claims,
}

impl Site {
    /// Every picture a page shows, where: each article's lead picture and
    /// those of its text, then those of the other pages' texts. The lead
    /// picture of an article a bulletin lists gets the e-mail's file too
    /// (its card in the bulletin's e-mail shows it).
    pub fn shown_pictures(&self) -> Vec<crate::images::Shown<'_>> {
        use crate::images::Shown;
        use std::borrow::Cow;
        let in_bulletin: std::collections::HashSet<usize> = self
            .bulletins
            .iter()
            .flat_map(|b| b.articles.iter().copied())
            .collect();
        let mut shown = Vec::new();
        for (i, a) in self.articles.iter().enumerate() {
            if let Some((picture, img)) = a
                .image
                .as_ref()
                .and_then(|i| Some((i.picture.as_ref()?, i)))
            {
                let mut picture = Cow::Borrowed(picture);
                if in_bulletin.contains(&i) {
                    picture.to_mut().add_size(crate::images::EMAIL_WIDTH);
                }
                shown.push(Shown {
                    page: &a.path,
                    picture,
                    at: &img.location,
                });
            }
            shown.extend(a.body.pictures.iter().map(|(picture, at)| Shown {
                page: &a.path,
                picture: Cow::Borrowed(picture),
                at,
            }));
        }
        shown.extend(self.text_pictures.iter().map(|(page, picture, at)| Shown {
            page,
            picture: Cow::Borrowed(picture),
            at,
        }));
        shown
    }

    /// Builds the model, taking parsed front matter from `fronts` when it
    /// has it. Every problem goes to `diagnostics`; the site is returned
    /// even when there are errors so that `check` can go on.
    pub fn new(
        config: Config,
        loaded: Loaded,
        options: &Options,
        diagnostics: &Diagnostics,
        fronts: &Memo<ArticleFront>,
    ) -> Site {
        let mut by_kind: HashMap<DocKind, Vec<RawDoc>> = HashMap::new();
        for doc in loaded.docs {
            by_kind.entry(doc.kind).or_default().push(doc);
        }
        let mut take = |k| {
            let mut docs = by_kind.remove(&k).unwrap_or_default();
            docs.sort_by(|a, b| a.content_path.cmp(&b.content_path));
            docs
        };

        let mut programmes = registry::load(
            &take(DocKind::Programme),
            diagnostics,
            |f: ProgrammeFront| (f.title, f.names, f.extra, Programme),
        );
        let mut awards = registry::load(&take(DocKind::Award), diagnostics, |f: AwardFront| {
            let make = move |registered| Award {
                registered,
                level: f.level,
                issuer: f.issuer,
                honour_roll: registry::HonourRoll::default(),
            };
            (f.title, f.names, f.extra, make)
        });

        let article_docs = take(DocKind::Article);
        // With mistakes in its front matter, an article is still checked
        // as far as the rest allows, so that every mistake shows at once;
        // it is then left out.
        type Parsed = (Option<ArticleFront>, bool, Vec<crate::error::Diagnostic>);
        let fronts: Vec<Parsed> = article_docs
            .par_iter()
            .map(|doc| match article_front(doc, fronts) {
                Ok(front) => (Some(front), true, Vec::new()),
                Err(partial) => (partial.value.map(|front| *front), false, partial.problems),
            })
            .collect();
        let mut problems = Vec::new();
        let mut articles = Vec::new();
        let mut unpublished = Vec::new();
        for (doc, (front, sound, mut mine)) in article_docs.into_iter().zip(fronts) {
            // A draft's problems, as `Options::strict` says.
            let draft = front
                .as_ref()
                .map_or_else(|| marked_draft(&doc.front), |f| f.draft);
            // A draft that is too broken to build is left out all the
            // same, and counted with the others (`build` says how many it
            // left out): its file, in case no article can be made.
            let left_out =
                (draft && !options.drafts).then(|| (doc.path.clone(), doc.content_path.clone()));
            let built = front.and_then(|front| {
                Article::from_front(
                    doc,
                    front,
                    &config,
                    &mut programmes,
                    &mut awards,
                    options.now,
                    &mut mine,
                )
            });
            if draft && options.lenient_to_drafts() {
                as_warnings(&mut mine);
            }
            problems.append(&mut mine);
            let a = match built {
                Some(a) if sound => a,
                broken => {
                    if let Some((source, content_path)) = left_out {
                        unpublished.push(match broken {
                            Some(a) => Unpublished::of(a),
                            None => Unpublished::unreadable(source, content_path),
                        });
                    }
                    continue;
                }
            };
            if (a.draft || a.scheduled) && !options.drafts {
                unpublished.push(Unpublished::of(a));
            } else {
                articles.push(a);
            }
        }
        diagnostics.extend(problems);
        let others = Others {
            home: take(DocKind::Home),
            sections: take(DocKind::Section),
            bulletins: take(DocKind::Bulletin),
        };
        Site::assemble(
            config,
            articles,
            unpublished,
            programmes,
            awards,
            others,
            loaded.assets,
            options,
            diagnostics,
            &taxonomy::related,
        )
    }

    /// The site made of its `articles` (built, in any order) and the rest
    /// of its content: the articles sorted newest first, and every list
    /// readers browse by. The entries of `programmes` and `awards` must
    /// list no articles yet. `serve` calls it with the last build's
    /// articles and the few an edit changed, so that a front-matter edit
    /// does not build every article again, and with a `related` that
    /// computes again only the related articles the edit may change; it
    /// must give what [`taxonomy::related`] gives.
    #[allow(clippy::too_many_arguments)]
    pub fn assemble(
        config: Config,
        mut articles: Vec<Article>,
        unpublished: Vec<Unpublished>,
        mut programmes: Programmes,
        mut awards: Awards,
        others: Others,
        assets: BTreeSet<String>,
        options: &Options,
        diagnostics: &Diagnostics,
        related: &dyn Fn(&[Article]) -> Vec<Vec<usize>>,
    ) -> Site {
        articles.sort_by(newest_first);

        for (i, a) in articles.iter().enumerate() {
            for &p in &a.programmes {
                programmes.entries[p].articles.push(i);
            }
            for m in &a.awards {
                let list = &mut awards.entries[m.award].articles;
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        for (k, award) in awards.entries.iter_mut().enumerate() {
            award.honour_roll = registry::HonourRoll::new(k, &award.articles, &articles);
        }
        let related = related(&articles);
        for (a, r) in articles.iter_mut().zip(related) {
            a.related = r;
        }

        let home = others.home.into_iter().next().and_then(|doc| {
            let front: SectionFront = yaml::parse(&doc.front, &doc.path, doc.front_line)
                .map_err(|d| diagnostics.push(d))
                .ok()?;
            Some((front.title, text_of(&doc)))
        });
        let sections = sections::sections(&others.sections, &articles, diagnostics);
        let bulletins = bulletins::bulletins(
            &others.bulletins,
            &articles,
            &unpublished,
            &config,
            options,
            diagnostics,
        );
        let aliases = aliases_of(&articles);

        Site {
            regions: taxonomy::regions(&articles),
            tags: taxonomy::terms(&articles, urls::TAGS, |a| a.tags.iter()),
            people: taxonomy::terms(&articles, urls::PEOPLE, |a| a.people()),
            years: taxonomy::archive(&articles),
            config,
            home,
            articles,
            unpublished,
            programmes,
            awards,
            sections,
            bulletins,
            aliases,
            assets,
            text_files: Vec::new(),
            text_pictures: Vec::new(),
            claims: claims::Claims::default(),
        }
    }

    /// Articles by their path under `content/`, for resolving links.
    pub fn article_by_content_path(&self) -> HashMap<&str, usize> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.content_path.as_str(), i))
            .collect()
    }
}

/// The order of a site's articles: newest first, then by title, then by
/// file.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.timestamp
        .cmp(&a.timestamp)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.content_path.cmp(&b.content_path))
}

/// The old URLs the `articles` ask for, in their order.
pub fn aliases_of(articles: &[Article]) -> Vec<Alias> {
    articles
        .iter()
        .flat_map(|a| {
            a.aliases.iter().map(|(from, at)| Alias {
                from: from.clone(),
                to: a.path.clone(),
                at: at.clone(),
            })
        })
        .collect()
}

/// An article's front matter, parsed, or taken from `fronts`.
pub fn article_front(
    doc: &RawDoc,
    fronts: &Memo<ArticleFront>,
) -> Result<ArticleFront, yaml::Partial<ArticleFront>> {
    let key = crate::memo::key(&[&doc.path, &doc.front_line, &doc.front]);
    fronts.get_or(key, || {
        yaml::parse_all(&doc.front, &doc.path, doc.front_line)
    })
}

/// The key a registry entry or bulletin is known by in URLs: its file stem,
/// transliterated if it is not already a plain slug.
fn file_key(content_path: &str) -> String {
    let stem = Path::new(content_path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if slug::is_valid_slug(stem) {
        stem.to_string()
    } else {
        slug::slugify(stem)
    }
}

fn text_of(doc: &RawDoc) -> PageText {
    PageText {
        source: doc.path.clone(),
        markdown: doc.body.clone(),
        body_line: doc.body_line,
        html: String::new(),
    }
}
