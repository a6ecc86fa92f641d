//! `unionpress init DIR` and `unionpress new "标题"`: a new site that builds,
//! checks and serves as it is; a new draft with today's date and a pinyin
//! name, never written over an existing file.

use crate::harness::TestSite;
use crate::serve::{Serve, h1};

fn init(site: &TestSite, name: &str) -> (crate::harness::Run, std::path::PathBuf) {
    let dir = site.root().join(name);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unionpress"))
        .env("UNIONPRESS_LANG", "en")
        .arg("init")
        .arg(&dir)
        .output()
        .unwrap();
    let run = crate::harness::Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (run, dir)
}

/// The site in `dir` as a TestSite, to run commands in it.
fn site_at(dir: &std::path::Path) -> TestSite {
    let site = TestSite::empty();
    crate::harness::copy_tree(dir, site.root());
    site
}

#[test]
fn init_makes_a_chinese_site_that_checks_builds_and_serves() {
    let tmp = TestSite::empty();
    let (run, dir) = init(&tmp, "news");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("preview it with `unionpress serve --root"),
        "{}",
        run.stdout
    );
    let site = site_at(&dir);
    assert_eq!(
        site.run(&["check"]).ok().stderr,
        "ok: 1 article checked, 0 warnings, 0 unpublished; nothing was written\n"
    );
    site.build().ok();
    let home = site.page("/");
    assert_eq!(home.attrs("html", "lang"), ["zh-CN"]);
    assert_eq!(
        site.page("/articles/shi-li-wen-zhang/").text("h1"),
        "示例文章：工会开展技能竞赛"
    );
    assert!(site.exists("bulletins/2024-12/email.html"));
    assert_eq!(
        site.page("/bulletins/2024-12/").texts(".lineup h3"),
        ["示例文章：工会开展技能竞赛"]
    );

    let serve = Serve::start(&site);
    assert_eq!(
        h1(&serve.get("/articles/shi-li-wen-zhang/").body),
        "示例文章：工会开展技能竞赛"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = TestSite::empty();
    tmp.write("busy/notes.txt", "mine");
    let (run, dir) = init(&tmp, "busy");
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {} is not empty; choose a new folder for the site\n",
            dir.display()
        )
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    let (_, dir) = init(&tmp, "site");
    let (again, _) = init(&tmp, "site");
    assert_eq!(again.status, 2);
    assert_eq!(
        again.stderr,
        format!(
            "error: {} already holds a site (site.yaml); nothing was changed\n",
            dir.display()
        )
    );
}

fn today_in_shanghai() -> [String; 2] {
    // Read twice around the run, in case it crosses midnight.
    let tz = jiff::tz::TimeZone::get("Asia/Shanghai").unwrap();
    let d = jiff::Timestamp::now().to_zoned(tz).date();
    [d.to_string(), d.tomorrow().unwrap().to_string()]
}

#[test]
fn new_writes_a_draft_with_todays_date_and_a_pinyin_name() {
    let tmp = TestSite::empty();
    let (_, dir) = init(&tmp, "news");
    let site = site_at(&dir);
    let days = today_in_shanghai();
    let run = site
        .run(&[
            "new",
            "全国总工会：召开表彰大会！",
            "--programme",
            "产改",
            "--award",
            "五一劳动奖章",
            "--region",
            "安徽省/宣城市",
        ])
        .ok();
    let year = &days[0][..4];
    let rel =
        format!("content/articles/{year}/quan-guo-zong-gong-hui-zhao-kai-biao-zhang-da-hui.md");
    assert_eq!(
        run.stdout.trim(),
        site.root().join(&rel).display().to_string()
    );
    let text = std::fs::read_to_string(site.root().join(&rel)).unwrap();
    let date_line = text.lines().find(|l| l.starts_with("date: ")).unwrap();
    assert!(
        days.iter().any(|d| date_line == format!("date: {d}")),
        "{date_line}"
    );
    assert_eq!(
        text.replace(date_line, "date: TODAY"),
        "---\ntitle: \"全国总工会：召开表彰大会！\"\ndate: TODAY\ndraft: true\nprogrammes: [\"产改\"]\nawards: [\"五一劳动奖章\"]\nregion: \"安徽省/宣城市\"\nauthors: []\ntags: []\n---\n\n正文从这里开始。\n"
    );
    // It is a draft: listed by check, left out of the build, valid with --drafts.
    let check = site.run(&["check"]).ok();
    assert!(
        check
            .stderr
            .contains(&format!("{rel}: draft: 全国总工会：召开表彰大会！")),
        "{}",
        check.stderr
    );
    site.run(&["check", "--drafts"]).ok();
    site.build().ok();
    assert!(!site.exists("articles/quan-guo-zong-gong-hui-zhao-kai-biao-zhang-da-hui/index.html"));
}

#[test]
fn new_never_overwrites_an_article() {
    let tmp = TestSite::empty();
    let (_, dir) = init(&tmp, "news");
    let site = site_at(&dir);
    let first = site.run(&["new", "技能竞赛"]).ok();
    let path = std::path::PathBuf::from(first.stdout.trim());
    std::fs::write(&path, "编辑写了一半的稿子").unwrap();
    let again = site.run(&["new", "技能竞赛"]);
    assert_eq!(again.status, 2);
    assert_eq!(
        again.stderr,
        format!(
            "error: {} already exists; it was left as it is. Choose another title\n",
            path.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "编辑写了一半的稿子"
    );
}

#[test]
fn new_needs_a_title_and_a_site() {
    let tmp = TestSite::empty();
    let (_, dir) = init(&tmp, "news");
    let site = site_at(&dir);
    let run = site.run(&["new", "  "]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            2,
            "error: the title is empty: write `unionpress new \"标题\"`\n"
        )
    );

    let empty = TestSite::empty();
    let run = empty.run(&["new", "标题"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("has no site.yaml: this is not a unionpress site"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_refuses_a_programme_or_award_the_registries_do_not_have() {
    let tmp = TestSite::empty();
    let (_, dir) = init(&tmp, "news");
    let site = site_at(&dir);
    let before = crate::harness::snapshot(site.root());
    let run = site.run(&["new", "标题", "--programme", "产业工人改革"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "error: no programme is called `产业工人改革`\n  help: did you mean `产业工人队伍建设改革`? \
         Otherwise add content/programmes/<key>.md with `title: 产业工人改革`"
    );
    let run = site.run(&[
        "new",
        "标题",
        "--programme",
        "产改",
        "--award",
        "劳动奖章",
        "--lang",
        "zh-CN",
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("错误: 没有叫“劳动奖章”的荣誉"),
        "{}",
        run.stderr
    );
    // Nothing was written.
    assert!(crate::harness::snapshot(site.root()) == before);
    // A name the registry knows, by its title or one of its names, is taken.
    site.run(&["new", "标题", "--programme", "产业工人队伍建设改革"])
        .ok();
}
