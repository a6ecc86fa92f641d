//! A proposal written as an article file: front matter in which every
//! guessed field carries a `# guessed from: …` comment for the editor to
//! delete once satisfied (`check` warns while any remain), then the body.

use super::byline::Role;
use super::propose::{Award, Guess, Proposal};

use crate::load::edit::flow_list as list;
pub use crate::load::edit::{GUESSED as MARK, quote};

/// The comment after a guessed value: one line, no YAML-breaking text.
fn comment(from: &str) -> String {
    let one_line: String = from
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(60)
        .collect();
    format!("  {MARK} {}", one_line.trim())
}

fn line<T>(out: &mut String, key: &str, g: &Guess<T>, value: String) {
    out.push_str(&format!("{key}: {value}{}\n", comment(&g.from)));
}

/// The front-matter field of each byline role.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Reporter => "authors",
        Role::Trainee => "trainees",
        Role::Correspondent => "correspondents",
        Role::Intern => "interns",
        Role::Photographer => "photographers",
        Role::Writer => "writers",
    }
}

fn award(a: &Award) -> String {
    let mut s = format!("  - name: {}\n", quote(&a.name));
    if !a.recipients.is_empty() {
        s.push_str(&format!("    recipients: {}\n", list(&a.recipients)));
    }
    if let Some(n) = a.count {
        s.push_str(&format!("    count: {n}\n"));
    }
    s
}

/// The whole file.
pub fn render(p: &Proposal) -> String {
    let mut out = String::from("---\n");
    line(&mut out, "title", &p.title, quote(&p.title.value));
    line(&mut out, "date", &p.date, p.date.value.to_string());
    out.push_str("draft: true\n");
    if let Some(k) = &p.kicker {
        line(&mut out, "kicker", k, quote(&k.value));
    }
    if let Some(s) = &p.subtitle {
        line(&mut out, "subtitle", s, quote(&s.value));
    }
    if let Some(s) = &p.summary {
        line(&mut out, "summary", s, quote(&s.value));
    }
    line(&mut out, "kind", &p.kind, p.kind.value.to_string());
    for (role, g) in &p.people {
        line(&mut out, role_key(*role), g, list(&g.value));
    }
    if let Some(r) = &p.region {
        line(&mut out, "region", r, quote(&r.value));
    }
    if let Some(o) = &p.organisations {
        line(&mut out, "organisations", o, list(&o.value));
    }
    if let Some(g) = &p.programmes {
        line(&mut out, "programmes", g, list(&g.value));
    }
    if let Some(g) = &p.awards {
        out.push_str(&format!("awards:{}\n", comment(&g.from)));
        for a in &g.value {
            out.push_str(&award(a));
        }
    }
    out.push_str("tags: []\n");
    if let Some(c) = &p.column {
        out.push_str(&format!("extra:\n  column: {}\n", quote(c)));
    }
    out.push_str("---\n\n");
    out.push_str(&p.body);
    out.push('\n');
    out
}

/// Each guessed field and what it was read from, for the report.
pub fn guesses(p: &Proposal) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut push = |key: &str, value: String, from: &str| {
        out.push((key.to_string(), value, from.to_string()));
    };
    push("title", p.title.value.clone(), &p.title.from);
    push("date", p.date.value.to_string(), &p.date.from);
    for (key, g) in [
        ("kicker", &p.kicker),
        ("subtitle", &p.subtitle),
        ("summary", &p.summary),
    ] {
        if let Some(g) = g {
            push(key, g.value.clone(), &g.from);
        }
    }
    push("kind", p.kind.value.to_string(), &p.kind.from);
    for (role, g) in &p.people {
        push(role_key(*role), g.value.join("、"), &g.from);
    }
    if let Some(g) = &p.region {
        push("region", g.value.clone(), &g.from);
    }
    for (key, g) in [
        ("organisations", &p.organisations),
        ("programmes", &p.programmes),
    ] {
        if let Some(g) = g {
            push(key, g.value.join("、"), &g.from);
        }
    }
    if let Some(g) = &p.awards {
        let names: Vec<&str> = g.value.iter().map(|a| a.name.as_str()).collect();
        push("awards", names.join("、"), &g.from);
    }
    out
}
