//! unionpress: a static site generator for trade-union news.
//!
//! A build is four steps, each in its own module:
//!
//! 1. **load** reads `content/` into raw documents (`load`);
//! 2. **model** checks their front matter, resolves programmes and awards,
//!    and builds the lists readers browse by (`model`, no I/O);
//! 3. **render** turns Markdown into HTML and every page into its theme
//!    template's output (`render`), and the search index is made (`search`);
//! 4. **write** puts it all in a staging folder that replaces the previous
//!    output only when everything succeeded (`output`).
//!
//! Every content problem found on the way is collected, and a build with any
//! error writes nothing.

pub mod cli;
pub mod commands;
pub mod config;
pub mod desk;
pub mod error;
pub mod i18n;
pub mod images;
pub mod import;
pub mod load;
pub mod memo;
pub mod memory;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use error::{Diagnostic, Diagnostics, Error, Result};
use model::Site;
use output::{DryRun, Output};
use render::sink::Sink;

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// A draft's errors are errors even when drafts are left out; see
    /// [`model::Options::strict`]. [`check`] sets it.
    pub strict: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            base_url: None,
            strict: false,
        }
    }
}

/// What a finished build did.
#[derive(Debug)]
pub struct Report {
    pub output: Option<PathBuf>,
    pub articles: usize,
    pub files: usize,
    /// Articles left out: drafts and those dated in the future.
    pub unpublished: Vec<model::Unpublished>,
    pub warnings: Vec<Diagnostic>,
    /// How long each step took.
    pub steps: Vec<(&'static str, Duration)>,
}

fn timed<T>(
    steps: &mut Vec<(&'static str, Duration)>,
    name: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    let start = Instant::now();
    let out = f();
    steps.push((name, start.elapsed()));
    out
}

/// What `serve` remembers between builds of the pages: parsed front matter
/// and rendered Markdown. (The search index keeps its deflated files in a
/// [`search::Deflated`] of its own, as it is written on its own thread.)
#[derive(Default)]
pub struct Memos {
    pub fronts: memo::Memo<model::front::ArticleFront>,
    pub markdown: render::Renders,
}

impl Memos {
    /// Memos that remember nothing, for `build`.
    pub fn off() -> Memos {
        Memos {
            fronts: memo::Memo::off(),
            markdown: memo::Memo::off(),
        }
    }

    /// Drops the front matter and Markdown that the full rebuild just
    /// finished did not use (a quick one, which uses a few, drops none).
    pub fn roll(&self) {
        self.fronts.roll();
        self.markdown.roll();
    }
}

/// Loads and models the site, with its Markdown rendered: everything but the
/// pages. Problems are in `diagnostics`.
pub fn load_site(
    options: &BuildOptions,
    diagnostics: &Diagnostics,
    steps: &mut Vec<(&'static str, Duration)>,
) -> Result<Site> {
    reload_site(options, diagnostics, steps, &Memos::off(), None)
}

/// [`load_site`] for `serve`'s rebuilds: `loaded` is the content already
/// read (brought up to date by [`load::reload`]), and `memo` holds what
/// earlier builds parsed and rendered. The site is the same as
/// [`load_site`]'s.
pub fn reload_site(
    options: &BuildOptions,
    diagnostics: &Diagnostics,
    steps: &mut Vec<(&'static str, Duration)>,
    memo: &Memos,
    loaded: Option<load::Loaded>,
) -> Result<Site> {
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url)?;
    }
    let model_options = model::Options {
        drafts: options.drafts,
        now: jiff::Timestamp::now(),
        strict: options.strict,
    };
    let loaded = timed(steps, "load", || {
        loaded.unwrap_or_else(|| {
            let links = config::site_links(&options.root);
            load::load(&options.root, &links, diagnostics)
        })
    });
    let mut site = timed(steps, "model", || {
        Site::new(config, loaded, &model_options, diagnostics, &memo.fronts)
    });
    timed(steps, "markdown", || {
        render::markdown_all(&mut site, diagnostics, &memo.markdown)
    });
    site.claims = timed(steps, "claims", || {
        model::claims::Claims::new(&site, diagnostics)
    });
    Ok(site)
}

/// The site modelled as a build models it, drafts included, for a command
/// that only asks it something (which programmes and awards exist) before
/// writing a file: problems of the content are the build's to report, so
/// they are dropped here.
pub fn model_unchecked(root: &Path, config: &Config) -> Site {
    let diagnostics = Diagnostics::default();
    let loaded = load::load(root, &config::site_links(root), &diagnostics);
    let options = model::Options {
        drafts: true,
        now: jiff::Timestamp::now(),
        strict: true,
    };
    Site::new(
        config.clone(),
        loaded,
        &options,
        &diagnostics,
        &memo::Memo::off(),
    )
}

/// What a running build has done so far, for a progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    step: std::sync::Mutex<&'static str>,
    files: std::sync::atomic::AtomicUsize,
    /// How many files the last build wrote (from its manifest), if known.
    expected: std::sync::atomic::AtomicUsize,
    /// Pictures resized (or taken from the cache) so far.
    pictures: images::Tally,
}

impl Progress {
    fn set_step(&self, step: &'static str) {
        *self.step.lock().unwrap_or_else(|e| e.into_inner()) = step;
    }
    /// What the build is doing now, in a few words.
    pub fn step(&self) -> &'static str {
        *self.step.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files.load(std::sync::atomic::Ordering::Relaxed)
    }
    /// Pictures decoded so far: none when every resized file was in the
    /// cache.
    pub fn pictures_decoded(&self) -> usize {
        self.pictures.decoded()
    }
    /// Pictures done and to do, while they are resized beside the pages
    /// (each source once): (0, 0) before.
    pub fn pictures(&self) -> (usize, usize) {
        self.pictures.done_of_total()
    }
    /// About how many files this build will write, if a previous build
    /// says so.
    pub fn expected(&self) -> Option<usize> {
        Some(self.expected.load(std::sync::atomic::Ordering::Relaxed)).filter(|&n| n > 0)
    }
}

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<Report> {
    build_with_progress(options, &Progress::default())
}

/// [`build`], telling `progress` how far it has come.
pub fn build_with_progress(options: &BuildOptions, progress: &Progress) -> Result<Report> {
    let diagnostics = Diagnostics::default();
    let mut steps = Vec::new();
    progress.set_step("reading and checking");
    let mut site = load_site(options, &diagnostics, &mut steps)?;
    let target = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Opened before content errors can end the build: opening puts back an
    // output that an interrupted commit left retired.
    let output = Output::begin(&options.root, &target)?;
    diagnostics.check()?;
    let tera = timed(&mut steps, "templates", || {
        render::theme::templates(&options.root, &site.config.theme, &diagnostics)
    })?;
    if let Ok(manifest) = std::fs::read_to_string(target.join(output::MANIFEST)) {
        progress.expected.store(
            manifest.lines().count(),
            std::sync::atomic::Ordering::Relaxed,
        );
    }
    progress.set_step("rendering");
    let pages = timed(&mut steps, "pages", || {
        write_pages(WritePages {
            root: &options.root,
            site: &site,
            tera: &tera,
            sink: &output,
            diagnostics: &diagnostics,
            progress,
            scope: None,
        })
    });
    free_pages_memory(&mut site);
    let index = timed(&mut steps, "search", || {
        let memo = search::Deflated::off();
        write_search(&options.root, &site, &output, &diagnostics, &memo, progress)
    });
    let files = pages + index;
    diagnostics.extend(output.failures());
    if diagnostics.has_errors() {
        output.abandon();
        return Err(Error::Content(diagnostics.take()));
    }
    progress.set_step("replacing the output");
    let output = timed(&mut steps, "commit", || output.commit())?;
    Ok(Report {
        output: Some(output),
        articles: site.articles.len(),
        files,
        unpublished: site.unpublished,
        warnings: diagnostics.take(),
        steps,
    })
}

/// Runs every check of a build, rendering every page, and writes nothing.
pub fn check(options: &BuildOptions) -> Result<Report> {
    let report = check_all(options)?;
    if report.warnings.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(report.warnings));
    }
    Ok(report)
}

/// Like [`check`], but content problems do not fail it: the report's
/// `warnings` holds every problem found, errors included, so that `check`
/// can show them beside the unpublished articles.
pub fn check_all(options: &BuildOptions) -> Result<Report> {
    // `check` reports a draft's errors as errors (see `model::Options`).
    let options = &BuildOptions {
        strict: true,
        ..options.clone()
    };
    let diagnostics = Diagnostics::default();
    let mut steps = Vec::new();
    let mut site = load_site(options, &diagnostics, &mut steps)?;
    match render::theme::templates(&options.root, &site.config.theme, &diagnostics) {
        Ok(tera) => {
            let (memo, progress) = (search::Deflated::off(), Progress::default());
            timed(&mut steps, "pages", || {
                write_pages(WritePages {
                    root: &options.root,
                    site: &site,
                    tera: &tera,
                    sink: &DryRun,
                    diagnostics: &diagnostics,
                    progress: &progress,
                    scope: None,
                })
            });
            free_pages_memory(&mut site);
            timed(&mut steps, "search", || {
                write_search(
                    &options.root,
                    &site,
                    &DryRun,
                    &diagnostics,
                    &memo,
                    &progress,
                )
            });
        }
        Err(Error::Content(problems)) => diagnostics.extend(problems),
        Err(e) => return Err(e),
    }
    Ok(Report {
        output: None,
        articles: site.articles.len(),
        files: 0,
        unpublished: site.unpublished,
        warnings: diagnostics.take(),
        steps,
    })
}

/// Once every page is written: the articles' HTML, which the search index
/// does not read (it reads their text), is freed and the memory given back
/// before the index grows, so the two are never held at once (at 100,000
/// articles, about half a gigabyte of HTML).
fn free_pages_memory(site: &mut Site) {
    for a in &mut site.articles {
        a.body.html = String::new();
    }
    memory::give_back_freed();
}

/// What [`write_pages`] renders and where it puts it.
pub struct WritePages<'a> {
    /// The site's folder: its templates, `static/` and `content/`.
    pub root: &'a Path,
    pub site: &'a Site,
    pub tera: &'a tera::Tera,
    pub sink: &'a dyn Sink,
    pub diagnostics: &'a Diagnostics,
    /// Counts the files written.
    pub progress: &'a Progress,
    /// Which article pages may have changed since the last build (see
    /// [`render::pages::Scope`]); `None` renders them all.
    pub scope: Option<render::pages::Scope<'a>>,
}

/// Renders and writes every page of the site, its feeds, the sitemap and
/// the static files to the sink, counting the files in `progress`;
/// returns how many.
/// [`write_search`] writes the rest: `build` calls both, `serve` reloads the
/// browser in between.
pub fn write_pages(job: WritePages) -> usize {
    let WritePages {
        root,
        site,
        tera,
        sink,
        diagnostics,
        progress,
        scope,
    } = job;
    let before = progress.files();
    let counting = Counting {
        inner: sink,
        progress,
    };
    let counter = Claiming {
        inner: &counting,
        root,
        claims: std::sync::Mutex::new(site.claims.clone()),
        diagnostics,
    };
    let io = |r: Result<()>| io_problem(root, diagnostics, r);
    // A folder that cannot be walked (a symlink loop in static/) must fail
    // the build, not quietly leave every static file out.
    fn listed<T>(r: Result<Vec<T>>, io: &dyn Fn(Result<()>)) -> Vec<T> {
        r.unwrap_or_else(|e| {
            io(Err(e));
            Vec::new()
        })
    }
    // The site's static files override the theme's of the same name.
    let site_static = listed(render::theme::files_under(root, &root.join("static")), &io);
    let overridden: std::collections::HashSet<&str> =
        site_static.iter().map(|(name, _)| name.as_str()).collect();
    for (name, source) in listed(render::theme::static_files(root, &site.config.theme), &io) {
        if overridden.contains(name.as_str()) {
            continue;
        }
        match source {
            render::theme::StaticSource::Embedded(bytes) => io(counter.write(&name, bytes)),
            render::theme::StaticSource::File(path) => io(counter.copy(&name, &path)),
        }
    }

    let pages = render::pages::Pages::new(root, site, tera, &counter, diagnostics).scoped(scope);
    // The pictures are resized beside the pages (the cache is all they
    // write), and copied out once both are done.
    let pictures = images::Pictures::new(site.shown_pictures());
    let (derived, ()) = rayon::join(
        || pictures.derive(root, &site.config.images, &progress.pictures),
        || {
            pages.render_all();
            // A resized picture's original stays unpublished (with its
            // EXIF, GPS position included) unless the site asks for it.
            let copied =
                |file: &str| site.config.images.publish_originals || !images::is_processed(file);
            let files = site.articles.iter().flat_map(|a| {
                let page = a.path.as_str();
                a.body.files.iter().map(move |(f, _)| (page, f))
            });
            let files = files.chain(site.text_files.iter().map(|(p, f, _)| (p.as_str(), f)));
            for (page, file) in files.filter(|(_, f)| copied(f)) {
                let name = file.rsplit('/').next().unwrap_or_default();
                io(counter.copy(
                    &format!("{}{name}", page.trim_start_matches('/')),
                    &root.join("content").join(file),
                ));
            }
        },
    );
    pictures.publish(
        &derived,
        &|to, from| io(counter.copy(to, from)),
        diagnostics,
    );
    pages.site_feed();
    let sitemap = std::mem::take(&mut *pages.sitemap.lock().unwrap_or_else(|e| e.into_inner()));
    io(counter.write(
        "sitemap.xml",
        output::sitemap::sitemap(site, sitemap).as_bytes(),
    ));
    io(counter.write("robots.txt", output::sitemap::robots(site).as_bytes()));
    for (name, path) in &site_static {
        io(counter.copy(name, path));
    }
    progress.files() - before
}

/// The search index of `site` (every file under `search/`), the other half
/// of the pages; returns how many files.
pub fn write_search(
    root: &Path,
    site: &Site,
    sink: &dyn Sink,
    diagnostics: &Diagnostics,
    memo: &search::Deflated,
    progress: &Progress,
) -> usize {
    let before = progress.files();
    let counter = Counting {
        inner: sink,
        progress,
    };
    let io = |r: Result<()>| io_problem(root, diagnostics, r);
    let docs = search::docs(site);
    search::write_index(&docs, memo, &|path, bytes| io(counter.write(path, bytes)));
    progress.files() - before
}

/// A write's error as a diagnostic of the build.
fn io_problem(root: &Path, diagnostics: &Diagnostics, r: Result<()>) {
    let d = match r {
        Ok(()) => return,
        Err(Error::Io(path, err)) => Diagnostic::error(
            error::Location::file(load::relative(root, &path)),
            crate::t!("io-failed", reason = err.to_string()),
        ),
        Err(Error::Content(problems)) => return diagnostics.extend(problems),
        Err(Error::Usage(message)) => Diagnostic::error(error::Location::file("public"), message),
    };
    diagnostics.push(d);
}

/// Claims each file on its way to the sink (see [`model::claims`]): a
/// second claim on one file is an error of the build.
struct Claiming<'a> {
    inner: &'a dyn Sink,
    root: &'a Path,
    claims: std::sync::Mutex<model::claims::Claims>,
    diagnostics: &'a Diagnostics,
}

impl Claiming<'_> {
    /// Whether the claim holds; a clash is reported, and its file is not
    /// written (the build fails, and the disk's own complaint about a file
    /// where a folder is would only repeat it).
    fn claim(&self, f: impl FnOnce(&mut model::claims::Claims) -> Option<Diagnostic>) -> bool {
        let clash = f(&mut self.claims.lock().unwrap_or_else(|e| e.into_inner()));
        clash.map(|d| self.diagnostics.push(d)).is_none()
    }
}

impl Sink for Claiming<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if !self.claim(|c| c.written(path)) {
            return Ok(());
        }
        self.inner.write(path, bytes)
    }
    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        if !self.claim(|c| c.copied(path, &load::relative(self.root, from))) {
            return Ok(());
        }
        self.inner.copy(path, from)
    }
    fn remembers(&self) -> bool {
        self.inner.remembers()
    }
    fn unchanged(&self, path: &str, key: u64) -> bool {
        let same = self.inner.unchanged(path, key);
        if same {
            self.claim(|c| c.written(path));
        }
        same
    }
    fn unchanged_all(&self, pages: &[(String, u64)]) -> Vec<bool> {
        let same = self.inner.unchanged_all(pages);
        let mut claims = self.claims.lock().unwrap_or_else(|e| e.into_inner());
        for ((path, _), _) in pages.iter().zip(&same).filter(|(_, same)| **same) {
            if let Some(d) = claims.written(path) {
                self.diagnostics.push(d);
            }
        }
        same
    }
}

/// Counts the files on their way to the real sink, for [`Progress`].
struct Counting<'a> {
    inner: &'a dyn Sink,
    progress: &'a Progress,
}

impl Counting<'_> {
    fn one(&self) {
        self.progress
            .files
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Sink for Counting<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.one();
        self.inner.write(path, bytes)
    }
    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        self.one();
        self.inner.copy(path, from)
    }
    fn remembers(&self) -> bool {
        self.inner.remembers()
    }
    fn unchanged(&self, path: &str, key: u64) -> bool {
        let same = self.inner.unchanged(path, key);
        if same {
            self.one();
        }
        same
    }
    fn unchanged_all(&self, pages: &[(String, u64)]) -> Vec<bool> {
        let same = self.inner.unchanged_all(pages);
        let kept = same.iter().filter(|s| **s).count();
        self.progress
            .files
            .fetch_add(kept, std::sync::atomic::Ordering::Relaxed);
        same
    }
}
