//! Any text as a slug source, an editor's slug or an alias: slugs are plain
//! ASCII segments, and an accepted alias never leaves the site.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unionpress::render::slug::{is_valid_slug, normalise_alias, slugify};

fuzz_target!(|text: &str| {
    let s = slugify(text);
    assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s:?}");
    assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{s:?}");
    assert_eq!(slugify(text), s, "not stable");
    if is_valid_slug(text) {
        assert!(!text.contains(['/', '.', '\\', '%', ':']));
    }
    if let Ok(alias) = normalise_alias(text) {
        assert!(alias.starts_with('/') && !alias.starts_with("//"), "{alias:?}");
        assert!(!alias.contains(['\\', '%', ':']), "{alias:?}");
        assert!(alias.split('/').all(|seg| seg != ".." && seg != "."), "{alias:?}");
        assert!(!alias.chars().any(char::is_control), "{alias:?}");
    }
});
