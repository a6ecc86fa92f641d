//! The incremental builder: it builds the site but its search index in
//! memory and brings the preview folder up to date only when the whole
//! build succeeded, so an error leaves the last good site being served.
//!
//! It keeps what the last good build read, rendered and wrote, so that a
//! save reads again only the files that changed, renders again only the
//! pages whose template or values changed, and writes only the files whose
//! bytes changed. An edit to articles alone patches the last good build
//! (see `patch`) instead of building the whole site again.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cli::Verbosity;
use crate::error::{Diagnostic, Diagnostics, Error, Location, Result};
use crate::render::sink::Sink;
use crate::{BuildOptions, Report};

use super::index;
use super::patch;
use super::preview::Preview;
use super::publish::{Files, PendingWrite, StagedChanges, apply};

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
    written: Files,
    /// Each page of the last good build by site path, with the hash of its
    /// template and values: an unchanged page is not rendered again.
    pages: Files,
    /// The content read by the last good build, to read again only the
    /// files that changed.
    loaded: Option<crate::load::Loaded>,
    /// Front matter and Markdown of the last good build.
    memo: crate::Memos,
    /// The last good build's site, for its search index and for a quick
    /// rebuild after an edit to an article's body (see `patch`).
    last: Option<patch::LastGood>,
    /// The templates of the last build, with the theme's name, their
    /// files' hash and the warnings parsing them gave: parsed again only
    /// when a template changed (30–80 ms of each rebuild at 10,000
    /// articles on a loaded machine).
    templates: Option<Templates>,
}

/// Parsed templates, kept between rebuilds (see `Builder::templates`).
struct Templates {
    theme: String,
    salt: u64,
    tera: std::sync::Arc<tera::Tera>,
    warnings: Vec<Diagnostic>,
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
                strict: false,
            },
            dir: dir.to_path_buf(),
            written: Files::default(),
            pages: Files::default(),
            loaded: None,
            memo: crate::Memos::default(),
            last: None,
            templates: None,
        }
    }

    /// The site's templates and the hash of their files, parsed again only
    /// when the files or the theme changed; their warnings go to
    /// `diagnostics` each time, as a fresh parse would give them.
    fn templates(
        &mut self,
        theme: &str,
        diagnostics: &Diagnostics,
    ) -> Result<(std::sync::Arc<tera::Tera>, u64)> {
        let root = &self.options.root;
        let salt = templates_salt(root, theme)?;
        if let Some(t) = &self.templates
            && t.theme == theme
            && t.salt == salt
        {
            diagnostics.extend(t.warnings.clone());
            return Ok((t.tera.clone(), salt));
        }
        let parsing = Diagnostics::default();
        let tera = crate::render::theme::templates(root, theme, &parsing);
        let warnings = parsing.take();
        diagnostics.extend(warnings.clone());
        let tera = std::sync::Arc::new(tera?);
        self.templates = Some(Templates {
            theme: theme.to_string(),
            salt,
            tera: tera.clone(),
            warnings,
        });
        Ok((tera, salt))
    }

    /// Rebuilds, reports in the terminal, and tells the browsers: they
    /// reload as soon as the pages are written. After a good build the
    /// documents of its site go to `jobs`, for the search index.
    /// `changed` holds the files saved since the last build, if known.
    pub fn rebuild_and_publish(
        &mut self,
        live: &Preview,
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
                .files_patch(paths, reloaded, start)
                .or_else(|| self.patch(paths, reloaded, start))
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
                let links = crate::config::site_links(&self.options.root);
                let loaded = crate::load::load(&self.options.root, &links, &diagnostics);
                steps.push(("read all", t.elapsed()));
                loaded
            }
        };
        let kept = loaded.clone();
        let site = crate::reload_site(
            &self.options,
            &diagnostics,
            &mut steps,
            &self.memo,
            Some(loaded),
        )
        .map_err(|e| problems_of(&self.options.root, e))?;
        if diagnostics.has_errors() {
            return Err(diagnostics.take());
        }
        let done = self.render_and_apply(site, None, diagnostics, steps, start)?;
        self.loaded = Some(kept);
        self.memo.roll();
        Ok(done)
    }

    /// Renders `site` (every page, or with `dirty` only the article pages
    /// it marks, see [`crate::render::pages::Scope`]) and, if that has no
    /// error, brings the preview folder up to date with it; `site` becomes
    /// the last good build.
    fn render_and_apply(
        &mut self,
        site: crate::model::Site,
        dirty: Option<Vec<bool>>,
        diagnostics: Diagnostics,
        mut steps: Vec<(&'static str, Duration)>,
        start: Instant,
    ) -> std::result::Result<Rebuilt, Vec<Diagnostic>> {
        let t = Instant::now();
        let (tera, salt) = self
            .templates(&site.config.theme, &diagnostics)
            .map_err(|e| problems_of(&self.options.root, e))?;
        steps.push(("templates", t.elapsed()));
        let t = Instant::now();
        let sink = StagedChanges::new(&self.written, &self.pages, salt, true);
        let previous = |file: &str| sink.previous_key(file);
        let scope = dirty.map(|articles| crate::render::pages::Scope {
            articles,
            previous: &previous,
        });
        let files = crate::write_pages(crate::WritePages {
            root: &self.options.root,
            site: &site,
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
        self.last = Some(patch::LastGood { site, warnings });
        Ok(Rebuilt {
            report,
            changed,
            removed,
            elapsed: start.elapsed(),
        })
    }

    /// The rebuild after files beside the pages that no page shows were
    /// saved (a picture added before an article names it): nothing to
    /// render or write (see `patch::unshown_files`). `None` otherwise.
    fn files_patch(
        &mut self,
        paths: &[PathBuf],
        loaded: &crate::load::Loaded,
        start: Instant,
    ) -> Option<std::result::Result<Rebuilt, Vec<Diagnostic>>> {
        let last = self.last.as_mut()?;
        let t = Instant::now();
        if !patch::unshown_files(last, loaded, &self.options.root, paths) {
            return None;
        }
        let report = Report {
            output: Some(self.dir.clone()),
            articles: last.site.articles.len(),
            files: self.written.len(),
            unpublished: last.site.unpublished.clone(),
            warnings: last.warnings.clone(),
            steps: vec![("patch files", t.elapsed())],
        };
        Some(Ok(Rebuilt {
            report,
            changed: 0,
            removed: 0,
            elapsed: start.elapsed(),
        }))
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
        let patched = patch::front_edits(
            &mut last,
            loaded,
            &self.options.root,
            paths,
            self.options.drafts,
            &self.memo,
        )?;
        let dirty = patched.dirty;
        let step = if patched.in_place {
            "patch in place"
        } else {
            "patch front"
        };
        let steps = vec![(step, t.elapsed())];
        let patch::LastGood { site, .. } = last;
        // A problem is the full rebuild's to report.
        match self.render_and_apply(site, Some(dirty), Diagnostics::default(), steps, start) {
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
        let root = self.options.root.clone();
        let root = root.as_path();
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
        // Its warnings are the last build's, which had the same templates;
        // a template that cannot be read now is the full rebuild's to report.
        let (tera, salt) = self
            .templates(&site.config.theme, &Diagnostics::default())
            .ok()?;
        let sink = StagedChanges::new(&self.written, &self.pages, salt, false);
        let pages = crate::render::pages::Pages::new(root, site, &tera, &sink, &diagnostics);
        for &(i, _) in &edited {
            let a = &site.articles[i];
            pages.article(a);
            for &p in &a.programmes {
                pages.programme_feed(site.programmes.get(p));
            }
        }
        pages.site_feed();
        drop(pages);
        let grown: Vec<usize> = edited.iter().filter(|e| e.1).map(|e| e.0).collect();
        if !grown.is_empty() {
            files_beside(root, site, &grown, &sink, &diagnostics);
        }
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
    /// build writes every file again, but for the files that failed. Those
    /// still hold the bytes of the last good build (each file is replaced
    /// by renaming), so the next build writes them if they differ and
    /// tries again to delete those it no longer makes; forgetting them
    /// would leave such a page served without a word.
    fn apply_or_forget(
        &mut self,
        seen: Files,
        pending: Vec<(String, PendingWrite)>,
    ) -> std::result::Result<(usize, usize), Vec<Diagnostic>> {
        match apply(&self.dir, &self.written, seen, pending) {
            Ok((seen, changed, removed)) => {
                self.written = seen;
                Ok((changed, removed))
            }
            Err(failures) => {
                self.written
                    .retain(|path, _| failures.iter().any(|d| d.location.file == Path::new(path)));
                self.pages.clear();
                self.last = None;
                Err(failures)
            }
        }
    }
}

/// The files beside the pages of the articles `grown` (indices into
/// `site.articles`), whose bodies now show or link to a file they did not:
/// their pictures derived (a new one decoded, the others taken from the
/// cache) and published, the files they link to copied, each claimed
/// against the site's claims as a full build claims it (a clash is an
/// error of this rebuild, and the full rebuild then reports it).
fn files_beside(
    root: &Path,
    site: &crate::model::Site,
    grown: &[usize],
    sink: &dyn Sink,
    diagnostics: &Diagnostics,
) {
    let claiming = crate::Claiming {
        inner: sink,
        root,
        claims: std::sync::Mutex::new(site.claims.clone()),
        diagnostics,
    };
    let io = |r: Result<()>| crate::io_problem(root, diagnostics, r);
    let pages: std::collections::HashSet<&str> = grown
        .iter()
        .map(|&i| site.articles[i].path.as_str())
        .collect();
    let shown = site
        .shown_pictures()
        .into_iter()
        .filter(|s| pages.contains(s.page))
        .collect();
    let pictures = crate::images::Pictures::new(shown);
    let derived = pictures.derive(root, &site.config.images, &crate::images::Tally::default());
    // As `write_pages` copies them: a resized picture's original only if
    // the site publishes originals.
    let images = &site.config.images;
    for &i in grown {
        let a = &site.articles[i];
        let copied = a
            .body
            .files
            .iter()
            .filter(|(f, _)| images.publish_originals || !crate::images::is_processed(f));
        for (file, _) in copied {
            let name = file.rsplit('/').next().unwrap_or_default();
            io(claiming.copy(
                &format!("{}{name}", a.path.trim_start_matches('/')),
                &root.join("content").join(file),
            ));
        }
    }
    pictures.publish(
        &derived,
        &|to, from| io(claiming.copy(to, from)),
        diagnostics,
    );
}

/// A failed step's error as diagnostics, for the terminal and the overlay.
/// A path under `root` is shown relative to it, as in every other report.
pub(super) fn problems_of(root: &Path, err: Error) -> Vec<Diagnostic> {
    match err {
        Error::Content(problems) => problems,
        Error::Usage(message) => vec![Diagnostic::error(Location::file("site.yaml"), message)],
        Error::Io(path, e) => vec![Diagnostic::error(
            Location::file(crate::load::relative(root, &path)),
            crate::t!("io-failed", reason = e.to_string()),
        )],
    }
}

/// The site's own templates, hashed: when one changes, every page is
/// rendered again (the built-in ones change only with the binary). A
/// template that cannot be read is an error: hashing it as empty would
/// leave pages rendered with its old text being served without a word.
fn templates_salt(root: &Path, theme: &str) -> Result<u64> {
    let mut files = Vec::new();
    for dir in [
        root.join("themes").join(theme).join("templates"),
        root.join("templates"),
    ] {
        files.extend(crate::render::theme::files_under(root, &dir)?);
    }
    salt_of(&files)
}

/// The hash of each template's name and bytes, in the order given.
fn salt_of(files: &[(String, PathBuf)]) -> Result<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (name, path) in files {
        name.hash(&mut h);
        std::fs::read(path)
            .map_err(|e| Error::io(path, e))?
            .hash(&mut h);
    }
    Ok(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template listed but gone (or unreadable) by the time it is read
    /// for the hash is an error naming it, never hashed as empty.
    #[test]
    fn a_template_that_cannot_be_read_for_the_hash_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("base.html");
        std::fs::write(&kept, "<html></html>").unwrap();
        let gone = dir.path().join("page.html");
        let files = vec![
            ("base.html".to_string(), kept.clone()),
            ("page.html".to_string(), gone.clone()),
        ];
        match salt_of(&files) {
            Err(Error::Io(path, e)) => {
                assert_eq!(path, gone);
                assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
            }
            other => panic!("expected an I/O error, got {other:?}"),
        }
        let listed = vec![("base.html".to_string(), kept)];
        assert_eq!(salt_of(&listed).unwrap(), salt_of(&listed).unwrap());
    }

    /// The hash changes with a template's bytes: that is what renders
    /// every page again after a template is edited.
    #[test]
    fn the_hash_follows_the_templates_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.html");
        let files = vec![("base.html".to_string(), path.clone())];
        std::fs::write(&path, "one").unwrap();
        let one = salt_of(&files).unwrap();
        std::fs::write(&path, "two").unwrap();
        assert_ne!(salt_of(&files).unwrap(), one);
    }

    /// An I/O error under the site is shown relative to it, with the
    /// catalogue's words.
    #[test]
    fn an_io_error_names_the_file_relative_to_the_site() {
        let root = Path::new("/site");
        let err = Error::io(
            &root.join("templates/page.html"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        let problems = problems_of(root, err);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
        assert_eq!(problems[0].location, Location::file("templates/page.html"));
        let reason = std::io::Error::from(std::io::ErrorKind::PermissionDenied).to_string();
        assert_eq!(problems[0].message, crate::t!("io-failed", reason = reason));
    }
}
