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
//!
//! The commit swaps the staging folder and the output in one step
//! (`renameat2(RENAME_EXCHANGE)`), so the output is at every moment either
//! the previous site or the new one, then deletes the previous site from
//! under the staging name. The other atomic design, the output as a symlink
//! flipped by one `rename` over it, would turn the editor's `public/` into a
//! link, which `tar`, `zip` and upload steps copy as a link instead of the
//! site; the swap keeps `public/` a folder. When the output is a symlink
//! (`public -> real/`), the folder it points to is swapped, so the link and
//! whatever serves `real/` both show the new site. Systems without the swap
//! get two renames and a repair on the next build (see `Output::switch`).
//!
//! Creating and deleting every file of the site on every build is what a
//! build costs the disk (`bench/write-path.sh` measures it), so the replaced
//! site is not deleted but kept beside the output as the spare
//! (`.public.unionpress-spare`), and the next build starts from it: the
//! spare becomes the staging folder, each file whose bytes equal the new
//! ones (size first, then bytes) stays, the others are written, and those
//! the new site lacks are removed before the swap. A file the spare lacks
//! is hard-linked from the live output when its bytes are the same there
//! (the first rebuild after a cold one). The price is a second copy of the
//! site on disk. Since the spare, the staging folder and the live output
//! share files through those links, nothing is ever written into an
//! existing file: a changed one is removed and created anew, so the live
//! output cannot change before the swap. Bytes are compared rather than
//! trusted to a manifest of hashes, so a file edited by hand is written
//! again.
//!
//! Here is the output as a whole; `staging` writes the files, `commit`
//! swaps the site in, `leftovers` decides what beside the output is ours,
//! `lock` keeps builds apart, `paths` finds the folder, `faults` lets tests
//! break it all at each step, and `sitemap` makes `sitemap.xml`.

mod commit;
mod faults;
mod leftovers;
mod lock;
mod paths;
pub mod sitemap;
mod staging;

// Model's claims name files as the output does.
pub use crate::render::sink::file_for;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::render::sink::Sink;
use faults::Faults;
use leftovers::{clean_leftovers, manifest_of, restore_retired, take_spare};
use lock::lock;
use paths::{absolute, resolve, split};

/// Lists every file a build wrote; its presence marks a folder as ours.
pub const MANIFEST: &str = ".unionpress-manifest";
const STAGING: &str = ".unionpress-staging-";
const RETIRED: &str = ".unionpress-retired-";
/// Ends the name of the lock file, which starts with the output's name.
const LOCK: &str = ".unionpress-lock";
/// Ends the name of the spare folder, the site before the current one.
const SPARE: &str = ".unionpress-spare";

/// A sink that writes nothing, for `check`.
pub struct DryRun;

impl Sink for DryRun {
    fn write(&self, path: &str, _: &[u8]) -> Result<()> {
        checked(path).map(|_| ())
    }
    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        checked(path)?;
        // Opened, not only looked at: a file that may not be read fails
        // `build`, so it fails `check` too.
        fs::File::open(from)
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
        Err(Error::Usage(crate::t!("output-outside", path = path)))
    } else {
        Ok(path)
    }
}

/// A build's output, written into a staging folder until [`Output::commit`].
pub struct Output {
    /// The folder that holds the site: the output the user named, or the
    /// folder it links to.
    target: PathBuf,
    /// The output as the user named it, made absolute.
    named: PathBuf,
    /// The same for messages: relative to the site root when inside it.
    shown: PathBuf,
    staging: PathBuf,
    written: Mutex<Vec<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    /// The files of the previous site, which may be reused.
    previous: HashSet<String>,
    /// The files the staging folder started with (the spare site's).
    kept: HashSet<String>,
    /// Where the site this build replaces is kept for the next build.
    spare: PathBuf,
    /// Held while this value lives; closing the file releases the lock.
    _lock: fs::File,
    faults: Faults,
    failures: Mutex<Failures>,
    committed: bool,
}

/// Files that could not be written. A full disk fails every write after
/// it; the editor needs the first few and how many, not thousands of lines.
#[derive(Default)]
struct Failures {
    count: usize,
    first: Vec<(String, std::io::Error)>,
}

/// How many failed writes are shown one by one.
const FAILURES_SHOWN: usize = 5;

impl Output {
    /// Prepares to write the site to `target`, refusing folders we must not
    /// replace: the site root, one that holds `content/`, or one holding
    /// files that we did not write. When `target` is a symlink, the folder
    /// it points to is the one replaced, and the link stays.
    pub fn begin(root: &Path, target: &Path) -> Result<Output> {
        let root_abs = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let named = absolute(target)?;
        let (parent, name) = split(&resolve(&named)?)?;
        let target = parent.join(&name);
        let content = root_abs.join("content");
        if target == root_abs || content.starts_with(&target) || root_abs.starts_with(&target) {
            return Err(Error::Usage(crate::t!(
                "output-is-site",
                folder = target.display()
            )));
        }
        for protected in ["content", "templates", "themes", "static"] {
            if target.starts_with(root_abs.join(protected)) {
                return Err(Error::Usage(crate::t!(
                    "output-inside",
                    folder = target.display(),
                    protected = protected
                )));
            }
        }
        let shown = named
            .strip_prefix(&root_abs)
            .unwrap_or(&named)
            .to_path_buf();
        let lock = lock(&parent.join(format!(".{name}{LOCK}")), &shown)?;
        let faults = Faults::from_env();
        restore_retired(&parent, &name, &target)?;
        // Only the manifest here: the commit looks through the whole folder
        // for files we did not write, once, just before replacing it.
        let previous = if fs::symlink_metadata(&target).is_ok() {
            manifest_of(&target)?.unwrap_or_default()
        } else {
            HashSet::new()
        };
        clean_leftovers(&parent, &name);
        let staging = parent.join(format!("{STAGING}{name}-{}", std::process::id()));
        let spare = parent.join(format!(".{name}{SPARE}"));
        let kept = take_spare(&spare, &staging);
        if kept.is_empty() {
            fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
            // The manifest goes first, so that a build killed half-way leaves
            // a folder that the next build recognises as its own leftover.
            fs::write(staging.join(MANIFEST), "").map_err(|e| Error::io(&staging, e))?;
        }
        Ok(Output {
            target,
            named,
            shown,
            staging,
            written: Mutex::new(Vec::new()),
            dirs: Mutex::new(HashSet::new()),
            _lock: lock,
            previous,
            kept,
            spare,
            faults,
            failures: Mutex::default(),
            committed: false,
        })
    }

    /// The files that could not be written, as errors of the build: the
    /// first few by name, with how many more.
    pub fn failures(&self) -> Vec<Diagnostic> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut shown: Vec<Diagnostic> = failures
            .first
            .iter()
            .map(|(path, e)| {
                Diagnostic::error(
                    Location::file(self.shown.join(path)),
                    crate::t!("output-cannot-write", reason = e.to_string()),
                )
            })
            .collect();
        shown.sort_by(|a, b| a.location.cmp(&b.location));
        let more = failures.count - shown.len();
        if let Some(last) = shown.pop() {
            shown.push(if more > 0 {
                last.help(crate::t!("output-more-failed", more = more))
            } else {
                last
            });
        }
        shown
    }

    /// Throws the unfinished site away; dropping the output does the same.
    pub fn abandon(self) {}
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // A build that ends before writing anything (content errors) leaves
        // the spare as it took it, for the next build.
        let untouched = !self.kept.is_empty()
            && self.written.get_mut().is_ok_and(|w| w.is_empty())
            && self.failures.get_mut().is_ok_and(|f| f.count == 0);
        if !(untouched && fs::rename(&self.staging, &self.spare).is_ok()) {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Write failures are kept and reported together by [`Output::failures`];
/// only a path outside the output or a source file that cannot be read is
/// an error of the call.
impl Sink for Output {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.record(checked(path)?, bytes);
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let path = checked(path)?;
        let bytes = fs::read(from).map_err(|e| Error::io(from, e))?;
        self.record(path, &bytes);
        Ok(())
    }
}
