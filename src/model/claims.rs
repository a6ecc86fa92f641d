//! One owner for every file of the output.
//!
//! Each file a build writes — a page, an alias's redirect, a picture or
//! linked file copied beside its page, a static file, a feed — is claimed
//! once, and a second claim on the same file (or a file where another
//! claim needs a folder) is an error naming both sources. Without it the
//! later write silently replaces the earlier: an alias `/tags/index.html`
//! would turn the tag list into a redirect, a picture named `index.html`
//! would replace its article's page.
//!
//! Claims come in two passes over one table. [`Claims::new`] takes what the
//! model knows before any page is rendered — articles, sections, registry
//! entries, bulletins, aliases, the pictures and files beside pages, the
//! search folder — each with the line it comes from. The build then claims
//! every file as it writes it ([`Claims::written`], [`Claims::copied`]): a
//! write the table expects is its owner's, any other is a page or static
//! file of its own and is checked like the first pass. `check` writes
//! through the same table, so it finds exactly what `build` finds.
//!
//! Paths are compared with their ASCII letters folded to one case, and a
//! name longer than file systems take is refused: a site that builds here
//! must build the same on the editors' Windows and macOS machines.

use rustc_hash::FxHashMap as Map;
use std::path::{Path, PathBuf};

use super::Site;
use super::urls::file_for;
use crate::error::{Diagnostic, Diagnostics, Location};

/// What claims a file of the output, for messages.
#[derive(Debug, Clone)]
pub struct Owner {
    /// What it is: "article", "alias `/old/`", "file `a/p.png`"; for what
    /// has no place, with its article: "a page unionpress makes".
    noun: Words,
    /// Where it comes from; `None` for what unionpress makes by itself.
    at: Option<Location>,
    /// For a copied file, the file copied (relative to the site root): its
    /// own copy is the one write the claim expects.
    from: Option<PathBuf>,
    /// How to mend a clash, when the message points here.
    fix: Words,
}

/// A message of the catalogue, put together only when a clash is
/// reported: every file of every build is claimed (20,000 at 10,000
/// articles), and formatting each owner's words up front cost more than
/// the claims themselves.
#[derive(Debug, Clone)]
enum Words {
    /// None (an owner with no fix of its own).
    Nothing,
    /// A message that takes no values (a function, so that the key is
    /// named where the catalogue's test finds it: `t!("key")`).
    Key(fn() -> String),
    /// `claim-file` for this file under `content/`.
    File(String),
    /// Words already put together (the few owners that are not files).
    Said(String),
}

impl Words {
    fn said(&self) -> String {
        match self {
            Words::Nothing => String::new(),
            Words::Key(words) => words(),
            Words::File(file) => crate::t!("claim-file", file = file.as_str()),
            Words::Said(s) => s.clone(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Words::Nothing => true,
            Words::Said(s) => s.is_empty(),
            _ => false,
        }
    }
}

impl Owner {
    fn page(noun: Words, at: Location, fix: Words) -> Owner {
        Owner {
            noun,
            at: Some(at),
            from: None,
            fix,
        }
    }

    fn made() -> Owner {
        Owner {
            noun: Words::Key(|| crate::t!("claim-made")),
            at: None,
            from: None,
            fix: Words::Nothing,
        }
    }

    /// A file copied as it is from `from`, relative to the site root.
    fn copied(from: &Path) -> Owner {
        Owner {
            noun: Words::Key(|| crate::t!("claim-static")),
            at: Some(Location::file(from)),
            from: Some(from.to_path_buf()),
            fix: Words::Key(|| crate::t!("claim-static-fix")),
        }
    }

    fn has_line(&self) -> bool {
        self.at.as_ref().is_some_and(|l| l.line.is_some())
    }

    /// The owner as the subject of a sentence whose place is its own.
    fn subject(&self) -> String {
        match self.at {
            Some(_) => crate::t!("claim-this", noun = self.noun.said()),
            None => self.noun.said(),
        }
    }

    /// The owner as the object of a sentence, with its place.
    fn named(&self) -> String {
        match &self.at {
            Some(at) => crate::t!("claim-at", noun = self.noun.said(), at = at.to_string()),
            None => self.noun.said(),
        }
    }
}

#[derive(Debug, Clone)]
struct Claim {
    /// The file's path as claimed (the table's key is folded).
    path: String,
    owner: Owner,
    /// Whether the owner's own write has been seen.
    written: bool,
    /// Already reported: further claims on it are not news.
    clashed: bool,
}

/// Every claimed file of the output, by its path in the output folder
/// (`articles/x/index.html`), case folded.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    files: Map<String, Claim>,
    /// Every folder that holds a claimed file, with that file's key: a file
    /// of the folder's name would clash with it.
    folders: Map<String, String>,
    /// Folders claimed whole, by what fills them.
    whole: Map<String, Owner>,
}

impl Claims {
    /// The claims the model knows of once the articles' Markdown is
    /// rendered (which names the files copied beside their pages). Clashes
    /// go to `diagnostics`.
    pub fn new(site: &Site, diagnostics: &Diagnostics) -> Claims {
        let mut claims = Claims::default();
        let search = Owner {
            noun: Words::Key(|| crate::t!("claim-search")),
            ..Owner::made()
        };
        for root in super::urls::WHOLE {
            claims.whole.insert(root.name().into(), search.clone());
        }
        let mut claim = |path: &str, owner: Owner| {
            if let Some(d) = claims.claim(file_for(path), owner, false) {
                diagnostics.push(d);
            }
        };
        for a in &site.articles {
            let at = a
                .slug_at
                .clone()
                .unwrap_or_else(|| Location::file(&a.source));
            claim(
                &a.path,
                Owner::page(
                    Words::Key(|| crate::t!("claim-article")),
                    at,
                    Words::Key(|| crate::t!("claim-slug-fix")),
                ),
            );
        }
        for s in &site.sections {
            let at = Location::file(&s.text.source);
            let fix = Words::Key(|| crate::t!("claim-section-fix"));
            claim(
                &s.path,
                Owner::page(Words::Key(|| crate::t!("claim-section")), at, fix),
            );
        }
        let programmes = site.programmes.entries.iter().map(|e| (&e.0, "programme"));
        let awards = site.awards.entries.iter().map(|e| (&e.registered, "award"));
        for (e, what) in programmes.chain(awards) {
            if let Some(source) = &e.source {
                let at = Location::file(source);
                let noun = Words::Said(crate::i18n::noun(what));
                claim(
                    &e.path,
                    Owner::page(noun, at, Words::Key(|| crate::t!("claim-rename-file"))),
                );
            }
        }
        for b in &site.bulletins {
            let at = Location::file(&b.text.source);
            let fix = Words::Key(|| crate::t!("claim-bulletin-fix"));
            claim(
                &b.path,
                Owner::page(
                    Words::Key(|| crate::t!("claim-bulletin")),
                    at.clone(),
                    fix.clone(),
                ),
            );
            let email = super::urls::bulletin_email(&b.path);
            claim(
                &email,
                Owner::page(Words::Key(|| crate::t!("claim-email")), at, fix),
            );
        }
        for alias in &site.aliases {
            let what = Words::Said(crate::t!("claim-alias", alias = &alias.from));
            let fix = Words::Key(|| crate::t!("claim-alias-fix"));
            claim(&alias.from, Owner::page(what, alias.at.clone(), fix));
        }
        let beside = site
            .articles
            .iter()
            .flat_map(|a| a.body.files.iter().map(|(file, at)| (&a.path, file, at)))
            .chain(
                site.text_files
                    .iter()
                    .map(|(page, file, at)| (page, file, at)),
            );
        for (page, file, at) in beside {
            let name = file.rsplit('/').next().unwrap_or_default();
            let from = Path::new("content").join(file);
            let owner = Owner {
                noun: Words::File(file.clone()),
                at: Some(at.clone()),
                fix: Words::Key(|| crate::t!("claim-file-fix")),
                ..Owner::copied(&from)
            };
            claim(&super::urls::beside(page, name), owner);
        }
        claims
    }

    /// Claims `path` for a page written by the build: the write the table
    /// expects there, or a page unionpress makes.
    pub fn written(&mut self, path: &str) -> Option<Diagnostic> {
        match self.files.get_mut(&*folded(path)) {
            Some(c) if !c.written && c.owner.from.is_none() => {
                c.written = true;
                None
            }
            Some(_) => self.clash(path, Owner::made()),
            None => self.claim(path.to_string(), Owner::made(), true),
        }
    }

    /// Claims `path` for a file copied from `from` (relative to the site
    /// root).
    pub fn copied(&mut self, path: &str, from: &Path) -> Option<Diagnostic> {
        match self.files.get_mut(&*folded(path)) {
            // The same file copied twice (a picture shown twice) is one copy.
            Some(c) if c.owner.from.as_deref() == Some(from) => {
                c.written = true;
                None
            }
            Some(_) => self.clash(path, Owner::copied(from)),
            None => self.claim(path.to_string(), Owner::copied(from), true),
        }
    }

    /// Enters a new claim on `path`, or the clash it makes; `written`
    /// when the claim is its owner's write.
    fn claim(&mut self, path: String, owner: Owner, written: bool) -> Option<Diagnostic> {
        let key = folded(&path).into_owned();
        if let Some(c) = self.files.get(&key) {
            if owner.from.is_some() && c.owner.from == owner.from {
                return None;
            }
            return self.clash(&path, owner);
        }
        let refused = self.refused(&path, &key, &owner);
        if refused.is_none() {
            // Byte for byte the same places in `key` (folded as ASCII only).
            for (i, _) in path.match_indices('/') {
                // Most folders hold many files: looked up before a key
                // is made for them.
                if !self.folders.contains_key(&key[..i]) {
                    self.folders.insert(key[..i].to_string(), key.clone());
                }
            }
        }
        // A refused claim stays, as reported: its own write later is no news.
        self.files.insert(
            key,
            Claim {
                path,
                owner,
                written,
                clashed: refused.is_some(),
            },
        );
        refused
    }

    /// Why a new claim on `path` (folded: `key`) cannot be: a name too
    /// long, or a file where a folder is or the other way round.
    fn refused(&self, path: &str, key: &str, owner: &Owner) -> Option<Diagnostic> {
        if let Some(name) = path.split('/').find(|name| name.len() > MAX_NAME_BYTES) {
            return Some(too_long(path, name, owner));
        }
        if let Some(file) = self.folders.get(key) {
            let other = &self.files[file];
            return Some(clash(path, owner, &other.owner, Some(&other.path)));
        }
        if let Some(filler) = self.whole.get(key) {
            return Some(clash(path, owner, filler, Some(&format!("{path}/…"))));
        }
        for (i, _) in path.match_indices('/') {
            // A file already refused is not reported again.
            if let Some(c) = self.files.get(&key[..i])
                && !c.clashed
            {
                return Some(clash(&path[..i], &c.owner, owner, Some(path)));
            }
            if let Some(filler) = self.whole.get(&key[..i])
                && owner.at.is_some()
            {
                return Some(clash(&format!("{}/", &path[..i]), owner, filler, None));
            }
        }
        None
    }

    fn clash(&mut self, path: &str, owner: Owner) -> Option<Diagnostic> {
        let c = self.files.get_mut(&*folded(path))?;
        if std::mem::replace(&mut c.clashed, true) {
            return None;
        }
        Some(clash(path, &owner, &c.owner, None))
    }
}

/// The longest name of a file or folder that common file systems take.
const MAX_NAME_BYTES: usize = 255;

/// The key of `path` in the table: two paths that differ only in the case
/// of their letters are one file on Windows and macOS, where editors
/// preview their sites.
fn folded(path: &str) -> std::borrow::Cow<'_, str> {
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        path.to_ascii_lowercase().into()
    } else {
        path.into()
    }
}

fn too_long(path: &str, name: &str, owner: &Owner) -> Diagnostic {
    let location = owner
        .at
        .clone()
        .unwrap_or_else(|| Location::file(format!("/{path}")));
    Diagnostic::error(
        location,
        crate::t!(
            "claim-too-long",
            owner = owner.subject(),
            path = path,
            name = name.chars().take(20).collect::<String>(),
            bytes = name.len(),
            limit = MAX_NAME_BYTES
        ),
    )
    .help(crate::t!("claim-too-long-help"))
}

/// Two claims on `path`: `inside`, when given, is a file one of them needs
/// `path` to be the folder of.
fn clash(path: &str, a: &Owner, b: &Owner, inside: Option<&str>) -> Diagnostic {
    // The message stands where the editor can act: at a line if either
    // claim has one, else at a file.
    let (this, other) = if b.has_line() && !a.has_line() || a.at.is_none() {
        (b, a)
    } else {
        (a, b)
    };
    let url = format!("/{}", path.strip_suffix("index.html").unwrap_or(path));
    let message = match inside {
        Some(file) => crate::t!(
            "claim-clash-folder",
            this = this.subject(),
            other = other.named(),
            url = url.as_str(),
            file = file
        ),
        None => crate::t!(
            "claim-clash",
            this = this.subject(),
            other = other.named(),
            url = url.as_str()
        ),
    };
    let location = this
        .at
        .clone()
        .unwrap_or_else(|| Location::file(format!("/{path}")));
    let fix = if this.fix.is_empty() {
        other.fix.said()
    } else {
        this.fix.said()
    };
    Diagnostic::error(location, message).help(fix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(from: &str) -> Owner {
        let at = Location::at("content/articles/b.md", 4, 11);
        Owner::page(
            Words::Said(crate::t!("claim-alias", alias = from)),
            at,
            Words::Said("remove the alias".into()),
        )
    }

    #[test]
    fn the_expected_write_is_the_owners_and_a_second_is_one_clash() {
        let mut claims = Claims::default();
        assert!(
            claims
                .claim("tags/index.html".into(), alias("/tags/"), false)
                .is_none()
        );
        assert!(claims.written("tags/index.html").is_none());
        let d = claims.written("tags/index.html").expect("a clash");
        assert_eq!(d.location, Location::at("content/articles/b.md", 4, 11));
        assert_eq!(
            d.message,
            crate::t!(
                "claim-clash",
                this = crate::t!(
                    "claim-this",
                    noun = crate::t!("claim-alias", alias = "/tags/")
                ),
                other = crate::t!("claim-made"),
                url = "/tags/"
            )
        );
        assert!(
            claims.written("tags/index.html").is_none(),
            "reported twice"
        );
    }

    #[test]
    fn a_file_where_a_folder_is_clashes_either_way_round() {
        let mut claims = Claims::default();
        assert!(claims.written("tags/index.html").is_none());
        assert!(claims.copied("tags", Path::new("static/tags")).is_some());
        let mut claims = Claims::default();
        assert!(claims.copied("tags", Path::new("static/tags")).is_none());
        let d = claims.written("tags/index.html").expect("a clash");
        assert_eq!(d.location, Location::file("static/tags"));
    }

    #[test]
    fn names_differing_only_in_case_are_one_file() {
        let mut claims = Claims::default();
        assert!(
            claims
                .copied("a/P.png", Path::new("static/a/P.png"))
                .is_none()
        );
        assert!(
            claims
                .copied("a/p.png", Path::new("static/a/p.png"))
                .is_some()
        );
        assert!(
            claims
                .copied("A/x.png", Path::new("static/A/x.png"))
                .is_none()
        );
    }
}
