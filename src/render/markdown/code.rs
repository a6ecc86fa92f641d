//! Code blocks highlighted with CSS classes (`hl-…`), which the theme's
//! small `syntax.css` colours: no inline styles, so a theme can restyle
//! them and the sanitizer keeps them.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;

pub(super) const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

pub(super) fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

pub(super) fn highlight(lang: &str, code: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in syntect::util::LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre tabindex=\"0\"><code>{}</code></pre>",
                html_escape::encode_text(code)
            );
        }
    }
    let lang_class = if lang
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+')
        && !lang.is_empty()
    {
        format!(" class=\"language-{lang}\"")
    } else {
        String::new()
    };
    // A long line scrolls inside the block, not the page; tabindex lets a
    // keyboard scroll it too (axe: scrollable-region-focusable).
    format!(
        "<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
        generator.finalize()
    )
}
