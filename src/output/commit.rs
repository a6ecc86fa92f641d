//! The commit: the staging folder takes the output's place in one swap
//! (or two renames where the system cannot swap), and the replaced site is
//! kept as the spare the next build starts from.
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::faults::Step;
use super::leftovers::check_ours;
use super::paths::split;
use super::{MANIFEST, Output, RETIRED};
use crate::error::{Error, Result};

impl Output {
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
            // Looked through here, not when the build began (which read only
            // the manifest): so once, and after anything added during the
            // build.
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
}

/// Swaps the names `a` and `b` in one step; `Ok(false)` where the system or
/// the file system cannot, and nothing was changed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use nix::errno::Errno;
    use nix::fcntl::{AT_FDCWD, RenameFlags, renameat2};
    match renameat2(AT_FDCWD, a, AT_FDCWD, b, RenameFlags::RENAME_EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::EINVAL | Errno::ENOSYS | Errno::ENOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(super) fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}
