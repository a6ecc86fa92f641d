//! Writing into the staging folder: every file as a new one (never through
//! a hard link it may share with the live output), a file the spare site
//! already holds with the same bytes kept, one the live output holds
//! linked, and a failed write kept for the report rather than ending the
//! build.
use std::fs;
use std::path::Path;

use super::{FAILURES_SHOWN, Output};

impl Output {
    /// Writes `bytes` at `path` in the staging folder, always as a new file:
    /// never through one that may be shared with the live output.
    pub(super) fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
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
    pub(super) fn record(&self, path: &str, bytes: &[u8]) {
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
}

/// Whether `file` is a plain file holding `bytes`: the same size first,
/// then the same bytes. One open, one status and one read: the rebuild
/// asks this of every file of the site.
pub(super) fn holds(file: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut f) = open_plain(file) else {
        return false;
    };
    if !f
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut held = vec![0; bytes.len()];
    f.read_exact(&mut held).is_ok() && held == bytes
}

/// Opens `file` for reading, not through a symlink: one in the output is
/// not a file we wrote, so it never counts as holding our bytes.
fn open_plain(file: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    if fs::symlink_metadata(file)?.is_symlink() {
        return Err(std::io::ErrorKind::InvalidInput.into());
    }
    options.open(file)
}
