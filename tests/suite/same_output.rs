//! The output of two builds, held against snapshots committed beside this
//! file: the demo site (this repository's `content/`, `site.yaml` and
//! themes) and a generated site of 1,000 long articles. A change to the code
//! that should not change what readers get must leave both snapshots as they
//! are; a change that does shows up as a snapshot diff to review and accept
//! (`cargo insta review`).
//!
//! Both inputs are fixed: the corpus draws from a fixed seed and takes its
//! sentences from the demo articles only, not from whatever other text lies
//! beside the checkout. Their dates are all in the past, so the clock (which
//! decides what is published) does not change the output either.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::harness::{TestSite, copy_tree, snapshot};

/// The first 16 hex digits of the SHA-256 of `bytes`: plenty to tell two
/// outputs apart, short enough to read in a diff.
fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One line per file: its digest, its size and its path.
fn per_file(dir: &Path) -> String {
    snapshot(dir)
        .iter()
        .map(|(path, bytes)| format!("{}  {:>9}  {path}\n", digest(bytes), bytes.len()))
        .collect()
}

/// One line per file at the top of `dir`, and one per folder there with the
/// number of files under it, their bytes, and a digest over their paths and
/// contents.
fn per_folder(dir: &Path) -> String {
    let mut folders: BTreeMap<String, (usize, usize, Sha256)> = BTreeMap::new();
    let mut out = String::new();
    for (path, bytes) in snapshot(dir) {
        match path.split_once('/') {
            None => out.push_str(&format!("{}  {:>9}  {path}\n", digest(&bytes), bytes.len())),
            Some((folder, _)) => {
                let (files, size, hash) = folders
                    .entry(format!("{folder}/"))
                    .or_insert_with(|| (0, 0, Sha256::new()));
                *files += 1;
                *size += bytes.len();
                // The path and the content's own digest: a file renamed or
                // moved between folders changes the folder's digest too.
                hash.update(path.as_bytes());
                hash.update([0]);
                hash.update(Sha256::digest(&bytes));
            }
        }
    }
    for (folder, (files, size, hash)) in folders {
        let d: String = hash
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        out.push_str(&format!(
            "{d}  {size:>9} bytes in {files:>4} files  {folder}\n"
        ));
    }
    out
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_demo_site_builds_to_the_committed_output() {
    let site = TestSite::empty();
    for folder in ["content", "themes"] {
        copy_tree(&repo().join(folder), &site.root().join(folder));
    }
    std::fs::copy(repo().join("site.yaml"), site.root().join("site.yaml")).unwrap();
    site.build().ok();
    insta::assert_snapshot!("demo_output", per_file(&site.public()));
}

/// Each file of this site would make a 2,500-line snapshot that nobody
/// reads; a line per folder (articles, tags, regions, search, …) still says
/// which kind of page changed, and the demo snapshot shows the change file
/// by file.
#[test]
fn a_generated_1000_article_site_builds_to_the_committed_output() {
    let site = crate::corpus::corpus_from_demo_text(1000, 1, gen_corpus::Shape::Long);
    site.build().ok();
    insta::assert_snapshot!("corpus_1000_long_output", per_folder(&site.public()));
}
