//! Bad input: one fixture per failure under tests/fixtures/errors/<case>/,
//! laid over the valid site in tests/fixtures/errors/base/. Each test builds
//! the valid site, breaks it, builds again, and checks the message, its
//! file:line:column, the exit status, and that the previous output is
//! byte for byte as it was.

use crate::harness::{Run, TestSite, copy_tree, fixture_dir};

/// Builds the base site, lays `case` over it, builds again; returns the
/// failed run after checking that it changed nothing on disk.
fn break_with(case: &str) -> Run {
    let site = TestSite::fixture("errors/base");
    site.build().ok();
    let before = site.snapshot();
    assert!(before.iter().any(|(p, _)| p == "articles/good/index.html"));
    copy_tree(&fixture_dir(&format!("errors/{case}")), site.root());
    let run = site.build();
    assert_ne!(run.status, 0, "the broken site built:\n{}", run.stderr);
    assert!(
        site.snapshot() == before,
        "a failed build changed the previous output"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".unionpress"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    // `check` finds the same problems and writes nothing either.
    let check = site.run(&["check", "--quiet"]);
    assert_eq!(check.status, run.status, "{}", check.stderr);
    assert!(site.snapshot() == before);
    run
}

/// The first line of the report: `file:line:column: error: message`.
fn first_line(run: &Run) -> &str {
    run.stderr.lines().next().unwrap_or_default()
}

#[test]
fn broken_yaml() {
    let run = break_with("broken_yaml");
    assert_eq!(run.status, 1);
    // The list opened on line 4 is never closed; the parser notices on line 5,
    // but the place to fix is where the list starts (the `---` fence is line 1).
    assert_eq!(
        first_line(&run),
        "content/articles/broken.md:4:7: error: a list opened here with `[` is not closed with `]`",
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn wrong_type() {
    let run = break_with("wrong_type");
    assert_eq!(run.status, 1);
    // `authors:` on line 4 holds a mapping (line 5) instead of a list.
    assert_eq!(
        first_line(&run),
        "content/articles/wrong.md:5:3: error: `authors`: expected a list but found a mapping of `key: value` lines"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_field_names_the_closest_field() {
    let run = break_with("unknown_field");
    assert_eq!(run.status, 1);
    assert_eq!(
        first_line(&run),
        "content/articles/typo.md:4:1: error: unknown field `subtitel`"
    );
    assert!(
        run.stderr.contains("did you mean `subtitle`?"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_site_yaml_field_names_the_closest_field() {
    let run = break_with("unknown_site_field");
    assert_eq!(run.status, 1);
    assert_eq!(
        first_line(&run),
        "site.yaml:3:1: error: unknown field `paginate`"
    );
    assert!(
        run.stderr.contains("did you mean `paginate_by`?"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn bad_date() {
    let run = break_with("bad_date");
    assert_eq!(run.status, 1);
    // Line 3 is `date: 2024-02-30`; the value starts in column 7.
    assert_eq!(
        first_line(&run),
        "content/articles/feb30.md:3:7: error: `2024-02-30` is not a real day of the calendar"
    );
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_programme_suggests_the_closest() {
    let run = break_with("unknown_programme");
    assert_eq!(run.status, 1);
    // Line 6 is `  - 产业工人队伍建设改格`; the name starts in column 5.
    assert_eq!(
        first_line(&run),
        "content/articles/unknown.md:6:5: error: no programme is called `产业工人队伍建设改格`"
    );
    assert!(
        run.stderr.contains("did you mean `产业工人队伍建设改革`?"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn duplicate_slug_names_both_files() {
    let run = break_with("duplicate_slug");
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("/articles/good/"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/articles/good.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/2024/good.md"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn duplicate_slug_from_front_matter_points_at_the_slug() {
    let run = break_with("duplicate_slug_field");
    assert_eq!(run.status, 1);
    // Line 4 of renamed.md is `slug: good`; the value starts in column 7.
    assert!(
        run.stderr.contains("content/articles/renamed.md:4:7: error: this article and the article at content/articles/good.md would both be published at /articles/good/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/good.md"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn escaping_slug() {
    let run = break_with("escaping_slug");
    assert_eq!(run.status, 1);
    assert_eq!(
        first_line(&run),
        "content/articles/escape.md:4:7: error: the slug `../x` is not a single plain URL segment"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn escaping_alias() {
    let run = break_with("escaping_alias");
    assert_eq!(run.status, 1);
    // Line 6 is `  - /../x/`; the alias starts in column 5.
    assert_eq!(
        first_line(&run),
        "content/articles/escape.md:6:5: error: alias `/../x/`: an alias may not contain `.` or `..` segments"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn every_error_is_reported_together() {
    let site = TestSite::fixture("errors/base");
    for case in [
        "bad_date",
        "unknown_field",
        "unknown_programme",
        "escaping_slug",
    ] {
        copy_tree(&fixture_dir(&format!("errors/{case}")), site.root());
    }
    let run = site.build();
    assert_eq!(run.status, 1);
    for place in [
        "content/articles/feb30.md:3:7:",
        "content/articles/typo.md:4:1:",
        "content/articles/unknown.md:6:5:",
        "content/articles/escape.md:4:7:",
    ] {
        assert!(
            run.stderr.contains(place),
            "{place} missing:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("4 errors"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn bad_updated_date() {
    let run = break_with("bad_updated");
    assert_eq!(run.status, 1);
    // Line 4 is `updated: 2024-02-30`; the value starts in column 10.
    assert_eq!(
        first_line(&run),
        "content/articles/feb30.md:4:10: error: `2024-02-30` is not a real day of the calendar"
    );
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn updated_before_the_date() {
    let run = break_with("updated_before_date");
    assert_eq!(run.status, 1);
    assert_eq!(
        first_line(&run),
        "content/articles/early.md:4:10: error: `updated: 2024-02-19` is before the article's date `2024-02-20`"
    );
    assert!(
        run.stderr.contains("the same day as `date:` or later"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_site_yaml_field_names_the_closest_new_field() {
    let run = break_with("unknown_filing_field");
    assert_eq!(run.status, 1);
    assert_eq!(
        first_line(&run),
        "site.yaml:3:1: error: unknown field `police_filling`"
    );
    assert!(
        run.stderr.contains("did you mean `police_filing`?"),
        "{}",
        run.stderr
    );
    for key in ["default_image", "logo", "icp", "police_filing"] {
        assert!(
            run.stderr.contains(key),
            "{key} is not listed: {}",
            run.stderr
        );
    }
}
