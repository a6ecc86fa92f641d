//! The preview's shared state: the folder being served, the build
//! generation, the problems of the last build (what the page overlay shows)
//! and the search index being served.
//!
//! The builder, the indexer, the HTTP server and the run loop each hold a
//! [`Preview`]; it sits behind a watch channel so that every live-reload
//! stream wakes as soon as a build finishes.

use std::path::PathBuf;

use crate::error::Diagnostic;

/// The state the builder, the server and the watcher share.
pub struct Preview {
    /// The preview folder the server serves.
    pub dir: PathBuf,
    /// Where complete search indexes are kept, one folder per version
    /// (`<versions>/<n>/meta.json`, …): the server reads the index from
    /// there, never from `dir/search/` while it is being rewritten.
    pub search_versions: PathBuf,
    /// A watch channel, so that live-reload streams wake on each change.
    state: tokio::sync::watch::Sender<PreviewState>,
}

/// What the last build left: its number, and its problems if it failed.
#[derive(Debug, Clone, Default)]
pub struct PreviewState {
    /// Goes up by one after every build, good or bad.
    pub generation: u64,
    /// The generation of the last good build: the pages being served.
    pub good: u64,
    /// Problems of the last build; empty when it succeeded.
    pub problems: Vec<Diagnostic>,
    /// Set when the server is shutting down.
    pub stopping: bool,
    /// The search index being served is that of the last good build.
    /// False from the moment a rebuild's pages are published until its
    /// index is complete.
    pub search_ready: bool,
    /// The version (a folder under [`Preview::search_versions`], named after
    /// the generation whose pages it indexes) of the search index being
    /// served; 0 before the first index is complete.
    pub search_version: u64,
}

impl PreviewState {
    pub fn ok(&self) -> bool {
        !self.problems.iter().any(Diagnostic::is_error)
    }
}

impl Preview {
    pub fn new(dir: PathBuf) -> Preview {
        let mut name = dir.file_name().unwrap_or_default().to_os_string();
        name.push(".search");
        let search_versions = dir.with_file_name(name);
        Preview {
            dir,
            search_versions,
            state: tokio::sync::watch::Sender::new(PreviewState::default()),
        }
    }

    pub fn snapshot(&self) -> PreviewState {
        self.state.borrow().clone()
    }

    /// A receiver that sees every change from now on.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<PreviewState> {
        self.state.subscribe()
    }

    /// Records a finished build and wakes every live-reload stream.
    pub fn publish(&self, problems: Vec<Diagnostic>) {
        self.state.send_modify(|s| {
            s.generation += 1;
            if !problems.iter().any(Diagnostic::is_error) {
                // Its search index is still to be written.
                s.good = s.generation;
                s.search_ready = false;
            }
            s.problems = problems;
        });
    }

    /// Records that the search index of the good build `version` is
    /// complete in the folder `version` under [`Preview::search_versions`].
    pub fn publish_search(&self, version: u64) {
        self.state.send_modify(|s| {
            s.search_version = version;
            s.search_ready = version == s.good;
        });
    }

    /// The folder of the search index being served, if there is one yet.
    pub fn search_dir(&self) -> Option<(u64, PathBuf)> {
        let v = self.snapshot().search_version;
        (v > 0).then(|| (v, self.search_versions.join(v.to_string())))
    }

    pub fn stop(&self) {
        self.state.send_modify(|s| s.stopping = true);
    }
}
