//! The layers of the crate point one way. Each module may use the modules
//! after it in `LAYERS`, never those before it, so a reader can learn the
//! code from the bottom up and a change low down cannot depend on what sits
//! above it. This test reads every file under `src/` (test code aside) and
//! fails on a `crate::` or `super::` path that reaches up the order.
//!
//! Hand-written rather than built on `syn`: `syn` does not look inside
//! macro invocations (`t!(…)`, `format!(…)`), where paths into the crate
//! are common, and gives no line numbers without an extra feature. Blanking
//! comments and literals and reading the paths is enough for this question.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top first. Modules on one line are one layer and may use
/// each other. `lib` is the pipeline in `src/lib.rs` (and anything else
/// defined at the crate root); `main` is the binary.
const LAYERS: &[&[&str]] = &[
    &["main"],
    &["commands"],
    // Manuscripts into articles: used by the `import` command only.
    &["import"],
    &["serve"],
    // The editors' desk: mounted by the preview's HTTP server, it checks,
    // previews and publishes through the pipeline below it.
    &["desk"],
    &["lib"],
    &["output"],
    &["search"],
    &["render"],
    &["model"],
    // Pictures: the header read and the files derived (I/O, below the
    // model, which keeps the planned files of each picture).
    &["images"],
    &["config"],
    &["load"],
    &["slug", "memo"],
    // The allocator's tuning: uses nothing of the crate, used by main and
    // the build.
    &["cli", "error", "i18n", "memory"],
];

/// Uses that point up the order today, each as (file, the module it
/// reaches up to). The restructuring of the crate removes them; the test
/// fails when one of them is gone so that this list only ever shrinks.
/// Empty it, and keep it empty.
const KNOWN: &[(&str, &str)] = &[];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn order() -> String {
    LAYERS
        .iter()
        .map(|layer| layer.join("/"))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// One use of a module above the file's own.
struct Violation {
    file: String,
    line: usize,
    path: String,
    from: String,
    to: String,
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&src);
    let modules = top_modules(&src);
    for module in &modules {
        assert!(
            layer_of(module).is_some(),
            "src/{module} is in no layer: give it its place in LAYERS ({})",
            order()
        );
    }
    // Macros exported at the crate root belong to the module defining them.
    let mut macros: BTreeMap<String, String> = BTreeMap::new();
    let mut code: Vec<(String, Vec<String>, String)> = Vec::new();
    let mut test_files: BTreeSet<PathBuf> = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(src.parent().unwrap()).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        let (text, test_mods) = without_tests(&blank_comments_and_literals(&text));
        let module = module_path(&src, file);
        for name in test_mods {
            let dir = if file.ends_with("mod.rs") || file.ends_with("lib.rs") {
                file.parent().unwrap().to_path_buf()
            } else {
                file.with_extension("")
            };
            test_files.insert(dir.join(format!("{name}.rs")));
            test_files.insert(dir.join(name).join("mod.rs"));
        }
        for name in exported_macros(&text) {
            macros.insert(name, top(&module));
        }
        if !test_files.contains(file) {
            code.push((rel, module, text));
        }
    }
    let mut found: Vec<Violation> = Vec::new();
    for (file, module, text) in &code {
        let from = top(module);
        // The binary is another crate: its `crate::` is not this one.
        if from == "main" {
            continue;
        }
        let mine = layer_of(&from).unwrap();
        for (line, path, target) in uses(text, module) {
            let to = match target.first() {
                Some(first) if modules.contains(first) => first.clone(),
                Some(first) if macros.contains_key(first) => macros[first].clone(),
                _ => "lib".to_string(),
            };
            if layer_of(&to).unwrap() < mine {
                found.push(Violation {
                    file: file.clone(),
                    line,
                    path,
                    from: from.clone(),
                    to,
                });
            }
        }
    }

    let mut errors = Vec::new();
    for v in &found {
        if !KNOWN.contains(&(v.file.as_str(), v.to.as_str())) {
            errors.push(format!(
                "{}:{}: `{}` makes {} use {}, which is above it; a module may use only \
                 those after it in: {}",
                v.file,
                v.line,
                v.path,
                v.from,
                v.to,
                order()
            ));
        }
    }
    for (file, to) in KNOWN {
        if !found.iter().any(|v| v.file == *file && v.to == *to) {
            errors.push(format!(
                "{file} no longer uses {to}: take ({file:?}, {to:?}) out of KNOWN in {}",
                file!()
            ));
        }
    }
    assert!(errors.is_empty(), "\n{}\n", errors.join("\n"));
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

/// The crate's top-level modules: `src/x.rs` and `src/x/mod.rs`, with
/// `lib` and `main` for the two roots.
fn top_modules(src: &Path) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.join("mod.rs").is_file() {
                modules.insert(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            modules.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    modules
}

/// The module a file holds, as path segments: `src/render/pages/mod.rs` is
/// `[render, pages]`; `src/lib.rs` is `[]`; `src/main.rs` is `[main]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The top-level module of a module path; `lib` for the crate root.
fn top(module: &[String]) -> String {
    module.first().cloned().unwrap_or_else(|| "lib".into())
}

/// The names of the macros `text` exports at the crate root.
fn exported_macros(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("#[macro_export]") {
        let rest = &text[at..];
        if let Some(m) = rest.find("macro_rules!") {
            let name = ident_at(&rest[m + "macro_rules!".len()..]);
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// The identifier at the start of `s`, after white space.
fn ident_at(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every `crate::` and `super::` path in `text` (of the file holding
/// `module`), as (line, the path as written, the module path it reaches).
/// A group (`crate::{a, b::c}`) gives one entry per member.
fn uses(text: &str, module: &[String]) -> Vec<(usize, String, Vec<String>)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let starts = rest.starts_with("crate::")
            || rest.starts_with("super::")
            || rest.starts_with("self::");
        let after_ident = text[..i].chars().next_back().is_some_and(is_ident);
        if !starts || after_ident {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let line = 1 + bytes[..i].iter().filter(|b| **b == b'\n').count();
        let mut base: Vec<String> = module.to_vec();
        let mut j = i;
        if text[j..].starts_with("crate::") {
            base.clear();
            j += "crate::".len();
        } else {
            while let Some(r) = text[j..]
                .strip_prefix("super::")
                .or_else(|| text[j..].strip_prefix("self::"))
            {
                if text[j..].starts_with("super::") {
                    base.pop();
                }
                j = text.len() - r.len();
            }
        }
        let written_end = text[j..]
            .find(|c: char| !(is_ident(c) || c == ':'))
            .map_or(text.len(), |k| j + k);
        for first in first_segments(&text[j..]) {
            let mut target = base.clone();
            if first != "self" && first != "*" {
                target.push(first.clone());
            }
            let shown = if text[j..].starts_with('{') {
                format!("{}{first}", &text[i..j])
            } else {
                text[i..written_end].trim_end_matches(':').to_string()
            };
            out.push((line, shown, target));
        }
        i = written_end.max(i + 1);
    }
    out
}

/// The first segment of each path a use tree starts with: `model::Site`
/// gives `model`; `{model::Site, render}` gives `model` and `render`.
fn first_segments(s: &str) -> Vec<String> {
    let s = s.trim_start();
    let Some(group) = s.strip_prefix('{') else {
        let first = ident_at(s);
        return if first.is_empty() && s.starts_with('*') {
            vec!["*".into()]
        } else {
            vec![first]
        };
    };
    let mut out = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && depth == 0 && !c.is_whitespace() => {
                item_start = false;
                let first = ident_at(&group[k..]);
                out.push(if first.is_empty() {
                    c.to_string()
                } else {
                    first
                });
            }
            _ => {}
        }
    }
    out
}

/// `src` with comments and the contents of string and character literals
/// replaced by spaces, line breaks kept: what is left is code.
fn blank_comments_and_literals(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // Before a literal: nothing of an identifier, or a lone `b` (b"…", b'…').
        let prev_ident = i > 0
            && is_ident(chars[i - 1])
            && !(chars[i - 1] == 'b' && (i < 2 || !is_ident(chars[i - 2])));
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !prev_ident {
            // A raw string: r"…", r#"…"#, br"…".
            let mut k = i + 1;
            while chars.get(k) == Some(&'#') {
                k += 1;
            }
            if chars.get(k) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = k - i - 1;
            for &h in &chars[i..=k] {
                out.push(h);
            }
            i = k + 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|h| chars.get(i + h) == Some(&'#')) {
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            if i < chars.len() {
                out.push('"');
                i += 1;
            }
        } else if c == '\'' && !prev_ident {
            // A character literal ('x', '\n', '\u{..}'), or a lifetime.
            let end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&k| chars[k] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push('\'');
                    for _ in i + 1..end {
                        out.push(' ');
                    }
                    out.push('\'');
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` with every `#[cfg(test)]` item blanked, and the names of the
/// test modules kept in files of their own (`#[cfg(test)] mod x;`).
fn without_tests(code: &str) -> (String, Vec<String>) {
    let mut out = code.to_string();
    let mut files = Vec::new();
    let attr = "#[cfg(test)]";
    let mut from = 0;
    while let Some(at) = out[from..].find(attr).map(|k| from + k) {
        let mut k = at + attr.len();
        // Further attributes of the same item.
        loop {
            let rest = &out[k..];
            let trimmed = rest.trim_start();
            k += rest.len() - trimmed.len();
            if trimmed.starts_with("#[") {
                k += trimmed.find(']').map_or(trimmed.len(), |e| e + 1);
            } else {
                break;
            }
        }
        // The item ends at its `;` or at the brace closing its body.
        let mut depth = 0i32;
        let mut end = out.len();
        let mut braced = false;
        for (n, c) in out[k..].char_indices() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '{' => {
                    depth += 1;
                    braced = true;
                }
                '}' => {
                    depth -= 1;
                    if braced && depth == 0 {
                        end = k + n + 1;
                        break;
                    }
                }
                ';' if depth == 0 && !braced => {
                    end = k + n + 1;
                    break;
                }
                _ => {}
            }
        }
        let item = &out[k..end];
        if !braced && let Some(rest) = item.trim_start().strip_prefix("mod ") {
            files.push(ident_at(rest));
        }
        let blanked: String = out[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(at..end, &blanked);
        from = at + blanked.len();
    }
    (out, files)
}

#[test]
fn the_reader_sees_paths_in_code_only() {
    let code = blank_comments_and_literals(
        "use crate::a; // crate::b\nlet s = \"crate::c\"; let r = r#\"crate::d\"#;\n\
         /* crate::e */ let c = '\"'; f::<'a>(crate::f::g);",
    );
    let found: Vec<(usize, Vec<String>)> = uses(&code, &[])
        .into_iter()
        .map(|(line, _, target)| (line, target))
        .collect();
    assert_eq!(
        found,
        vec![(1, vec!["a".to_string()]), (3, vec!["f".to_string()])]
    );
}

#[test]
fn the_reader_resolves_groups_and_super() {
    let module = ["render".to_string(), "pages".to_string()];
    let found: Vec<Vec<String>> = uses(
        "use crate::{model::Site, output::{Sink, file_for}};\nuse super::super::search::x;\nuse super::view;",
        &module,
    )
    .into_iter()
    .map(|(_, _, target)| target)
    .collect();
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        found,
        vec![
            path(&["model"]),
            path(&["output"]),
            path(&["search"]),
            path(&["render", "view"]),
        ]
    );
}

#[test]
fn test_code_is_left_out() {
    let (code, files) = without_tests(
        "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n    fn f() { g(); }\n}\n\
         #[cfg(test)]\nmod more;\n#[cfg(test)]\n#[allow(dead_code)]\nfn h(x: [u8; 2]) { crate::c(); }\nuse crate::d;",
    );
    let found: Vec<(usize, Vec<String>)> = uses(&code, &[])
        .into_iter()
        .map(|(line, _, target)| (line, target))
        .collect();
    assert_eq!(
        found,
        vec![(1, vec!["a".to_string()]), (12, vec!["d".to_string()])]
    );
    assert_eq!(files, vec!["more".to_string()]);
}
