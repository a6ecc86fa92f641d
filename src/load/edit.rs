//! Changes to a document's front matter made on its text, as a person would
//! make them in an editor: the changed field's lines are replaced, a new
//! field goes where the content format lists it, and everything else —
//! other fields in their order and spelling, comments, blank lines, unknown
//! keys, the body — is kept byte for byte.
//!
//! Re-serialising the parsed YAML would be shorter and would lose what
//! editors wrote: serde_yaml keeps no comments, no key order of unknown
//! keys, no quoting style. No crate here edits YAML text in place while
//! keeping comments, so this module does the one thing needed, on top-level
//! fields only, and leaves the reading to the loader: the result is parsed
//! again by the caller like any file.
//!
//! A top-level field is a line that starts at column 0 with `key:` (the key
//! plain or quoted) and the lines after it that belong to it: indented lines,
//! blank lines followed by more of them, and `- ` items of a block sequence
//! written at column 0. A comment at column 0 is left where it is.

/// The comment `import` puts after each field it guessed; `check` warns
/// while one remains, and a field set by the editor loses it.
pub const GUESSED: &str = "# guessed from:";

/// The content format's fields in the order a person writes them
/// (PRODUCT.md, "An article"); a new field is put after the last present
/// field that comes before it here.
pub const ARTICLE_ORDER: &[&str] = &[
    "title",
    "date",
    "updated",
    "draft",
    "kicker",
    "subtitle",
    "summary",
    "kind",
    "authors",
    "trainees",
    "correspondents",
    "interns",
    "photographers",
    "writers",
    "region",
    "organisations",
    "programmes",
    "awards",
    "tags",
    "image",
    "slug",
    "aliases",
    "extra",
];

/// A value as it is written after `key:`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Bool(bool),
    Number(i64),
    /// A flow list of texts: `[a, b]`.
    List(Vec<String>),
    /// A block list of mappings, as `awards:` is written.
    Items(Vec<Vec<(String, Value)>>),
}

/// One change to one top-level field.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Set(String, Value),
    Remove(String),
}

/// Why a text cannot be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text does not start with a `---` line, or that block never ends.
    NoFrontMatter,
    /// A key that no field can have (empty, or with a character YAML reads
    /// as syntax).
    BadKey(String),
}

/// A YAML double-quoted string: safe for any text. JSON's form is one,
/// except that YAML also breaks lines at NEL, LS and PS.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('\u{85}', "\\x85")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `[a, b]`, each item quoted.
pub fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The lines of `key: value`, without the final newline; `indent` spaces
/// before each.
fn write_field(key: &str, value: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    match value {
        Value::Text(s) => format!("{pad}{key}: {}", quote(s)),
        Value::Bool(b) => format!("{pad}{key}: {b}"),
        Value::Number(n) => format!("{pad}{key}: {n}"),
        Value::List(items) => format!("{pad}{key}: {}", flow_list(items)),
        Value::Items(items) if items.is_empty() => format!("{pad}{key}: []"),
        Value::Items(items) => {
            let mut out = format!("{pad}{key}:");
            for item in items {
                for (i, (k, v)) in item.iter().enumerate() {
                    let line = write_field(k, v, indent + 4);
                    out.push('\n');
                    if i == 0 {
                        // `  - name: …`: the first key shares the dash's line.
                        out.push_str(&format!("{pad}  - {}", &line[indent + 4..]));
                    } else {
                        out.push_str(&line);
                    }
                }
            }
            out
        }
    }
}

/// The text with `changes` applied to its front matter, in order. The body
/// and every field not named are kept byte for byte; line endings follow
/// the file's (`\r\n` if its first line has one).
pub fn edit(text: &str, changes: &[Change]) -> Result<String, EditError> {
    let (front, rest) = split(text).ok_or(EditError::NoFrontMatter)?;
    let crlf = text.starts_with("---\r\n");
    let mut lines: Vec<String> = front
        .split_inclusive('\n')
        .map(|l| l.trim_end_matches(['\n', '\r']).to_string())
        .collect();
    for change in changes {
        let key = match change {
            Change::Set(k, _) | Change::Remove(k) => k,
        };
        if key.is_empty()
            || key.contains([':', '#', '\n', '"', '\''])
            || key.starts_with(['-', ' '])
        {
            return Err(EditError::BadKey(key.clone()));
        }
        let found = field(&lines, key);
        match (change, found) {
            (Change::Set(_, value), Some(span)) => {
                let kept = inline_comment(&lines[span.start])
                    .filter(|c| !c.starts_with(GUESSED) && matches!(span.len(), 1))
                    .map(|c| format!("  {c}"));
                let written = write_field(key, value, 0);
                let mut new: Vec<String> = written.lines().map(str::to_string).collect();
                if let (Some(c), false) = (kept, matches!(value, Value::Items(i) if !i.is_empty()))
                {
                    new[0].push_str(&c);
                }
                lines.splice(span, new);
            }
            (Change::Set(_, value), None) => {
                let at = place_for(&lines, key);
                let written = write_field(key, value, 0);
                lines.splice(at..at, written.lines().map(str::to_string));
            }
            (Change::Remove(_), Some(span)) => {
                lines.drain(span);
            }
            (Change::Remove(_), None) => {}
        }
    }
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut out = format!("---{eol}");
    for line in &lines {
        out.push_str(line);
        out.push_str(eol);
    }
    out.push_str(rest);
    Ok(out)
}

/// The front matter (after the opening `---` line) and the rest, from the
/// closing `---` or `...` line on.
fn split(text: &str) -> Option<(&str, &str)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut offset = first.len();
    for line in lines {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((&text[first.len()..offset], &text[offset..]));
        }
        offset += line.len();
    }
    None
}

/// The key a line at column 0 starts a field of.
pub fn key_of(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    for q in ['"', '\''] {
        if let Some(rest) = line.strip_prefix(q) {
            let end = rest.find(q)?;
            return rest[end + 1..]
                .trim_start()
                .starts_with(':')
                .then(|| &rest[..end]);
        }
    }
    let colon = line.find(':')?;
    let after = &line[colon + 1..];
    (after.is_empty() || after.starts_with([' ', '\t'])).then(|| line[..colon].trim_end())
}

/// The lines of the field `key`: its key line and what belongs to it.
fn field(lines: &[String], key: &str) -> Option<std::ops::Range<usize>> {
    let start = lines.iter().position(|l| key_of(l) == Some(key))?;
    let mut end = start + 1;
    let mut last = end;
    while end < lines.len() {
        let l = &lines[end];
        if l.trim().is_empty() {
            end += 1;
            continue;
        }
        if l.starts_with([' ', '\t']) || l.starts_with("- ") || l == "-" {
            end += 1;
            last = end;
            continue;
        }
        break;
    }
    // Blank lines after the field stay where they are.
    Some(start..last)
}

/// Where a new field `key` goes: after the last present field that comes
/// before it in the content format's order, else before the first field
/// that comes after it, else at the end.
fn place_for(lines: &[String], key: &str) -> usize {
    let rank = |k: &str| ARTICLE_ORDER.iter().position(|o| *o == k);
    let Some(mine) = rank(key) else {
        return lines.len();
    };
    let mut after = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(r) = key_of(l).and_then(rank)
            && r < mine
        {
            after = Some(field(lines, key_of(l).unwrap_or_default()).map_or(i + 1, |s| s.end));
        }
    }
    if let Some(at) = after {
        return at;
    }
    lines
        .iter()
        .position(|l| key_of(l).and_then(rank).is_some_and(|r| r > mine))
        .unwrap_or(lines.len())
}

/// The `# …` comment at the end of a line, outside quotes.
fn inline_comment(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if c == '\\' => {}
            Some(q) if c == q && !(q == '"' && prev == '\\') => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (prev == ' ' || prev == '\t') => return Some(&line[i..]),
            None => {}
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"---
title: 旧标题   # 编辑部定
date: 2024-12-20  # guessed from: 本报北京12月19日电
kind: news
authors: [邹偶然]
# 地区按省/市/县写
region: "浙江省/宁波市/北仑区"
awards:
  - name: 五一劳动奖章
    recipients: [张三]
tags:
- 工匠学堂
- 技能培训

extra:
  column: 一线
---

Body ---
---
"#;

    fn set(key: &str, value: Value) -> Change {
        Change::Set(key.into(), value)
    }

    fn front(text: &str) -> serde_yaml::Value {
        let (front, _) = split(text).unwrap();
        serde_yaml::from_str(front).unwrap()
    }

    #[test]
    fn a_changed_field_is_the_only_changed_line() {
        let out = edit(ARTICLE, &[set("kind", Value::Text("feature".into()))]).unwrap();
        let diff: Vec<(&str, &str)> = ARTICLE
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(diff, [("kind: news", "kind: \"feature\"")]);
        assert_eq!(ARTICLE.lines().count(), out.lines().count());
    }

    #[test]
    fn comments_are_kept_but_a_guess_is_confirmed_by_setting_it() {
        let out = edit(
            ARTICLE,
            &[
                set("title", Value::Text("新标题".into())),
                set("date", Value::Text("2024-12-19".into())),
            ],
        )
        .unwrap();
        assert!(out.contains("title: \"新标题\"  # 编辑部定\n"), "{out}");
        assert!(out.contains("date: \"2024-12-19\"\n"), "{out}");
        assert!(out.contains("# 地区按省/市/县写\nregion:"), "{out}");
    }

    #[test]
    fn block_fields_are_replaced_whole_and_read_back() {
        let awards = Value::Items(vec![
            vec![
                ("name".into(), Value::Text("全国五一劳动奖章".into())),
                (
                    "recipients".into(),
                    Value::List(vec!["李四".into(), "王五".into()]),
                ),
                ("count".into(), Value::Number(59)),
            ],
            vec![("name".into(), Value::Text("大国工匠".into()))],
        ]);
        let out = edit(
            ARTICLE,
            &[
                set("awards", awards),
                set("tags", Value::List(vec!["产改".into()])),
            ],
        )
        .unwrap();
        let y = front(&out);
        assert_eq!(y["awards"][0]["name"], "全国五一劳动奖章");
        assert_eq!(y["awards"][0]["recipients"][1], "王五");
        assert_eq!(y["awards"][0]["count"], 59);
        assert_eq!(y["awards"][1]["name"], "大国工匠");
        assert_eq!(y["tags"][0], "产改");
        assert_eq!(y["tags"].as_sequence().unwrap().len(), 1);
        assert_eq!(y["extra"]["column"], "一线");
        assert!(out.contains("tags: [\"产改\"]\n\nextra:"), "{out}");
    }

    #[test]
    fn a_new_field_goes_where_the_format_lists_it() {
        let out = edit(
            ARTICLE,
            &[
                set("subtitle", Value::Text("副题".into())),
                set("draft", Value::Bool(true)),
                set("image", Value::Text("lead.jpg".into())),
                set("colour", Value::Text("红".into())),
            ],
        )
        .unwrap();
        let keys: Vec<&str> = out.lines().filter_map(key_of).collect();
        assert_eq!(
            keys,
            [
                "title", "date", "draft", "subtitle", "kind", "authors", "region", "awards",
                "tags", "image", "extra", "colour"
            ]
        );
        assert_eq!(front(&out)["draft"], true);
    }

    #[test]
    fn removing_takes_the_field_and_its_lines_only() {
        let out = edit(
            ARTICLE,
            &[
                Change::Remove("awards".into()),
                Change::Remove("nothing".into()),
            ],
        )
        .unwrap();
        assert!(
            !out.contains("name:") && !out.contains("recipients"),
            "{out}"
        );
        assert!(
            out.contains("region: \"浙江省/宁波市/北仑区\"\ntags:\n"),
            "{out}"
        );
    }

    #[test]
    fn the_body_is_untouched_even_when_it_looks_like_front_matter() {
        let out = edit(ARTICLE, &[set("kind", Value::Text("brief".into()))]).unwrap();
        assert!(out.ends_with("---\n\nBody ---\n---\n"));
        let with_dots = "---\ntitle: a\n...\nbody\n";
        assert_eq!(
            edit(with_dots, &[set("title", Value::Text("b".into()))]).unwrap(),
            "---\ntitle: \"b\"\n...\nbody\n"
        );
    }

    #[test]
    fn line_endings_follow_the_file() {
        let text = "---\r\ntitle: a\r\nkind: news\r\n---\r\nbody\r\n";
        let out = edit(text, &[set("kind", Value::Text("photo".into()))]).unwrap();
        assert_eq!(out, "---\r\ntitle: a\r\nkind: \"photo\"\r\n---\r\nbody\r\n");
    }

    #[test]
    fn quoted_keys_and_tricky_values_are_found_and_kept() {
        let text = "---\n\"title\": \"a # not a comment\"  # 注\n'kind': news\nslug: a:b\n---\n";
        let out = edit(
            text,
            &[
                set("title", Value::Text("引号\"与#号\n换行".into())),
                set("kind", Value::Text("photo".into())),
            ],
        )
        .unwrap();
        let y = front(&out);
        assert_eq!(y["title"], "引号\"与#号\n换行");
        assert_eq!(y["kind"], "photo");
        assert_eq!(y["slug"], "a:b");
        assert!(out.contains("  # 注\n"), "{out}");
        assert_eq!(out.lines().filter_map(key_of).count(), 3, "{out}");
    }

    #[test]
    fn what_cannot_be_edited_is_refused() {
        assert_eq!(edit("no front matter", &[]), Err(EditError::NoFrontMatter));
        assert_eq!(edit("---\ntitle: a\n", &[]), Err(EditError::NoFrontMatter));
        for key in ["", "a: b", "# x", "- y", "a\nb"] {
            assert_eq!(
                edit(ARTICLE, &[set(key, Value::Bool(true))]),
                Err(EditError::BadKey(key.into()))
            );
        }
    }

    #[test]
    fn every_demo_article_round_trips() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
        let mut seen = 0;
        for year in std::fs::read_dir(&dir).unwrap() {
            let year = year.unwrap().path();
            if !year.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(year).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                assert_eq!(edit(&text, &[]).unwrap(), text);
                let out = edit(&text, &[set("title", Value::Text("改过的标题".into()))]).unwrap();
                let changed: Vec<_> = text
                    .lines()
                    .zip(out.lines())
                    .filter(|(a, b)| a != b)
                    .collect();
                assert_eq!(changed.len(), 1, "{out}");
                assert_eq!(front(&out)["title"], "改过的标题");
                let (before, after) = (front(&text), front(&out));
                for (k, v) in before.as_mapping().unwrap() {
                    if k != "title" {
                        assert_eq!(after[k], *v, "{k:?}");
                    }
                }
                seen += 1;
            }
        }
        assert!(
            seen >= 40,
            "the demo articles are in content/articles: {seen}"
        );
    }

    #[test]
    fn the_comment_finder_reads_quotes() {
        assert_eq!(inline_comment("a: b # c"), Some("# c"));
        assert_eq!(inline_comment("a: \"b # c\""), None);
        assert_eq!(inline_comment("a: 'b # c' # d"), Some("# d"));
        assert_eq!(inline_comment("a: \"b\\\" # c\" # d"), Some("# d"));
        assert_eq!(inline_comment("a: b#c"), None);
    }
}
