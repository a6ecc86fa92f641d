//! No injection: script payloads in every field of front matter, site.yaml,
//! file names and registry entries, then every output file parsed (HTML with
//! scraper, Atom and sitemap with roxmltree, the HTML inside Atom entries,
//! JSON with serde_json, the e-mail bulletin) to check that no payload
//! survives as an element, an event handler or a `javascript:` URL; every
//! page carries the Content-Security-Policy and loads nothing from another
//! origin. The core suite's `escaping` checks the text reads right; this
//! checks nothing runs.

use crate::harness::{Html, TestSite};

const PAYLOADS: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "]]>",
    "</script>",
];
const ORIGIN: &str = "https://example.org";

/// Every payload in one string; `slashless` for places where `/` separates.
fn all(slashless: bool) -> String {
    PAYLOADS
        .iter()
        .filter(|p| !slashless || !p.contains('/'))
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A YAML string holding `s` exactly.
/// A YAML double-quoted string. JSON's form is one, except that YAML also
/// breaks lines at NEL, LS and PS, which must be escaped to survive.
fn q(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap()
        .replace('\u{85}', "\\x85")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn poisoned_site(allow_raw_html: bool) -> TestSite {
    let site = TestSite::minimal();
    let p = all(false);
    // Markdown bodies may hold raw HTML, which is sanitized rather than
    // escaped: a harmless `<img>` stays. Their payload says `src=body`, so
    // an `<img src=x>` in the output can only have come from a field.
    let pb = p.replace("src=x", "src=body");
    site.write(
        "site.yaml",
        &format!(
            "title: {}\nbase_url: {ORIGIN}\ndescription: {}\nallow_raw_html: {allow_raw_html}\n",
            q(&format!("站{p}")),
            q(&format!("描述{p}"))
        ),
    );
    site.write(
        "content/programmes/chan-gai.md",
        &format!(
            "---\ntitle: {}\nnames: [{}]\n---\n项目说明{pb}\n",
            q(&format!("产改{p}")),
            q(&format!("别名{p}"))
        ),
    );
    site.write(
        "content/awards/jiang.md",
        &format!(
            "---\ntitle: {}\nissuer: {}\nlevel: national\n---\n{pb}\n",
            q(&format!("奖章{p}")),
            q(&p)
        ),
    );
    site.write(
        "content/articles/_index.md",
        &format!(
            "---\ntitle: {}\ndescription: {}\n---\n{pb}\n",
            q(&format!("栏目{p}")),
            q(&p)
        ),
    );
    let file_name = all(true); // a file name cannot hold `/`
    // A picture's name may not hold `:` either (it could be a drive letter).
    let picture = "\"><img src=x onerror=alert(1)> ]]>.png";
    std::fs::copy(
        crate::harness::fixture_dir("photos").join("small.png"),
        site.root().join(format!("content/articles/{picture}")),
    )
    .unwrap();
    let front = format!(
        "title: {t}\ndate: 2024-12-20\nkicker: {t}\nsubtitle: {t}\nsummary: {t}\nauthors: [{t}]\ncorrespondents: [{t}]\nphotographers: [{t}]\nregion: {r}\norganisations: [{t}]\nprogrammes: [{prog}]\nawards:\n  - name: {award}\n    recipients: [{t}]\n    count: 3\ntags: [{t}]\nimage:\n  src: {img}\n  alt: {t}\n  caption: {t}\nextra: {{note: {t}}}",
        t = q(&format!("标题{p}")),
        r = q(&format!("省{x}/市{x}", x = all(true))),
        prog = q(&format!("别名{p}")),
        award = q(&format!("奖章{p}")),
        img = q(picture),
    );
    let body = format!(
        "第一段 {pb}\n\n<script>alert(1)</script>\n\n<b onclick=\"alert(1)\">粗</b> <a href=\"javascript:alert(1)\">链</a>\n\n[点我](javascript:alert(1)) ![图](javascript:alert(1)) [x](JaVaScRiPt:alert(1))\n\n<img src=body onerror=alert(1)>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n### 小标题 {{onclick=alert(1) #h .c}}\n\n## 标题{pb}\n\n```html\n{p}\n```\n"
    );
    site.article(&format!("{file_name}.md"), &front, &body);
    // No raw HTML in this body, so nothing sends it through the sanitizer:
    // a heading attribute must not carry a handler all the same.
    site.article(
        "plain.md",
        "title: 平常文章\ndate: 2024-12-19\nslug: plain",
        "正文。\n\n## 小标题 {onclick=alert(1) .c}\n",
    );
    site.write(
        "content/bulletins/2024-12.md",
        &format!(
            "---\ntitle: {t}\nnumber: {t}\ndate: 2024-12-31\narticles:\n  - plain\n---\n编者按{pb}\n",
            t = q(&format!("简报{p}"))
        ),
    );
    site
}

/// Every file of the output, relative path and bytes.
fn outputs(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    site.snapshot()
}

/// What in a parsed HTML document would run a payload: script elements with
/// inline code, the payload's `<img src=x>`, event-handler attributes,
/// `javascript:` URLs, frames.
fn dangers(doc: &Html, allow_inline_script: bool) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if name == "script" && el.attr("type") == Some("application/ld+json") {
            // Data, not code; it must stay one valid JSON value.
            let json: String = node
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                found.push(format!("JSON-LD that is not JSON ({e}): {json:?}"));
            }
        } else if name == "script" {
            let code: String = node
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            if code.contains("alert") || (!allow_inline_script && !code.trim().is_empty()) {
                found.push(format!("<script> with {code:?}"));
            }
        }
        if matches!(name, "iframe" | "object" | "embed" | "frame") {
            found.push(format!("<{name}>"));
        }
        if name == "img" && el.attr("src") == Some("x") {
            found.push("the payload's <img src=x>".into());
        }
        for (attr, value) in el.attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if v.starts_with("javascript:")
                || v.starts_with("vbscript:")
                || v.starts_with("data:text/html")
            {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    found
}

/// URLs a page loads (not links a reader may follow) that leave the site.
fn foreign_loads(doc: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let attrs: &[&str] = match el.name() {
            "script" | "img" | "iframe" | "source" | "video" | "audio" | "track" | "embed"
            | "input" => &["src", "srcset", "poster"],
            "link" => &["href"],
            "object" => &["data"],
            "form" => &["action"],
            _ => &[],
        };
        for a in attrs {
            if let Some(v) = el.attr(a) {
                let v = v.trim();
                let foreign = (v.starts_with("//") || v.contains("://"))
                    && !v.starts_with(&format!("{ORIGIN}/"));
                if foreign {
                    found.push(format!("<{} {a}={v:?}>", el.name()));
                }
            }
        }
    }
    found
}

fn has_csp(doc: &Html) -> bool {
    let sel = scraper::Selector::parse("head meta[http-equiv]").unwrap();
    doc.select(&sel).any(|m| {
        m.value()
            .attr("http-equiv")
            .is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
            && m.value().attr("content").is_some_and(|c| {
                c.contains("script-src 'self'") && c.contains("default-src 'self'")
            })
    })
}

fn check_all_outputs(site: &TestSite) -> usize {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, bytes) in outputs(site) {
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        if path.ends_with(".html") {
            checked += 1;
            let doc = Html::parse_document(&text);
            let email = path.ends_with("email.html");
            for d in dangers(&doc, false) {
                problems.push(format!("{path}: {d}"));
            }
            if email {
                let sel = scraper::Selector::parse("script").unwrap();
                if doc.select(&sel).next().is_some() {
                    problems.push(format!("{path}: the e-mail bulletin has a <script>"));
                }
            } else {
                if !has_csp(&doc) {
                    problems.push(format!("{path}: no Content-Security-Policy <meta>"));
                }
                for f in foreign_loads(&doc) {
                    problems.push(format!("{path}: loads from another origin: {f}"));
                }
            }
        } else if path.ends_with(".xml") {
            checked += 1;
            match roxmltree::Document::parse(&text) {
                Err(e) => problems.push(format!("{path}: not well-formed XML: {e}")),
                Ok(xml) => {
                    for node in xml.descendants() {
                        if node.is_element()
                            && node.tag_name().name().eq_ignore_ascii_case("script")
                        {
                            problems.push(format!("{path}: a <script> element"));
                        }
                        // HTML carried inside the feed is HTML a reader renders.
                        let html_inside = node.is_element()
                            && matches!(node.tag_name().name(), "content" | "summary" | "title")
                            && node.attribute("type") == Some("html");
                        if html_inside {
                            let inner = Html::parse_fragment(node.text().unwrap_or_default());
                            for d in dangers(&inner, false) {
                                problems.push(format!(
                                    "{path}: inside <{}>: {d}",
                                    node.tag_name().name()
                                ));
                            }
                        }
                    }
                }
            }
        } else if path.ends_with(".json") {
            checked += 1;
            if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                problems.push(format!("{path}: not valid JSON: {e}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

#[test]
fn no_payload_runs_from_any_field_file_name_or_registry_entry() {
    let site = poisoned_site(false);
    site.build().ok();
    let checked = check_all_outputs(&site);
    assert!(checked > 20, "only {checked} files were checked");
    // The payloads are there, as text, where the fields are shown.
    let page = site.page("/articles/plain/");
    assert!(
        page.text("title").contains(&all(false)),
        "{}",
        page.text("title")
    );
    assert!(site.exists("bulletins/2024-12/email.html"));
    assert!(site.exists("atom.xml") && site.exists("sitemap.xml"));
}

#[test]
fn raw_html_is_sanitized_by_default() {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: a\ndate: 2024-12-20",
        "<b onclick=\"alert(1)\">粗</b> <em>斜</em> <a href=\"javascript:alert(1)\">链</a>\n\n<script>alert(1)</script>\n\n<table><tr><td>格</td></tr></table>\n",
    );
    site.build().ok();
    let page = site.page("/articles/a/");
    assert_eq!(page.text("main b"), "粗");
    assert_eq!(page.text("main em"), "斜");
    assert_eq!(page.text("main td"), "格");
    assert_eq!(dangers(&page.html, false), Vec::<String>::new());
}

#[test]
fn raw_html_is_kept_when_the_site_trusts_its_editors() {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 站\nbase_url: https://example.org\nallow_raw_html: true\n",
    );
    site.article(
        "a.md",
        "title: a\ndate: 2024-12-20",
        "<div class=\"callout\" style=\"color: red\" data-x=\"1\">提示</div>\n\n<video controls src=\"clip.mp4\"></video>\n",
    );
    site.build().ok();
    let page = site.page("/articles/a/");
    assert_eq!(page.attrs("div.callout", "style"), vec!["color: red"]);
    assert_eq!(page.attrs("div.callout", "data-x"), vec!["1"]);
    assert_eq!(page.count("video[controls]"), 1);
}

#[test]
fn markdown_links_with_unsafe_schemes_go_nowhere_even_when_raw_html_is_allowed() {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 站\nbase_url: https://example.org\nallow_raw_html: true\n",
    );
    site.article("a.md", "title: a\ndate: 2024-12-20", "[a](javascript:alert(1)) [b]( JAVASCRIPT:alert(1)) [c](vbscript:x) ![d](javascript:alert(1))\n");
    site.build().ok();
    assert_eq!(
        dangers(&site.page("/articles/a/").html, false),
        Vec::<String>::new()
    );
}

mod title_round_trip {
    //! Any title (of characters that HTML and XML 1.0 can carry at all:
    //! no control characters) reads back exactly from the page's `<h1>`, its
    //! `og:title` attribute, the Atom entry and the JSON-LD headline.
    use super::*;
    use proptest::prelude::*;

    fn titles() -> impl Strategy<Value = Vec<String>> {
        let risky = prop::sample::select(vec![
            "<",
            ">",
            "&",
            "\"",
            "'",
            "</script>",
            "]]>",
            "<!--",
            "{{",
            "{%",
            "\\",
            "`",
            "&amp;",
            "\u{2028}",
            "\u{feff}",
            "工会",
            "😀",
            " ",
        ]);
        let piece = prop_oneof![risky.prop_map(str::to_string), "\\PC{0,6}"];
        prop::collection::vec(
            prop::collection::vec(piece, 1..8).prop_map(|v| v.concat()),
            1..6,
        )
    }

    proptest! {
        // A fixed seed under CI, so a landing never hangs on a draw; a new
        // seed on every other run, so developers keep exploring. Failures
        // found are kept in tests/proptest-regressions/ and replayed first.
        #![proptest_config(ProptestConfig {
            cases: if std::env::var_os("CI").is_some() { 48 } else { 12 },
            rng_seed: if std::env::var_os("CI").is_some() {
                proptest::test_runner::RngSeed::Fixed(20261122)
            } else {
                proptest::test_runner::RngSeed::Random
            },
            ..ProptestConfig::default()
        })]
        #[test]
        fn any_title_round_trips_escaped_through_every_format(raw in titles()) {
            let site = TestSite::minimal();
            let mut expected = Vec::new();
            for (i, t) in raw.iter().enumerate() {
                let t = t.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
                if t.is_empty() {
                    continue;
                }
                site.article(&format!("a{i}.md"), &format!("title: {}\ndate: 2024-12-20\nslug: a{i}", q(t)), "正文。");
                expected.push((i, t.trim().to_string()));
            }
            prop_assume!(!expected.is_empty());
            let run = site.build();
            prop_assert_eq!(run.status, 0, "{}", run.stderr);
            let atom = site.read("atom.xml");
            let feed = roxmltree::Document::parse(&atom).unwrap();
            let feed_titles: Vec<String> = feed
                .descendants()
                .filter(|n| n.has_tag_name("entry"))
                .filter_map(|e| e.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).map(str::to_string))
                .collect();
            for (i, t) in &expected {
                let page = site.page(&format!("/articles/a{i}/"));
                let sel = scraper::Selector::parse("h1").unwrap();
                let h1: String = page.html.select(&sel).next().unwrap().text().collect();
                prop_assert_eq!(h1.trim(), t.as_str());
                prop_assert_eq!(page.attrs("meta[property='og:title']", "content"), vec![t.clone()]);
                let sel = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
                let json: String = page.html.select(&sel).next().unwrap().text().collect();
                let ld: serde_json::Value = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(ld["headline"].as_str(), Some(t.as_str()));
                prop_assert!(feed_titles.contains(t), "{:?} not among the feed's titles {:?}", t, feed_titles);
            }
        }
    }
}
