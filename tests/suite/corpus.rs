//! The benchmark corpus: what `gen-corpus` writes is a valid site, so the
//! benchmark measures real builds and not a stream of errors.

use std::process::Command;

use crate::harness::TestSite;

/// Writes a corpus of `n` articles into a fresh site with `gen-corpus`.
pub fn corpus(n: usize, seed: u64) -> TestSite {
    let site = TestSite::empty();
    let out = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args([
            "--articles",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
        ])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "gen-corpus failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site
}

#[test]
fn a_generated_corpus_builds_without_errors_or_warnings() {
    let site = corpus(200, 1);
    let run = site.build().ok();
    assert!(
        run.stderr.trim().is_empty(),
        "unexpected messages:\n{}",
        run.stderr
    );
    // Every article got its page, and the registries, regions, awards and
    // bulletins it draws on got theirs.
    let articles = std::fs::read_dir(site.public().join("articles"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('n')
        })
        .count();
    assert_eq!(articles, 200);
    for list in [
        "programmes",
        "awards",
        "regions",
        "tags",
        "authors",
        "archive",
        "bulletins",
    ] {
        assert!(
            site.exists(&format!("{list}/index.html")),
            "no /{list}/ page"
        );
    }
    let roll = site.page("/awards/");
    assert!(
        roll.count("main a") > 0,
        "the awards list links no honour roll"
    );
}

#[test]
fn the_same_seed_gives_the_same_corpus() {
    // Benchmarks compare runs; a corpus that changed between them would not.
    let a = corpus(50, 7);
    let b = corpus(50, 7);
    let content = |s: &TestSite| crate::harness::snapshot(&s.root().join("content"));
    assert!(
        content(&a) == content(&b),
        "gen-corpus is not deterministic"
    );
}
