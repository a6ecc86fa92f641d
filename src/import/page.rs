//! A newspaper page's text cut into articles.
//!
//! A page holds several articles one after the other: each starts with its
//! headline block (column label, kicker, title, subtitle) and a lead that
//! carries the byline (本报讯（记者…）, 本报北京12月19日电, 本报记者 …,
//! □作者, a diary's date line), and a picture item ends with its credit
//! (… 摄). Text laid out around a picture continues an article that broke
//! off mid-sentence; it is joined back to that article.

/// One line of the page, without its Markdown heading marks.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line as written, trimmed: what goes into the body.
    pub raw: String,
    /// Without `#`, `**` and a leading column glyph `G `: what is read.
    pub text: String,
    /// How many `#` it started with (0 for plain text).
    pub level: usize,
}

/// What starts or ends an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// 本报讯 / 本报…电 lead paragraph.
    Lead,
    /// A feature's byline line: 本报记者 …
    Byline,
    /// A diary's date line (2024年12月10日 星期二); its byline is above it.
    Diary,
    /// A kicker ending with —— that opens an article with no byline.
    Kicker,
    /// A picture credit: … 摄.
    Credit,
}

/// One article as found on the page.
#[derive(Debug, Clone)]
pub struct Piece {
    pub anchor: Anchor,
    /// The headline block, in order (labels removed).
    pub head: Vec<Line>,
    /// The column label above the headline (蹲点日记, 新闻特写), if any.
    pub column: Option<String>,
    /// Byline lines (feature, diary, credit), in order.
    pub byline: Vec<Line>,
    /// The diary's date line.
    pub date_line: Option<Line>,
    /// The paragraph under 阅读提示.
    pub summary: Option<String>,
    pub body: Vec<Line>,
}

/// Column labels printed above a headline or inside an article.
const LABELS: [&str; 5] = ["蹲点日记", "新闻特写", "阅读提示", "图片新闻", "一线见闻"];

pub fn lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for line in single_lines(text) {
        // A Markdown table stays one block: its rows are not paragraphs.
        if line.raw.starts_with('|')
            && let Some(last) = out.last_mut()
            && last.raw.starts_with('|')
        {
            last.raw = format!("{}\n{}", last.raw, line.raw);
            last.text = format!("{} {}", last.text, line.text);
            continue;
        }
        out.push(line);
    }
    out
}

fn single_lines(text: &str) -> Vec<Line> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .filter(|l| !l.is_empty())
        .map(|raw| {
            let level = raw.chars().take_while(|&c| c == '#').count();
            let mut text = raw[level..].trim().replace("**", "");
            if let Some(rest) = text.strip_prefix("G ") {
                text = rest.trim().to_string();
            }
            Line {
                raw: raw.to_string(),
                text,
                level,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

pub fn is_label(text: &str) -> bool {
    LABELS.contains(&text)
}

/// 本报讯…, 本报北京12月19日电…
pub fn is_lead(text: &str) -> bool {
    text.starts_with("本报讯") && !is_credit(text) || dateline(text).is_some()
}

/// The month, day and place of 本报[place]M月D日电 at the start of `text`.
pub fn dateline(text: &str) -> Option<(u8, u8, String)> {
    let rest = text.strip_prefix("本报")?;
    let head: String = rest.chars().take(14).collect();
    let end = head.find("日电")?;
    let before = &head[..end];
    let month_at = before.find('月')?;
    let day: u8 = before[month_at + '月'.len_utf8()..].parse().ok()?;
    let mut place_end = month_at;
    while place_end > 0 && before.as_bytes()[place_end - 1].is_ascii_digit() {
        place_end -= 1;
    }
    let month: u8 = before[place_end..month_at].parse().ok()?;
    Some((month, day, before[..place_end].to_string()))
}

/// 本报记者 王晓颖 本报通讯员 王小凡: a byline on its own line.
pub fn is_byline(text: &str) -> bool {
    let starts = [
        "本报记者",
        "本报通讯员",
        "本报见习记者",
        "本报实习生",
        "记者 ",
    ];
    starts.iter().any(|s| text.starts_with(s)) && chars(text) <= 40 && !ends_sentence(text)
}

/// A picture credit: 本报通讯员 张锋 摄.
pub fn is_credit(text: &str) -> bool {
    text.ends_with('摄') && chars(text) <= 30 && !text.contains('。')
}

/// 2024年12月10日 星期二 小雨, 10月24日 星期五 晴
pub fn is_diary_date(text: &str) -> bool {
    text.contains("星期") && text.contains('月') && text.contains('日') && chars(text) <= 24
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '；', '：', ';', ':', '！', '…'])
}

/// A line that can be part of a headline block: short, not a sentence.
pub fn is_heading(line: &Line) -> bool {
    let n = chars(&line.text);
    let limit = if line.text.contains("——") { 90 } else { 50 };
    n <= limit
        && !ends_sentence(&line.text)
        && !line.text.contains('。')
        && !line.text.starts_with(['(', '（', '|', '[', '!'])
        && !line.text.starts_with("- ")
        && !is_lead(&line.text)
        && !is_byline(&line.text)
        && !is_credit(&line.text)
        && !is_diary_date(&line.text)
}

/// Whether a body ends in the middle of a sentence (cut by the layout).
fn broken_off(body: &[Line]) -> bool {
    body.last().is_some_and(|l| {
        !l.text
            .ends_with(['。', '！', '？', '”', '」', '）', ')', '…', '?', '!'])
    })
}

/// Cuts `lines` into articles.
pub fn split(lines: &[Line]) -> Vec<Piece> {
    // Where each article's lead (or credit) is, and where its head starts.
    let mut anchors: Vec<(usize, Anchor)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = &line.text;
        let anchor = if is_credit(t) {
            Some(Anchor::Credit)
        } else if is_diary_date(t) && i >= 2 {
            Some(Anchor::Diary)
        } else if is_lead(t) {
            Some(Anchor::Lead)
        } else if is_byline(t)
            && !lines
                .get(i.wrapping_sub(1))
                .is_some_and(|p| is_byline(&p.text))
        {
            Some(Anchor::Byline)
        } else if t.ends_with("——")
            && lines.get(i + 1).is_some_and(is_heading)
            && !lines[i + 1].text.ends_with("——")
            && !lines[i + 1..(i + 4).min(lines.len())]
                .iter()
                .any(|l| is_byline(&l.text) || is_lead(&l.text) || is_diary_date(&l.text))
        {
            Some(Anchor::Kicker)
        } else {
            None
        };
        if let Some(a) = anchor {
            anchors.push((i, a));
        }
    }
    // Each anchor's first line: the headline block above it.
    let mut starts = Vec::new();
    let mut floor = 0;
    for &(i, anchor) in &anchors {
        let start = match anchor {
            Anchor::Kicker => i,
            Anchor::Credit => {
                // Caption paragraphs, then the one headline line.
                let mut j = i;
                while j > floor && !is_heading(&lines[j - 1]) {
                    j -= 1;
                }
                if j > floor { j - 1 } else { j }
            }
            Anchor::Diary => head_start(lines, floor, i - 1),
            Anchor::Lead | Anchor::Byline => head_start(lines, floor, i),
        };
        starts.push(start);
        floor = i + 1;
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut orphans: Vec<(usize, Vec<Line>)> = Vec::new();
    for (k, &(i, anchor)) in anchors.iter().enumerate() {
        let start = starts[k];
        let next = starts.get(k + 1).copied().unwrap_or(lines.len());
        if anchor == Anchor::Credit {
            pieces.push(piece(lines, start, i, i + 1, anchor));
            if next > i + 1 {
                orphans.push((pieces.len(), lines[i + 1..next].to_vec()));
            }
        } else {
            pieces.push(piece(lines, start, i, next, anchor));
        }
    }
    // Text after a picture continues the last article that broke off.
    for (before, text) in orphans {
        let target = (0..before)
            .rev()
            .find(|&p| pieces[p].anchor != Anchor::Credit && broken_off(&pieces[p].body))
            .or_else(|| {
                (0..before)
                    .rev()
                    .find(|&p| pieces[p].anchor != Anchor::Credit)
            });
        if let Some(p) = target {
            pieces[p].body.extend(text);
        }
    }
    pieces
}

/// The first line of the headline block that ends just above `at`.
fn head_start(lines: &[Line], floor: usize, at: usize) -> usize {
    let mut j = at;
    while j > floor && at - j < 4 && (is_heading(&lines[j - 1]) || is_label(&lines[j - 1].text)) {
        j -= 1;
        if is_label(&lines[j].text) {
            break;
        }
    }
    j
}

fn piece(lines: &[Line], start: usize, at: usize, end: usize, anchor: Anchor) -> Piece {
    let mut p = Piece {
        anchor,
        head: Vec::new(),
        column: None,
        byline: Vec::new(),
        date_line: None,
        summary: None,
        body: Vec::new(),
    };
    let head_end = match anchor {
        Anchor::Diary => at - 1,
        Anchor::Kicker => {
            // The kicker and the title, then the article.
            let mut e = at + 1;
            while e < end && e < at + 3 && is_heading(&lines[e]) && !is_label(&lines[e].text) {
                e += 1;
            }
            e
        }
        Anchor::Credit => (start + 1).min(at),
        _ => at,
    };
    for line in &lines[start..head_end] {
        if is_label(&line.text) {
            p.column = Some(line.text.clone());
        } else {
            p.head.push(line.clone());
        }
    }
    let mut i = head_end;
    match anchor {
        Anchor::Diary => {
            p.byline.push(lines[at - 1].clone());
            p.date_line = Some(lines[at].clone());
        }
        Anchor::Byline => {
            while i < end && is_byline(&lines[i].text) {
                p.byline.push(lines[i].clone());
                p.body.push(lines[i].clone());
                i += 1;
            }
        }
        Anchor::Credit => p.byline.push(lines[at].clone()),
        _ => {}
    }
    while i < end {
        let line = &lines[i];
        if line.text == "阅读提示" && i + 1 < end {
            p.summary = Some(lines[i + 1].text.clone());
            i += 2;
            continue;
        }
        p.body.push(line.clone());
        i += 1;
    }
    p
}
