//! Markdown to HTML, with what a news site needs on top of CommonMark:
//! tables, footnotes, strikethrough, heading anchors, code highlighted with
//! CSS classes (styled by the theme's small `syntax.css`), links
//! to other content files rewritten to their URLs, pictures beside the
//! article collected so they can be copied next to its page, unsafe link
//! schemes dropped, and raw HTML sanitized unless the site trusts its editors.
//!
//! It gives one [`Body`]: the HTML, the text as plain text (for search),
//! the first paragraph (the default summary) and the files to copy.
//!
//! Here is the walk over the parser's events; `targets` rewrites links and
//! pictures, `headings` gives headings their ids, `code` highlights code
//! blocks, and `nesting` stops a text nested too deeply.

mod code;
mod headings;
mod nesting;
mod targets;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use code::highlight;
use headings::set_heading_id;
use nesting::Nesting;
use targets::{image_target, link_target};

use crate::error::{Diagnostic, Location};
use crate::load::line_col;
use crate::model::article::Body;

/// How deeply lists, quotes and raw HTML elements may sit inside each other.
/// Real articles stay under ten; the limit is there because the sanitizer's
/// HTML parser takes time quadratic in the depth (100,000 nested `<div>`s
/// never finish) and browsers flatten deep trees anyway.
pub const MAX_NESTING: usize = 100;
/// Paragraphs shorter than this are passed over for the default summary.
const MIN_SUMMARY_CHARS: usize = 20;

/// What a Markdown text is rendered against.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The file, relative to the site root, for messages.
    pub source: &'a Path,
    /// The file relative to `content/`, for resolving relative links.
    pub content_path: &'a str,
    /// The line of the file on which the Markdown starts.
    pub first_line: usize,
    /// Site path of each article by its path under `content/`.
    pub links: &'a HashMap<String, String>,
    /// Non-Markdown files under `content/`.
    pub assets: &'a std::collections::BTreeSet<String>,
    /// The site's base path, prepended to rewritten links.
    pub base_path: &'a str,
    pub allow_raw_html: bool,
    /// The `content/` folder, where pictures' headers are read.
    pub content_dir: &'a Path,
    pub images: &'a crate::config::Images,
    /// The article's photographers, credited under each captioned picture.
    pub photographers: &'a [String],
}

/// A picture being read: its alternative text so far, and its resized
/// files when it has them (it is then written as a `<picture>`).
struct OpenPicture {
    name: String,
    alt: String,
    title: String,
    location: Location,
    picture: Option<crate::images::Picture>,
}

/// Renders `markdown`; problems (a link to a missing file) go to `problems`.
pub fn render(markdown: &str, cx: &Context<'_>, problems: &mut Vec<Diagnostic>) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Body::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut has_raw_html = false;
    let mut heading: Option<(usize, String)> = None; // index of the start event, its text
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut code: Option<(String, String)> = None; // language, text
    let mut paragraph_depth = 0usize;
    let mut first_done = false;
    let mut nesting = Nesting::default();
    let mut paragraph = String::new(); // the paragraph being read, until the summary is found
    let mut unclosed = super::raw_html::Unclosed::default();
    let mut picture: Option<OpenPicture> = None;
    // Where the paragraph being read starts in `events`, and how many
    // resized pictures it shows.
    let mut paragraph_start = 0usize;
    let mut pictures_in_paragraph = 0usize;
    // The captioned pictures of that paragraph: where each `<figure>` is in
    // `events` and the plain `<picture>` it becomes if the paragraph has
    // text besides pictures (a `<figure>` cannot be inside a `<p>`).
    let mut figures: Vec<(usize, String)> = Vec::new();
    // Where the text of the open item of a tight list starts in `events`
    // (its text is not in a paragraph): a captioned picture alone there is
    // a `<figure>` too, which a list item may hold.
    let mut item_text: Option<usize> = None;

    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if nesting.exceeded(&event) {
            problems.push(
                Diagnostic::error(
                    at(cx, markdown, range.start),
                    crate::t!("md-too-deep", limit = MAX_NESTING),
                )
                .help(crate::t!("md-too-deep-help")),
            );
            return Body::default();
        }
        if writes_markup(&event) {
            unclosed.markup();
        }
        if let Some((_, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    buf.push_str(&t);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    push_text(&mut out.text, &text);
                    events.push(Event::Html(highlight(&lang, &text).into()));
                    continue;
                }
                _ => continue,
            }
        }
        // A block inside an item ends its text: a paragraph (a loose
        // list's item), a nested list, a code block.
        let block = matches!(&event, Event::Start(tag) if !is_inline(tag))
            || matches!(event, Event::End(TagEnd::Item));
        if block && let Some(start) = item_text.take() {
            if !only_pictures(&events[start..]) {
                for (i, plain) in figures.drain(..) {
                    events[i] = Event::Html(plain.into());
                }
            }
            figures.clear();
        }
        match event {
            Event::Start(Tag::Item) => {
                events.push(event);
                item_text = Some(events.len());
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((events.len(), String::new()));
                // `{onclick=…}` after a heading would be written out as an
                // attribute without ever passing the sanitizer: only ids and
                // classes are kept unless the site trusts raw HTML.
                let attrs = if cx.allow_raw_html { attrs } else { Vec::new() };
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = heading.take() {
                    set_heading_id(&mut events[start], level, &text, &mut used_ids);
                    push_text(&mut out.text, &text);
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                paragraph_start = events.len();
                pictures_in_paragraph = 0;
                figures.clear();
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                // A credit or dateline ("本报记者 赖志凯") is no summary: the
                // first paragraph of some length is.
                if !first_done && !paragraph.trim().is_empty() {
                    if out.first_paragraph.is_empty()
                        || paragraph.chars().count() >= MIN_SUMMARY_CHARS
                    {
                        out.first_paragraph = std::mem::take(&mut paragraph);
                    }
                    first_done = out.first_paragraph.chars().count() >= MIN_SUMMARY_CHARS;
                }
                paragraph.clear();
                out.text.push('\n');
                // Pictures with nothing else between them form a gallery.
                let only_pictures = only_pictures(&events[paragraph_start + 1..]);
                let is_paragraph = matches!(
                    events.get(paragraph_start),
                    Some(Event::Start(Tag::Paragraph))
                );
                if pictures_in_paragraph >= 2 && only_pictures && is_paragraph {
                    events[paragraph_start] = Event::Html(r#"<div class="gallery">"#.into());
                    // Shown two or more a row: the browser fetches a smaller file.
                    for e in &mut events[paragraph_start + 1..] {
                        if let Event::Html(h) = e {
                            *e = Event::Html(
                                h.replace(crate::images::SIZES, crate::images::GALLERY_SIZES)
                                    .into(),
                            );
                        }
                    }
                    events.push(Event::Html("</div>\n".into()));
                } else if !figures.is_empty() && only_pictures && is_paragraph {
                    // One captioned picture alone: its figure stands for
                    // the paragraph.
                    events[paragraph_start] = Event::Html("".into());
                    events.push(Event::Html("\n".into()));
                } else {
                    for (i, plain) in figures.drain(..) {
                        events[i] = Event::Html(plain.into());
                    }
                    events.push(Event::End(TagEnd::Paragraph));
                }
                figures.clear();
            }
            Event::Text(ref t) | Event::Code(ref t) if picture.is_some() => {
                let open = picture.as_mut().expect("matched as some");
                open.alt.push_str(t);
                out.text.push_str(t);
                if open.picture.is_none() {
                    events.push(event);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some(open) = picture.take() {
                    if open.alt.trim().is_empty() {
                        problems.push(
                            Diagnostic::error(
                                open.location.clone(),
                                crate::t!("md-picture-no-alt", image = &open.name),
                            )
                            .help(crate::t!("md-picture-no-alt-help", image = &open.name)),
                        );
                    }
                    match open.picture {
                        Some(p) => {
                            let html = crate::images::picture_html(
                                &p,
                                &crate::images::PictureHtml {
                                    url_prefix: "",
                                    alt: &open.alt,
                                    title: Some(&open.title),
                                    lead: false,
                                },
                            );
                            let caption = open.title.trim();
                            if caption.is_empty() || (paragraph_depth == 0 && item_text.is_none()) {
                                events.push(Event::Html(html.into()));
                            } else {
                                let figure = crate::images::figure_html(
                                    &p,
                                    &crate::images::PictureHtml {
                                        url_prefix: "",
                                        alt: &open.alt,
                                        title: None,
                                        lead: false,
                                    },
                                    caption,
                                    cx.photographers,
                                );
                                figures.push((events.len(), html));
                                events.push(Event::Html(figure.into()));
                            }
                            out.pictures.push((p, open.location));
                            pictures_in_paragraph += 1;
                        }
                        None => events.push(event),
                    }
                } else {
                    events.push(event);
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(t);
                } else {
                    out.text.push_str(t);
                    if paragraph_depth > 0 && !first_done {
                        paragraph.push_str(t);
                    }
                }
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                // Chinese lines join without a space; Latin ones with one.
                let latin = out
                    .first_paragraph
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                if heading.is_none() && paragraph_depth > 0 && !first_done && latin {
                    out.first_paragraph.push(' ');
                }
                events.push(event);
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                has_raw_html = true;
                unclosed.html(html, &markdown[range.clone()], range.start);
                events.push(event);
            }
            Event::Start(Tag::HtmlBlock) => {
                unclosed.block_start(range.start);
                events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                unclosed.block_end();
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link_target(
                    &dest_url,
                    cx,
                    markdown,
                    range.start,
                    problems,
                    &mut out.files,
                );
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let mut found = Vec::new();
                let name = dest_url.to_string();
                let dest_url =
                    image_target(&dest_url, cx, markdown, range.start, problems, &mut found);
                let location = at(cx, markdown, range.start);
                let planned = match found.first() {
                    Some((path, _)) if crate::images::is_processed(path) => {
                        match crate::images::plan(&cx.content_dir.join(path), path, cx.images) {
                            Ok(p) => Some(p),
                            Err(refusal) => {
                                let (message, help) = refusal.message(path);
                                problems
                                    .push(Diagnostic::error(location.clone(), message).help(help));
                                None
                            }
                        }
                    }
                    _ => None,
                };
                out.files.extend(found);
                if planned.is_none() {
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title: title.clone(),
                        id,
                    }));
                }
                picture = Some(OpenPicture {
                    name,
                    alt: String::new(),
                    title: title.to_string(),
                    location,
                    picture: planned,
                });
            }
            other => events.push(other),
        }
    }
    problems.extend(unclosed.finish(|offset| at(cx, markdown, offset)));
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut body, events.into_iter());
    out.html = if has_raw_html && !cx.allow_raw_html {
        sanitize(&body)
    } else {
        body
    };
    out.first_paragraph = out.first_paragraph.trim().to_string();
    // Kept for the whole build, every article's: no spare capacity, which
    // would be about a quarter again of the HTML and text.
    out.html.shrink_to_fit();
    out.text.shrink_to_fit();
    out
}

/// Whether `events` show only pictures (and the spaces and line breaks
/// between them).
fn only_pictures(events: &[Event<'_>]) -> bool {
    events.iter().all(|e| match e {
        Event::Html(h) => h.starts_with("<picture>") || h.starts_with("<figure>"),
        Event::SoftBreak | Event::HardBreak => true,
        Event::Text(t) => t.trim().is_empty(),
        _ => false,
    })
}

/// Whether `tag` is written inside a line of text (emphasis, a link, a
/// picture), not as a block of its own.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn push_text(text: &mut String, s: &str) {
    text.push_str(s.trim_end());
    text.push('\n');
}

fn at(cx: &Context<'_>, markdown: &str, offset: usize) -> Location {
    let (line, column) = line_col(markdown, offset);
    Location::at(cx.source, cx.first_line + line - 1, column)
}

/// Raw HTML made safe: scripts, event handlers and `javascript:` URLs go,
/// ordinary formatting stays, as do the ids and classes our own Markdown
/// rendering puts on headings, footnotes and highlighted code, and the
/// `tabindex="0"` that lets a keyboard scroll a code block.
/// Whether the HTML of `event` holds a tag of its own (`<p>`, `</em>`,
/// `<code>`…) between the pieces of raw HTML around it; text is escaped
/// and an HTML block writes only its raw HTML.
fn writes_markup(event: &Event) -> bool {
    match event {
        Event::Start(tag) => !matches!(tag, Tag::HtmlBlock),
        Event::End(tag) => !matches!(tag, TagEnd::HtmlBlock),
        Event::Code(_)
        | Event::HardBreak
        | Event::Rule
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_) => true,
        _ => false,
    }
}

fn sanitize(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["id", "class"])
                .add_tags([
                    "mark",
                    "figure",
                    "figcaption",
                    "section",
                    "picture",
                    "source",
                ])
                .add_tag_attributes("source", ["type", "srcset", "sizes"])
                .add_tag_attributes(
                    "img",
                    [
                        "srcset",
                        "sizes",
                        "loading",
                        "decoding",
                        "fetchpriority",
                        "title",
                    ],
                )
                .add_tag_attribute_values("pre", "tabindex", ["0"]);
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Renders `md` as the body of `articles/2024/a.md` (from its line 5),
    /// beside the article `b.md` and the picture `pic.jpg`.
    fn render_plain(md: &str) -> (Body, Vec<Diagnostic>) {
        let links = HashMap::from([("articles/2024/b.md".to_string(), "/articles/b/".to_string())]);
        let assets = BTreeSet::from(["articles/2024/pic.jpg".to_string()]);
        render_in(md, &links, &assets, false)
    }

    /// Renders `md` with no other articles or pictures to link to.
    fn render_with(md: &str, allow_raw_html: bool) -> (Body, Vec<Diagnostic>) {
        render_in(md, &HashMap::new(), &BTreeSet::new(), allow_raw_html)
    }

    fn render_in(
        md: &str,
        links: &HashMap<String, String>,
        assets: &BTreeSet<String>,
        allow_raw_html: bool,
    ) -> (Body, Vec<Diagnostic>) {
        let images = crate::config::Images::default();
        let cx = Context {
            source: Path::new("content/articles/2024/a.md"),
            content_path: "articles/2024/a.md",
            first_line: 5,
            links,
            assets,
            base_path: "/",
            allow_raw_html,
            content_dir: Path::new("content"),
            images: &images,
            photographers: &[],
        };
        let mut problems = Vec::new();
        (render(md, &cx, &mut problems), problems)
    }

    /// An unclosed comment once took the rest of the article with it,
    /// silently, out of the page, its summary and the search.
    #[test]
    fn an_unclosed_comment_or_script_is_refused_at_its_place() {
        for raw in [false, true] {
            for (md, line, column, what) in [
                ("正文。\n\n<!-- 注释\n\n后文\n", 7, 1, "HTML comment"),
                (
                    "正文。\n\n<div>甲</div> <!-- 注释\n\n后文\n",
                    7,
                    14,
                    "HTML comment",
                ),
                ("正文。\n\n> <!-- 注释\n\n后文\n", 7, 3, "HTML comment"),
                // The Markdown ends the block at the first `-->`: the
                // second one is text, and does not close the comment.
                ("<!-- a --> <!-- b\n-->\n\n后文\n", 5, 12, "HTML comment"),
                ("<SCRIPT type=x>\n\n后文\n", 5, 1, "`<script>` element"),
                ("<style>\np {}\n", 5, 1, "`<style>` element"),
                ("<style>p {}</style >\n\n后文\n", 5, 1, "`<style>` element"),
                ("<pre>\n\n后文\n", 5, 1, "`<pre>` element"),
                // Found by `nothing_disappears`: a `<pre>` HTML block inside
                // an open title, and a real comment after a bogus one.
                ("<title>\n\n<pre></title>\n", 7, 1, "`<pre>` element"),
                (
                    "<![CDATA[<script><!--</script>]]>\n\n后文\n",
                    5,
                    18,
                    "HTML comment",
                ),
                ("a\n\n<![CDATA[ x\n\n后文\n", 7, 1, "`<![CDATA[` section"),
                // The bogus comment `<![CDATA[` opens ends at the `>` of the
                // paragraph the Markdown writes after it, not in `<script>`.
                (
                    "<!DOCTYPE x><![CDATA[```\n`<script>\n\n后文\n",
                    6,
                    2,
                    "`<script>` element",
                ),
            ] {
                let (_, problems) = render_with(md, raw);
                assert_eq!(problems.len(), 1, "{md:?} {problems:?}");
                let p = &problems[0];
                assert_eq!(
                    (p.location.line, p.location.column),
                    (Some(line), Some(column)),
                    "{md:?}"
                );
                assert_eq!(
                    p.message,
                    crate::t!(
                        "html-never-closed",
                        what = crate::render::raw_html::described(&format!("this {what}"))
                    )
                );
            }
        }
    }

    #[test]
    fn closed_comments_and_comment_like_text_pass() {
        for raw in [false, true] {
            for md in [
                "<!-- 甲\n\n乙 -->\n\n后文\n",
                "<!--> 后文\n",
                "<!---> 后文\n",
                "<!-- a --> <!-- b -->\n\n后文\n",
                "段中 <!-- 不是注释\n\n后文\n",
                "`<!--` 与 <scripts> 后文\n",
                "<script>x()</SCRIPT>\n\n后文\n",
                "<title>t</title >\n\n后文\n",
            ] {
                let (r, problems) = render_with(md, raw);
                assert!(problems.is_empty(), "{md:?} {problems:?}");
                assert!(r.html.contains("后文"), "{md:?} {}", r.html);
            }
        }
    }

    mod nothing_disappears {
        //! Any mix of comment and raw-text openings and ends: either the
        //! text is refused, or a paragraph after it reaches the page (as
        //! a browser parses it), the plain text and the search.
        use super::*;
        use proptest::prelude::*;

        fn texts() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "<!--",
                "-->",
                "<!-->",
                "--",
                ">",
                "<",
                "<script>",
                "</script>",
                "<style>",
                "</style >",
                "<textarea>",
                "</textarea>",
                "<title>",
                "</title>",
                "<xmp>",
                "<iframe>",
                "<noscript>",
                "<div>",
                "</div>",
                "<pre>",
                "</pre>",
                "\n",
                "\n\n",
                "> ",
                "- ",
                "`",
                "```\n",
                "    ",
                "工会",
                "a",
                "<!DOCTYPE x>",
                "<?x ?>",
                "<![CDATA[",
                "]]>",
            ]);
            prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
            #[test]
            fn a_paragraph_after_any_raw_html_is_kept_or_the_text_refused(text in texts()) {
                let md = format!("{text}\n\n```\n```\n\n终了标记\n");
                for raw in [false, true] {
                    let (r, problems) = render_with(&md, raw);
                    if problems.is_empty() {
                        let page = scraper::Html::parse_fragment(&r.html);
                        let shown: String = page.root_element().text().collect();
                        prop_assert!(shown.contains("终了标记"), "raw {raw}: {md:?} → {}", r.html);
                        prop_assert!(r.text.contains("终了标记"), "raw {raw}: {md:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_script_that_hides_its_own_end_is_refused() {
        // After `<!--<script>` in a script, browsers read `</script>` as
        // text: the rest of the article would be hidden.
        for raw in [false, true] {
            let md = "<script><!--<script></script>\n\n终了标记\n";
            let (_, problems) = render_with(md, raw);
            assert_eq!(problems.len(), 1, "raw {raw}: {problems:?}");
            assert_eq!(problems[0].location.line, Some(5), "raw {raw}");
            // Closed as browsers close it, it is kept.
            for md in [
                "<script><!-- x --></script>\n\n终了标记\n",
                "<script><!--<script></script>--></script>\n\n终了标记\n",
            ] {
                let (r, problems) = render_with(md, raw);
                assert!(problems.is_empty(), "raw {raw}: {md:?}: {problems:?}");
                assert!(r.text.contains("终了标记"), "raw {raw}: {md:?}");
            }
        }
    }

    #[test]
    fn headings_get_pinyin_anchors() {
        let (r, _) = render_plain("## 工匠学堂\n\n## 工匠学堂\n");
        assert!(
            r.html.contains(r#"<h2 id="gong-jiang-xue-tang">"#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<h2 id="gong-jiang-xue-tang-2">"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn links_to_content_files_are_rewritten_and_checked() {
        let (r, problems) = render_plain("见[另文](b.md#x)。\n\n再见[缺文](../2023/none.md)。\n");
        assert!(r.html.contains(r#"href="/articles/b/#x""#), "{}", r.html);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location.line, Some(7));
        assert_eq!(problems[0].location.column, Some(3));
    }

    #[test]
    fn scripts_and_javascript_urls_are_removed() {
        let (r, _) = render_plain(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x()\">粗</b>\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(r.html.contains("<b>粗</b>"), "{}", r.html);
    }

    /// Guards against a hang: the sanitizer's parser is quadratic in depth,
    /// and 100,000 nested `<div>`s never finished.
    #[test]
    fn deep_nesting_is_refused_with_its_place() {
        for body in [
            "> ".repeat(10_000) + "x",
            "- ".repeat(10_000) + "x",
            "<div>".repeat(100_000) + "x",
            "<ul><li>".repeat(1_000),
        ] {
            let (r, problems) = render_plain(&format!("第一段\n\n{body}\n"));
            assert!(r.html.is_empty());
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(
                problems[0].message,
                crate::t!("md-too-deep", limit = super::MAX_NESTING)
            );
            assert_eq!(problems[0].location.line, Some(7));
        }
    }

    #[test]
    fn ordinary_nesting_and_unclosed_paragraphs_pass() {
        let md = "<p>a<p>b<br><img src=x.png>".repeat(200) + "\n\n" + &"> ".repeat(20) + "- x\n";
        let (r, problems) = render_plain(&md);
        assert!(
            problems
                .iter()
                .all(|p| p.message != crate::t!("md-too-deep", limit = super::MAX_NESTING)),
            "{problems:?}"
        );
        assert!(r.html.contains("<blockquote>"));
    }

    /// Guards an injection found by reading the fuzz target's oracle:
    /// heading attributes (`{onclick=…}`) bypassed the sanitizer.
    #[test]
    fn heading_attributes_cannot_add_handlers() {
        let (r, _) = render_plain("# 标题 {onclick=alert(1) style=x .c #i}\n");
        assert_eq!(r.html, "<h1 id=\"i\" class=\"c\">标题</h1>\n");
    }

    /// From the fuzz run: `javascript:` written as text stays text, and
    /// only a link or picture can make it a URL (which is then dropped).
    #[test]
    fn javascript_as_plain_text_stays_text() {
        for md in [
            "=\"javascript:\0 ",
            "| a | b |\u{11}\0\0-javascript:|\n[^1 | 2 |\n\n[^#1stonclick>=x",
        ] {
            let (r, _) = render_plain(md);
            assert!(!r.html.contains("href=\"javascript"), "{}", r.html);
            assert!(!r.html.contains("<a"), "{}", r.html);
        }
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let (r, _) = render_plain("```rust\nfn main() {}\n```\n");
        assert!(r.html.contains("hl-"), "{}", r.html);
        assert!(!r.html.contains("style="), "{}", r.html);
        assert!(
            r.html
                .starts_with("<pre class=\"code\" tabindex=\"0\"><code class=\"language-rust\">"),
            "{}",
            r.html
        );
    }

    /// A code block scrolls sideways on a phone, so it must be focusable
    /// for a keyboard to scroll it; the sanitizer, which runs over the
    /// whole body once an article has raw HTML, used to keep only classes.
    #[test]
    fn code_blocks_stay_keyboard_scrollable_beside_raw_html() {
        let (r, _) = render_plain(
            "<b>粗体</b>\n\n```yaml\nopen: \"08:00\"\n```\n\n<pre tabindex=\"5\">x</pre>\n",
        );
        assert!(r.html.contains("<b>粗体</b>"), "{}", r.html);
        assert!(
            r.html.contains("<pre class=\"code\" tabindex=\"0\">"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("tabindex=\"5\""), "{}", r.html);
    }

    /// The theme's code sheet names scopes by hand; each of its selectors
    /// must match a token the highlighter really writes, or a colour is
    /// silently lost (a typo, or a scope that syntect's grammars renamed).
    #[test]
    fn every_rule_of_the_code_sheet_matches_highlighted_tokens() {
        let samples = [
            (
                "python",
                "# 注释\ndef score(x: float) -> float:\n    return round(x * 0.3, 1) if x else None\nprint(\"成绩\")\n",
            ),
            (
                "yaml",
                "# 服务站\nstation: 户外劳动者服务站\nopen: \"08:00-20:00\"\ncount: 3\n",
            ),
            ("html", "<a href=\"/x/\" class=\"y\">工会</a>\n"),
            ("js", "const n = Math.max(1, 2); // 注释\n"),
            ("diff", "- 旧\n+ 新\n"),
            ("markdown", "# 标题\n\n**粗体**\n"),
        ];
        let mut spans: Vec<Vec<String>> = Vec::new();
        for (lang, code) in samples {
            let html = highlight(lang, code);
            for part in html.split("<span class=\"").skip(1) {
                let classes = part.split('"').next().unwrap_or_default();
                spans.push(classes.split(' ').map(str::to_string).collect());
            }
        }
        let css = include_str!("../../themes/default/static/syntax.css");
        let mut selectors = Vec::new();
        for rule in css.split('}') {
            let Some((head, _)) = rule.rsplit_once('{') else {
                continue;
            };
            let head = head.rsplit(['{', '/']).next().unwrap_or_default();
            for selector in head.split(',').map(str::trim) {
                if selector.starts_with(".hl-") {
                    selectors.push(selector.to_string());
                }
            }
        }
        assert!(selectors.len() >= 10, "{selectors:?}");
        for selector in selectors {
            let (wanted, not) = match selector.split_once(":not(") {
                Some((w, n)) => (w, n.trim_end_matches(')')),
                None => (selector.as_str(), ""),
            };
            let classes = |s: &str| -> Vec<String> {
                s.split('.')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let (wanted, not) = (classes(wanted), classes(not));
            assert!(
                spans
                    .iter()
                    .any(|span| wanted.iter().all(|c| span.contains(c))
                        && !not.iter().any(|c| span.contains(c))),
                "no highlighted token matches `{selector}` of syntax.css"
            );
        }
    }

    #[test]
    fn first_paragraph_and_text() {
        let (r, _) = render_plain(
            "## 标题\n\n本报记者 赖志凯\n\n第一段讲的是一件事情，\n续行把这件事情完整地讲完了。\n\n第二段。\n",
        );
        assert_eq!(
            r.first_paragraph,
            "第一段讲的是一件事情，续行把这件事情完整地讲完了。"
        );
        assert!(r.text.contains("第二段。"));
    }
}
