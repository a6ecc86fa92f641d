//! The output folder: a build replaces it only as a whole and only when it
//! is ours; it never deletes what it did not write, and never writes into
//! the site itself. Refusals are usage errors (exit status 2).

use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::{TestSite, snapshot};

fn one_article() -> TestSite {
    let site = TestSite::minimal();
    site.article("a.md", "title: 甲\ndate: 2024-01-01", "甲。");
    site
}

#[test]
fn a_non_empty_folder_without_our_manifest_is_not_replaced() {
    let site = one_article();
    site.write("public/notes.txt", "an editor's own file");
    let run = site.build();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is not empty and was not made by unionpress"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.snapshot(),
        [("notes.txt".to_string(), b"an editor's own file".to_vec())]
    );
}

#[test]
fn a_foreign_file_added_to_our_output_is_not_deleted() {
    let site = one_article();
    site.build().ok();
    site.write("public/articles/a/notes.txt", "mine");
    let before = site.snapshot();
    let run = site.build();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("articles/a/notes.txt"),
        "{}",
        run.stderr
    );
    assert!(site.snapshot() == before);
}

#[test]
fn output_into_content_is_refused() {
    let site = one_article();
    let before = crate::harness::snapshot(&site.root().join("content"));
    let run = site.run_inside(&["build", "--quiet", "--output", "content"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("choose another --output"),
        "{}",
        run.stderr
    );
    assert!(crate::harness::snapshot(&site.root().join("content")) == before);
    let sub = site.run(&[
        "build",
        "--quiet",
        "--output",
        site.root().join("content/articles/out").to_str().unwrap(),
    ]);
    assert_eq!(sub.status, 2, "{}", sub.stderr);
    assert!(!site.root().join("content/articles/out").exists());
}

#[test]
fn output_onto_the_site_root_is_refused() {
    let site = one_article();
    let root = site.root().to_str().unwrap().to_string();
    let run = site.run(&["build", "--quiet", "--output", &root]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("holds the site itself"),
        "{}",
        run.stderr
    );
    assert!(site.root().join("site.yaml").exists());
}

#[test]
fn a_rebuild_replaces_the_whole_output() {
    let site = one_article();
    site.article("b.md", "title: 乙\ndate: 2024-01-02", "乙。");
    site.build().ok();
    assert!(site.exists("articles/b/index.html"));
    std::fs::remove_file(site.root().join("content/articles/b.md")).unwrap();
    site.build().ok();
    assert!(!site.exists("articles/b/index.html"));
    assert!(site.exists("articles/a/index.html"));
    // The manifest lists exactly the files written.
    let manifest = site.read(".unionpress-manifest");
    let listed: Vec<&str> = manifest.lines().collect();
    let mut files: Vec<String> = site
        .snapshot()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p != ".unionpress-manifest")
        .collect();
    files.sort();
    assert_eq!(listed, files);
}

#[test]
fn an_empty_folder_may_be_used() {
    let site = one_article();
    std::fs::create_dir_all(site.root().join("out")).unwrap();
    site.run_inside(&["build", "--quiet", "--output", "out"])
        .ok();
    assert!(site.root().join("out/articles/a/index.html").exists());
}

#[test]
fn a_site_without_site_yaml_is_a_usage_error() {
    let site = TestSite::empty();
    let run = site.build();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let site = one_article();
    let run = site.run(&["build", "--no-such-flag"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn check_writes_nothing() {
    let site = one_article();
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!site.public().exists());
}

/// A site of `n` articles over a few tags, so that a build takes a moment.
fn site_of(n: usize) -> TestSite {
    let site = TestSite::minimal();
    for i in 0..n {
        site.article(
            &format!("a{i}.md"),
            &format!(
                "title: 文章{i}\ndate: 2024-01-{:02}\ntags: [标签{}]",
                1 + i % 28,
                i % 5
            ),
            &"工会新闻正文。".repeat(40),
        );
    }
    site
}

/// Names beside the output that a build leaves when it should not.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".unionpress-"))
        .collect()
}

/// The output holds every file its manifest lists and nothing else, the
/// theme's style sheet, and one page per article.
fn assert_complete(out: &Path, articles: usize) {
    let manifest = std::fs::read_to_string(out.join(".unionpress-manifest")).unwrap();
    let mut listed: Vec<&str> = manifest.lines().collect();
    listed.sort();
    let mut files: Vec<String> = snapshot(out)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p != ".unionpress-manifest")
        .collect();
    files.sort();
    assert_eq!(listed, files, "the manifest and the files differ");
    assert!(out.join("style.css").is_file(), "style.css is missing");
    let pages = std::fs::read_dir(out.join("articles"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert_eq!(pages, articles, "article pages");
}

/// Two builds into one output at once used to delete each other's staging
/// folder: the output's lock makes the second wait for the first.
#[test]
fn two_builds_into_one_output_at_once_both_succeed_one_after_the_other() {
    let site = site_of(40);
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .env("UNIONPRESS_LANG", "en")
            .args(["build", "--root"])
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut waited = 0;
    for pair in 0..20 {
        let (first, second) = (build(), build());
        for child in [first, second] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "pair {pair}: {stderr}");
            if stderr.contains("waiting for another build into") {
                waited += 1;
            }
        }
        assert_complete(&site.public(), 40);
        assert_eq!(leftovers(site.root()), Vec::<String>::new(), "pair {pair}");
    }
    // Started together, the two builds reach the output together nearly
    // every time; never seeing one wait would mean there is no lock.
    assert!(waited > 0, "no build of 20 pairs waited for the other");
}

/// A full disk fails every write after it. The editor sees the first few
/// files by name and how many more, once each, and the previous output.
#[test]
fn a_full_disk_is_reported_as_the_first_few_files_and_a_count() {
    let site = site_of(30);
    site.build().ok();
    let before = site.snapshot();
    let files = site.read(".unionpress-manifest").lines().count();
    site.write(
        "site.yaml",
        "title: 改过的站名\nbase_url: https://example.org\n",
    );

    let run = Command::new(env!("CARGO_BIN_EXE_unionpress"))
        .env("UNIONPRESS_LANG", "en")
        .args(["build", "--root"])
        .arg(site.root())
        .env("UNIONPRESS_TEST_FAULT", "full-disk-after:20")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 7, "{stderr}");
    for line in &lines[..5] {
        let (file, message) = line.split_once(": error: ").unwrap();
        assert!(file.starts_with("public/"), "{line}");
        assert!(!file.contains(".unionpress"), "{line}");
        assert!(
            message.starts_with("cannot be written: No space left on device"),
            "{line}"
        );
    }
    assert_eq!(
        lines[5],
        format!(
            "  help: {} more files could not be written either",
            files - 25
        )
    );
    assert!(!stderr.contains("error: error"), "{stderr}");
    assert!(site.snapshot() == before);
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

/// Each file of the output with its inode, to tell reused files from new.
fn inodes(out: &Path) -> std::collections::BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    snapshot(out)
        .into_iter()
        .map(|(p, _)| {
            let ino = std::fs::metadata(out.join(&p)).unwrap().ino();
            (p, ino)
        })
        .collect()
}

/// A rebuild reuses the previous output's files whose bytes did not change
/// and writes the rest; the result is what a build from scratch makes.
#[test]
fn a_rebuild_after_one_article_changed_equals_a_build_from_scratch() {
    let site = site_of(30);
    site.write("static/notes.txt", "静态文件");
    site.build().ok();
    let before = inodes(&site.public());
    // A file edited by hand in the output is not taken for ours.
    std::fs::write(site.public().join("robots.txt"), "User-agent: *\n").unwrap();

    site.article(
        "a7.md",
        "title: 改过的标题\ndate: 2024-01-08\ntags: [标签2]",
        "改过的正文。",
    );
    site.build().ok();
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join("site");
    site.run(&["build", "--quiet", "--output", target.to_str().unwrap()])
        .ok();
    assert!(site.snapshot() == snapshot(&target), "the rebuild differs");

    let after = inodes(&site.public());
    let new: Vec<&String> = after
        .iter()
        .filter(|(p, ino)| before.get(*p) != Some(ino))
        .map(|(p, _)| p)
        .collect();
    for changed in [
        "articles/a7/index.html",
        "tags/biao-qian-2/index.html",
        "robots.txt",
    ] {
        assert!(
            new.iter().any(|p| *p == changed),
            "{changed} was not written"
        );
    }
    for same in [
        "articles/a8/index.html",
        "style.css",
        "notes.txt",
        "tags/biao-qian-0/index.html",
    ] {
        assert!(!new.iter().any(|p| *p == same), "{same} was written again");
    }
}

/// Every folder and file under `out`, with the files' bytes: folders left
/// empty count too.
fn tree(out: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

/// From the third build on, the site the last build replaced (kept beside
/// the output) is patched into the new one: only what changed is written.
/// Every kind of change still gives what a build from scratch gives,
/// folders included: an article deleted and put back, a static file turned
/// into a folder.
#[test]
fn rebuilds_patching_the_site_before_equal_builds_from_scratch() {
    let site = site_of(30);
    site.write("static/x", "a file");
    site.build().ok();
    let a3 = std::fs::read_to_string(site.root().join("content/articles/a3.md")).unwrap();
    let changes: [&dyn Fn(); 5] = [
        &|| {
            site.article(
                "a7.md",
                "title: 文章7\ndate: 2024-01-08\ntags: [标签2]",
                "改过。",
            );
        },
        &|| {
            std::fs::remove_file(site.root().join("content/articles/a3.md")).unwrap();
            std::fs::remove_file(site.root().join("static/x")).unwrap();
            site.write("static/x/y.txt", "now a folder");
        },
        &|| {
            site.article(
                "a7.md",
                "title: 改过的标题\ndate: 2024-01-08\ntags: [标签2]",
                "改过。",
            );
        },
        &|| {
            site.write("content/articles/a3.md", &a3);
        },
        &|| {},
    ];
    for (i, change) in changes.iter().enumerate() {
        let before = inodes(&site.public());
        change();
        site.build().ok();
        let scratch = tempfile::tempdir().unwrap();
        let target = scratch.path().join("site");
        site.run(&["build", "--quiet", "--output", target.to_str().unwrap()])
            .ok();
        assert!(
            tree(&site.public()) == tree(&target),
            "change {i}: the rebuild differs"
        );
        assert_eq!(leftovers(site.root()), Vec::<String>::new(), "change {i}");
        let after = inodes(&site.public());
        for same in ["style.css", "articles/a20/index.html"] {
            assert_eq!(
                before.get(same),
                after.get(same),
                "change {i}: {same} was written again"
            );
        }
    }
    assert!(site.root().join(".public.unionpress-spare").is_dir());
}

/// A build stopped by a content error writes nothing, so the spare site it
/// took stays for the next build, untouched.
#[test]
fn a_build_with_a_content_error_leaves_the_spare_site() {
    let site = site_of(5);
    site.build().ok();
    site.build().ok();
    let spare = site.root().join(".public.unionpress-spare");
    let kept = snapshot(&spare);
    assert!(!kept.is_empty());
    site.write("content/articles/bad.md", "---\ntitle: x\n");
    assert_eq!(site.build().status, 1);
    assert!(snapshot(&spare) == kept);
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}
