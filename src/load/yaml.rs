//! YAML into typed values, with errors an editor can read.
//!
//! serde_yaml reports where a problem is in the YAML text; we shift that by
//! where the YAML starts in its file, and rewrite serde's wording ("invalid
//! type: sequence, expected a string") into plain words with a hint.

use serde::de::DeserializeOwned;
use std::path::Path;

use crate::error::{Diagnostic, Location, closest};

/// Parses `text`, which starts on line `first_line` (1-based) of `file`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            Location::at(file, first_line, 1),
            "the front matter is empty",
        )
        .help("add at least the required fields, for example `title: …`"));
    }
    if let Some(offset) = too_deep(text) {
        let (line, column) = crate::load::line_col(text, offset);
        return Err(Diagnostic::error(
            Location::at(file, first_line + line - 1, column),
            format!("the front matter nests `[` or `{{` more than {MAX_FLOW_DEPTH} levels deep"),
        )
        .help("front matter holds plain fields and short lists; close the brackets or put the value in quotes"));
    }
    serde_yaml::from_str(text).map_err(|err| describe(&err, text, file, first_line))
}

/// Deeper `[`/`{` nesting than this is refused before the YAML parser sees
/// it: the parser's time grows with the square of the depth (40,000 `[` took
/// 18 s, 80,000 never finished), and serde_yaml refuses nesting beyond 128
/// levels anyway, so no valid front matter is lost.
pub const MAX_FLOW_DEPTH: usize = 100;

/// The byte offset of the bracket that opens level `MAX_FLOW_DEPTH + 1`, if
/// any. Quotes are not tracked: brackets in quoted text only count towards a
/// limit that no headline comes near.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn describe(err: &serde_yaml::Error, text: &str, file: &Path, first_line: usize) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; we print the place ourselves.
    // libyaml's messages may name two places: where it noticed ("found
    // unexpected end of stream at line 3 column 1") and where the construct
    // that went wrong started ("while scanning a quoted scalar at line 1
    // column 8"). The start is where an editor should look.
    let (message, places) = strip_places(&raw);
    let (line, column) = match (places.get(1), err.location()) {
        (Some(&start), _) => start,
        (None, Some(loc)) => (loc.line(), loc.column()),
        (None, None) => (1, 1),
    };
    let location = Location::at(file, first_line + line - 1, column);
    let (field, detail) = split_path(&message);
    let prefix = if field.is_empty() {
        String::new()
    } else {
        format!("`{field}`: ")
    };

    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let mut d = Diagnostic::error(location, format!("unknown field `{unknown}`"));
        d = match closest(unknown, expected.iter().copied()) {
            Some(best) => d.help(format!(
                "did you mean `{best}`? Valid fields are: {}",
                expected.join(", ")
            )),
            None => d.help(format!("remove it, or use one of: {}", expected.join(", "))),
        };
        return d;
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let missing = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(
            location,
            format!("the required field `{missing}` is missing"),
        )
        .help(format!("add a line `{missing}: …`"));
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let got = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return Diagnostic::error(
            location,
            format!("{prefix}`{got}` is not one of the allowed values"),
        )
        .help(format!("use one of: {}", expected.join(", ")));
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let d = Diagnostic::error(
            location,
            format!(
                "{prefix}expected {} but found {}",
                plain_type(expected),
                plain_type(found)
            ),
        );
        return if expected.contains("string")
            && !found.contains("sequence")
            && !found.contains("map")
        {
            d.help("put the value in quotes, for example `title: \"2024\"`")
        } else if expected.contains("sequence") {
            d.help("write a list, for example `tags: [技能竞赛, 工匠学堂]`")
        } else {
            d.help("check the value's form against the content format in the README")
        };
    }
    if detail.contains("repetition limit") {
        return Diagnostic::error(
            location,
            "the YAML repeats its anchors so often that it would grow too large to read",
        )
        .help("front matter holds plain fields; remove the anchors (&) and aliases (*)");
    }
    if detail.contains("recursion limit") {
        return Diagnostic::error(location, "the YAML is nested too deeply to be front matter")
            .help("front matter holds plain fields and short lists; flatten the nesting");
    }
    if let Some(rest) = detail.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(location, format!("the field `{field}` is given twice"))
            .help("keep one of the two lines");
    }
    if detail.starts_with("data did not match any variant") {
        return Diagnostic::error(
            location,
            format!("{prefix}this value does not have a form we understand"),
        )
        .help("check its form against the content format in the README");
    }
    if message.contains("while parsing a flow sequence") {
        return Diagnostic::error(
            location,
            "a list opened here with `[` is not closed with `]`",
        )
        .help("close the list, and separate its items with commas: `tags: [技能竞赛, 工匠学堂]`");
    }
    if message.contains("while parsing a flow mapping") {
        return Diagnostic::error(
            location,
            "a mapping opened here with `{` is not closed with `}`",
        )
        .help("close it with `}`, and separate its entries with commas");
    }
    if message.contains("mapping values are not allowed") {
        return Diagnostic::error(location, "a colon here is out of place")
            .help("put a value that contains `: ` in quotes, and check that this line is indented like the ones around it");
    }
    if message.contains("while scanning a quoted scalar") {
        return Diagnostic::error(location, "a quotation mark opened here is never closed")
            .help("add the closing quotation mark at the end of the value");
    }
    let hint = if text.contains('\t') {
        "YAML does not allow tabs for indentation; use spaces"
    } else {
        "check the YAML syntax near this place: a missing quote, colon or space after a colon"
    };
    Diagnostic::error(location, format!("the YAML cannot be read: {message}")).help(hint)
}

/// The message without its " at line L column C" parts, and those places.
fn strip_places(raw: &str) -> (String, Vec<(usize, usize)>) {
    let mut message = String::with_capacity(raw.len());
    let mut places = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        message.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let line: String = after.chars().take_while(char::is_ascii_digit).collect();
        let after = &after[line.len()..];
        let Some(after) = after.strip_prefix(" column ") else {
            message.push_str(" at line ");
            message.push_str(&line);
            rest = after;
            continue;
        };
        let column: String = after.chars().take_while(char::is_ascii_digit).collect();
        places.push((line.parse().unwrap_or(1), column.parse().unwrap_or(1)));
        rest = &after[column.len()..];
    }
    message.push_str(rest);
    (message, places)
}

/// serde_yaml prefixes messages with the path of the value, `awards[0].name: …`.
fn split_path(message: &str) -> (&str, &str) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.contains(' ') && !path.is_empty() && !path.starts_with("invalid") =>
        {
            (path, rest)
        }
        _ => ("", message),
    }
}

fn plain_type(serde_words: &str) -> &str {
    let w = serde_words.trim();
    if w.starts_with("sequence") || w.contains("sequence") {
        "a list"
    } else if w.starts_with("map") || w.starts_with("struct") || w.contains("map") {
        "a mapping of `key: value` lines"
    } else if w.contains("string") || w.starts_with("a string") {
        "text"
    } else if w.starts_with("integer")
        || w.contains("integer")
        || w.contains("u32")
        || w.contains("usize")
    {
        "a whole number"
    } else if w.starts_with("boolean") || w.contains("bool") {
        "true or false"
    } else if w.starts_with("floating") {
        "a number"
    } else if w.starts_with("unit") || w.contains("null") {
        "nothing"
    } else {
        w
    }
}

/// The line (1-based, within `text`) and column where top-level `key:`
/// starts, and if `needle` is given, where it first occurs in that key's
/// value. Used to point at a value that parsed but is wrong (a bad date, an
/// unknown programme), which serde cannot locate for us.
pub fn locate(text: &str, key: &str, needle: Option<&str>) -> Option<(usize, usize)> {
    let mut lines = text.lines().enumerate();
    let prefix = format!("{key}:");
    let (start, line) = lines.by_ref().find(|(_, l)| l.starts_with(&prefix))?;
    let Some(needle) = needle else {
        return Some((start + 1, 1));
    };
    if let Some(col) = find_col(&line[prefix.len()..], needle) {
        return Some((start + 1, prefix.chars().count() + col));
    }
    for (n, l) in lines {
        if !l.starts_with([' ', '\t', '-']) && !l.is_empty() {
            break;
        }
        if let Some(col) = find_col(l, needle) {
            return Some((n + 1, col));
        }
    }
    Some((start + 1, 1))
}

/// Like [`locate`] for a list item: the line and column of the `nth`
/// (1-based) item of `key`'s block list that is exactly `item`, so that the
/// second of two equal lines, or `a` among `articles/a.md` and `a`, is found
/// rather than the first substring. Falls back to [`locate`].
pub fn locate_item(text: &str, key: &str, item: &str, nth: usize) -> Option<(usize, usize)> {
    let prefix = format!("{key}:");
    let mut lines = text.lines().enumerate();
    lines.by_ref().find(|(_, l)| l.starts_with(&prefix))?;
    let mut seen = 0;
    for (n, l) in lines {
        if !l.starts_with([' ', '\t', '-']) && !l.is_empty() {
            break;
        }
        let Some(value) = l.trim_start().strip_prefix('-') else {
            continue;
        };
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        if unquoted == item {
            seen += 1;
            if seen == nth {
                // The column of the value, after `- `.
                let start = l.len() - l.trim_start().len() + 1;
                let value_at = start + l[start..].len() - l[start..].trim_start().len();
                return Some((n + 1, l[..value_at].chars().count() + 1));
            }
        }
    }
    locate(text, key, Some(item))
}

fn find_col(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| line[..i].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::front::ArticleFront;

    fn error_of(front: &str) -> Diagnostic {
        parse::<ArticleFront>(front, Path::new("a.md"), 2).unwrap_err()
    }

    /// Guards against a hang: 80,000 `[` kept the YAML parser busy for minutes.
    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let d = error_of(&format!("title: x\nextra: {}\n", "[".repeat(1_000_000)));
        assert!(d.message.contains("more than 100 levels"), "{}", d.message);
        assert_eq!((d.location.line, d.location.column), (Some(3), Some(108)));
    }

    #[test]
    fn an_alias_bomb_gets_plain_words() {
        let mut yaml = String::from(
            "title: x\ndate: 2024-01-01\nextra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        );
        for i in 1..10u8 {
            let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
            yaml.push_str(&format!(
                "  {c}: &{c} [{}]\n",
                vec![format!("*{p}"); 9].join(", ")
            ));
        }
        let d = error_of(&yaml);
        assert!(d.message.contains("repeats its anchors"), "{}", d.message);
        assert!(d.help.unwrap().contains("aliases"));
    }

    #[test]
    fn list_items_are_found_exactly_and_by_occurrence() {
        let text = "title: B\narticles:\n  - articles/a.md\n  - a\n  - \"a\"\n";
        assert_eq!(locate_item(text, "articles", "a", 1), Some((4, 5)));
        assert_eq!(locate_item(text, "articles", "a", 2), Some((5, 5)));
        assert_eq!(
            locate_item(text, "articles", "articles/a.md", 1),
            Some((3, 5))
        );
    }

    #[test]
    fn a_field_given_twice_is_named() {
        let d = error_of("title: a\ndate: 2024-01-01\ntitle: b\n");
        assert_eq!(d.message, "the field `title` is given twice");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Front {
        title: String,
    }

    fn error(text: &str) -> Diagnostic {
        parse::<Front>(text, Path::new("a.md"), 2).unwrap_err()
    }

    #[test]
    fn unclosed_quote_points_at_the_quote() {
        let raw = serde_yaml::from_str::<Front>("title: \"t\ndate: x\n")
            .unwrap_err()
            .to_string();
        let d = error("title: \"t\ndate: x\n");
        assert_eq!(
            d.message, "a quotation mark opened here is never closed",
            "{raw}"
        );
        assert_eq!(
            (d.location.line, d.location.column),
            (Some(2), Some(8)),
            "{raw}"
        );
    }
}
