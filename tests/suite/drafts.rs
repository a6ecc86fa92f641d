//! Drafts and articles dated in the future are left out of every page, list
//! and feed unless `--drafts` is given.

use crate::harness::TestSite;

fn site() -> TestSite {
    let site = TestSite::minimal();
    site.article(
        "public.md",
        "title: 已发布\ndate: 2024-01-01\ntags: [技能竞赛]\nregion: 江苏省",
        "公开。",
    );
    site.article(
        "draft.md",
        "title: 草稿\ndate: 2024-01-02\ndraft: true\ntags: [技能竞赛]\nregion: 江苏省",
        "草稿。",
    );
    site.article(
        "future.md",
        "title: 未来\ndate: 2199-01-01\ntags: [技能竞赛]\nregion: 江苏省",
        "未来。",
    );
    site
}

fn everywhere(site: &TestSite) -> Vec<String> {
    let mut titles = Vec::new();
    for path in [
        "/",
        "/articles/",
        "/tags/ji-neng-jing-sai/",
        "/regions/jiang-su-sheng/",
    ] {
        titles.extend(site.page(path).texts(".card-title"));
    }
    titles
}

#[test]
fn drafts_and_future_articles_are_left_out() {
    let site = site();
    site.build().ok();
    assert!(site.exists("articles/public/index.html"));
    assert!(!site.exists("articles/draft/index.html"));
    assert!(!site.exists("articles/future/index.html"));
    assert!(!site.exists("archive/2199/index.html"));
    let titles = everywhere(&site);
    assert!(titles.iter().all(|t| t == "已发布"), "{titles:?}");
    assert_eq!(titles.len(), 4);
    let atom = site.read("atom.xml");
    let sitemap = site.read("sitemap.xml");
    for hidden in ["草稿", "未来", "/articles/draft/", "/articles/future/"] {
        assert!(!atom.contains(hidden), "atom.xml has {hidden}");
        assert!(!sitemap.contains(hidden), "sitemap.xml has {hidden}");
    }
}

#[test]
fn drafts_flag_includes_them() {
    let site = site();
    site.run(&["build", "--quiet", "--drafts"]).ok();
    assert_eq!(site.page("/articles/draft/").texts("h1"), ["草稿"]);
    assert_eq!(site.page("/articles/future/").texts("h1"), ["未来"]);
    assert_eq!(
        site.page("/tags/ji-neng-jing-sai/").texts(".card-title"),
        ["未来", "草稿", "已发布"]
    );
    assert!(site.exists("archive/2199/01/index.html"));
}

#[test]
fn a_later_build_without_the_flag_removes_them_again() {
    let site = site();
    site.run(&["build", "--quiet", "--drafts"]).ok();
    site.build().ok();
    assert!(!site.exists("articles/draft/index.html"));
    assert!(!site.exists("articles/future/index.html"));
}

#[test]
fn build_says_what_it_left_out_in_both_languages() {
    let site = site();
    let run = site.run(&["build"]).ok();
    let line = "left out 1 draft and 1 article scheduled for later";
    assert!(run.stderr.contains(line), "{}", run.stderr);
    // Only --verbose names them.
    assert!(!run.stderr.contains("draft.md"), "{}", run.stderr);
    let verbose = site.run(&["build", "--verbose"]).ok();
    for listed in [
        "draft.md: draft: 草稿 (2024-01-02)",
        "future.md: scheduled: 未来 (2199-01-01)",
    ] {
        assert!(
            verbose.stderr.contains(listed),
            "{listed}: {}",
            verbose.stderr
        );
    }
    let zh = site.run(&["build", "--lang", "zh-CN"]).ok();
    assert!(
        zh.stderr
            .contains("未发布的文章没有生成：草稿 1 篇，定时发布 1 篇"),
        "{}",
        zh.stderr
    );
    // --drafts builds both: nothing is left out.
    let drafts = site.run(&["build", "--drafts"]).ok();
    assert!(
        drafts.stderr.contains("built 3 articles"),
        "{}",
        drafts.stderr
    );
    assert!(!drafts.stderr.contains("left out"), "{}", drafts.stderr);
}

#[test]
fn build_of_a_site_with_everything_published_says_nothing_of_it() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 已发布\ndate: 2024-01-01", "公开。");
    let run = site.run(&["build"]).ok();
    assert!(run.stderr.contains("built 1 article"), "{}", run.stderr);
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
}
