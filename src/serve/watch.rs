//! Watching the site for saves: content/, templates/, themes/, static/ and
//! site.yaml, through notify.
//!
//! Only changes count: on Linux a build's own reading of the files shows up
//! as access events, which would rebuild forever, so those are dropped here
//! (notify-debouncer-mini cannot tell them apart, which is why it is not
//! used). An editor's save is often several events (write a temporary file,
//! rename it, touch it): the builder waits for a burst to end, see
//! [`settle`]. Hidden files and editor backups (`.x.swp`, `x~`) are ignored,
//! and so is everything else in the site's folder (public/, .git/).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// The folders under the site root that a change in rebuilds.
pub const WATCHED_DIRS: &[&str] = &["content", "templates", "themes", "static"];

/// How long the files must stay quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(40);

/// Starts watching `root`; sends the paths of each change to `tx`.
/// Watching stops when the returned watcher is dropped.
pub fn watch(root: &Path, tx: Sender<Vec<PathBuf>>) -> Result<Watching> {
    let root_owned = root.to_path_buf();
    let mut watcher =
        notify::recommended_watcher(move |result: notify::Result<notify::Event>| match result {
            Ok(event) => {
                if matches!(event.kind, EventKind::Access(_)) {
                    return;
                }
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|p| relevant(&root_owned, p))
                    .collect();
                if !paths.is_empty() {
                    // Fails only once the run loop has ended.
                    let _ = tx.send(paths);
                }
            }
            Err(e) => eprintln!(
                "{}: {}",
                crate::t!("label-warning"),
                crate::t!("serve-watching-failed", reason = e.to_string())
            ),
        })
        .map_err(|e| cannot_watch(root, e))?;
    // site.yaml, and folders made later, by watching the root itself
    // without descending.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| cannot_watch(root, e))?;
    let mut watching = Watching {
        watcher,
        dirs: Vec::new(),
    };
    watching.add_new_dirs(root)?;
    Ok(watching)
}

/// The watcher, and which of [`WATCHED_DIRS`] it watches so far.
pub struct Watching {
    watcher: RecommendedWatcher,
    dirs: Vec<PathBuf>,
}

fn cannot_watch(path: &Path, e: notify::Error) -> Error {
    Error::Usage(crate::t!(
        "serve-cannot-watch",
        path = path.display(),
        reason = e.to_string()
    ))
}

impl Watching {
    /// Starts watching any of the site's folders that has appeared since
    /// (an editor may make `templates/` while previewing).
    pub fn add_new_dirs(&mut self, root: &Path) -> Result<()> {
        for name in WATCHED_DIRS {
            let dir = root.join(name);
            if dir.is_dir() && !self.dirs.contains(&dir) {
                self.watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| cannot_watch(&dir, e))?;
                self.dirs.push(dir);
            }
        }
        Ok(())
    }
}

/// Gathers every change that arrives until the files have been quiet for
/// [`QUIET`]: one rebuild per save, however many events it makes.
pub fn settle(first: Vec<PathBuf>, rx: &Receiver<Vec<PathBuf>>) -> Vec<PathBuf> {
    let mut paths = first;
    while let Ok(more) = rx.recv_timeout(QUIET) {
        paths.extend(more);
    }
    paths.sort();
    paths.dedup();
    paths
}

/// Whether a change at `path` should rebuild the site.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if first == "site.yaml" && rel.components().count() == 1 {
        return true;
    }
    if !WATCHED_DIRS.contains(&first.as_ref()) {
        return false;
    }
    rel.components().all(|c| {
        let s = c.as_os_str().to_string_lossy();
        !s.starts_with('.') && !s.ends_with('~') && !s.ends_with(".swp")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_count() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/site.yaml")));
        assert!(relevant(root, Path::new("/site/content/articles/a.md")));
        assert!(relevant(root, Path::new("/site/templates/base.html")));
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(
            root,
            Path::new("/site/content/articles/.a.md.swp")
        ));
        assert!(!relevant(root, Path::new("/site/content/articles/a.md~")));
        assert!(!relevant(root, Path::new("/site/.git/index")));
    }
}
