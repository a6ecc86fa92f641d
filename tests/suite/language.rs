//! The language of messages: Chinese for a Chinese site whatever the
//! shell's locale, English on request (`--lang`, `UNIONPRESS_LANG`, or the
//! site's `language`), and the system locale where there is no site yet.

use crate::harness::*;

/// A Chinese site (site.yaml names no language) with one article whose
/// front matter has a misspelt field on line 3.
fn site_with_a_typo() -> TestSite {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "title: 测试\ndate: 2024-12-20\ntitel: 错字",
        "正文。",
    );
    site
}

const TYPO_AT: &str = "content/articles/a.md:4:1:";

#[test]
fn a_chinese_site_reports_in_chinese_even_in_an_english_shell() {
    let site = site_with_a_typo();
    for locale in ["C.UTF-8", "en_US.UTF-8", "POSIX"] {
        let run = site.run_in_locale(&["build"], locale, None);
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{TYPO_AT} 错误: 没有 `titel` 这一项")),
            "{locale}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("  提示: 是不是要写 `title`？"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .ends_with("1 个错误，0 个警告；没有写出任何文件\n"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn lang_flag_and_variable_choose_english_and_the_flag_wins() {
    let site = site_with_a_typo();
    let english = |run: &Run| {
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{TYPO_AT} error: unknown field `titel`")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("  help: did you mean `title`?"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .ends_with("1 error, 0 warnings; nothing was written\n"),
            "{}",
            run.stderr
        );
    };
    english(&site.run_in_locale(&["build", "--lang", "en"], "zh_CN.UTF-8", None));
    english(&site.run_in_locale(&["check"], "zh_CN.UTF-8", Some("en")));
    let chinese = site.run_in_locale(&["check", "--lang", "zh-CN"], "en_US.UTF-8", Some("en"));
    assert!(
        chinese.stderr.contains("没有 `titel` 这一项"),
        "{}",
        chinese.stderr
    );
}

#[test]
fn the_sites_language_chooses_english() {
    let site = site_with_a_typo();
    site.write(
        "site.yaml",
        "title: Union news\nbase_url: https://example.org\nlanguage: en\n",
    );
    let run = site.run_in_locale(&["build"], "zh_CN.UTF-8", None);
    assert!(
        run.stderr.contains("error: unknown field `titel`"),
        "{}",
        run.stderr
    );
}

/// A problem in site.yaml itself is told in the language site.yaml names,
/// even though the file could not be read as a whole.
#[test]
fn site_yaml_problems_are_in_its_own_language() {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: example.org\ntimezone: Asia/Shanghia\n",
    );
    let run = site.run_in_locale(&["check"], "en_US.UTF-8", None);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("site.yaml:2:1: 错误: `example.org` 不是网址"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("site.yaml:3:1: 错误: `Asia/Shanghia` 不是已知的时区"),
        "{}",
        run.stderr
    );
    let run = site.run_in_locale(&["check", "--lang", "en"], "zh_CN.UTF-8", None);
    assert!(
        run.stderr
            .contains("site.yaml:2:1: error: `example.org` is not a web address"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_speaks_the_system_locale_and_chinese_without_one() {
    let init = |locale: &str| {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .arg("init")
            .arg(&site)
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("UNIONPRESS_LANG")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(init("en_US.UTF-8").starts_with("made a new site in "));
    assert!(init("zh_CN.UTF-8").starts_with("已在 "));
    assert!(init("C.UTF-8").starts_with("已在 "));
}

#[test]
fn help_and_usage_errors_follow_the_language() {
    let site = TestSite::minimal();
    let help = site.run_in_locale(&["build", "--help"], "en_US.UTF-8", None);
    assert_eq!(help.status, 0);
    assert!(
        help.stdout.starts_with("把站点生成到 public/"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("--drafts"), "{}", help.stdout);
    assert!(
        help.stdout.contains("包括草稿和日期在未来的文章"),
        "{}",
        help.stdout
    );
    let help = site.run_in_locale(&["build", "--help", "--lang", "en"], "zh_CN.UTF-8", None);
    assert!(
        help.stdout
            .contains("Include drafts and articles dated in the future")
    );

    let wrong = site.run_in_locale(&["build", "--draft"], "en_US.UTF-8", None);
    assert_eq!(wrong.status, 2);
    assert!(
        wrong.stderr.starts_with(
            "错误: unionpress 没有 `--draft` 这个选项\n  提示: 是不是要写 `--drafts`？"
        ),
        "{}",
        wrong.stderr
    );
    let wrong = site.run_in_locale(&["biuld"], "zh_CN.UTF-8", Some("en"));
    assert_eq!(wrong.status, 2);
    assert!(
        wrong
            .stderr
            .starts_with("error: unionpress has no command `biuld`"),
        "{}",
        wrong.stderr
    );
    let wrong = site.run_in_locale(&["check", "--lang", "fr"], "zh_CN.UTF-8", None);
    assert_eq!(wrong.status, 2);
    assert!(
        wrong
            .stderr
            .contains("unionpress 不会说 `fr`；请用 zh-CN 或 en"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn build_and_check_summaries_in_both_languages() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 一\ndate: 2024-12-20", "正文。");
    let run = site.run_in_locale(&["build"], "en_US.UTF-8", None).ok();
    assert!(
        run.stderr.starts_with("已生成 1 篇文章，写入 "),
        "{}",
        run.stderr
    );
    let run = site
        .run_in_locale(&["check", "--lang", "en"], "C", None)
        .ok();
    assert_eq!(
        run.stderr,
        "ok: 1 article checked, 0 warnings, 0 unpublished; nothing was written\n"
    );
    let run = site.run_in_locale(&["check"], "C", None).ok();
    assert_eq!(
        run.stderr,
        "检查通过：1 篇文章，0 个警告，0 篇未发布；没有写出任何文件\n"
    );
}
