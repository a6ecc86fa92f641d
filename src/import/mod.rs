//! `unionpress import`: manuscripts and newspaper pages into draft articles.
//!
//! A file is read (its encoding detected), cut into articles (a newspaper
//! page holds several), and for each article the front matter is proposed
//! from the text: headline, byline, dateline, region, programmes and awards.
//! Every guessed field is marked for the editor. Nothing is written until
//! every file has been read and proposed, and a file is never overwritten.

pub mod byline;
pub mod docx;
pub mod front;
pub mod html;
pub mod page;
pub mod propose;
pub mod region;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::model::registry::{Registry, RegistryEntry};
pub use propose::{Proposal, Registries};

/// The largest text file read: a newspaper page's text is well under a
/// megabyte.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;
/// The largest .docx or .mhtml read: they may carry a few photographs.
pub const MAX_PACKED_BYTES: u64 = 40 * 1024 * 1024;

/// Longest file stem made from a headline (as `new` does).
const MAX_STEM: usize = 60;

/// One article proposed from a file, and where it would be written.
#[derive(Debug)]
pub struct Drafted {
    pub source: PathBuf,
    pub proposal: Proposal,
    pub path: PathBuf,
    pub text: String,
    /// Pictures to write beside the article, each with its path.
    pub pictures: Vec<(PathBuf, Vec<u8>)>,
}

/// A file read: its text, the pictures it embeds, the day it was made.
#[derive(Debug, Default)]
pub struct Source {
    pub text: String,
    pub pictures: Vec<(String, String, Vec<u8>)>,
    pub created: Option<Date>,
}

fn refuse(path: &Path, message: String) -> Error {
    Error::Usage(format!("{}: {message}", path.display()))
}

/// The text of `path`: UTF-8, UTF-16 with a BOM, or GB18030.
pub fn read_text(path: &Path) -> Result<String> {
    read(path).map(|s| s.text)
}

/// Reads `path` by its extension: .txt and .md as text, .docx as Word.
pub fn read(path: &Path) -> Result<Source> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" | "docx" | "html" | "htm" | "mhtml" | "mht" => {}
        "doc" | "wps" | "pdf" | "rtf" => {
            return Err(refuse(path, crate::t!("import-save-as-docx")));
        }
        _ => return Err(refuse(path, crate::t!("import-unknown-format", ext = ext))),
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let limit = if matches!(ext.as_str(), "docx" | "mhtml" | "mht") {
        MAX_PACKED_BYTES
    } else {
        MAX_BYTES
    };
    if meta.len() > limit {
        return Err(refuse(
            path,
            crate::t!(
                "import-too-big",
                megabytes = meta.len() / (1024 * 1024),
                limit = limit / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if bytes.is_empty() {
        return Err(refuse(path, crate::t!("import-empty")));
    }
    if ext == "docx" {
        let doc = docx::read(&bytes).map_err(|m| refuse(path, m))?;
        if doc.text.trim().is_empty() {
            return Err(refuse(path, crate::t!("import-empty")));
        }
        return Ok(Source {
            text: doc.text,
            pictures: doc.pictures,
            created: doc.created,
        });
    }
    if ext == "mhtml" || ext == "mht" {
        let page = html::read_mhtml(&bytes).map_err(|m| refuse(path, m))?;
        return page_source(path, page);
    }
    let text = decode(&bytes).map_err(|m| refuse(path, m))?;
    if ext == "html" || ext == "htm" {
        if !text.contains('<') {
            return Err(refuse(path, crate::t!("import-html-not-html")));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        return page_source(path, html::read_html(&text, dir));
    }
    if text.trim().is_empty() {
        return Err(refuse(path, crate::t!("import-empty")));
    }
    if text.starts_with("---\n") || text.starts_with("---\r\n") {
        return Err(refuse(path, crate::t!("import-has-front-matter")));
    }
    Ok(Source {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        ..Source::default()
    })
}

fn page_source(path: &Path, page: html::Page) -> Result<Source> {
    if page.text.trim().is_empty() {
        return Err(refuse(path, crate::t!("import-empty")));
    }
    Ok(Source {
        text: page.text,
        pictures: page.pictures,
        created: None,
    })
}

/// Bytes to text. UTF-8 first; a BOM says UTF-16; otherwise GB18030, as
/// long as the bytes are not part UTF-8 (a file pasted together from two
/// sources), which no single decoding can read right.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(crate::t!("import-bad-bytes", encoding = encoding.name()));
        }
        return check_text(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text(text.to_string()),
        Err(err) => {
            let valid = err.valid_up_to();
            // Chinese in UTF-8 before the first bad byte: mixed encodings.
            if std::str::from_utf8(&bytes[..valid])
                .is_ok_and(|t| t.chars().filter(|c| c.len_utf8() == 3).count() >= 4)
            {
                let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
                return Err(crate::t!("import-mixed-encodings", line = line));
            }
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => check_text(text.into_owned()),
                None => Err(crate::t!("import-bad-bytes", encoding = "GB18030")),
            }
        }
    }
}

fn check_text(text: String) -> std::result::Result<String, String> {
    if text.contains('\0') {
        return Err(crate::t!("import-binary"));
    }
    Ok(text)
}

/// The articles on a page dated `date`, proposed.
pub fn propose_text(text: &str, date: Date, registries: &Registries) -> Vec<Proposal> {
    let lines = page::lines(text);
    page::split(&lines)
        .iter()
        .map(|p| propose::propose(p, date, registries))
        .collect()
}

/// The site's programmes and awards, by every name they go by.
pub fn registries(root: &Path, config: &crate::config::Config) -> Registries {
    let site = crate::model_unchecked(root, config);
    fn named<E: RegistryEntry>(registry: &Registry<E>) -> Vec<propose::Named> {
        registry
            .entries
            .iter()
            .map(|e| propose::Named {
                title: e.title.clone(),
                names: std::iter::once(e.title.clone())
                    .chain(e.names.clone())
                    .collect(),
            })
            .collect()
    }
    Registries {
        programmes: named(&site.programmes),
        awards: named(&site.awards),
    }
}

/// A file name in pinyin from the title, not yet taken in `dir` nor by an
/// earlier article of this run.
fn free_path(dir: &Path, title: &str, date: Date, taken: &[PathBuf]) -> PathBuf {
    let mut stem = crate::slug::slugify(title);
    if stem.len() > MAX_STEM {
        let cut = stem[..MAX_STEM].rfind('-').unwrap_or(MAX_STEM);
        stem.truncate(cut);
    }
    if stem.is_empty() {
        stem = format!("article-{}", date.strftime("%Y%m%d"));
    }
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        if !path.exists() && !taken.contains(&path) {
            return path;
        }
        n += 1;
    }
}

/// Reads and proposes every file; an error in any stops all before
/// anything is written.
/// `date` is the page's (`--date`); without it, a .docx's own creation
/// date, else `today`.
pub fn prepare(
    root: &Path,
    files: &[PathBuf],
    date: Option<Date>,
    today: Date,
    registries: &Registries,
) -> Result<Vec<Drafted>> {
    let mut out: Vec<Drafted> = Vec::new();
    for file in files {
        let source = read(file)?;
        let date = date.or(source.created).unwrap_or(today);
        let proposals = propose_text(&source.text, date, registries);
        if proposals.is_empty() {
            return Err(refuse(file, crate::t!("import-no-article")));
        }
        for mut proposal in proposals {
            let dir = root
                .join("content")
                .join("articles")
                .join(proposal.date.value.year().to_string());
            let taken: Vec<PathBuf> = out.iter().map(|d| d.path.clone()).collect();
            let path = free_path(&dir, &proposal.title.value, proposal.date.value, &taken);
            let pictures = place_pictures(&mut proposal, &path, &source.pictures);
            let text = front::render(&proposal);
            out.push(Drafted {
                source: file.clone(),
                proposal,
                path,
                text,
                pictures,
            });
        }
    }
    Ok(out)
}

/// The pictures an article's body shows, named after the article
/// (`stem-1.png`) and linked by those names.
fn place_pictures(
    proposal: &mut Proposal,
    article: &Path,
    pictures: &[(String, String, Vec<u8>)],
) -> Vec<(PathBuf, Vec<u8>)> {
    let stem = article
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("picture")
        .to_string();
    let mut out = Vec::new();
    for (name, ext, bytes) in pictures {
        let placeholder = format!("]({}{name})", docx::MEDIA);
        if proposal.body.contains(&placeholder) {
            let file = format!("{stem}-{}.{ext}", out.len() + 1);
            proposal.body = proposal.body.replace(&placeholder, &format!("]({file})"));
            out.push((article.with_file_name(&file), bytes.clone()));
        }
    }
    out
}

/// Writes each draft, never over an existing file.
pub fn write(drafts: &[Drafted]) -> Result<()> {
    for d in drafts {
        if let Some(dir) = d.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&d.path)
            .map_err(|e| Error::io(&d.path, e))?;
        std::io::Write::write_all(&mut file, d.text.as_bytes())
            .map_err(|e| Error::io(&d.path, e))?;
        for (path, bytes) in &d.pictures {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            std::io::Write::write_all(&mut file, bytes).map_err(|e| Error::io(path, e))?;
        }
    }
    Ok(())
}
