//! What lies beside and in an output before a build touches it: whether a
//! folder is ours to replace (its manifest lists every file in it), the
//! spare site to start from, and what a killed build left behind.
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{MANIFEST, RETIRED, STAGING};
use crate::error::{Error, Result};

/// Moves the spare site, if there is one of ours, to `staging`, and returns
/// its files; none when there is no spare to take.
pub(super) fn take_spare(spare: &Path, staging: &Path) -> HashSet<String> {
    if fs::symlink_metadata(spare).is_err() {
        return HashSet::new();
    }
    match check_ours(spare) {
        Ok(files) if fs::rename(spare, staging).is_ok() => files,
        // A folder under the spare's name holding a file we did not write
        // is left alone.
        _ => HashSet::new(),
    }
}

/// Puts back the previous site that a build killed between the two renames
/// of [`Output::switch`] left under its retired name.
pub(super) fn restore_retired(parent: &Path, name: &str, target: &Path) -> Result<()> {
    if fs::symlink_metadata(target).is_ok() {
        return Ok(());
    }
    if let Some(retired) = leftovers(parent, name, &[RETIRED]).into_iter().next() {
        fs::rename(&retired, target).map_err(|e| Error::io(&retired, e))?;
    }
    Ok(())
}

/// The files the manifest of our folder `target` lists (none for an empty
/// folder), without looking at what else the folder holds: a folder
/// without our manifest that is not empty is refused. [`check_ours`] also
/// looks for files we did not write; the commit asks that just before
/// the swap, so a build need not walk the previous site twice.
pub(super) fn manifest_of(target: &Path) -> Result<Option<HashSet<String>>> {
    if !target.is_dir() {
        return Err(Error::Usage(crate::t!(
            "output-not-a-folder",
            path = target.display()
        )));
    }
    match fs::read_to_string(target.join(MANIFEST)) {
        Ok(m) => Ok(Some(m.lines().map(String::from).collect())),
        Err(_) => {
            let empty = fs::read_dir(target)
                .map_err(|e| Error::io(target, e))?
                .next()
                .is_none();
            if empty {
                return Ok(None);
            }
            Err(Error::Usage(crate::t!(
                "output-not-ours",
                path = target.display()
            )))
        }
    }
}

/// An existing output folder may be replaced only if every file in it is
/// one we wrote (listed in its manifest); an empty folder is fine too.
/// Returns the files of its manifest.
pub(super) fn check_ours(target: &Path) -> Result<HashSet<String>> {
    let Some(ours) = manifest_of(target)? else {
        return Ok(HashSet::new());
    };
    for entry in walkdir::WalkDir::new(target).min_depth(1) {
        let entry = entry
            .map_err(|e| Error::Io(target.to_path_buf(), std::io::Error::other(e.to_string())))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(target)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MANIFEST && !ours.contains(&rel) {
            return Err(Error::Usage(crate::t!(
                "output-foreign-file",
                path = target.display(),
                file = rel
            )));
        }
    }
    Ok(ours)
}

/// Removes staging and retired folders that a killed build left beside the
/// output. Only folders carrying our manifest are touched, and only while
/// holding the output's lock: no live build owns them then.
pub(super) fn clean_leftovers(parent: &Path, name: &str) {
    for folder in leftovers(parent, name, &[STAGING, RETIRED]) {
        let _ = fs::remove_dir_all(folder);
    }
}

/// Our folders beside the output `name` whose names start with one of
/// `kinds`: `<kind><name>-<process id>`, holding our manifest.
pub(super) fn leftovers(parent: &Path, name: &str, kinds: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            kinds.iter().any(|kind| {
                file_name
                    .strip_prefix(kind)
                    .and_then(|rest| rest.rsplit_once('-'))
                    .is_some_and(|(n, _)| n == name)
            }) && entry.path().join(MANIFEST).exists()
        })
        .map(|entry| entry.path())
        .collect()
}
