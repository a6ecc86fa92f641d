//! Award pages are honour rolls (光荣榜): every recipient named in any
//! article, with the article, its date and region, newest first.

use crate::harness::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("honour_roll");
    site.build().ok();
    site
}

fn rows(page: &crate::harness::Page) -> Vec<Vec<String>> {
    let sel = scraper::Selector::parse(".honour-roll tbody tr").unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    page.html
        .select(&sel)
        .map(|tr| {
            tr.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn honour_roll_lists_every_recipient_newest_first() {
    let site = built();
    let page = site.page("/awards/wuyi/");
    assert_eq!(page.texts("h1"), ["五一劳动奖章"]);
    assert_eq!(page.text(".list-header .kicker"), "光荣榜 · 全国");
    assert_eq!(
        page.text(".list-header .description"),
        "颁发单位：中华全国总工会"
    );
    assert_eq!(page.text(".list-header .intro"), "表彰劳动者。");
    assert_eq!(
        rows(&page),
        [
            [
                "刘建国",
                "安徽省宣城市泾县",
                "泾县表彰先进（本次共59名）",
                "2024年12月20日"
            ],
            [
                "孙丽",
                "安徽省宣城市泾县",
                "泾县表彰先进（本次共59名）",
                "2024年12月20日"
            ],
            ["张旭丽", "海南省", "海南表彰劳模", "2024年5月1日"],
            ["王芳", "", "旧闻里的奖章", "2023年4月28日"],
        ]
    );
    assert_eq!(
        page.attrs(".honour-roll tbody a", "href"),
        [
            "/articles/jingxian/",
            "/articles/jingxian/",
            "/articles/hainan/",
            "/articles/old/"
        ]
    );
    assert_eq!(
        page.attrs(".honour-roll time", "datetime"),
        ["2024-12-20", "2024-12-20", "2024-05-01", "2023-04-28"]
    );
    assert_eq!(page.text("#roll-h"), "获奖者名单");
    assert_eq!(page.text(".roll-note"), "报道中提及 4 人次。");
}

#[test]
fn honour_roll_also_lists_the_reports_that_mention_the_award() {
    let site = built();
    let page = site.page("/awards/wuyi/");
    // The short form `awards: [五一劳动奖章]` names no recipient but is a report.
    assert_eq!(
        page.texts(".cards .card-title"),
        [
            "泾县表彰先进",
            "简讯提及奖章",
            "海南表彰劳模",
            "旧闻里的奖章"
        ]
    );
}

#[test]
fn an_award_mentioned_without_recipients_says_so() {
    let site = built();
    let page = site.page("/awards/gongjiang/");
    assert_eq!(page.texts("h1"), ["大国工匠"]);
    assert_eq!(rows(&page).len(), 0);
    assert_eq!(page.text(".honour-roll p"), "报道中尚未提及具体获奖者。");
    assert_eq!(page.texts(".cards .card-title"), ["简讯提及奖章"]);
}

#[test]
fn article_names_an_award_by_its_other_name() {
    let site = built();
    // hainan.md writes 全国五一劳动奖章, one of the award's `names`.
    let page = site.page("/articles/hainan/");
    assert_eq!(page.texts(".honours li"), ["五一劳动奖章：张旭丽"]);
    let index = site.page("/awards/");
    // Listed in the order of their registry keys: gongjiang, wuyi.
    assert_eq!(
        index.texts(".terms li"),
        ["大国工匠 1篇", "五一劳动奖章 4篇"]
    );
}

#[test]
fn honour_roll_is_paginated() {
    let site = TestSite::fixture("honour_roll");
    site.write(
        "site.yaml",
        "title: 光荣榜测试\nbase_url: https://example.org\npaginate_by: 3\n",
    );
    site.build().ok();
    let first = site.page("/awards/wuyi/");
    assert_eq!(rows(&first).len(), 3);
    let second = site.page("/awards/wuyi/page/2/");
    assert_eq!(rows(&second)[0][0], "王芳");
    assert_eq!(rows(&second).len(), 1);
    assert!(!site.exists("awards/wuyi/page/3/index.html"));
}
