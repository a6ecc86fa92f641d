//! Raw HTML in Markdown that, left open, takes the rest of the article.
//!
//! Two parsers read an article's raw HTML one after the other, and each can
//! be made to swallow everything after a place:
//!
//! - the Markdown parser ends an HTML block that starts with a comment,
//!   `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!X` or
//!   `<![CDATA[` only at its own end marker (`-->`, `</pre>` written just
//!   so …): without one, the rest of the article is raw HTML, out of the
//!   summary and the search, and (sanitized) mostly out of the page;
//! - a browser, and the sanitizer's HTML parser, hide everything after an
//!   unclosed comment, `<script>`, `<style>`, `<title>` and the like,
//!   the page's footer included.
//!
//! [`Unclosed`] follows the raw HTML of one text for both, looking only for
//! these openings and their ends, as each parser does in those states; the
//! sanitizer parses the rest. An article with such a place is refused at it.

use crate::error::{Diagnostic, Location};

/// An opening and what ends it, lowercase (the HTML is compared so).
struct Opening {
    open: &'static str,
    /// What may follow `open` for it to be this opening.
    after: After,
    close: &'static str,
    what: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum After {
    Anything,
    /// A letter (`<!DOCTYPE`).
    Letter,
    /// Anything but a letter or `>` (`</ x>`).
    NoLetter,
    /// The end of a tag name (not `<scripts`).
    NameEnd,
}

const fn opening(open: &'static str, close: &'static str, what: &'static str) -> Opening {
    let after = match open.as_bytes() {
        [b'<', b'!', b'-', b'-'] | [b'<', b'!', b'[', ..] | [b'<', b'?'] => After::Anything,
        _ => After::NameEnd,
    };
    Opening {
        open,
        after,
        close,
        what,
    }
}

/// The HTML blocks of CommonMark that end only at their end marker (kinds
/// 1 to 5), in the order they are tried. An end tag must be written as the
/// Markdown parser looks for it, without spaces: `</style >` ends the
/// element for browsers but not the block.
const BLOCKS: [Opening; 8] = [
    opening("<!--", "-->", "this HTML comment"),
    opening("<![cdata[", "]]>", "this `<![CDATA[` section"),
    Opening {
        after: After::Letter,
        ..opening("<!", ">", "this `<!` declaration")
    },
    opening("<?", "?>", "this `<?` instruction"),
    opening("<pre", "</pre>", "this `<pre>` element"),
    opening("<script", "</script>", "this `<script>` element"),
    opening("<style", "</style>", "this `<style>` element"),
    opening("<textarea", "</textarea>", "this `<textarea>` element"),
];

/// What a browser shows nothing after until its end, in the order they are
/// tried where two start at one place. `<!`, `<?` and `</` followed by no
/// letter open what HTML calls a bogus comment, which ends at `>`: inside
/// one, `<script>` opens nothing.
const HIDING: [Opening; 11] = [
    opening("<!--", "-->", "this HTML comment"),
    Opening {
        after: After::Anything,
        ..opening("<!", ">", "this `<!` declaration")
    },
    Opening {
        after: After::Anything,
        ..opening("<?", ">", "this `<?` instruction")
    },
    Opening {
        after: After::NoLetter,
        ..opening("</", ">", "this `</` without a tag name")
    },
    opening("<script", "</script", "this `<script>` element"),
    opening("<style", "</style", "this `<style>` element"),
    opening("<title", "</title", "this `<title>` element"),
    opening("<textarea", "</textarea", "this `<textarea>` element"),
    opening("<iframe", "</iframe", "this `<iframe>` element"),
    opening("<noscript", "</noscript", "this `<noscript>` element"),
    opening("<noembed", "</noembed", "this `<noembed>` element"),
];

/// Follows one text's raw HTML; offsets are into its Markdown.
#[derive(Default)]
pub struct Unclosed {
    /// The HTML block being read: where it starts, its text lowercase.
    block: Option<(usize, String)>,
    /// What is open in the raw HTML so far, and where it opened.
    open: Option<(&'static Opening, usize)>,
    /// An HTML block found without its end marker.
    block_unclosed: Option<(&'static Opening, usize)>,
    /// Inside an open `<script>`: where its text stands.
    script: Script,
}

/// The states of a `<script>`'s text in which browsers read it: after
/// `<!--` a `<script` in it makes the next `</script` part of the text
/// (HTML's "script data escaped" and "double escaped" states), so
/// `<script><!--<script></script>` hides all that follows.
#[derive(Default, Clone, Copy, PartialEq)]
enum Script {
    #[default]
    Data,
    Escaped,
    DoubleEscaped,
}

impl Script {
    /// Reads `lower` from `at` in this state: where the script ends (just
    /// after its `</script`), or `None` with the state at the end.
    fn end(mut self, lower: &str, mut at: usize) -> Result<usize, Script> {
        // `-->` ends wherever it stands; the tags only at a name's end.
        let word = |tag: &'static str, at: usize| {
            let after = if tag.ends_with("script") {
                After::NameEnd
            } else {
                After::Anything
            };
            let o = Opening {
                after,
                ..opening(tag, "", "")
            };
            find_opening(lower, at, &o).map(|i| (i, tag))
        };
        loop {
            let next = match self {
                Script::Data => [word("<!--", at), word("</script", at), None],
                Script::Escaped => [word("-->", at), word("</script", at), word("<script", at)],
                Script::DoubleEscaped => [word("-->", at), word("</script", at), None],
            };
            let Some((i, tag)) = next.into_iter().flatten().min_by_key(|(i, _)| *i) else {
                return Err(self);
            };
            at = i + tag.len();
            self = match (self, tag) {
                (Script::DoubleEscaped, "</script") => Script::Escaped,
                (_, "</script") => return Ok(at),
                (_, "<!--") => Script::Escaped,
                (_, "<script") => Script::DoubleEscaped,
                _ => Script::Data,
            };
        }
    }
}

impl Unclosed {
    /// An HTML block starts at `offset`.
    pub fn block_start(&mut self, offset: usize) {
        self.block = Some((offset, String::new()));
    }

    /// The HTML block ends: if it is of a kind that ends only at its
    /// marker, the marker must be in it.
    pub fn block_end(&mut self) {
        let Some((offset, text)) = self.block.take() else {
            return;
        };
        let kind = BLOCKS
            .iter()
            .find(|o| text.starts_with(o.open) && opens_whole(&text, 0, o));
        if let Some(o) = kind
            && !text.contains(o.close)
            && self.block_unclosed.is_none()
        {
            self.block_unclosed = Some((o, offset));
        }
    }

    /// Markdown's own markup is written here: its first `>` ends a bogus
    /// comment (`<!x`, `<?x`, `</ x`) left open by the raw HTML before it,
    /// so a `<script>` in the raw HTML after it opens again.
    pub fn markup(&mut self) {
        if let Some((o, _)) = self.open
            && o.close == ">"
        {
            self.open = None;
        }
    }

    /// Takes in the raw HTML `html`, which stands in the Markdown as
    /// `source` from offset `start`.
    pub fn html(&mut self, html: &str, source: &str, start: usize) {
        let lower = html.to_ascii_lowercase();
        if let Some((_, text)) = self.block.as_mut() {
            text.push_str(&lower);
        }
        let mut at = 0;
        loop {
            if let Some((o, _)) = self.open {
                if o.close == "</script" {
                    match self.script.end(&lower, at) {
                        Ok(end) => at = end,
                        Err(state) => {
                            self.script = state;
                            return;
                        }
                    }
                } else {
                    let Some(i) = lower[at..].find(o.close) else {
                        return;
                    };
                    at += i + o.close.len();
                }
                self.open = None;
                self.script = Script::Data;
                continue;
            }
            let next = HIDING
                .iter()
                .filter_map(|o| find_opening(&lower, at, o).map(|i| (i, o)))
                .min_by_key(|(i, _)| *i);
            let Some((from, o)) = next else { return };
            at = from + o.open.len();
            // `<!-->` and `<!--->` are comments closed at once.
            if o.open == "<!--" && (lower[at..].starts_with('>') || lower[at..].starts_with("->")) {
                continue;
            }
            // The piece is its source but for container markers (`> ` in a
            // quote): then the opening is looked up there.
            let offset = if html == source {
                from
            } else {
                source.to_ascii_lowercase().find(o.open).unwrap_or(0)
            };
            self.open = Some((o, start + offset));
        }
    }

    /// What was left open at the end of the text, as an error at its
    /// place (`at` turns an offset into one): an HTML block without its
    /// end marker first, as it is the first to swallow the rest.
    pub fn finish(self, at: impl Fn(usize) -> Location) -> Option<Diagnostic> {
        let (o, offset) = self.block_unclosed.or(self.open)?;
        let close = if o.close.ends_with('>') {
            o.close.to_string()
        } else {
            format!("{}>", o.close)
        };
        Some(
            Diagnostic::error(
                at(offset),
                crate::t!("html-never-closed", what = described(o.what)),
            )
            .help(crate::t!("html-never-closed-help", close = close)),
        )
    }
}

/// The words for an opening's `what`, in the current language.
pub fn described(what: &str) -> String {
    match what {
        "this HTML comment" => crate::t!("html-comment"),
        "this `<![CDATA[` section" => crate::t!("html-cdata"),
        "this `<!` declaration" => crate::t!("html-declaration"),
        "this `<?` instruction" => crate::t!("html-instruction"),
        "this `<pre>` element" => crate::t!("html-element", tag = "pre"),
        "this `<script>` element" => crate::t!("html-element", tag = "script"),
        "this `<style>` element" => crate::t!("html-element", tag = "style"),
        "this `<textarea>` element" => crate::t!("html-element", tag = "textarea"),
        other => other.to_string(),
    }
}

/// Where `o` first opens in `lower` from `at`.
fn find_opening(lower: &str, mut at: usize, o: &Opening) -> Option<usize> {
    loop {
        let i = at + lower[at..].find(o.open)?;
        if opens_whole(lower, i, o) {
            return Some(i);
        }
        at = i + o.open.len();
    }
}

/// Whether `o.open`, found at `i` in `lower`, is followed as `o` wants.
fn opens_whole(lower: &str, i: usize, o: &Opening) -> bool {
    let after = lower[i + o.open.len()..].chars().next();
    match o.after {
        After::Anything => true,
        After::Letter => after.is_some_and(|c| c.is_ascii_alphabetic()),
        After::NoLetter => after.is_some_and(|c| !c.is_ascii_alphabetic() && c != '>'),
        After::NameEnd => after.is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/'),
    }
}
