//! The article page: everything an editor writes in front matter shows, in
//! the reader's words (记者, 通讯员, 摄, 2024年12月20日), and links to the
//! pages that list it.

use crate::harness::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("article_full");
    site.build().ok();
    site
}

#[test]
fn article_page_shows_kicker_title_subtitle() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(page.text("article .kicker"), "比技能 强本领");
    assert_eq!(page.texts("h1"), ["惠山区举办职工技能大赛"]);
    assert_eq!(page.text("article .subtitle"), "千名职工同台竞技");
    assert_eq!(page.text("title"), "惠山区举办职工技能大赛 - 测试工会新闻");
}

#[test]
fn byline_names_reporters_correspondents_and_photographers() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(
        page.texts(".byline span"),
        ["记者 王明", "通讯员 李华、赵强", "摄 陈光"]
    );
    assert_eq!(
        page.attrs(".byline a", "href"),
        [
            "/authors/wang-ming/",
            "/authors/li-hua/",
            "/authors/zhao-qiang/",
            "/authors/chen-guang/"
        ]
    );
}

#[test]
fn date_is_in_chinese_form_with_a_machine_readable_time() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(page.text(".article-header time"), "2024年12月20日");
    // A date without a time is midnight in the site's zone (Asia/Shanghai).
    assert_eq!(
        page.attrs(".article-header time", "datetime"),
        ["2024-12-20T00:00:00+08:00"]
    );
    // Single-digit months and days are written without a leading zero.
    let other = site.page("/articles/wuxi-gongjiang/");
    assert_eq!(other.text(".article-header time"), "2024年11月5日");
}

#[test]
fn region_links_every_level() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(page.texts(".region a"), ["江苏省", "无锡市", "惠山区"]);
    assert_eq!(
        page.attrs(".region a", "href"),
        [
            "/regions/jiang-su-sheng/",
            "/regions/jiang-su-sheng/wu-xi-shi/",
            "/regions/jiang-su-sheng/wu-xi-shi/hui-shan-qu/"
        ]
    );
}

#[test]
fn programmes_awards_and_tags_link_to_their_pages() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    // The article wrote the short name 产改; the page shows the registry title.
    let footer = ".article-footer";
    assert_eq!(
        page.texts(&format!("{footer} .chips a[href^='/programmes/']")),
        ["产业工人队伍建设改革"]
    );
    assert_eq!(
        page.attrs(&format!("{footer} a[href^='/programmes/']"), "href"),
        ["/programmes/chan-gai/"]
    );
    assert_eq!(
        page.texts(".honours li"),
        ["五一劳动奖章：张旭丽、刘建国（共59名）"]
    );
    assert_eq!(
        page.attrs(".honours a", "href"),
        ["/awards/wuyi-jiangzhang/"]
    );
    assert_eq!(
        page.attrs(&format!("{footer} a[href^='/tags/']"), "href"),
        ["/tags/ji-neng-jing-sai/", "/tags/gong-jiang-xue-tang/"]
    );
    assert_eq!(
        page.texts(&format!("{footer} a[href^='/tags/']")),
        ["技能竞赛", "工匠学堂"]
    );
    assert!(
        page.texts(".article-footer .taxonomy .plain")
            .contains(&"惠山区总工会".to_string())
    );
}

#[test]
fn lead_image_is_published_resized_beside_the_page_with_alt_and_caption() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    // 320 pixels wide: published at its own width only, as PNG and WebP.
    assert_eq!(
        page.attrs(".lead-image img", "src"),
        ["/articles/huishan-jineng/lead-320.png"]
    );
    assert_eq!(page.attrs(".lead-image img", "alt"), ["选手在比赛中"]);
    // The caption, then the photographer's credit.
    assert_eq!(page.text(".lead-image figcaption"), "比赛现场（摄 陈光）");
    assert!(site.exists("articles/huishan-jineng/lead-320.png"));
    assert!(site.exists("articles/huishan-jineng/lead-320.webp"));
    assert!(!site.exists("articles/huishan-jineng/lead.png"));
    // Social cards need the picture's absolute address.
    assert_eq!(
        page.attrs("meta[property='og:image']", "content"),
        ["https://news.example.org/articles/huishan-jineng/lead-320.png"]
    );
}

/// Regression: with a base URL that has a path, the og:image address had the
/// path twice (`/sub/sub/articles/…`).
#[test]
fn lead_image_absolute_url_under_a_base_path() {
    let site = TestSite::fixture("article_full");
    site.run(&[
        "build",
        "--quiet",
        "--base-url",
        "https://example.org/news/",
    ])
    .ok();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(
        page.attrs(".lead-image img", "src"),
        ["/news/articles/huishan-jineng/lead-320.png"]
    );
    assert_eq!(
        page.attrs("meta[property='og:image']", "content"),
        ["https://example.org/news/articles/huishan-jineng/lead-320.png"]
    );
    assert_eq!(
        page.attrs("link[rel='canonical']", "href"),
        ["https://example.org/news/articles/huishan-jineng/"]
    );
}

#[test]
fn body_is_rendered_markdown() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(
        page.texts(".article-body p"),
        ["大赛共设十个工种。", "第二段正文。"]
    );
    assert_eq!(page.texts(".article-body strong"), ["十个"]);
}

#[test]
fn related_articles_share_programme_tag_or_region() {
    let site = built();
    let page = site.page("/articles/huishan-jineng/");
    assert_eq!(page.texts(".related .card-title"), ["无锡市表彰一批工匠"]);
    assert_eq!(
        page.attrs(".related .card-title a", "href"),
        ["/articles/wuxi-gongjiang/"]
    );
    let other = site.page("/articles/wuxi-gongjiang/");
    assert_eq!(
        other.texts(".related .card-title"),
        ["惠山区举办职工技能大赛"]
    );
}

#[test]
fn an_article_alone_has_no_related_section() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 孤立的报道\ndate: 2024-01-02", "正文。");
    site.build().ok();
    let page = site.page("/articles/a/");
    assert_eq!(page.count(".related"), 0);
    assert_eq!(page.count(".byline a"), 0);
}

#[test]
fn summary_defaults_to_the_first_paragraph() {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: 无摘要的报道\ndate: 2024-01-02",
        "第一段是默认摘要。\n\n第二段不是。",
    );
    site.build().ok();
    let page = site.page("/articles/a/");
    assert_eq!(
        page.attrs("meta[name='description']", "content"),
        ["第一段是默认摘要。"]
    );
    let front = site.page("/");
    assert_eq!(front.texts(".card .summary"), ["第一段是默认摘要。"]);
}
