//! Any text as an article body, through our Markdown rendering (tables,
//! footnotes, heading anchors, highlighting, link rewriting, sanitizing):
//! never a panic, and with raw HTML refused no script survives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use unionpress::render::markdown::{Context, render};

fuzz_target!(|text: &str| {
    let links = HashMap::from([("articles/2024/b.md".to_string(), "/articles/b/".to_string())]);
    let assets = BTreeSet::from(["articles/2024/pic.jpg".to_string()]);
    for allow_raw_html in [false, true] {
        let cx = Context {
            source: Path::new("content/articles/2024/a.md"),
            content_path: "articles/2024/a.md",
            first_line: 5,
            links: &links,
            assets: &assets,
            base_path: "/",
            allow_raw_html,
        };
        let mut problems = Vec::new();
        let out = render(text, &cx, &mut problems);
        if !allow_raw_html {
            let lower = out.html.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{}", out.html);
            // `javascript:` may be text; as an attribute value it must not be.
            let tags = tags(&lower);
            assert!(!tags.iter().any(|t| t.contains("=\"javascript:")), "{}", out.html);
            assert!(!has_handler(&lower), "{}", out.html);
        }
    }
});

/// An ` onxxx=` attribute inside a tag.
fn has_handler(html: &str) -> bool {
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let chars: Vec<char> = html.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()),
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), _) if c == q => quote = None,
            (true, None, '>') => in_tag = false,
            (true, None, ' ' | '\t' | '\n' | '/') => {
                let rest: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '=').collect();
                if rest.starts_with("on") && rest.contains('=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The inside of every tag (`<a href="…">` → `a href="…"`), quotes respected.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut quote: Option<char> = None;
    let chars: Vec<char> = html.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match (&mut current, quote, c) {
            (None, _, '<') if chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()) => current = Some(String::new()),
            (None, _, _) => {}
            (Some(t), None, '>') => {
                out.push(std::mem::take(t));
                current = None;
            }
            (Some(t), None, '"' | '\'') => {
                quote = Some(c);
                t.push(c);
            }
            (Some(t), Some(q), _) if c == q => {
                quote = None;
                t.push(c);
            }
            (Some(t), _, _) => t.push(c),
        }
    }
    out
}
