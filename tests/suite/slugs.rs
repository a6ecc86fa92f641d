//! URLs are pretty, ASCII and stable: a Chinese file name becomes pinyin,
//! `slug:` overrides it, and tags, people and regions get pinyin slugs too.

use crate::harness::TestSite;

#[test]
fn chinese_file_name_becomes_pinyin() {
    let site = TestSite::minimal();
    site.article(
        "2024/泾县产改调研.md",
        "title: 泾县调研\ndate: 2024-12-20",
        "正文。",
    );
    site.build().ok();
    assert_eq!(
        site.page("/articles/jing-xian-chan-gai-diao-yan/")
            .texts("h1"),
        ["泾县调研"]
    );
}

#[test]
fn mixed_file_name_keeps_latin_and_digits() {
    let site = TestSite::minimal();
    site.article(
        "12351热线 APP.md",
        "title: 热线\ndate: 2024-12-20",
        "正文。",
    );
    site.build().ok();
    assert_eq!(
        site.page("/articles/12351-re-xian-app/").texts("h1"),
        ["热线"]
    );
}

#[test]
fn slug_in_front_matter_wins_over_the_file_name() {
    let site = TestSite::minimal();
    site.article(
        "泾县.md",
        "title: 泾县调研\ndate: 2024-12-20\nslug: jingxian-changai",
        "正文。",
    );
    site.build().ok();
    assert_eq!(
        site.page("/articles/jingxian-changai/").texts("h1"),
        ["泾县调研"]
    );
    assert!(!site.exists("articles/jing-xian/index.html"));
}

#[test]
fn every_url_in_the_output_is_ascii() {
    let site = TestSite::fixture("article_full");
    site.build().ok();
    for (path, _) in site.snapshot() {
        assert!(path.is_ascii(), "{path}");
    }
}

#[test]
fn two_tags_with_the_same_pinyin_get_distinct_pages() {
    let site = TestSite::minimal();
    // 工匠 and 公将 are both gong-jiang.
    site.article("a.md", "title: 甲\ndate: 2024-01-01\ntags: [工匠]", "甲。");
    site.article("b.md", "title: 乙\ndate: 2024-01-02\ntags: [公将]", "乙。");
    site.build().ok();
    let a = site
        .page("/articles/a/")
        .attrs(".article-footer a[href^='/tags/']", "href");
    let b = site
        .page("/articles/b/")
        .attrs(".article-footer a[href^='/tags/']", "href");
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 1);
    assert_ne!(a, b);
    assert_eq!(site.page(&a[0]).texts(".card-title"), ["甲"]);
    assert_eq!(site.page(&b[0]).texts(".card-title"), ["乙"]);
}
