//! Saved web pages and WeChat articles (.html, and .mhtml with the page's
//! pictures inside) into the text the page splitter reads: the article
//! body only, one paragraph a line, headings as `#`, bold as `**`; scripts,
//! styles, navigation, forms and tracking pixels left out. A picture is kept
//! when the saved page holds it (an .mhtml part, or a file beside the .html).
//!
//! HTML is parsed with `scraper` (html5ever) and MHTML unpacked with
//! `mail-parser`; only the choice of what is the article is written here.

use std::path::Path;

use mail_parser::MimeHeaders;
use scraper::{ElementRef, Html, Node, Selector};

use super::docx::MEDIA;

/// Where an article's body is, most specific first: WeChat, then the
/// usual markup of news sites.
const BODY: [&str; 6] = [
    "#js_content",
    ".rich_media_content",
    "[itemprop=articleBody]",
    "article",
    "main",
    "body",
];
/// The headline, where the body does not hold it.
const TITLE: [&str; 3] = ["#activity-name", ".rich_media_title", "h1"];
/// Elements whose content is never article text.
const SKIP: [&str; 13] = [
    "script", "style", "noscript", "iframe", "svg", "form", "nav", "footer", "aside", "button",
    "template", "object", "head",
];
const BLOCKS: [&str; 17] = [
    "p",
    "div",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "tr",
    "br",
    "table",
    "ul",
    "ol",
    "figure",
];

/// The text of a page and its pictures (placeholder name, extension, bytes).
pub struct Page {
    pub text: String,
    pub pictures: Vec<(String, String, Vec<u8>)>,
}

/// Reads an .html page; `dir` is where its pictures may be saved beside it.
pub fn read_html(html: &str, dir: &Path) -> Page {
    let local = |src: &str| -> Option<Vec<u8>> {
        let src = src.split(['?', '#']).next()?;
        if src.contains("://") || src.starts_with("data:") || src.contains("..") {
            return None;
        }
        std::fs::read(dir.join(src)).ok()
    };
    convert(html, &local)
}

/// Reads an .mhtml file: its HTML part, with the pictures it holds.
pub fn read_mhtml(bytes: &[u8]) -> Result<Page, String> {
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| crate::t!("import-mhtml-bad"))?;
    let html = message
        .parts
        .iter()
        .find(|p| p.is_text_html())
        .and_then(|p| p.text_contents())
        .ok_or_else(|| crate::t!("import-mhtml-bad"))?
        .to_string();
    let pictures: Vec<(String, Vec<u8>)> = message
        .parts
        .iter()
        .filter(|p| p.is_binary())
        .filter_map(|p| Some((p.content_location()?.to_string(), p.contents().to_vec())))
        .collect();
    let find = |src: &str| -> Option<Vec<u8>> {
        pictures
            .iter()
            .find(|(location, _)| location == src)
            .map(|(_, bytes)| bytes.clone())
    };
    Ok(convert(&html, &find))
}

fn select<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(css).ok()?;
    doc.select(&selector).next()
}

fn convert(html: &str, picture: &dyn Fn(&str) -> Option<Vec<u8>>) -> Page {
    let doc = Html::parse_document(html);
    let root = BODY
        .iter()
        .find_map(|css| select(&doc, css))
        .unwrap_or_else(|| doc.root_element());
    let mut state = State {
        lines: Vec::new(),
        line: String::new(),
        pictures: Vec::new(),
        picture,
    };
    walk(root, &mut state, 0);
    state.flush(0);
    let title = TITLE
        .iter()
        .find_map(|css| select(&doc, css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty());
    let mut lines = state.lines;
    if let Some(title) = title
        && !lines
            .iter()
            .any(|l| l.trim_start_matches('#').trim() == title)
    {
        lines.insert(0, format!("# {title}"));
    }
    Page {
        text: lines.join("\n\n"),
        pictures: state.pictures,
    }
}

struct State<'a> {
    lines: Vec<String>,
    line: String,
    pictures: Vec<(String, String, Vec<u8>)>,
    picture: &'a dyn Fn(&str) -> Option<Vec<u8>>,
}

impl State<'_> {
    fn flush(&mut self, heading: usize) {
        let text = self.line.split_whitespace().collect::<Vec<_>>().join(" ");
        self.line.clear();
        if text.is_empty() || text == "**" || text == "****" {
            return;
        }
        self.lines.push(if heading > 0 {
            format!("{} {}", "#".repeat(heading), text.replace("**", ""))
        } else {
            text
        });
    }
}

fn hidden(e: &ElementRef) -> bool {
    let v = e.value();
    v.attr("hidden").is_some()
        || v.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn walk(element: ElementRef, state: &mut State, heading: usize) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => state.line.push_str(t),
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name();
                if SKIP.contains(&name) || hidden(&el) {
                    continue;
                }
                if name == "img" {
                    image(&el, state);
                    continue;
                }
                let level = match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => name[1..].parse().unwrap_or(1),
                    _ => heading,
                };
                let block = BLOCKS.contains(&name);
                if block {
                    state.flush(heading);
                }
                let bold = matches!(name, "strong" | "b") && heading == 0;
                if bold {
                    state.line.push_str("**");
                }
                walk(el, state, level);
                if bold {
                    state.line.push_str("**");
                }
                if block {
                    state.flush(level);
                }
            }
            _ => {}
        }
    }
}

/// A picture the saved page holds; a tracking pixel or one only on the web
/// is left out (nothing is downloaded).
fn image(el: &ElementRef, state: &mut State) {
    let v = el.value();
    let tiny = |a: &str| {
        v.attr(a)
            .is_some_and(|w| w.trim() == "1" || w.trim() == "0")
    };
    if tiny("width") || tiny("height") {
        return;
    }
    let Some(src) = v.attr("data-src").or_else(|| v.attr("src")) else {
        return;
    };
    let Some(bytes) = (state.picture)(src) else {
        return;
    };
    let ext = Path::new(src.split(['?', '#']).next().unwrap_or(src))
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 4)
        .unwrap_or("jpg")
        .to_ascii_lowercase();
    let name = format!("image{}", state.pictures.len() + 1);
    state.flush(0);
    state.lines.push(format!("![]({MEDIA}{name})"));
    state.pictures.push((name, ext, bytes));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_scripts_styles_and_trackers() {
        let html = r#"<html><head><title>x</title><style>p{}</style></head><body>
            <nav>首页 | 新闻</nav>
            <h1 id="activity-name">广州南沙区总开展职工乡村游活动</h1>
            <div id="js_content">
              <p><strong>本报讯</strong>(记者赵思远)近日,广东省广州市南沙区总工会开展活动。</p>
              <script>track()</script>
              <p style="display:none">隐藏的文字</p>
              <p>第二段。<img src="https://t.example/p.gif" width="1" height="1"></p>
            </div>
            <footer>版权所有</footer></body></html>"#;
        let page = read_html(html, Path::new("/nonexistent"));
        assert_eq!(
            page.text,
            "# 广州南沙区总开展职工乡村游活动\n\n**本报讯**(记者赵思远)近日,广东省广州市南沙区总工会开展活动。\n\n第二段。"
        );
        assert!(page.pictures.is_empty());
    }
}
