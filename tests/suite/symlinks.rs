//! Symbolic links in `content/`, `static/`, `templates/` and `themes/` are
//! followed only while they stay in the site, or lead into a folder that
//! `site.yaml` allows: anything else is an error naming the link, found by
//! `check` and `build` alike, and the previous output stays as it was.

use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use crate::harness::{Run, TestSite, snapshot};

fn built_site() -> TestSite {
    let site = TestSite::minimal();
    site.article("good.md", "title: 好文章\ndate: 2024-12-20", "正文。");
    site.build().ok();
    site
}

fn link(site: &TestSite, target: &str, rel: &str) {
    let at = site.root().join(rel);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(target, at).unwrap();
}

/// `check` and `build` both refuse the site with every line of `wanted`
/// among their errors, and the previous output is byte-identical.
fn refused(site: &TestSite, wanted: &[&str]) -> Run {
    let before = snapshot(&site.public());
    let check = site.run(&["check", "--quiet"]);
    let build = site.build();
    for run in [&check, &build] {
        assert_eq!(run.status, 1, "{}", run.stderr);
        let lines: Vec<&str> = run.stderr.lines().collect();
        for w in wanted {
            assert!(lines.contains(w), "no line {w:?} in:\n{}", run.stderr);
        }
    }
    assert!(
        snapshot(&site.public()) == before,
        "a refused build changed the output"
    );
    build
}

#[test]
fn a_picture_linked_to_a_file_of_the_machine_is_refused() {
    let site = built_site();
    link(&site, "/etc/passwd", "content/articles/pw.jpg");
    site.article("a.md", "title: 甲\ndate: 2024-12-21", "![图](pw.jpg)");
    refused(
        &site,
        &[
            "content/articles/pw.jpg: error: this symbolic link leads out of the site, to /etc/passwd",
        ],
    );
}

#[test]
fn a_static_file_linked_to_a_file_of_the_machine_is_refused() {
    let site = built_site();
    link(&site, "/etc/passwd", "static/passwd.txt");
    refused(
        &site,
        &["static/passwd.txt: error: this symbolic link leads out of the site, to /etc/passwd"],
    );
}

#[test]
fn a_template_linked_out_of_the_site_is_refused() {
    let site = built_site();
    link(&site, "/etc/passwd", "templates/404.html");
    refused(
        &site,
        &["templates/404.html: error: this symbolic link leads out of the site, to /etc/passwd"],
    );
}

/// A link to `/` once made `check` walk the whole disk for minutes.
#[test]
fn a_link_to_the_root_of_the_disk_is_refused_at_once() {
    let site = built_site();
    link(&site, "/", "content/articles/rootfs");
    let start = Instant::now();
    refused(
        &site,
        &["content/articles/rootfs: error: this symbolic link leads out of the site, to /"],
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_cycle_of_links_is_refused() {
    let site = built_site();
    link(&site, "b", "content/articles/a");
    link(&site, "a", "content/articles/b");
    let run = refused(&site, &[]);
    assert!(
        run.stderr
            .contains("content/articles/a: error: cannot be read:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_to_an_ancestor_inside_the_site_is_refused() {
    let site = built_site();
    link(&site, "../..", "content/articles/up");
    refused(
        &site,
        &[
            "content/articles/up: error: this link leads back to the site's own folder and makes a loop",
        ],
    );
}

#[test]
fn a_link_to_a_file_inside_the_site_is_followed() {
    let site = built_site();
    site.write("shared/pic.gif", "a picture");
    link(&site, "../../shared/pic.gif", "content/articles/pic.gif");
    site.article("a.md", "title: 甲\ndate: 2024-12-21", "![图](pic.gif)");
    site.run(&["check"]).ok();
    site.build().ok();
    assert_eq!(site.read("articles/a/pic.gif"), "a picture");
}

#[test]
fn a_link_into_an_allowed_shared_folder_is_followed() {
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(shared.path().join("photo.gif"), "a shared photo").unwrap();
    let site = built_site();
    let target = shared.path().join("photo.gif");
    link(
        &site,
        target.to_str().unwrap(),
        "content/articles/photo.gif",
    );
    site.article("a.md", "title: 甲\ndate: 2024-12-21", "![图](photo.gif)");
    site.build();
    site.write(
        "site.yaml",
        &format!(
            "title: 测试站\nbase_url: https://example.org\nallow_links_to: [{}]\n",
            shared.path().display()
        ),
    );
    site.run(&["check"]).ok();
    site.build().ok();
    assert_eq!(site.read("articles/a/photo.gif"), "a shared photo");
}

#[test]
fn a_misspelt_allow_links_to_names_the_setting() {
    let site = built_site();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nallow_link_to: [/mnt]\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("site.yaml:3:1: error: unknown field `allow_link_to`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`allow_links_to`"), "{}", run.stderr);
}

#[test]
fn an_allowed_folder_that_does_not_exist_is_refused_at_its_line() {
    let site = built_site();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nallow_links_to: [/no/such/drive]\n",
    );
    let before = snapshot(&site.public());
    for args in [&["check"][..], &["build", "--quiet"]] {
        let run = site.run(args);
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "site.yaml:3:18: error: `/no/such/drive` in allow_links_to is not a folder"
            ),
            "{}",
            run.stderr
        );
    }
    assert!(snapshot(&site.public()) == before);
}

#[test]
fn a_theme_folder_linked_out_of_the_site_is_refused() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("templates")).unwrap();
    std::fs::write(elsewhere.path().join("templates/404.html"), "x").unwrap();
    let site = built_site();
    link(&site, elsewhere.path().to_str().unwrap(), "themes/shared");
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\ntheme: shared\n",
    );
    let line = format!(
        "themes/shared: error: this symbolic link leads out of the site, to {}",
        std::fs::canonicalize(elsewhere.path())
            .unwrap()
            .join("templates")
            .display()
    );
    refused(&site, &[&line]);
}
