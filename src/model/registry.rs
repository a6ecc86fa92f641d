//! The programme and award registries: one file per entry, and every name an
//! article may use for it (the title and the `names:` list).
//!
//! Lookups go through one hash map from name to entry, built once; a name
//! claimed by two entries is an error naming both files.

use std::collections::HashMap;
use std::path::PathBuf;

use super::front::Level;
use crate::error::{Diagnostic, Location, closest};

/// A programme (产改, 工会送温暖行动 …) or an award (五一劳动奖章 …).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file stem, used in URLs: `/programmes/<key>/`.
    pub key: String,
    pub title: String,
    pub names: Vec<String>,
    /// The description.
    pub text: super::Text,
    pub level: Option<Level>,
    pub issuer: Option<String>,
    pub extra: serde_json::Value,
    /// The registry file; `None` for an entry made up for an unknown name
    /// under `strict_registry: false`.
    pub source: Option<PathBuf>,
    /// Articles that name this entry, newest first (indices into the site's articles).
    pub articles: Vec<usize>,
}

impl Entry {
    pub fn new(key: String, title: String) -> Self {
        Entry {
            key,
            title,
            names: Vec::new(),
            text: super::Text::default(),
            level: None,
            issuer: None,
            extra: serde_json::Value::Null,
            source: None,
            articles: Vec::new(),
        }
    }
}

/// All programmes, or all awards.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    pub entries: Vec<Entry>,
    by_name: HashMap<String, usize>,
    /// "programme" or "award", for messages.
    pub what: &'static str,
}

impl Registry {
    pub fn new(what: &'static str) -> Self {
        Registry {
            what,
            ..Default::default()
        }
    }

    /// Adds an entry and its names; a name another entry already has is an error.
    pub fn add(&mut self, entry: Entry) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let index = self.entries.len();
        let mut names = vec![entry.title.clone()];
        names.extend(entry.names.iter().cloned());
        for name in names {
            let name = name.trim().to_string();
            match self.by_name.get(&name) {
                Some(&other) if other == index => {} // the file repeats its own title in names: harmless
                Some(&other) => {
                    let first = self.entries[other].source.clone().unwrap_or_default();
                    problems.push(
                        Diagnostic::error(
                            Location::file(entry.source.clone().unwrap_or_default()),
                            crate::t!(
                                "registry-name-taken",
                                what = crate::i18n::noun(self.what),
                                name = &name,
                                other = first.display()
                            ),
                        )
                        .help(crate::t!("registry-name-taken-help")),
                    );
                }
                None => {
                    self.by_name.insert(name, index);
                }
            }
        }
        self.entries.push(entry);
        problems
    }

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

    pub fn get(&self, index: usize) -> &Entry {
        &self.entries[index]
    }
}
