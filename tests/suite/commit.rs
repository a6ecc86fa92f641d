//! The commit: the output is never missing. A build that fails or stops
//! dead at any step of putting its site in place leaves either the previous
//! site, byte for byte, or the new one, complete; the next build cleans up.
//! Steps are hit through the output step's own seam, `UNIONPRESS_TEST_FAULT`,
//! for both ways of switching: the one-step swap and the two renames of
//! systems without it. A symlinked output stays a symlink.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Command;

use crate::harness::{TestSite, snapshot};

type Tree = Vec<(String, Vec<u8>)>;

fn site() -> TestSite {
    let site = TestSite::minimal();
    for i in 0..12 {
        site.article(
            &format!("a{i}.md"),
            &format!(
                "title: 文章{i}\ndate: 2024-02-{:02}\ntags: [标签{}]",
                1 + i,
                i % 3
            ),
            "正文。",
        );
    }
    site
}

/// Builds `site` into `public/` with the fault `fault` injected.
fn build_with_fault(site: &TestSite, fault: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_unionpress"))
        .env("UNIONPRESS_LANG", "en")
        .args(["build", "--quiet", "--root"])
        .arg(site.root())
        .env("UNIONPRESS_TEST_FAULT", fault)
        .output()
        .unwrap()
}

/// What a build from scratch of the site as it is now writes.
fn fresh(site: &TestSite) -> Tree {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    site.run(&["build", "--quiet", "--output", target.to_str().unwrap()])
        .ok();
    snapshot(&target)
}

fn names_beside(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".unionpress-"))
        .collect();
    names.sort();
    names
}

/// Where each fault leaves the output: the previous site, the new one, or
/// (only between the two renames) under its retired name until the next
/// build.
#[derive(Debug, Clone, Copy, PartialEq)]
enum After {
    Previous,
    New,
    Retired,
}

fn interrupted_at(fault: &str, after: After) {
    let site = site();
    site.build().ok();
    let previous = site.snapshot();
    site.write(
        "site.yaml",
        "title: 改过的站名\nbase_url: https://example.org\n",
    );
    let new = fresh(&site);
    assert!(new != previous);

    let run = build_with_fault(&site, fault);
    let stderr = String::from_utf8_lossy(&run.stderr);
    if fault.contains("abort-after") {
        assert_eq!(run.status.signal(), Some(6), "{fault}: {stderr}");
    } else {
        assert_eq!(run.status.code(), Some(1), "{fault}: {stderr}");
        assert!(stderr.contains("failure injected"), "{fault}: {stderr}");
    }
    match after {
        After::Previous => assert!(site.snapshot() == previous, "{fault}: the output changed"),
        After::New => assert!(
            site.snapshot() == new,
            "{fault}: the output is not the new site"
        ),
        After::Retired => {
            assert!(!site.public().exists(), "{fault}");
            // The next build puts the previous site back even when it
            // fails on a content error.
            site.write("content/articles/bad.md", "---\ntitle: x\n");
            let bad = site.build();
            assert_eq!(bad.status, 1, "{}", bad.stderr);
            assert!(site.snapshot() == previous, "{fault}: not restored");
            assert_eq!(names_beside(site.root()), Vec::<String>::new(), "{fault}");
            std::fs::remove_file(site.root().join("content/articles/bad.md")).unwrap();
        }
    }
    site.build().ok();
    assert!(site.snapshot() == new, "{fault}: the next build differs");
    assert_eq!(
        names_beside(site.root()),
        Vec::<String>::new(),
        "{fault}: left behind after the next build"
    );
}

#[test]
fn the_one_step_swap_interrupted_at_each_step() {
    for (step, after) in [
        ("manifest", After::Previous),
        ("exchange", After::New),
        ("clean", After::New),
    ] {
        interrupted_at(&format!("fail-after:{step}"), after);
        interrupted_at(&format!("abort-after:{step}"), after);
    }
}

#[test]
fn the_two_renames_interrupted_at_each_step() {
    for (step, failed, aborted) in [
        ("manifest", After::Previous, After::Previous),
        // A failed second rename puts the previous site straight back.
        ("retire", After::Previous, After::Retired),
        ("place", After::New, After::New),
        ("clean", After::New, After::New),
    ] {
        interrupted_at(&format!("no-exchange,fail-after:{step}"), failed);
        interrupted_at(&format!("no-exchange,abort-after:{step}"), aborted);
    }
}

#[test]
fn the_two_renames_commit_like_the_swap() {
    let site = site();
    let first = build_with_fault(&site, "no-exchange");
    assert!(first.status.success());
    site.write(
        "content/articles/a0.md",
        "---\ntitle: 改过\ndate: 2024-02-01\n---\n改过。\n",
    );
    let second = build_with_fault(&site, "no-exchange");
    assert!(second.status.success());
    assert!(site.snapshot() == fresh(&site));
    assert_eq!(names_beside(site.root()), Vec::<String>::new());
}

/// `public -> real/`: the server that serves `real/` and the link both
/// show the new site after each build, and the link stays a link.
#[test]
fn a_symlinked_output_stays_a_symlink_to_the_new_site() {
    let site = site();
    let real = site.root().join("real");
    std::os::unix::fs::symlink("real", site.public()).unwrap();
    site.build().ok();
    assert!(
        site.public()
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.join("index.html").is_file());

    site.write(
        "site.yaml",
        "title: 改过的站名\nbase_url: https://example.org\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        site.public()
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_link(site.public()).unwrap(),
        Path::new("real")
    );
    assert!(snapshot(&real) == fresh(&site));
    assert!(site.read("index.html").contains("改过的站名"));
    // The lock and the staging folder sit beside the real folder.
    assert_eq!(names_beside(site.root()), Vec::<String>::new());
    assert!(site.root().join(".real.unionpress-lock").exists());
}

#[test]
fn a_symlinked_output_into_the_sources_is_refused() {
    let site = site();
    std::os::unix::fs::symlink("content", site.public()).unwrap();
    let before = snapshot(&site.root().join("content"));
    let run = site.build();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("choose another --output"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&site.root().join("content")) == before);
    std::fs::remove_file(site.public()).unwrap();
    std::os::unix::fs::symlink(".", site.public()).unwrap();
    let run = site.build();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("holds the site itself"),
        "{}",
        run.stderr
    );
}
