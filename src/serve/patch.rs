//! The quick rebuilds: an edit to the body of published articles, and one
//! to their front matter (or a new or deleted article file).
//!
//! What a reader sees of an article outside its own page (its card in the
//! lists, its place in the registries, the region and tag pages, the
//! related articles of others, the bulletins, the site map) comes from its
//! front matter and its summary, never from the rest of its body. So when
//! a save changes only the body of an article, and its front matter and
//! summary are what they were, a full build would differ from the last one
//! only in the article's own page, the files it newly shows (a picture
//! named for the first time: the caller derives that one), the feeds that
//! carry its text, and the search index. [`body_edits`] recognises such a
//! save and patches the model in place; anything else (a new or deleted
//! file, a changed title or date, a picture no longer shown, a problem in
//! the file, a registry or template edit) is left to the next quick
//! rebuild, [`front_edits`].
//!
//! [`unshown_files`] takes a save of files beside the pages (pictures,
//! PDFs) that no page shows, such as a picture added before an article
//! names it: nothing to render or write. A picture replaced or deleted
//! while shown is an edit of each article that shows it, for
//! [`front_edits`].
//!
//! [`front_edits`] takes edits that may change what other pages show of
//! an article (its title, date, tags, programmes, region, authors …), a
//! new article file and a deleted one. It builds only the changed articles
//! and assembles the site again from them and the last build's other
//! articles (sorting, lists, related articles: cheap next to reading and
//! rendering every article), then says which article pages may differ:
//! the changed articles', those whose related articles changed or show a
//! changed one, and those that link to a tag, person or region whose page
//! moved. Every other page is keyed as in a full rebuild. Anything it
//! cannot be sure of (a registry, section, bulletin or template edit, a
//! draft, a problem anywhere, a changed slug other articles link to) is
//! left to the full rebuild. When every changed article keeps its file,
//! path and place in the order (a title, tag, programme, award, region or
//! author edit, mostly), the site is not assembled again: `in_place`
//! patches the lists that show those articles alone.
//! `tests/suite/incremental.rs` checks that the folder is then what
//! `build` makes, file by file, and which of the two each edit took.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::Memos;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::{DocKind, Loaded, RawDoc};
use crate::model::registry::{Awards, Programmes, Registry, RegistryEntry};
use crate::model::{self, Article, Site};
use crate::render::ArticleLinks;

use super::in_place::{in_place, in_place_slots};

/// What the last good build made of the content.
pub struct LastGood {
    pub site: Site,
    pub warnings: Vec<Diagnostic>,
}

/// Brings `last` up to date with `loaded`, just read again after the files
/// `changed` (absolute, under `root`) were saved, when every one of them is
/// the file of a published article whose edit leaves all but its body as
/// it was. Returns the indices of those articles, each with whether its
/// body now shows or links to a file it did not (whose files the caller
/// publishes); `None`, with `last` untouched, when a full rebuild is
/// needed.
pub fn body_edits(
    last: &mut LastGood,
    loaded: &Loaded,
    root: &Path,
    changed: &[PathBuf],
    drafts: bool,
    memo: &Memos,
) -> Option<Vec<(usize, bool)>> {
    let LastGood { site, warnings } = last;
    let now = jiff::Timestamp::now();
    if publication_due(site, drafts, now) {
        return None;
    }
    let content = site_content(site, root, changed)?;
    // Made only once a saved article's front matter is known to be the
    // same: most saves that change it never need the links of all articles.
    let links = std::cell::OnceCell::new();
    let mut patches = Vec::new();
    for (i, content_path) in content {
        let doc = loaded
            .docs
            .iter()
            .find(|d| d.kind == DocKind::Article && d.content_path == content_path)?;
        let old = &site.articles[i];
        // Problems in the file are the full build's to report, and so are
        // those of the last build that the edit may have mended.
        if warnings.iter().any(|w| w.location.file == old.source) {
            return None;
        }
        // Resolving an unknown name may add a registry entry: on copies.
        let (mut programmes, mut awards) = (site.programmes.clone(), site.awards.clone());
        let mut problems = Vec::new();
        let mut new = published(
            doc,
            site,
            (&mut programmes, &mut awards),
            (now, drafts),
            memo,
            &mut problems,
        )?;
        // The front matter first, the summary aside when the body gives
        // it: an edit to it is the front-matter patch's, without rendering.
        if !same_front(old, &new) {
            return None;
        }
        let links =
            links.get_or_init(|| ArticleLinks::new(&site.articles, &site.assets, &site.config));
        let (rendered, more) = links.render(&mut new, &memo.markdown);
        problems.extend(more);
        if !problems.is_empty() {
            return None;
        }
        links.fill(&mut new, rendered);
        new.related = old.related.clone();
        // The files by name: a picture that only moved to another line
        // needs no full rebuild, nor one newly shown (its files are
        // published beside the page); one no longer shown is left to the
        // front-matter patch, which has its files deleted.
        let names = |a: &Article| {
            a.body
                .files
                .iter()
                .map(|(f, _)| f.clone())
                .collect::<HashSet<_>>()
        };
        let (before, after) = (names(old), names(&new));
        if !before.is_subset(&after) || !same_but_body(old, &new) {
            return None;
        }
        patches.push((i, new, before != after));
    }
    let edited = patches.iter().map(|(i, _, more)| (*i, *more)).collect();
    for (i, new, _) in patches {
        site.articles[i] = new;
    }
    Some(edited)
}

/// The article a saved file now makes, against `registries`; `None` when
/// its front matter does not parse, or it is a draft or scheduled and the
/// preview leaves those out (`drafts` false): the full rebuild handles those.
fn published(
    doc: &RawDoc,
    site: &Site,
    registries: (&mut Programmes, &mut Awards),
    (now, drafts): (jiff::Timestamp, bool),
    memo: &Memos,
    problems: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let front = model::article_front(doc, &memo.fronts).ok()?;
    let (programmes, awards) = registries;
    let a = Article::from_front(
        doc.clone(),
        front,
        &site.config,
        programmes,
        awards,
        now,
        problems,
    )?;
    (drafts || !(a.draft || a.scheduled)).then_some(a)
}

fn site_content(site: &Site, root: &Path, changed: &[PathBuf]) -> Option<Vec<(usize, String)>> {
    changed
        .iter()
        .map(|abs| {
            let rel = abs.strip_prefix(root).ok()?;
            let i = site.articles.iter().position(|a| a.source == rel)?;
            Some((i, site.articles[i].content_path.clone()))
        })
        .collect()
}

/// `a` and `b` are the same article, their bodies aside.
fn same_but_body(a: &Article, b: &Article) -> bool {
    let strip = |x: &Article| Article {
        markdown: String::new(),
        body: Default::default(),
        ..x.clone()
    };
    strip(a) == strip(b)
}

/// `old` and `new` (not yet rendered) are the same article but for their
/// bodies and, when `new`'s front matter gives no summary, their summaries
/// (which the body then gives).
fn same_front(old: &Article, new: &Article) -> bool {
    let strip = |x: &Article| Article {
        markdown: String::new(),
        body: Default::default(),
        summary: if new.summary.is_empty() {
            String::new()
        } else {
            x.summary.clone()
        },
        related: Vec::new(),
        ..x.clone()
    };
    strip(old) == strip(new)
}

/// Whether a scheduled article's time has come: a full build publishes it.
fn publication_due(site: &Site, drafts: bool, now: jiff::Timestamp) -> bool {
    let due = |t: jiff::Timestamp| t <= now;
    site.articles
        .iter()
        .any(|a| a.scheduled && due(a.timestamp))
        || (!drafts
            && site
                .unpublished
                .iter()
                .any(|u| !u.draft && due(u.timestamp)))
}

/// One changed file: the published article it was (index into the last
/// build's articles), the document it is now; at least one of the two.
pub(super) struct Edit<'l> {
    pub old: Option<usize>,
    pub doc: Option<&'l RawDoc>,
}

/// Brings `last` up to date with `loaded`, just read again after the files
/// `changed` (absolute, under `root`) were saved, when each of them is the
/// file of a published article (changed in any way, or deleted) or a new
/// article file, and the site is one a full build would make the same way
/// (see the module's notes). Returns which article pages may differ from
/// the last build's; `None` when a full rebuild is needed, and then `last`
/// may be half changed: the caller drops it.
pub fn front_edits(
    last: &mut LastGood,
    loaded: &Loaded,
    root: &Path,
    changed: &[PathBuf],
    drafts: bool,
    memo: &Memos,
) -> Option<Patched> {
    let now = jiff::Timestamp::now();
    let LastGood { site, warnings } = last;
    // The last build's warnings would have to be sorted into those the
    // edit mends and the rest; a full build does that.
    if !warnings.is_empty() || publication_due(site, drafts, now) {
        return None;
    }
    // Entries made up for unknown names are numbered in the order the
    // articles name them: only a full build numbers them right.
    if site
        .programmes
        .entries
        .iter()
        .map(|e| &e.0)
        .chain(site.awards.entries.iter().map(|e| &e.registered))
        .any(|e| e.source.is_none())
    {
        return None;
    }
    let edits = edits_of(site, loaded, root, changed)?;

    // The changed articles, built against the registries and resolving
    // their links against every article's new path.
    let (mut programmes, mut awards) = (site.programmes.clone(), site.awards.clone());
    let sizes = (programmes.entries.len(), awards.entries.len());
    let mut problems = Vec::new();
    let mut built = Vec::new();
    for doc in edits.iter().filter_map(|e| e.doc) {
        built.push(published(
            doc,
            site,
            (&mut programmes, &mut awards),
            (now, drafts),
            memo,
            &mut problems,
        )?);
    }
    if !problems.is_empty() || sizes != (programmes.entries.len(), awards.entries.len()) {
        return None;
    }
    // Only Markdown saved (a picture replaced may show in other pages'
    // texts too): each changed article may take its old place.
    let slots = changed
        .iter()
        .all(|p| p.extension().is_some_and(|e| e == "md"))
        .then(|| in_place_slots(site, &edits, &built, loaded))
        .flatten();
    let gone: HashSet<usize> = edits.iter().filter_map(|e| e.old).collect();
    let kept = || {
        site.articles
            .iter()
            .enumerate()
            .filter(|(i, _)| !gone.contains(i))
            .map(|(_, a)| a)
    };
    // The files beside the pages as they are now: a picture may have
    // come or gone with the edit.
    let links = ArticleLinks::from_paths(
        kept()
            .chain(&built)
            .map(|a| (a.content_path.clone(), a.path.clone())),
        &loaded.assets,
        &site.config,
    );
    // A page that moved or went away may be linked to from another
    // article, whose body would then change (or fail): a full build's.
    let new_paths: HashSet<&str> = built.iter().map(|a| a.path.as_str()).collect();
    let base = site.config.base_path();
    let base = base.trim_end_matches('/');
    for &i in &gone {
        let path = &site.articles[i].path;
        if new_paths.contains(path.as_str()) {
            continue;
        }
        let href = format!("{base}{path}");
        if kept().any(|a| a.body.html.contains(&href)) {
            return None;
        }
    }
    for a in &mut built {
        let (rendered, more) = links.render(a, &memo.markdown);
        if !more.is_empty() {
            return None;
        }
        links.fill(a, rendered);
    }
    drop(links);
    if let Some(slots) = slots {
        let dirty = in_place(site, &slots, built)?;
        return Some(Patched {
            dirty,
            in_place: true,
        });
    }

    // What the last build's article pages showed, to tell which changed.
    let id = |a: &Article| ident(&a.content_path);
    let old_related: HashMap<u64, Vec<u64>> = site
        .articles
        .iter()
        .map(|a| {
            let related = a.related.iter().map(|&j| id(&site.articles[j])).collect();
            (id(a), related)
        })
        .collect();
    let old_tags = term_paths(&site.tags);
    let old_people = term_paths(&site.people);
    let old_regions: HashMap<Vec<String>, String> = site
        .regions
        .iter()
        .map(|r| (r.levels.clone(), r.path.clone()))
        .collect();
    let changed_ids: HashSet<u64> = built.iter().map(id).collect();
    let old_index: HashMap<u64, usize> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (id(a), i))
        .collect();
    // Articles whose lists of candidates lose a changed or deleted one.
    let near_gone: HashSet<u64> = gone
        .iter()
        .flat_map(|&i| model::taxonomy::near(&site.articles, i))
        .map(|j| id(&site.articles[j]))
        .collect();

    // The site again, from the kept articles and the built ones.
    let old_articles = std::mem::take(&mut site.articles);
    let mut articles = Vec::with_capacity(old_articles.len() + built.len());
    for (i, a) in old_articles.into_iter().enumerate() {
        if !gone.contains(&i) {
            articles.push(a);
        }
    }
    articles.extend(built);
    let diagnostics = Diagnostics::default();
    let mut new = Site::assemble(
        site.config.clone(),
        articles,
        site.unpublished.clone(),
        without_articles(&site.programmes),
        without_articles(&site.awards),
        model::Others::of(&loaded.docs),
        loaded.assets.clone(),
        &model::Options {
            drafts,
            now,
            strict: false,
        },
        &diagnostics,
        &|articles| {
            let ids: Vec<u64> = articles.iter().map(id).collect();
            let new_index: HashMap<u64, usize> =
                ids.iter().enumerate().map(|(i, &x)| (x, i)).collect();
            let known = |i: usize| {
                let me = ids[i];
                if changed_ids.contains(&me) || old_index.get(&me) != Some(&i) {
                    return None;
                }
                old_related
                    .get(&me)?
                    .iter()
                    .map(|r| new_index.get(r).copied())
                    .collect()
            };
            let near: Vec<bool> = ids.iter().map(|x| near_gone.contains(x)).collect();
            model::taxonomy::related_update(articles, known, &near)
        },
    );
    crate::render::markdown_texts(&mut new, &diagnostics);
    new.claims = model::claims::Claims::new(&new, &diagnostics);
    if !diagnostics.take().is_empty() {
        return None;
    }

    // Which article pages may show something else now.
    let moved = |old: &HashMap<String, String>, new: &[model::Term]| -> HashSet<String> {
        new.iter()
            .filter(|t| old.get(&t.name).is_some_and(|p| *p != t.path))
            .map(|t| t.name.clone())
            .collect()
    };
    let moved_tags = moved(&old_tags, &new.tags);
    let moved_people = moved(&old_people, &new.people);
    let moved_regions: HashSet<&[String]> = new
        .regions
        .iter()
        .filter(|r| old_regions.get(&r.levels).is_some_and(|p| *p != r.path))
        .map(|r| r.levels.as_slice())
        .collect();
    let dirty = new
        .articles
        .iter()
        .map(|a| {
            let me = id(a);
            let related: Vec<u64> = a.related.iter().map(|&j| id(&new.articles[j])).collect();
            changed_ids.contains(&me)
                || old_related.get(&me) != Some(&related)
                || related.iter().any(|r| changed_ids.contains(r))
                || a.tags.iter().any(|t| moved_tags.contains(t))
                || a.people().any(|p| moved_people.contains(p))
                || (1..=a.region.len()).any(|d| moved_regions.contains(&a.region[..d]))
        })
        .collect();
    // The last site's lists and claims, freed on another thread: ~2% of a
    // title edit at 10,000 articles, and nothing waits for it.
    let old = std::mem::replace(site, new);
    std::thread::spawn(move || drop(old));
    Some(Patched {
        dirty,
        in_place: false,
    })
}

/// What [`front_edits`] did.
pub struct Patched {
    /// By index into the new site's articles, whether its page may differ
    /// from the last build's.
    pub dirty: Vec<bool>,
    /// The changed articles took their old places and the site's lists were
    /// patched for them alone (see `in_place`), rather than the site
    /// assembled again from all its articles.
    pub in_place: bool,
}

/// The changed files as edits of articles; `None` if one of them is
/// anything else (a registry entry, a section, a bulletin, an unpublished
/// article, a file outside `content/` …). A file beside the pages (a
/// picture replaced or deleted) is an edit of each article that shows it
/// or links to it: built again, its page shows the new picture's size, or
/// the build fails for the missing one. The other pages that show it are
/// rendered again by every front-matter patch.
fn edits_of<'l>(
    site: &Site,
    loaded: &'l Loaded,
    root: &Path,
    changed: &[PathBuf],
) -> Option<Vec<Edit<'l>>> {
    let mut seen: HashSet<&Path> = HashSet::new();
    let mut edits = Vec::new();
    for abs in changed {
        let rel = abs.strip_prefix(root).ok()?;
        if !seen.insert(rel) {
            continue;
        }
        if let Some(file) = file_beside(rel) {
            let showing = site
                .articles
                .iter()
                .enumerate()
                .filter(|(_, a)| a.body.files.iter().any(|(f, _)| *f == file));
            for (i, a) in showing {
                let doc = loaded.docs.iter().find(|d| d.path == a.source)?;
                if seen.insert(a.source.as_path()) {
                    edits.push(Edit {
                        old: Some(i),
                        doc: Some(doc),
                    });
                }
            }
            continue;
        }
        let old = site.articles.iter().position(|a| a.source == rel);
        let doc = loaded.docs.iter().find(|d| d.path == rel);
        match (old, doc) {
            (_, Some(d)) if d.kind != DocKind::Article => return None,
            (None, None) => return None,
            (None, Some(_)) if site.unpublished.iter().any(|u| u.source == rel) => return None,
            _ => edits.push(Edit { old, doc }),
        }
    }
    Some(edits)
}

/// The name under `content/` of the file at `rel` (relative to the site
/// root), if it is a file beside the pages (a picture, a PDF), not
/// Markdown.
fn file_beside(rel: &Path) -> Option<String> {
    let name = rel
        .strip_prefix("content")
        .ok()?
        .to_str()?
        .replace('\\', "/");
    (!name.ends_with(".md")).then_some(name)
}

/// Brings `last` up to date after the files `changed` (absolute, under
/// `root`) were saved, when each is a file beside the pages (not Markdown)
/// that no page of the last build shows or links to: a picture added
/// before an article names it, or one deleted after. A file under
/// `content/` is published only where a page names it, so nothing of the
/// output changes: only the files that links resolve against (read again
/// into `loaded`). Returns false, with `last` untouched, otherwise.
pub fn unshown_files(
    last: &mut LastGood,
    loaded: &Loaded,
    root: &Path,
    changed: &[PathBuf],
) -> bool {
    let site = &mut last.site;
    let mut names = Vec::new();
    for abs in changed {
        let Some(name) = abs.strip_prefix(root).ok().and_then(file_beside) else {
            return false;
        };
        names.push(name);
    }
    let shown = |name: &str| {
        site.articles
            .iter()
            .any(|a| a.body.files.iter().any(|(f, _)| f == name))
            || site.text_files.iter().any(|(_, f, _)| f == name)
    };
    if names.iter().any(|n| shown(n)) {
        return false;
    }
    site.assets = loaded.assets.clone();
    true
}

/// An article's identity across builds, whose indices shift.
fn ident(content_path: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    content_path.hash(&mut h);
    h.finish()
}

pub(super) fn term_paths(terms: &[model::Term]) -> HashMap<String, String> {
    terms
        .iter()
        .map(|t| (t.name.clone(), t.path.clone()))
        .collect()
}

/// `registry` with no article listed under its entries, as the model
/// starts it.
fn without_articles<E: RegistryEntry>(registry: &Registry<E>) -> Registry<E> {
    let mut r = registry.clone();
    for e in &mut r.entries {
        e.articles.clear();
    }
    r
}
