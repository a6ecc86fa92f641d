//! The same corpus as a Hugo site with equivalent pages, for the
//! benchmark to compare against.

use std::fmt::Write as _;
use std::path::Path;

use crate::article::{Piece, list, optional_lines, q};
use crate::world::World;
use crate::write;

pub(crate) fn hugo(p: &Piece, w: &World) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(
        f,
        "title: {}\ndate: {}T00:00:00+08:00\nslug: {}",
        q(&p.title),
        p.date,
        p.slug
    );
    optional_lines(&mut f, p);
    let _ = writeln!(
        f,
        "kind: {}\nauthors: {}",
        p.kind,
        list(&[p.authors.clone(), p.correspondents.clone()].concat())
    );
    // Every level of the region is a term, as ours has a page per level.
    let levels: Vec<String> = (1..=p.region.len())
        .map(|d| p.region[..d].concat())
        .collect();
    let _ = writeln!(
        f,
        "regions: {}\nregion: {}",
        list(&levels),
        q(&p.region.concat())
    );
    let programmes: Vec<String> = p
        .programmes
        .iter()
        .map(|(i, _)| w.programmes[*i].1.clone())
        .collect();
    let _ = writeln!(f, "programmes: {}", list(&programmes));
    let awards: Vec<String> = p
        .awards
        .iter()
        .map(|(a, _, _)| w.awards[*a].1.clone())
        .collect();
    let _ = writeln!(f, "awards: {}", list(&awards));
    let recipients: Vec<String> = p.awards.iter().flat_map(|(_, r, _)| r.clone()).collect();
    let _ = writeln!(f, "recipients: {}", list(&recipients));
    let _ = writeln!(f, "tags: {}", list(&p.tags));
    let _ = writeln!(
        f,
        "archives: [\"{}\", \"{}-{:02}\"]",
        p.year, p.year, p.month
    );
    if let Some(a) = &p.alias {
        let _ = writeln!(f, "aliases: [{a}]");
    }
    f.push_str("---\n\n");
    f.push_str(&p.body);
    f
}

/// The Hugo twin's configuration and templates: the same pages as ours, as
/// plainly as Hugo does them.
pub(crate) fn hugo_site(h: &Path) {
    write(
        &h.join("hugo.toml"),
        r#"baseURL = "https://bench.example.org/"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "工会新闻（基准测试）"
enableRobotsTXT = true
disableKinds = []

[pagination]
pagerSize = 20

[taxonomies]
programme = "programmes"
award = "awards"
region = "regions"
tag = "tags"
author = "authors"
archive = "archives"

[permalinks.page]
articles = "/articles/:slug/"

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
taxonomy = ["html"]
term = ["html"]

[services.rss]
limit = 20

[related]
includeNewer = true
threshold = 1
toLower = false
[[related.indices]]
name = "programmes"
weight = 3
[[related.indices]]
name = "tags"
weight = 2
[[related.indices]]
name = "regions"
weight = 1
"#,
    );
    write(
        &h.join("content/articles/_index.md"),
        "---\ntitle: 新闻\n---\n",
    );
    write(
        &h.join("content/bulletins/_index.md"),
        "---\ntitle: 工作简报\n---\n",
    );
    write(
        &h.join("layouts/baseof.html"),
        r#"<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 120 }}">
<link rel="canonical" href="{{ .Permalink }}"><link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a>
<nav><a href="/articles/">新闻</a> <a href="/programmes/">项目</a> <a href="/awards/">荣誉</a> <a href="/regions/">地区</a> <a href="/tags/">标签</a> <a href="/authors/">记者</a> <a href="/archives/">归档</a> <a href="/bulletins/">简报</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body></html>
"#,
    );
    write(
        &h.join("layouts/single.html"),
        r#"{{ define "main" }}<article data-pagefind-body>
{{ with .Params.kicker }}<p class="kicker">{{ . }}</p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Params.subtitle }}<p class="subtitle">{{ . }}</p>{{ end }}
<p class="byline">{{ range .GetTerms "authors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006年1月2日" }}</time>
{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<ul class="programmes">{{ range .GetTerms "programmes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul class="awards">{{ range .GetTerms "awards" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ with .Params.recipients }}<li>{{ delimit . "、" }}</li>{{ end }}</ul>
<div class="body">{{ .Content }}</div>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with .Site.RegularPages.Related . | first 5 }}<aside><h2>相关报道</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006年1月2日" }}</li>{{ end }}</ul></aside>{{ end }}
</article>{{ end }}
"#,
    );
    write(
        &h.join("layouts/list.html"),
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ol class="cards">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Params.kicker }}<span>{{ . }}</span>{{ end }}<time>{{ .Date.Format "2006年1月2日" }}</time> {{ .Params.region }}
<p>{{ .Summary | plainify | truncate 120 }}</p>{{ with .Params.recipients }}<p>{{ delimit . "、" }}</p>{{ end }}</li>{{ end }}</ol>
<nav class="pager">{{ with $pager.Prev }}<a href="{{ .URL }}">上一页</a>{{ end }}
{{ range $pager.Pagers }}{{ if or (eq .PageNumber 1) (eq .PageNumber $pager.TotalPages) (le (math.Abs (sub .PageNumber $pager.PageNumber)) 2) }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">下一页</a>{{ end }}</nav>
{{ end }}
"#,
    );
    write(
        &h.join("layouts/taxonomy.html"),
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    );
}
