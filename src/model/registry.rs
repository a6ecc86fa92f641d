//! The programme and award registries: one file per entry, and every name an
//! article may use for it (the title and the `names:` list).
//!
//! Lookups go through one hash map from name to entry, built once; a name
//! claimed by two entries is an error naming both files.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use super::front::Level;
use super::{file_key, text_of, urls};
use crate::error::{Diagnostic, Diagnostics, Location, closest};
use crate::load::{RawDoc, yaml};

/// What every programme and award has: its page, its names, its
/// description and the articles that name it.
#[derive(Debug, Clone)]
pub struct Registered {
    /// The file stem, used in URLs: `/programmes/<key>/`.
    pub key: String,
    /// Site path of its page.
    pub path: String,
    pub title: String,
    pub names: Vec<String>,
    /// The description.
    pub text: super::PageText,
    pub extra: serde_json::Value,
    /// The registry file; `None` for an entry made up for an unknown name
    /// under `strict_registry: false`.
    pub source: Option<PathBuf>,
    /// Articles that name this entry, newest first (indices into the site's articles).
    pub articles: Vec<usize>,
}

/// A programme or campaign articles report on: 产改, 工会送温暖行动 …
#[derive(Debug, Clone)]
pub struct Programme(pub Registered);

/// An honour given to workers: 五一劳动奖章 … Its page is an honour roll.
#[derive(Debug, Clone)]
pub struct Award {
    pub registered: Registered,
    pub level: Option<Level>,
    pub issuer: Option<String>,
    /// Filled in with the site's articles.
    pub honour_roll: HonourRoll,
}

/// Every recipient of an award that an article names, newest article
/// first, each article's recipients in its own order.
#[derive(Debug, Clone, Default)]
pub struct HonourRoll {
    pub honours: Vec<Honour>,
}

/// One recipient on an honour roll.
#[derive(Debug, Clone)]
pub struct Honour {
    pub recipient: String,
    /// The article that names them (index into the site's articles).
    pub article: usize,
    /// How many were honoured, when the article says.
    pub count: Option<u32>,
}

impl HonourRoll {
    /// The honour roll of the award at `index` in its registry, from
    /// `listed` (the articles naming it, newest first) of `articles`.
    pub fn new(index: usize, listed: &[usize], articles: &[super::Article]) -> HonourRoll {
        let mut honours = Vec::new();
        for &i in listed {
            for m in articles[i].awards.iter().filter(|m| m.award == index) {
                honours.extend(m.recipients.iter().map(|r| Honour {
                    recipient: r.clone(),
                    article: i,
                    count: m.count,
                }));
            }
        }
        HonourRoll { honours }
    }
}

/// A kind of registry entry: what the registry's messages call it and where
/// its pages are.
pub trait RegistryEntry: Deref<Target = Registered> + DerefMut + Clone {
    /// "programme" or "award", for messages.
    const WHAT: &'static str;
    /// The folder under `content/` its files are in, and its URL root.
    const ROOT: urls::Root;

    /// An entry with nothing but its key and title: one made up for an
    /// unknown name, or one whose file sets the rest afterwards.
    fn bare(key: String, title: String) -> Self;
}

impl Registered {
    fn new(key: String, title: String, root: urls::Root) -> Self {
        Registered {
            path: root.page(&key),
            key,
            title,
            names: Vec::new(),
            text: super::PageText::default(),
            extra: serde_json::Value::Null,
            source: None,
            articles: Vec::new(),
        }
    }
}

impl RegistryEntry for Programme {
    const WHAT: &'static str = "programme";
    const ROOT: urls::Root = urls::PROGRAMMES;

    fn bare(key: String, title: String) -> Self {
        Programme(Registered::new(key, title, Self::ROOT))
    }
}

impl RegistryEntry for Award {
    const WHAT: &'static str = "award";
    const ROOT: urls::Root = urls::AWARDS;

    fn bare(key: String, title: String) -> Self {
        Award {
            registered: Registered::new(key, title, Self::ROOT),
            level: None,
            issuer: None,
            honour_roll: HonourRoll::default(),
        }
    }
}

impl Deref for Programme {
    type Target = Registered;
    fn deref(&self) -> &Registered {
        &self.0
    }
}

impl DerefMut for Programme {
    fn deref_mut(&mut self) -> &mut Registered {
        &mut self.0
    }
}

impl Deref for Award {
    type Target = Registered;
    fn deref(&self) -> &Registered {
        &self.registered
    }
}

impl DerefMut for Award {
    fn deref_mut(&mut self) -> &mut Registered {
        &mut self.registered
    }
}

/// Every name of one registry's entries, by entry index.
#[derive(Debug, Default, Clone)]
pub struct Names {
    by_name: HashMap<String, usize>,
    /// "programme" or "award", for messages.
    pub what: &'static str,
}

impl Names {
    /// The entry an article means by `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.trim()).copied()
    }

    /// The known name closest to `name`, for "did you mean" hints.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let mut names: Vec<&str> = self.by_name.keys().map(String::as_str).collect();
        names.sort_unstable();
        closest(name, names)
    }
}

/// All programmes, or all awards.
#[derive(Debug, Clone)]
pub struct Registry<E> {
    pub entries: Vec<E>,
    pub names: Names,
}

pub type Programmes = Registry<Programme>;
pub type Awards = Registry<Award>;

impl<E: RegistryEntry> Default for Registry<E> {
    fn default() -> Self {
        Registry {
            entries: Vec::new(),
            names: Names {
                by_name: HashMap::new(),
                what: E::WHAT,
            },
        }
    }
}

impl<E: RegistryEntry> Registry<E> {
    pub fn new() -> Self {
        Self::default()
    }

    /// "programme" or "award", for messages.
    pub fn what(&self) -> &'static str {
        E::WHAT
    }

    /// Adds an entry and its names; a name another entry already has is an error.
    pub fn add(&mut self, entry: E) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let index = self.entries.len();
        let mut names = vec![entry.title.clone()];
        names.extend(entry.names.iter().cloned());
        for name in names {
            let name = name.trim().to_string();
            match self.names.by_name.get(&name) {
                Some(&other) if other == index => {} // the file repeats its own title in names: harmless
                Some(&other) => {
                    let first = self.entries[other].source.clone().unwrap_or_default();
                    problems.push(
                        Diagnostic::error(
                            Location::file(entry.source.clone().unwrap_or_default()),
                            crate::t!(
                                "registry-name-taken",
                                what = crate::i18n::noun(E::WHAT),
                                name = &name,
                                other = first.display()
                            ),
                        )
                        .help(crate::t!("registry-name-taken-help")),
                    );
                }
                None => {
                    self.names.by_name.insert(name, index);
                }
            }
        }
        self.entries.push(entry);
        problems
    }

    /// The entry an article means by `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.find(name)
    }

    /// The known name closest to `name`, for "did you mean" hints.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        self.names.suggest(name)
    }

    pub fn get(&self, index: usize) -> &E {
        &self.entries[index]
    }
}

/// The registry of `docs`: `fields` gives the title, names and extra
/// values of an entry's front matter, and what makes the entry of its
/// [`Registered`] part.
pub(super) fn load<F, E, M>(
    docs: &[RawDoc],
    diagnostics: &Diagnostics,
    fields: impl Fn(F) -> (String, Vec<String>, serde_json::Value, M),
) -> Registry<E>
where
    F: serde::de::DeserializeOwned,
    E: RegistryEntry,
    M: FnOnce(Registered) -> E,
{
    let mut registry = Registry::new();
    for doc in docs {
        let front: F = match yaml::parse(&doc.front, &doc.path, doc.front_line) {
            Ok(f) => f,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let (title, names, extra, make) = fields(front);
        let key = file_key(&doc.content_path);
        if key.is_empty() || title.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&doc.path),
                    crate::t!("registry-no-key", what = crate::i18n::noun(E::WHAT)),
                )
                .help(crate::t!("registry-no-key-help")),
            );
            continue;
        }
        let registered = Registered {
            path: E::ROOT.page(&key),
            key,
            title: title.trim().to_string(),
            names,
            text: text_of(doc),
            extra,
            source: Some(doc.path.clone()),
            articles: Vec::new(),
        };
        diagnostics.extend(registry.add(make(registered)));
    }
    registry
}
