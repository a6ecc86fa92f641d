//! Symbolic links in the site's folders, and where they may lead.
//!
//! A link inside `content/`, `static/`, `templates/` or `themes/` is
//! followed only while it stays in the site: a link to `/etc/passwd` would
//! otherwise publish the machine's file, and one to `/` would make a build
//! walk the whole disk. A link that leads out is an error naming the link,
//! unless its target lies under a folder that `site.yaml` lists in
//! `allow_links_to:` (newsrooms link shared photo drives). A link back to a
//! folder above it is refused before it is walked.

use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

use crate::error::{Diagnostic, Location};

/// Where the links of one site may lead.
#[derive(Debug, Clone)]
pub struct Links {
    /// The site root as given, for messages.
    root: PathBuf,
    /// The site root with every link in it resolved.
    real_root: PathBuf,
    /// The folders of `allow_links_to:`, resolved.
    allowed: Vec<PathBuf>,
}

impl Links {
    /// The rules of the site at `root`, whose links may also lead under
    /// the folders `allowed` (relative to it: its `allow_links_to:`).
    pub fn new(root: &Path, allowed: &[PathBuf]) -> Links {
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let allowed = allowed
            .iter()
            .filter_map(|dir| std::fs::canonicalize(real_root.join(dir)).ok())
            .collect();
        Links {
            root: root.to_path_buf(),
            real_root,
            allowed,
        }
    }

    /// Every entry under `dir` (itself included) that `keep` keeps, sorted
    /// by name, links followed where they may be: a link leading out of the
    /// site is left out, with its error given to `refused`.
    pub fn walk<'a>(
        &'a self,
        dir: &Path,
        keep: impl Fn(&DirEntry) -> bool + 'a,
        refused: &'a dyn Fn(Diagnostic),
    ) -> impl Iterator<Item = walkdir::Result<DirEntry>> + 'a {
        WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |e| keep(e) && self.check(e).map_err(refused).is_ok())
    }

    /// Whether `entry` may be followed: anything but a link, or a link
    /// whose target (through any further links) stays in the site or an
    /// allowed folder. A link that cannot be resolved (broken, or a loop of
    /// links) is walkdir's to report when it reads it.
    fn check(&self, entry: &DirEntry) -> Result<(), Diagnostic> {
        // The folder walked may itself lie behind a link (`themes/x` to
        // a folder elsewhere), one of its own or of a folder above it.
        let link = if entry.depth() == 0 {
            self.link_above(entry.path())
        } else {
            entry.path_is_symlink().then(|| entry.path().to_path_buf())
        };
        let Some(link) = link else {
            return Ok(());
        };
        let Ok(target) = std::fs::canonicalize(entry.path()) else {
            return Ok(());
        };
        let link = super::relative(&self.root, &link);
        let inside = target.starts_with(&self.real_root);
        if inside || self.allowed.iter().any(|a| target.starts_with(a)) {
            // A link to a folder above it would be walked again and again.
            let here = entry
                .path()
                .parent()
                .and_then(|p| std::fs::canonicalize(p).ok());
            if !here.is_some_and(|here| here.starts_with(&target)) {
                return Ok(());
            }
            let name = match target.strip_prefix(&self.real_root) {
                Ok(rel) if rel.as_os_str().is_empty() => crate::t!("link-site-folder"),
                Ok(rel) => rel.display().to_string(),
                Err(_) => target.display().to_string(),
            };
            return Err(Diagnostic::error(
                Location::file(link),
                crate::t!("link-loop", target = name),
            )
            .help(crate::t!("link-loop-help")));
        }
        Err(Diagnostic::error(
            Location::file(link),
            crate::t!("link-outside", target = target.display()),
        )
        .help(crate::t!("link-outside-help")))
    }

    /// The outermost symbolic link among `dir` and the folders above it
    /// inside the site.
    fn link_above(&self, dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .take_while(|p| p.starts_with(&self.root) && *p != self.root)
            .filter(|p| p.is_symlink())
            .last()
            .map(Path::to_path_buf)
    }
}
