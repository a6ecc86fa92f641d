//! Dates as editors write them in front matter: `YYYY-MM-DD` or RFC 3339,
//! with the forms they often type instead (`2024年12月20日`) named in the
//! error with the form to write.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::config::Config;

/// The years a date may fall in. Outside them a date is a typing mistake
/// (`0204` for `2024`), and one before year 1 cannot be written in Atom.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

/// Parses a date as `YYYY-MM-DD` (midnight in the site's zone) or RFC 3339,
/// in the years [`YEARS`].
pub fn parse_date(text: &str, config: &Config) -> Result<(Timestamp, Date), String> {
    let text = text.trim();
    let (ts, date) = if text.len() == 10 {
        let date: Date = text.parse().map_err(|_| not_a_date(text))?;
        let zoned = date
            .to_zoned(config.tz.clone())
            .map_err(|_| not_a_date(text))?;
        (zoned.timestamp(), date)
    } else {
        let ts: Timestamp = text.parse().map_err(|_| not_a_date(text))?;
        (ts, ts.to_zoned(config.tz.clone()).date())
    };
    if !YEARS.contains(&date.year()) {
        return Err(crate::t!(
            "date-bad-year",
            date = text,
            year = date.year(),
            first = *YEARS.start(),
            last = *YEARS.end()
        ));
    }
    Ok((ts, date))
}

fn not_a_date(text: &str) -> String {
    let looks_right = text.len() == 10
        && text.as_bytes().get(4) == Some(&b'-')
        && text.as_bytes().get(7) == Some(&b'-');
    if looks_right {
        crate::t!("date-no-such-day", date = text)
    } else if let Some(fixed) = date_in_other_form(text) {
        crate::t!("date-other-form", date = text, fixed = fixed)
    } else {
        crate::t!("date-not-a-date", date = text)
    }
}

/// A day written as editors often write it, `2024年12月20日`, `2024.12.20`
/// or `2024/12/20`, in the form front matter needs: `2024-12-20`.
fn date_in_other_form(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['年', '月', '.', '/', '．'])
        .collect();
    let [y, m, d] = parts[..] else {
        return None;
    };
    let number = |s: &str, max: u32| s.parse::<u32>().ok().filter(|n| (1..=max).contains(n));
    let (y, m, d) = (number(y, 9999)?, number(m, 12)?, number(d, 31)?);
    (y >= 1000).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// How to write a date, for every message about one.
pub fn date_help() -> String {
    crate::t!("date-help")
}
