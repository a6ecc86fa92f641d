//! Every mistake of a file in one run: a bad value or an unknown field does
//! not hide the ones after it, in an article's front matter or in site.yaml.

use crate::harness::*;

/// The `file:line:column: label: message` lines of a run's report.
fn reported(run: &Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains(".md:") || l.starts_with("site.yaml:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_mistake_of_an_article_is_reported_at_its_place() {
    let site = TestSite::minimal();
    site.write("content/awards/wuyi.md", "---\ntitle: 五一劳动奖章\n---\n");
    site.article(
        "a.md",
        "title: 测试\ndate: 2024-12-20\nkind: 新闻\nawards: [五一劳动奖状]\nauthor: [甲]\ntags: 技能",
        "正文。",
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        reported(&run),
        [
            "content/articles/a.md:4:7: error: `kind`: `新闻` is not one of the allowed values",
            "content/articles/a.md:5:10: error: no award is called `五一劳动奖状`",
            "content/articles/a.md:6:1: error: unknown field `author`",
            "content/articles/a.md:7:7: error: `tags`: expected a list but found text",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: did you mean `五一劳动奖章`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("4 errors, 0 warnings; nothing was written\n")
    );

    let run = site.run(&["check", "--lang", "zh-CN"]);
    assert_eq!(
        reported(&run),
        [
            "content/articles/a.md:4:7: 错误: `kind`：`新闻` 不是可用的值",
            "content/articles/a.md:5:10: 错误: 没有叫“五一劳动奖状”的荣誉",
            "content/articles/a.md:6:1: 错误: 没有 `author` 这一项",
            "content/articles/a.md:7:7: 错误: `tags`：这里应该是列表，写的却是文字",
        ],
        "{}",
        run.stderr
    );
    // Nothing is built from an article with mistakes.
    assert_eq!(site.build().status, 1);
    assert!(!site.exists("articles/a/index.html"));
}

#[test]
fn every_mistake_of_site_yaml_is_reported_at_its_place() {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\npaginate_by: twenty\ntitel: 错字\ntimezone: Asia/Shanghia\n",
    );
    let run = site.run(&["build", "--lang", "en"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        reported(&run),
        [
            "site.yaml:3:14: error: `paginate_by`: expected a whole number but found text",
            "site.yaml:4:1: error: unknown field `titel`",
            "site.yaml:5:1: error: `Asia/Shanghia` is not a time zone we know",
        ],
        "{}",
        run.stderr
    );
    let run = site.run(&["build", "--lang", "zh-CN"]);
    assert_eq!(
        reported(&run),
        [
            "site.yaml:3:14: 错误: `paginate_by`：这里应该是整数，写的却是文字",
            "site.yaml:4:1: 错误: 没有 `titel` 这一项",
            "site.yaml:5:1: 错误: `Asia/Shanghia` 不是已知的时区",
        ],
        "{}",
        run.stderr
    );
}

/// A missing required field is reported beside the other mistakes, once.
#[test]
fn a_missing_field_and_an_unknown_one_are_both_reported() {
    let site = TestSite::minimal();
    site.article(
        "a.md",
        "date: 2024-12-20\nsumary: 摘要\ndraft: maybe",
        "正文。",
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let lines = reported(&run);
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines.iter().any(|l| l.contains("unknown field `sumary`")),
        "{}",
        run.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("`draft`: expected true or false")),
        "{}",
        run.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("the required field `title` is missing")),
        "{}",
        run.stderr
    );
}
