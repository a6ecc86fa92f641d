//! The test harness: fixture sites in temporary folders, the real binary run
//! on them, and helpers to read and parse what it produced.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

/// The folder of a named fixture under `tests/fixtures/`.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies `from` into `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The result of running the binary.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Panics with the output unless the command succeeded.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.status, 0,
            "command failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_tree(&fixture_dir(name), site.root());
        site
    }

    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A minimal valid site: site.yaml and nothing else.
    pub fn minimal() -> TestSite {
        let site = TestSite::empty();
        site.write(
            "site.yaml",
            "title: 测试站\nbase_url: https://example.org\n",
        );
        site.write("content/articles/.keep", "");
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site, making folders as needed.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Writes an article with the given front matter lines and body.
    pub fn article(&self, rel: &str, front: &str, body: &str) -> &Self {
        self.write(
            &format!("content/articles/{rel}"),
            &format!("---\n{front}\n---\n\n{body}\n"),
        )
    }

    /// Runs `unionpress` with `args` and `--root <site>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            // The suite's older tests assert the English wording; the tests
            // of the Chinese messages choose their language themselves.
            .env("UNIONPRESS_LANG", "en")
            .output()
            .unwrap();
        Run::from(out)
    }

    /// Runs `unionpress` with `args` from inside the site folder, without
    /// `--root`, as an editor would in a terminal.
    pub fn run_inside(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            // The suite's older tests assert the English wording; the tests
            // of the Chinese messages choose their language themselves.
            .env("UNIONPRESS_LANG", "en")
            .output()
            .unwrap();
        Run::from(out)
    }

    /// Runs `unionpress` with `args` and `--root <site>` in a shell whose
    /// locale is `locale` (`LANG`, with `LC_ALL` and `LC_MESSAGES` unset)
    /// and whose `UNIONPRESS_LANG` is `chosen`, or unset.
    pub fn run_in_locale(&self, args: &[&str], locale: &str, chosen: Option<&str>) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_unionpress"));
        command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("UNIONPRESS_LANG");
        if let Some(lang) = chosen {
            command.env("UNIONPRESS_LANG", lang);
        }
        Run::from(command.output().unwrap())
    }

    pub fn build(&self) -> Run {
        self.run(&["build", "--quiet"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the output, as text. Panics if missing.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// A page of the output, parsed. `path` is a site path: `/articles/x/`.
    pub fn page(&self, path: &str) -> Page {
        let rel = path.trim_start_matches('/');
        let rel = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        Page {
            html: Html::parse_document(&self.read(&rel)),
        }
    }

    /// Every file under the output with its bytes, for comparing outputs.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        snapshot(&self.public())
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    out
}

/// A parsed HTML page.
pub struct Page {
    pub html: Html,
}

impl Page {
    /// The trimmed text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of the first element matching `css`; panics if none.
    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css}"))
    }

    /// The attribute `attr` of every element matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn count(&self, css: &str) -> usize {
        let sel = Selector::parse(css).unwrap();
        self.html.select(&sel).count()
    }
}
