//! The messages, in Chinese and English.
//!
//! Every sentence unionpress says to a person (errors, warnings, hints,
//! progress, the command line's help) lives in a Fluent catalogue,
//! `i18n/zh-CN.ftl` and `i18n/en.ftl`, which a translator edits without
//! touching Rust. Fluent (Mozilla's localisation system, the `fluent-bundle`
//! crate) was chosen over YAML-keyed crates because its files are made for
//! translators (one message per entry, comments, no quoting rules) and it
//! has the CLDR plural rules built in, so "1 article" / "2 articles" is
//! written in the catalogue rather than in code. Both files are compiled
//! into the binary: it needs nothing beside it.
//!
//! The language is chosen once per run (see [`choose`]) and kept in a
//! process-wide setting, because messages are made on many threads deep in
//! the build. Code asks for a message with the [`t!`](crate::t) macro:
//! `t!("yaml-unknown-field", field = name)`.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language unionpress speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The language a tag names: `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`
    /// are Chinese, `en`, `en-GB`, `en_US.UTF-8` English. `C`, `POSIX` and
    /// other languages name none of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_', '.', '@']).next().unwrap_or_default();
        match primary {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag of the catalogue: `zh-CN` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The catalogue's text, as compiled into the binary.
    pub fn source(self) -> &'static str {
        match self {
            Lang::ZhCn => include_str!("../i18n/zh-CN.ftl"),
            Lang::En => include_str!("../i18n/en.ftl"),
        }
    }
}

/// The language of this run; Chinese until [`set`] says otherwise, as the
/// product's readers and editors are Chinese.
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Makes `lang` the language of every message from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are in now.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::ZhCn,
    }
}

/// The variable that chooses the language for every command.
pub const ENV: &str = "UNIONPRESS_LANG";

/// The language of a run: `--lang`, then `UNIONPRESS_LANG`, then the
/// `language` of the site whose `site.yaml` is `site_file` (Chinese when it
/// names none),
/// then, where no site is involved, the system locale. A locale that names
/// no language (`C`, `POSIX`) leaves the product's default, Chinese; and a
/// shell's `LANG` never overrides a site's language.
pub fn choose(flag: Option<Lang>, site_file: Option<&Path>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    if let Some(lang) = std::env::var(ENV).ok().as_deref().and_then(Lang::from_tag) {
        return lang;
    }
    if let Some(file) = site_file
        && let Ok(text) = std::fs::read_to_string(file)
    {
        return site_language(&text)
            .and_then(Lang::from_tag)
            .unwrap_or(Lang::ZhCn);
    }
    system_locale().unwrap_or(Lang::ZhCn)
}

/// The `language:` of a site.yaml, read from its top-level line so that a
/// site.yaml with mistakes elsewhere still gets its messages in its own
/// language.
pub fn site_language(yaml: &str) -> Option<&str> {
    yaml.lines().find_map(|line| {
        let value = line
            .strip_prefix("language")?
            .trim_start()
            .strip_prefix(':')?;
        let value = value.split(" #").next().unwrap_or_default().trim();
        Some(value.trim_matches(['"', '\'']))
    })
}

/// The language of the system locale: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set, as POSIX orders them.
fn system_locale() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .and_then(|value| Lang::from_tag(&value))
}

/// One value put into a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<std::path::Display<'_>> for Arg {
    fn from(d: std::path::Display<'_>) -> Arg {
        Arg::Text(d.to_string())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(usize, u64, u32, i64, i32, i16, u16, f64);

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| {
        let resource = FluentResource::try_new(lang.source().to_string())
            .unwrap_or_else(|(_, errors)| panic!("i18n/{}.ftl: {errors:?}", lang.tag()));
        let id = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Unicode isolation marks around every value would end up in
        // terminals and in file names copied out of messages.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("i18n/{}.ftl: {errors:?}", lang.tag()));
        bundle
    })
}

/// The message `key` in `lang`, with `args` put in. A key missing from the
/// catalogue comes out as the key itself (a test keeps that from
/// happening).
pub fn text_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// The message `key` in the current language.
pub fn text(key: &str, args: &[(&str, Arg)]) -> String {
    text_in(current(), key, args)
}

/// The message `key` of the catalogue in the current language, with named
/// values put in: `t!("no-site", root = root.display())`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// The keys of a catalogue's messages, in order.
pub fn keys(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source().to_string())
        .unwrap_or_else(|(_, errors)| panic!("i18n/{}.ftl: {errors:?}", lang.tag()));
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The name of a kind of registry entry (`programme`, `award`) as code
/// names it, in words.
pub fn noun(what: &str) -> String {
    match what {
        "programme" => crate::t!("noun-programme"),
        "award" => crate::t!("noun-award"),
        other => other.to_string(),
    }
}

/// The words for a step of the build, as `Progress` and `--verbose` name
/// it in code.
pub fn step_name(step: &str) -> String {
    match step {
        "reading and checking" => crate::t!("progress-reading"),
        "rendering" => crate::t!("progress-rendering"),
        "replacing the output" => crate::t!("progress-replacing"),
        "load" => crate::t!("step-load"),
        "model" => crate::t!("step-model"),
        "markdown" => crate::t!("step-markdown"),
        "claims" => crate::t!("step-claims"),
        "templates" => crate::t!("step-templates"),
        "pages" => crate::t!("step-pages"),
        "search" => crate::t!("step-search"),
        "commit" => crate::t!("step-commit"),
        "read all" => crate::t!("step-read-all"),
        "patch front" => crate::t!("step-patch-front"),
        "patch in place" => crate::t!("step-patch-in-place"),
        "patch" => crate::t!("step-patch"),
        "patch files" => crate::t!("step-patch-files"),
        "pictures" => crate::t!("step-pictures"),
        "render" => crate::t!("step-render"),
        "write" => crate::t!("step-write"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every `t!("key"` in the Rust sources under `src/`.
    fn keys_in_code() -> BTreeSet<(String, String)> {
        let mut found = BTreeSet::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // Comments name the macro in examples; this module's tests scan.
            let text = text
                .split("\n#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            let text: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            let file = entry
                .path()
                .strip_prefix(&src)
                .unwrap()
                .display()
                .to_string();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("t!(") {
                let before = rest[..i].chars().next_back();
                rest = &rest[i + 3..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let args = rest.trim_start();
                if let Some(args) = args.strip_prefix('"') {
                    let key = args.split('"').next().unwrap_or_default();
                    found.insert((key.to_string(), file.clone()));
                }
            }
        }
        found
    }

    /// Folders left out of the scan: `bin/` holds developer tools, whose
    /// messages are for the people who work on unionpress.
    const NOT_YET: [&str; 1] = ["bin/"];

    /// Each call that makes a message for a person, with what is inside its
    /// parentheses, outside test modules.
    fn message_calls() -> Vec<(String, String)> {
        let mut calls = Vec::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            let file = entry
                .path()
                .strip_prefix(&src)
                .unwrap()
                .display()
                .to_string();
            if !file.ends_with(".rs") || NOT_YET.iter().any(|d| file.starts_with(d)) {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let text = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            for call in [
                ".help(",
                "Error::Usage(",
                "Diagnostic::error(",
                "Diagnostic::warning(",
            ] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    let mut depth = 1;
                    let end = rest
                        .char_indices()
                        .find(|&(_, c)| {
                            depth += match c {
                                '(' => 1,
                                ')' => -1,
                                _ => 0,
                            };
                            depth == 0
                        })
                        .map_or(rest.len(), |(j, _)| j);
                    calls.push((file.clone(), rest[..end].to_string()));
                }
            }
        }
        calls
    }

    /// Pragmatic: a string literal of two or more words inside a message
    /// call is a sentence written in code instead of the catalogue.
    #[test]
    fn no_sentence_is_left_in_the_code_that_makes_messages() {
        let calls = message_calls();
        assert!(
            calls.len() > 80,
            "the scan found only {} calls",
            calls.len()
        );
        let sentences: Vec<_> = calls
            .iter()
            .filter(|(_, args)| {
                args.split('"').skip(1).step_by(2).any(|literal| {
                    literal
                        .split(' ')
                        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                        .count()
                        >= 2
                })
            })
            .collect();
        assert!(
            sentences.is_empty(),
            "sentences not in the catalogue: {sentences:#?}"
        );
    }

    #[test]
    fn both_catalogues_parse_and_hold_the_same_keys() {
        let zh: BTreeSet<String> = keys(Lang::ZhCn).into_iter().collect();
        let en: BTreeSet<String> = keys(Lang::En).into_iter().collect();
        assert!(zh.len() > 100, "only {} keys", zh.len());
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "only in zh-CN.ftl: {only_zh:?}\nonly in en.ftl: {only_en:?}"
        );
        for lang in Lang::ALL {
            assert_eq!(keys(lang).len(), zh.len(), "{}: a key twice", lang.tag());
        }
    }

    #[test]
    fn every_message_the_code_asks_for_is_in_the_catalogue_and_every_entry_is_used() {
        let catalogue: BTreeSet<String> = keys(Lang::En).into_iter().collect();
        let used = keys_in_code();
        assert!(used.len() > 100, "the scan found only {} uses", used.len());
        let missing: Vec<_> = used
            .iter()
            .filter(|(key, _)| !catalogue.contains(key))
            .collect();
        assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
        let used: BTreeSet<&String> = used.iter().map(|(k, _)| k).collect();
        let unused: Vec<_> = catalogue.iter().filter(|k| !used.contains(k)).collect();
        assert!(
            unused.is_empty(),
            "in the catalogue but never asked for: {unused:?}"
        );
    }

    /// Every message formats in both languages with its values put in and
    /// nothing left of Fluent's syntax, given every variable it names.
    #[test]
    fn every_message_formats_in_both_languages() {
        for lang in Lang::ALL {
            let resource = FluentResource::try_new(lang.source().to_string()).unwrap();
            for entry in resource.entries() {
                let fluent_syntax::ast::Entry::Message(m) = entry else {
                    continue;
                };
                let key = m.id.name;
                let source = &lang.source()[lang.source().find(&format!("\n{key} =")).unwrap()..];
                let vars: Vec<&str> = source[1..]
                    .split("\n")
                    .take_while(|l| !l.is_empty())
                    .flat_map(|l| l.split("$").skip(1))
                    .map(|v| {
                        v.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .next()
                            .unwrap()
                    })
                    .collect();
                let args: Vec<(&str, Arg)> = vars.iter().map(|v| (*v, Arg::Number(2.0))).collect();
                let text = text_in(lang, key, &args);
                assert!(!text.is_empty() && text != key, "{}: {key}", lang.tag());
                assert!(
                    !text.contains('$') && !text.contains('\u{2068}'),
                    "{}: {key}: {text}",
                    lang.tag()
                );
            }
        }
    }

    #[test]
    fn english_plurals_and_chinese_counts() {
        let n = |errors: usize, warnings: usize| {
            vec![
                ("errors", Arg::from(errors)),
                ("warnings", Arg::from(warnings)),
            ]
        };
        assert_eq!(
            text_in(Lang::En, "summary-failed", &n(1, 2)),
            "1 error, 2 warnings; nothing was written"
        );
        assert_eq!(
            text_in(Lang::En, "summary-failed", &n(3, 1)),
            "3 errors, 1 warning; nothing was written"
        );
        assert_eq!(
            text_in(Lang::ZhCn, "summary-failed", &n(1, 2)),
            "1 个错误，2 个警告；没有写出任何文件"
        );
    }

    #[test]
    fn tags_and_site_language() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh-Hans"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag("POSIX"), None);
        assert_eq!(
            site_language("title: x\nlanguage: en # English\n"),
            Some("en")
        );
        assert_eq!(
            site_language("title: x\nlanguage: \"zh-CN\"\n"),
            Some("zh-CN")
        );
        assert_eq!(site_language("title: x\n"), None);
    }
}
