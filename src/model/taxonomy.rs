//! Ways to browse: regions (every level of the hierarchy), tags, people
//! (reporters, correspondents, photographers), the archive by year and month,
//! and related articles. All are built in one pass over the articles, which
//! are sorted newest first, so every list here is newest first too.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

use super::article::Article;
use super::urls::{self, Root};
use crate::slug::slugify;

/// A named group of articles with its own page: a tag, a person.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Site path: `/tags/<slug>/`.
    pub path: String,
    pub articles: Vec<usize>,
}

/// Groups articles by each of the names `names` gives for them, with one
/// page per name under `/<root>/<slug>/`. Names whose slugs clash get `-2`,
/// `-3` … in the order of their names, so URLs stay stable.
pub fn terms<'a, F, I>(articles: &'a [Article], root: Root, names: F) -> Vec<Term>
where
    F: Fn(&'a Article) -> I,
    I: Iterator<Item = &'a String>,
{
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        for name in names(a) {
            let list = by_name.entry(name.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Term> = by_name
        .into_iter()
        .map(|(name, articles)| {
            let base = match slugify(name) {
                s if s.is_empty() => "x".to_string(),
                s => s,
            };
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            Term {
                name: name.to_string(),
                path: root.page(&slug),
                slug,
                articles,
            }
        })
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));
    out
}

/// A region at any level: 江苏省, 江苏省/无锡市, 江苏省/无锡市/惠山区.
#[derive(Debug, Clone)]
pub struct Region {
    /// Levels from the province down.
    pub levels: Vec<String>,
    /// Site path: `/regions/jiang-su-sheng/wu-xi-shi/`.
    pub path: String,
    /// Every article in this region or below it.
    pub articles: Vec<usize>,
    /// Indices (into the region list) of the next level down.
    pub children: Vec<usize>,
}

impl Region {
    pub fn name(&self) -> &str {
        self.levels.last().map(String::as_str).unwrap_or_default()
    }
}

/// Every region at every level, sorted by path, parents before children.
pub fn regions(articles: &[Article]) -> Vec<Region> {
    let mut by_levels: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        for depth in 1..=a.region.len() {
            by_levels.entry(&a.region[..depth]).or_default().push(i);
        }
    }
    // Parents come before their children in this order. Siblings whose
    // slugs clash (山西省 and 陕西省 are both `shan-xi-sheng`) get `-2`, `-3`
    // … in the order of their names, as tags do, so no two regions share a
    // page and every build gives each region the same one.
    let mut paths: HashMap<&[String], String> = HashMap::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Region> = Vec::with_capacity(by_levels.len());
    for (levels, articles) in by_levels {
        let parent = match levels.len() {
            1 => urls::REGIONS.index(),
            n => paths.get(&levels[..n - 1]).cloned().unwrap_or_default(),
        };
        let base = match slugify(&levels[levels.len() - 1]) {
            s if s.is_empty() => "x".to_string(),
            s => s,
        };
        let n = used.entry(format!("{parent}{base}")).or_insert(0);
        *n += 1;
        let slug = if *n == 1 { base } else { format!("{base}-{n}") };
        let path = urls::region(&parent, &slug);
        paths.insert(levels, path.clone());
        out.push(Region {
            levels: levels.to_vec(),
            path,
            articles,
            children: Vec::new(),
        });
    }
    let index: HashMap<Vec<String>, usize> = out
        .iter()
        .enumerate()
        .map(|(i, r)| (r.levels.clone(), i))
        .collect();
    for i in 0..out.len() {
        if out[i].levels.len() > 1 {
            let parent = &out[i].levels[..out[i].levels.len() - 1];
            if let Some(&p) = index.get(parent) {
                out[p].children.push(i);
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
pub struct Year {
    pub year: i16,
    pub path: String,
    pub articles: Vec<usize>,
    /// Newest month first.
    pub months: Vec<Month>,
}

#[derive(Debug, Clone)]
pub struct Month {
    pub month: i8,
    pub path: String,
    pub articles: Vec<usize>,
}

/// The archive, newest year first.
pub fn archive(articles: &[Article]) -> Vec<Year> {
    let mut years: BTreeMap<i16, BTreeMap<i8, Vec<usize>>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        years
            .entry(a.date.year())
            .or_default()
            .entry(a.date.month())
            .or_default()
            .push(i);
    }
    years
        .into_iter()
        .rev()
        .map(|(year, months)| {
            let mut all: Vec<usize> = months.values().flatten().copied().collect();
            all.sort_unstable();
            Year {
                year,
                path: urls::year(year),
                articles: all,
                months: months
                    .into_iter()
                    .rev()
                    .map(|(month, articles)| Month {
                        month,
                        path: urls::month(year, month),
                        articles,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// How many related articles each article shows.
pub const RELATED: usize = 5;
/// How far along each shared list we look for related articles. Looking at
/// near neighbours in time only keeps this linear in the number of articles
/// even when one tag is on all of them.
const WINDOW: usize = 12;

/// The lists `a` is on that make articles related, with their weights:
/// programmes (3), tags (2), region levels (1 each).
fn relating(a: &Article) -> impl Iterator<Item = (u8, &str, usize)> {
    let programmes = a.programmes.iter().map(|&p| (3, "", p));
    let tags = a.tags.iter().map(|t| (2, t.as_str(), 0));
    let region = (1..=a.region.len()).map(|depth| (1, a.region[depth - 1].as_str(), depth));
    programmes.chain(tags).chain(region)
}

/// Related articles, by shared programmes (3 points each), region (1 point per
/// shared level) and tags (2 points each); ties go to the closer in time.
pub fn related(articles: &[Article]) -> Vec<Vec<usize>> {
    let groups = groups(articles);
    articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| related_of(&groups, i, a))
        .collect()
}

/// [`related`] after an edit, computing again only what it may have
/// changed. `known(i)` is article `i`'s related articles before the edit
/// (as indices now) if neither it nor its index changed, `None`
/// otherwise; `near_gone[i]` says whether the article was, before the
/// edit, near (in a list it shares) an article the edit changed or
/// removed. The result is [`related`]'s: an article's related ones depend
/// only on the articles near it in each list it is on and on their
/// indices, and those are the same for every article near none of the
/// changed or moved ones.
pub fn related_update(
    articles: &[Article],
    known: impl Fn(usize) -> Option<Vec<usize>> + Sync,
    near_gone: &[bool],
) -> Vec<Vec<usize>> {
    related_again(&groups(articles), articles, known, near_gone)
}

/// Whether `a` and `b` are on the same lists that make articles related
/// (programmes, tags, region levels): an edit that changes an article
/// into one on the same lists, at its index, changes no article's related
/// ones, as they depend only on the lists and the indices.
pub fn same_lists(a: &Article, b: &Article) -> bool {
    relating(a).eq(relating(b))
}

/// [`related_update`] after an edit that left every article at its index:
/// `edits` are the changed articles' indices and their versions before
/// the edit. Which articles were near them is read from the lists as they
/// are now: a list the changed article left has its old neighbours around
/// the place it left, which [`neighbours`] covers (it looks one place
/// further than [`WINDOW`]); a list it is still on is as it was. So no
/// pass over every article's lists is made for [`near`].
pub fn related_in_place(
    articles: &[Article],
    edits: &[(usize, &Article)],
    known: impl Fn(usize) -> Option<Vec<usize>> + Sync,
) -> Vec<Vec<usize>> {
    let groups = groups(articles);
    let mut near_gone = vec![false; articles.len()];
    for &(i, old) in edits {
        for key in relating(old) {
            if let Some(members) = groups.get(&key) {
                for j in neighbours(members, i) {
                    near_gone[j] = true;
                }
            }
        }
    }
    related_again(&groups, articles, known, &near_gone)
}

fn related_again(
    groups: &Groups,
    articles: &[Article],
    known: impl Fn(usize) -> Option<Vec<usize>> + Sync,
    near_gone: &[bool],
) -> Vec<Vec<usize>> {
    let old: Vec<Option<Vec<usize>>> = (0..articles.len()).into_par_iter().map(&known).collect();
    // Computed again: the changed and moved articles, those near a changed
    // or removed one before the edit, and those near a changed or moved one
    // now. Only a changed or moved article changes its neighbours' lists;
    // one that is merely near a change does not (marking its neighbours
    // too computed a few thousand articles again for a title edit).
    let mut again: Vec<bool> = old
        .iter()
        .enumerate()
        .map(|(i, o)| o.is_none() || near_gone.get(i).copied().unwrap_or(true))
        .collect();
    for (i, a) in articles.iter().enumerate() {
        if old[i].is_some() {
            continue;
        }
        for key in relating(a) {
            for j in neighbours(&groups[&key], i) {
                again[j] = true;
            }
        }
    }
    old.into_par_iter()
        .enumerate()
        .map(|(i, known)| match known {
            Some(r) if !again[i] => r,
            _ => related_of(groups, i, &articles[i]),
        })
        .collect()
}

/// The articles at most one more than [`WINDOW`] places from `i` in
/// `members` (a list's articles, in article order), where `i` is.
pub fn neighbours(members: &[usize], i: usize) -> impl Iterator<Item = usize> + '_ {
    let first = members.partition_point(|&j| j < i);
    let last = members.partition_point(|&j| j <= i);
    let lo = first.saturating_sub(WINDOW + 1);
    let hi = (last + WINDOW + 1).min(members.len());
    members[lo..hi].iter().copied()
}

type Groups<'a> = rustc_hash::FxHashMap<(u8, &'a str, usize), Vec<usize>>;

/// Each list's members, in article order.
fn groups(articles: &[Article]) -> Groups<'_> {
    let mut groups = Groups::default();
    for (i, a) in articles.iter().enumerate() {
        for key in relating(a) {
            groups.entry(key).or_default().push(i);
        }
    }
    groups
}

/// The articles near article `i` (as [`neighbours`] counts) in each list
/// it is on, each of them once: those whose related articles it can be.
pub fn near(articles: &[Article], i: usize) -> Vec<usize> {
    let a = &articles[i];
    let keys: Vec<_> = relating(a).collect();
    let mut members: HashMap<_, Vec<usize>> = HashMap::new();
    for (j, b) in articles.iter().enumerate() {
        for key in relating(b) {
            if keys.contains(&key) {
                members.entry(key).or_default().push(j);
            }
        }
    }
    let mut out: Vec<usize> = members
        .values()
        .flat_map(|m| neighbours(m, i))
        .filter(|&j| j != i)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn related_of(groups: &Groups<'_>, i: usize, a: &Article) -> Vec<usize> {
    // Each neighbour with the weight of each list shared, summed; a list
    // named twice has the article twice, each counted.
    let mut keys: Vec<_> = relating(a).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut near: Vec<(usize, u32)> = Vec::new();
    for key in keys {
        let members = &groups[&key];
        let first = members.partition_point(|&j| j < i);
        let last = members.partition_point(|&j| j <= i);
        for pos in first..last {
            let lo = pos.saturating_sub(WINDOW);
            let hi = (pos + WINDOW + 1).min(members.len());
            near.extend(
                members[lo..hi]
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| (j, u32::from(key.0))),
            );
        }
    }
    near.sort_unstable_by_key(|&(j, _)| j);
    let mut best: Vec<(usize, u32)> = Vec::with_capacity(near.len());
    for (j, w) in near {
        match best.last_mut() {
            Some(last) if last.0 == j => last.1 += w,
            _ => best.push((j, w)),
        }
    }
    best.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
            .then(a.0.cmp(&b.0))
    });
    best.into_iter().take(RELATED).map(|(j, _)| j).collect()
}
