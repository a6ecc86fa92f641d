//! Region pages at every level of the hierarchy: a province lists everything
//! in its cities and counties, and each level links the next one down.

use crate::harness::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("article_full");
    site.build().ok();
    site
}

#[test]
fn province_page_lists_everything_below_it_and_links_its_cities() {
    let site = built();
    let page = site.page("/regions/jiang-su-sheng/");
    assert_eq!(page.texts("h1"), ["江苏省"]);
    assert_eq!(
        page.texts(".card-title"),
        ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]
    );
    assert_eq!(page.texts(".children a"), ["无锡市 2"]);
    assert_eq!(
        page.attrs(".children a", "href"),
        ["/regions/jiang-su-sheng/wu-xi-shi/"]
    );
    assert_eq!(page.texts(".breadcrumbs a"), ["地区"]);
}

#[test]
fn city_page_lists_its_own_and_its_counties_articles() {
    let site = built();
    let page = site.page("/regions/jiang-su-sheng/wu-xi-shi/");
    assert_eq!(page.texts("h1"), ["江苏省无锡市"]);
    assert_eq!(
        page.texts(".card-title"),
        ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]
    );
    assert_eq!(page.texts(".children a"), ["惠山区 1"]);
    assert_eq!(
        page.attrs(".children a", "href"),
        ["/regions/jiang-su-sheng/wu-xi-shi/hui-shan-qu/"]
    );
    assert_eq!(page.texts(".breadcrumbs a"), ["地区", "江苏省"]);
}

#[test]
fn county_page_lists_only_its_articles_with_the_way_up() {
    let site = built();
    let page = site.page("/regions/jiang-su-sheng/wu-xi-shi/hui-shan-qu/");
    assert_eq!(page.texts("h1"), ["江苏省无锡市惠山区"]);
    assert_eq!(page.texts(".card-title"), ["惠山区举办职工技能大赛"]);
    assert_eq!(page.count(".children"), 0);
    assert_eq!(page.texts(".breadcrumbs a"), ["地区", "江苏省", "无锡市"]);
    assert_eq!(
        page.attrs(".breadcrumbs a", "href"),
        [
            "/regions/",
            "/regions/jiang-su-sheng/",
            "/regions/jiang-su-sheng/wu-xi-shi/"
        ]
    );
}

#[test]
fn region_index_lists_provinces_only() {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: 甲\ndate: 2024-01-01\nregion: 江苏省/无锡市/惠山区",
        "甲。",
    );
    site.article(
        "b.md",
        "title: 乙\ndate: 2024-01-02\nregion: 安徽省/宣城市/泾县",
        "乙。",
    );
    site.article("c.md", "title: 丙\ndate: 2024-01-03", "没有地区。");
    site.build().ok();
    let index = site.page("/regions/");
    assert_eq!(index.texts(".terms a"), ["安徽省", "江苏省"]);
    assert_eq!(
        index.attrs(".terms a", "href"),
        ["/regions/an-hui-sheng/", "/regions/jiang-su-sheng/"]
    );
    assert_eq!(
        site.page("/regions/an-hui-sheng/xuan-cheng-shi/jing-xian/")
            .texts(".card-title"),
        ["乙"]
    );
    assert_eq!(
        site.page("/regions/jiang-su-sheng/").texts(".card-title"),
        ["甲"]
    );
    // An article without a region has no region line.
    assert_eq!(site.page("/articles/c/").count(".region"), 0);
}
