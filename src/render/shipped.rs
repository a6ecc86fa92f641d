//! The default theme's scripts and style sheets as a site ships them:
//! without their whole-line comments, blank lines and indentation.
//!
//! The theme's files are written to be read, and a third of their bytes are
//! comments; every reader downloads them, the search page's modules first
//! of all (at 10,000 articles they were some 40% of what a reader's first
//! search downloads). A minifier crate would take more (names, spaces
//! inside lines), but the ones that parse JavaScript are large (swc, oxc)
//! and a wrong rewrite breaks every reader; this touches only what cannot
//! be code. It is conservative: a line is dropped only when it is blank or
//! a comment from its first character to its last, and a file where that
//! cannot be told line by line (a template literal or a string running
//! over a line, a block comment closing in the middle of a line) is shipped
//! as it is. A file that carries a licence or an attribution (the vendored
//! inflate's MIT notice, the OpenCC tables' Apache-2.0 credit) is shipped as
//! it is too, since the notice must travel with the code; none of them is
//! on a first search's path. Only the built-in theme's files go through
//! here (and a theme folder's unchanged copies of them): a site's own theme
//! or `static/` files are copied byte for byte.

/// `text` (a `.js` or `.css` file of the default theme) without its
/// whole-line comments, blank lines and leading indentation; the file as
/// it is when a line cannot be told apart safely (see the module's note).
pub fn strip(name: &str, text: &str) -> Option<String> {
    let js = name.ends_with(".js");
    if (!js && !name.ends_with(".css")) || carries_notice(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        let t = line.trim();
        // Text that may run over a line: a template literal (an odd
        // number of backticks) or a string continued with a backslash.
        if t.bytes().filter(|&b| b == b'`').count() % 2 == 1 || t.ends_with('\\') {
            return None;
        }
        if in_block {
            if let Some(at) = t.find("*/") {
                if at + 2 != t.len() {
                    return None;
                }
                in_block = false;
            }
            continue;
        }
        if t.is_empty() || (js && t.starts_with("//")) {
            continue;
        }
        if let Some(rest) = t.strip_prefix("/*") {
            match rest.find("*/") {
                None => in_block = true,
                Some(at) if at + 2 == rest.len() => {}
                Some(_) => return None,
            }
            continue;
        }
        // A block comment opened after code would hide what follows it.
        // (A `*/` alone is a regular expression's, as in `/[…]*/g`.)
        if t.rfind("/*")
            .is_some_and(|open| !t[open + 2..].contains("*/"))
        {
            return None;
        }
        out.push_str(t);
        out.push('\n');
    }
    (!in_block).then_some(out)
}

/// Whether `text` names a licence or a copyright holder, which its copies
/// must keep.
fn carries_notice(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["licen", "copyright", "apache-2.0"]
        .iter()
        .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::{carries_notice, strip};

    #[test]
    fn whole_line_comments_and_indentation_go() {
        let js = "// The page.\n\nimport { a } from './a.js';\n\n/** A block\n * comment. */\nfunction f() {\n  // inside\n  return a; // kept: not a whole line\n}\n/* one line */\n";
        assert_eq!(
            strip("search.js", js).unwrap(),
            "import { a } from './a.js';\nfunction f() {\nreturn a; // kept: not a whole line\n}\n"
        );
        let css = "/* Colours */\n.a {\n  color: red; /* why */\n}\n\n/*\n * more\n */\n.b { margin: 0 }\n";
        assert_eq!(
            strip("style.css", css).unwrap(),
            ".a {\ncolor: red; /* why */\n}\n.b { margin: 0 }\n"
        );
        // `//` is not a comment in CSS: the line is kept.
        assert_eq!(strip("a.css", "  // x\n.a{}\n").unwrap(), "// x\n.a{}\n");
    }

    #[test]
    fn text_that_may_span_lines_keeps_the_file_as_it_is() {
        // A template literal over lines: its second line is text, not a comment.
        assert_eq!(strip("a.js", "const s = `a\n// not a comment\n`;\n"), None);
        assert_eq!(strip("a.js", "const s = 'a\\\n  // text';\n"), None);
        // A block comment that ends before code on its last line.
        assert_eq!(strip("a.js", "/* a\n b */ const x = 1;\n"), None);
        assert_eq!(strip("a.js", "/* a */ const x = 1;\n"), None);
        // One opened after code: the next line is inside it.
        assert_eq!(strip("a.js", "const x = 1; /* a\n// b */\n"), None);
        // Never closed.
        assert_eq!(strip("a.css", "/* a\n.b{}\n"), None);
        // Other files are not touched.
        assert_eq!(strip("favicon.svg", "<!-- a -->\n"), None);
        // Nor a file with a licence or attribution in a comment.
        assert_eq!(
            strip("a.js", "// MIT License\n// Copyright (c) A\nvar a;\n"),
            None
        );
        assert_eq!(
            strip("a.js", "// From OpenCC (Apache-2.0).\nvar a;\n"),
            None
        );
    }

    /// Every file of the default theme but those with a notice is stripped
    /// (none falls back to its text as it is), and what goes are only blank
    /// and comment lines:
    /// the lines kept are the file's other lines, trimmed, in order.
    #[test]
    fn the_default_themes_files_lose_only_comments() {
        for (name, bytes) in super::super::theme::STATIC {
            if !(name.ends_with(".js") || name.ends_with(".css")) {
                continue;
            }
            let text = std::str::from_utf8(bytes).unwrap();
            if carries_notice(text) {
                assert_eq!(strip(name, text), None, "{name} keeps its notice");
                continue;
            }
            let out = strip(name, text).unwrap_or_else(|| panic!("{name} is not stripped"));
            assert!(out.len() < text.len(), "{name}");
            let mut kept = out.lines().peekable();
            let mut in_block = false;
            for line in text.lines() {
                let t = line.trim();
                if kept.peek() == Some(&t) && !in_block {
                    kept.next();
                    continue;
                }
                let comment = in_block
                    || t.is_empty()
                    || (name.ends_with(".js") && t.starts_with("//"))
                    || t.starts_with("/*");
                assert!(comment, "{name}: dropped a line of code: {line:?}");
                in_block = (in_block || t.starts_with("/*")) && !t.ends_with("*/");
            }
            assert_eq!(kept.next(), None, "{name}: a line that is not the source's");
        }
    }
}
