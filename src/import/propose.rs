//! The front matter proposed for one article found on a page: each field
//! with the words it was guessed from.

use jiff::civil::Date;

use super::byline::{self, Role};
use super::page::{self, Anchor, Line, Piece};
use super::region;

/// A guessed value and the words it was read from (for the YAML comment).
#[derive(Debug, Clone, PartialEq)]
pub struct Guess<T> {
    pub value: T,
    pub from: String,
}

fn guess<T>(value: T, from: impl Into<String>) -> Guess<T> {
    Guess {
        value,
        from: from.into(),
    }
}

/// A registry entry named in the text: its title and every name it goes by.
#[derive(Debug, Clone)]
pub struct Named {
    pub title: String,
    pub names: Vec<String>,
}

/// The programmes and awards of the site, to be found by any of their names.
#[derive(Debug, Clone, Default)]
pub struct Registries {
    pub programmes: Vec<Named>,
    pub awards: Vec<Named>,
}

/// An award found in the text, with whom it went to where the text says.
#[derive(Debug, Clone, PartialEq)]
pub struct Award {
    pub name: String,
    pub recipients: Vec<String>,
    pub count: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub title: Guess<String>,
    pub kicker: Option<Guess<String>>,
    pub subtitle: Option<Guess<String>>,
    pub summary: Option<Guess<String>>,
    pub kind: Guess<&'static str>,
    pub date: Guess<Date>,
    pub people: Vec<(Role, Guess<Vec<String>>)>,
    pub region: Option<Guess<String>>,
    pub organisations: Option<Guess<Vec<String>>>,
    pub programmes: Option<Guess<Vec<String>>>,
    pub awards: Option<Guess<Vec<Award>>>,
    pub column: Option<String>,
    pub body: String,
}

impl Proposal {
    /// The names given `role`.
    pub fn names(&self, role: Role) -> Vec<String> {
        self.people
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, g)| g.value.clone())
            .unwrap_or_default()
    }
}

/// Title, kicker and subtitle from a headline block.
fn headline(head: &[Line], registries: &Registries) -> (String, Option<String>, Option<String>) {
    let mut kicker: Vec<String> = Vec::new();
    let mut rest: Vec<&Line> = Vec::new();
    let mut split_title = None;
    for line in head {
        if line.text.ends_with("——") {
            kicker.push(line.text.clone());
        } else if let Some(at) = line.text.find("——") {
            let (k, t) = line.text.split_at(at + "——".len());
            kicker.push(k.to_string());
            split_title = Some(Line {
                text: t.trim().to_string(),
                ..line.clone()
            });
        } else {
            rest.push(line);
        }
    }
    if let Some(t) = &split_title {
        rest.insert(0, t);
    }
    if rest.is_empty() {
        return (kicker.join(""), None, None);
    }
    // The most prominent heading is the title: `#` over `##` over plain.
    let prominence = |l: &Line| if l.level == 0 { 0 } else { 10 - l.level.min(9) };
    let top = rest.iter().map(|l| prominence(l)).max().unwrap_or(0);
    let all_same = rest.iter().all(|l| prominence(l) == top);
    let mut title_at = rest.iter().position(|l| prominence(l) == top).unwrap_or(0);
    if all_same && kicker.is_empty() {
        if rest.len() >= 3 {
            title_at = 1;
        } else if rest.len() == 2 && names_a_programme(&rest[0].text, registries) {
            // 2025年两节“工会送温暖行动”: a campaign's name above the title.
            title_at = 1;
        }
    }
    for l in &rest[..title_at] {
        kicker.push(l.text.clone());
    }
    let subtitle: Vec<String> = rest[title_at + 1..]
        .iter()
        .map(|l| l.text.clone())
        .collect();
    (
        rest[title_at].text.clone(),
        (!kicker.is_empty()).then(|| kicker.join(" ")),
        (!subtitle.is_empty()).then(|| subtitle.join(" ")),
    )
}

/// Whether `text` is little more than a programme's name.
fn names_a_programme(text: &str, registries: &Registries) -> bool {
    registries.programmes.iter().any(|p| {
        p.names.iter().any(|n| {
            // What is left besides the name, a year and quotes: 两节.
            let rest = text
                .replacen(n.as_str(), "", 1)
                .chars()
                .filter(|c| !c.is_ascii_digit() && !"年“”\"".contains(*c))
                .count();
            text.contains(n.as_str()) && rest <= 3
        })
    })
}

/// The date: a dateline's or a diary's, else the page's.
fn date(piece: &Piece, lead: &str, page: Date) -> Guess<Date> {
    let year_for = |month: i8, day: i8| -> Option<Date> {
        let d = Date::new(page.year(), month, day).ok()?;
        // A date well after the page's is from the year before.
        if d > page.checked_add(jiff::Span::new().days(7)).ok()? {
            Date::new(page.year() - 1, month, day).ok()
        } else {
            Some(d)
        }
    };
    if let Some((month, day, _)) = page::dateline(lead)
        && let Some(d) = year_for(month as i8, day as i8)
    {
        let from: String = lead
            .chars()
            .take_while(|&c| c != '（' && c != '(')
            .collect();
        return guess(
            d,
            format!(
                "{}; {}",
                from.trim(),
                crate::t!("import-year-from-page", year = d.year())
            ),
        );
    }
    if let Some(line) = &piece.date_line
        && let Some((year, month, day, weekday)) = byline::diary_date(&line.text)
    {
        if let Some(y) = year
            && let Ok(d) = Date::new(y, month, day)
        {
            return guess(d, line.text.clone());
        }
        // No year printed: the latest year up to the page's whose weekday matches.
        for back in 0..7 {
            if let Ok(d) = Date::new(page.year() - back, month, day)
                && d <= page
                && weekday.is_none_or(|w| d.weekday().to_monday_one_offset() == w)
            {
                let why = crate::t!("import-year-from-weekday", year = d.year());
                return guess(d, format!("{}; {why}", line.text));
            }
        }
    }
    if let Some((d, word)) = relative_day(lead, page) {
        return guess(d, format!("{word}; {}", crate::t!("import-date-from-page")));
    }
    guess(page, crate::t!("import-date-from-page"))
}

/// A day named relative to the page's in the lead's first sentence:
/// 昨天/昨日 is the day before the page's, 前天 two days before, 今天/今日
/// the page's own. 近日 and an undated lead take the page's date.
fn relative_day(lead: &str, page: Date) -> Option<(Date, &'static str)> {
    let first = lead.split('。').next().unwrap_or(lead);
    let words = [
        ("昨天", -1),
        ("昨日", -1),
        ("前天", -2),
        ("今天", 0),
        ("今日", 0),
    ];
    let (word, days) = words
        .iter()
        .filter_map(|&(w, n)| first.find(w).map(|at| (at, w, n)))
        .min_by_key(|&(at, _, _)| at)
        .map(|(_, w, n)| (w, n))?;
    Some((page.checked_add(jiff::Span::new().days(days)).ok()?, word))
}

/// Every registry entry named in `text`, in the order first named. A name
/// inside 《》 is a title of a work (话剧《大国工匠》), not the entry.
fn find_named(text: &str, entries: &[Named]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (at, len, entry)
    for (e, entry) in entries.iter().enumerate() {
        // An article about a work called so (话剧《大国工匠》) is not about the entry.
        if entry
            .names
            .iter()
            .any(|n| text.contains(&format!("《{n}》")))
        {
            continue;
        }
        for name in &entry.names {
            for (at, _) in text.match_indices(name.as_str()) {
                let inside_title = text[..at].rfind('《') > text[..at].rfind('》');
                if !inside_title {
                    found.push((at, name.len(), e));
                }
            }
        }
    }
    // Longest first: 全国能源化学地质系统大国工匠 is not also 大国工匠.
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut taken: Vec<(usize, usize, usize)> = Vec::new();
    for f in found {
        if !taken.iter().any(|t| f.0 < t.0 + t.1 && t.0 < f.0 + f.1) {
            taken.push(f);
        }
    }
    taken.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (at, _, e) in taken {
        if !out.iter().any(|o| o.1 == e) {
            out.push((at, e));
        }
    }
    out
}

/// Common surnames: a recipient's name right after an award's starts with one.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤闵齐柳康邢鹿赖裴庞";

/// What may follow a name in running text: a mark, or a verb it starts.
const AFTER_NAME: &str = "、，,。：:等是说激来在表告介带获的为和与";

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Who an award went to, where the text pairs them: 授予张旭丽等59名职工
/// 海南省五一劳动奖章, 全国劳动模范吴国梅、, 江西省五一劳动奖章获得者徐虎晟,
/// and how many: 11名职工获评“感动天路·年度人物”.
fn recipients(text: &str, name: &str) -> (Vec<String>, Option<u32>) {
    let sentences: Vec<&str> = text.split(['，', '；', ',', ';', '。', '\n']).collect();
    for sentence in &sentences {
        if let Some(body) = sentence.strip_prefix("授予")
            && sentence.ends_with(name)
            && let Some(deng) = body.find('等')
        {
            let count: String = body[deng + '等'.len_utf8()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            return (vec![body[..deng].to_string()], count.parse().ok());
        }
    }
    let mut out = Vec::new();
    for (at, _) in text.match_indices(name) {
        let after = &text[at + name.len()..];
        let after = after.strip_prefix("获得者").unwrap_or(after);
        let chars: Vec<char> = after.chars().take(4).collect();
        if !chars.first().is_some_and(|c| SURNAMES.contains(*c)) {
            continue;
        }
        for len in [3, 2] {
            if chars.len() > len
                && chars[..len].iter().all(|&c| is_han(c))
                && AFTER_NAME.contains(chars[len])
            {
                let person: String = chars[..len].iter().collect();
                if !out.contains(&person) {
                    out.push(person);
                }
                break;
            }
        }
    }
    if out.is_empty() {
        // N名…获… before the name, in the same sentence.
        for sentence in &sentences {
            if let Some(at) = sentence.find(name)
                && let Some(ming) = sentence[..at].find('名')
                && sentence[ming..at].contains('获')
            {
                let digits: String = sentence[..ming]
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_digit)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if let Ok(n) = digits.parse() {
                    return (out, Some(n));
                }
            }
        }
    }
    (out, None)
}

/// Organisations named in the lead: …总工会, …公司, …集团.
fn organisations(lead: &str) -> Vec<String> {
    const ENDS: [&str; 3] = ["总工会", "有限公司", "集团"];
    const STOPS: &[char] = &[
        '，', '。', '、', '“', '”', '（', '）', '(', ')', ',', ' ', '在', '与', '和', '向', '为',
        '由', '对', '从', '是', '了', '的', '日', '年', '获', '悉', '讯', '电',
    ];
    let mut out: Vec<String> = Vec::new();
    for end in ENDS {
        for (at, _) in lead.match_indices(end) {
            let start = lead[..at]
                .rfind(STOPS)
                .map(|s| s + lead[s..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            let name = format!("{}{end}", &lead[start..at]);
            if name.chars().count() >= end.chars().count() + 2
                && !out.iter().any(|o| o.contains(&name))
            {
                out.retain(|o| !name.contains(o.as_str()));
                out.push(name);
            }
        }
    }
    out
}

/// The proposal for one piece of a page dated `page`.
pub fn propose(piece: &Piece, page: Date, registries: &Registries) -> Proposal {
    let (title, kicker, subtitle) = headline(&piece.head, registries);
    let head_words: String = piece
        .head
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" / ");
    let first = piece
        .body
        .iter()
        .find(|l| {
            !piece.byline.iter().any(|b| b.raw == l.raw)
                && Some(&l.raw) != piece.date_line.as_ref().map(|d| &d.raw)
        })
        .map(|l| l.text.clone())
        .unwrap_or_default();
    let lead = first.clone();
    // People.
    let mut people: Vec<(Role, Guess<Vec<String>>)> = Vec::new();
    let mut add =
        |role: Role, name: String, from: &str| match people.iter_mut().find(|(r, _)| *r == role) {
            Some((_, g)) => {
                if !g.value.contains(&name) {
                    g.value.push(name)
                }
            }
            None => people.push((role, guess(vec![name], from))),
        };
    match piece.anchor {
        Anchor::Lead => {
            if let Some((inner, from)) = byline::lead_byline(&lead) {
                for (role, name) in byline::people(&inner, false) {
                    add(role, name, &from);
                }
            }
        }
        Anchor::Byline | Anchor::Credit => {
            for line in &piece.byline {
                for (role, name) in byline::people(&line.text, piece.anchor == Anchor::Credit) {
                    add(role, name, &line.text);
                }
            }
        }
        Anchor::Diary => {
            for line in &piece.byline {
                let name = line.text.trim_start_matches('□').trim();
                add(Role::Writer, name.to_string(), &line.text);
            }
        }
        Anchor::Kicker => {}
    }
    let text_lead = match piece.anchor {
        Anchor::Credit => piece
            .body
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(""),
        _ => lead.clone(),
    };
    // The lead first; a feature's place may come a paragraph later, or only
    // in its kicker or summary.
    let later: Vec<String> = piece
        .body
        .iter()
        .filter(|l| l.text != lead && !piece.byline.iter().any(|b| b.raw == l.raw))
        .take(2)
        .map(|l| l.text.clone())
        .collect();
    let region = std::iter::once(text_lead.clone())
        .chain(later)
        .chain(std::iter::once(head_words.clone()))
        .chain(piece.summary.clone())
        .find_map(|t| region::guess(&t))
        .map(|(r, from)| guess(r, from));
    let mut orgs = organisations(&text_lead);
    if let Some(unit) = piece
        .body
        .iter()
        .rev()
        .find_map(|l| byline::writer_unit(&l.text))
    {
        orgs.push(unit);
    }
    let organisations =
        (!orgs.is_empty()).then(|| guess(orgs, text_lead.chars().take(30).collect::<String>()));
    // Programmes and awards, from the headline and the whole body.
    let all: String = std::iter::once(head_words.clone())
        .chain(piece.body.iter().map(|l| l.text.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    let quote = |at: usize| -> String {
        let start = all[..at].char_indices().rev().nth(6).map_or(0, |(i, _)| i);
        all[start..].chars().take(20).collect()
    };
    let found = find_named(&all, &registries.programmes);
    let programmes = (!found.is_empty()).then(|| {
        guess(
            found
                .iter()
                .map(|&(_, e)| registries.programmes[e].title.clone())
                .collect(),
            quote(found[0].0),
        )
    });
    let found = find_named(&all, &registries.awards);
    let awards = (!found.is_empty()).then(|| {
        let list = found
            .iter()
            .map(|&(at, e)| {
                let entry = &registries.awards[e];
                let name = entry
                    .names
                    .iter()
                    .find(|n| all[at..].starts_with(n.as_str()))
                    .cloned()
                    .unwrap_or_else(|| entry.title.clone());
                let (recipients, count) = recipients(&all, &name);
                Award {
                    name: entry.title.clone(),
                    recipients,
                    count,
                }
            })
            .collect();
        guess(list, quote(found[0].0))
    });
    let body_chars: usize = piece.body.iter().map(|l| l.text.chars().count()).sum();
    let kind = match piece.anchor {
        Anchor::Credit => guess(
            "photo",
            piece
                .byline
                .first()
                .map(|l| l.text.clone())
                .unwrap_or_default(),
        ),
        Anchor::Diary => guess(
            "diary",
            piece
                .column
                .clone()
                .unwrap_or_else(|| piece.byline[0].text.clone()),
        ),
        _ if piece.column.as_deref() == Some("蹲点日记") => guess("diary", "蹲点日记"),
        Anchor::Byline | Anchor::Kicker => guess(
            "feature",
            piece.column.clone().unwrap_or_else(|| {
                piece
                    .byline
                    .first()
                    .map_or_else(|| head_words.clone(), |l| l.text.clone())
            }),
        ),
        _ if piece.column.as_deref() == Some("新闻特写") || piece.summary.is_some() => {
            guess("feature", "阅读提示")
        }
        _ if body_chars < 360 => guess("brief", crate::t!("import-kind-brief", chars = body_chars)),
        _ => guess("news", lead.chars().take(8).collect::<String>()),
    };
    Proposal {
        title: guess(title, head_words.clone()),
        kicker: kicker.map(|k| guess(k, head_words.clone())),
        subtitle: subtitle.map(|s| guess(s, head_words.clone())),
        summary: piece.summary.clone().map(|s| guess(s, "阅读提示")),
        kind,
        date: date(piece, &lead, page),
        people,
        region,
        organisations,
        programmes,
        awards,
        column: piece.column.clone(),
        body: piece
            .body
            .iter()
            .map(|l| l.raw.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}
