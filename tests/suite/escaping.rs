//! Any field holding `<script>` or quotes appears escaped on every page and
//! in the feeds: readers see the text as written, and no script runs.

use crate::harness::{Html, Selector, TestSite};

const SCRIPT: &str = r#"<script>alert("x")</script>"#;
/// No `/`, so it can stand in a region level.
const IMG: &str = r#"<img src=x onerror="alert('y')">"#;
const QUOTES: &str = r#"引号"与'撇号'&amp;"#;

fn built() -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        &format!(
            "title: '站点{}'\nbase_url: https://example.org\ndescription: '{}'\n",
            IMG.replace('\'', "''"),
            SCRIPT.replace('\'', "''")
        ),
    );
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    site.write(
        "content/programmes/p.md",
        &format!("---\ntitle: {}\n---\n项目。\n", q(&format!("项目{SCRIPT}"))),
    );
    site.write(
        "content/awards/w.md",
        &format!(
            "---\ntitle: {}\nissuer: {}\n---\n奖项。\n",
            q(&format!("奖项{SCRIPT}")),
            q(QUOTES)
        ),
    );
    site.write("content/articles/pic.gif", "not really a picture");
    let front = [
        format!("title: {}", q(&format!("标题{SCRIPT}"))),
        "date: 2024-12-20".to_string(),
        format!("kicker: {}", q(&format!("引题{QUOTES}"))),
        format!("subtitle: {}", q(&format!("副题{IMG}"))),
        format!("summary: {}", q(&format!("摘要{SCRIPT}"))),
        format!("authors: [{}]", q(&format!("记者{SCRIPT}"))),
        format!("correspondents: [{}]", q(&format!("通讯员{QUOTES}"))),
        format!("photographers: [{}]", q(&format!("摄{IMG}"))),
        format!("region: {}", q(&format!("省{IMG}/市{QUOTES}"))),
        format!("organisations: [{}]", q(&format!("单位{SCRIPT}"))),
        format!("programmes: [{}]", q(&format!("项目{SCRIPT}"))),
        format!(
            "awards:\n  - name: {}\n    recipients: [{}]",
            q(&format!("奖项{SCRIPT}")),
            q(&format!("获奖者{SCRIPT}"))
        ),
        format!("tags: [{}]", q(&format!("标签{SCRIPT}"))),
        format!(
            "image:\n  src: pic.gif\n  alt: {}\n  caption: {}",
            q(&format!("图{QUOTES}")),
            q(&format!("说明{SCRIPT}"))
        ),
        "slug: x".to_string(),
    ]
    .join("\n");
    site.article("x.md", &front, &format!("正文{SCRIPT}\n\n{IMG}"));
    site.build().ok();
    site
}

fn html_files(site: &TestSite) -> Vec<(String, String)> {
    site.snapshot()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn no_page_runs_a_script_or_handler_from_content() {
    let site = built();
    let pages = html_files(&site);
    assert!(pages.len() > 20, "only {} pages", pages.len());
    let any = Selector::parse("*").unwrap();
    for (path, text) in pages {
        let doc = Html::parse_document(&text);
        for el in doc.select(&any) {
            for (name, value) in el.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{path}: <{} {name}={value:?}>",
                    el.value().name()
                );
            }
            match el.value().name() {
                "script" => {
                    let body: String = el.text().collect();
                    if el.value().attr("type") == Some("application/ld+json") {
                        let json: serde_json::Value = serde_json::from_str(&body)
                            .unwrap_or_else(|e| panic!("{path}: JSON-LD: {e}: {body}"));
                        assert!(!body.contains('<'), "{path}: {body}");
                        assert_eq!(json["headline"], format!("标题{SCRIPT}"), "{path}");
                    } else {
                        assert!(
                            el.value().attr("src").is_some(),
                            "{path}: inline script {body:?}"
                        );
                        assert!(body.trim().is_empty(), "{path}: {body:?}");
                    }
                }
                "img" => {
                    // Raw HTML in the body is sanitized (kept without its
                    // handler); a field must never become markup at all.
                    let in_body = el.ancestors().any(|n| {
                        n.value().as_element().is_some_and(|e| {
                            e.has_class("article-body", scraper::CaseSensitivity::CaseSensitive)
                        })
                    });
                    let src = el.value().attr("src").unwrap_or_default();
                    assert!(in_body || src != "x", "{path}: a field made an <img>");
                }
                _ => {}
            }
        }
    }
}

#[test]
fn the_article_page_shows_every_field_literally() {
    let site = built();
    let page = site.page("/articles/x/");
    assert_eq!(page.texts("h1"), [format!("标题{SCRIPT}")]);
    assert_eq!(page.text("article .kicker"), format!("引题{QUOTES}"));
    assert_eq!(page.text("article .subtitle"), format!("副题{IMG}"));
    assert_eq!(
        page.texts(".byline a"),
        [
            format!("记者{SCRIPT}"),
            format!("通讯员{QUOTES}"),
            format!("摄{IMG}")
        ]
    );
    assert_eq!(
        page.texts(".region a"),
        [format!("省{IMG}"), format!("市{QUOTES}")]
    );
    assert_eq!(page.texts(".chips a")[0], format!("项目{SCRIPT}"));
    assert_eq!(
        page.text(".honours li"),
        format!("奖项{SCRIPT}：获奖者{SCRIPT}")
    );
    assert_eq!(
        page.attrs(".lead-image img", "alt"),
        [format!("图{QUOTES}")]
    );
    // The caption and the credit, both shown as written.
    assert_eq!(
        page.text("figcaption"),
        format!("说明{SCRIPT}（摄 摄{IMG}）")
    );
    assert_eq!(
        page.attrs("meta[name='description']", "content"),
        [format!("摘要{SCRIPT}")]
    );
    assert_eq!(
        page.attrs("meta[property='og:title']", "content"),
        [format!("标题{SCRIPT}")]
    );
    assert_eq!(page.text(".brand"), format!("站点{IMG}"));
    // Raw HTML in the body is sanitized: no script, no handler.
    assert_eq!(page.count(".article-body script"), 0);
    assert_eq!(page.count(".article-body [onerror]"), 0);
    assert_eq!(page.text(".article-body p"), "正文");
}

#[test]
fn lists_and_the_honour_roll_show_fields_literally() {
    let site = built();
    let front = site.page("/");
    assert_eq!(front.texts(".card-title"), [format!("标题{SCRIPT}")]);
    assert_eq!(front.texts(".card .summary"), [format!("摘要{SCRIPT}")]);
    let award = site.page("/awards/w/");
    assert_eq!(award.texts("h1"), [format!("奖项{SCRIPT}")]);
    assert_eq!(
        award.text(".list-header .description"),
        format!("颁发单位：{QUOTES}")
    );
    assert_eq!(
        award.text(".honour-roll tbody th"),
        format!("获奖者{SCRIPT}")
    );
    let programme = site.page("/programmes/p/");
    assert_eq!(programme.texts("h1"), [format!("项目{SCRIPT}")]);
}

#[test]
fn feeds_and_sitemap_are_well_formed_and_keep_the_text() {
    let site = built();
    for feed in ["atom.xml", "programmes/p/atom.xml"] {
        let xml = site.read(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("entry"))
            .and_then(|e| e.children().find(|c| c.has_tag_name("title")))
            .and_then(|t| t.text())
            .unwrap();
        assert_eq!(title, format!("标题{SCRIPT}"), "{feed}");
        let author = doc
            .descendants()
            .find(|n| n.has_tag_name("name"))
            .and_then(|t| t.text())
            .unwrap();
        assert_eq!(author, format!("记者{SCRIPT}"), "{feed}");
    }
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed_title = doc
        .root_element()
        .children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text());
    assert_eq!(feed_title, Some(format!("站点{IMG}").as_str()));
    // The entry's HTML content, once unescaped, holds no script element.
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .and_then(|t| t.text())
        .unwrap();
    assert!(!content.contains("<script"), "{content}");
    roxmltree::Document::parse(&site.read("sitemap.xml")).unwrap();
}
