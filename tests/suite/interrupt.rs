//! Nothing lost: a build killed half-way leaves the previous output as it
//! was and no stray folders once the next build has run; `new` never
//! overwrites; and no command changes anything under content/, templates/,
//! themes/ or static/.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::{TestSite, copy_tree, snapshot};

/// A site big enough that its build can be caught half-way: `n` articles
/// with tags, reporters and regions, so that many list pages are written.
fn big_site(n: usize) -> TestSite {
    let site = TestSite::minimal();
    for i in 0..n {
        site.article(
            &format!("{}/a{i}.md", 2000 + i % 20),
            &format!(
                "title: 文章{i}\ndate: {}-01-{:02}\ntags: [标签{}]\nauthors: [记者{}]\nregion: 安徽省/市{}",
                2000 + i % 20,
                1 + i % 28,
                i % 50,
                i % 30,
                i % 7
            ),
            &"工会新闻正文。".repeat(100),
        );
    }
    site
}

fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".unionpress-"))
        .collect()
}

/// The staging folder the running build writes into, once it holds `sub`.
fn staging_with(root: &Path, sub: &str) -> Option<std::path::PathBuf> {
    leftovers(root)
        .into_iter()
        .map(|n| root.join(n))
        .find(|p| p.join(sub).exists())
}

/// Moments of a build at which it is killed: while it reads the site (no
/// staging folder yet), once it has written pages, and once it writes the
/// search index, its last part.
#[test]
fn a_killed_build_leaves_the_previous_output_and_no_stray_folders() {
    let site = big_site(600);
    site.build().ok();
    let before = site.snapshot();
    assert!(!before.is_empty());

    for (round, moment) in [None, Some("articles"), Some("search")]
        .into_iter()
        .enumerate()
    {
        // Change every page's content so a finished build would differ.
        site.write(
            "site.yaml",
            &format!("title: 改过的站名{round}\nbase_url: https://example.org\n"),
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .env("UNIONPRESS_LANG", "en")
            .args(["build", "--quiet", "--root"])
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = moment.map(|sub| {
            loop {
                if let Some(s) = staging_with(site.root(), sub) {
                    break s;
                }
                assert!(
                    child.try_wait().unwrap().is_none(),
                    "the build ended before it had written {sub}"
                );
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        });
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before it could be killed; make the site bigger"
        );
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "the build was not killed mid-way: {status:?}"
        );

        assert!(
            site.snapshot() == before,
            "the build killed at {moment:?} changed the previous output"
        );
        if let Some(staging) = staging {
            assert!(
                staging.exists(),
                "the half-written staging folder should still be there until the next build"
            );
        }
    }

    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        leftovers(site.root()),
        Vec::<String>::new(),
        "stray folders after the next build"
    );
    assert!(site.read("index.html").contains("改过的站名2"));
}

#[test]
fn a_killed_build_leftover_is_not_taken_for_the_output() {
    // A staging folder left by a killed build of another output name, and a
    // folder that merely looks like one but is not ours, are both left alone
    // by a build of public/.
    let site = big_site(3);
    site.build().ok();
    site.write(".unionpress-staging-other-123/.unionpress-manifest", "");
    site.write(
        ".unionpress-staging-public-999/notes.txt",
        "an editor's file",
    );
    site.build().ok();
    assert!(site.root().join(".unionpress-staging-other-123").exists());
    assert_eq!(
        std::fs::read_to_string(site.root().join(".unionpress-staging-public-999/notes.txt"))
            .unwrap(),
        "an editor's file"
    );
}

#[test]
fn new_never_overwrites_an_article() {
    let site = TestSite::minimal();
    let first = site.run(&["new", "全国劳模座谈会", "--quiet"]);
    assert_eq!(first.status, 0, "{}", first.stderr);
    let made: Vec<_> = snapshot(&site.root().join("content/articles"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .collect();
    assert_eq!(made.len(), 1);
    let path = site.root().join("content/articles").join(&made[0].0);
    std::fs::write(
        &path,
        "---\ntitle: 编辑改过\ndate: 2024-12-20\n---\n编辑写的正文。\n",
    )
    .unwrap();

    let again = site.run(&["new", "全国劳模座谈会", "--quiet"]);
    assert_eq!(again.status, 2, "{}", again.stderr);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "---\ntitle: 编辑改过\ndate: 2024-12-20\n---\n编辑写的正文。\n"
    );
}

/// A site with something in each folder that commands must never touch.
fn site_with_sources() -> TestSite {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: 文章\ndate: 2024-12-20\nimage: {src: pic.png, alt: 图}",
        "![图](pic.png)",
    );
    std::fs::copy(
        crate::harness::fixture_dir("photos").join("small.png"),
        site.root().join("content/articles/pic.png"),
    )
    .unwrap();
    site.write("content/programmes/chan-gai.md", "---\ntitle: 产改\n---\n");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    copy_tree(&theme, &site.root().join("themes/default"));
    let base = std::fs::read_to_string(theme.join("templates/base.html")).unwrap();
    site.write("templates/base.html", &base);
    site.write("static/extra.css", "body{}");
    site
}

/// Each source folder with its files' paths and bytes.
type Sources = Vec<(String, Vec<(String, Vec<u8>)>)>;

fn sources(site: &TestSite) -> Sources {
    ["content", "templates", "themes", "static"]
        .iter()
        .map(|d| (d.to_string(), snapshot(&site.root().join(d))))
        .collect()
}

#[test]
fn no_command_changes_content_templates_themes_or_static() {
    let site = site_with_sources();
    let before = sources(&site);
    site.build().ok();
    site.build().ok();
    site.run(&["check"]).ok();
    site.run(&["build", "--drafts", "--quiet"]).ok();
    // A failing build, too.
    site.write("content/articles/bad.md", "---\ntitle: x\n");
    let with_bad = sources(&site);
    assert_eq!(site.build().status, 1);
    assert_eq!(site.run(&["check"]).status, 1);
    assert!(
        sources(&site) == with_bad,
        "a failed build or check changed the sources"
    );
    std::fs::remove_file(site.root().join("content/articles/bad.md")).unwrap();
    assert!(sources(&site) == before, "a command changed the sources");

    // `new` adds one file and changes nothing else.
    let run = site.run(&["new", "新的稿子", "--quiet"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let after = sources(&site);
    for ((dir, old), (_, new)) in before.iter().zip(&after) {
        for file in old {
            assert!(new.contains(file), "`new` changed {dir}/{}", file.0);
        }
        let added = new.len() - old.len();
        assert_eq!(
            added,
            usize::from(dir == "content"),
            "`new` added {added} files to {dir}/"
        );
    }
}

#[test]
fn an_output_folder_inside_the_sources_is_refused() {
    let site = site_with_sources();
    let before = sources(&site);
    for out in [
        "content/public",
        "static/out",
        "templates/x",
        "themes/default/static/x",
    ] {
        let run = site.run(&[
            "build",
            "--quiet",
            "--output",
            &site.root().join(out).to_string_lossy(),
        ]);
        assert_eq!(run.status, 2, "--output {out}: {}", run.stderr);
    }
    assert!(sources(&site) == before);
}
