//! Bulletins (简报): the web page with its line-up, the list of bulletins,
//! the print layout, and the self-contained e-mail file.

use crate::harness::{Html, Selector, TestSite};

fn built() -> TestSite {
    let site = TestSite::fixture("bulletin");
    site.build().ok();
    site
}

const LINEUP: [&str; 4] = [
    "安徽泾县总工会派员驻企“手把手、面对面”指导“产改”",
    "无锡：中小微企业有了“产改”指导站",
    "尽力办好“一件事” 焕发有为精气神",
    "陕西制度化推进“劳模工匠进校园、大中小学生进企业”",
];

#[test]
fn the_web_page_shows_number_date_note_and_the_lineup_in_order() {
    let site = built();
    let page = site.page("/bulletins/2024-12/");
    assert_eq!(page.text(".bulletin-title"), "工会工作简报");
    assert_eq!(page.text(".bulletin-number"), "2024年第12期");
    assert_eq!(
        page.attrs(".bulletin-header time", "datetime"),
        ["2024-12-31"]
    );
    assert_eq!(page.text(".bulletin-header time"), "2024年12月31日");
    assert_eq!(page.text(".editor-note h2"), "编者按");
    assert!(
        page.text(".editor-note p")
            .starts_with("本期简报聚焦各地推进产业工人队伍建设改革的新做法。")
    );
    assert_eq!(page.texts(".lineup h3"), LINEUP);
    assert_eq!(
        page.attrs(".lineup h3 a", "href"),
        [
            "/articles/jingxian/",
            "/articles/wuxi/",
            "/articles/shandong/",
            "/articles/shaanxi/"
        ]
    );
    assert_eq!(
        page.texts(".lineup .kicker")[0],
        "为企业“产改”提供个性化实施、过程性诊断、经验性提炼等指导服务"
    );
    assert_eq!(
        page.texts(".lineup .subtitle"),
        ["“产改轻骑兵小分队”走进企业"]
    );
    assert!(page.texts(".lineup .summary")[0].starts_with("泾县总工会8月以来组建5支"));
    // For paper: the full address of each article, hidden on screen.
    assert_eq!(
        page.texts(".print-url[hidden]")[1],
        "全文：https://news.example.org/articles/wuxi/"
    );
    assert_eq!(
        page.attrs(".noprint a", "href"),
        ["/bulletins/2024-12/email.html"]
    );
    assert_eq!(
        page.attrs("link[rel=stylesheet][media=print]", "href"),
        ["/print.css"]
    );

    let list = site.page("/bulletins/");
    assert_eq!(list.texts("main li a"), ["工会工作简报 2024年第12期"]);
    assert_eq!(list.attrs("main li a", "href"), ["/bulletins/2024-12/"]);
}

#[test]
fn the_print_style_sheet_lays_out_an_a4_brief() {
    let site = built();
    let css = site.read("print.css");
    for needle in [
        "size: A4",
        "counter(page)",
        "counter(pages)",
        ".site-nav",
        ".noprint",
        ".editor-note a[href]::after { content: \" (\" attr(href) \")\"",
        ".print-url[hidden]",
    ] {
        assert!(css.contains(needle), "print.css lacks {needle}");
    }
}

fn email(site: &TestSite) -> Html {
    Html::parse_document(&site.read("bulletins/2024-12/email.html"))
}

fn all<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn the_email_is_self_contained() {
    let site = built();
    let doc = email(&site);
    assert!(all(&doc, "script").is_empty(), "no script in an e-mail");
    assert!(
        all(&doc, "link").is_empty(),
        "no style sheet or font to fetch"
    );
    // The <style> rules were inlined and the element removed: mail clients drop it.
    assert!(all(&doc, "style").is_empty());
    for (attr, css) in [("href", "[href]"), ("src", "[src]")] {
        for e in all(&doc, css) {
            let url = e.value().attr(attr).unwrap();
            assert!(
                url.starts_with("https://news.example.org/"),
                "relative {attr}: {url}"
            );
        }
    }
    // Every element that is styled carries its style itself.
    for e in all(&doc, "body, body [class], p, h2, a, hr") {
        let style = e.value().attr("style").unwrap_or("");
        assert!(
            !style.is_empty(),
            "<{}> has no style attribute",
            e.value().name()
        );
    }
    let inner = all(&doc, "table.inner")[0].value().attr("style").unwrap();
    assert!(
        inner.contains("width: 600px") && inner.contains("max-width: 100%"),
        "{inner}"
    );
}

#[test]
fn the_email_has_the_lineup_with_absolute_links_and_the_web_version() {
    let site = built();
    let doc = email(&site);
    let titles: Vec<String> = all(&doc, "p.title a")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(titles, LINEUP);
    let hrefs: Vec<&str> = all(&doc, "p.title a")
        .iter()
        .map(|e| e.value().attr("href").unwrap())
        .collect();
    assert_eq!(hrefs[0], "https://news.example.org/articles/jingxian/");
    // The note's site-relative link became absolute.
    let note: Vec<&str> = all(&doc, "p a")
        .iter()
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert!(
        note.contains(&"https://news.example.org/programmes/chan-gai/"),
        "{note:?}"
    );
    let footer: Vec<&str> = all(&doc, "p.footer a")
        .iter()
        .map(|e| e.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        footer,
        [
            "https://news.example.org/bulletins/2024-12/",
            "https://news.example.org/"
        ]
    );
}

#[test]
fn the_email_keeps_a_base_path() {
    let site = TestSite::fixture("bulletin");
    site.run(&[
        "build",
        "--quiet",
        "--base-url",
        "https://union.example.org/news",
    ])
    .ok();
    let doc = email(&site);
    let hrefs: Vec<&str> = all(&doc, "p.title a")
        .iter()
        .map(|e| e.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs[0],
        "https://union.example.org/news/articles/jingxian/"
    );
    let page = site.page("/bulletins/2024-12/");
    assert_eq!(
        page.texts(".print-url")[0],
        "全文：https://union.example.org/news/articles/jingxian/"
    );
}

/// A picture in the editor's note is published beside the bulletin, and the
/// e-mail points at it by its full address (nothing relative resolves in mail).
#[test]
fn pictures_in_the_note_are_published_and_absolute_in_the_email() {
    let site = built();
    assert!(site.exists("bulletins/2024-12/huiyi-320.png"));
    let page = site.page("/bulletins/2024-12/");
    assert_eq!(page.attrs(".editor-note img", "src"), ["huiyi-320.png"]);
    let doc = email(&site);
    let img = all(&doc, "img");
    assert_eq!(img.len(), 1);
    assert_eq!(
        img[0].value().attr("src"),
        Some("https://news.example.org/bulletins/2024-12/huiyi-320.png")
    );
    assert_eq!(img[0].value().attr("alt"), Some("会议现场"));
    // Mail readers know neither `<picture>` nor `srcset`.
    assert!(all(&doc, "picture, source").is_empty());
    assert_eq!(img[0].value().attr("srcset"), None);
    assert_eq!(img[0].value().attr("width"), Some("320"));
    assert!(
        img[0]
            .value()
            .attr("style")
            .unwrap()
            .contains("max-width: 100%")
    );
}
