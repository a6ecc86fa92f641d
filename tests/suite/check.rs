//! `unionpress check`: every problem at once with file:line:column, the
//! unpublished articles, one line of summary, exit status 1 on errors, and
//! nothing written. One fixture holds one problem of each kind.

use crate::harness::TestSite;

#[test]
fn every_kind_of_problem_is_reported_with_its_place_and_exit_status_1() {
    let site = TestSite::fixture("check-problems");
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let expected = "\
content/articles/2024/draft.md: draft: 还没写完的稿子 (2024-12-04)
content/articles/2024/future.md: scheduled: 定时发布的稿子 (2099-01-01)
content/articles/2024/gone-image.md:4:1: error: the lead picture `articles/2024/gone.jpg` does not exist
  help: put the picture beside the article, or correct `image:`
content/articles/2024/links.md:6:3: error: the link to `../2023/missing.md` leads to no published article
  help: check the file name and folder; links are relative to this article's folder
content/articles/2024/links.md:8:1: error: the picture `xianchang.jpg` is not in content/
  help: put the picture beside the article and give its file name
content/articles/2024/links.md:10:3: error: the link to `tongzhi.pdf` leads to no file in content/
  help: put the file beside the article, or correct the link
content/articles/2024/no-alt.md:4:1: error: the lead picture `ok.jpg` has no alternative text
  help: describe the picture for readers who cannot see it: `image: {src: ok.jpg, alt: 图片内容的简短描述}`
content/articles/2024/unknown-programme.md:4:14: error: no programme is called `产改革`
  help: did you mean `产改`? Otherwise add content/programmes/<key>.md with `title: 产改革`
content/bulletins/2024-12.md:7:5: error: `articles/2024/no-alt.md` is listed twice in this bulletin
  help: remove one of the two lines
content/bulletins/2024-12.md:8:5: error: `articles/2024/draft.md` is a draft and cannot be in a published bulletin
  help: publish the article first (remove `draft: true`), or take it out of the line-up
content/bulletins/2024-12.md:9:5: error: `articles/2024/future.md` is dated after this build and cannot be in the bulletin yet
  help: wait until the article's date, or take it out of the line-up
content/bulletins/2024-12.md:10:5: error: no article `articles/2024/nowhere.md`
  help: list articles by their path under content/, like `articles/2024/jingxian-changai.md`, or by slug
10 errors, 0 warnings; nothing was written
";
    assert_eq!(run.stderr, expected);
    assert!(!site.public().exists(), "check wrote public/");
}

#[test]
fn quiet_check_prints_only_the_errors() {
    let site = TestSite::fixture("check-problems");
    let run = site.run(&["check", "--quiet"]);
    assert_eq!(run.status, 1);
    assert!(
        !run.stderr.contains("draft: 还没写完的稿子"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/articles/2024/links.md:6:3: error:")
    );
    assert!(
        run.stderr
            .ends_with("10 errors, 0 warnings; nothing was written\n")
    );
}

#[test]
fn a_clean_site_passes_lists_its_drafts_and_writes_nothing() {
    let site = TestSite::fixture("check-ok");
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/articles/2024/draft.md: draft: 还没写完的稿子 (2024-12-04)\n\
         ok: 2 articles checked, 0 warnings, 1 unpublished; nothing was written\n"
    );
    assert!(!site.public().exists(), "check wrote public/");
    assert_eq!(site.run(&["check", "--quiet"]).ok().stderr, "");
}

#[test]
fn check_with_drafts_checks_them_too() {
    let site = TestSite::fixture("check-ok");
    site.article(
        "2024/draft.md",
        "title: 还没写完的稿子\ndate: 2024-12-04\ndraft: true",
        "见[不存在的稿子](gone.md)。",
    );
    assert_eq!(site.run(&["check"]).status, 0);
    let run = site.run(&["check", "--drafts"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("content/articles/2024/draft.md:7:2: error: the link to `gone.md` leads to no published article"),
        "{}",
        run.stderr
    );
}

/// Files that articles link to are copied beside the page and the links
/// rewritten, so a link that `check` accepts works on the built site.
#[test]
fn linked_files_and_pictures_are_published_beside_the_article() {
    let site = TestSite::fixture("check-ok");
    site.build().ok();
    assert!(site.exists("articles/tongzhi/tongzhi.pdf"));
    assert!(site.exists("articles/tongzhi/huichang-320.jpg"));
    let page = site.page("/articles/tongzhi/");
    let hrefs = page.attrs("article a", "href");
    assert!(
        hrefs.contains(&"tongzhi.pdf#page=2".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/articles/other/".to_string()), "{hrefs:?}");
    assert_eq!(
        page.attrs("img[src='/articles/tongzhi/huichang-320.jpg']", "alt"),
        ["竞赛现场，选手在操作机床"]
    );
}

/// Not on a terminal, `build` shows no progress display, only its summary;
/// `--quiet` prints nothing when all is well, and only errors otherwise.
#[test]
fn build_prints_its_summary_and_quiet_prints_only_errors() {
    let site = TestSite::fixture("check-ok");
    let run = site.run(&["build"]).ok();
    let lines: Vec<&str> = run.stderr.lines().collect();
    // What was built, then the draft it left out.
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert_eq!(
        lines[1],
        "left out 1 draft and 0 articles scheduled for later \
         (`--drafts` builds them too, `--verbose` lists them)"
    );
    let public = site.public().canonicalize().unwrap_or(site.public());
    assert!(
        lines[0].starts_with(&format!("built 2 articles into {} (", public.display()))
            || lines[0].starts_with(&format!(
                "built 2 articles into {} (",
                site.public().display()
            )),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(" files) in ") && lines[0].ends_with(" s"),
        "{}",
        lines[0]
    );
    let quiet = site.run(&["build", "--quiet"]).ok();
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));

    let broken = TestSite::fixture("check-problems");
    let run = broken.run(&["build", "--quiet"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.lines().all(|l| l.contains(": error: ")
            || l.starts_with("  help: ")
            || l.ends_with("nothing was written")),
        "{}",
        run.stderr
    );
}
