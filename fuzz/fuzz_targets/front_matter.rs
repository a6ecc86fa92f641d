//! Any bytes as an article file: decoding, splitting the front matter and
//! parsing it must answer with a document or a diagnostic, never panic, and
//! a diagnostic's line must lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use unionpress::load::{self, DocKind, yaml};
use unionpress::model::front::{ArticleFront, BulletinFront, ProgrammeFront};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/articles/a.md");
    let lines = data.split(|&b| b == b'\n' || b == b'\r').count().max(1);
    let check = |d: &unionpress::error::Diagnostic| {
        if let Some(line) = d.location.line {
            assert!(line >= 1 && line <= lines + 1, "line {line} of {lines}: {d}");
        }
    };
    let text = match load::decode(data, path) {
        Ok(t) => t,
        Err(d) => return check(&d),
    };
    let doc = match load::split_front_matter(text, path, DocKind::Article, "articles/a.md") {
        Ok(doc) => doc,
        Err(d) => return check(&d),
    };
    for r in [
        yaml::parse::<ArticleFront>(&doc.front, &doc.path, doc.front_line).err(),
        yaml::parse::<ProgrammeFront>(&doc.front, &doc.path, doc.front_line).err(),
        yaml::parse::<BulletinFront>(&doc.front, &doc.path, doc.front_line).err(),
    ]
    .into_iter()
    .flatten()
    {
        check(&r);
    }
});
