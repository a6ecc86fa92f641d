//! The preview's search index, written apart from the pages.
//!
//! On a large site the index is most of a rebuild's work, so it never holds
//! the pages up: after each good build the builder hands the documents of
//! its site to [`Jobs`] and goes back to watching, and the index is made on
//! a thread of its own ([`Indexer`]), with a rayon pool of its own so that
//! the pages' rendering, on the global pool, never queues behind the
//! index's tasks. A save that comes meanwhile replaces the waiting job and
//! cancels the running one: the indexer checks between its steps (before
//! making the index, before writing it, before switching to it) and drops
//! a cancelled job's work, so the newest documents are indexed next.
//!
//! After an edit that keeps the site's articles and their order (anything
//! but a new, removed or redated article), the index is updated in place
//! (`search::Incremental`): only the term pages and texts of the changed
//! articles are written, into new packs, with the small shared files; the
//! packs still referred to are kept. Otherwise it is made in full.
//!
//! An index is written into `search/` of the preview folder (only its
//! changed files, each renamed into place), then published: a folder named
//! after the build's generation under [`Preview::search_versions`] gets a hard
//! link (or a copy) of each file, and the server switches to it in one
//! step. A page reads the version it was served with (see
//! `http::pin_search`), so it never mixes two indexes and never sees a
//! half-written one.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::cli::Verbosity;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::render::sink::Sink;
use crate::search::{Incremental, SearchDoc};

use super::builder::problems_of;
use super::preview::Preview;
use super::publish::{Files, StagedChanges, apply, remove_dir_if_present};

/// The documents of one good build, to be indexed.
pub struct Job {
    /// The generation of the build whose pages these documents are.
    pub generation: u64,
    docs: Vec<SearchDoc<'static>>,
    cancelled: Arc<AtomicBool>,
}

impl Job {
    pub fn new(generation: u64, docs: Vec<SearchDoc<'_>>) -> Job {
        Job {
            generation,
            docs: docs.into_iter().map(owned).collect(),
            cancelled: Arc::default(),
        }
    }

    fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// `doc` with its own copy of the texts it borrows from the model, which
/// the builder goes on changing while the index is made.
fn owned(doc: SearchDoc<'_>) -> SearchDoc<'static> {
    let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
    SearchDoc {
        url: doc.url,
        title: own(doc.title),
        kicker: own(doc.kicker),
        subtitle: own(doc.subtitle),
        summary: own(doc.summary),
        body: own(doc.body),
        kind: doc.kind,
        people: doc.people,
        organisations: doc.organisations,
        programmes: doc.programmes,
        awards: doc.awards,
        region: doc.region,
        tags: doc.tags,
        date: doc.date,
        year: doc.year,
    }
}

/// The job waiting for the indexer, and the one it is running.
#[derive(Default)]
pub struct Jobs {
    state: Mutex<JobsState>,
    ready: Condvar,
}

#[derive(Default)]
struct JobsState {
    next: Option<Job>,
    running: Option<Arc<AtomicBool>>,
    closed: bool,
}

impl Jobs {
    /// Queues `job` in place of any job still waiting, and cancels the one
    /// running: its documents are no longer the site's.
    pub fn submit(&self, job: Job) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(running) = s.running.take() {
            running.store(true, Ordering::Relaxed);
        }
        s.next = Some(job);
        self.ready.notify_all();
    }

    /// The next job, once there is one; `None` once [`Jobs::close`]d.
    pub fn take(&self) -> Option<Job> {
        let guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = self
            .ready
            .wait_while(guard, |s| s.next.is_none() && !s.closed)
            .unwrap_or_else(|e| e.into_inner());
        if s.closed {
            return None;
        }
        let job = s.next.take()?;
        s.running = Some(job.cancelled.clone());
        Some(job)
    }

    /// Cancels the running job and ends [`Jobs::take`].
    pub fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(running) = s.running.take() {
            running.store(true, Ordering::Relaxed);
        }
        s.closed = true;
        self.ready.notify_all();
    }
}

/// What became of a job.
#[derive(Debug)]
pub enum Outcome {
    /// Written and switched to.
    Published(Indexed),
    /// A newer job came first; whatever the job did is not served.
    Cancelled,
    /// The index could not be written or published; the last one is still
    /// served.
    Failed(Vec<Diagnostic>),
}

/// What writing a search index did.
#[derive(Debug)]
pub struct Indexed {
    pub files: usize,
    pub changed: usize,
    pub removed: usize,
    /// Updated in place (only the changed articles' parts written), not
    /// made in full.
    pub in_place: bool,
    /// Of an index updated in place: articles changed, term pages
    /// rewritten, bytes written into new packs.
    pub update: Option<(usize, usize, usize)>,
    /// Making the index and writing its changed files.
    pub elapsed: Duration,
    /// Linking its files into a version folder and switching to it.
    pub publishing: Duration,
    /// Problems that did not stop the index from being served.
    pub warnings: Vec<Diagnostic>,
}

/// Writes the search index into the preview folder's `search/` and
/// publishes it, keeping what it needs to write only the changed files.
pub struct Indexer {
    dir: PathBuf,
    /// Each file of the index in `search/`, by site path, with a
    /// fingerprint of its bytes.
    indexed: Files,
    /// Deflated index files of the last index: an edit to one article
    /// changes a few of them.
    memo: crate::search::Deflated,
    /// The index in `search/`, kept to be updated in place; `None` until
    /// a full index is written, and after a failed write.
    index: Option<Incremental>,
    /// Kept apart from the global pool, which renders the pages.
    pool: rayon::ThreadPool,
}

impl Indexer {
    /// An indexer for the preview folder `dir`.
    pub fn new(dir: &Path) -> Indexer {
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("search-index-{i}"))
            .build()
            .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
            .expect("a thread for the search index");
        Indexer {
            dir: dir.to_path_buf(),
            indexed: Files::default(),
            memo: crate::search::Deflated::default(),
            index: None,
            pool,
        }
    }

    /// Runs jobs from `jobs` until it is closed.
    pub fn run_all(&mut self, jobs: &Jobs, live: &Preview, verbosity: Verbosity) {
        while let Some(job) = jobs.take() {
            let generation = job.generation;
            match self.run(&job, live) {
                Outcome::Published(done) => {
                    if verbosity != Verbosity::Quiet {
                        for w in &done.warnings {
                            eprintln!("{w}");
                        }
                    }
                    if let (Some((articles, pages, bytes)), Verbosity::Verbose) =
                        (done.update, verbosity)
                    {
                        eprintln!(
                            "{}",
                            crate::t!(
                                "serve-index-in-place",
                                articles = articles,
                                pages = pages,
                                kb = bytes / 1024
                            )
                        );
                    }
                    if verbosity != Verbosity::Quiet {
                        let (ms, switch) = (
                            done.elapsed.as_millis() as u64,
                            done.publishing.as_millis() as u64,
                        );
                        let (changed, removed) = (done.changed, done.removed);
                        eprintln!(
                            "{}",
                            if done.in_place {
                                crate::t!(
                                    "serve-index-updated",
                                    ms = ms,
                                    switch = switch,
                                    changed = changed,
                                    removed = removed
                                )
                            } else {
                                crate::t!(
                                    "serve-index-made",
                                    ms = ms,
                                    switch = switch,
                                    changed = changed,
                                    removed = removed
                                )
                            }
                        );
                    }
                }
                Outcome::Cancelled => {
                    if verbosity == Verbosity::Verbose {
                        eprintln!(
                            "{}",
                            crate::t!("serve-index-dropped", generation = generation)
                        );
                    }
                }
                Outcome::Failed(problems) => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    eprintln!("{}", crate::t!("serve-index-failed"));
                }
            }
        }
    }

    /// Writes the index of `job` and publishes it, unless the job is
    /// cancelled first.
    pub fn run(&mut self, job: &Job, live: &Preview) -> Outcome {
        let mut done = match self.write(job) {
            Ok(Some(done)) => done,
            Ok(None) => return Outcome::Cancelled,
            Err(problems) => return Outcome::Failed(problems),
        };
        if job.cancelled() {
            return Outcome::Cancelled;
        }
        let t = Instant::now();
        match self.publish(live, job.generation) {
            Ok(warnings) => done.warnings = warnings,
            Err(e) => return Outcome::Failed(problems_of(&self.dir, e)),
        }
        done.publishing = t.elapsed();
        Outcome::Published(done)
    }

    /// The index of `job`'s documents into `search/`, only its changed
    /// files; `None`, with `search/` untouched, if the job is cancelled
    /// before the files are written.
    pub fn write(&mut self, job: &Job) -> std::result::Result<Option<Indexed>, Vec<Diagnostic>> {
        let start = Instant::now();
        if job.cancelled() {
            return Ok(None);
        }
        let diagnostics = Diagnostics::default();
        // The last index's files are `previous_pages` too, each keyed by its
        // fingerprint, so that a pack an update keeps is marked unchanged
        // without its bytes.
        let sink = StagedChanges::new(&self.indexed, &self.indexed, 0, false);
        let memo = &self.memo;
        let cancelled = || job.cancelled();
        let write = |path: &str, bytes: &[u8]| {
            // A cancelled job's files are of no use: keep none.
            if !job.cancelled() {
                crate::io_problem(&self.dir, &diagnostics, sink.write(path, bytes));
            }
        };
        let keep = |path: &str| {
            if let Some(&fingerprint) = self.indexed.get(path) {
                sink.unchanged(path, fingerprint);
            }
        };
        let last = self.index.as_ref();
        let written = self.pool.install(|| {
            if let Some(last) = last {
                match last.update(&job.docs, &cancelled, &write, &keep) {
                    Ok(Some(update)) => return Ok((Some(update), None)),
                    Ok(None) => {}
                    Err(cancelled) => return Err(cancelled),
                }
            }
            Incremental::full(&job.docs, memo, &cancelled, &write).map(|full| (None, Some(full)))
        });
        let (update, full) = match written {
            Ok(written) if !job.cancelled() => written,
            _ => return Ok(None),
        };
        if diagnostics.has_errors() {
            return Err(diagnostics.take());
        }
        let (seen, pending, _) = sink.parts();
        let files = seen.len();
        match apply(&self.dir, &self.indexed, seen, pending) {
            Ok((seen, changed, removed)) => {
                self.indexed = seen;
                let in_place = update.is_some();
                let summary = update
                    .as_ref()
                    .map(|u| (u.changed, u.pages_changed, u.bytes));
                match (update, full) {
                    (Some(update), _) => {
                        if let Some(index) = &mut self.index {
                            index.apply(update);
                        }
                    }
                    (None, full) => {
                        self.index = full;
                        self.memo.roll();
                    }
                }
                Ok(Some(Indexed {
                    files,
                    changed,
                    removed,
                    in_place,
                    update: summary,
                    elapsed: start.elapsed(),
                    publishing: Duration::ZERO,
                    warnings: Vec::new(),
                }))
            }
            Err(failures) => {
                // `search/` is partly new: the next index writes every file.
                self.indexed.clear();
                self.index = None;
                Err(failures)
            }
        }
    }

    /// Makes the index just written in `search/` the one served: a new
    /// folder `generation` under [`Preview::search_versions`] gets a hard link
    /// (or a copy) of each of its files, then the server switches to it.
    /// Files in `search/` are only ever replaced by renaming, so the links
    /// keep the old bytes. The two versions before are kept for tabs loaded
    /// with them; an older one that cannot be deleted is a warning, since
    /// the new index is served all the same.
    pub fn publish(&self, live: &Preview, generation: u64) -> Result<Vec<Diagnostic>> {
        let root = &live.search_versions;
        let folder = root.join(generation.to_string());
        remove_dir_if_present(&folder)?;
        for path in self.indexed.keys() {
            let Some(rel) = path.strip_prefix("search/") else {
                continue;
            };
            let from = self.dir.join(path);
            let to = folder.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            // A copy where links are not possible (another file system).
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).map_err(|e| Error::io(&from, e))?;
            }
        }
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        live.publish_search(generation);
        let warnings = match prune(root) {
            Ok(()) => Vec::new(),
            Err(e) => problems_of(&self.dir, e)
                .into_iter()
                .map(|d| Diagnostic::warning(d.location, d.message))
                .collect(),
        };
        Ok(warnings)
    }
}

/// Deletes the versions under `root` older than the last three.
fn prune(root: &Path) -> Result<()> {
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(root).map_err(|e| Error::io(root, e))? {
        let entry = entry.map_err(|e| Error::io(root, e))?;
        // Only the numbered folders are versions.
        if let Some(v) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u64>().ok())
        {
            versions.push(v);
        }
    }
    versions.sort_unstable();
    let keep = versions.len().saturating_sub(3);
    for v in &versions[..keep] {
        remove_dir_if_present(&root.join(v.to_string()))?;
    }
    Ok(())
}
