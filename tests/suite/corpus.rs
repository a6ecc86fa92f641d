//! The benchmark corpus: what `gen-corpus` writes is a valid site, so the
//! benchmark measures real builds and not a stream of errors.

use std::path::{Path, PathBuf};

use gen_corpus::{Args, Shape};

use crate::harness::TestSite;

/// Writes a corpus of `n` articles into a fresh site with `gen-corpus`.
pub fn corpus(n: usize, seed: u64) -> TestSite {
    corpus_of_shape(n, seed, Shape::Short)
}

fn corpus_of_shape(n: usize, seed: u64, shape: Shape) -> TestSite {
    generate(n, seed, shape, Vec::new())
}

/// A corpus whose sentences come from the demo articles only, so that it
/// depends on nothing outside this repository.
pub fn corpus_from_demo_text(n: usize, seed: u64, shape: Shape) -> TestSite {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
    generate(n, seed, shape, vec![demo])
}

fn generate(n: usize, seed: u64, shape: Shape, text: Vec<PathBuf>) -> TestSite {
    let site = TestSite::empty();
    let args = Args {
        articles: n,
        out: site.root().to_path_buf(),
        hugo: None,
        seed,
        shape,
        text,
    };
    if let Err(why) = gen_corpus::generate(&args) {
        panic!("gen-corpus failed: {why}");
    }
    site
}

#[test]
fn a_generated_corpus_builds_without_errors_or_warnings() {
    for shape in [Shape::Short, Shape::Long] {
        builds_cleanly(&corpus_of_shape(200, 1, shape));
    }
}

fn builds_cleanly(site: &TestSite) {
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

#[test]
fn long_bodies_spread_over_300_to_3000_characters() {
    let site = corpus_of_shape(300, 3, Shape::Long);
    let mut lengths: Vec<usize> = walkdir::WalkDir::new(site.root().join("content/articles"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.depth() == 2)
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let (_, body) = text.split_once("\n---\n").unwrap();
            body.chars().filter(|c| !c.is_whitespace()).count()
        })
        .collect();
    lengths.sort();
    assert_eq!(lengths.len(), 300);
    // A sentence may run past the drawn length; a code block or table adds
    // up to a few hundred characters more.
    let (shortest, longest) = (lengths[0], lengths[299]);
    assert!(shortest >= 300, "shortest body {shortest} characters");
    assert!(longest <= 3600, "longest body {longest} characters");
    // Evenly spread: about a tenth below 570, a tenth above 2,730.
    let (tenth, ninth) = (lengths[30], lengths[270]);
    assert!((450..800).contains(&tenth), "10th percentile {tenth}");
    assert!((2500..3000).contains(&ninth), "90th percentile {ninth}");
}
