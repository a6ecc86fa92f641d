//! Load: from disk to raw documents.
//!
//! Walks `content/`, reads every file, decodes it (UTF-8, a BOM and CRLF or
//! lone-CR line endings allowed) and splits Markdown files into front matter
//! and body, remembering on which line each starts so later errors can point
//! into the file. Nothing here knows what an article is; `model` does.

pub mod edit;
pub mod links;
pub mod yaml;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Location};

/// Files bigger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What a Markdown file under `content/` is, from where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// `content/_index.md`: the front page's introduction.
    Home,
    /// `content/articles/**/_index.md`: a section.
    Section,
    Article,
    Programme,
    Award,
    Bulletin,
}

/// A Markdown file split into its front matter and body.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub kind: DocKind,
    /// Path relative to the site root, e.g. `content/articles/2024/a.md`.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators: `articles/2024/a.md`.
    pub content_path: String,
    pub front: String,
    /// The file line on which the front matter's first line stands.
    pub front_line: usize,
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Everything found under `content/`.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub docs: Vec<RawDoc>,
    /// Files that are not Markdown (pictures and the like), relative to
    /// `content/` with `/` separators.
    pub assets: std::collections::BTreeSet<String>,
}

/// Reads the whole of `root/content`, following its symbolic links as
/// `links` allows. Problems go to `diagnostics`; what could be read is
/// returned all the same so that every problem is reported at once.
pub fn load(root: &Path, links: &links::Links, diagnostics: &Diagnostics) -> Loaded {
    let content = root.join("content");
    let mut markdown = Vec::new();
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(Location::file("content"), crate::t!("load-no-content"))
                .help(crate::t!("load-no-content-help")),
        );
        return loaded;
    }
    let refused = |d| diagnostics.push(d);
    let walk = links.walk(
        &content,
        |e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'),
        &refused,
    );
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(walk_error(root, &err));
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if !file_type.is_file() {
            // A pipe, socket or device: reading it could block for ever.
            diagnostics.push(
                Diagnostic::error(
                    Location::file(relative(root, entry.path())),
                    crate::t!("load-not-a-file"),
                )
                .help(crate::t!("load-not-a-file-help")),
            );
            continue;
        }
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let Some(content_path) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            diagnostics.push(
                Diagnostic::error(
                    Location::file(relative(root, entry.path())),
                    crate::t!("load-name-not-utf8"),
                )
                .help(crate::t!("load-name-not-utf8-help")),
            );
            continue;
        };
        if content_path.ends_with(".md") {
            markdown.push((entry.path().to_path_buf(), content_path));
        } else {
            loaded.assets.insert(content_path);
        }
    }

    loaded.docs = markdown
        .par_iter()
        .filter_map(|(abs, content_path)| {
            let path = relative(root, abs);
            let kind = match kind_of(content_path) {
                Ok(kind) => kind,
                Err(d) => {
                    diagnostics.push(d.with_file(&path));
                    return None;
                }
            };
            match read_doc(abs, &path, kind, content_path) {
                Ok(doc) => Some(doc),
                Err(d) => {
                    diagnostics.push(d);
                    None
                }
            }
        })
        .collect();
    loaded
}

/// Brings `loaded` up to date with the files at `paths` (absolute, under
/// `root`), which changed since it was read: each is read again, or dropped
/// if it is gone. Returns false, leaving `loaded` in no useful state, when
/// one of them is not a plain file under `content/` (a folder, a hidden
/// file, a file outside): then the whole of `content/` must be read.
pub fn reload(
    root: &Path,
    loaded: &mut Loaded,
    paths: &[PathBuf],
    diagnostics: &Diagnostics,
) -> bool {
    let content = root.join("content");
    for abs in paths {
        let Ok(rel) = abs.strip_prefix(&content) else {
            return false;
        };
        let Some(content_path) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            return false;
        };
        // A new symbolic link may lead out of the site: the full load
        // checks where it goes.
        if content_path.is_empty()
            || content_path
                .split('/')
                .any(|c| c.is_empty() || c.starts_with('.'))
            || abs.is_dir()
            || abs.is_symlink()
        {
            return false;
        }
        let exists = abs.is_file();
        if !content_path.ends_with(".md") {
            // A picture beside an article; a path that is neither there
            // nor known may have been a folder.
            if exists {
                loaded.assets.insert(content_path);
            } else if !loaded.assets.remove(&content_path) {
                return false;
            }
            continue;
        }
        let before = loaded.docs.len();
        loaded.docs.retain(|d| d.content_path != content_path);
        if !exists {
            if loaded.docs.len() == before {
                return false;
            }
            continue;
        }
        let path = relative(root, abs);
        let doc = kind_of(&content_path)
            .map_err(|d| d.with_file(&path))
            .and_then(|kind| read_doc(abs, &path, kind, &content_path));
        match doc {
            Ok(doc) => loaded.docs.push(doc),
            Err(d) => diagnostics.push(d),
        }
    }
    true
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| relative(root, p))
        .unwrap_or_else(|| PathBuf::from("content"));
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::error(
            Location::file(path),
            crate::t!("link-loop", target = relative(root, ancestor).display()),
        )
        .help(crate::t!("link-loop-help"));
    }
    let reason = err
        .io_error()
        .map(|e| e.to_string())
        .unwrap_or_else(|| err.to_string());
    Diagnostic::error(
        Location::file(path),
        crate::t!("load-unreadable", reason = reason),
    )
    .help(crate::t!("load-unreadable-help"))
}

/// The path of `abs` relative to the site root, for messages.
pub fn relative(root: &Path, abs: &Path) -> PathBuf {
    abs.strip_prefix(root).unwrap_or(abs).to_path_buf()
}

fn kind_of(content_path: &str) -> Result<DocKind, Diagnostic> {
    let parts: Vec<&str> = content_path.split('/').collect();
    let registry = |kind| {
        if parts.len() == 2 && parts[1] != "_index.md" {
            Ok(kind)
        } else {
            Err(())
        }
    };
    let kind = match parts[0] {
        "_index.md" if parts.len() == 1 => Ok(DocKind::Home),
        "articles" if parts.last() == Some(&"_index.md") => Ok(DocKind::Section),
        "articles" => Ok(DocKind::Article),
        "programmes" => registry(DocKind::Programme),
        "awards" => registry(DocKind::Award),
        "bulletins" => registry(DocKind::Bulletin),
        _ => Err(()),
    };
    kind.map_err(|()| {
        Diagnostic::error(Location::file(content_path), crate::t!("load-misplaced"))
            .help(crate::t!("load-misplaced-help"))
    })
}

impl Diagnostic {
    fn with_file(mut self, file: &Path) -> Self {
        self.location.file = file.to_path_buf();
        self
    }
}

fn read_doc(
    abs: &Path,
    path: &Path,
    kind: DocKind,
    content_path: &str,
) -> Result<RawDoc, Diagnostic> {
    let meta = std::fs::metadata(abs).map_err(|e| {
        Diagnostic::error(
            Location::file(path),
            crate::t!("load-unreadable", reason = e.to_string()),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Location::file(path),
            crate::t!(
                "load-too-large",
                size = meta.len() / 1_048_576,
                limit = MAX_FILE_BYTES / 1_048_576
            ),
        )
        .help(crate::t!("load-too-large-help")));
    }
    let bytes = std::fs::read(abs).map_err(|e| {
        Diagnostic::error(
            Location::file(path),
            crate::t!("load-unreadable", reason = e.to_string()),
        )
        .help(crate::t!("load-unreadable-file-help"))
    })?;
    let text = decode(&bytes, path)?;
    split_front_matter(text, path, kind, content_path)
}

/// Bytes to text: UTF-8 only (an editor gets the place of the first bad
/// byte), a leading BOM dropped, CRLF and lone CR turned into LF, NUL refused.
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let (line, column) = line_col(
                &String::from_utf8_lossy(&bytes[..err.valid_up_to()]),
                err.valid_up_to(),
            );
            return Err(Diagnostic::error(
                Location::at(path, line, column),
                crate::t!("load-not-utf8"),
            )
            .help(crate::t!("load-not-utf8-help")));
        }
    };
    if let Some(i) = text.find('\0') {
        let (line, column) = line_col(text, i);
        return Err(
            Diagnostic::error(Location::at(path, line, column), crate::t!("load-nul"))
                .help(crate::t!("load-nul-help")),
        );
    }
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Splits decoded text into front matter and body (public for the fuzz targets).
pub fn split_front_matter(
    text: String,
    path: &Path,
    kind: DocKind,
    content_path: &str,
) -> Result<RawDoc, Diagnostic> {
    let is_fence = |line: &str| line.trim_end() == "---";
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first) {
        return Err(
            Diagnostic::error(Location::at(path, 1, 1), crate::t!("load-no-front-matter"))
                .help(crate::t!("load-no-front-matter-help")),
        );
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (line_no, line) in (2..).zip(lines) {
        if is_fence(line) || line.trim_end() == "..." {
            let front = text[front_start..offset].to_string();
            let body = text[offset + line.len()..].to_string();
            return Ok(RawDoc {
                kind,
                path: path.to_path_buf(),
                content_path: content_path.to_string(),
                front,
                front_line: 2,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::at(path, 1, 1),
        crate::t!("load-front-matter-open"),
    )
    .help(crate::t!("load-front-matter-open-help")))
}
