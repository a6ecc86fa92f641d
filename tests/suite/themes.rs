//! Themes: `theme:` selects a folder in themes/, whose files override the
//! built-in default theme one by one; the site's own templates/ override
//! both, again file by file. Template errors name the file, the line and
//! the column.

use crate::harness::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("themes");
    site.build().ok();
    site
}

#[test]
fn selected_theme_base_template_is_used_for_every_page() {
    let site = built();
    for path in [
        "/",
        "/articles/",
        "/articles/a/",
        "/archive/2024/",
        "/404.html",
    ] {
        let page = site.page(path);
        assert_eq!(page.count("body.plain-theme"), 1, "{path}");
        // The default theme's masthead is gone with its base.html.
        assert_eq!(page.count(".masthead"), 0, "{path}");
    }
}

#[test]
fn site_template_overrides_the_themes_file_by_file() {
    let site = built();
    let page = site.page("/articles/a/");
    assert_eq!(page.texts("h1.from-site"), ["主题下的报道"]);
    assert_eq!(page.count(".from-theme"), 0);
    assert_eq!(page.text("p.date"), "2024年12月20日");
    assert_eq!(page.text("title"), "主题下的报道 | plain");
    // list.html is in neither: the built-in one is used, inside the theme's base.
    let list = site.page("/articles/");
    assert_eq!(list.texts(".list-header h1"), ["全部新闻"]);
}

#[test]
fn theme_static_files_override_the_built_in_ones() {
    let site = built();
    assert_eq!(
        site.read("style.css"),
        "body { font-family: serif; } /* plain theme */\n"
    );
    // syntax.css too, which the build used to write over the theme's.
    assert_eq!(site.read("syntax.css"), "/* plain theme code colours */\n");
    // The rest of the built-in static files are still there.
    assert!(site.exists("print.css"));
    assert_eq!(site.read("extra.txt"), "the site's own static file\n");
}

#[test]
fn site_templates_override_the_default_theme() {
    let site = TestSite::minimal();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>找不到了</h1>{% endblock main %}",
    );
    site.build().ok();
    let page = site.page("/404.html");
    assert_eq!(page.texts("h1"), ["找不到了"]);
    // Still the default base around it.
    assert_eq!(page.count(".masthead"), 1);
}

#[test]
fn a_missing_theme_folder_is_a_usage_error() {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\ntheme: nosuch\n",
    );
    let run = site.build();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("themes/nosuch/"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn a_template_syntax_error_is_reported_at_its_line_and_column() {
    let site = TestSite::minimal();
    site.write(
        "templates/list.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ list.title }</h1>\n{% endblock main %}\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/list.html:3:19: error: template error: expected `or`, `and`, `not`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("variable end (`}}`)"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn a_template_that_fails_while_rendering_is_reported_where_it_names_the_value() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 甲\ndate: 2024-01-01", "甲。");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ article.no_such_field }}</p>\n{% endblock main %}\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/article.html:3:7: error: template error: Variable `article.no_such_field` not found in context"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn an_unknown_filter_and_a_missing_parent_are_placed_in_the_template() {
    let site = TestSite::minimal();
    site.article("a.md", "title: 甲\ndate: 2024-01-01", "甲。");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ article.title | shout }}{% endblock main %}\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/article.html:2:36: error: template error: Filter 'shout' not found"
        ),
        "{}",
        run.stderr
    );
    site.write(
        "templates/article.html",
        "{% extends \"bas.html\" %}\n{% block main %}{% endblock main %}\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("templates/article.html:1:13: error: template error: Template 'article.html' is inheriting from 'bas.html'"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

/// A block the parent does not have is never shown: most likely a typo.
#[test]
fn a_block_the_parent_lacks_is_a_warning_with_the_blocks_it_has() {
    let site = TestSite::minimal();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n\n{% block content %}找不到{% endblock content %}\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/404.html:3:4: warning: base.html has no block `content`, so this block is never shown"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the blocks it has: head, main"),
        "{}",
        run.stderr
    );
}

/// Only a page with highlighted code loads the code style sheet, and that
/// sheet is the theme's few rules, light and dark: the one generated from
/// two whole syntect themes was 19 KB, which put an article with a code
/// block over the page's CSS and JavaScript budget.
#[test]
fn only_an_article_with_code_links_the_small_code_style_sheet() {
    let site = TestSite::minimal();
    site.article(
        "code.md",
        "title: 服务站配置\ndate: 2024-01-02",
        "配置如下：\n\n```yaml\n# 服务站\nopen: \"08:00-20:00\"\n```",
    );
    site.article("plain.md", "title: 送温暖\ndate: 2024-01-01", "正文。");
    site.build().ok();
    let link = "link[rel=stylesheet][href$='syntax.css']";
    let code = site.page("/articles/code/");
    assert_eq!(code.count(link), 1);
    assert!(code.count("pre.code[tabindex='0'] .hl-comment") > 0);
    assert!(code.count("pre.code .hl-string") > 0);
    assert_eq!(site.page("/articles/plain/").count(link), 0);
    let css = site.read("syntax.css");
    assert!(css.len() < 2048, "syntax.css is {} bytes", css.len());
    assert!(css.contains("prefers-color-scheme: dark"), "{css}");
}

#[test]
fn a_sites_card_macro_shows_on_every_list_and_in_related_articles() {
    // The built-in list and article templates draw cards with `card()`,
    // which renders the theme's `card` macro once per card: a site that
    // replaces macros.html sees its own card everywhere, each with its
    // own values and heading.
    let site = TestSite::minimal();
    let macros = String::from_utf8_lossy(
        unionpress::render::theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == "macros.html")
            .unwrap()
            .1,
    )
    .replace(
        r#"<article class="card">"#,
        r#"<article class="card site-card" data-heading="{{ heading }}">"#,
    );
    site.write("templates/macros.html", &macros);
    for (file, title) in [("a.md", "第一篇"), ("b.md", "第二篇")] {
        site.article(
            file,
            &format!("title: {title}\ndate: 2024-12-20\ntags: [同一标签]"),
            "正文。",
        );
    }
    site.build().ok();
    let list = site.page("/articles/");
    assert_eq!(list.attrs(".site-card", "data-heading"), ["h2", "h2"]);
    let mut titles = list.texts(".site-card .card-title a");
    titles.sort();
    assert_eq!(titles, ["第一篇", "第二篇"]);
    let article = site.page("/articles/a/");
    assert_eq!(article.attrs(".related .site-card", "data-heading"), ["h3"]);
    assert_eq!(article.texts(".related .card-title a"), ["第二篇"]);
}

/// A theme folder holding an unchanged copy of a built-in file (as the demo
/// site's `themes/default/` does) ships it as a site without the folder
/// does, without its comments; a changed copy ships byte for byte.
#[test]
fn an_unchanged_copy_of_a_built_in_file_ships_as_the_built_in_one() {
    let source = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/static")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    };
    let plain = TestSite::minimal();
    plain.build().ok();
    let copied = TestSite::minimal();
    copied.write("themes/default/static/search.js", &source("search.js"));
    let changed = format!("// 本站改过\n{}", source("reader.js"));
    copied.write("themes/default/static/reader.js", &changed);
    copied.build().ok();

    let shipped = copied.read("search.js");
    assert_eq!(shipped, plain.read("search.js"));
    assert!(shipped.len() < source("search.js").len());
    assert!(!shipped.lines().any(|l| l.trim_start().starts_with("//")));
    assert_eq!(copied.read("reader.js"), changed);
}
