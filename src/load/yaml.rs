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
        return Err(
            Diagnostic::error(Location::at(file, first_line, 1), crate::t!("yaml-empty"))
                .help(crate::t!("yaml-empty-help")),
        );
    }
    if let Some(offset) = too_deep(text) {
        let (line, column) = crate::load::line_col(text, offset);
        return Err(Diagnostic::error(
            Location::at(file, first_line + line - 1, column),
            crate::t!("yaml-too-deep", limit = MAX_FLOW_DEPTH),
        )
        .help(crate::t!("yaml-too-deep-help")));
    }
    if let Some(d) = full_width(text, file, first_line).into_iter().next() {
        return Err(d);
    }
    serde_yaml::from_str(text).map_err(|err| describe(&err, text, file, first_line))
}

/// Full-width punctuation that a Chinese input method types where YAML
/// needs its ASCII form: `title：…` (the colon after a key), `title:　…`
/// (an ideographic space after it), `tags: ［…］` or `【…】` (the brackets
/// of a list). Each is reported at its own column with the character to
/// type instead. Full-width characters inside values are text and fine,
/// except full-width quotes around a whole list item (see
/// [`quoted_items`]).
pub fn full_width(text: &str, file: &Path, first_line: usize) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = |column: usize| Location::at(file, first_line + n, column);
        quoted_items(line, &at, &mut problems);
        let key_len = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        if key_len == 0 {
            continue;
        }
        let rest = &line[key_len..];
        let wrong = |found: char, right: &str, column: usize| {
            let name = match found {
                '：' => crate::t!("char-colon"),
                '　' => crate::t!("char-space"),
                _ => crate::t!("char-bracket"),
            };
            let found = found.to_string();
            Diagnostic::error(
                at(column),
                crate::t!("yaml-full-width", name = &name, found = &found),
            )
            .help(crate::t!(
                "yaml-full-width-help",
                name = &name,
                found = &found,
                right = right
            ))
        };
        if rest.starts_with('：') {
            problems.push(wrong('：', ":", key_len + 1));
            continue;
        }
        let Some(value) = rest.strip_prefix(':') else {
            continue;
        };
        let mut column = key_len + 2;
        for (i, c) in value.chars().enumerate() {
            match c {
                ' ' => continue,
                '　' if value.chars().take(i).all(|c| c == ' ' || c == '　') => {
                    problems.push(wrong('　', " ", column + i));
                }
                '［' | '【' => {
                    problems.push(wrong(c, "[", column + i));
                    break;
                }
                _ => break,
            }
        }
        // The closing bracket of a list opened with one of them.
        if let Some(open) = value.trim_start_matches([' ', '　']).chars().next()
            && (open == '［' || open == '【')
        {
            let close = if open == '［' { '］' } else { '】' };
            if let Some(i) = value.chars().position(|c| c == close) {
                column += i;
                problems.push(wrong(close, "]", column));
            }
        }
    }
    problems
}

/// List items wrapped in full-width quotes, `tags: [“技能竞赛”, “工匠”]` or
/// `- “张三”`: YAML takes only `"` and `'` as quotes, so the name would be
/// `“技能竞赛”` with the quotes in it, a tag page of its own. A quote inside
/// an item (`“五一”劳动奖章`) is text. Each item is reported at its opening
/// quote, with the item as it should be typed.
fn quoted_items(line: &str, at: &dyn Fn(usize) -> Location, problems: &mut Vec<Diagnostic>) {
    // The items of the line, each with the column of its first character.
    let mut items: Vec<(usize, &str)> = Vec::new();
    let indent = line.len() - line.trim_start_matches(' ').len();
    if let Some(item) = line[indent..].strip_prefix("- ") {
        let skipped = item.len() - item.trim_start_matches(' ').len();
        items.push((indent + 3 + skipped, item.trim()));
    } else if let Some(colon) = line.find(':')
        && line[..colon]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && let value = &line[colon + 1..]
        && let Some(open) = value.find('[')
        && value[..open].chars().all(|c| c == ' ')
    {
        let inside = &value[open + 1..];
        let inside = &inside[..inside.rfind(']').unwrap_or(inside.len())];
        // Columns count characters, as an editor's cursor does.
        let mut column = line[..colon + 1 + open + 1].chars().count() + 1;
        for item in inside.split(',') {
            let lead = item.chars().take_while(|c| *c == ' ').count();
            items.push((column + lead, item.trim()));
            column += item.chars().count() + 1;
        }
    }
    for (column, item) in items {
        if let Some(inner) = item.strip_prefix('“').and_then(|i| i.strip_suffix('”'))
            && !inner.is_empty()
            && !inner.contains(['“', '”'])
        {
            problems.push(
                Diagnostic::error(at(column), crate::t!("yaml-full-width-quotes", item = item))
                    .help(crate::t!("yaml-full-width-quotes-help", inner = inner)),
            );
        }
    }
}

/// What could be made of YAML with mistakes: every mistake found, and the
/// value made of the rest when the rest makes one (so that its other
/// checks can still be done and reported in the same run).
#[derive(Debug)]
pub struct Partial<T> {
    /// Boxed: a front matter's fields are large beside the mistakes.
    pub value: Option<Box<T>>,
    pub problems: Vec<Diagnostic>,
}

/// [`parse`], but going on after a mistake: the field it is in is set
/// aside and the rest checked again, so that one run reports every
/// unknown field and every bad value of a file, not only the first.
pub fn parse_all<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Partial<T>> {
    let typed = full_width(text, file, first_line);
    if !typed.is_empty() {
        return Err(Partial {
            value: None,
            problems: typed,
        });
    }
    let first = match parse(text, file, first_line) {
        Ok(value) => return Ok(value),
        Err(d) => d,
    };
    let mut problems = vec![first];
    // Nesting too deep to parse in reasonable time is reported alone.
    if too_deep(text).is_some() {
        return Err(Partial {
            value: None,
            problems,
        });
    }
    // Only YAML that reads as a mapping can be checked field by field.
    let Ok(serde_yaml::Value::Mapping(mut map)) = serde_yaml::from_str(text) else {
        return Err(Partial {
            value: None,
            problems,
        });
    };
    let mut set_aside: Vec<String> = Vec::new();
    while !map.is_empty() {
        // Read back from text, so that serde names the field of each
        // mistake (it does not when reading a Value).
        let rest = serde_yaml::to_string(&map).unwrap_or_default();
        let err = match serde_yaml::from_str::<T>(&rest) {
            Ok(value) => {
                return Err(Partial {
                    value: Some(Box::new(value)),
                    problems,
                });
            }
            Err(err) => err,
        };
        let raw = err.to_string();
        let (message, _) = strip_places(&raw);
        let (path, detail) = split_path(&message);
        let key = if let Some(rest) = detail.strip_prefix("unknown field `") {
            rest.split('`').next().unwrap_or_default()
        } else if let Some(rest) = detail.strip_prefix("missing field `") {
            // Missing because it was set aside: already reported.
            let missing = rest.split('`').next().unwrap_or_default();
            if !set_aside.iter().any(|k| k == missing) {
                let mut d = describe(&err, text, file, first_line);
                // Its place in the text read back, not in `text`, unless
                // it is a missing field of the front matter's own.
                if d.field.is_none() {
                    d.location = Location::at(file, first_line, 1);
                }
                if !problems.iter().any(|p| p.message == d.message) {
                    problems.push(d);
                }
            }
            break;
        } else if !path.is_empty() {
            path.split(['.', '[']).next().unwrap_or_default()
        } else {
            // The top-level key whose lines hold the place of the mistake.
            let line = err.location().map_or(1, |l| l.line());
            rest.lines()
                .take(line)
                .filter(|l| !l.starts_with([' ', '-', '#']))
                .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim_matches(['"', '\''])))
                .last()
                .unwrap_or_default()
        };
        if key.is_empty() || !map.contains_key(key) {
            break;
        }
        let (line, mut column) = locate(text, key, None).unwrap_or((1, 1));
        // A bad value is pointed at where the value starts, as serde does
        // for the first mistake.
        if !detail.starts_with("unknown field")
            && let Some(after) = text.lines().nth(line - 1).and_then(|l| l.strip_prefix(key))
            && let Some(value) = after.strip_prefix(':')
            && !value.trim().is_empty()
        {
            let spaces = value.chars().take_while(|c| *c == ' ').count();
            column = key.chars().count() + 2 + spaces;
        }
        let mut d = describe(&err, text, file, first_line);
        d.location = Location::at(file, first_line + line - 1, column);
        let same_line = |p: &Diagnostic| p.location.line == d.location.line;
        if !problems
            .iter()
            .any(|p| p.message == d.message || same_line(p))
        {
            problems.push(d);
        }
        map.remove(key);
        set_aside.push(key.to_string());
    }
    Err(Partial {
        value: None,
        problems,
    })
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
    // The message about one field's value, named when serde names it.
    let in_field = |message: String| {
        if field.is_empty() {
            message
        } else {
            crate::t!("yaml-in-field", field = field, message = message)
        }
    };

    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let mut d = Diagnostic::error(location, crate::t!("yaml-unknown-field", field = unknown));
        let fields = expected.join(", ");
        d = match closest(unknown, expected.iter().copied()) {
            Some(best) => d.help(crate::t!(
                "yaml-unknown-field-best",
                best = best,
                fields = fields
            )),
            None => d.help(crate::t!("yaml-unknown-field-help", fields = fields)),
        };
        return d;
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let missing = rest.split('`').next().unwrap_or_default();
        if !field.is_empty() {
            // Of a field's value (`image: {alt: …}`): where it is.
            return Diagnostic::error(location, crate::t!("yaml-missing-field", field = missing))
                .help(crate::t!("yaml-missing-field-help", field = missing));
        }
        // Where serde noticed (the mapping's start, the first field) is
        // no place of the missing field's.
        return Diagnostic::error(
            where_missing_goes(text, file, first_line),
            crate::t!("yaml-missing-field", field = missing),
        )
        .help(crate::t!("yaml-missing-field-help", field = missing))
        .about(missing);
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let got = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return Diagnostic::error(
            location,
            in_field(crate::t!("yaml-unknown-variant", value = got)),
        )
        .help(crate::t!(
            "yaml-unknown-variant-help",
            values = expected.join(", ")
        ));
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let d = Diagnostic::error(
            location,
            in_field(crate::t!(
                "yaml-wrong-type",
                expected = plain_type(expected),
                found = plain_type(found)
            )),
        );
        return if expected.contains("string")
            && !found.contains("sequence")
            && !found.contains("map")
        {
            d.help(crate::t!("yaml-wrong-type-quote"))
        } else if expected.contains("sequence") {
            d.help(crate::t!("yaml-wrong-type-list"))
        } else {
            d.help(crate::t!("yaml-check-form"))
        };
    }
    if detail.contains("repetition limit") {
        return Diagnostic::error(location, crate::t!("yaml-anchors"))
            .help(crate::t!("yaml-anchors-help"));
    }
    if detail.contains("recursion limit") {
        return Diagnostic::error(location, crate::t!("yaml-nested"))
            .help(crate::t!("yaml-nested-help"));
    }
    if let Some(rest) = detail.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(location, crate::t!("yaml-duplicate", field = field))
            .help(crate::t!("yaml-duplicate-help"));
    }
    if detail.starts_with("data did not match any variant") {
        return Diagnostic::error(location, in_field(crate::t!("yaml-unknown-form")))
            .help(crate::t!("yaml-check-form"));
    }
    if message.contains("while parsing a flow sequence") {
        return Diagnostic::error(location, crate::t!("yaml-open-list"))
            .help(crate::t!("yaml-open-list-help"));
    }
    if message.contains("while parsing a flow mapping") {
        return Diagnostic::error(location, crate::t!("yaml-open-mapping"))
            .help(crate::t!("yaml-open-mapping-help"));
    }
    if message.contains("mapping values are not allowed") {
        return Diagnostic::error(location, crate::t!("yaml-stray-colon"))
            .help(crate::t!("yaml-stray-colon-help"));
    }
    if message.contains("while scanning a quoted scalar") {
        return Diagnostic::error(location, crate::t!("yaml-open-quote"))
            .help(crate::t!("yaml-open-quote-help"));
    }
    let hint = if text.contains('\t') {
        crate::t!("yaml-tabs-help")
    } else {
        crate::t!("yaml-syntax-help")
    };
    Diagnostic::error(location, crate::t!("yaml-unreadable", reason = message)).help(hint)
}

/// Where a field missing from the YAML `text` (whose first line is line
/// `first_line` of `file`) would be written: the line after its last,
/// which closes a front matter.
fn where_missing_goes(text: &str, file: &Path, first_line: usize) -> Location {
    Location::at(file, first_line + text.lines().count(), 1)
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

fn plain_type(serde_words: &str) -> String {
    let w = serde_words.trim();
    if w.starts_with("sequence") || w.contains("sequence") {
        crate::t!("type-list")
    } else if w.starts_with("map") || w.starts_with("struct") || w.contains("map") {
        crate::t!("type-mapping")
    } else if w.contains("string") || w.starts_with("a string") {
        crate::t!("type-text")
    } else if w.starts_with("integer")
        || w.contains("integer")
        || w.contains("u32")
        || w.contains("usize")
    {
        crate::t!("type-whole-number")
    } else if w.starts_with("boolean") || w.contains("bool") {
        crate::t!("type-bool")
    } else if w.starts_with("floating") {
        crate::t!("type-number")
    } else if w.starts_with("unit") || w.contains("null") {
        crate::t!("type-nothing")
    } else {
        w.to_string()
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
        assert_eq!(d.message, crate::t!("yaml-too-deep", limit = 100));
        assert_eq!((d.location.line, d.location.column), (Some(3), Some(108)));
    }

    /// Front matter is read for all its problems at once; nesting too deep
    /// to parse is the one problem reported, without parsing it again.
    #[test]
    fn deep_flow_nesting_is_the_only_problem_reported() {
        let front = format!("title: x\nextra: {}\n", "[".repeat(1_000_000));
        let partial = parse_all::<ArticleFront>(&front, Path::new("a.md"), 2).unwrap_err();
        assert!(partial.value.is_none());
        let messages: Vec<_> = partial.problems.iter().map(|d| &d.message).collect();
        assert_eq!(messages, [&crate::t!("yaml-too-deep", limit = 100)]);
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
        assert_eq!(d.message, crate::t!("yaml-anchors"));
        assert_eq!(d.help.unwrap(), crate::t!("yaml-anchors-help"));
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
        assert_eq!(d.message, crate::t!("yaml-duplicate", field = "title"));
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
        assert_eq!(d.message, crate::t!("yaml-open-quote"), "{raw}");
        assert_eq!(
            (d.location.line, d.location.column),
            (Some(2), Some(8)),
            "{raw}"
        );
    }
}
