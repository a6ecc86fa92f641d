//! `unionpress import`: what it writes, what `--dry-run` leaves alone, the
//! warning `check` gives while guesses remain, every bad input refused with
//! the file named and nothing written, and a round trip to the built page.

use super::harness::{TestSite, snapshot};

const PAGE: &str = "\
安徽泾县总工会派员驻企指导“产改”

“产改轻骑兵小分队”走进企业

本报讯（记者陈华 实习生夏桂琰）安徽省泾县总工会8月以来组建5支小分队进驻企业，指导企业开展工作。

泾县总工会相关负责人介绍，此举有效助力企业经济效益和职工生活品质双提升。

一碗羊肉汤 温暖环卫工

近日，安徽省淮北市城管局工会联系爱心企业为早班环卫工人送上热腾腾的羊肉汤。

本报通讯员 张锋 摄
";

pub(crate) fn site_with_page(name: &str, bytes: &[u8]) -> TestSite {
    let site = TestSite::minimal();
    std::fs::write(site.root().join(name), bytes).unwrap();
    site
}

fn articles(site: &TestSite) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(site.root().join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The article written for the page's news item.
fn news_file(site: &TestSite) -> String {
    articles(site)
        .into_iter()
        .find(|p| p.contains("an-hui-jing-xian"))
        .expect("the news item was written")
}

#[test]
fn writes_each_article_of_a_page_as_a_marked_draft() {
    let site = site_with_page("page.txt", PAGE.as_bytes());
    let page = site.root().join("page.txt");
    let run = site
        .run(&["import", page.to_str().unwrap(), "--date", "2024-12-20"])
        .ok();
    let written = articles(&site);
    assert_eq!(written.len(), 2, "{written:?}\n{}", run.stdout);
    let news = std::fs::read_to_string(news_file(&site)).unwrap();
    let front = news.split("---").nth(1).unwrap();
    let parsed: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    assert_eq!(parsed["title"], "安徽泾县总工会派员驻企指导“产改”");
    assert_eq!(parsed["subtitle"], "“产改轻骑兵小分队”走进企业");
    assert_eq!(parsed["authors"][0], "陈华");
    assert_eq!(parsed["interns"][0], "夏桂琰");
    assert_eq!(parsed["region"], "安徽省/宣城市/泾县");
    assert_eq!(parsed["draft"], true);
    assert!(front.contains("authors: [\"陈华\"]  # guessed from: 本报讯（记者陈华 实习生夏桂琰）"));
    assert!(
        run.stdout.contains("wrote content/articles/2024/"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("region: 安徽省/宣城市/泾县"),
        "{}",
        run.stdout
    );
    // A second import never overwrites: the same titles get new names.
    site.run(&["import", page.to_str().unwrap(), "--date", "2024-12-20"])
        .ok();
    assert_eq!(articles(&site).len(), 4);
}

#[test]
fn dry_run_writes_nothing_and_prints_the_proposal() {
    let site = site_with_page("page.txt", PAGE.as_bytes());
    let before = snapshot(site.root());
    let page = site.root().join("page.txt");
    let run = site
        .run(&[
            "import",
            page.to_str().unwrap(),
            "--date",
            "2024-12-20",
            "--dry-run",
        ])
        .ok();
    assert_eq!(snapshot(site.root()), before);
    assert!(run.stdout.contains("would write"), "{}", run.stdout);
    assert!(run.stdout.contains("photographers: 张锋"), "{}", run.stdout);
}

#[test]
fn check_warns_while_a_guess_remains_and_the_built_page_shows_the_text() {
    let site = site_with_page("page.txt", PAGE.as_bytes());
    let page = site.root().join("page.txt");
    site.run(&["import", page.to_str().unwrap(), "--date", "2024-12-20"])
        .ok();
    let run = site.run(&["check", "--drafts"]).ok();
    assert!(
        run.stderr.contains("a field is still marked as guessed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".md:2:"), "{}", run.stderr);
    // Round trip: the body, word for word, on the built page.
    site.run(&["build", "--quiet", "--drafts"]).ok();
    let stem = news_file(&site);
    let stem = std::path::Path::new(&stem)
        .file_stem()
        .unwrap()
        .to_string_lossy();
    let page = site.page(&format!("/articles/{stem}/"));
    let text = page.texts("article p").join("\n");
    for paragraph in PAGE
        .lines()
        .filter(|l| l.starts_with("本报讯") || l.starts_with("泾县"))
    {
        assert!(
            text.contains(paragraph),
            "{paragraph} missing from:\n{text}"
        );
    }
    assert!(
        page.texts(".byline span")
            .iter()
            .any(|s| s == "实习生 夏桂琰")
    );
}

#[test]
fn reads_gb18030_and_utf16_pages() {
    let (gb, _, _) = encoding_rs::GB18030.encode(PAGE);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in PAGE.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    for (name, bytes) in [("gb.txt", gb.into_owned()), ("utf16.txt", utf16)] {
        let site = site_with_page(name, &bytes);
        let path = site.root().join(name);
        let run = site
            .run(&[
                "import",
                path.to_str().unwrap(),
                "--date",
                "2024-12-20",
                "--dry-run",
            ])
            .ok();
        assert!(
            run.stdout.contains("authors: 陈华"),
            "{name}: {}",
            run.stdout
        );
    }
}

/// Each bad input: refused with the file named, nothing written, no panic.
#[test]
fn bad_input_is_refused_with_the_file_named() {
    let mut mixed = "本报讯（记者陈华）这是 UTF-8 的一段文字。\n"
        .as_bytes()
        .to_vec();
    let (gb, _, _) = encoding_rs::GB18030.encode("这是 GB18030 的一段文字。\n");
    mixed.extend(gb.iter());
    let big = vec![b'a'; 50 * 1024 * 1024];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "the file is empty"),
        ("old.doc", b"\xD0\xCF\x11\xE0".to_vec(), "save it as .docx"),
        ("scan.pdf", b"%PDF-1.7".to_vec(), "save it as .docx"),
        ("page.wps", b"x".to_vec(), "save it as .docx"),
        ("photo.jpg", b"\xFF\xD8\xFF".to_vec(), "not .jpg"),
        ("binary.txt", b"abc\0def".to_vec(), "binary data"),
        ("mixed.txt", mixed, "mixes two encodings"),
        ("big.txt", big.clone(), "the file is 50 MB"),
        ("big.docx", big, "the limit is 40 MB"),
        (
            "none.txt",
            "没有标题的一段文字。\n".as_bytes().to_vec(),
            "no article found",
        ),
        (
            "article.md",
            "---\ntitle: x\n---\n".as_bytes().to_vec(),
            "already has front matter",
        ),
    ];
    for (name, bytes, want) in cases {
        refused(name, &bytes, want);
    }
}

/// Imports the file `name` holding `bytes` into a fresh site: the import
/// fails, names the file, says `want`, and writes nothing.
pub(crate) fn refused(name: &str, bytes: &[u8], want: &str) {
    let site = site_with_page(name, bytes);
    let before = snapshot(site.root());
    let path = site.root().join(name);
    let run = site.run(&["import", path.to_str().unwrap(), "--date", "2024-12-20"]);
    assert_ne!(run.status, 0, "{name} was accepted: {}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert!(
        run.stderr.contains(name),
        "{name} not named: {}",
        run.stderr
    );
    assert!(run.stderr.contains(want), "{name}: {}", run.stderr);
    assert_eq!(
        snapshot(site.root()),
        before,
        "{name}: something was written"
    );
}

#[test]
fn one_bad_file_stops_the_whole_import() {
    let site = site_with_page("page.txt", PAGE.as_bytes());
    site.write("empty.txt", "");
    let before = snapshot(site.root());
    let good = site.root().join("page.txt");
    let bad = site.root().join("empty.txt");
    let run = site.run(&[
        "import",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--date",
        "2024-12-20",
    ]);
    assert_ne!(run.status, 0);
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let site = site_with_page("page.txt", PAGE.as_bytes());
    let page = site.root().join("page.txt");
    let run = site.run(&["import", page.to_str().unwrap(), "--date", "2024-13-40"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("--date 2024-13-40 is not a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_day_named_relative_to_the_page_is_resolved_against_its_date() {
    let page = PAGE.replace("8月以来组建", "昨天宣布组建");
    let site = site_with_page("page.txt", page.as_bytes());
    let path = site.root().join("page.txt");
    site.run(&["import", path.to_str().unwrap(), "--date", "2024-12-20"])
        .ok();
    let news = std::fs::read_to_string(news_file(&site)).unwrap();
    let front = news.split("---").nth(1).unwrap();
    let parsed: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    assert_eq!(parsed["date"], "2024-12-19", "{front}");
    let date_line = front.lines().find(|l| l.starts_with("date:")).unwrap();
    assert!(date_line.contains("# guessed from: 昨天"), "{date_line}");
}
