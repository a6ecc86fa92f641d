//! `import` of saved web pages: an .html with its picture saved beside it,
//! a WeChat article saved as .mhtml with its picture inside, and pages that
//! are not what their extension says.

use super::harness::{TestSite, snapshot};

const ARTICLE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>南沙</title><style>.x{color:red}</style><script>var tracker = 1;</script></head>
<body><nav>首页</nav>
<h1 id="activity-name">广州南沙区总开展职工乡村游活动</h1>
<div id="js_content">
<p><strong>本报讯</strong>(记者赵思远)近日,广东省广州市南沙区总工会开展职工乡村游系列活动,组织50余名职工体验南沙乡村文旅的独特魅力。</p>
<p><img data-src="PICTURE" src="PICTURE"></p>
<p>据悉,南沙区总聚焦“产业+美丽乡村”,策划推出4条职工乡村游精品线路。</p>
<img src="https://stats.example/pixel.gif" width="1" height="1">
<script>report()</script>
</div><footer>版权所有</footer></body></html>"#;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n not really a picture, but bytes to keep";

fn drafts(site: &TestSite) -> Vec<std::path::PathBuf> {
    let dir = site.root().join("content/articles/2025");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn check_article(site: &TestSite) {
    let files = drafts(site);
    assert_eq!(files.len(), 2, "{files:?}");
    let md = files
        .iter()
        .find(|p| p.extension().unwrap() == "md")
        .unwrap();
    let png = files
        .iter()
        .find(|p| p.extension().unwrap() == "png")
        .unwrap();
    assert_eq!(std::fs::read(png).unwrap(), PNG);
    let text = std::fs::read_to_string(md).unwrap();
    let front: serde_yaml::Value = serde_yaml::from_str(text.split("---").nth(1).unwrap()).unwrap();
    assert_eq!(front["title"], "广州南沙区总开展职工乡村游活动");
    assert_eq!(front["authors"][0], "赵思远");
    assert_eq!(front["region"], "广东省/广州市/南沙区");
    let body = text.splitn(3, "---").nth(2).unwrap();
    assert!(body.contains("**本报讯**(记者赵思远)近日"), "{body}");
    let name = png.file_name().unwrap().to_string_lossy();
    assert!(body.contains(&format!("![]({name})")), "{body}");
    for gone in [
        "tracker",
        "report()",
        "首页",
        "版权所有",
        "pixel",
        "color:red",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
}

#[test]
fn an_html_page_keeps_its_body_and_its_saved_picture() {
    let site = TestSite::minimal();
    site.write(
        "saved/page.html",
        &ARTICLE.replace("PICTURE", "page_files/a.png"),
    );
    std::fs::create_dir_all(site.root().join("saved/page_files")).unwrap();
    std::fs::write(site.root().join("saved/page_files/a.png"), PNG).unwrap();
    let path = site.root().join("saved/page.html");
    site.run(&["import", path.to_str().unwrap(), "--date", "2025-01-07"])
        .ok();
    check_article(&site);
}

#[test]
fn an_mhtml_page_keeps_its_body_and_the_picture_inside_it() {
    use base64_free::encode;
    let html = ARTICLE.replace("PICTURE", "https://mmbiz.example/a.png");
    let mhtml = format!(
        "From: <Saved by Blink>\r\nSubject: page\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B\"\r\n\r\n\
------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 8bit\r\nContent-Location: https://mp.example/s/1\r\n\r\n{html}\r\n\
------B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://mmbiz.example/a.png\r\n\r\n{}\r\n\
------B--\r\n",
        encode(PNG)
    );
    let site = TestSite::minimal();
    site.write("page.mhtml", &mhtml);
    let path = site.root().join("page.mhtml");
    site.run(&["import", path.to_str().unwrap(), "--date", "2025-01-07"])
        .ok();
    check_article(&site);
}

#[test]
fn pages_that_are_not_pages_are_refused() {
    for (name, text, want) in [
        ("plain.html", "本报讯 这是纯文本。", "holds no HTML"),
        ("plain.mhtml", "", "the file is empty"),
        ("junk.mhtml", "\u{1}\u{2}\u{3}", "no HTML part"),
    ] {
        let site = TestSite::minimal();
        site.write(name, text);
        let before = snapshot(site.root());
        let path = site.root().join(name);
        let run = site.run(&["import", path.to_str().unwrap(), "--date", "2025-01-07"]);
        assert_ne!(run.status, 0, "{name} accepted");
        assert!(run.stderr.contains(name), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(want), "{name}: {}", run.stderr);
        assert_eq!(snapshot(site.root()), before);
    }
}

/// Base64 for the test's MIME part, written out to keep a crate away
/// from the test's dependencies for eight lines.
mod base64_free {
    pub fn encode(bytes: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
