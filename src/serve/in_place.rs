//! The in-place patch of a front-matter edit: the changed articles put in
//! their old places, and only the lists that show them brought up to date.
//!
//! Most front-matter edits (a title, tag, programme, award, region or
//! author) leave each changed article in its file, at its path and in its
//! place in the order of the site's articles. Assembling the site again
//! from all 10,000 articles for such an edit (sorting, every list, every
//! article's related articles, the claims) costs most of a rebuild, yet
//! only the lists the changed articles were or are on differ. So
//! [`in_place_slots`] recognises such an edit, and [`in_place`] swaps the
//! articles in and patches those lists: the registries' lists and honour
//! rolls, the tags, people and regions (through [`Listing`], which a tag's,
//! a person's and a region's list share), the archive and aliases when
//! their inputs changed, the related articles near the changed ones, the
//! claims when what they are made of changed. Anything else goes to
//! `patch`'s `front_edits`, which assembles the site again; the serve
//! tests compare either with a full build, file by file.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::error::Diagnostics;
use crate::load::Loaded;
use crate::model::{self, Article, Site};

use super::patch::{Edit, term_paths};

/// The indices of the articles `edits` change, when each edit changes one
/// published article (none new or deleted) whose new version, `built` (in
/// the order of `edits`), keeps its file, its slug, its path and its place
/// in the order of the site's articles, and the files beside the pages are
/// the same: then [`in_place`] can patch the site for them.
pub(super) fn in_place_slots(
    site: &Site,
    edits: &[Edit],
    built: &[Article],
    loaded: &Loaded,
) -> Option<Vec<usize>> {
    if edits.len() != built.len() || edits.iter().any(|e| e.doc.is_none()) {
        return None;
    }
    let slots: Vec<usize> = edits.iter().map(|e| e.old).collect::<Option<_>>()?;
    let by_slot: HashMap<usize, &Article> = slots.iter().copied().zip(built).collect();
    if by_slot.len() != slots.len() || loaded.assets != site.assets {
        return None;
    }
    let at = |j: usize| by_slot.get(&j).copied().unwrap_or(&site.articles[j]);
    let before = |a: &Article, b: &Article| model::newest_first(a, b).is_lt();
    for (&i, new) in slots.iter().zip(built) {
        let old = &site.articles[i];
        if (&old.content_path, &old.slug, &old.path) != (&new.content_path, &new.slug, &new.path) {
            return None;
        }
        // The others are in order: each changed one between its
        // neighbours puts all in order.
        if (i > 0 && !before(at(i - 1), new))
            || (i + 1 < site.articles.len() && !before(new, at(i + 1)))
        {
            return None;
        }
    }
    Some(slots)
}

/// Puts `built` (rendered) in the places `slots` of `site`'s articles and
/// brings every list that may show them up to date: the registries' lists
/// and honour rolls, tags, people and regions (patched when no term comes
/// or goes, made again otherwise), the archive, the aliases, the related
/// articles near them, the claims; what the article pages show of them
/// is then what [`Site::assemble`] would give, without its pass over
/// every article. The sections, bulletins and other pages' texts depend
/// only on the articles' files and paths, which are the same. Returns
/// which article pages may differ, as [`front_edits`] does; `None` when
/// the claims clash (the full rebuild reports it).
pub(super) fn in_place(site: &mut Site, slots: &[usize], built: Vec<Article>) -> Option<Vec<bool>> {
    let changed: HashSet<usize> = slots.iter().copied().collect();
    let old_related: Vec<Vec<usize>> = site
        .articles
        .iter_mut()
        .map(|a| std::mem::take(&mut a.related))
        .collect();
    let mut olds = Vec::with_capacity(slots.len());
    for (&i, new) in slots.iter().zip(built) {
        olds.push((i, std::mem::replace(&mut site.articles[i], new)));
    }
    let edits: Vec<(usize, &Article)> = olds.iter().map(|(i, a)| (*i, a)).collect();
    let Site {
        articles,
        programmes,
        awards,
        regions,
        tags,
        people,
        years,
        aliases,
        ..
    } = site;
    let articles: &[Article] = articles;

    for &(i, old) in &edits {
        let new = &articles[i];
        if old.programmes != new.programmes {
            for &p in &old.programmes {
                programmes.entries[p].articles.retain(|&j| j != i);
            }
            for &p in &new.programmes {
                insert_sorted(&mut programmes.entries[p].articles, i);
            }
        }
        if old.awards != new.awards {
            let touched: std::collections::BTreeSet<usize> = old
                .awards
                .iter()
                .chain(&new.awards)
                .map(|m| m.award)
                .collect();
            for &k in &touched {
                awards.entries[k].articles.retain(|&j| j != i);
            }
            for m in &new.awards {
                let list = &mut awards.entries[m.award].articles;
                if !list.contains(&i) {
                    insert_sorted(list, i);
                }
            }
            for k in touched {
                let roll =
                    model::registry::HonourRoll::new(k, &awards.entries[k].articles, articles);
                awards.entries[k].honour_roll = roll;
            }
        }
    }
    let moved_tags = patch_terms(tags, articles, &edits, model::urls::TAGS, |a| a.tags.iter());
    let moved_people = patch_terms(people, articles, &edits, model::urls::PEOPLE, |a| {
        a.people()
    });
    let moved_regions = patch_regions(regions, articles, &edits);
    if edits.iter().any(|(i, old)| old.date != articles[*i].date) {
        *years = model::taxonomy::archive(articles);
    }
    if edits
        .iter()
        .any(|(i, old)| old.aliases != articles[*i].aliases)
    {
        *aliases = model::aliases_of(articles);
    }
    let related = if edits
        .iter()
        .all(|&(i, old)| model::taxonomy::same_lists(old, &articles[i]))
    {
        old_related.clone()
    } else {
        model::taxonomy::related_in_place(articles, &edits, |j| {
            (!changed.contains(&j)).then(|| old_related[j].clone())
        })
    };
    // What the claims are made of, from an article.
    let reclaim = edits.iter().any(|(i, old)| {
        let new = &articles[*i];
        (&old.path, &old.slug_at, &old.aliases, &old.body.files)
            != (&new.path, &new.slug_at, &new.aliases, &new.body.files)
    });
    let dirty = related
        .iter()
        .enumerate()
        .map(|(j, r)| {
            let a = &articles[j];
            changed.contains(&j)
                || old_related[j] != *r
                || r.iter().any(|k| changed.contains(k))
                || a.tags.iter().any(|t| moved_tags.contains(t))
                || a.people().any(|p| moved_people.contains(p))
                || (1..=a.region.len()).any(|d| moved_regions.contains(&a.region[..d]))
        })
        .collect();
    for (a, r) in site.articles.iter_mut().zip(related) {
        a.related = r;
    }
    if reclaim {
        let diagnostics = Diagnostics::default();
        site.claims = model::claims::Claims::new(site, &diagnostics);
        if !diagnostics.take().is_empty() {
            return None;
        }
    }
    Some(dirty)
}

/// Puts `i` into `list` (ascending) after any `i` already there.
fn insert_sorted(list: &mut Vec<usize>, i: usize) {
    let at = list.partition_point(|&j| j <= i);
    list.insert(at, i);
}

/// Brings `terms` (made by [`model::taxonomy::terms`] from `articles`
/// under `root` with `names`) up to date after each article of `edits`
/// (its index, what it was) changed: the lists of the names it lost or
/// gained patched when no term comes or goes, all made again otherwise.
/// Gives the names whose page moved (a new name may take another's slug).
fn patch_terms<'a, F, I>(
    terms: &mut Vec<model::Term>,
    articles: &'a [Article],
    edits: &[(usize, &'a Article)],
    root: model::urls::Root,
    names: F,
) -> HashSet<String>
where
    F: Fn(&'a Article) -> I + Copy,
    I: Iterator<Item = &'a String>,
{
    let patched = edits.iter().all(|&(i, old)| {
        let before: HashSet<&String> = names(old).collect();
        let after: HashSet<&String> = names(&articles[i]).collect();
        move_article(terms, i, &before, &after)
    });
    if patched {
        return HashSet::new();
    }
    let old = term_paths(terms);
    *terms = model::taxonomy::terms(articles, root, names);
    terms
        .iter()
        .filter(|t| old.get(&t.name).is_some_and(|p| *p != t.path))
        .map(|t| t.name.clone())
        .collect()
}

/// [`patch_terms`] for the regions: gives the levels of those whose page
/// moved.
fn patch_regions(
    regions: &mut Vec<model::Region>,
    articles: &[Article],
    edits: &[(usize, &Article)],
) -> HashSet<Vec<String>> {
    let levels = |a: &Article| -> HashSet<Vec<String>> {
        (1..=a.region.len())
            .map(|d| a.region[..d].to_vec())
            .collect()
    };
    let patched = edits.iter().all(|&(i, old)| {
        let (before, after) = (levels(old), levels(&articles[i]));
        move_article(
            regions,
            i,
            &before.iter().collect(),
            &after.iter().collect(),
        )
    });
    if patched {
        return HashSet::new();
    }
    let old: HashMap<Vec<String>, String> = regions
        .iter()
        .map(|r| (r.levels.clone(), r.path.clone()))
        .collect();
    *regions = model::taxonomy::regions(articles);
    regions
        .iter()
        .filter(|r| old.get(&r.levels).is_some_and(|p| *p != r.path))
        .map(|r| r.levels.clone())
        .collect()
}

/// A list of articles under a key: a tag's or a person's (its name), a
/// region's (its levels).
trait Listing {
    type Key: Eq + Hash;
    fn key(&self) -> &Self::Key;
    fn articles(&mut self) -> &mut Vec<usize>;
}

impl Listing for model::Term {
    type Key = String;
    fn key(&self) -> &String {
        &self.name
    }
    fn articles(&mut self) -> &mut Vec<usize> {
        &mut self.articles
    }
}

impl Listing for model::Region {
    type Key = Vec<String>;
    fn key(&self) -> &Vec<String> {
        &self.levels
    }
    fn articles(&mut self) -> &mut Vec<usize> {
        &mut self.articles
    }
}

/// Takes article `i` off the lists of the keys in `before` but not in
/// `after` and puts it on those in `after` but not in `before`. False
/// when a key has no list or a list is left empty (a term comes or goes):
/// then `lists` may be half patched, and the caller makes them again.
fn move_article<T: Listing>(
    lists: &mut [T],
    i: usize,
    before: &HashSet<&T::Key>,
    after: &HashSet<&T::Key>,
) -> bool {
    let find = |lists: &[T], key: &T::Key| lists.iter().position(|l| l.key() == key);
    for key in before.difference(after) {
        let Some(l) = find(lists, key) else {
            return false;
        };
        let list = lists[l].articles();
        list.retain(|&j| j != i);
        if list.is_empty() {
            return false;
        }
    }
    for key in after.difference(before) {
        let Some(l) = find(lists, key) else {
            return false;
        };
        insert_sorted(lists[l].articles(), i);
    }
    true
}
