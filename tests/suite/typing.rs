//! The mistakes a Chinese input method makes in front matter: full-width
//! punctuation where YAML needs ASCII, reported at its column with the
//! character to type; and several names written as one in a list of people.

use crate::harness::*;

/// The report lines (not the hints) of `check` in `lang`.
fn check(site: &TestSite, lang: &str) -> (i32, Vec<String>, String) {
    let run = site.run(&["check", "--lang", lang]);
    let lines = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("content/"))
        .map(str::to_string)
        .collect();
    (run.status, lines, run.stderr)
}

fn site_with(front: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write("content/awards/wuyi.md", "---\ntitle: 五一劳动奖章\n---\n");
    site.article("a.md", front, "正文。");
    site
}

#[test]
fn a_full_width_colon_after_a_key_is_pointed_at() {
    let site = site_with("title：测试\ndate: 2024-12-20");
    let (status, lines, stderr) = check(&site, "zh-CN");
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        ["content/articles/a.md:2:6: 错误: 这里的全角冒号“：”不是 YAML 的格式符号"],
        "{stderr}"
    );
    assert!(
        stderr.contains("提示: 把全角冒号“：”改为半角冒号“:”"),
        "{stderr}"
    );
    let (_, lines, stderr) = check(&site, "en");
    assert_eq!(
        lines,
        [
            "content/articles/a.md:2:6: error: the full-width colon “：” is not part of YAML's syntax here"
        ],
        "{stderr}"
    );
    assert!(stderr.contains("help: type the half-width colon “:” instead of the full-width “：”"));
}

#[test]
fn a_full_width_space_and_list_brackets_are_each_pointed_at() {
    let site = site_with("title: 测试\ndate:　2024-12-20\ntags: 【技能竞赛, 工匠学堂】");
    let (status, lines, stderr) = check(&site, "zh-CN");
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [
            "content/articles/a.md:3:6: 错误: 这里的全角空格“　”不是 YAML 的格式符号",
            "content/articles/a.md:4:7: 错误: 这里的全角括号“【”不是 YAML 的格式符号",
            "content/articles/a.md:4:18: 错误: 这里的全角括号“】”不是 YAML 的格式符号",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("把全角括号“【”改为半角括号“[”"), "{stderr}");
    assert!(stderr.contains("把全角空格“　”改为半角空格“ ”"), "{stderr}");
    let (_, lines, _) = check(&site, "en");
    assert_eq!(
        lines[1],
        "content/articles/a.md:4:7: error: the full-width bracket “【” is not part of YAML's syntax here"
    );
}

/// Full-width punctuation inside a value is text, as an editor means it.
#[test]
fn full_width_punctuation_inside_values_is_fine() {
    let site =
        site_with("title: 示例文章：工会开展“技能竞赛”【图】\ndate: 2024-12-20\ntags: [技能竞赛]");
    let run = site.run(&["build", "--lang", "en"]).ok();
    assert!(!run.stderr.contains("full-width"), "{}", run.stderr);
    let page = site.page("/articles/a/");
    assert_eq!(page.texts("h1"), ["示例文章：工会开展“技能竞赛”【图】"]);
}

#[test]
fn several_names_in_one_item_of_a_people_list_are_a_warning() {
    let site = site_with(
        "title: 测试\ndate: 2024-12-20\nauthors: [王五, 张三，李四]\nawards:\n  - name: 五一劳动奖章\n    recipients: [赵六、钱七]",
    );
    let (status, lines, stderr) = check(&site, "zh-CN");
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        lines,
        [
            "content/articles/a.md:4:17: 警告: “张三，李四”中间有“，”：这是一个人的名字，还是几个人？",
            "content/articles/a.md:7:20: 警告: “赵六、钱七”中间有“、”：这是一个人的名字，还是几个人？",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("`authors: [张三, 李四]`"), "{stderr}");
    assert!(stderr.contains("`recipients: [赵六, 钱七]`"), "{stderr}");
    let (_, lines, _) = check(&site, "en");
    assert_eq!(
        lines[0],
        "content/articles/a.md:4:17: warning: “张三，李四” has “，” between names: is it one person or several?"
    );
    // A warning only: the article is built with the names as written.
    site.run(&["build", "--quiet"]).ok();
    assert!(site.exists("articles/a/index.html"));
}

/// Programme and award names may hold `、`; only lists of people are checked.
#[test]
fn a_programme_name_with_a_list_comma_is_not_questioned() {
    let site = TestSite::minimal();
    site.write("content/programmes/a.md", "---\ntitle: 安全、健康月\n---\n");
    site.article(
        "a.md",
        "title: 测试\ndate: 2024-12-20\nprogrammes: [安全、健康月]",
        "正文。",
    );
    let (status, lines, stderr) = check(&site, "en");
    assert_eq!((status, lines.len()), (0, 0), "{stderr}");
}

#[test]
fn a_date_written_the_chinese_way_or_with_dots_gets_its_right_form() {
    for (written, column) in [("2024年12月20日", 7), ("2024.12.20", 7), ("2024/12/20", 7)] {
        let site = site_with(&format!("title: 测试\ndate: {written}"));
        let (status, lines, stderr) = check(&site, "zh-CN");
        assert_eq!(status, 1);
        assert_eq!(
            lines,
            [format!(
                "content/articles/a.md:3:{column}: 错误: `{written}` 的写法不对：请写成 `date: 2024-12-20`"
            )],
            "{stderr}"
        );
        let (_, lines, _) = check(&site, "en");
        assert_eq!(
            lines,
            [format!(
                "content/articles/a.md:3:{column}: error: `{written}` is not written the way front matter needs: write `date: 2024-12-20`"
            )]
        );
    }
}

#[test]
fn a_region_written_with_dashes_and_a_name_with_a_space_get_suggestions() {
    let site =
        site_with("title: 测试\ndate: 2024-12-20\nregion: 安徽省、宣城市、泾县\nauthors: [张 三]");
    let (status, lines, stderr) = check(&site, "zh-CN");
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        lines,
        [
            "content/articles/a.md:4:9: 警告: 地区“安徽省、宣城市、泾县”被当成了一级：各级之间要用 `/` 分隔",
            "content/articles/a.md:5:11: 警告: 名字“张 三”中间有空格",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("`region: 安徽省/宣城市/泾县`"), "{stderr}");
    assert!(stderr.contains("写成 `张三`"), "{stderr}");
    let (_, lines, stderr) = check(&site, "en");
    assert_eq!(
        lines,
        [
            "content/articles/a.md:4:9: warning: the region “安徽省、宣城市、泾县” is one level: levels are separated by `/`",
            "content/articles/a.md:5:11: warning: the name “张 三” has a space inside",
        ],
        "{stderr}"
    );
}

/// `[“技能竞赛”, “工匠学堂”]`: YAML's quotes are half-width, so these
/// would be tags with the quotes in their names; each item is pointed at,
/// in a flow list and in a block list alike, with the item to type.
#[test]
fn list_items_in_full_width_quotes_are_each_pointed_at() {
    let site = site_with(
        "title: “测试”\ndate: 2024-12-20\ntags: [“技能竞赛”, “工匠学堂”, “五一”劳动奖章]\nauthors:\n  - “张三”",
    );
    let (status, lines, stderr) = check(&site, "zh-CN");
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [
            "content/articles/a.md:4:8: 错误: 列表项 “技能竞赛” 用了全角引号，YAML 不把它当作引号，引号会成为名字的一部分",
            "content/articles/a.md:4:16: 错误: 列表项 “工匠学堂” 用了全角引号，YAML 不把它当作引号，引号会成为名字的一部分",
            "content/articles/a.md:6:5: 错误: 列表项 “张三” 用了全角引号，YAML 不把它当作引号，引号会成为名字的一部分",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("提示: 去掉引号，写成 `技能竞赛`；或改用半角引号，写成 `\"技能竞赛\"`"),
        "{stderr}"
    );
    let (status, lines, stderr) = check(&site, "en");
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [
            "content/articles/a.md:4:8: error: the list item “技能竞赛” is in full-width quotes, which YAML does not take as quotes: they would become part of the name",
            "content/articles/a.md:4:16: error: the list item “工匠学堂” is in full-width quotes, which YAML does not take as quotes: they would become part of the name",
            "content/articles/a.md:6:5: error: the list item “张三” is in full-width quotes, which YAML does not take as quotes: they would become part of the name",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("help: leave the quotes out, `张三`, or type half-width ones, `\"张三\"`"),
        "{stderr}"
    );

    // Typed as suggested, the tags are the names without the quotes.
    site.article(
        "a.md",
        "title: “测试”\ndate: 2024-12-20\ntags: [技能竞赛, \"工匠学堂\", “五一”劳动奖章]\nauthors:\n  - 张三",
        "正文。",
    );
    let run = site.run(&["build", "--lang", "en"]).ok();
    let tags = site.page("/articles/a/").texts("a[href^='/tags/']");
    assert!(
        tags.contains(&"技能竞赛".to_string()) && tags.contains(&"工匠学堂".to_string()),
        "{tags:?} {}",
        run.stderr
    );
    assert!(tags.contains(&"“五一”劳动奖章".to_string()), "{tags:?}");
}
