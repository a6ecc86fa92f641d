//! Every file of the output has one owner: an alias, a picture, a linked
//! file or a static file that would land on a file something else writes is
//! an error naming both, found by `check` and `build` alike, and the
//! previous output stays as it was.

use crate::harness::{Run, TestSite, snapshot};

/// A site with two articles and a tag, paginated one article a page so
/// that `/page/2/` exists, built once so that it has an output.
fn built_site() -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\npaginate_by: 1\n",
    );
    site.article(
        "a.md",
        "title: 甲\ndate: 2024-12-20\ntags: [竞赛]",
        "甲的正文。",
    );
    site.article("other.md", "title: 乙\ndate: 2024-12-21", "乙的正文。");
    site.build().ok();
    assert!(site.exists("page/2/index.html"));
    site
}

/// The error lines of a run, without the summary.
fn errors(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect()
}

/// `check` and `build` both refuse the site with exactly the errors
/// `wanted` (whole lines), and the previous output is byte-identical.
fn refused(site: &TestSite, wanted: &[&str]) {
    let before = snapshot(&site.public());
    let build = site.build();
    let check = site.run(&["check", "--quiet"]);
    for run in [&build, &check] {
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert_eq!(errors(run), wanted, "{}", run.stderr);
    }
    assert!(
        snapshot(&site.public()) == before,
        "a refused build changed the output"
    );
    for entry in std::fs::read_dir(site.root()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with(".unionpress-"), "leftover folder {name}");
    }
}

fn with_alias(site: &TestSite, alias: &str) {
    site.article(
        "b.md",
        &format!("title: 丙\ndate: 2024-12-19\naliases: [{alias}]"),
        "丙。",
    );
}

#[test]
fn an_alias_onto_the_front_page_is_refused() {
    let site = built_site();
    with_alias(&site, "/index.html");
    refused(
        &site,
        &[
            "content/articles/b.md:4:11: error: this alias `/index.html` and a page unionpress makes would both be published at /",
        ],
    );
}

#[test]
fn an_alias_onto_another_articles_page_is_refused() {
    let site = built_site();
    with_alias(&site, "/articles/other/index.html");
    refused(
        &site,
        &[
            "content/articles/b.md:4:11: error: this alias `/articles/other/index.html` and the article at content/articles/other.md would both be published at /articles/other/",
        ],
    );
}

/// Check once reported two errors here and build one: both go through the
/// same claims now.
#[test]
fn an_alias_equal_to_an_article_url_is_one_error_in_check_and_build() {
    let site = built_site();
    with_alias(&site, "/articles/a/");
    refused(
        &site,
        &[
            "content/articles/b.md:4:11: error: this alias `/articles/a/` and the article at content/articles/a.md would both be published at /articles/a/",
        ],
    );
}

#[test]
fn an_alias_onto_a_list_page_is_refused() {
    for (alias, url) in [
        ("/page/2/index.html", "/page/2/"),
        ("/tags/index.html", "/tags/"),
    ] {
        let site = built_site();
        with_alias(&site, alias);
        let line = format!(
            "content/articles/b.md:4:11: error: this alias `{alias}` and a page unionpress makes would both be published at {url}"
        );
        refused(&site, &[&line]);
    }
}

#[test]
fn an_alias_into_the_search_folder_is_refused() {
    let site = built_site();
    with_alias(&site, "/search/old/");
    refused(
        &site,
        &[
            "content/articles/b.md:4:11: error: this alias `/search/old/` and the search index would both be published at /search/",
        ],
    );
}

#[test]
fn a_picture_or_linked_file_named_index_html_is_refused() {
    for body in ["![图](index.html)", "[附件](index.html)"] {
        let site = built_site();
        site.write("content/articles/index.html", "<p>not a page</p>");
        site.article("b.md", "title: 丙\ndate: 2024-12-19", body);
        refused(
            &site,
            &[
                "content/articles/b.md:6:1: error: this file `articles/index.html` and the article at content/articles/b.md would both be published at /articles/b/",
            ],
        );
    }
}

#[test]
fn two_pictures_of_one_name_beside_one_article_are_refused() {
    let site = built_site();
    site.write("content/articles/a/p.gif", "one");
    site.write("content/articles/b/p.gif", "two");
    site.article(
        "c.md",
        "title: 丁\ndate: 2024-12-19",
        "![一](a/p.gif)\n\n![二](b/p.gif)",
    );
    refused(
        &site,
        &[
            "content/articles/c.md:8:1: error: this file `articles/b/p.gif` and the file `articles/a/p.gif` at content/articles/c.md:6:1 would both be published at /articles/c/p.gif",
        ],
    );
}

#[test]
fn a_lead_picture_and_a_body_picture_of_one_name_are_refused() {
    let site = built_site();
    site.write("content/articles/p.gif", "lead");
    site.write("content/articles/a/p.gif", "body");
    site.article(
        "c.md",
        "title: 丁\ndate: 2024-12-19\nimage: {src: p.gif, alt: 图}",
        "![二](a/p.gif)",
    );
    refused(
        &site,
        &[
            "content/articles/c.md:4:1: error: this file `articles/p.gif` and the file `articles/a/p.gif` at content/articles/c.md:7:1 would both be published at /articles/c/p.gif",
        ],
    );
}

#[test]
fn the_same_picture_shown_twice_is_one_file() {
    let site = built_site();
    site.write("content/articles/p.gif", "lead");
    site.article(
        "c.md",
        "title: 丁\ndate: 2024-12-19\nimage: {src: p.gif, alt: 图}",
        "![图](p.gif)\n\n![又是图](p.gif)",
    );
    site.build().ok();
    site.run(&["check"]).ok();
    assert_eq!(site.read("articles/c/p.gif"), "lead");
}

#[test]
fn a_static_file_where_a_generated_folder_is_is_refused() {
    let site = built_site();
    site.write("static/tags", "a file, not a folder");
    refused(
        &site,
        &[
            "static/tags: error: this static file and a page unionpress makes clash at /tags: one needs it as a file, the other as the folder of /tags/index.html",
        ],
    );
}

#[test]
fn a_static_folder_where_a_generated_file_is_is_refused() {
    let site = built_site();
    site.write("static/robots.txt/x.txt", "a folder, not a file");
    refused(
        &site,
        &[
            "static/robots.txt/x.txt: error: this static file and a page unionpress makes clash at /robots.txt: one needs it as a file, the other as the folder of /robots.txt/x.txt",
        ],
    );
}

#[test]
fn a_static_file_over_a_generated_page_is_refused() {
    let site = built_site();
    site.write("static/articles/a/index.html", "<p>mine</p>");
    refused(
        &site,
        &[
            "static/articles/a/index.html: error: this static file and the article at content/articles/a.md would both be published at /articles/a/",
        ],
    );
}

#[test]
fn the_sites_static_files_override_the_themes() {
    let site = built_site();
    site.write("static/style.css", "body { color: black; }");
    site.build().ok();
    site.run(&["check"]).ok();
    assert_eq!(site.read("style.css"), "body { color: black; }");
}

/// On Windows and macOS, where editors preview, `P.gif` and `p.gif` are
/// one file: the second would replace the first there.
#[test]
fn two_files_whose_names_differ_only_in_case_are_refused() {
    let site = built_site();
    site.write("content/articles/a/P.gif", "one");
    site.write("content/articles/b/p.gif", "two");
    site.article(
        "c.md",
        "title: 丁\ndate: 2024-12-19",
        "![一](a/P.gif)\n\n![二](b/p.gif)",
    );
    refused(
        &site,
        &[
            "content/articles/c.md:8:1: error: this file `articles/b/p.gif` and the file `articles/a/P.gif` at content/articles/c.md:6:1 would both be published at /articles/c/p.gif",
        ],
    );
}

/// A build once failed on such a name with the disk's message about the
/// staging folder, while check passed.
#[test]
fn a_name_too_long_for_a_file_system_is_refused_by_check_too() {
    let site = built_site();
    let long = "x".repeat(300);
    with_alias(&site, &format!("/old/{long}/"));
    let line = format!(
        "content/articles/b.md:4:11: error: this alias `/old/{long}/` would be published at /old/{long}/index.html, in which the name `xxxxxxxxxxxxxxxxxxxx…` is 300 bytes long; no file system takes names over 255"
    );
    refused(&site, &[&line]);
}
