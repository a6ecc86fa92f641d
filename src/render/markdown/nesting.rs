//! How deeply a text nests: the limit on Markdown containers and raw HTML
//! elements (see [`super::MAX_NESTING`]).

use pulldown_cmark::Event;

use super::MAX_NESTING;

/// Counts how deeply Markdown containers and raw HTML elements are open.
#[derive(Default)]
pub(super) struct Nesting {
    markdown: usize,
    html: usize,
}

impl Nesting {
    /// Takes `event` into account; true once either depth passes the limit.
    pub(super) fn exceeded(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                for (closing, name) in html_tags(html) {
                    if closing {
                        self.html = self.html.saturating_sub(1);
                    } else if !is_void_or_optional(&name) {
                        self.html += 1;
                    }
                }
            }
            _ => {}
        }
        self.markdown > MAX_NESTING || self.html > MAX_NESTING
    }
}

/// The tags in a piece of raw HTML: (is it a closing tag, lowercase name).
/// Self-closing tags (`<br/>`) are left out. Rough, but it only has to
/// count, never to decide what is safe: ammonia does that.
pub(super) fn html_tags(html: &str) -> impl Iterator<Item = (bool, String)> + '_ {
    html.split('<').skip(1).filter_map(|rest| {
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let self_closing = rest.split('>').next().is_some_and(|t| t.ends_with('/'));
        (!name.is_empty() && (!self_closing || closing)).then_some((closing, name))
    })
}

/// Elements that never contain others or whose end tag may be left out
/// (a new `<p>` or `<li>` closes the last one): they do not deepen the tree.
pub(super) fn is_void_or_optional(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "rb"
            | "rt"
            | "rp"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
    )
}
