//! The preview's search index after a save: updated in place when the
//! save keeps every article's place (only the changed article's parts are
//! written, into new packs), made in full when an article is added; either
//! way it holds what a fresh build's index holds, and the version served
//! before is left as it was.

use std::path::Path;

use unionpress::cli::Verbosity;
use unionpress::search::read::{Content, content};
use unionpress::serve::index::{Indexed, Indexer, Jobs, Outcome};
use unionpress::serve::{self, Builder};

use crate::harness::{TestSite, snapshot};

const BASE_URL: &str = "http://127.0.0.1:1/";

/// What the index in `dir` (a `search/` folder or a version folder) holds.
fn index_in(dir: &Path) -> Content {
    let files: Vec<(String, Vec<u8>)> = snapshot(dir)
        .into_iter()
        .filter(|f| f.0 != "index.html")
        .map(|(p, b)| (format!("search/{p}"), b))
        .collect();
    content(&files)
}

/// What a fresh build's index of `site` holds.
fn fresh(site: &TestSite) -> Content {
    let out = tempfile::tempdir().unwrap();
    let mut options = unionpress::BuildOptions::new(site.root());
    options.output = Some(out.path().join("public"));
    options.base_url = Some(BASE_URL.to_string());
    unionpress::build(&options).unwrap();
    index_in(&out.path().join("public/search"))
}

/// The URLs of the documents of `term` in `index`.
fn found(index: &Content, term: &str) -> Vec<String> {
    index
        .terms
        .get(term)
        .into_iter()
        .flatten()
        .map(|(id, _)| {
            index.docs[*id as usize][0]["url"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

struct Preview {
    _temp: tempfile::TempDir,
    live: serve::Preview,
    jobs: Jobs,
    builder: Builder,
    indexer: Indexer,
}

impl Preview {
    fn new(site: &TestSite) -> Preview {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("preview");
        std::fs::create_dir(&dir).unwrap();
        Preview {
            live: serve::Preview::new(dir.clone()),
            jobs: Jobs::default(),
            builder: Builder::new(site.root(), false, BASE_URL, &dir),
            indexer: Indexer::new(&dir),
            _temp: temp,
        }
    }

    /// Rebuilds after `saved` and indexes the build; what the index did.
    fn save(&mut self, saved: Option<&[std::path::PathBuf]>) -> Indexed {
        self.builder
            .rebuild_and_publish(&self.live, Verbosity::Quiet, saved, &self.jobs);
        let job = self.jobs.take().unwrap();
        match self.indexer.run(&job, &self.live) {
            Outcome::Published(done) => done,
            other => panic!("{other:?}"),
        }
    }

    fn version(&self, generation: u64) -> std::path::PathBuf {
        self.live.search_versions.join(generation.to_string())
    }
}

#[test]
fn a_saved_article_is_found_at_once_by_the_index_updated_in_place() {
    let site = TestSite::fixture("serve");
    let mut preview = Preview::new(&site);
    assert!(
        !preview.save(None).in_place,
        "the first index is made in full"
    );
    let first = index_in(&preview.version(1));
    assert_eq!(first, fresh(&site));
    assert!(found(&first, "滴水穿石").is_empty());

    // A paragraph added to the body of one article.
    let path = site.root().join("content/articles/2024/jingxian.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n滴水穿石计划在泾县启动。\n")).unwrap();
    let done = preview.save(Some(std::slice::from_ref(&path)));
    assert!(done.in_place, "{done:?}");
    let second = index_in(&preview.version(2));
    assert_eq!(second, fresh(&site));
    assert_eq!(found(&second, "滴水穿石"), ["/articles/jingxian/"]);
    // The version served before still holds the index it held.
    assert_eq!(index_in(&preview.version(1)), first);

    // A new title: in place again, the old title's words gone.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "title: 泾县总工会指导企业推进产改",
            "title: 泾县工匠学院揭牌",
        ),
    )
    .unwrap();
    let done = preview.save(Some(std::slice::from_ref(&path)));
    assert!(done.in_place, "{done:?}");
    let third = index_in(&preview.version(3));
    assert_eq!(third, fresh(&site));
    assert_eq!(found(&third, "揭牌"), ["/articles/jingxian/"]);
    assert!(found(&first, "会指导").contains(&"/articles/jingxian/".to_string()));
    assert!(found(&third, "会指导").is_empty());

    // An article added shifts ids: made in full, and still the same as a
    // fresh build.
    let added = site.root().join("content/articles/2024/xinjian.md");
    std::fs::write(
        &added,
        "---\ntitle: 新建职工书屋开放\ndate: 2024-12-25\nregion: 安徽省\n---\n\n职工书屋向全体职工开放。\n",
    )
    .unwrap();
    let done = preview.save(Some(std::slice::from_ref(&added)));
    assert!(!done.in_place, "{done:?}");
    let fourth = index_in(&preview.version(4));
    assert_eq!(fourth, fresh(&site));
    assert_eq!(found(&fourth, "书屋"), ["/articles/xinjian/"]);
}
