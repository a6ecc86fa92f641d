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
    serde_yaml::from_str(text).map_err(|err| describe(&err, text, file, first_line))
}

fn describe(err: &serde_yaml::Error, text: &str, file: &Path, first_line: usize) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; we print the place ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    // A syntax error may say where the construct it was reading began
    // (", while parsing a flow sequence at line 3 column 7"): that is often
    // where the mistake is, so keep it, in the file's line numbers.
    let context = raw
        .split_once(", while ")
        .and_then(|(_, rest)| {
            let (what, place) = rest.rsplit_once(" at line ")?;
            let (line, column) = place.split_once(" column ")?;
            let line: usize = line.trim().parse().ok()?;
            let column: usize = column.trim().parse().ok()?;
            Some(format!(
                " (while {what} that starts on line {}, column {column})",
                first_line + line - 1
            ))
        })
        .unwrap_or_default();
    let (line, column) = match err.location() {
        Some(loc) => (loc.line(), loc.column()),
        None => (1, 1),
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
    if detail.contains("recursion limit") || detail.contains("repetition limit") {
        return Diagnostic::error(
            location,
            "the YAML is nested or repeated too deeply to be front matter",
        )
        .help("front matter holds plain fields; remove the anchors (&) and aliases (*)");
    }
    if detail.starts_with("data did not match any variant") {
        return Diagnostic::error(
            location,
            format!("{prefix}this value does not have a form we understand"),
        )
        .help("check its form against the content format in the README");
    }
    let hint = if text.contains('\t') {
        "YAML does not allow tabs for indentation; use spaces"
    } else {
        "check the YAML syntax near this place: a missing quote, colon or space after a colon"
    };
    Diagnostic::error(
        location,
        format!("the YAML cannot be read: {message}{context}"),
    )
    .help(hint)
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

fn find_col(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| line[..i].chars().count() + 1)
}
