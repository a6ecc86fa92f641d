//! `serve` after an edit reads, parses and renders again only what the edit
//! touched (see `src/memo.rs`, `src/render/keys.rs`). Whatever it skipped,
//! the preview folder must hold exactly what a fresh `build` of the same
//! content writes: each case here edits the demo site one way, rebuilds the
//! preview incrementally, and compares it with a full build file by file.

use std::path::{Path, PathBuf};

use unionpress::error::Diagnostic;
use unionpress::search::read::content;
use unionpress::serve::Rebuilt;

use unionpress::serve::Builder;
use unionpress::serve::index::Indexer;

use crate::harness::{TestSite, copy_tree, fixture_dir, snapshot};

const BASE_URL: &str = "http://127.0.0.1:1/";

/// The demo site, with short pages so that lists have several.
fn demo() -> TestSite {
    let site = TestSite::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("content"), &site.root().join("content"));
    let config = std::fs::read_to_string(repo.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("paginate_by: 20", "paginate_by: 4"),
    );
    site
}

struct Preview {
    site: TestSite,
    builder: Builder,
    indexer: Indexer,
    dir: tempfile::TempDir,
    /// The last build failed: the next reads everything again.
    failed: bool,
    /// The last rebuild was the quick one, for an edit to a body.
    quick: bool,
    /// The last rebuild patched the model after a front-matter edit, a new
    /// or a deleted article, rendering only the article pages it touched.
    front: bool,
    /// Each edit, with the rebuild it took: "files" (nothing to render),
    /// "body", "in place" (the model patched for the changed articles
    /// alone), "front" (the site assembled again from the last build's
    /// articles and the changed ones) or "full".
    log: Vec<(String, &'static str)>,
}

impl Preview {
    fn start() -> Preview {
        let site = demo();
        let dir = tempfile::tempdir().unwrap();
        let builder = Builder::new(site.root(), false, BASE_URL, dir.path());
        let indexer = Indexer::new(dir.path());
        let mut preview = Preview {
            site,
            builder,
            indexer,
            dir,
            failed: false,
            quick: false,
            front: false,
            log: Vec::new(),
        };
        preview.rebuild(None).expect("the demo site builds");
        preview.assert_same_as_full_build("first build");
        preview
    }

    /// The pages, then the search index, as `serve` writes them.
    fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Result<Rebuilt, Vec<Diagnostic>> {
        let done = self.builder.rebuild_pages(changed)?;
        let job = self.builder.search_job(1).expect("a good build");
        self.indexer.write(&job)?.expect("nothing cancels the job");
        Ok(done)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.root().join("content").join(rel)
    }

    /// Applies `change` to the article at `rel` (under `content/`), or
    /// deletes it if `change` gives `None`, then rebuilds the preview.
    fn edit(
        &mut self,
        what: &str,
        rel: &str,
        change: impl FnOnce(Option<String>) -> Option<String>,
    ) {
        let before = std::fs::read_to_string(self.path(rel)).ok();
        self.put(what, rel, change(before).map(String::into_bytes));
    }

    /// Writes `bytes` to the file at `rel` (under `content/`), or deletes
    /// it if `None`, then rebuilds the preview.
    fn put(&mut self, what: &str, rel: &str, bytes: Option<Vec<u8>>) {
        let path = self.path(rel);
        match bytes {
            Some(bytes) => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, bytes).unwrap();
            }
            None => std::fs::remove_file(&path).unwrap(),
        }
        let done = self
            .rebuild(Some(&[path]))
            .unwrap_or_else(|p| panic!("{what}: {p:?}"));
        let took = |name: &str| done.report.steps.iter().any(|(step, _)| *step == name);
        self.quick = took("patch");
        self.front = took("patch front") || took("patch in place");
        let how = match (took("patch files"), self.quick, self.front) {
            (true, _, _) => "files",
            (_, true, _) => "body",
            (_, _, true) if took("patch in place") => "in place",
            (_, _, true) => "front",
            _ => "full",
        };
        self.log.push((what.to_string(), how));
        // The edit was applied without reading the whole content again.
        assert!(
            self.failed
                || done
                    .report
                    .steps
                    .iter()
                    .all(|(step, _)| *step != "read all"),
            "{what}: read everything again"
        );
        self.failed = false;
        self.assert_same_as_full_build(what);
    }

    /// Writes `text` to `rel`, which makes the site wrong: the rebuild
    /// fails and leaves the preview as it was.
    fn break_with(&mut self, what: &str, rel: &str, text: &str) {
        let before = snapshot(self.dir.path());
        let path = self.path(rel);
        std::fs::write(&path, text).unwrap();
        assert!(self.rebuild(Some(&[path])).is_err(), "{what}: no error");
        assert!(
            snapshot(self.dir.path()) == before,
            "{what}: the preview changed"
        );
        self.failed = true;
    }

    fn replace(&mut self, what: &str, rel: &str, from: &str, to: &str) {
        self.edit(what, rel, |text| {
            let text = text.unwrap();
            assert!(text.contains(from), "{what}: no `{from}` in {rel}");
            Some(text.replacen(from, to, 1))
        });
    }

    fn assert_same_as_full_build(&self, what: &str) {
        let out = tempfile::tempdir().unwrap();
        let mut options = unionpress::BuildOptions::new(self.site.root());
        options.output = Some(out.path().join("public"));
        options.base_url = Some(BASE_URL.to_string());
        unionpress::build(&options).unwrap_or_else(|e| panic!("{what}: full build: {e}"));
        let full: Vec<_> = snapshot(&out.path().join("public"))
            .into_iter()
            .filter(|(p, _)| p != unionpress::output::MANIFEST)
            .collect();
        let (preview_index, preview) = split_index(snapshot(self.dir.path()));
        let (full_index, full) = split_index(full);
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&preview), names(&full), "{what}: the files differ");
        for ((path, a), (_, b)) in preview.iter().zip(&full) {
            assert!(a == b, "{what}: {path} differs from a full build");
        }
        // The preview's index may be one updated in place, cut into other
        // packs than a full build's: it must hold the same.
        assert!(
            content(&preview_index) == content(&full_index),
            "{what}: the search index holds other than a full build's"
        );
    }
}

/// The files of the search index (under `search/`, but for the search
/// page itself), and the rest.
type Files = Vec<(String, Vec<u8>)>;
fn split_index(files: Files) -> (Files, Files) {
    files
        .into_iter()
        .partition(|(path, _)| path.starts_with("search/") && path != "search/index.html")
}

const HANDAN: &str = "articles/2024/handan-jiaoyou-pingtai.md";
const NEW: &str = "articles/2025/xin-wenzhang.md";
const JINGXIAN: &str = "articles/2024/jingxian-changai.md";

#[test]
fn edits_to_articles_give_what_a_full_build_gives() {
    let mut p = Preview::start();
    p.edit("body text", HANDAN, |t| {
        Some(t.unwrap() + "\n新加的一段正文，提到工会驿站。\n")
    });
    assert!(p.quick, "a body edit takes the quick rebuild");
    p.replace(
        "title",
        HANDAN,
        "邯郸市总搭建数智化交友平台",
        "邯郸市总工会搭建交友平台",
    );
    assert!(!p.quick, "a title edit changes the lists");
    // An article in a bulletin's line-up: the bulletin and its e-mail show it.
    p.replace(
        "title in a bulletin",
        JINGXIAN,
        "title: ",
        "title: 新标题：",
    );
    // From the middle of the lists to their first page.
    p.replace(
        "date across pages",
        HANDAN,
        "date: 2024-11-01",
        "date: 2025-12-30",
    );
    p.replace("date back", HANDAN, "date: 2025-12-30", "date: 2024-03-02");
    p.replace(
        "tag added",
        HANDAN,
        "tags: [\"青年职工\", \"婚恋交友\"]",
        "tags: [\"青年职工\", \"婚恋交友\", \"新标签\"]",
    );
    p.replace(
        "tag removed",
        HANDAN,
        "tags: [\"青年职工\", \"婚恋交友\", \"新标签\"]",
        "tags: [\"青年职工\"]",
    );
    // A tag other articles have: its list is patched, not made again.
    p.replace(
        "existing tag added",
        HANDAN,
        "tags: [\"青年职工\"]",
        "tags: [\"青年职工\", \"工会驿站\"]",
    );
    p.replace(
        "existing tag removed",
        HANDAN,
        "tags: [\"青年职工\", \"工会驿站\"]",
        "tags: [\"青年职工\"]",
    );
    p.replace(
        "programme added",
        HANDAN,
        "kind: news\n",
        "kind: news\nprogrammes: [送温暖]\n",
    );
    p.replace(
        "award recipient added",
        HANDAN,
        "kind: news\n",
        "kind: news\nawards:\n  - name: 安徽省产业工匠\n    recipients: [张三]\n",
    );
    p.replace("award recipient renamed", HANDAN, "[张三]", "[李四, 王五]");
    p.replace(
        "award removed",
        HANDAN,
        "awards:\n  - name: 安徽省产业工匠\n    recipients: [李四, 王五]\n",
        "",
    );
    p.replace("programme removed", HANDAN, "programmes: [送温暖]\n", "");
    p.replace(
        "region changed",
        HANDAN,
        "region: \"河北省/邯郸市\"",
        "region: \"河北省/石家庄市\"",
    );
    p.replace(
        "new region",
        HANDAN,
        "region: \"河北省/石家庄市\"",
        "region: \"西藏自治区/拉萨市\"",
    );
    p.replace(
        "reporter changed",
        HANDAN,
        "authors: [\"李昱霖\"]",
        "authors: [\"新记者\"]",
    );
    p.edit("new article", NEW, |t| {
        assert!(t.is_none());
        Some(
            "---\ntitle: 新文章\ndate: 2025-06-01\ntags: [青年职工]\nregion: 河北省/邯郸市\n---\n\n新文章的正文，链接到[邯郸](../2024/handan-jiaoyou-pingtai.md)。\n"
                .to_string(),
        )
    });
    // The new article links to this one, by its file: the link follows.
    p.replace(
        "slug changed",
        HANDAN,
        "kind: news\n",
        "kind: news\nslug: handan-new\n",
    );
    // Every demo article is in a bulletin, where a draft is an error: the
    // new one is not.
    p.replace(
        "draft",
        NEW,
        "tags: [青年职工]\n",
        "tags: [青年职工]\ndraft: true\n",
    );
    p.replace("published again", NEW, "draft: true\n", "");
    p.break_with("broken front matter", NEW, "---\ntitle: [\n---\n");
    p.edit("fixed", NEW, |_| {
        Some("---\ntitle: 新文章\ndate: 2025-06-01\n---\n\n正文。\n".to_string())
    });
    p.edit("deleted article", NEW, |_| None);
    // A tag whose slug is that of another (工会驿站, on six articles),
    // earlier by name: the other tag's page moves to `-2`, and so do the
    // links of its articles.
    p.replace(
        "tag taking another's slug",
        HANDAN,
        "tags: [\"青年职工\"]",
        "tags: [\"青年职工\", \"公会驿站\"]",
    );
    p.replace(
        "registry entry changed",
        "programmes/baiqianwan-gongcheng.md",
        "title: \"百千万工程\"\n",
        "title: \"百千万工程\"\nnames: [\"百千万工程行动\"]\n",
    );
    p.replace(
        "registry entry's text changed",
        "programmes/baiqianwan-gongcheng.md",
        "策划4条",
        "策划5条",
    );
    // Front-matter edits that keep the article's place in the order patch
    // the model for it alone ("in place"); a date that moves it, a new
    // article and a deleted one assemble the site again ("front");
    // a changed slug that another article links to, a draft and an
    // article coming out of the drafts, and the first build after a
    // failed one take the full rebuild.
    let expected = [
        ("body text", "body"),
        ("title", "in place"),
        ("title in a bulletin", "in place"),
        ("date across pages", "front"),
        ("date back", "front"),
        ("tag added", "in place"),
        ("tag removed", "in place"),
        ("existing tag added", "in place"),
        ("existing tag removed", "in place"),
        ("programme added", "in place"),
        ("award recipient added", "in place"),
        ("award recipient renamed", "in place"),
        ("award removed", "in place"),
        ("programme removed", "in place"),
        ("region changed", "in place"),
        ("new region", "in place"),
        ("reporter changed", "in place"),
        ("new article", "front"),
        ("slug changed", "full"),
        ("draft", "full"),
        ("published again", "full"),
        ("fixed", "full"),
        ("deleted article", "front"),
        ("tag taking another's slug", "in place"),
        ("registry entry changed", "full"),
        ("registry entry's text changed", "full"),
    ];
    let log: Vec<(&str, &str)> = p.log.iter().map(|(w, h)| (w.as_str(), *h)).collect();
    assert_eq!(log, expected);
}

/// Edits that touch only an article's body are applied to the last build's
/// model (see `src/serve/patch.rs`); those that change what other pages
/// show of it, or bring a problem, are not. Either way the preview is what
/// a full build makes.
#[test]
fn body_edits_take_the_quick_rebuild_and_give_a_full_build() {
    let mut p = Preview::start();
    // An article of a programme, of a bulletin and of the feeds, whose
    // summary is its first paragraph.
    let cases = [
        ("a word", "取得明显成效", "取得了明显成效", true),
        (
            "a last paragraph",
            "向纵深发展。",
            "向纵深发展。\n\n新加的最后一段。",
            true,
        ),
        (
            "a link",
            "从电力系统",
            "见[邯郸](handan-jiaoyou-pingtai.md)。从电力系统",
            true,
        ),
        (
            "a code block",
            "新加的最后一段。",
            "新加的最后一段。\n\n```rust\nfn main() {}\n```",
            true,
        ),
        (
            "a first paragraph, the summary",
            "\n---\n\n",
            "\n---\n\n开头新加的一段，有二十多个字，成为这篇文章的摘要。\n\n",
            false,
        ),
        ("a tag", "\"职工创新\"]", "\"职工创新\", \"新标签\"]", false),
        ("a body edit again", "取得了明显成效", "取得明显成效", true),
    ];
    for (what, from, to, quick) in cases {
        p.replace(what, JINGXIAN, from, to);
        assert_eq!(p.quick, quick, "{what}: quick rebuild");
    }
    // A link to a file that does not exist fails the rebuild; once mended,
    // the next rebuild is a full one, and right.
    p.break_with("a broken link", JINGXIAN, &broken_link(&p));
    p.replace("the link mended", JINGXIAN, "[无](no-such.md)", "无");
    assert!(!p.quick, "after a failed build, a full one");
    p.replace(
        "then a body edit",
        JINGXIAN,
        "取得明显成效",
        "取得了明显成效",
    );
    assert!(p.quick, "then quick again");
}

/// The text of the 泾县 article with a link to a missing file.
fn broken_link(p: &Preview) -> String {
    std::fs::read_to_string(p.path(JINGXIAN)).unwrap().replacen(
        "从电力系统",
        "见[无](no-such.md)。从电力系统",
        1,
    )
}

const PICTURE: &str = "articles/2024/zhigong-heying.jpg";

/// Issue 17: a picture added under `content/` is nothing to the site until
/// an article shows it, so its save renders and writes nothing ("files");
/// a body edit that shows it takes the quick rebuild ("body"), which
/// derives that picture alone and publishes its files; replaced by one of
/// another size, or no longer shown, the save patches the last build's
/// model ("front"), never the full rebuild; deleted while shown, the
/// rebuild fails and the preview stays. After each, the preview is what a
/// full build makes, derived pictures and all.
#[test]
fn a_picture_added_shown_replaced_and_removed_takes_the_quick_rebuilds() {
    let mut p = Preview::start();
    let photo = |name: &str| Some(std::fs::read(fixture_dir("photos").join(name)).unwrap());
    p.put("picture added", PICTURE, photo("orientation-1.jpg"));
    let shown = "\n![职工在驿站合影](zhigong-heying.jpg)\n";
    p.edit("picture shown", HANDAN, |t| Some(t.unwrap() + shown));
    // The article's page: the one page that shows the picture.
    let (page, html) = snapshot(p.dir.path())
        .into_iter()
        .filter(|(path, _)| path.ends_with("index.html"))
        .map(|(path, bytes)| (p.dir.path().join(path), String::from_utf8(bytes).unwrap()))
        .find(|(_, html)| html.contains("职工在驿站合影"))
        .expect("a page shows the picture");
    // 320 by 180 pixels where the first was 600 by 300: the page's
    // `width` and `height` follow.
    p.put("picture replaced", PICTURE, photo("small.jpg"));
    assert_ne!(
        std::fs::read_to_string(&page).unwrap(),
        html,
        "the page follows the new picture's size"
    );
    let before = snapshot(p.dir.path());
    std::fs::remove_file(p.path(PICTURE)).unwrap();
    assert!(
        p.rebuild(Some(&[p.path(PICTURE)])).is_err(),
        "a picture deleted while shown is an error"
    );
    assert!(snapshot(p.dir.path()) == before, "the preview changed");
    p.failed = true;
    p.put("picture back", PICTURE, photo("small.jpg"));
    p.edit("picture no longer shown", HANDAN, |t| {
        Some(t.unwrap().replace(shown, ""))
    });
    p.put("picture deleted", PICTURE, None);
    let log: Vec<(&str, &str)> = p.log.iter().map(|(w, h)| (w.as_str(), *h)).collect();
    assert_eq!(
        log,
        [
            ("picture added", "files"),
            ("picture shown", "body"),
            ("picture replaced", "front"),
            ("picture back", "full"),
            ("picture no longer shown", "in place"),
            ("picture deleted", "files"),
        ]
    );
}

const KUNMING: &str = "articles/2024/kunming-meirong-meifa-jingsai.md";

/// An honour roll's rows show each recipient's article by its title,
/// date and region, and are keyed by that article's card, not built for
/// every award at every rebuild: an edit to each of these, on an article
/// that names an award, must show on the roll as a full build shows it.
#[test]
fn an_award_winners_article_edited_shows_on_the_honour_roll() {
    let mut p = Preview::start();
    p.replace("title", KUNMING, "900名选手春城", "九百名选手春城");
    p.replace(
        "region",
        KUNMING,
        "region: \"云南省/昆明市\"",
        "region: \"云南省/大理市\"",
    );
    p.replace("date", KUNMING, "date: 2024-11-01", "date: 2025-01-05");
    p.replace("recipient", KUNMING, "\"陈路洪\"", "\"陈路\"");
    let log: Vec<(&str, &str)> = p.log.iter().map(|(w, h)| (w.as_str(), *h)).collect();
    assert_eq!(
        log,
        [
            // The new title moves the article among those of the same
            // time (sorted by title then): the site is assembled again.
            ("title", "front"),
            ("region", "in place"),
            ("date", "front"),
            ("recipient", "in place"),
        ]
    );
}
