//! `aliases:` keep old URLs working: each gets a small page that redirects
//! to the article, and is not itself indexed.

use crate::harness::TestSite;

fn built() -> TestSite {
    let site = TestSite::minimal();
    site.article(
        "new.md",
        "title: 新地址的报道\ndate: 2024-12-20\naliases: [/old/path/, /2019/story.html, /no-slash]",
        "正文。",
    );
    site.build().ok();
    site
}

#[test]
fn alias_pages_redirect_to_the_article() {
    let site = built();
    for path in ["/old/path/", "/2019/story.html", "/no-slash/"] {
        let page = site.page(path);
        assert_eq!(
            page.attrs("meta[http-equiv='refresh']", "content"),
            ["0; url=/articles/new/"],
            "{path}"
        );
        assert_eq!(
            page.attrs("link[rel='canonical']", "href"),
            ["https://example.org/articles/new/"],
            "{path}"
        );
        assert_eq!(page.attrs("body a", "href"), ["/articles/new/"], "{path}");
        assert_eq!(page.attrs("meta[name='robots']", "content"), ["noindex"]);
    }
    // The alias pages are not in the sitemap.
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/old/path/"));
}

#[test]
fn alias_redirects_carry_the_base_path() {
    let site = built();
    site.run(&["build", "--quiet", "--base-url", "https://example.org/sub"])
        .ok();
    let page = site.page("/old/path/");
    assert_eq!(
        page.attrs("meta[http-equiv='refresh']", "content"),
        ["0; url=/sub/articles/new/"]
    );
    assert_eq!(
        page.attrs("link[rel='canonical']", "href"),
        ["https://example.org/sub/articles/new/"]
    );
}

#[test]
fn an_alias_may_not_take_an_articles_url() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 甲\ndate: 2024-01-01", "甲。");
    site.article(
        "b.md",
        "title: 乙\ndate: 2024-01-02\naliases: [/articles/a/]",
        "乙。",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("/articles/a/"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/articles/a.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/b.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_alias_may_not_take_a_page_the_site_makes() {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: 甲\ndate: 2024-01-01\naliases: [/tags/]",
        "甲。",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("/tags/"), "{}", run.stderr);
}

/// Regression: an alias onto a list page the site makes (here the 2024
/// archive) silently replaced that page with a redirect.
#[test]
fn an_alias_may_not_replace_a_generated_list_page() {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: 甲\ndate: 2024-01-01\naliases: [/archive/2024/]",
        "甲。",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("/archive/2024/"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/articles/a.md"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}
