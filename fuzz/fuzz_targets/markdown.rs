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
            assert!(!lower.contains("javascript:"), "{}", out.html);
        }
    }
});
