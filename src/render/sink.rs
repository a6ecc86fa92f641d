//! Where rendered pages go. Render hands every file to a [`Sink`] it is
//! given: the output folder for `build`, nothing for `check`, the pages
//! `serve` keeps in memory.

use std::path::Path;

use crate::error::Result;
pub use crate::model::urls::file_for;

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
    /// [`Sink::unchanged`] for each of `pages` (a path and its key), all
    /// at once: a sink that keeps its tables under a lock takes it once,
    /// not once a page (10,000 article pages kept after an edit).
    fn unchanged_all(&self, pages: &[(String, u64)]) -> Vec<bool> {
        pages
            .iter()
            .map(|(path, key)| self.unchanged(path, *key))
            .collect()
    }
}
