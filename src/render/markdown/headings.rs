//! Heading ids: from `{#id}` or the heading's text, slugified, each unique
//! in its text, so that a heading can be linked to.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};
use std::collections::HashSet;

pub(super) fn set_heading_id(
    start: &mut Event<'_>,
    level: HeadingLevel,
    text: &str,
    used: &mut HashSet<String>,
) {
    if let Event::Start(Tag::Heading { id, .. }) = start {
        let base = match id {
            Some(given) => crate::render::slug::slugify(given),
            None => crate::render::slug::slugify(text),
        };
        let base = if base.is_empty() {
            format!("h{}", level as usize)
        } else {
            base
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while !used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        *id = Some(CowStr::from(candidate));
    }
}
