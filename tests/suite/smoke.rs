//! The sample site that `init` writes builds, and its article page shows.

use crate::harness::TestSite;

#[test]
fn init_site_builds_and_has_its_article() {
    let site = TestSite::empty();
    let dir = site.root().join("new-site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_unionpress"))
        .env("UNIONPRESS_LANG", "en")
        .arg("init")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(run.status.success());
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_unionpress"))
        .env("UNIONPRESS_LANG", "en")
        .args(["build", "--quiet", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let html =
        std::fs::read_to_string(dir.join("public/articles/shi-li-wen-zhang/index.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    assert_eq!(
        page.select(&h1).next().unwrap().text().collect::<String>(),
        "示例文章：工会开展技能竞赛"
    );
}
