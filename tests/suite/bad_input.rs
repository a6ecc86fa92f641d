//! Bad input gets a clear error, never a panic, a hang or a half-written
//! site. Each test first builds a good site, then adds one bad input and
//! checks: exit status 1 (not 101), a message naming the file and, where the
//! problem has one, the line and column, and the previous output unchanged.
//!
//! Big and odd inputs are generated here rather than committed as fixtures.

use crate::harness::{Run, TestSite};

/// A site with one good article, built once so that it has an output.
fn built_site() -> TestSite {
    let site = TestSite::minimal();
    site.article("good.md", "title: 好文章\ndate: 2024-12-20", "正文。");
    site.build().ok();
    assert!(site.exists("articles/good/index.html"));
    site
}

/// Builds and checks that the build was refused with a message holding
/// every one of `wanted`, leaving the previous output as it was.
fn refused(site: &TestSite, wanted: &[&str]) -> Run {
    let before = site.snapshot();
    let run = site.build();
    assert_eq!(
        run.status, 1,
        "expected exit status 1\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for w in wanted {
        assert!(
            run.stderr.contains(w),
            "the message lacks {w:?}:\n{}",
            run.stderr
        );
    }
    assert!(
        site.snapshot() == before,
        "a refused build changed the previous output"
    );
    no_leftovers(site);
    run
}

/// No staging or retired folder is left beside the output.
fn no_leftovers(site: &TestSite) {
    for entry in std::fs::read_dir(site.root()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with(".unionpress-"), "leftover folder {name}");
    }
}

fn bad(site: &TestSite, name: &str, bytes: &[u8]) {
    let path = site.root().join("content/articles").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn malformed_yaml_an_unclosed_quote() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        "---\ntitle: \"半句\ndate: 2024-12-20\n---\n".as_bytes(),
    );
    refused(
        &site,
        &[
            "content/articles/a.md:2:8:",
            "a quotation mark opened here is never closed",
        ],
    );
}

#[test]
fn malformed_yaml_tab_indentation_gets_a_hint_about_tabs() {
    let site = built_site();
    bad(&site, "a.md", b"---\ntitle: x\n\tdate: 2024-12-20\n---\n");
    // serde_yaml places this at the start of the scalar before the tab
    // (2:8), not at the tab (3:1); the hint names the tab all the same.
    refused(&site, &["content/articles/a.md:2:8:", "tabs"]);
}

#[test]
fn front_matter_that_is_a_list_not_a_mapping() {
    let site = built_site();
    bad(&site, "a.md", b"---\n- title\n- date\n---\n");
    refused(
        &site,
        &[
            "content/articles/a.md:2:1:",
            "expected a mapping of `key: value` lines but found a list",
        ],
    );
}

#[test]
fn front_matter_that_is_plain_text() {
    let site = built_site();
    bad(&site, "a.md", "---\n只是一句话\n---\n".as_bytes());
    refused(
        &site,
        &["content/articles/a.md:2:1:", "mapping", "found text"],
    );
}

#[test]
fn front_matter_never_closed() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        b"---\ntitle: x\ndate: 2024-12-20\n\nbody without the closing line\n",
    );
    refused(
        &site,
        &[
            "content/articles/a.md:1:1:",
            "never closed",
            "add a line `---`",
        ],
    );
}

#[test]
fn a_list_where_the_title_belongs() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        b"---\ntitle: [a, b]\ndate: 2024-12-20\n---\n",
    );
    refused(
        &site,
        &[
            "content/articles/a.md:2:8:",
            "`title`: expected text but found a list",
        ],
    );
}

#[test]
fn a_number_where_true_or_false_belongs() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        b"---\ntitle: x\ndate: 2024-12-20\ndraft: 2\n---\n",
    );
    refused(
        &site,
        &[
            "content/articles/a.md:4:8:",
            "`draft`: expected true or false but found a whole number",
        ],
    );
}

/// A number as a title is not refused: YAML hands us the text exactly as
/// written (`007`, `1e3`, `0x10` stay so), and an editor's headline "2024"
/// should not need quotes. This guards that nothing is reformatted.
#[test]
fn a_number_as_a_title_is_kept_exactly_as_written() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 007\ndate: 2024-12-20", "x");
    site.article("b.md", "title: 1e3\ndate: 2024-12-20", "x");
    site.build().ok();
    assert_eq!(site.page("/articles/a/").text("h1"), "007");
    assert_eq!(site.page("/articles/b/").text("h1"), "1e3");
}

#[test]
fn a_day_that_does_not_exist() {
    let site = built_site();
    bad(&site, "a.md", b"---\ntitle: x\ndate: 2024-02-30\n---\n");
    refused(
        &site,
        &[
            "content/articles/a.md:3:7:",
            "`2024-02-30` is not a real day of the calendar",
        ],
    );
}

/// An HTML comment that never closes once hid the rest of the article
/// (raw HTML sanitized) or of the whole page, footer included (raw HTML
/// kept), without a word.
#[test]
fn an_unclosed_html_comment_is_refused_at_its_place() {
    for raw in ["false", "true"] {
        let site = built_site();
        site.write(
            "site.yaml",
            &format!("title: 测试站\nbase_url: https://example.org\nallow_raw_html: {raw}\n"),
        );
        site.build().ok();
        bad(
            &site,
            "a.md",
            "---\ntitle: x\ndate: 2024-12-20\n---\n\n第一段。\n\n<!-- 编者注\n\n第二段。\n"
                .as_bytes(),
        );
        let message = "content/articles/a.md:8:1: error: this HTML comment is never closed, so everything after it would go missing from the article";
        refused(&site, &[message]);
        let check = site.run(&["check", "--quiet"]);
        assert_eq!(check.status, 1);
        assert!(check.stderr.contains(message), "{}", check.stderr);
    }
}

/// Years outside 1900–2200 are typing mistakes; year 0 once gave an
/// invalid Atom date (`-001-12-31T…`).
#[test]
fn a_year_out_of_range_is_refused_at_the_date() {
    for (date, year) in [
        ("0000-01-01", "0"),
        ("1899-12-31", "1899"),
        ("2201-01-01", "2201"),
    ] {
        let site = built_site();
        bad(
            &site,
            "a.md",
            format!("---\ntitle: x\ndate: {date}\n---\n").as_bytes(),
        );
        let message = format!(
            "content/articles/a.md:3:7: error: `{date}` is in the year {year}; dates must fall between 1900 and 2200"
        );
        refused(&site, &[&message]);
        let check = site.run(&["check", "--quiet"]);
        assert_eq!(check.status, 1);
        assert!(check.stderr.contains(&message), "{}", check.stderr);
    }
}

/// Before 1901 Asia/Shanghai keeps local mean time, +08:05:43; HTML's
/// `datetime` takes only whole minutes, so the offset is rounded up.
#[test]
fn dates_before_standard_time_are_printed_with_whole_minute_offsets() {
    let site = TestSite::minimal();
    site.article("old.md", "title: 百年前\ndate: 1900-01-01", "正文。");
    site.build().ok();
    let page = site.page("/articles/old/");
    assert_eq!(
        page.attrs("time", "datetime"),
        ["1900-01-01T00:00:17+08:06"]
    );
    assert_eq!(
        page.attrs("meta[property='article:published_time']", "content"),
        ["1900-01-01T00:00:17+08:06"]
    );
    // The same instant as the article's midnight in local mean time.
    let feed = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let published: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("published"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(published, ["1899-12-31T15:54:17Z"]);
}

#[test]
fn invalid_utf8_names_the_first_bad_byte() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        b"---\ntitle: x\ndate: 2024-12-20\n---\n\xe5\xb7\xa5\xff\xfe\n",
    );
    refused(
        &site,
        &["content/articles/a.md:5:2:", "not valid UTF-8", "Encoding"],
    );
}

#[test]
fn a_nul_byte() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        b"---\ntitle: x\ndate: 2024-12-20\n---\nab\0c\n",
    );
    refused(&site, &["content/articles/a.md:5:3:", "NUL"]);
}

#[test]
fn an_empty_file() {
    let site = built_site();
    bad(&site, "a.md", b"");
    refused(
        &site,
        &[
            "content/articles/a.md:1:1:",
            "does not start with front matter",
        ],
    );
}

#[test]
fn empty_front_matter() {
    let site = built_site();
    bad(&site, "a.md", b"---\n---\nbody\n");
    refused(
        &site,
        &["content/articles/a.md:2:1:", "front matter is empty"],
    );
}

/// A BOM, CRLF and lone CR simply work, and line numbers stay right.
#[test]
fn bom_crlf_and_lone_cr_work_and_count_lines_right() {
    let site = TestSite::minimal();
    bad(
        &site,
        "bom.md",
        "\u{feff}---\ntitle: 有BOM\ndate: 2024-12-20\n---\n正文。\n".as_bytes(),
    );
    bad(
        &site,
        "crlf.md",
        "---\r\ntitle: Windows\r\ndate: 2024-12-20\r\n---\r\n第一行\r\n第二行\r\n".as_bytes(),
    );
    bad(
        &site,
        "cr.md",
        "---\rtitle: 老Mac\rdate: 2024-12-20\r---\r正文\r".as_bytes(),
    );
    site.build().ok();
    assert_eq!(site.page("/articles/bom/").text("h1"), "有BOM");
    assert_eq!(site.page("/articles/crlf/").text("h1"), "Windows");
    assert_eq!(site.page("/articles/cr/").text("h1"), "老Mac");
    assert!(!site.read("articles/crlf/index.html").contains('\r'));

    bad(
        &site,
        "bom.md",
        "\u{feff}---\ntitle: x\ndate: 2024-12-20\nfoo: 1\n---\n".as_bytes(),
    );
    bad(
        &site,
        "crlf.md",
        b"---\r\ntitle: x\r\ndate: 2024-12-20\r\nfoo: 1\r\n---\r\n",
    );
    bad(
        &site,
        "cr.md",
        b"---\rtitle: x\rdate: 2024-12-20\rfoo: 1\r---\r",
    );
    refused(
        &site,
        &[
            "content/articles/bom.md:4:1: error: unknown field `foo`",
            "content/articles/crlf.md:4:1: error: unknown field `foo`",
            "content/articles/cr.md:4:1: error: unknown field `foo`",
        ],
    );
}

#[test]
fn a_50_mb_article_is_refused_with_its_size() {
    let site = built_site();
    let mut text = b"---\ntitle: x\ndate: 2024-12-20\n---\n".to_vec();
    text.resize(50 * 1024 * 1024, b'x');
    bad(&site, "huge.md", &text);
    refused(
        &site,
        &[
            "content/articles/huge.md: error: the file is 50 MB; files over 16 MB are not accepted",
            "split it",
        ],
    );
}

#[test]
fn a_10000_level_nested_list() {
    let site = built_site();
    let body = "- ".repeat(10_000) + "深";
    bad(
        &site,
        "a.md",
        format!("---\ntitle: x\ndate: 2024-12-20\n---\n\n{body}\n").as_bytes(),
    );
    refused(
        &site,
        &[
            "content/articles/a.md:6:",
            "nested here more than 100 levels deep",
        ],
    );
}

#[test]
fn a_10000_level_nested_blockquote() {
    let site = built_site();
    let body: String = (0..10_000)
        .map(|i| format!("{}引\n", "> ".repeat(i % 50 + 1)))
        .collect::<String>()
        + &"> ".repeat(10_000);
    bad(
        &site,
        "a.md",
        format!("---\ntitle: x\ndate: 2024-12-20\n---\n\n{body}\n").as_bytes(),
    );
    refused(
        &site,
        &[
            "content/articles/a.md:10006:",
            "nested here more than 100 levels deep",
        ],
    );
}

/// Guards against a hang: the sanitizer took minutes on 100,000 `<div>`s.
#[test]
fn a_100000_level_nested_raw_html() {
    let site = built_site();
    let body = "<div>".repeat(100_000);
    bad(
        &site,
        "a.md",
        format!("---\ntitle: x\ndate: 2024-12-20\n---\n{body}\n").as_bytes(),
    );
    refused(
        &site,
        &[
            "content/articles/a.md:5:",
            "nested here more than 100 levels deep",
        ],
    );
}

#[test]
fn a_yaml_alias_bomb() {
    let site = built_site();
    let mut yaml = String::from(
        "title: x\ndate: 2024-12-20\nextra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10u8 {
        let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        yaml.push_str(&format!(
            "  {c}: &{c} [{}]\n",
            vec![format!("*{p}"); 9].join(", ")
        ));
    }
    bad(&site, "a.md", format!("---\n{yaml}---\n").as_bytes());
    let run = refused(
        &site,
        &[
            "content/articles/a.md:",
            "repeats its anchors",
            "remove the anchors",
        ],
    );
    assert!(
        !run.stderr.contains("repetition limit"),
        "serde's words leaked: {}",
        run.stderr
    );
}

/// Guards against a hang: 80,000 nested `[` kept the YAML parser busy for minutes.
#[test]
fn deeply_nested_yaml_brackets() {
    let site = built_site();
    bad(
        &site,
        "a.md",
        format!("---\ntitle: x\nextra: {}\n---\n", "[".repeat(200_000)).as_bytes(),
    );
    refused(
        &site,
        &["content/articles/a.md:3:108:", "more than 100 levels deep"],
    );
}

#[test]
fn extremely_long_lines_work_and_columns_count_characters() {
    let site = TestSite::minimal();
    let line = "工会".repeat(500_000);
    site.article(
        "long.md",
        &format!("title: {}\ndate: 2024-12-20", "长".repeat(10_000)),
        &line,
    );
    site.build().ok();
    assert_eq!(
        site.page("/articles/long/").text("h1").chars().count(),
        10_000
    );
    assert!(site.page("/articles/long/").text("main").contains(&line));

    site.article(
        "long.md",
        &format!(
            "title: x\ndate: 2024-12-20\nsummary: {}: b",
            "长".repeat(200_000)
        ),
        "x",
    );
    refused(&site, &["content/articles/long.md:4:200010:"]);
}

#[test]
fn file_names_with_spaces_chinese_and_emoji() {
    let site = TestSite::minimal();
    bad(
        &site,
        "with space.md",
        b"---\ntitle: a\ndate: 2024-12-20\n---\n",
    );
    bad(
        &site,
        "泾县 产改.md",
        b"---\ntitle: b\ndate: 2024-12-20\n---\n",
    );
    bad(
        &site,
        "🎉新闻.md",
        b"---\ntitle: c\ndate: 2024-12-20\n---\n",
    );
    site.build().ok();
    assert_eq!(site.page("/articles/with-space/").text("h1"), "a");
    assert_eq!(site.page("/articles/jing-xian-chan-gai/").text("h1"), "b");
    assert_eq!(site.page("/articles/xin-wen/").text("h1"), "c");

    bad(&site, "🎉🎉.md", b"---\ntitle: d\ndate: 2024-12-20\n---\n");
    refused(
        &site,
        &[
            "content/articles/🎉🎉.md: error: no URL can be made from this file name",
            "slug:",
        ],
    );
}

#[test]
fn a_symlink_loop_in_content() {
    let site = built_site();
    std::fs::create_dir_all(site.root().join("content/articles/2024")).unwrap();
    std::os::unix::fs::symlink("..", site.root().join("content/articles/2024/loop")).unwrap();
    refused(
        &site,
        &[
            "content/articles/2024/loop: error: this link leads back to content/articles and makes a loop",
        ],
    );
}

/// A section folder that contains itself through a link: the only way a
/// section structure can be circular on disk.
#[test]
fn a_circular_section_structure() {
    let site = built_site();
    site.write("content/articles/a/_index.md", "---\ntitle: A\n---\n");
    site.write("content/articles/a/b/_index.md", "---\ntitle: B\n---\n");
    std::os::unix::fs::symlink("../../a", site.root().join("content/articles/a/b/a")).unwrap();
    refused(
        &site,
        &[
            "content/articles/a/b/a: error: this link leads back to content/articles/a and makes a loop",
        ],
    );
}

/// Tests run as root, where permission bits do not stop reads; an unreadable
/// file is made instead as a link to nothing, and as a named pipe (which
/// would block a reader for ever).
#[test]
fn an_unreadable_file_a_dangling_link() {
    let site = built_site();
    std::os::unix::fs::symlink("gone.md", site.root().join("content/articles/a.md")).unwrap();
    refused(
        &site,
        &["content/articles/a.md: error: cannot be read: No such file or directory"],
    );
}

#[test]
fn an_unreadable_folder_a_dangling_link() {
    let site = built_site();
    std::os::unix::fs::symlink(
        "/nonexistent/unionpress-folder",
        site.root().join("content/articles/2023"),
    )
    .unwrap();
    refused(&site, &["content/articles/2023: error: cannot be read"]);
}

#[test]
fn a_named_pipe_is_reported_not_read() {
    let site = built_site();
    let path = site.root().join("content/articles/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    refused(
        &site,
        &["content/articles/pipe.md: error: this is not an ordinary file"],
    );
}

#[test]
fn a_symlink_loop_in_static_fails_the_build() {
    let site = built_site();
    std::fs::create_dir_all(site.root().join("static/x")).unwrap();
    site.write("static/a.txt", "a");
    std::os::unix::fs::symlink("..", site.root().join("static/x/loop")).unwrap();
    refused(&site, &["static/x/loop: error:", "loop"]);
}

#[test]
fn a_registry_file_that_names_itself_is_fine() {
    let site = TestSite::minimal();
    site.write(
        "content/programmes/chan-gai.md",
        "---\ntitle: 产业工人队伍建设改革\nnames: [产改, 产业工人队伍建设改革]\n---\n说明。\n",
    );
    site.article(
        "a.md",
        "title: a\ndate: 2024-12-20\nprogrammes: [产业工人队伍建设改革]",
        "x",
    );
    site.article(
        "b.md",
        "title: b\ndate: 2024-12-20\nprogrammes: [产改]",
        "x",
    );
    site.build().ok();
    assert_eq!(
        site.page("/programmes/chan-gai/")
            .count("a[href$='/articles/a/']"),
        1
    );
    assert_eq!(
        site.page("/programmes/chan-gai/")
            .count("a[href$='/articles/b/']"),
        1
    );
}

#[test]
fn two_programmes_that_claim_the_same_name() {
    let site = built_site();
    site.write(
        "content/programmes/chan-gai.md",
        "---\ntitle: 产业工人队伍建设改革\nnames: [产改]\n---\n",
    );
    site.write(
        "content/programmes/other.md",
        "---\ntitle: 别的项目\nnames: [产改]\n---\n",
    );
    refused(
        &site,
        &[
            "content/programmes/other.md: error: the programme name `产改` is already used by content/programmes/chan-gai.md",
        ],
    );
}

#[test]
fn a_bulletin_that_lists_the_same_article_twice() {
    let site = built_site();
    site.write(
        "content/bulletins/2024-12.md",
        "---\ntitle: 简报\nnumber: 2024年第12期\ndate: 2024-12-31\narticles:\n  - articles/good.md\n  - good\n---\n",
    );
    refused(
        &site,
        &["content/bulletins/2024-12.md:7:5: error: `good` is listed twice in this bulletin"],
    );
}

#[test]
fn every_error_in_a_build_is_reported_together() {
    let site = built_site();
    bad(&site, "a.md", b"---\ntitle: x\ndate: 2024-02-30\n---\n");
    bad(&site, "b.md", b"---\ntitle: x\n");
    bad(&site, "c.md", b"\xff");
    refused(&site, &["a.md:3:7", "b.md:1:1", "c.md:1:1", "3 errors"]);
}
