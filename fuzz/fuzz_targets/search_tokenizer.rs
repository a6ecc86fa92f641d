//! Any text through the search tokenizer and the whole index writer: never
//! a panic; positions stay inside the text; words are bounded; every JSON
//! file the index writes parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unionpress::search::tokenize::{MAX_WORD_CHARS, Token, tokenize};
use unionpress::search::{SearchDoc, index_files};

fuzz_target!(|text: &str| {
    let chars = text.chars().count() as u32;
    let end = tokenize(text, 7, |token, pos| {
        assert!(pos >= 7 && pos < 7 + chars.max(1), "position {pos} outside the text");
        if let Token::Word(w) = token {
            assert!(!w.is_empty() && w.chars().count() <= MAX_WORD_CHARS, "{w:?}");
        }
    });
    assert_eq!(end, chars, "tokenize returns the number of chars");

    let doc = SearchDoc {
        url: "/articles/a/".into(),
        title: text.into(),
        kicker: "".into(),
        subtitle: text.chars().rev().collect(),
        summary: "".into(),
        body: text.repeat(3).into(),
        kind: "news".into(),
        people: vec![text.into()],
        organisations: vec![],
        programmes: vec![(text.into(), "p".into())],
        awards: vec![],
        region: vec![text.into(), "泾县".into()],
        tags: vec![text.into()],
        date: "2024-12-20".into(),
        year: 2024,
    };
    for (path, bytes) in index_files(&[doc]) {
        if path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
});
