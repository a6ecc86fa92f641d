//! `unionpress new "标题"`: a draft article with today's date, named in pinyin.

use std::path::Path;

use crate::cli::NewArgs;
use crate::cli::Verbosity;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::slug::slugify;

/// Longest file stem `new` makes from a headline.
const MAX_STEM: usize = 60;

pub fn run(root: &Path, args: &NewArgs, verbosity: Verbosity) -> Result<()> {
    let config = Config::load(root)?;
    let title = args.title.trim();
    if title.is_empty() {
        return Err(Error::Usage(crate::t!("new-empty-title")));
    }
    check_registered(root, &config, args)?;
    let today = jiff::Timestamp::now().to_zoned(config.tz.clone()).date();
    let mut stem = slugify(title);
    if stem.len() > MAX_STEM {
        let cut = stem[..MAX_STEM].rfind('-').unwrap_or(MAX_STEM);
        stem.truncate(cut);
    }
    if stem.is_empty() {
        stem = format!("article-{}", today.strftime("%Y%m%d"));
    }
    let dir = root
        .join("content")
        .join("articles")
        .join(today.year().to_string());
    let path = dir.join(format!("{stem}.md"));
    let mut text = format!(
        "---\ntitle: {}\ndate: {today}\ndraft: true\n",
        yaml_string(title)
    );
    if !args.programme.is_empty() {
        text.push_str(&format!("programmes: [{}]\n", list(&args.programme)));
    }
    if !args.award.is_empty() {
        text.push_str(&format!("awards: [{}]\n", list(&args.award)));
    }
    if let Some(region) = &args.region {
        text.push_str(&format!("region: {}\n", yaml_string(region)));
    }
    text.push_str("authors: []\ntags: []\n---\n\n正文从这里开始。\n");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    // create_new: never overwrite an editor's file, even in a race.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(crate::t!("new-exists", path = path.display()))
            } else {
                Error::io(&path, e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
    if verbosity != Verbosity::Quiet {
        println!("{}", path.display());
    }
    Ok(())
}

/// Every `--programme` and `--award` must name an entry of its registry
/// (by its title or one of its `names`), as the build will ask: a typing
/// mistake is caught before the file is written, with the closest name.
fn check_registered(root: &Path, config: &Config, args: &NewArgs) -> Result<()> {
    if args.programme.is_empty() && args.award.is_empty() {
        return Ok(());
    }
    let site = crate::model_unchecked(root, config);
    let asked = [
        (&args.programme, &site.programmes.names, "programmes"),
        (&args.award, &site.awards.names, "awards"),
    ];
    for (names, registry, folder) in asked {
        if let Some(name) = names.iter().find(|n| registry.find(n).is_none()) {
            let what = crate::i18n::noun(registry.what);
            let help = match registry.suggest(name) {
                Some(best) => crate::t!(
                    "registry-unknown-best",
                    best = best,
                    folder = folder,
                    name = name
                ),
                None => crate::t!("registry-unknown-help", folder = folder, name = name),
            };
            return Err(Error::Usage(format!(
                "{}\n  {}: {}",
                crate::t!("registry-unknown", what = &what, name = name),
                crate::t!("label-help"),
                help
            )));
        }
    }
    Ok(())
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| yaml_string(s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A YAML double-quoted string: safe for any text. JSON's form is one,
/// except that YAML also breaks lines at NEL, LS and PS (folding away the
/// spaces beside them), so those are escaped too.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('\u{85}', "\\x85")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    /// Guards titles with YAML's other line breaks: unescaped, `< \u{2028}<`
    /// came back as `<\u{2028}<` (found by the title round-trip property).
    #[test]
    fn yaml_string_round_trips_any_text() {
        for text in [
            "< \u{2028}<",
            "a \u{2029} b",
            "x \u{85} y",
            "“引号”: \"q\" \\ 工会",
        ] {
            let back: String = serde_yaml::from_str(&super::yaml_string(text)).unwrap();
            assert_eq!(back, text);
        }
    }
}
