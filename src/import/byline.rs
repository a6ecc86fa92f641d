//! Bylines and datelines as Chinese newspapers print them.
//!
//! 本报讯（记者陈华 通讯员徐长波 费永刚）, 本报记者 王晓颖 本报通讯员 王小凡,
//! （记者毛浓曦 见习记者王欣）, 本报通讯员 张锋 摄, □毛凯 … (作者单位：…):
//! each name gets the role printed before it; several names after one role
//! are separated by spaces or 、.

/// The roles a byline gives a name, as the front matter names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 记者: `authors`.
    Reporter,
    /// 见习记者: `trainees`.
    Trainee,
    /// 通讯员: `correspondents`.
    Correspondent,
    /// 实习生: `interns`.
    Intern,
    /// … 摄: `photographers`.
    Photographer,
    /// A writer who is not a staff reporter (□毛凯 … 作者单位): `writers`.
    Writer,
}

/// Role words, longest first so that 见习记者 is not read as 记者.
const ROLE_WORDS: [(&str, Role); 4] = [
    ("见习记者", Role::Trainee),
    ("实习生", Role::Intern),
    ("通讯员", Role::Correspondent),
    ("记者", Role::Reporter),
];

/// Prefixes before a role word: 本报记者, 新华社记者.
const OUTLETS: [&str; 3] = ["本报", "新华社", "工人日报"];

/// The names of a byline and their roles, in printed order. `credit` makes
/// every name a photographer (the line ends with 摄).
pub fn people(byline: &str, credit: bool) -> Vec<(Role, String)> {
    let text = byline.trim().trim_end_matches('摄').replace("本报讯", " ");
    let mut out = Vec::new();
    let mut role = if credit {
        Role::Photographer
    } else {
        Role::Reporter
    };
    for token in text.split(|c: char| c.is_whitespace() || c == '、') {
        let mut token = token.trim_start_matches('□');
        for outlet in OUTLETS {
            if let Some(rest) = token.strip_prefix(outlet) {
                token = rest;
            }
        }
        for (word, r) in ROLE_WORDS {
            if let Some(rest) = token.strip_prefix(word) {
                role = if credit { Role::Photographer } else { r };
                token = rest;
                break;
            }
        }
        if is_name(token) {
            out.push((role, token.to_string()));
        }
    }
    out
}

/// A person's name: two to four Han characters (or a 化名-free ·-joined one).
fn is_name(token: &str) -> bool {
    let n = token.chars().count();
    (2..=6).contains(&n)
        && token
            .chars()
            .all(|c| c == '·' || ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The byline in brackets right after 本报讯 or 本报…电, and the text it
/// was read from: `（记者陈华 通讯员徐长波）`.
pub fn lead_byline(lead: &str) -> Option<(String, String)> {
    let open = lead.find(['（', '('])?;
    // Only a bracket near the start: a later one is part of the story.
    if lead[..open].chars().count() > 16 {
        return None;
    }
    let inner_start = open + lead[open..].chars().next()?.len_utf8();
    let close = inner_start + lead[inner_start..].find(['）', ')'])?;
    let inner = &lead[inner_start..close];
    let end = close + lead[close..].chars().next()?.len_utf8();
    Some((inner.to_string(), lead[..end].to_string()))
}

/// A diary writer's unit, from (作者单位：…) or (作者系…) at its end.
pub fn writer_unit(line: &str) -> Option<String> {
    let inner = line
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    let rest = inner
        .strip_prefix("作者单位：")
        .or_else(|| inner.strip_prefix("作者单位:"))?;
    Some(rest.trim().to_string())
}

/// Month and day, and the year if printed, of a diary's date line:
/// 2024年12月10日 星期二 小雨 → (Some(2024), 12, 10, Some(weekday 1..=7)).
pub fn diary_date(line: &str) -> Option<(Option<i16>, i8, i8, Option<i8>)> {
    let nums: Vec<i32> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let (year, month, day) = match nums.as_slice() {
        [y, m, d, ..] if line.contains('年') => (Some(*y as i16), *m as i8, *d as i8),
        [m, d, ..] => (None, *m as i8, *d as i8),
        _ => return None,
    };
    let weekday = ["一", "二", "三", "四", "五", "六", "日", "天"]
        .iter()
        .position(|w| line.contains(&format!("星期{w}")))
        .map(|p| (p.min(6) + 1) as i8);
    Some((year, month, day, weekday))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_byline_forms_of_the_seeds() {
        let p = people("记者毛浓曦 见习记者王欣", false);
        assert_eq!(
            p,
            vec![
                (Role::Reporter, "毛浓曦".into()),
                (Role::Trainee, "王欣".into())
            ]
        );
        let p = people("本报记者 张琳 本报通讯员 许铁军 全俞坤", false);
        assert_eq!(p.len(), 3);
        assert_eq!(p[2], (Role::Correspondent, "全俞坤".into()));
        let p = people("本报讯 通讯员 张锋 摄", true);
        assert_eq!(p, vec![(Role::Photographer, "张锋".into())]);
        let p = people("记者李国 实习生夏桂琰", false);
        assert_eq!(p[1], (Role::Intern, "夏桂琰".into()));
        let p = people("通讯员叶松芳、戴天舒", false);
        assert_eq!(p[1], (Role::Correspondent, "戴天舒".into()));
    }

    #[test]
    fn finds_the_bracketed_byline_only_near_the_start() {
        let (inner, from) = lead_byline("本报讯（记者陈华）企业的“产改”之路").unwrap();
        assert_eq!(inner, "记者陈华");
        assert_eq!(from, "本报讯（记者陈华）");
        assert!(lead_byline("本报讯 12月18日，中国职工文化体育协会（简称协会）").is_none());
    }

    #[test]
    fn reads_diary_dates() {
        assert_eq!(
            diary_date("2024年12月10日 星期二 小雨"),
            Some((Some(2024), 12, 10, Some(2)))
        );
        assert_eq!(
            diary_date("10月24日 星期五 晴"),
            Some((None, 10, 24, Some(5)))
        );
        assert_eq!(
            diary_date("2024年12月22日 星期天 阴"),
            Some((Some(2024), 12, 22, Some(7)))
        );
    }
}
