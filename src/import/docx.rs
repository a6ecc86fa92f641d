//! Word 2007+ files (.docx) into the text the page splitter reads: one
//! paragraph a line, headings as `#`, bold and italic as `**` and `*`, list
//! items as `- `, tables as Markdown tables, footnotes as `[^n]`, and each
//! embedded picture as `![](docx-media:NAME)` with its bytes kept.
//!
//! The zip is read with `zip` and the XML with `quick-xml`; only the
//! mapping of WordprocessingML elements to text is written here. Every part
//! read is capped in size, so a zip bomb is refused, not unpacked.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

/// The largest part (XML or picture) read from a .docx, unpacked.
const MAX_PART: u64 = 32 * 1024 * 1024;
/// The most a .docx may unpack to in all.
const MAX_TOTAL: u64 = 128 * 1024 * 1024;
/// The link target a picture gets until the article it is in is named.
pub const MEDIA: &str = "docx-media:";

/// What a .docx holds.
#[derive(Debug, Default)]
pub struct Docx {
    pub text: String,
    /// Each picture: its placeholder name (`image1`), its extension, its bytes.
    pub pictures: Vec<(String, String, Vec<u8>)>,
    /// dcterms:created, the day the document was made.
    pub created: Option<jiff::civil::Date>,
}

/// Reads a .docx; the error is a sentence for the editor.
pub fn read(bytes: &[u8]) -> Result<Docx, String> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        // An OLE compound file: an encrypted .docx or a renamed .doc.
        return Err(crate::t!("import-docx-protected"));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| crate::t!("import-docx-not-zip"))?;
    let mut total = 0u64;
    let mut part = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
                    name: &str|
     -> Result<Option<Vec<u8>>, String> {
        let mut file = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(crate::t!("import-docx-corrupt")),
        };
        let mut out = Vec::new();
        let read = (&mut file)
            .take(MAX_PART + 1)
            .read_to_end(&mut out)
            .map_err(|_| crate::t!("import-docx-corrupt"))? as u64;
        total += read;
        if read > MAX_PART || total > MAX_TOTAL {
            return Err(crate::t!("import-docx-too-big"));
        }
        Ok(Some(out))
    };
    let document =
        part(&mut zip, "word/document.xml")?.ok_or_else(|| crate::t!("import-docx-no-document"))?;
    let rels = part(&mut zip, "word/_rels/document.xml.rels")?.unwrap_or_default();
    let targets = relationships(&rels);
    let footnotes = part(&mut zip, "word/footnotes.xml")?
        .map(|x| footnotes(&x))
        .transpose()?
        .unwrap_or_default();
    let mut doc = Docx::default();
    let (text, pictures) = body(&document)?;
    doc.text = text;
    for (id, name) in pictures {
        if let Some(target) = targets.get(&id) {
            let path = format!("word/{}", target.trim_start_matches('/'));
            let ext = std::path::Path::new(target)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("bin")
                .to_ascii_lowercase();
            if let Some(bytes) = part(&mut zip, &path)? {
                doc.pictures.push((name, ext, bytes));
            }
        }
    }
    for (id, text) in footnotes {
        if doc.text.contains(&format!("[^{id}]")) {
            doc.text.push_str(&format!("\n[^{id}]: {text}\n"));
        }
    }
    if let Some(core) = part(&mut zip, "docProps/core.xml")? {
        doc.created = created(&core);
    }
    Ok(doc)
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// rId → target, from document.xml.rels.
fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    out.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The day in docProps/core.xml's dcterms:created.
fn created(xml: &[u8]) -> Option<jiff::civil::Date> {
    let text = String::from_utf8_lossy(xml);
    let start = text.find("created")?;
    let value = &text[start..];
    let value = &value[value.find('>')? + 1..];
    value.get(..10)?.parse().ok()
}

/// Footnote id → its text.
fn footnotes(xml: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"footnote" => {
                current = attr(&e, b"w:id").map(|id| (id, String::new()));
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"footnote" => {
                if let Some((id, text)) = current.take()
                    && !text.trim().is_empty()
                {
                    out.push((id, text.trim().to_string()));
                }
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"t" => in_text = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"t" => in_text = false,
            Ok(Event::Text(t)) if in_text => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t.unescape().map_err(|_| crate::t!("import-docx-corrupt"))?);
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err(crate::t!("import-docx-corrupt")),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// One paragraph being read: its runs and how it is styled.
#[derive(Default)]
struct Para {
    text: String,
    level: usize,
    list: bool,
}

/// document.xml into lines, and the pictures it embeds (rId, name).
fn body(xml: &[u8]) -> Result<(String, Vec<(String, String)>), String> {
    let corrupt = |_| crate::t!("import-docx-corrupt");
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out: Vec<String> = Vec::new();
    let mut pictures: Vec<(String, String)> = Vec::new();
    // Word's alt text of the drawing being read (`wp:docPr descr`), which
    // comes before its picture; without it the picture's alt stays empty
    // and `check` asks the editor to describe it.
    let mut alt = String::new();
    let mut para = Para::default();
    let (mut bold, mut italic, mut in_text) = (false, false, false);
    let mut run = String::new();
    // Tables: rows of cells, each cell's paragraphs joined.
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut depth_table = 0usize;
    let mut cell = String::new();
    let mut open = 0usize;
    let flush_run = |para: &mut Para, run: &mut String, bold: bool, italic: bool| {
        if run.is_empty() {
            return;
        }
        let t = std::mem::take(run);
        let (lead, core, tail) = {
            let core = t.trim();
            let lead = &t[..t.len() - t.trim_start().len()];
            let tail = &t[t.trim_end().len()..];
            (lead.to_string(), core.to_string(), tail.to_string())
        };
        let mark = match (bold, italic) {
            _ if core.is_empty() => "",
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            _ => "",
        };
        para.text
            .push_str(&format!("{lead}{mark}{core}{mark}{tail}"));
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(corrupt)?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            // A document cut short leaves elements open.
            Event::Eof if open > 0 => return Err(crate::t!("import-docx-corrupt")),
            _ => {}
        }
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"p" => para = Para::default(),
                b"pStyle" => {
                    let style = attr(&e, b"w:val").unwrap_or_default().to_lowercase();
                    para.level = if style == "title" {
                        1
                    } else if let Some(n) = style.strip_prefix("heading") {
                        n.trim().parse::<usize>().map_or(0, |n| n.min(6))
                    } else {
                        0
                    };
                }
                b"numPr" => para.list = true,
                b"r" => {
                    bold = false;
                    italic = false;
                }
                b"b" | b"i" => {
                    let on = attr(&e, b"w:val").is_none_or(|v| v != "0" && v != "false");
                    if e.local_name().as_ref() == b"b" {
                        bold = on;
                    } else {
                        italic = on;
                    }
                }
                b"t" => in_text = !empty,
                b"tab" => run.push(' '),
                b"br" => run.push(' '),
                b"footnoteReference" => {
                    flush_run(&mut para, &mut run, bold, italic);
                    if let Some(id) = attr(&e, b"w:id") {
                        para.text.push_str(&format!("[^{id}]"));
                    }
                }
                b"docPr" => {
                    alt = attr(&e, b"descr").unwrap_or_default();
                }
                b"blip" => {
                    if let Some(id) = attr(&e, b"r:embed") {
                        let name = format!("image{}", pictures.len() + 1);
                        let alt: String = std::mem::take(&mut alt)
                            .chars()
                            .map(|c| {
                                if c.is_control() || "[]".contains(c) {
                                    ' '
                                } else {
                                    c
                                }
                            })
                            .collect();
                        para.text
                            .push_str(&format!("![{}]({MEDIA}{name})", alt.trim()));
                        pictures.push((id, name));
                    }
                }
                b"tbl" => {
                    depth_table += 1;
                    table.clear();
                }
                b"tr" => table.push(Vec::new()),
                b"tc" => cell.clear(),
                _ => {}
            },
            Event::Text(t) if in_text => {
                run.push_str(&t.unescape().map_err(corrupt)?);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"r" => flush_run(&mut para, &mut run, bold, italic),
                b"p" => {
                    flush_run(&mut para, &mut run, bold, italic);
                    let text = para.text.trim().to_string();
                    if depth_table > 0 {
                        if !cell.is_empty() && !text.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&text);
                    } else if !text.is_empty() {
                        let prefix = if para.level > 0 {
                            format!("{} ", "#".repeat(para.level))
                        } else if para.list {
                            "- ".to_string()
                        } else {
                            String::new()
                        };
                        out.push(format!("{prefix}{text}"));
                    }
                    para = Para::default();
                }
                b"tc" => {
                    if let Some(row) = table.last_mut() {
                        row.push(cell.replace('|', "\\|"));
                    }
                }
                b"tbl" => {
                    depth_table = depth_table.saturating_sub(1);
                    out.push(markdown_table(&table));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok((out.join("\n\n"), pictures))
}

fn markdown_table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let line = |row: &[String]| {
        let mut cells: Vec<String> = row.to_vec();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        out.push(line(row));
        if i == 0 {
            out.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    out.join("\n")
}
