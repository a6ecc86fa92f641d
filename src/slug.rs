//! URL slugs: pretty, ASCII and stable.
//!
//! Chinese is transliterated to toneless pinyin, one syllable per word
//! (`泾县` → `jing-xian`), Latin letters are lowercased, digits kept, and
//! everything else becomes a single `-`. The same input always gives the
//! same slug, so URLs do not move between builds.

use pinyin::ToPinyin;

/// A slug for any text. Empty only if the text has no letters, digits or
/// Hanzi at all.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let push_word = |out: &mut String, word: &str, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(word);
    };
    let mut last_was_hanzi = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if last_was_hanzi {
                pending_dash = true;
            }
            push_word(
                &mut out,
                &c.to_ascii_lowercase().to_string(),
                &mut pending_dash,
            );
            last_was_hanzi = false;
        } else if let Some(py) = c.to_pinyin() {
            pending_dash = true;
            // Toneless pinyin still writes ü (法律 → fǎlǜ → "lü"); URLs are
            // ASCII, so it becomes v, as pinyin keyboards type it.
            let plain = py.plain();
            if plain.contains('ü') {
                push_word(&mut out, &plain.replace('ü', "v"), &mut pending_dash);
            } else {
                push_word(&mut out, plain, &mut pending_dash);
            }
            pending_dash = true;
            last_was_hanzi = true;
        } else {
            pending_dash = true;
            last_was_hanzi = false;
        }
    }
    out
}

/// Whether `slug` as an editor wrote it in front matter is acceptable: one
/// path segment of ASCII letters, digits, `-` and `_`, so it can never leave
/// its folder.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks an alias such as `/old/path/` and returns it normalised to
/// `/old/path/`, or why it cannot be used. An alias is a path inside the site:
/// no `..`, no backslashes, no encoded separators, no drive letters.
pub fn normalise_alias(alias: &str) -> Result<String, String> {
    if !alias.starts_with('/') {
        return Err(crate::t!("alias-not-path"));
    }
    if alias.contains("://") || alias.starts_with("//") {
        return Err(crate::t!("alias-elsewhere"));
    }
    if alias.contains('\\') || alias.contains('%') || alias.contains(':') {
        return Err(crate::t!("alias-bad-chars"));
    }
    let segments: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err(crate::t!("alias-front-page"));
    }
    if segments
        .iter()
        .any(|s| *s == "." || *s == ".." || s.chars().any(|c| c.is_control()))
    {
        return Err(crate::t!("alias-dots"));
    }
    let last = segments.last().copied().unwrap_or_default();
    if last.ends_with(".html") || last.ends_with(".htm") {
        Ok(format!("/{}", segments.join("/")))
    } else if last.contains('.') {
        // `/atom.xml` would become a folder `atom.xml/` beside the real feed.
        Err(crate::t!("alias-not-page"))
    } else {
        Ok(format!("/{}/", segments.join("/")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_pinyin() {
        assert_eq!(slugify("泾县"), "jing-xian");
        assert_eq!(slugify("安徽省"), "an-hui-sheng");
        assert_eq!(slugify("五一劳动奖章"), "wu-yi-lao-dong-jiang-zhang");
    }

    /// Guards that slugs stay ASCII: toneless pinyin keeps ü.
    #[test]
    fn u_umlaut_becomes_v() {
        assert_eq!(slugify("法律援助"), "fa-lv-yuan-zhu");
        assert_eq!(slugify("女职工"), "nv-zhi-gong");
        assert!(slugify("绿色旅游").is_ascii());
    }

    #[test]
    fn mixed_text() {
        assert_eq!(slugify("12351热线 APP"), "12351-re-xian-app");
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("“产改”"), "chan-gai");
        assert_eq!(slugify("！？"), "");
    }

    #[test]
    fn aliases_cannot_escape() {
        assert_eq!(normalise_alias("/old/path").unwrap(), "/old/path/");
        assert_eq!(normalise_alias("/a.html").unwrap(), "/a.html");
        for bad in [
            "old",
            "/../x",
            "/a/../../b",
            "/a\\b",
            "/a%2e%2e/",
            "//evil.org/",
            "/c:/x",
            "/",
        ] {
            assert!(normalise_alias(bad).is_err(), "{bad}");
        }
    }
}
