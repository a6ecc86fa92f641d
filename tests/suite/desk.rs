//! The editors' desk (`/__unionpress/desk/`): its guards, and that saving
//! never loses or half-writes work. The preview's whole router (the `guard`
//! layer and the desk behind it) answers in-process, on a site in a
//! temporary folder; every refused request is checked to have written
//! nothing by comparing every file of the site before and after.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, header};
use tower::ServiceExt;
use unionpress::desk::Desk;

use crate::harness::TestSite;

const HOST: &str = "127.0.0.1:1111";
const ORIGIN: &str = "http://127.0.0.1:1111";

/// A site with its desk, answering in-process.
struct AtDesk {
    site: TestSite,
    desk: Arc<Desk>,
    app: axum::Router,
    runtime: tokio::runtime::Runtime,
    _preview: tempfile::TempDir,
}

/// What the desk answered.
struct Reply {
    status: u16,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

impl AtDesk {
    fn new(site: TestSite) -> AtDesk {
        unionpress::i18n::set(unionpress::i18n::Lang::En);
        let preview = tempfile::tempdir().unwrap();
        let live = Arc::new(unionpress::serve::Preview::new(preview.path().join("p")));
        let root = site.root().canonicalize().unwrap();
        let desk = Arc::new(Desk::new(&root, &format!("{ORIGIN}/")).unwrap());
        let app = unionpress::serve::http::router(live, &[], Some(desk.clone()));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        AtDesk {
            site,
            desk,
            app,
            runtime,
            _preview: preview,
        }
    }

    fn cookie(&self) -> String {
        format!("{}={}", unionpress::desk::COOKIE, self.desk.token.as_str())
    }

    /// Sends `request` as built, adding nothing.
    fn send(&self, request: Request<Body>) -> Reply {
        let app = self.app.clone();
        self.runtime.block_on(async move {
            let response = app.oneshot(request).await.unwrap();
            let (parts, body) = response.into_parts();
            let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
            Reply {
                status: parts.status.as_u16(),
                headers: parts.headers,
                body: body.to_vec(),
            }
        })
    }

    /// A request as the desk's own page sends it.
    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::COOKIE, self.cookie())
    }

    fn get(&self, api: &str) -> Reply {
        let path = format!("/__unionpress/desk/api/{api}");
        self.send(self.request("GET", &path).body(Body::empty()).unwrap())
    }

    fn post(&self, api: &str, json: serde_json::Value) -> Reply {
        let path = format!("/__unionpress/desk/api/{api}");
        self.send(
            self.request("POST", &path)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json.to_string()))
                .unwrap(),
        )
    }

    fn upload(&self, article: &str, name: &str, bytes: Vec<u8>) -> Reply {
        let path = format!(
            "/__unionpress/desk/api/upload?article={}&name={}",
            enc(article),
            enc(name)
        );
        self.send(
            self.request("POST", &path)
                .header(header::CONTENT_TYPE, "application/octet-stream")
                .body(Body::from(bytes))
                .unwrap(),
        )
    }

    /// Every file under the site and beside it, with its bytes.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        files(self.site.root())
    }
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = if e.file_type().is_symlink() {
                std::fs::read_link(e.path())
                    .unwrap()
                    .to_string_lossy()
                    .as_bytes()
                    .to_vec()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (rel, bytes)
        })
        .collect()
}

const ARTICLE: &str = "content/articles/2024/a.md";

/// A small site: one programme, one published article.
fn small() -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "content/programmes/chan-gai.md",
        "---\ntitle: 产业工人队伍建设改革\nnames: [产改]\n---\n",
    );
    site.write(
        ARTICLE,
        "---\ntitle: 原标题  # 编辑部定\ndate: 2024-12-20\nprogrammes: [产改]\n# 地区\nregion: 浙江省/宁波市\n---\n\n正文第一段。\n",
    );
    site
}

fn save_title(title: &str, version: &str) -> serde_json::Value {
    serde_json::json!({
        "path": ARTICLE,
        "version": version,
        "changes": [{"field": "title", "value": title}],
    })
}

fn version(at: &AtDesk) -> String {
    let r = at.get(&format!("article?path={}", enc(ARTICLE)));
    assert_eq!(r.status, 200);
    r.json()["version"].as_str().unwrap().to_string()
}

#[test]
fn the_printed_address_sets_a_strict_cookie_and_a_wrong_token_gets_nothing() {
    let at = AtDesk::new(small());
    let entry = |token: &str| {
        at.send(
            Request::builder()
                .uri(format!("/__unionpress/desk/?token={token}"))
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
    };
    let r = entry(at.desk.token.as_str());
    assert_eq!(r.status, 303);
    assert_eq!(r.headers[header::LOCATION], "/__unionpress/desk/");
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with(&at.cookie()), "{cookie}");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/__unionpress/desk/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let bare = at.send(
        Request::builder()
            .uri("/__unionpress/desk?token=abc")
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(bare.status, 301);
    assert_eq!(
        bare.headers[header::LOCATION],
        "/__unionpress/desk/?token=abc"
    );
    let wrong = entry(&"0".repeat(64));
    assert_eq!(wrong.status, 403);
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
    assert!(
        String::from_utf8_lossy(&wrong.body).contains("the address `unionpress serve` printed")
    );
    // With the cookie, the page and the API answer.
    let page = at.send(
        at.request("GET", "/__unionpress/desk/")
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(page.status, 200);
    assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(at.get("articles").status, 200);
}

#[test]
fn every_unguarded_request_is_refused_and_writes_nothing() {
    let at = AtDesk::new(small());
    let v = version(&at);
    let body = save_title("新标题", &v).to_string();
    let before = at.files();
    let save = |host: &str, origin: Option<&str>, cookie: Option<String>, kind: &str| {
        let mut b = Request::builder()
            .method("POST")
            .uri("/__unionpress/desk/api/save")
            .header(header::HOST, host)
            .header(header::CONTENT_TYPE, kind);
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        at.send(b.body(Body::from(body.clone())).unwrap()).status
    };
    let json = "application/json";
    // No token, a wrong one.
    assert_eq!(save(HOST, Some(ORIGIN), None, json), 403);
    assert_eq!(
        save(HOST, Some(ORIGIN), Some("unionpress_desk=00".into()), json),
        403
    );
    // A page of another site: its Origin, or none.
    assert_eq!(
        save(HOST, Some("http://evil.example"), Some(at.cookie()), json),
        403
    );
    assert_eq!(save(HOST, None, Some(at.cookie()), json), 403);
    // DNS rebinding: the right cookie, a foreign name.
    assert_eq!(
        save(
            "evil.example",
            Some("http://evil.example"),
            Some(at.cookie()),
            json
        ),
        403
    );
    // A plain HTML form's body.
    assert_eq!(
        save(
            HOST,
            Some(ORIGIN),
            Some(at.cookie()),
            "application/x-www-form-urlencoded"
        ),
        415
    );
    // Reading needs the token too.
    let read = at.send(
        Request::builder()
            .uri("/__unionpress/desk/api/articles")
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(read.status, 403);
    assert_eq!(at.files(), before);
    // The same request, guarded, is saved.
    assert_eq!(save(HOST, Some(ORIGIN), Some(at.cookie()), json), 200);
    assert_ne!(at.files(), before);
}

#[test]
fn paths_that_leave_content_are_refused_and_write_nothing() {
    let at = AtDesk::new(small());
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("x.md"),
        "---\ntitle: x\ndate: 2024-01-01\n---\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), at.site.root().join("content/articles/out"))
        .unwrap();
    let before = at.files();
    let outside_before = files(outside.path());
    for path in [
        "content/../site.yaml",
        "content/articles/../../site.yaml",
        "content/articles/2024/../../../x.md",
        "/etc/passwd",
        "site.yaml",
        "content/articles/out/x.md",
        "content/articles/.hidden.md",
    ] {
        let r = at.post(
            "save",
            serde_json::json!({"path": path, "version": "x", "changes": [{"field": "title", "value": "t"}]}),
        );
        assert!(r.status == 403, "{path}: {}", r.status);
        assert!(r.json()["error"].as_str().unwrap().contains(path), "{path}");
        let r = at.get(&format!("article?path={}", enc(path)));
        assert_eq!(r.status, 403, "{path}");
    }
    // A new article into the linked folder.
    let r = at.post(
        "save",
        serde_json::json!({"path": null, "section": "articles/out", "slug": "y",
            "changes": [{"field": "title", "value": "t"}, {"field": "draft", "value": true}]}),
    );
    assert_eq!(r.status, 403);
    // Into the trash, and out of the site.
    assert_eq!(
        at.post(
            "delete",
            serde_json::json!({"path": "content/articles/out/x.md"})
        )
        .status,
        403
    );
    assert_eq!(
        at.post("delete", serde_json::json!({"path": "site.yaml"}))
            .status,
        403
    );
    assert_eq!(at.files(), before);
    assert_eq!(files(outside.path()), outside_before);
}

/// A PNG of `w`×`h` pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn uploads_outside_the_limits_are_refused_before_they_are_stored() {
    let site = small();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nimages:\n  max_bytes: 20000\n  max_pixels: 10000\n",
    );
    let at = AtDesk::new(site);
    let before = at.files();
    // A name with a path in it, a hidden one, a script.
    for name in ["../../x.jpg", "a/b.png", ".x.png", "x.svg", "x.html", ""] {
        let r = at.upload(ARTICLE, name, png(10, 10));
        assert_eq!(r.status, 403, "{name}");
    }
    // 200 MB announced: refused on its Content-Length, unread.
    let huge = at.send(
        at.request(
            "POST",
            &format!(
                "/__unionpress/desk/api/upload?article={}&name=big.jpg",
                enc(ARTICLE)
            ),
        )
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::CONTENT_LENGTH, (200u64 << 20).to_string())
        .body(Body::from(vec![0u8; 16]))
        .unwrap(),
    );
    assert_eq!(huge.status, 413);
    assert!(huge.json()["error"].as_str().unwrap().contains("200 MB"));
    // More bytes than the limit, with no length announced: cut off as they come.
    let stream = futures_util::stream::iter(
        (0..30).map(|_| Ok::<_, std::io::Error>(axum::body::Bytes::from(vec![0u8; 1000]))),
    );
    let streamed = at.send(
        at.request(
            "POST",
            &format!(
                "/__unionpress/desk/api/upload?article={}&name=big.png",
                enc(ARTICLE)
            ),
        )
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(Body::from_stream(stream))
        .unwrap(),
    );
    assert_eq!(streamed.status, 413);
    // Small in bytes, too many pixels: its header is read, then refused.
    let wide = at.upload(ARTICLE, "wide.png", png(200, 100));
    assert_eq!(wide.status, 422, "{}", String::from_utf8_lossy(&wide.body));
    // Another format than its name says.
    assert_eq!(at.upload(ARTICLE, "fake.jpg", png(10, 10)).status, 422);
    assert_eq!(at.files(), before);

    let ok = at.upload(ARTICLE, "lead.png", png(50, 40));
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(
        std::fs::read(at.site.root().join("content/articles/2024/lead.png")).unwrap(),
        png(50, 40)
    );
    // The same again is fine; other bytes under that name are not stored.
    assert_eq!(at.upload(ARTICLE, "lead.png", png(50, 40)).status, 200);
    assert_eq!(at.upload(ARTICLE, "lead.png", png(40, 50)).status, 409);
    assert_eq!(
        std::fs::read(at.site.root().join("content/articles/2024/lead.png")).unwrap(),
        png(50, 40)
    );
}

/// The demo site's articles (the repository's own content/).
fn demo() -> TestSite {
    let site = TestSite::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::harness::copy_tree(&repo.join("content"), &site.root().join("content"));
    std::fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
    site
}

#[test]
fn editing_one_field_of_a_demo_article_changes_only_its_lines() {
    let at = AtDesk::new(demo());
    let path = "content/articles/2024/beilun-gongjiang-xuetang.md";
    let before = at.files();
    let opened = at.get(&format!("article?path={}", enc(path))).json();
    assert_eq!(opened["fields"]["kind"], "news");
    let r = at.post(
        "save",
        serde_json::json!({
            "path": path, "version": opened["version"],
            "changes": [{"field": "kind", "value": "feature"}],
            "body": opened["body"],
        }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let after = at.files();
    let old = String::from_utf8(before[path].clone()).unwrap();
    let new = String::from_utf8(after[path].clone()).unwrap();
    let changed: Vec<(&str, &str)> = old
        .lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [("kind: news", "kind: \"feature\"")]);
    assert_eq!(old.lines().count(), new.lines().count());
    assert_eq!(
        r.json()["version"],
        at.get(&format!("article?path={}", enc(path))).json()["version"]
    );
    // No other file changed, no temporary file left.
    let others = |m: &BTreeMap<String, Vec<u8>>| {
        m.iter()
            .filter(|(k, _)| *k != path)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&before), others(&after));
}

#[test]
fn a_file_changed_on_disk_since_it_was_opened_is_not_overwritten() {
    let at = AtDesk::new(small());
    let opened = version(&at);
    let file = at.site.root().join(ARTICLE);
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("正文第一段", "别人改过的正文");
    std::fs::write(&file, &theirs).unwrap();
    let r = at.post("save", save_title("我的标题", &opened));
    assert_eq!(r.status, 409);
    let j = r.json();
    assert_eq!(j["disk_text"], theirs);
    assert!(
        j["your_text"]
            .as_str()
            .unwrap()
            .contains("title: \"我的标题\"")
    );
    assert!(j["error"].as_str().unwrap().contains("changed on disk"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    // Saved again from the disk's version, it goes through.
    let r = at.post(
        "save",
        save_title("我的标题", j["disk_version"].as_str().unwrap()),
    );
    assert_eq!(r.status, 200);
    let now = std::fs::read_to_string(&file).unwrap();
    assert!(
        now.contains("别人改过的正文") && now.contains("我的标题"),
        "{now}"
    );
}

#[test]
fn the_desk_reports_what_check_reports_beside_the_field() {
    let at = AtDesk::new(small());
    let bad = serde_json::json!({
        "path": ARTICLE, "version": version(&at),
        "changes": [{"field": "programmes", "value": ["产该"]}],
    });
    let r = at.post("check", bad.clone());
    assert_eq!(r.status, 200);
    let found = r.json()["diagnostics"].as_array().unwrap().clone();
    let d = found
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    assert_eq!(d["field"], "programmes");
    assert_eq!(d["line"], 4);
    // The same words, at the same place, as `check` on that text.
    let before = at.files();
    let saved = at.post("save", bad.clone());
    assert_eq!(saved.status, 422, "not a draft: not saved");
    assert_eq!(at.files(), before);
    std::fs::write(
        at.site.root().join(ARTICLE),
        r.json()["text"].as_str().unwrap(),
    )
    .unwrap();
    let check = at.site.run(&["check"]);
    assert_eq!(check.status, 1);
    let line = format!(
        "{}: error: {}",
        d["location"].as_str().unwrap(),
        d["message"].as_str().unwrap()
    );
    assert!(check.stderr.contains(&line), "{line}\n{}", check.stderr);
}

#[test]
fn an_article_with_errors_is_saved_only_as_a_draft() {
    let at = AtDesk::new(small());
    let v = version(&at);
    let as_draft = serde_json::json!({
        "path": ARTICLE, "version": v,
        "changes": [{"field": "date", "value": "2024-13-45"}, {"field": "draft", "value": true}],
    });
    let r = at.post("save", as_draft);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let text = std::fs::read_to_string(at.site.root().join(ARTICLE)).unwrap();
    assert!(
        text.contains("date: \"2024-13-45\"\ndraft: true\n"),
        "{text}"
    );
    assert!(
        r.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["field"] == "date")
    );
}

/// A site whose one draft has an error (a bad date) at line 3, column 7.
fn with_bad_draft() -> TestSite {
    let site = small();
    site.write(
        "content/articles/2024/draft.md",
        "---\ntitle: 未完成的稿件\ndate: 2024-13-45\ndraft: true\n---\n\n正文。\n",
    );
    site
}

#[test]
fn a_drafts_errors_are_warnings_for_a_plain_build() {
    let site = with_bad_draft();
    let run = site.run(&["build"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/articles/2024/draft.md:3:7: warning: "),
        "{}",
        run.stderr
    );
    assert!(site.exists("articles/a/index.html"));
    assert!(!site.exists("articles/draft/index.html"));
}

#[test]
fn a_drafts_errors_are_errors_for_build_with_drafts_and_for_check() {
    let site = with_bad_draft();
    for args in [
        &["build", "--drafts"][..],
        &["check"],
        &["check", "--drafts"],
    ] {
        let run = site.run(args);
        assert_eq!(run.status, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("content/articles/2024/draft.md:3:7: error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(!site.public().exists(), "the failed build wrote nothing");
}

#[test]
fn a_new_article_is_named_in_pinyin_and_never_replaces_a_file() {
    let at = AtDesk::new(small());
    let new = serde_json::json!({
        "path": null, "section": "articles/2024",
        "changes": [{"field": "title", "value": "工匠学堂"}],
        "body": "正文。\n",
    });
    let r = at.post("save", new.clone());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let path = r.json()["path"].as_str().unwrap().to_string();
    assert_eq!(path, "content/articles/2024/gong-jiang-xue-tang.md");
    let text = std::fs::read_to_string(at.site.root().join(&path)).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"工匠学堂\"\ndate: "),
        "{text}"
    );
    assert!(text.contains("draft: true\n---\n正文。\n"), "{text}");
    let again = at.post("save", new);
    assert_eq!(again.status, 409);
    assert_eq!(
        std::fs::read_to_string(at.site.root().join(&path)).unwrap(),
        text
    );
}

#[test]
fn a_deleted_article_goes_to_the_trash_and_comes_back() {
    let at = AtDesk::new(small());
    let text = std::fs::read(at.site.root().join(ARTICLE)).unwrap();
    let r = at.post("delete", serde_json::json!({"path": ARTICLE}));
    assert_eq!(r.status, 200);
    assert!(!at.site.root().join(ARTICLE).exists());
    let trash = at.get("trash").json();
    assert_eq!(trash[0]["path"], ARTICLE);
    // The loader does not see the trash: the site builds without it.
    assert_eq!(at.site.run(&["check"]).status, 0);
    let back = at.post(
        "restore",
        serde_json::json!({"trash_path": trash[0]["trash_path"]}),
    );
    assert_eq!(back.status, 200);
    assert_eq!(std::fs::read(at.site.root().join(ARTICLE)).unwrap(), text);
    assert_eq!(at.get("trash").json().as_array().unwrap().len(), 0);
    assert_eq!(
        at.post(
            "restore",
            serde_json::json!({"trash_path": "x/../../site.yaml"})
        )
        .status,
        403
    );
}

#[test]
fn the_preview_is_the_article_page_as_build_renders_it() {
    let at = AtDesk::new(small());
    let r = at.post(
        "preview",
        serde_json::json!({
            "path": ARTICLE, "version": version(&at),
            "changes": [{"field": "title", "value": "预览的<标题>"}],
            "body": "新的**正文**。\n",
        }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let html = scraper::Html::parse_document(r.json()["html"].as_str().unwrap());
    let h1 = scraper::Selector::parse("h1").unwrap();
    let title: String = html.select(&h1).next().unwrap().text().collect();
    assert_eq!(title.trim(), "预览的<标题>");
    let strong = scraper::Selector::parse("strong").unwrap();
    assert!(
        html.select(&strong)
            .any(|s| s.text().collect::<String>() == "正文")
    );
    let base = scraper::Selector::parse("base").unwrap();
    assert_eq!(
        html.select(&base).next().unwrap().value().attr("href"),
        Some("http://127.0.0.1:1111/articles/a/")
    );
}

#[test]
fn serve_prints_the_desks_address_and_guards_it() {
    use crate::serve::{Serve, request};
    let site = small();
    let serve = Serve::start(&site);
    let port = serve.port();
    assert_eq!(serve.get("/__unionpress/desk/api/articles").status, 403);
    assert_eq!(serve.get("/__unionpress/desk/").status, 403);
    // POST is the desk's alone: the preview's pages still take GET only.
    let post = |path: &str| {
        request(
            port,
            &format!(
                "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
        )
        .unwrap()
        .status
    };
    assert_eq!(post("/articles/a/"), 405);
    assert_eq!(post("/__unionpress/desk/api/save"), 403);
    let (_, out) = serve.stop();
    let prefix = format!("the editors' desk: http://127.0.0.1:{port}/__unionpress/desk/?token=");
    let line = out
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{out}"));
    let token = &line[prefix.len()..][..64];
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
}

#[test]
fn registry_entries_bulletins_and_publish_go_through_the_builds_code() {
    let at = AtDesk::new(small());
    // A new award, as a file of its own; never over one that exists.
    let award = serde_json::json!({"kind": "award", "key": "da-guo-gong-jiang", "name": "大国工匠", "aliases": ["工匠"]});
    assert_eq!(at.post("registry", award.clone()).status, 200);
    let text = std::fs::read_to_string(at.site.root().join("content/awards/da-guo-gong-jiang.md"))
        .unwrap();
    assert_eq!(text, "---\ntitle: \"大国工匠\"\nnames: [\"工匠\"]\n---\n");
    assert_eq!(at.post("registry", award).status, 409);
    let bad_key = serde_json::json!({"kind": "award", "key": "../x", "name": "x"});
    assert_eq!(at.post("registry", bad_key).status, 400);
    assert!(
        at.get("site").json()["awards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["key"] == "da-guo-gong-jiang")
    );

    // A bulletin: previewed as build makes it, then saved.
    let issue = serde_json::json!({
        "path": null, "number": "2024年第12期", "date": "2024-12-31",
        "note": "编者按：**要闻**。\n", "articles": [ARTICLE],
    });
    let p = at.post("bulletin/preview", issue.clone());
    assert_eq!(p.status, 200, "{}", String::from_utf8_lossy(&p.body));
    let p = p.json();
    let web = scraper::Html::parse_document(p["web"].as_str().unwrap());
    let email = p["email"].as_str().unwrap();
    assert!(
        web.root_element()
            .text()
            .collect::<String>()
            .contains("原标题")
    );
    assert!(
        email.contains("原标题") && !email.contains("<script"),
        "{email}"
    );
    let saved = at.post("bulletin/save", issue);
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    let path = saved.json()["path"].as_str().unwrap().to_string();
    let listed = at.get("bulletins").json();
    assert_eq!(listed[0]["path"], path.as_str());
    assert_eq!(listed[0]["articles"][0], "articles/2024/a.md");

    // Publish: a build into public/, polled until done.
    assert_eq!(at.get("publish").json()["state"], "idle");
    assert_eq!(at.post("publish", serde_json::json!({})).status, 200);
    let state = crate::serve::wait_for("the publish to end", || {
        let s = at.get("publish").json();
        (s["state"] != "running").then_some(s)
    });
    assert_eq!(state["state"], "done", "{state}");
    assert!(at.site.exists("articles/a/index.html"));
    assert!(at.site.exists(&format!(
            "bulletins/{}/email.html",
            path.trim_start_matches("content/bulletins/")
                .trim_end_matches(".md")
        )));
}

/// A missing field has no line of its own: the desk shows the problem
/// beside the field's control (`date`), not beside the field serde was
/// reading when it noticed (`title`), and `check` points at the line where
/// the field goes, the one that closes the front matter.
#[test]
fn a_missing_field_is_shown_where_it_belongs() {
    let at = AtDesk::new(small());
    let undated = "content/articles/2024/undated.md";
    at.site.write(
        undated,
        "---\ntitle: 没有日期\nkind: news\ndraft: true\n---\n\n正文。\n",
    );
    let r = at.post(
        "check",
        serde_json::json!({ "path": undated, "changes": [] }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let found = r.json()["diagnostics"].as_array().unwrap().clone();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["message"], "the required field `date` is missing");
    assert_eq!(d["field"], "date");
    assert_eq!(d["location"], format!("{undated}:5:1"));
    // Where the form would add it: a save with the date is clean.
    let dated = serde_json::json!({
        "path": undated, "changes": [{"field": "date", "value": "2024-12-20"}],
    });
    let r = at.post("check", dated);
    assert_eq!(r.json()["diagnostics"], serde_json::json!([]));
    let check = at.site.run(&["check"]);
    assert_eq!(check.status, 1);
    let line = format!("{undated}:5:1: error: the required field `date` is missing");
    assert!(check.stderr.contains(&line), "{line}\n{}", check.stderr);
}

/// A draft too broken to make an article of (a bad date; YAML that does
/// not parse) is left out like any draft, so a plain build counts it in
/// what it left out, and `--verbose` names it.
#[test]
fn a_broken_draft_is_counted_among_the_drafts_left_out() {
    let site = with_bad_draft();
    site.write(
        "content/articles/2024/unreadable.md",
        "---\ntitle: \"没有闭合的引号\ndraft: true\n---\n\n正文。\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let line = "left out 2 drafts and 0 articles scheduled for later";
    assert!(run.stderr.contains(line), "{}", run.stderr);
    let verbose = site.run(&["build", "--verbose"]);
    assert_eq!(verbose.status, 0, "{}", verbose.stderr);
    for listed in [
        "content/articles/2024/draft.md: draft",
        "content/articles/2024/unreadable.md: draft\n",
    ] {
        assert!(
            verbose.stderr.contains(listed),
            "{listed}: {}",
            verbose.stderr
        );
    }
    assert!(!site.exists("articles/draft/index.html"));
    assert!(site.exists("articles/a/index.html"));
}

/// A request under the desk's address that the desk does not know is
/// answered by the desk, in JSON, whatever its method: not by the
/// preview's file server, which would answer a POST with a page.
#[test]
fn an_unknown_desk_request_is_a_json_404() {
    let at = AtDesk::new(small());
    let before = at.files();
    for (method, path) in [
        ("POST", "/__unionpress/desk/api/nothing"),
        ("POST", "/__unionpress/desk/api/article"),
        ("GET", "/__unionpress/desk/api/nothing"),
        ("POST", "/__unionpress/desk/elsewhere/x.md"),
    ] {
        let r = at.send(
            at.request(method, path)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap(),
        );
        // A known address asked with another method: 405.
        let status = if path.ends_with("api/article") {
            405
        } else {
            404
        };
        assert_eq!(r.status, status, "{method} {path}");
        assert_eq!(
            r.headers[header::CONTENT_TYPE],
            "application/json; charset=utf-8",
            "{method} {path}"
        );
        assert_eq!(
            r.json()["error"],
            format!("the desk answers no {method} {path}"),
        );
    }
    assert_eq!(at.files(), before);
}
