//! Every list is split at `paginate_by`: page 1 at the list's URL, page N at
//! `<list>/page/N/`, with previous and next links and no page beyond the last.

use crate::harness::TestSite;

/// A site with `n` articles, all tagged 技能竞赛, one a day from 2024-01-01
/// (so article 1 is the oldest), at `paginate_by: 2`.
fn site_with(n: usize) -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 分页测试\nbase_url: https://example.org\npaginate_by: 2\n",
    );
    for i in 1..=n {
        site.article(
            &format!("a{i}.md"),
            &format!("title: 第{i}篇\ndate: 2024-01-{i:02}\ntags: [技能竞赛]"),
            "正文。",
        );
    }
    site.build().ok();
    site
}

fn titles(site: &TestSite, path: &str) -> Vec<String> {
    site.page(path).texts(".card-title")
}

fn prev_next(site: &TestSite, path: &str) -> (Vec<String>, Vec<String>) {
    let page = site.page(path);
    (
        page.attrs(".pager a[rel='prev']", "href"),
        page.attrs(".pager a[rel='next']", "href"),
    )
}

#[test]
fn four_articles_make_exactly_two_pages() {
    let site = site_with(4);
    let base = "/tags/ji-neng-jing-sai/";
    assert_eq!(titles(&site, base), ["第4篇", "第3篇"]);
    assert_eq!(titles(&site, &format!("{base}page/2/")), ["第2篇", "第1篇"]);
    assert!(!site.exists("tags/ji-neng-jing-sai/page/3/index.html"));
    // Page 1 lives only at the list's own URL.
    assert!(!site.exists("tags/ji-neng-jing-sai/page/1/index.html"));

    assert_eq!(
        prev_next(&site, base),
        (vec![], vec![format!("{base}page/2/")])
    );
    assert_eq!(
        prev_next(&site, &format!("{base}page/2/")),
        (vec![base.to_string()], vec![])
    );
    let page2 = site.page(&format!("{base}page/2/"));
    assert_eq!(page2.text(".pager [aria-current='page']"), "2");
    assert_eq!(page2.text("title"), "技能竞赛（第2页） - 分页测试");
}

#[test]
fn five_articles_make_three_pages_the_last_with_one() {
    let site = site_with(5);
    let base = "/tags/ji-neng-jing-sai/";
    assert_eq!(titles(&site, base), ["第5篇", "第4篇"]);
    assert_eq!(titles(&site, &format!("{base}page/2/")), ["第3篇", "第2篇"]);
    assert_eq!(titles(&site, &format!("{base}page/3/")), ["第1篇"]);
    assert!(!site.exists("tags/ji-neng-jing-sai/page/4/index.html"));
    assert_eq!(
        prev_next(&site, &format!("{base}page/2/")),
        (vec![base.to_string()], vec![format!("{base}page/3/")])
    );
    assert_eq!(
        prev_next(&site, &format!("{base}page/3/")),
        (vec![format!("{base}page/2/")], vec![])
    );
    // Every page links every page number here (there are only three).
    assert_eq!(
        site.page(base).attrs(".pager ol a", "href"),
        [format!("{base}page/2/"), format!("{base}page/3/")]
    );
}

#[test]
fn two_articles_fit_on_one_page_without_a_pager() {
    let site = site_with(2);
    assert_eq!(titles(&site, "/tags/ji-neng-jing-sai/"), ["第2篇", "第1篇"]);
    assert_eq!(site.page("/tags/ji-neng-jing-sai/").count(".pager"), 0);
    assert!(!site.exists("tags/ji-neng-jing-sai/page/2/index.html"));
}

#[test]
fn every_kind_of_list_is_paginated() {
    let site = site_with(5);
    for base in [
        "/",
        "/articles/",
        "/archive/2024/",
        "/archive/2024/01/",
        "/authors/",
    ] {
        if base == "/authors/" {
            // Nobody wrote these: the index of reporters is empty but exists.
            assert!(site.exists("authors/index.html"));
            continue;
        }
        let rel = base.trim_start_matches('/');
        assert!(
            site.exists(&format!("{rel}page/3/index.html")),
            "{base}page/3/"
        );
        assert!(
            !site.exists(&format!("{rel}page/4/index.html")),
            "{base}page/4/"
        );
    }
    let front2 = site.page("/page/2/");
    assert_eq!(front2.texts(".card-title"), ["第3篇", "第2篇"]);
    assert_eq!(front2.attrs(".pager a[rel='prev']", "href"), ["/"]);
}

#[test]
fn pagination_urls_carry_the_base_path() {
    let site = site_with(3);
    site.run(&["build", "--quiet", "--base-url", "https://example.org/sub/"])
        .ok();
    let page = site.page("/tags/ji-neng-jing-sai/page/2/");
    assert_eq!(
        page.attrs(".pager a[rel='prev']", "href"),
        ["/sub/tags/ji-neng-jing-sai/"]
    );
    assert_eq!(
        site.page("/tags/ji-neng-jing-sai/")
            .attrs(".pager a[rel='next']", "href"),
        ["/sub/tags/ji-neng-jing-sai/page/2/"]
    );
}
