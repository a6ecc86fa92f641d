//! The pages that list articles: the front page, sections, tags, reporters
//! and the archive by year and month. Every list is newest first.

use crate::harness::TestSite;

fn sections() -> TestSite {
    let site = TestSite::fixture("sections");
    site.build().ok();
    site
}

#[test]
fn front_page_shows_intro_and_every_article_newest_first() {
    let site = sections();
    let page = site.page("/");
    assert_eq!(page.text(".intro"), "本站报道工会工作。");
    assert_eq!(page.texts(".intro strong"), ["工会工作"]);
    assert_eq!(
        page.texts(".front .card-title"),
        ["其他三", "基层二", "新闻一"]
    );
    assert_eq!(page.texts(".top-stories .lead .card-title"), ["其他三"]);
    assert_eq!(page.text("title"), "栏目测试站");
}

#[test]
fn section_page_has_description_intro_subsections_and_articles_below_it() {
    let site = sections();
    let page = site.page("/articles/news/");
    assert_eq!(page.texts("h1"), ["新闻动态"]);
    assert_eq!(page.text(".list-header .description"), "各地工会的新闻");
    assert_eq!(page.text(".list-header .intro"), "栏目介绍文字。");
    // The sub-section is linked, and its articles count in this section.
    assert_eq!(page.texts(".children a"), ["基层来信 1"]);
    assert_eq!(page.attrs(".children a", "href"), ["/articles/news/local/"]);
    assert_eq!(page.texts(".card-title"), ["基层二", "新闻一"]);
    // An article in another folder is not in this section.
    assert!(!page.texts(".card-title").contains(&"其他三".to_string()));

    let local = site.page("/articles/news/local/");
    assert_eq!(local.texts("h1"), ["基层来信"]);
    assert_eq!(local.texts(".card-title"), ["基层二"]);
    assert_eq!(page.count(".breadcrumbs"), 0);
}

/// Regression: a sub-section's page had no link back up to its section.
#[test]
fn sub_section_page_links_its_parent_sections() {
    let site = sections();
    let local = site.page("/articles/news/local/");
    assert_eq!(local.texts(".breadcrumbs a"), ["新闻动态"]);
    assert_eq!(local.attrs(".breadcrumbs a", "href"), ["/articles/news/"]);
}

#[test]
fn all_articles_list_exists_when_articles_has_no_section_file() {
    let site = sections();
    let page = site.page("/articles/");
    assert_eq!(page.texts("h1"), ["全部新闻"]);
    assert_eq!(page.texts(".card-title"), ["其他三", "基层二", "新闻一"]);
}

#[test]
fn article_urls_do_not_depend_on_the_folder() {
    let site = sections();
    for (slug, title) in [("a", "新闻一"), ("b", "基层二"), ("c", "其他三")] {
        assert_eq!(
            site.page(&format!("/articles/{slug}/")).texts("h1"),
            [title]
        );
    }
}

fn full() -> TestSite {
    let site = TestSite::fixture("article_full");
    site.build().ok();
    site
}

#[test]
fn tag_pages_list_their_articles_and_the_tag_index_counts_them() {
    let site = full();
    let page = site.page("/tags/ji-neng-jing-sai/");
    assert_eq!(page.texts("h1"), ["技能竞赛"]);
    assert_eq!(page.text(".list-header .kicker"), "标签");
    assert_eq!(
        page.texts(".card-title"),
        ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]
    );
    let one = site.page("/tags/gong-jiang-xue-tang/");
    assert_eq!(one.texts(".card-title"), ["惠山区举办职工技能大赛"]);

    let index = site.page("/tags/");
    // Most used first.
    assert_eq!(index.texts(".terms li"), ["技能竞赛 2篇", "工匠学堂 1篇"]);
    assert_eq!(
        index.attrs(".terms a", "href"),
        ["/tags/ji-neng-jing-sai/", "/tags/gong-jiang-xue-tang/"]
    );
}

#[test]
fn reporter_pages_list_what_each_person_wrote_or_photographed() {
    let site = full();
    let page = site.page("/authors/wang-ming/");
    assert_eq!(page.texts("h1"), ["王明"]);
    assert_eq!(
        page.texts(".card-title"),
        ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]
    );
    for person in ["li-hua", "zhao-qiang", "chen-guang"] {
        let page = site.page(&format!("/authors/{person}/"));
        assert_eq!(
            page.texts(".card-title"),
            ["惠山区举办职工技能大赛"],
            "{person}"
        );
    }
    let index = site.page("/authors/");
    assert_eq!(index.count(".terms li"), 4);
    assert_eq!(index.texts(".terms li")[0], "王明 2篇");
}

#[test]
fn archive_by_year_and_month() {
    let site = full();
    let index = site.page("/archive/");
    assert_eq!(index.texts(".terms li"), ["2024年 2篇"]);
    assert_eq!(index.attrs(".terms a", "href"), ["/archive/2024/"]);

    let year = site.page("/archive/2024/");
    assert_eq!(year.texts("h1"), ["2024年"]);
    assert_eq!(
        year.texts(".card-title"),
        ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]
    );
    // Months newest first, each linked.
    assert_eq!(year.texts(".children a"), ["12月 1", "11月 1"]);
    assert_eq!(
        year.attrs(".children a", "href"),
        ["/archive/2024/12/", "/archive/2024/11/"]
    );

    let december = site.page("/archive/2024/12/");
    assert_eq!(december.texts("h1"), ["2024年12月"]);
    assert_eq!(december.texts(".card-title"), ["惠山区举办职工技能大赛"]);
    assert_eq!(december.texts(".breadcrumbs a"), ["归档", "2024年"]);
    let november = site.page("/archive/2024/11/");
    assert_eq!(november.texts(".card-title"), ["无锡市表彰一批工匠"]);
}

#[test]
fn archive_spans_years_newest_first() {
    let site = TestSite::minimal();
    site.article("old.md", "title: 旧闻\ndate: 2023-06-30", "旧。");
    site.article("new.md", "title: 新闻\ndate: 2025-01-01", "新。");
    site.build().ok();
    let index = site.page("/archive/");
    assert_eq!(index.texts(".terms li"), ["2025年 1篇", "2023年 1篇"]);
    assert_eq!(
        site.page("/archive/2023/06/").texts(".card-title"),
        ["旧闻"]
    );
    assert!(!site.exists("archive/2024/index.html"));
}

#[test]
fn programme_page_has_its_description_articles_and_feed() {
    let site = full();
    let page = site.page("/programmes/chan-gai/");
    assert_eq!(page.texts("h1"), ["产业工人队伍建设改革"]);
    assert_eq!(
        page.text(".list-header .intro"),
        "推进产业工人队伍建设改革的工作品牌。"
    );
    // One article wrote the short name 产改, the other the full title.
    assert_eq!(
        page.texts(".card-title"),
        ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]
    );
    assert_eq!(
        page.attrs(".feed a", "href"),
        ["/programmes/chan-gai/atom.xml"]
    );

    let index = site.page("/programmes/");
    assert_eq!(index.texts(".terms li"), ["产业工人队伍建设改革 2篇"]);
    // The front page's sidebar links every programme with its count.
    let front = site.page("/");
    assert_eq!(
        front.texts(".sidebar a[href='/programmes/chan-gai/']"),
        ["产业工人队伍建设改革 2篇"]
    );
}

#[test]
fn a_programme_no_article_names_still_has_its_page() {
    let site = TestSite::minimal();
    site.write(
        "content/programmes/song-wennuan.md",
        "---\ntitle: 工会送温暖行动\n---\n冬季送温暖。\n",
    );
    site.build().ok();
    let page = site.page("/programmes/song-wennuan/");
    assert_eq!(page.texts("h1"), ["工会送温暖行动"]);
    assert_eq!(page.count(".card"), 0);
    assert_eq!(page.text(".cards"), "这里还没有文章。");
}

#[test]
fn the_404_page_exists() {
    let site = TestSite::minimal();
    site.build().ok();
    let page = site.page("/404.html");
    assert_eq!(page.texts("h1"), ["页面不存在"]);
}
