//! Values remembered between builds, each keyed by a hash of all its
//! inputs, so that an edit to one article costs the work of one article.
//!
//! A build looks each value up by key and computes only what it misses.
//! Values not used by a full build are dropped after it ([`Memo::roll`]), so
//! memory stays that of one site. `build` uses memos that keep nothing
//! ([`Memo::off`]): the results are the same either way, which
//! `tests/suite/incremental.rs` checks file by file. What is remembered,
//! and by which key, is up to each memo's user.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// Values of one kind from the last build and this one.
pub struct Memo<V> {
    maps: Mutex<(HashMap<u64, V>, HashMap<u64, V>)>,
    /// False for [`Memo::off`]: every value is computed and none kept.
    keep: bool,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            maps: Mutex::new((HashMap::new(), HashMap::new())),
            keep: true,
        }
    }
}

impl<V> Memo<V> {
    /// A memo that remembers nothing, for `build`: one that kept every
    /// value until the step ended would hold a second copy of them all.
    pub fn off() -> Self {
        Memo {
            keep: false,
            ..Memo::default()
        }
    }

    /// Whether values are kept, so that computing a key is worth it.
    pub fn remembers(&self) -> bool {
        self.keep
    }

    /// Drops the values that the build just finished did not use.
    pub fn roll(&self) {
        let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        maps.0 = std::mem::take(&mut maps.1);
    }
}

impl<V: Clone> Memo<V> {
    /// The value for `key`, computed by `make` if no build had it; an
    /// `Err` is not remembered.
    pub fn get_or<E>(&self, key: u64, make: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        self.get_current_or(key, |_| true, make)
    }

    /// [`Memo::get_or`] for a value that depends on more than its key can
    /// say (a file on disk, which is not read to make the key): a kept
    /// value that is not `current` any more is made again.
    pub fn get_current_or<E>(
        &self,
        key: u64,
        current: impl Fn(&V) -> bool,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if !self.keep {
            return make();
        }
        {
            let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
            let (last, this) = &mut *maps;
            if let Some(v) = this.get(&key).filter(|v| current(v)) {
                return Ok(v.clone());
            }
            if let Some(v) = last.remove(&key).filter(|v| current(v)) {
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
