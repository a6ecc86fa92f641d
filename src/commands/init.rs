//! `unionpress init DIR`: a new site, in Chinese, that builds as it is.

use std::path::Path;

use crate::cli::Verbosity;
use crate::error::{Error, Result};

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: 工会新闻\nbase_url: https://news.example.org\nlanguage: zh-CN\ntimezone: Asia/Shanghai\ntheme: default\npaginate_by: 20\ndescription: 本地工会的新闻、工作品牌与光荣榜\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: 工会新闻\n---\n\n欢迎来到工会新闻网。\n",
    ),
    ("content/articles/_index.md", "---\ntitle: 新闻\n---\n"),
    (
        "content/programmes/chan-gai.md",
        "---\ntitle: 产业工人队伍建设改革\nnames: [产改]\n---\n\n推动产业工人队伍建设改革的各项工作。\n",
    ),
    (
        "content/awards/wuyi-laodong-jiangzhang.md",
        "---\ntitle: 五一劳动奖章\nlevel: national\nissuer: 中华全国总工会\n---\n\n表彰在社会主义建设中作出突出贡献的劳动者。\n",
    ),
    (
        "content/articles/sample/shi-li-wen-zhang.md",
        "---\ntitle: 示例文章：工会开展技能竞赛\nkicker: 这是一篇示例\ndate: 2024-12-20\nkind: news\nauthors: [记者甲]\nregion: 安徽省/宣城市/泾县\nprogrammes: [产改]\ntags: [技能竞赛]\n---\n\n这是一篇示例文章。把它改成你的第一篇报道，或者用 `unionpress new \"标题\"` 新建一篇。\n\n## 小标题\n\n正文可以使用 Markdown：**加粗**、列表、表格和链接。\n",
    ),
    (
        "content/bulletins/2024-12.md",
        "---\ntitle: 工会工作简报\nnumber: 2024年第1期\ndate: 2024-12-31\narticles:\n  - articles/sample/shi-li-wen-zhang.md\n---\n\n编者按：这是一期示例简报。在 `articles:` 下按顺序列出本期文章，网页版、打印版和电子邮件版会一起生成。\n",
    ),
    ("static/.keep", ""),
    (".gitignore", "public/\n.unionpress-cache/\n"),
];

pub fn run(dir: &Path, verbosity: Verbosity) -> Result<()> {
    if dir.join("site.yaml").exists() {
        return Err(Error::Usage(crate::t!("init-exists", dir = dir.display())));
    }
    if dir.is_dir()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage(crate::t!(
            "init-not-empty",
            dir = dir.display()
        )));
    }
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    if verbosity != Verbosity::Quiet {
        println!("{}", crate::t!("init-done", dir = dir.display()));
    }
    Ok(())
}
