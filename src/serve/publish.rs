//! Publishing into the served folder: a rebuild renders into a
//! [`StagedChanges`] sink, which keeps in memory only the files whose bytes
//! differ from the last good build; [`apply`] then writes those and deletes
//! the files the rebuild no longer makes, so the browser and the disk see a
//! small change for a small edit and the server never sends half a file.

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::render::sink::Sink;

use super::http;

/// Writes the `pending` files and deletes those of `previous` not
/// `seen`; gives back `seen` with how many were written and deleted. A
/// file that cannot be written or deleted is an error of the build: the
/// folder then holds pages that are not the site's.
pub(super) fn apply(
    dir: &Path,
    previous: &Files,
    seen: Files,
    pending: Vec<(String, PendingWrite)>,
) -> std::result::Result<(Files, usize, usize), Vec<Diagnostic>> {
    let changed = pending.len();
    let all_seen = every_file_seen(previous, &seen, &pending);
    let mut failures = Vec::new();
    for (path, what) in pending {
        if let Err(e) = put(dir, &path, what) {
            failures.push(failure(dir, &path, e));
        }
    }
    let mut removed = 0;
    let unseen = previous
        .keys()
        .filter(|p| !all_seen && !seen.contains_key(*p));
    for path in unseen {
        let file = dir.join(path);
        match std::fs::remove_file(&file) {
            Ok(()) => removed += 1,
            // Already gone: what the build wants.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => failures.push(failure(dir, path, Error::io(&file, e))),
        }
    }
    if failures.is_empty() {
        Ok((seen, changed, removed))
    } else {
        Err(failures)
    }
}

/// Whether `seen` holds every file of `previous`, told without looking
/// each of them up (20,000 at 10,000 articles, for every save): a file of
/// `seen` that `previous` lacks has a new fingerprint, so `pending` writes
/// it; when `pending` writes only files of `previous`, `seen` is part of
/// `previous`, and all of it if it is as large.
fn every_file_seen(previous: &Files, seen: &Files, pending: &[(String, PendingWrite)]) -> bool {
    seen.len() == previous.len() && pending.iter().all(|(p, _)| previous.contains_key(p))
}

/// The diagnostic for the site file `path` that could not be brought up
/// to date: the reason names the file that failed when it is not in the
/// served folder (the source of a copy).
fn failure(dir: &Path, path: &str, err: Error) -> Diagnostic {
    let reason = match err {
        Error::Io(file, e) if file.starts_with(dir) => e.to_string(),
        Error::Io(file, e) => format!("{}: {e}", file.display()),
        other => other.to_string(),
    };
    Diagnostic::error(
        Location::file(path),
        crate::t!("io-failed", reason = reason),
    )
}

/// Writes one file: into a temporary name first, then renamed, so the
/// server never sends half a file.
fn put(dir: &Path, path: &str, what: PendingWrite) -> Result<()> {
    let dest = dir.join(path);
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let tmp = dest.with_file_name(format!(
        ".{}.unionpress-tmp",
        dest.file_name().unwrap_or_default().to_string_lossy()
    ));
    let written = match what {
        PendingWrite::Bytes(bytes) => std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e)),
        PendingWrite::Copy(from) => std::fs::copy(&from, &tmp)
            .map(drop)
            .map_err(|e| Error::io(&from, e)),
    };
    let renamed =
        written.and_then(|()| std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e)));
    if renamed.is_err() {
        // The error above is the one to report; a temporary file left
        // behind is never served (its name starts with a dot) and the next
        // write of this file replaces it.
        let _ = std::fs::remove_file(&tmp);
    }
    renamed
}

/// Deletes the folder `dir` and everything in it, if it is there.
pub(super) fn remove_dir_if_present(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(dir, e)),
        _ => Ok(()),
    }
}

/// A file to write into the served folder: its new bytes, or the source
/// file to copy.
pub(super) enum PendingWrite {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

/// Files of the preview (or pages) by path, with their fingerprints
/// (or keys).
pub(super) type Files = FxHashMap<String, u64>;

/// A sink that keeps in memory only what differs from the last good build,
/// and remembers which page came from which values.
pub(super) struct StagedChanges<'a> {
    previous: &'a Files,
    /// The files this build makes and the pages' keys, under one lock:
    /// a kept page is entered in both (20,000 of them at 10,000 articles).
    made: Mutex<Made>,
    pending: Mutex<Vec<(String, PendingWrite)>>,
    previous_pages: &'a Files,
    salt: u64,
}

/// What a build made, as [`StagedChanges`] gathers it.
#[derive(Default)]
struct Made {
    /// Each file with its fingerprint.
    seen: Files,
    /// Each page with its key.
    pages: Files,
}

impl Made {
    /// The page at `path` is kept if its `key` (salted) is the last
    /// build's and the file is still there.
    fn keep(&mut self, staged: &StagedChanges, path: &str, key: u64) -> bool {
        self.pages.insert(path.to_string(), key);
        match (staged.previous_pages.get(path), staged.previous.get(path)) {
            (Some(&k), Some(&fingerprint)) if k == key => {
                self.seen.insert(path.to_string(), fingerprint);
                true
            }
            _ => false,
        }
    }
}

impl<'a> StagedChanges<'a> {
    /// The key the page in `path` had in the last good build, as
    /// [`Sink::unchanged`] takes it.
    pub(super) fn previous_key(&self, path: &str) -> Option<u64> {
        self.previous_pages.get(path).map(|k| k ^ self.salt)
    }

    /// A sink for a rebuild; `whole` when it makes every file of the site
    /// (its tables are then made as large as the last build's at once).
    pub(super) fn new(
        previous: &'a Files,
        previous_pages: &'a Files,
        salt: u64,
        whole: bool,
    ) -> StagedChanges<'a> {
        let made = if whole {
            Made {
                seen: Files::with_capacity_and_hasher(previous.len(), Default::default()),
                pages: Files::with_capacity_and_hasher(previous_pages.len(), Default::default()),
            }
        } else {
            Made::default()
        };
        StagedChanges {
            previous,
            made: Mutex::new(made),
            pending: Mutex::new(Vec::new()),
            previous_pages,
            salt,
        }
    }

    /// The files written, those of them whose bytes changed, and the
    /// pages' keys.
    #[allow(clippy::type_complexity)]
    pub(super) fn parts(self) -> (Files, Vec<(String, PendingWrite)>, Files) {
        let made = self.made.into_inner().unwrap_or_else(|e| e.into_inner());
        (
            made.seen,
            self.pending.into_inner().unwrap_or_else(|e| e.into_inner()),
            made.pages,
        )
    }

    fn made(&self) -> std::sync::MutexGuard<'_, Made> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn record(
        &self,
        path: &str,
        fingerprint: u64,
        what: impl FnOnce() -> PendingWrite,
    ) -> Result<()> {
        if !http::safe_relative(path) {
            return Err(Error::Usage(crate::t!("serve-outside", path = path)));
        }
        self.made().seen.insert(path.to_string(), fingerprint);
        if self.previous.get(path) != Some(&fingerprint) {
            self.pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), what()));
        }
        Ok(())
    }
}

impl Sink for StagedChanges<'_> {
    fn remembers(&self) -> bool {
        true
    }

    fn unchanged(&self, path: &str, key: u64) -> bool {
        self.made().keep(self, path, key ^ self.salt)
    }

    fn unchanged_all(&self, pages: &[(String, u64)]) -> Vec<bool> {
        let mut made = self.made();
        pages
            .iter()
            .map(|(path, key)| made.keep(self, path, key ^ self.salt))
            .collect()
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        self.record(path, h.finish(), || PendingWrite::Bytes(bytes.to_vec()))
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let meta = std::fs::metadata(from).map_err(|e| Error::io(from, e))?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        from.hash(&mut h);
        meta.len().hash(&mut h);
        // Where the system keeps no modification time, the size alone
        // tells a changed file.
        meta.modified().ok().hash(&mut h);
        self.record(path, h.finish(), || PendingWrite::Copy(from.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Files {
        names.iter().map(|n| (n.to_string(), 1)).collect()
    }

    fn bytes(path: &str) -> (String, PendingWrite) {
        (path.to_string(), PendingWrite::Bytes(b"new".to_vec()))
    }

    /// A file no longer made is deleted, even when a new one takes its
    /// place in the count; nothing is deleted when the same files are
    /// made.
    #[test]
    fn a_file_no_longer_made_is_deleted_whatever_the_count() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.html"] {
            std::fs::write(dir.path().join(name), "old").unwrap();
        }
        let previous = files(&["a.html", "b.html"]);
        let same = apply(
            dir.path(),
            &previous,
            previous.clone(),
            vec![bytes("a.html")],
        );
        let (_, changed, removed) = same.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((changed, removed), (1, 0));
        assert!(dir.path().join("b.html").exists());
        let swapped = files(&["a.html", "c.html"]);
        let (seen, changed, removed) = apply(
            dir.path(),
            &previous,
            swapped.clone(),
            vec![bytes("c.html")],
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((changed, removed), (1, 1));
        assert_eq!(seen, swapped);
        assert!(!dir.path().join("b.html").exists());
        assert_eq!(std::fs::read(dir.path().join("c.html")).unwrap(), b"new");
    }
}
