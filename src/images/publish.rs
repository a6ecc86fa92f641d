//! The pictures of a whole build: every picture the pages show, each
//! source derived once however many pages show it (in parallel, within the
//! pixel budget), then its files copied beside each page that shows it and
//! every refusal reported where the picture is named.
//!
//! Two calls, so that the slow one can run beside the page rendering:
//! [`Pictures::derive`] works only in the cache (nothing reaches the
//! output, so a build that fails writes nothing), and
//! [`Pictures::publish`] hands the files to the build's writer.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Budget, Derived, Picture, Refusal, derive};
use crate::config::Images;
use crate::error::{Diagnostic, Diagnostics, Location};

/// One use of a picture: the page (its site path) that shows it, the
/// files that use needs, and where its text names it.
pub struct Shown<'a> {
    pub page: &'a str,
    pub picture: Cow<'a, Picture>,
    pub at: &'a Location,
}

/// How far the pictures of a build have come, for a progress bar.
#[derive(Debug, Default)]
pub struct Tally {
    /// Sources to derive.
    total: AtomicUsize,
    /// Sources derived (from the cache or decoded).
    done: AtomicUsize,
    /// Sources decoded: those whose files were not all in the cache.
    decoded: AtomicUsize,
}

impl Tally {
    /// (sources derived, sources to derive) so far.
    pub fn done_of_total(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Sources decoded so far: none when every file was in the cache.
    pub fn decoded(&self) -> usize {
        self.decoded.load(Ordering::Relaxed)
    }
}

/// The pictures of a build and what they became.
pub struct Pictures<'a> {
    shown: Vec<Shown<'a>>,
    /// Each source once, with the files of all its uses (a lead picture
    /// has a social card's file besides, a bulletin's picture an
    /// e-mail's).
    sources: Vec<Picture>,
}

/// Each source's files in the cache, or why it is refused.
pub struct Derivations(HashMap<String, Result<Derived, Refusal>>);

impl<'a> Pictures<'a> {
    pub fn new(shown: Vec<Shown<'a>>) -> Pictures<'a> {
        let mut merged: BTreeMap<&str, Picture> = BTreeMap::new();
        for s in &shown {
            match merged.get_mut(s.picture.source.as_str()) {
                Some(m) => {
                    for v in &s.picture.extra {
                        if !m.extra.contains(v) {
                            m.extra.push(v.clone());
                        }
                    }
                }
                None => {
                    merged.insert(&s.picture.source, s.picture.clone().into_owned());
                }
            }
        }
        let sources = merged.into_values().collect();
        Pictures { shown, sources }
    }

    /// Every source's files, from the cache under `root` or decoded (in
    /// parallel, at most `config.pixel_budget` pixels at once) into it,
    /// counted in `tally`. Nothing is written but the cache.
    pub fn derive(&self, root: &Path, config: &Images, tally: &Tally) -> Derivations {
        use rayon::prelude::*;
        tally.total.fetch_add(self.sources.len(), Ordering::Relaxed);
        let cache = root.join(&config.cache_dir);
        let budget = Budget::new(config.pixel_budget);
        Derivations(
            self.sources
                .par_iter()
                .map(|p| {
                    let from = root.join("content").join(&p.source);
                    let d = derive(&from, p, config, &cache, &budget);
                    if d.as_ref().is_ok_and(|d| d.decoded) {
                        tally.decoded.fetch_add(1, Ordering::Relaxed);
                    }
                    tally.done.fetch_add(1, Ordering::Relaxed);
                    (p.source.clone(), d)
                })
                .collect(),
        )
    }

    /// Gives `copy` (a site path, the file to copy there) the files each
    /// page's use of a picture names, beside the page; a refused picture is
    /// an error at each place that shows it.
    pub fn publish(
        &self,
        derived: &Derivations,
        copy: &dyn Fn(&str, &Path),
        diagnostics: &Diagnostics,
    ) {
        for s in &self.shown {
            match derived.0.get(s.picture.source.as_str()) {
                Some(Ok(d)) => {
                    let wanted = |name: &str| s.picture.files().any(|v| v.file_name == name);
                    for (name, from) in d.files.iter().filter(|(name, _)| wanted(name)) {
                        copy(&format!("{}{name}", s.page.trim_start_matches('/')), from);
                    }
                }
                Some(Err(refusal)) => {
                    let (message, help) = refusal.message(&s.picture.source);
                    diagnostics.push(Diagnostic::error(s.at.clone(), message).help(help));
                }
                None => {}
            }
        }
    }
}
