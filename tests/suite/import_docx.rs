//! `import` of Word files: every part of a .docx it maps (headings, bold
//! and italic, lists, tables, footnotes, pictures), and each bad .docx
//! refused with the file named and nothing written.

use std::io::Write;

use super::import::{refused, site_with_page};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#;

fn para(style: Option<&str>, runs: &str) -> String {
    let style = style
        .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
        .unwrap_or_default();
    format!("<w:p>{style}{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

/// A .docx of `parts` (name, bytes), zipped as Word does.
fn zip(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        z.start_file(*name, options).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

/// The smallest PNG: one transparent pixel (a valid one: pictures are decoded).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82,
];

fn manuscript() -> Vec<u8> {
    let body = [
        para(Some("Heading1"), &run("淄博市总因地制宜建设3类工会驿站")),
        para(None, &run("“建、管、用”结合提升服务实效")),
        para(
            None,
            &format!(
                "{}{}{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>",
                "<w:r><w:rPr><w:b/></w:rPr><w:t>本报讯</w:t></w:r>",
                run("（记者田国全 通讯员姚锋）山东省淄博市总工会建设"),
                "<w:r><w:rPr><w:i/></w:rPr><w:t>流动驿站</w:t></w:r>"
            ),
        ),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
            .to_string()
            + &run("项目驿站建在工地上。")
            + "</w:p>",
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            para(None, &run("驿站")),
            para(None, &run("数量")),
            para(None, &run("流动驿站")),
            para(None, &run("12")),
        ),
        para(
            None,
            r#"<w:r><w:drawing><wp:docPr id="1" name="图片 1" descr="改装成[流动驿站]的大巴车"/><a:graphic><a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic></w:drawing></w:r>"#,
        ),
        para(None, &run("淄博市总工会相关负责人表示，驿站将越建越多。")),
    ]
    .concat();
    let document =
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let footnotes = format!(
        r#"<?xml version="1.0"?><w:footnotes {W}><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        para(None, &run("流动驿站由大巴车改装。"))
    );
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:created>2024-11-01T08:00:00Z</dcterms:created></cp:coreProperties>"#;
    zip(&[
        ("word/document.xml", document.into_bytes()),
        ("word/footnotes.xml", footnotes.into_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes().to_vec()),
        ("word/media/image1.png", PNG.to_vec()),
        ("docProps/core.xml", core.as_bytes().to_vec()),
    ])
}

#[test]
fn a_word_manuscript_becomes_a_draft_with_its_picture_beside_it() {
    let site = site_with_page("gao.docx", &manuscript());
    let path = site.root().join("gao.docx");
    // No --date: the document's own creation date is the page's.
    site.run(&["import", path.to_str().unwrap()]).ok();
    let dir = site.root().join("content/articles/2024");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let md = files.iter().find(|f| f.ends_with(".md")).unwrap();
    let png = files.iter().find(|f| f.ends_with(".png")).unwrap();
    assert_eq!(std::fs::read(dir.join(png)).unwrap(), PNG);
    let text = std::fs::read_to_string(dir.join(md)).unwrap();
    let front: serde_yaml::Value = serde_yaml::from_str(text.split("---").nth(1).unwrap()).unwrap();
    assert_eq!(front["title"], "淄博市总因地制宜建设3类工会驿站");
    assert_eq!(front["subtitle"], "“建、管、用”结合提升服务实效");
    assert_eq!(front["authors"][0], "田国全");
    assert_eq!(front["correspondents"][0], "姚锋");
    assert_eq!(front["region"], "山东省/淄博市");
    assert_eq!(front["date"], "2024-11-01");
    for want in [
        "**本报讯**（记者田国全 通讯员姚锋）山东省淄博市总工会建设*流动驿站*[^1]",
        "- 项目驿站建在工地上。",
        "| 驿站 | 数量 |\n| --- | --- |\n| 流动驿站 | 12 |",
        // Word's alt text, brackets made spaces so the Markdown holds.
        &format!("![改装成 流动驿站 的大巴车]({png})"),
        "[^1]: 流动驿站由大巴车改装。",
    ] {
        assert!(text.contains(want), "{want:?} missing from:\n{text}");
    }
    // It builds, and the page shows the picture and the table.
    site.run(&["build", "--quiet", "--drafts"]).ok();
    let stem = md.trim_end_matches(".md");
    let page = site.page(&format!("/articles/{stem}/"));
    assert_eq!(page.texts("article table th, article table td").len(), 4);
    assert_eq!(page.texts("article img").len(), 1);
}

#[test]
fn bad_word_files_are_refused_with_the_file_named() {
    // 40 MB of one byte packs into a few kilobytes: a zip bomb.
    let bomb = zip(&[("word/document.xml", vec![b'a'; 40 * 1024 * 1024])]);
    let no_body = zip(&[("docProps/core.xml", b"<x/>".to_vec())]);
    let broken_xml = zip(&[("word/document.xml", b"<w:document><w:body><w:p>".to_vec())]);
    let mut truncated = manuscript();
    truncated.truncate(truncated.len() / 2);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bomb.docx", bomb, "zip bomb"),
        (
            "locked.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 encrypted".to_vec(),
            "password-protected",
        ),
        (
            "text.docx",
            "本报讯 这其实是文本。".as_bytes().to_vec(),
            "not a .docx",
        ),
        ("truncated.docx", truncated, "docx"),
        ("nobody.docx", no_body, "no document body"),
        ("broken.docx", broken_xml, "the .docx"),
        ("empty.docx", Vec::new(), "the file is empty"),
    ];
    for (name, bytes, want) in cases {
        refused(name, &bytes, want);
    }
}
