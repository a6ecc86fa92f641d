//! Atom feeds (the site's and one per programme), sitemap.xml and robots.txt,
//! parsed as XML, with absolute URLs.

use crate::harness::TestSite;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn built() -> TestSite {
    let site = TestSite::fixture("article_full");
    site.build().ok();
    site
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
}

fn links(node: roxmltree::Node, rel: &str) -> Vec<String> {
    node.children()
        .filter(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some(rel))
        .map(|c| c.attribute("href").unwrap().to_string())
        .collect()
}

#[test]
fn site_feed_is_atom_with_absolute_urls_newest_first() {
    let site = built();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(child_text(feed, "title"), Some("测试工会新闻"));
    assert_eq!(child_text(feed, "subtitle"), Some("测试站点"));
    assert_eq!(links(feed, "self"), ["https://news.example.org/atom.xml"]);
    assert_eq!(links(feed, "alternate"), ["https://news.example.org/"]);
    assert_eq!(
        child_text(feed, "id"),
        Some("https://news.example.org/atom.xml")
    );
    // The feed was updated when its newest entry was: midnight in Shanghai.
    assert_eq!(child_text(feed, "updated"), Some("2024-12-19T16:00:00Z"));

    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    let titles: Vec<_> = entries
        .iter()
        .map(|e| child_text(*e, "title").unwrap())
        .collect();
    assert_eq!(titles, ["惠山区举办职工技能大赛", "无锡市表彰一批工匠"]);
    let first = entries[0];
    assert_eq!(
        links(first, "alternate"),
        ["https://news.example.org/articles/huishan-jineng/"]
    );
    assert_eq!(
        child_text(first, "id"),
        Some("https://news.example.org/articles/huishan-jineng/")
    );
    assert_eq!(child_text(first, "published"), Some("2024-12-19T16:00:00Z"));
    assert_eq!(
        child_text(first, "summary"),
        Some("惠山区总工会举办年度职工技能大赛。")
    );
    let authors: Vec<_> = first
        .children()
        .filter(|c| c.has_tag_name((ATOM, "author")))
        .map(|a| child_text(a, "name").unwrap())
        .collect();
    assert_eq!(authors, ["王明", "李华", "赵强"]);
    let content = first
        .children()
        .find(|c| c.has_tag_name((ATOM, "content")))
        .unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    assert!(content.text().unwrap().contains("<strong>十个</strong>"));
    let category: Vec<_> = first
        .children()
        .filter(|c| c.has_tag_name((ATOM, "category")))
        .map(|c| c.attribute("term").unwrap())
        .collect();
    assert_eq!(category, ["产业工人队伍建设改革"]);
}

#[test]
fn every_programme_has_its_own_feed_linked_from_its_page() {
    let site = built();
    let xml = site.read("programmes/chan-gai/atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        child_text(feed, "title"),
        Some("产业工人队伍建设改革 — 测试工会新闻")
    );
    assert_eq!(
        links(feed, "self"),
        ["https://news.example.org/programmes/chan-gai/atom.xml"]
    );
    assert_eq!(
        links(feed, "alternate"),
        ["https://news.example.org/programmes/chan-gai/"]
    );
    let count = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .count();
    assert_eq!(count, 2);
}

#[test]
fn feed_urls_use_the_base_url_given_on_the_command_line() {
    let site = TestSite::fixture("article_full");
    site.run(&[
        "build",
        "--quiet",
        "--base-url",
        "https://mirror.example.net/gh/",
    ])
    .ok();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        links(feed, "self"),
        ["https://mirror.example.net/gh/atom.xml"]
    );
    let entry = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "entry")))
        .unwrap();
    assert_eq!(
        links(entry, "alternate"),
        ["https://mirror.example.net/gh/articles/huishan-jineng/"]
    );
}

#[test]
fn an_empty_site_has_a_valid_feed() {
    let site = TestSite::minimal();
    site.build().ok();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(doc.root_element().has_tag_name((ATOM, "feed")));
    assert!(child_text(doc.root_element(), "updated").is_some());
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let site = built();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(doc.root_element().has_tag_name((SITEMAP, "urlset")));
    let mut locs = Vec::new();
    let mut lastmod = std::collections::HashMap::new();
    for url in doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((SITEMAP, "url")))
    {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((SITEMAP, "loc")))
            .and_then(|c| c.text())
            .unwrap()
            .to_string();
        if let Some(m) = url
            .children()
            .find(|c| c.has_tag_name((SITEMAP, "lastmod")))
        {
            lastmod.insert(loc.clone(), m.text().unwrap().to_string());
        }
        locs.push(loc);
    }
    for loc in &locs {
        assert!(loc.starts_with("https://news.example.org/"), "{loc}");
    }
    let unique: std::collections::BTreeSet<_> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "duplicates in the sitemap");
    for path in [
        "",
        "articles/huishan-jineng/",
        "articles/wuxi-gongjiang/",
        "programmes/chan-gai/",
        "awards/wuyi-jiangzhang/",
        "regions/jiang-su-sheng/wu-xi-shi/hui-shan-qu/",
        "tags/ji-neng-jing-sai/",
        "authors/wang-ming/",
        "archive/2024/11/",
    ] {
        let url = format!("https://news.example.org/{path}");
        assert!(locs.contains(&url), "{url} missing from the sitemap");
    }
    assert_eq!(
        lastmod
            .get("https://news.example.org/articles/wuxi-gongjiang/")
            .map(String::as_str),
        Some("2024-11-05")
    );
    // Every page listed was written.
    for loc in &locs {
        let rel = loc.trim_start_matches("https://news.example.org/");
        assert!(
            site.exists(&format!("{rel}index.html")),
            "{loc} is not in the output"
        );
    }
    // Redirects and the 404 page are not pages to index.
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let site = built();
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://news.example.org/sitemap.xml\n"
    );
}

#[test]
fn every_page_links_the_feed_and_its_canonical_url() {
    let site = built();
    let page = site.page("/articles/wuxi-gongjiang/");
    assert_eq!(
        page.attrs("link[rel='alternate'][type='application/atom+xml']", "href"),
        ["/atom.xml"]
    );
    assert_eq!(
        page.attrs("link[rel='canonical']", "href"),
        ["https://news.example.org/articles/wuxi-gongjiang/"]
    );
}
