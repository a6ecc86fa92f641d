//! What `serve` remembers between builds so that an edit to one article
//! costs the work of one article: parsed front matter, rendered Markdown and
//! deflated search index files, each keyed by a hash of all its inputs.
//!
//! A build looks each value up by key and computes only what it misses.
//! Entries not used by a full build are dropped after it ([`Memo::roll_pages`]), so
//! memory stays that of one site. `build` uses a memo that keeps nothing
//! ([`Memo::off`]): the results are the same either way, which `tests/suite/incremental.rs`
//! checks file by file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use crate::error::Diagnostic;
use crate::model::article::Body;
use crate::model::front::ArticleFront;

/// Values of one kind from the last build and this one.
pub struct Cache<V> {
    maps: Mutex<(HashMap<u64, V>, HashMap<u64, V>)>,
    /// False for [`Memo::off`]: every value is computed and none kept.
    keep: bool,
}

impl<V> Default for Cache<V> {
    fn default() -> Self {
        Cache {
            maps: Mutex::new((HashMap::new(), HashMap::new())),
            keep: true,
        }
    }
}

impl<V> Cache<V> {
    fn off() -> Self {
        Cache {
            keep: false,
            ..Cache::default()
        }
    }

    /// Whether values are kept, so that computing a key is worth it.
    pub fn remembers(&self) -> bool {
        self.keep
    }
}

impl<V: Clone> Cache<V> {
    /// The value for `key`, computed by `make` if no build had it; an
    /// `Err` is not remembered.
    pub fn get_or<E>(&self, key: u64, make: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        if !self.keep {
            return make();
        }
        {
            let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
            let (last, this) = &mut *maps;
            if let Some(v) = this.get(&key) {
                return Ok(v.clone());
            }
            if let Some(v) = last.remove(&key) {
                this.insert(key, v.clone());
                return Ok(v);
            }
        }
        let v = make()?;
        self.maps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .insert(key, v.clone());
        Ok(v)
    }

    fn roll(&self) {
        let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        maps.0 = std::mem::take(&mut maps.1);
    }
}

/// Everything remembered.
#[derive(Default)]
pub struct Memo {
    /// Article front matter, by its text and file.
    pub fronts: Cache<ArticleFront>,
    /// Rendered article Markdown (and the problems found in it), by its
    /// text, file and what links resolve against.
    pub markdown: Cache<(Body, Vec<Diagnostic>)>,
    /// Deflated search index files, by their bytes: a one-article edit
    /// changes a few of the thousands on a large site.
    pub deflated: Cache<Vec<u8>>,
}

impl Memo {
    /// A memo that remembers nothing, for `build`: one that kept every
    /// article's rendered Markdown and every deflated index file until the
    /// step ended held a second copy of them (issue 6).
    pub fn off() -> Memo {
        Memo {
            fronts: Cache::off(),
            markdown: Cache::off(),
            deflated: Cache::off(),
        }
    }

    /// Drops the front matter and Markdown that the full rebuild just
    /// finished did not use (a quick one, which uses a few, drops none).
    pub fn roll_pages(&self) {
        self.fronts.roll();
        self.markdown.roll();
    }

    /// Drops the index files that the search index just written did not use.
    pub fn roll_search(&self) {
        self.deflated.roll();
    }
}

/// A hash of `parts`.
pub fn key(parts: &[&dyn HashPart]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        p.hash_into(&mut h);
    }
    h.finish()
}

/// Anything a memo key is made of.
pub trait HashPart {
    fn hash_into(&self, h: &mut std::collections::hash_map::DefaultHasher);
}

impl<T: Hash + ?Sized> HashPart for T {
    fn hash_into(&self, h: &mut std::collections::hash_map::DefaultHasher) {
        self.hash(h);
    }
}
