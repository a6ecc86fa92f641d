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

pub mod sitemap;

// Model's claims name files as the output does.
pub use crate::render::sink::file_for;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::render::sink::Sink;

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
        let previous = if fs::symlink_metadata(&target).is_ok() {
            check_ours(&target)?
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

    /// Writes `bytes` at `path` in the staging folder, always as a new file:
    /// never through one that may be shared with the live output.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.faults.writing()?;
        let dest = self.staging.join(path);
        match self.place(path, &dest, bytes) {
            // The spare site may hold a file where this site has a folder,
            // or the other way round; everything in it is ours to remove.
            Err(_) if !self.kept.is_empty() => {
                self.clear_way(&dest);
                self.place(path, &dest, bytes)
            }
            done => done,
        }
    }

    /// [`Output::put`] once: the file kept from the spare site if it holds
    /// `bytes`, else the previous site's linked if it does, else written.
    fn place(&self, path: &str, dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(dir) = dest.parent() {
            // The folder is made while `dirs` is held: a second thread
            // writing into the same new folder (the search index's `d/`
            // chunks) must not find it listed before it exists.
            let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
            if !dirs.contains(dir) {
                fs::create_dir_all(dir)?;
                dirs.insert(dir.to_path_buf());
            }
        }
        if self.kept.contains(path) {
            if holds(dest, bytes) {
                return Ok(());
            }
            match fs::remove_file(dest) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        let old = self.target.join(path);
        // A file system without hard links makes the link fail: then the
        // file is written.
        if self.previous.contains(path) && holds(&old, bytes) && fs::hard_link(&old, dest).is_ok() {
            return Ok(());
        }
        let create = || {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(dest)
        };
        let mut file = match create() {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                fs::remove_file(dest)?;
                create()?
            }
            other => other?,
        };
        std::io::Write::write_all(&mut file, bytes)
    }

    /// Removes what stands in the way of a file at `dest` in the staging
    /// folder: a folder in its place, files in place of its folders.
    fn clear_way(&self, dest: &Path) {
        if dest.is_dir() {
            let _ = fs::remove_dir_all(dest);
        }
        for folder in dest.ancestors().skip(1).take_while(|a| *a != self.staging) {
            if fs::symlink_metadata(folder).is_ok_and(|m| !m.is_dir()) {
                let _ = fs::remove_file(folder);
            }
        }
    }

    /// Writes `bytes` at `path`, keeping a failure for [`Output::failures`].
    fn record(&self, path: &str, bytes: &[u8]) {
        match self.put(path, bytes) {
            Ok(()) => self
                .written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path.to_string()),
            Err(e) => {
                let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
                failures.count += 1;
                if failures.first.len() < FAILURES_SHOWN {
                    failures.first.push((path.to_string(), e));
                }
            }
        }
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

    /// Puts the finished site in place of the previous one, which is never
    /// missing on the way: see [`Output::switch`].
    pub fn commit(mut self) -> Result<PathBuf> {
        let failures = self.failures();
        if !failures.is_empty() {
            return Err(Error::Content(failures));
        }
        let mut written = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        written.sort();
        written.dedup();
        self.remove_stale(&written)
            .map_err(|e| Error::io(&self.shown, e))?;
        let manifest = self.staging.join(MANIFEST);
        fs::write(&manifest, written.join("\n") + "\n").map_err(|e| Error::io(&self.shown, e))?;
        self.faults.after(Step::Manifest)?;
        if fs::symlink_metadata(&self.target).is_ok() {
            // Checked again: something may have been added during the build.
            check_ours(&self.target)?;
            self.switch()?;
        } else {
            fs::rename(&self.staging, &self.target).map_err(|e| Error::io(&self.shown, e))?;
            self.committed = true;
            self.faults.after(Step::Place)?;
        }
        self.committed = true;
        Ok(self.named.clone())
    }

    /// Replaces the previous site with the staging folder. Where the
    /// file system can swap two names in one step (Linux's
    /// `renameat2(RENAME_EXCHANGE)`, on ext4, xfs, btrfs and tmpfs), the
    /// output is the old site until that step and the new one after it.
    /// Elsewhere (Windows, macOS, file systems without the swap) it takes
    /// two renames; a build killed between them leaves the old site under
    /// its retired name, and the next build of this output, even one that
    /// fails, puts it back first.
    fn switch(&mut self) -> Result<()> {
        if !self.faults.no_exchange
            && exchange(&self.staging, &self.target).map_err(|e| Error::io(&self.shown, e))?
        {
            // The staging folder's name now holds the previous site.
            self.committed = true;
            self.faults.after(Step::Exchange)?;
            self.keep_spare(&self.staging);
            return self.faults.after(Step::Clean);
        }
        let (parent, name) = split(&self.target)?;
        let retired = parent.join(format!("{RETIRED}{name}-{}", std::process::id()));
        fs::rename(&self.target, &retired).map_err(|e| Error::io(&self.shown, e))?;
        let placed = self.faults.after(Step::Retire).and_then(|()| {
            fs::rename(&self.staging, &self.target).map_err(|e| Error::io(&self.shown, e))
        });
        if let Err(e) = placed {
            let _ = fs::rename(&retired, &self.target);
            return Err(e);
        }
        self.committed = true;
        self.faults.after(Step::Place)?;
        self.keep_spare(&retired);
        self.faults.after(Step::Clean)
    }

    /// Removes the files of the spare site that this build did not write,
    /// and the folders they leave empty.
    fn remove_stale(&self, written: &[String]) -> std::io::Result<()> {
        let written: HashSet<&str> = written.iter().map(String::as_str).collect();
        for stale in self.kept.iter().filter(|p| !written.contains(p.as_str())) {
            let file = self.staging.join(stale);
            match fs::remove_file(&file) {
                // Gone, or a folder of this site now.
                Err(e) if e.kind() != std::io::ErrorKind::NotFound && !file.is_dir() => {
                    return Err(e);
                }
                _ => {}
            }
            let mut dir = file.parent();
            while let Some(d) = dir.filter(|d| *d != self.staging) {
                if fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(())
    }

    /// Keeps the replaced site at `old` as the spare the next build patches
    /// into its own, or deletes it where the spare's name is taken.
    fn keep_spare(&self, old: &Path) {
        if fs::rename(old, &self.spare).is_err() {
            let _ = fs::remove_dir_all(old);
        }
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

/// Whether `file` is a plain file holding `bytes`: the same size first,
/// then the same bytes.
fn holds(file: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(file).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(file).is_ok_and(|b| b == bytes)
}

/// Moves the spare site, if there is one of ours, to `staging`, and returns
/// its files; none when there is no spare to take.
fn take_spare(spare: &Path, staging: &Path) -> HashSet<String> {
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

/// Swaps the names `a` and `b` in one step; `Ok(false)` where the system or
/// the file system cannot, and nothing was changed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use nix::errno::Errno;
    use nix::fcntl::{AT_FDCWD, RenameFlags, renameat2};
    match renameat2(AT_FDCWD, a, AT_FDCWD, b, RenameFlags::RENAME_EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::EINVAL | Errno::ENOSYS | Errno::ENOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// `path` made absolute without following a symlink at its end.
fn absolute(path: &Path) -> Result<PathBuf> {
    let (parent, name) = match (path.parent(), path.file_name()) {
        (Some(p), Some(n)) => (
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            },
            n,
        ),
        _ => {
            return Err(Error::Usage(crate::t!(
                "output-not-a-folder-name",
                path = path.display()
            )));
        }
    };
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let parent = fs::canonicalize(parent).map_err(|e| Error::io(parent, e))?;
    Ok(parent.join(name))
}

/// The folder an output path stands for: `path` itself, or where the chain
/// of symlinks starting at it ends (which need not exist yet).
fn resolve(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&at).map_err(|e| Error::io(&at, e))?;
                at = absolute(&at.parent().unwrap_or(Path::new("/")).join(to))?;
            }
            _ => return Ok(at),
        }
    }
    Err(Error::Usage(crate::t!(
        "output-symlink-loop",
        path = path.display()
    )))
}

/// An absolute output path's folder and name.
fn split(target: &Path) -> Result<(PathBuf, String)> {
    match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => {
            Ok((parent.to_path_buf(), name.to_string_lossy().into_owned()))
        }
        _ => Err(Error::Usage(crate::t!(
            "output-not-a-folder-name",
            path = target.display()
        ))),
    }
}

/// Puts back the previous site that a build killed between the two renames
/// of [`Output::switch`] left under its retired name.
fn restore_retired(parent: &Path, name: &str, target: &Path) -> Result<()> {
    if fs::symlink_metadata(target).is_ok() {
        return Ok(());
    }
    if let Some(retired) = leftovers(parent, name, &[RETIRED]).into_iter().next() {
        fs::rename(&retired, target).map_err(|e| Error::io(&retired, e))?;
    }
    Ok(())
}

/// The steps of a commit, after which a test can make the build fail or
/// stop dead (see [`Faults`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The staging folder's manifest is written.
    Manifest,
    /// The staging folder and the output have swapped names.
    Exchange,
    /// Without the swap: the previous output has its retired name.
    Retire,
    /// The staging folder has the output's name.
    Place,
    /// The previous site is deleted.
    Clean,
}

/// Failures a test asks for through `UNIONPRESS_TEST_FAULT`, so that the
/// commit can be interrupted at each of its steps, which no signal sent
/// from outside can hit reliably. The value is a comma-separated list of
/// `fail-after:<step>` (the build fails there with an I/O error),
/// `abort-after:<step>` (the process stops dead there, as if killed),
/// `no-exchange` (the two-rename commit of systems without the swap) and
/// `full-disk-after:<n>` (every file after the first `n` fails to be
/// written, as on a full disk).
#[derive(Debug, Default)]
struct Faults {
    fail: Option<Step>,
    abort: Option<Step>,
    no_exchange: bool,
    full_disk_after: Option<usize>,
    files: std::sync::atomic::AtomicUsize,
}

impl Faults {
    fn from_env() -> Faults {
        let mut faults = Faults::default();
        let Ok(spec) = std::env::var("UNIONPRESS_TEST_FAULT") else {
            return faults;
        };
        let step = |name: &str| match name {
            "manifest" => Some(Step::Manifest),
            "exchange" => Some(Step::Exchange),
            "retire" => Some(Step::Retire),
            "place" => Some(Step::Place),
            "clean" => Some(Step::Clean),
            _ => None,
        };
        for item in spec.split(',') {
            match item.split_once(':') {
                Some(("fail-after", s)) => faults.fail = step(s),
                Some(("abort-after", s)) => faults.abort = step(s),
                Some(("full-disk-after", n)) => faults.full_disk_after = n.parse().ok(),
                _ => faults.no_exchange |= item == "no-exchange",
            }
        }
        faults
    }

    fn writing(&self) -> std::io::Result<()> {
        let Some(limit) = self.full_disk_after else {
            return Ok(());
        };
        if self
            .files
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            < limit
        {
            Ok(())
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device (injected by UNIONPRESS_TEST_FAULT)",
            ))
        }
    }

    fn after(&self, step: Step) -> Result<()> {
        if self.abort == Some(step) {
            std::process::abort();
        }
        if self.fail == Some(step) {
            return Err(Error::Io(
                PathBuf::from(format!("{step:?}")),
                std::io::Error::other("failure injected by UNIONPRESS_TEST_FAULT"),
            ));
        }
        Ok(())
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
            let waiting = if holder.is_empty() {
                crate::t!("output-waiting", folder = target.display())
            } else {
                crate::t!(
                    "output-waiting-process",
                    folder = target.display(),
                    process = holder
                )
            };
            eprintln!("{waiting}");
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

/// An existing output folder may be replaced only if every file in it is
/// one we wrote (listed in its manifest); an empty folder is fine too.
/// Returns the files of its manifest.
fn check_ours(target: &Path) -> Result<HashSet<String>> {
    if !target.is_dir() {
        return Err(Error::Usage(crate::t!(
            "output-not-a-folder",
            path = target.display()
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
                return Ok(HashSet::new());
            }
            return Err(Error::Usage(crate::t!(
                "output-not-ours",
                path = target.display()
            )));
        }
    };
    let ours: HashSet<String> = manifest.lines().map(String::from).collect();
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
fn clean_leftovers(parent: &Path, name: &str) {
    for folder in leftovers(parent, name, &[STAGING, RETIRED]) {
        let _ = fs::remove_dir_all(folder);
    }
}

/// Our folders beside the output `name` whose names start with one of
/// `kinds`: `<kind><name>-<process id>`, holding our manifest.
fn leftovers(parent: &Path, name: &str, kinds: &[&str]) -> Vec<PathBuf> {
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
