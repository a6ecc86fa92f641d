//! `unionpress serve`: a live preview for editors.
//!
//! Four parts, each in its own thread:
//!
//! - the **builder** (here) builds the site into a private preview folder,
//!   never into `public/`. Each rebuild renders into memory first and touches
//!   the folder only when the whole build succeeded, so an error leaves the
//!   last good site being served. It writes only the files whose bytes
//!   changed and deletes the ones a rebuild no longer makes, so the browser
//!   and the disk see a small change for a small edit. The browsers reload
//!   as soon as the pages are written;
//! - the **indexer** (`index`) makes the search index (most of a rebuild's
//!   work on a large site) on its own thread, so that pages never wait for
//!   it, and switches to each complete index in one step;
//! - the **HTTP server** (`http`) serves that folder on 127.0.0.1, adds the
//!   live-reload script to the HTML it serves, and streams build events to
//!   every open tab over Server-Sent Events;
//! - the **watcher** (`watch`) tells the builder when an editor saves a file.
//!
//! [`Live`] is what they share: the folder, the build generation, and the
//! problems of the last build (what the page overlay shows).

pub mod http;
pub mod index;
mod patch;
pub mod watch;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::commands::Verbosity;
use crate::error::{Diagnostic, Diagnostics, Error, Location, Result};
use crate::render::sink::Sink;
use crate::{BuildOptions, Report};

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Host names answered besides 127.0.0.1, localhost and [::1].
    pub allowed_hosts: Vec<String>,
    pub verbosity: Verbosity,
}

/// The state the builder, the server and the watcher share.
pub struct Live {
    /// The preview folder the server serves.
    pub dir: PathBuf,
    /// Where complete search indexes are kept, one folder per version
    /// (`<versions>/<n>/meta.json`, …): the server reads the index from
    /// there, never from `dir/search/` while it is being rewritten.
    pub search_versions: PathBuf,
    /// A watch channel, so that live-reload streams wake on each change.
    state: tokio::sync::watch::Sender<LiveState>,
}

/// What the last build left: its number, and its problems if it failed.
#[derive(Debug, Clone, Default)]
pub struct LiveState {
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
    /// The version (a folder under [`Live::search_versions`], named after
    /// the generation whose pages it indexes) of the search index being
    /// served; 0 before the first index is complete.
    pub search_version: u64,
}

impl LiveState {
    pub fn ok(&self) -> bool {
        !self.problems.iter().any(Diagnostic::is_error)
    }
}

impl Live {
    pub fn new(dir: PathBuf) -> Live {
        let mut name = dir.file_name().unwrap_or_default().to_os_string();
        name.push(".search");
        let search_versions = dir.with_file_name(name);
        Live {
            dir,
            search_versions,
            state: tokio::sync::watch::Sender::new(LiveState::default()),
        }
    }

    pub fn snapshot(&self) -> LiveState {
        self.state.borrow().clone()
    }

    /// A receiver that sees every change from now on.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<LiveState> {
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
    /// complete in the folder `version` under [`Live::search_versions`].
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

/// Runs the preview server until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<()> {
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    if !root.join("site.yaml").is_file() {
        return Err(Error::Usage(crate::t!(
            "serve-no-site",
            root = root.display()
        )));
    }
    let listener = std::net::TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| {
        Error::Usage(crate::t!(
            "serve-cannot-listen",
            port = options.port,
            reason = e.to_string()
        ))
    })?;
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(options.port);
    let url = format!("http://127.0.0.1:{port}/");

    let dir = std::env::temp_dir().join(format!("unionpress-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let live = Arc::new(Live::new(dir.clone()));
    let _ = std::fs::remove_dir_all(&live.search_versions);
    let quiet = options.verbosity == Verbosity::Quiet;

    let jobs = Arc::new(index::Jobs::default());
    let mut builder = Builder::new(&root, options.drafts, &url, &dir);
    builder.rebuild_and_publish(&live, options.verbosity, None, &jobs);
    let (indexer_done, indexer_stopped) = std::sync::mpsc::channel::<()>();
    {
        let (live, jobs) = (live.clone(), jobs.clone());
        let mut indexer = index::Indexer::new(&dir);
        std::thread::spawn(move || {
            indexer.run_all(&jobs, &live, options.verbosity);
            drop(indexer_done);
        });
    }

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watching = watch::watch(&root, tx.clone())?;
    {
        let live = live.clone();
        let tx = tx.clone();
        ctrlc::set_handler(move || {
            live.stop();
            let _ = tx.send(Vec::new());
        })
        .map_err(|e| {
            Error::Usage(crate::t!(
                "serve-cannot-catch-ctrl-c",
                reason = e.to_string()
            ))
        })?;
    }
    let http_thread = http::spawn(listener, live.clone(), &options.allowed_hosts)
        .map_err(|e| Error::Usage(crate::t!("serve-cannot-start", reason = e.to_string())))?;
    // Printed even with --quiet: a server that says nothing cannot be used.
    println!(
        "{}",
        crate::t!("serve-serving", root = root.display(), url = &url)
    );
    if options.open {
        open_browser(&url);
    }

    while let Ok(first) = rx.recv() {
        if live.snapshot().stopping {
            break;
        }
        let paths = watch::settle(first, &rx);
        if live.snapshot().stopping {
            break;
        }
        if paths.is_empty() {
            continue;
        }
        if let Err(e) = watching.add_new_dirs(&root) {
            eprintln!("{}: {e}", crate::t!("label-warning"));
        }
        if !quiet {
            for p in &paths {
                let rel = p.strip_prefix(&root).unwrap_or(p);
                eprintln!("{}", crate::t!("serve-changed", file = rel.display()));
            }
        }
        builder.rebuild_and_publish(&live, options.verbosity, Some(&paths), &jobs);
    }
    let _ = http_thread.join();
    // A cancelled index writes nothing more; one still being made (it
    // cannot be interrupted) is not waited for.
    jobs.close();
    let _ = indexer_stopped.recv_timeout(Duration::from_secs(2));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&live.search_versions);
    if !quiet {
        eprintln!("{}", crate::t!("serve-stopped"));
    }
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!(
            "{}",
            crate::t!(
                "serve-no-browser",
                opener = opener,
                reason = e.to_string(),
                url = url
            )
        );
    }
}

/// Builds the site into the preview folder, keeping what it needs to write
/// only the files that changed.
///
/// It builds everything but the search index, which the indexer makes from
/// the documents of each good build (see `index`); rebuilds run one after
/// another in the builder's thread.
pub struct Builder {
    options: BuildOptions,
    dir: PathBuf,
    /// Each file of the last good build but the search index, by site
    /// path, with a fingerprint of its bytes (or, for copied files, of the
    /// source's size and time).
    written: HashMap<String, u64>,
    /// Each page of the last good build by site path, with the hash of its
    /// template and values: an unchanged page is not rendered again.
    pages: HashMap<String, u64>,
    /// The content read by the last good build, to read again only the
    /// files that changed.
    loaded: Option<crate::load::Loaded>,
    /// Front matter and Markdown of the last good build.
    memo: crate::memo::Memo,
    /// The last good build's site, for its search index and for a quick
    /// rebuild after an edit to an article's body (see `patch`).
    last: Option<patch::LastGood>,
}

/// What a good rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub report: Report,
    /// Files written because they are new or their bytes changed.
    pub changed: usize,
    /// Files deleted because the site no longer has them.
    pub removed: usize,
    pub elapsed: Duration,
}

impl Builder {
    pub fn new(root: &Path, drafts: bool, base_url: &str, dir: &Path) -> Builder {
        Builder {
            options: BuildOptions {
                root: root.to_path_buf(),
                output: None,
                drafts,
                base_url: Some(base_url.to_string()),
            },
            dir: dir.to_path_buf(),
            written: HashMap::new(),
            pages: HashMap::new(),
            loaded: None,
            memo: crate::memo::Memo::default(),
            last: None,
        }
    }

    /// Rebuilds, reports in the terminal, and tells the browsers: they
    /// reload as soon as the pages are written. After a good build the
    /// documents of its site go to `jobs`, for the search index.
    /// `changed` holds the files saved since the last build, if known.
    pub fn rebuild_and_publish(
        &mut self,
        live: &Live,
        verbosity: Verbosity,
        changed: Option<&[PathBuf]>,
        jobs: &index::Jobs,
    ) {
        let quiet = verbosity == Verbosity::Quiet;
        let verbose = verbosity == Verbosity::Verbose;
        match self.rebuild_pages(changed) {
            Ok(done) => {
                if !quiet {
                    for w in &done.report.warnings {
                        eprintln!("{w}");
                    }
                    eprintln!(
                        "{}",
                        crate::t!(
                            "serve-built",
                            articles = done.report.articles,
                            ms = done.elapsed.as_millis() as u64,
                            changed = done.changed,
                            removed = done.removed
                        )
                    );
                }
                if verbose {
                    for (step, time) in &done.report.steps {
                        let step = crate::i18n::step_name(step);
                        eprintln!("  {step:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                    }
                }
                live.publish(done.report.warnings);
                if let Some(job) = self.search_job(live.snapshot().good) {
                    jobs.submit(job);
                }
            }
            Err(problems) => {
                // Errors show even with --quiet.
                for p in &problems {
                    eprintln!("{p}");
                }
                let errors = problems.iter().filter(|d| d.is_error()).count();
                eprintln!("{}", crate::t!("serve-failed", errors = errors));
                live.publish(problems);
            }
        }
    }

    /// The documents of the last good build, for its search index, which
    /// is numbered `generation`.
    pub fn search_job(&self, generation: u64) -> Option<index::Job> {
        let last = self.last.as_ref()?;
        Some(index::Job::new(generation, crate::search::docs(&last.site)))
    }

    /// Builds the whole site but its search index in memory and, if it
    /// has no error, brings the preview folder up to date with it. On error
    /// the folder is untouched.
    pub fn rebuild(&mut self) -> std::result::Result<Rebuilt, Vec<Diagnostic>> {
        self.rebuild_pages(None)
    }

    /// [`Builder::rebuild`] after the files `changed` were saved: when they
    /// are all under `content/`, only they are read again, and only the
    /// articles among them are parsed and rendered again (see `memo`); an
    /// edit to the body of articles only patches the last build (see
    /// `patch`).
    pub fn rebuild_pages(
        &mut self,
        changed: Option<&[PathBuf]>,
    ) -> std::result::Result<Rebuilt, Vec<Diagnostic>> {
        let start = Instant::now();
        let diagnostics = Diagnostics::default();
        let mut steps = Vec::new();
        // Kept only if this build succeeds: a failed one may have left a
        // file out that the next must read again.
        let loaded = match (self.loaded.take(), changed) {
            (Some(mut loaded), Some(paths)) => {
                let reading = Diagnostics::default();
                crate::load::reload(&self.options.root, &mut loaded, paths, &reading).then(|| {
                    diagnostics.extend(reading.take());
                    loaded
                })
            }
            _ => None,
        };
        if let (Some(paths), Some(reloaded)) = (changed, &loaded)
            && !diagnostics.has_errors()
            && let Some(done) = self
                .patch(paths, reloaded, start)
                .or_else(|| self.front_patch(paths, reloaded, start))
        {
            if done.is_ok() {
                self.loaded = loaded;
            }
            return done;
        }
        // Likewise: a failed build leaves nothing a quick rebuild could
        // patch.
        self.last = None;
        let loaded = match loaded {
            Some(loaded) => loaded,
            None => {
                let t = Instant::now();
                let loaded = crate::load::load(&self.options.root, &diagnostics);
                steps.push(("read all", t.elapsed()));
                loaded
            }
        };
        let kept = loaded.clone();
        let (site, pictures) = crate::reload_site(
            &self.options,
            &diagnostics,
            &mut steps,
            &self.memo,
            Some(loaded),
        )
        .map_err(problems_of)?;
        if diagnostics.has_errors() {
            return Err(diagnostics.take());
        }
        let done = self.render_and_apply(site, pictures, None, diagnostics, steps, start)?;
        self.loaded = Some(kept);
        self.memo.roll_pages();
        Ok(done)
    }

    /// Renders `site` (every page, or with `dirty` only the article pages
    /// it marks, see [`crate::render::pages::Scope`]) and, if that has no
    /// error, brings the preview folder up to date with it; `site` becomes
    /// the last good build.
    fn render_and_apply(
        &mut self,
        site: crate::model::Site,
        pictures: crate::render::Attachments,
        dirty: Option<Vec<bool>>,
        diagnostics: Diagnostics,
        mut steps: Vec<(&'static str, Duration)>,
        start: Instant,
    ) -> std::result::Result<Rebuilt, Vec<Diagnostic>> {
        let t = Instant::now();
        let tera =
            crate::render::theme::templates(&self.options.root, &site.config.theme, &diagnostics)
                .map_err(problems_of)?;
        steps.push(("templates", t.elapsed()));
        let t = Instant::now();
        let sink = Staged::new(
            &self.written,
            &self.pages,
            templates_salt(&self.options.root, &site.config.theme),
        );
        let previous = |file: &str| sink.previous_key(file);
        let scope = dirty.map(|articles| crate::render::pages::Scope {
            articles,
            previous: &previous,
        });
        let files = crate::write_pages(crate::WritePages {
            root: &self.options.root,
            site: &site,
            attachments: &pictures,
            tera: &tera,
            sink: &sink,
            diagnostics: &diagnostics,
            progress: &crate::Progress::default(),
            scope,
        });
        steps.push(("render", t.elapsed()));
        if diagnostics.has_errors() {
            return Err(diagnostics.take());
        }
        let t = Instant::now();
        let (seen, pending, pages) = sink.parts();
        let (changed, removed) = self.apply_or_forget(seen, pending)?;
        self.pages = pages;
        steps.push(("write", t.elapsed()));
        let warnings = diagnostics.take();
        let report = Report {
            output: Some(self.dir.clone()),
            articles: site.articles.len(),
            files,
            unpublished: site.unpublished.clone(),
            warnings: warnings.clone(),
            steps,
        };
        self.last = Some(patch::LastGood {
            site,
            pictures,
            warnings,
        });
        Ok(Rebuilt {
            report,
            changed,
            removed,
            elapsed: start.elapsed(),
        })
    }

    /// The quicker of the two rebuilds after a front-matter edit, a new
    /// article or a deleted one (see `patch::front_edits`): the model
    /// patched, only the article pages that may have changed rendered.
    /// `None` when a full rebuild is needed.
    fn front_patch(
        &mut self,
        paths: &[PathBuf],
        loaded: &crate::load::Loaded,
        start: Instant,
    ) -> Option<std::result::Result<Rebuilt, Vec<Diagnostic>>> {
        let mut last = self.last.take()?;
        let t = Instant::now();
        let dirty = patch::front_edits(
            &mut last,
            loaded,
            &self.options.root,
            paths,
            self.options.drafts,
            &self.memo,
        )?;
        let steps = vec![("patch front", t.elapsed())];
        let patch::LastGood { site, pictures, .. } = last;
        // A problem is the full rebuild's to report.
        match self.render_and_apply(
            site,
            pictures,
            Some(dirty),
            Diagnostics::default(),
            steps,
            start,
        ) {
            Ok(done) => Some(Ok(done)),
            Err(_) => {
                self.last = None;
                None
            }
        }
    }

    /// The quick rebuild after `paths` were saved and read again into
    /// `loaded`, if they are all the bodies of published articles (see
    /// `patch`): their pages, the feeds that carry their text. `None` when
    /// a full rebuild is needed.
    fn patch(
        &mut self,
        paths: &[PathBuf],
        loaded: &crate::load::Loaded,
        start: Instant,
    ) -> Option<std::result::Result<Rebuilt, Vec<Diagnostic>>> {
        let mut last = self.last.take()?;
        let root = &self.options.root;
        let mut steps = Vec::new();
        let t = Instant::now();
        let Some(edited) = patch::body_edits(
            &mut last,
            loaded,
            root,
            paths,
            self.options.drafts,
            &self.memo,
        ) else {
            // Untouched: the front-matter patch starts from it.
            self.last = Some(last);
            return None;
        };
        let site = &last.site;
        steps.push(("patch", t.elapsed()));
        let t = Instant::now();
        let diagnostics = Diagnostics::default();
        // Its warnings are the last build's, which had the same templates.
        let tera =
            crate::render::theme::templates(root, &site.config.theme, &Diagnostics::default())
                .ok()?;
        let sink = Staged::new(
            &self.written,
            &self.pages,
            templates_salt(root, &site.config.theme),
        );
        let pages = crate::render::pages::Pages::new(root, site, &tera, &sink, &diagnostics);
        for &i in &edited {
            let a = &site.articles[i];
            pages.article(a);
            for &p in &a.programmes {
                pages.programme_feed(site.programmes.get(p));
            }
        }
        pages.site_feed();
        drop(pages);
        steps.push(("render", t.elapsed()));
        if diagnostics.has_errors() {
            // The full rebuild reports it.
            return None;
        }
        let t = Instant::now();
        let (seen, pending, pages) = sink.parts();
        let mut all = self.written.clone();
        all.extend(seen);
        let (changed, removed) = match self.apply_or_forget(all, pending) {
            Ok(counts) => counts,
            Err(failures) => return Some(Err(failures)),
        };
        self.pages.extend(pages);
        steps.push(("write", t.elapsed()));
        let report = Report {
            output: Some(self.dir.clone()),
            articles: site.articles.len(),
            files: self.written.len(),
            unpublished: site.unpublished.clone(),
            warnings: last.warnings.clone(),
            steps,
        };
        self.last = Some(last);
        Some(Ok(Rebuilt {
            report,
            changed,
            removed,
            elapsed: start.elapsed(),
        }))
    }

    /// Brings the folder from `self.written` to `seen`, writing `pending`;
    /// gives how many files were written and deleted. If that fails, the
    /// folder is partly new: everything about it is forgotten so the next
    /// build writes every file again.
    fn apply_or_forget(
        &mut self,
        seen: HashMap<String, u64>,
        pending: Vec<(String, Pending)>,
    ) -> std::result::Result<(usize, usize), Vec<Diagnostic>> {
        match apply(&self.dir, &self.written, seen, pending) {
            Ok((seen, changed, removed)) => {
                self.written = seen;
                Ok((changed, removed))
            }
            Err(failures) => {
                self.written.clear();
                self.pages.clear();
                self.last = None;
                Err(failures)
            }
        }
    }
}

/// Writes the `pending` files and deletes those of `previous` not
/// `seen`; gives back `seen` with how many were written and deleted.
fn apply(
    dir: &Path,
    previous: &HashMap<String, u64>,
    seen: HashMap<String, u64>,
    pending: Vec<(String, Pending)>,
) -> std::result::Result<(HashMap<String, u64>, usize, usize), Vec<Diagnostic>> {
    let changed = pending.len();
    let mut failures = Vec::new();
    for (path, what) in pending {
        if let Err(e) = put(dir, &path, what) {
            failures.push(Diagnostic::error(Location::file(&path), e.to_string()));
        }
    }
    let mut removed = 0;
    for path in previous.keys().filter(|p| !seen.contains_key(*p)) {
        if std::fs::remove_file(dir.join(path)).is_ok() {
            removed += 1;
        }
    }
    if failures.is_empty() {
        Ok((seen, changed, removed))
    } else {
        Err(failures)
    }
}

/// Writes one file: into a temporary name first, then renamed, so the
/// server never sends half a file.
fn put(dir: &Path, path: &str, what: Pending) -> Result<()> {
    let dest = dir.join(path);
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let tmp = dest.with_file_name(format!(
        ".{}.unionpress-tmp",
        dest.file_name().unwrap_or_default().to_string_lossy()
    ));
    match what {
        Pending::Bytes(bytes) => std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?,
        Pending::Copy(from) => {
            std::fs::copy(&from, &tmp).map_err(|e| Error::io(&from, e))?;
        }
    }
    std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))
}

/// A failed step's error as diagnostics, for the terminal and the overlay.
fn problems_of(err: Error) -> Vec<Diagnostic> {
    match err {
        Error::Content(problems) => problems,
        Error::Usage(message) => vec![Diagnostic::error(Location::file("site.yaml"), message)],
        Error::Io(path, e) => vec![Diagnostic::error(Location::file(path), e.to_string())],
    }
}

enum Pending {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

/// The site's own templates, hashed: when one changes, every page is
/// rendered again (the built-in ones change only with the binary).
fn templates_salt(root: &Path, theme: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for dir in [
        root.join("themes").join(theme).join("templates"),
        root.join("templates"),
    ] {
        for (name, path) in crate::render::theme::files_under(root, &dir).unwrap_or_default() {
            name.hash(&mut h);
            std::fs::read(&path).unwrap_or_default().hash(&mut h);
        }
    }
    h.finish()
}

/// A sink that keeps in memory only what differs from the last good build,
/// and remembers which page came from which values.
struct Staged<'a> {
    previous: &'a HashMap<String, u64>,
    seen: Mutex<HashMap<String, u64>>,
    pending: Mutex<Vec<(String, Pending)>>,
    previous_pages: &'a HashMap<String, u64>,
    pages: Mutex<HashMap<String, u64>>,
    salt: u64,
}

impl<'a> Staged<'a> {
    /// The key the page in `path` had in the last good build, as
    /// [`Sink::unchanged`] takes it.
    fn previous_key(&self, path: &str) -> Option<u64> {
        self.previous_pages.get(path).map(|k| k ^ self.salt)
    }

    fn new(
        previous: &'a HashMap<String, u64>,
        previous_pages: &'a HashMap<String, u64>,
        salt: u64,
    ) -> Staged<'a> {
        Staged {
            previous,
            seen: Mutex::new(HashMap::new()),
            pending: Mutex::new(Vec::new()),
            previous_pages,
            pages: Mutex::new(HashMap::new()),
            salt,
        }
    }

    /// The files written, those of them whose bytes changed, and the
    /// pages' keys.
    #[allow(clippy::type_complexity)]
    fn parts(
        self,
    ) -> (
        HashMap<String, u64>,
        Vec<(String, Pending)>,
        HashMap<String, u64>,
    ) {
        (
            self.seen.into_inner().unwrap_or_else(|e| e.into_inner()),
            self.pending.into_inner().unwrap_or_else(|e| e.into_inner()),
            self.pages.into_inner().unwrap_or_else(|e| e.into_inner()),
        )
    }

    fn record(&self, path: &str, fingerprint: u64, what: impl FnOnce() -> Pending) -> Result<()> {
        if !http::safe_relative(path) {
            return Err(Error::Usage(crate::t!("serve-outside", path = path)));
        }
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), fingerprint);
        if self.previous.get(path) != Some(&fingerprint) {
            self.pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), what()));
        }
        Ok(())
    }
}

impl Sink for Staged<'_> {
    fn remembers(&self) -> bool {
        true
    }

    fn unchanged(&self, path: &str, key: u64) -> bool {
        let key = key ^ self.salt;
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), key);
        match (self.previous_pages.get(path), self.previous.get(path)) {
            (Some(&k), Some(&fingerprint)) if k == key => {
                self.seen
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path.to_string(), fingerprint);
                true
            }
            _ => false,
        }
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        self.record(path, h.finish(), || Pending::Bytes(bytes.to_vec()))
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let meta = std::fs::metadata(from).map_err(|e| Error::io(from, e))?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        from.hash(&mut h);
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
        self.record(path, h.finish(), || Pending::Copy(from.to_path_buf()))
    }
}
