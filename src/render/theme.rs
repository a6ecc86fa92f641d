//! Themes: the default theme is compiled into the binary; a site's `theme:`
//! folder and its own `templates/` and `static/` override it file by file.
//!
//! Order, later wins: built-in default → `themes/<theme>/` → the site's own
//! `templates/` (for templates) and `static/` (for static files, copied by
//! the output step).

use std::path::Path;
use tera::Tera;

use crate::error::{Diagnostic, Diagnostics, Error, Location, Result};

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $dir, "/", $name)) as &[u8])),*]
    };
}

/// The default theme's templates.
pub const TEMPLATES: &[(&str, &[u8])] = embedded!("templates":
    "base.html", "macros.html", "index.html", "article.html", "list.html", "terms.html",
    "programme.html", "award.html", "region.html", "bulletin.html", "bulletins.html",
    "email.html", "search.html", "404.html", "alias.html",
);

/// The default theme's static files. `syntax.css` colours a few kinds of
/// token by the classes highlighted code has, light and dark; only pages
/// with such code link it. (A sheet generated from a whole syntect theme
/// styled hundreds of scopes, 19 KB, in colours that failed contrast on the
/// theme's code background.)
pub const STATIC: &[(&str, &[u8])] = embedded!("static":
    "style.css", "print.css", "syntax.css", "search.js", "search-engine.js", "search-store.js",
    "search-decode.js", "search-lists.js", "search-tokenize.js", "search-facets.js", "search-filters.js",
    "search-snippet.js", "search-inflate.js", "search-fold.js", "search-fold-keys.js",
    "search.css", "reader-mode.js", "reader.js", "reader-aloud.js",
    "favicon.svg",
);

/// `STATIC` as a site ships it: the scripts and style sheets without their
/// comments (`shipped::strip`), made once per process.
static SHIPPED: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
    STATIC
        .iter()
        .map(|(name, bytes)| {
            std::str::from_utf8(bytes)
                .ok()
                .and_then(|text| super::shipped::strip(name, text))
                .map_or_else(|| bytes.to_vec(), String::into_bytes)
        })
        .collect()
});

/// Every template by name, with its text and where it comes from for
/// messages: the built-in ones, overridden by the theme folder's, then by
/// the site's own `templates/`.
fn sources(root: &Path, theme: &str) -> Result<Vec<(String, String, String)>> {
    let mut sources: Vec<(String, String, String)> = Vec::new();
    for (name, bytes) in TEMPLATES {
        sources.push((
            name.to_string(),
            String::from_utf8_lossy(bytes).into_owned(),
            format!("(built-in theme)/{name}"),
        ));
    }
    for dir in [
        root.join("themes").join(theme).join("templates"),
        root.join("templates"),
    ] {
        for (name, path) in files_under(root, &dir)? {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let origin = crate::load::relative(root, &path).display().to_string();
            sources.retain(|(n, _, _)| *n != name);
            sources.push((name, text, origin));
        }
    }
    Ok(sources)
}

/// Loads every template, checking each; template errors name the file and,
/// for a syntax error, the line and column.
pub fn templates(root: &Path, theme: &str, diagnostics: &Diagnostics) -> Result<Tera> {
    let theme_dir = root.join("themes").join(theme);
    if theme != "default" && !theme_dir.is_dir() {
        return Err(Error::Usage(crate::t!("theme-missing", theme = theme)));
    }
    let sources = sources(root, theme)?;
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("truncate", truncate);
    // All at once: a child template may come before its parent.
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
    {
        return Err(Error::Content(vec![template_error(&sources, &e)]));
    }
    // A block the templates above do not have is never shown: most likely
    // a misspelt name.
    for (name, _, origin) in sources.iter().filter(|(_, _, o)| !o.starts_with('(')) {
        let Ok(t) = tera.get_template(name) else {
            continue;
        };
        let Some(parent) = &t.parent else { continue };
        let known = |block: &str| {
            t.parents
                .iter()
                .filter_map(|p| tera.get_template(p).ok())
                .any(|p| p.blocks.contains_key(block))
        };
        let mut unknown: Vec<&String> = t.blocks.keys().filter(|b| !known(b)).collect();
        unknown.sort();
        for block in unknown {
            let text = sources
                .iter()
                .find(|(n, _, _)| n == name)
                .map_or("", |s| s.1.as_str());
            let location = match position_of(text, &format!("block {block}")) {
                Some((line, column)) => Location::at(origin, line, column),
                None => Location::file(origin),
            };
            let mut names: Vec<&String> = t
                .parents
                .iter()
                .filter_map(|p| tera.get_template(p).ok())
                .flat_map(|p| p.blocks.keys())
                .collect();
            names.sort();
            names.dedup();
            let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
            diagnostics.push(
                Diagnostic::warning(
                    location,
                    crate::t!(
                        "theme-no-block",
                        parent = parent.as_str(),
                        block = block.as_str()
                    ),
                )
                .help(crate::t!("theme-no-block-help", blocks = names.join(", "))),
            );
        }
    }
    Ok(tera)
}

/// A Tera error as a problem in the template file it comes from: for a
/// syntax error, at the line and column Tera gives; for a name the
/// template uses that does not exist (a variable, a filter), at the first
/// place the template writes it.
fn template_error(sources: &[(String, String, String)], e: &tera::Error) -> Diagnostic {
    let message = chain(e);
    // The innermost template named, which is where the error is.
    let named = [
        "while rendering '",
        "Failed to parse '",
        "Failed to render '",
        "Template '",
    ]
    .iter()
    .filter_map(|p| {
        let at = message.rfind(p)? + p.len();
        Some((at, message[at..].split('\'').next()?))
    })
    .max_by_key(|&(at, _)| at)
    .map(|(_, name)| name);
    let source = named.and_then(|name| sources.iter().find(|(n, _, _)| n == name));
    let Some((name, text, origin)) = source else {
        return Diagnostic::error(
            Location::file("templates"),
            crate::t!("template-error", reason = message),
        );
    };
    // The name the error is about: `between backquotes`, or else another
    // template 'between quotes'.
    let about = message.split('`').nth(1).or_else(|| {
        message
            .split('\'')
            .skip(1)
            .step_by(2)
            .filter(|quoted| quoted != name && !quoted.contains(' '))
            .last()
    });
    let at = syntax_position(&message).or_else(|| position_of(text, about?));
    let location = match at {
        Some((line, column)) => Location::at(origin, line, column),
        None => Location::file(origin),
    };
    // The file, line and column are in the location: the message keeps
    // what went wrong, without Tera's copy of the line.
    let what = match message.split_once("\n  = ") {
        Some((_, expected)) => expected.lines().next().unwrap_or_default().to_string(),
        None => message
            .split(": ")
            .filter(|part| !part.starts_with("Failed to "))
            .collect::<Vec<_>>()
            .join(": "),
    };
    let what = match what.find(" while rendering '") {
        Some(at) => &what[..at],
        None => &what,
    };
    Diagnostic::error(location, crate::t!("template-error", reason = what))
        .help(crate::t!("template-error-help"))
}

/// The problem of a page whose template failed to render.
pub fn render_error(root: &Path, theme: &str, e: &tera::Error) -> Diagnostic {
    match sources(root, theme) {
        Ok(sources) => template_error(&sources, e),
        Err(_) => Diagnostic::error(
            Location::file("templates"),
            crate::t!("template-error", reason = chain(e)),
        ),
    }
}

/// The `--> line:column` of a Tera syntax error.
fn syntax_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("--> ")? + 4..];
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The line and column (in characters, from 1) where `needle` first stands
/// in `text` as a whole name: not inside a longer one.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    for (i, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices(needle) {
            let before = line[..at].chars().next_back();
            let after = line[at + needle.len()..].chars().next();
            if !before.is_some_and(is_name) && !after.is_some_and(is_name) {
                return Some((i + 1, line[..at].chars().count() + 1));
            }
        }
    }
    None
}

/// The theme's static files by site-relative path, built-in ones first and
/// the theme folder's after, so later entries win. A theme folder's file
/// with the bytes of the built-in one of its name (a copy of the default
/// theme, as the demo site's `themes/default/` is) ships as the built-in
/// one does; any other is copied as it is.
pub fn static_files(root: &Path, theme: &str) -> Result<Vec<(String, StaticSource)>> {
    let mut out: Vec<(String, StaticSource)> = STATIC
        .iter()
        .zip(SHIPPED.iter())
        .map(|((name, _), bytes)| (name.to_string(), StaticSource::Embedded(bytes)))
        .collect();
    for (name, path) in files_under(root, &root.join("themes").join(theme).join("static"))? {
        let built_in = STATIC.iter().find(|(n, _)| *n == name);
        if built_in.is_some_and(|(_, bytes)| std::fs::read(&path).is_ok_and(|b| b == *bytes)) {
            continue;
        }
        out.retain(|(n, _)| *n != name);
        out.push((name, StaticSource::File(path)));
    }
    Ok(out)
}

pub enum StaticSource {
    Embedded(&'static [u8]),
    File(std::path::PathBuf),
}

/// Files under `dir`, a folder of the site at `root`, with their
/// `/`-separated names relative to it; none if `dir` does not exist. A
/// symbolic link leading out of the site is an error (see `load::links`).
pub fn files_under(root: &Path, dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let links = crate::config::site_links(root);
    let refused = std::sync::Mutex::new(Vec::new());
    let refuse = |d| refused.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    let mut out = Vec::new();
    for entry in links.walk(dir, |_| true, &refuse) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::Io(path, std::io::Error::other(e.to_string()))
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            if rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            {
                continue;
            }
            out.push((
                rel.to_string_lossy().replace('\\', "/"),
                entry.path().to_path_buf(),
            ));
        }
    }
    let refused = refused.into_inner().unwrap_or_else(|e| e.into_inner());
    if refused.is_empty() {
        Ok(out)
    } else {
        Err(Error::Content(refused))
    }
}

/// Tera's `truncate` filter with the same arguments and output, but it stops
/// counting graphemes at `length`: the built-in collects every grapheme of
/// the string into a vector first, which was a tenth of a build's CPU time
/// (card summaries are whole first paragraphs, truncated on every list page).
fn truncate(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    use unicode_segmentation::UnicodeSegmentation;
    let text = value.as_str().ok_or_else(|| {
        tera::Error::msg("Filter `truncate` was used on a value that is not a string")
    })?;
    let length = match args.get("length") {
        Some(l) => l
            .as_u64()
            .ok_or_else(|| tera::Error::msg("Filter `truncate`: `length` must be a number"))?
            as usize,
        None => 255,
    };
    let end = match args.get("end") {
        Some(e) => e
            .as_str()
            .ok_or_else(|| tera::Error::msg("Filter `truncate`: `end` must be a string"))?,
        None => "…",
    };
    // Fast path: a grapheme has at least one char, so text with no more
    // chars than `length` is never cut, and text whose chars each stand
    // alone (Hanzi, CJK punctuation, printable ASCII but CR) is cut at a
    // char. Segmenting graphemes costs hundreds of instructions a char.
    if text.chars().nth(length).is_none() {
        return Ok(value.clone());
    }
    let simple = |c: char| {
        (c.is_ascii() && c != '\r')
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{FF01}'..='\u{FF60}').contains(&c)
            || ('\u{2010}'..='\u{2027}').contains(&c)
    };
    let cut = if text.chars().all(simple) {
        text.char_indices().nth(length)
    } else {
        text.grapheme_indices(true)
            .nth(length)
            .map(|(at, g)| (at, g.chars().next().unwrap_or(' ')))
    };
    match cut {
        Some((at, _)) => Ok(tera::Value::String(format!("{}{end}", &text[..at]))),
        None => Ok(value.clone()),
    }
}

/// A Tera error with its causes, which hold the useful part.
pub fn chain(err: &tera::Error) -> String {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        message.push_str(": ");
        message.push_str(&e.to_string());
        source = e.source();
    }
    message
}

/// The name of the template through which [`CardFunction`] renders the
/// theme's `card` macro (`.html`: escaped as the pages calling it are).
const CARD_TEMPLATE: &str = "__unionpress_card.html";

/// `card(a=…, heading=…)` for templates: the HTML of the theme's
/// `m::card` macro for the same arguments, rendered once per build and
/// reused. An article's card shows on about a dozen lists and in the
/// related articles of others, and a Tera macro call is most of what a list
/// page costs; a macro sees only its arguments, so equal arguments give
/// equal HTML.
pub struct CardFunction {
    tera: Tera,
    /// By the card's URL: each heading and card rendered, with its HTML.
    /// The whole card is compared, so a card is never taken for another.
    cards: std::sync::Mutex<CardsByUrl>,
}

/// A card is kept as its arguments' JSON text beside its HTML, both
/// without spare capacity: every article's card is held until the pages
/// are written, and a `tera::Value` tree of the same card takes several
/// times the bytes (at 100,000 articles, the difference between the build's
/// peak memory being above or below 2 GB).
type CardsByUrl = std::collections::HashMap<String, Vec<(tera::Value, Box<str>, Box<str>)>>;

impl CardFunction {
    /// `tera` with `card` registered, if its `macros.html` loads; without
    /// one, templates that call `card` fail as those calling `m::card` do.
    pub fn register(tera: &Tera) -> Tera {
        let mut inner = tera.clone();
        let mut outer = tera.clone();
        if inner
            .add_raw_template(
                CARD_TEMPLATE,
                r#"{% import "macros.html" as m %}{{ m::card(a=a, heading=heading) }}"#,
            )
            .is_ok()
        {
            outer.register_function(
                "card",
                CardFunction {
                    tera: inner,
                    cards: Default::default(),
                },
            );
        }
        outer
    }
}

impl tera::Function for CardFunction {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let a = args
            .get("a")
            .ok_or_else(|| tera::Error::msg("card() needs the card: card(a=a, heading=\"h2\")"))?;
        let heading = args
            .get("heading")
            .cloned()
            .unwrap_or_else(|| tera::Value::from("h3"));
        let url = a
            .get("url")
            .and_then(tera::Value::as_str)
            .unwrap_or_default();
        let card = serde_json::to_string(a).map_err(tera::Error::json)?;
        let lock = || self.cards.lock().unwrap_or_else(|e| e.into_inner());
        let seen = lock().get(url).and_then(|seen| {
            seen.iter()
                .find(|(h, c, _)| *h == heading && **c == *card)
                .map(|(_, _, html)| html.to_string())
        });
        if let Some(html) = seen {
            return Ok(tera::Value::String(html));
        }
        let mut cx = tera::Context::new();
        cx.insert("a", a);
        cx.insert("heading", &heading);
        let html = self.tera.render(CARD_TEMPLATE, &cx)?;
        lock().entry(url.to_string()).or_default().push((
            heading,
            card.into(),
            html.as_str().into(),
        ));
        Ok(tera::Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::truncate;
    use std::collections::HashMap;

    /// The replacement filter must give what Tera's built-in gives.
    #[test]
    fn truncate_matches_tera() {
        let mut args = HashMap::new();
        args.insert("length".to_string(), tera::Value::from(3));
        let cut = |s: &str, args: &HashMap<String, tera::Value>| {
            truncate(&tera::Value::from(s), args).unwrap()
        };
        assert_eq!(cut("工会新闻", &args), tera::Value::from("工会新…"));
        assert_eq!(cut("工会新", &args), tera::Value::from("工会新"));
        assert_eq!(cut("", &args), tera::Value::from(""));
        assert_eq!(cut("e\u{301}abc", &args), tera::Value::from("e\u{301}ab…"));
        args.insert("end".to_string(), tera::Value::from(""));
        assert_eq!(cut("abcdef", &args), tera::Value::from("abc"));
        assert_eq!(cut("“工会”，新闻", &args), tera::Value::from("“工会"));
        assert_eq!(cut("a\r\nbcd", &args), tera::Value::from("a\r\nb"));
    }

    /// Guards the override order: a site's own base.html, loaded after the
    /// theme's children of it, failed every template that extends it.
    #[test]
    fn a_site_may_override_base_html() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let base = String::from_utf8_lossy(super::TEMPLATES[0].1)
            .replace("<body>", "<body class=\"mine\">");
        std::fs::write(dir.path().join("templates/base.html"), base).unwrap();
        let diagnostics = crate::error::Diagnostics::default();
        let tera = super::templates(dir.path(), "default", &diagnostics).unwrap();
        assert!(tera.get_template_names().any(|n| n == "article.html"));
        assert!(diagnostics.take().is_empty());
    }
}
