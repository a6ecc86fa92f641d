//! Write: the built site goes into a fresh folder beside the output, which
//! replaces the previous output only when the whole build succeeded.
//!
//! A failed or interrupted build therefore leaves the previous site as it
//! was. The tool never deletes what it did not write: an output folder is
//! replaced only if it holds our marker file and nothing beyond the list of
//! files we wrote into it last time.
//!
//! One build at a time owns an output: [`Output::begin`] takes an advisory
//! lock on a file beside the output (`.public.unionpress-lock` for
//! `public/`), held until the build ends, and the kernel lets it go when
//! the process dies however it dies. A second build into the same output
//! says that it waits, then runs. Only the holder of the lock creates,
//! cleans or commits staging folders, so any staging folder found while
//! holding it was left by a build that is gone, and is removed.

pub mod feeds;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Lists every file a build wrote; its presence marks a folder as ours.
pub const MANIFEST: &str = ".unionpress-manifest";
const STAGING: &str = ".unionpress-staging-";
const RETIRED: &str = ".unionpress-retired-";
/// Ends the name of the lock file, which starts with the output's name.
const LOCK: &str = ".unionpress-lock";

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` at `path`, a site path relative to the output root
    /// such as `articles/x/index.html`.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;
    /// Copies a file from disk to `path`.
    fn copy(&self, path: &str, from: &Path) -> Result<()>;
    /// Whether this sink remembers pages between builds (`serve` does), so
    /// that asking [`Sink::unchanged`] is worth hashing a page's context.
    fn remembers(&self) -> bool {
        false
    }
    /// Whether the page at `path`, whose template and context hash to `key`,
    /// is the same as in the last build: then it need not be rendered again,
    /// and the sink keeps the file it has.
    fn unchanged(&self, _path: &str, _key: u64) -> bool {
        false
    }
}

/// A sink that writes nothing, for `check`.
pub struct DryRun;

impl Sink for DryRun {
    fn write(&self, path: &str, _: &[u8]) -> Result<()> {
        checked(path).map(|_| ())
    }
    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        checked(path)?;
        fs::metadata(from)
            .map(|_| ())
            .map_err(|e| Error::io(from, e))
    }
}

/// Refuses any path that could leave the output folder.
fn checked(path: &str) -> Result<&str> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if bad {
        Err(Error::Usage(format!(
            "refusing to write outside the output folder: {path}"
        )))
    } else {
        Ok(path)
    }
}

/// A build's output, written into a staging folder until [`Output::commit`].
pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    written: Mutex<Vec<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    /// Held while this value lives; closing the file releases the lock.
    _lock: fs::File,
    committed: bool,
}

impl Output {
    /// Prepares to write the site to `target`, refusing folders we must not
    /// replace: the site root, one that holds `content/`, or one holding
    /// files that we did not write.
    pub fn begin(root: &Path, target: &Path) -> Result<Output> {
        let root_abs = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let parent_abs = fs::canonicalize(parent).map_err(|e| Error::io(parent, e))?;
        let name = target.file_name().ok_or_else(|| {
            Error::Usage(format!("{} cannot be an output folder", target.display()))
        })?;
        let target = parent_abs.join(name);
        let content = root_abs.join("content");
        if target == root_abs || content.starts_with(&target) || root_abs.starts_with(&target) {
            return Err(Error::Usage(format!(
                "the output folder {} holds the site itself; choose another --output such as public/",
                target.display()
            )));
        }
        for protected in ["content", "templates", "themes", "static"] {
            if target.starts_with(root_abs.join(protected)) {
                return Err(Error::Usage(format!(
                    "the output folder {} is inside {protected}/; choose another --output such as public/",
                    target.display()
                )));
            }
        }
        let name = name.to_string_lossy();
        let lock = lock(&parent_abs.join(format!(".{name}{LOCK}")), &target)?;
        if target.exists() {
            check_ours(&target)?;
        }
        clean_leftovers(&parent_abs, &name);
        let staging = parent_abs.join(format!(
            "{STAGING}{name}-{}",
            std::process::id()
        ));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        // The manifest goes first, so that a build killed half-way leaves a
        // folder that the next build recognises as its own leftover.
        fs::write(staging.join(MANIFEST), "").map_err(|e| Error::io(&staging, e))?;
        Ok(Output {
            target,
            staging,
            written: Mutex::new(Vec::new()),
            dirs: Mutex::new(HashSet::new()),
            _lock: lock,
            committed: false,
        })
    }

    fn prepare(&self, path: &str) -> Result<PathBuf> {
        let path = checked(path)?;
        let dest = self.staging.join(path);
        if let Some(dir) = dest.parent() {
            // The folder is made while the lock is held: a second thread
            // writing into the same new folder (the search index's `d/`
            // chunks) must not find it listed before it exists.
            let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
            if !dirs.contains(dir) {
                fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                dirs.insert(dir.to_path_buf());
            }
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(dest)
    }

    /// Swaps the finished site in for the previous one.
    pub fn commit(mut self) -> Result<PathBuf> {
        let mut written = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        written.sort();
        written.dedup();
        let manifest = self.staging.join(MANIFEST);
        fs::write(&manifest, written.join("\n") + "\n").map_err(|e| Error::io(&manifest, e))?;
        if self.target.exists() {
            // Checked again: something may have been added during the build.
            check_ours(&self.target)?;
            let name = self
                .target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let retired = self
                .target
                .with_file_name(format!("{RETIRED}{name}-{}", std::process::id()));
            fs::rename(&self.target, &retired).map_err(|e| Error::io(&self.target, e))?;
            fs::rename(&self.staging, &self.target).map_err(|e| Error::io(&self.target, e))?;
            fs::remove_dir_all(&retired).map_err(|e| Error::io(&retired, e))?;
        } else {
            fs::rename(&self.staging, &self.target).map_err(|e| Error::io(&self.target, e))?;
        }
        self.committed = true;
        Ok(self.target.clone())
    }

    /// Throws the unfinished site away; dropping the output does the same.
    pub fn abandon(self) {}
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Takes the lock of the output `target` at `path`, waiting (and saying so)
/// while another build holds it. The file stays: removing it would let a
/// third build lock a new file while a second still waits on the old one.
fn lock(path: &Path, target: &Path) -> Result<fs::File> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let holder = fs::read_to_string(path).unwrap_or_default();
            let holder = holder.trim();
            let by = if holder.is_empty() {
                String::new()
            } else {
                format!(" (process {holder})")
            };
            eprintln!(
                "waiting for another build into {}{by} to finish…",
                target.display()
            );
            file.lock().map_err(|e| Error::io(path, e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
    }
    // Who holds it, for the message of a build that waits.
    use std::io::{Seek, Write};
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| write!(file, "{}", std::process::id()));
    Ok(file)
}

impl Sink for Output {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let dest = self.prepare(path)?;
        fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let dest = self.prepare(path)?;
        fs::copy(from, &dest)
            .map(|_| ())
            .map_err(|e| Error::io(from, e))
    }
}

/// An existing output folder may be replaced only if every file in it is
/// one we wrote (listed in its manifest); an empty folder is fine too.
fn check_ours(target: &Path) -> Result<()> {
    if !target.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a folder; choose another --output",
            target.display()
        )));
    }
    let manifest = match fs::read_to_string(target.join(MANIFEST)) {
        Ok(m) => m,
        Err(_) => {
            let empty = fs::read_dir(target)
                .map_err(|e| Error::io(target, e))?
                .next()
                .is_none();
            if empty {
                return Ok(());
            }
            return Err(Error::Usage(format!(
                "{} is not empty and was not made by unionpress; it will not be replaced. Choose another --output, or move its files away",
                target.display()
            )));
        }
    };
    let ours: HashSet<&str> = manifest.lines().collect();
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
        if rel != MANIFEST && !ours.contains(rel.as_str()) {
            return Err(Error::Usage(format!(
                "{} holds {rel}, which unionpress did not write; it will not delete it. Move it into static/ or away, then build again",
                target.display()
            )));
        }
    }
    Ok(())
}

/// Removes staging and retired folders that a killed build left beside the
/// output. Only folders carrying our manifest are touched, and only while
/// holding the output's lock: no live build owns them then.
fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = [STAGING, RETIRED].iter().any(|p| {
            file_name
                .strip_prefix(p)
                .is_some_and(|rest| rest.rsplit_once('-').is_some_and(|(n, _)| n == name))
        });
        if ours && entry.path().join(MANIFEST).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The file a site path is written to: `/a/b/` → `a/b/index.html`.
pub fn file_for(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        "index.html".into()
    } else if p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}
