//! `unionpress serve`: the real binary on a free port, spoken to over plain
//! HTTP/1.1. Every wait is a bounded loop on an observable event (a page, a
//! message on the live-reload stream), never a sleep-then-assert on time.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{Html, Selector, TestSite};

/// How long any one wait may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(60);

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A response: status, headers (names lower-cased) and body.
pub(crate) struct Reply {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Parses a response head and body.
    fn parse(head: &str, bytes: Vec<u8>) -> Reply {
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }
}

/// Sends `GET <raw path>` exactly as given (no normalisation) and reads the reply.
pub(crate) fn get(port: u16, raw_path: &str) -> std::io::Result<Reply> {
    request(
        port,
        &format!("GET {raw_path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `raw` (a whole request that asks to close the connection) and
/// reads the reply until the server closes it.
pub(crate) fn request(port: u16, raw: &str) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    s.write_all(raw.as_bytes())?;
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes)?;
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let body = bytes.get(end + 4..).unwrap_or_default().to_vec();
    Ok(Reply::parse(&head, body))
}

/// Waits until `f` gives `Some`, or fails the test naming `what`.
pub(crate) fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < PATIENCE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// A running `unionpress serve`, stopped with Ctrl-C (SIGINT) when dropped.
pub(crate) struct Serve {
    child: Child,
    port: u16,
}

impl Serve {
    pub(crate) fn start(site: &TestSite) -> Serve {
        Serve::start_with(site, &[])
    }

    pub(crate) fn start_with(site: &TestSite, args: &[&str]) -> Serve {
        Serve::start_in("en", site, args)
    }

    /// A server whose messages are in `lang` (as `UNIONPRESS_LANG`).
    pub(crate) fn start_in(lang: &str, site: &TestSite, args: &[&str]) -> Serve {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .env("UNIONPRESS_LANG", lang)
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .arg("--root")
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let serve = Serve { child, port };
        wait_for("the server to answer", || {
            get(port, "/").ok().filter(|r| r.status == 200)
        });
        serve
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        get(self.port, path).unwrap()
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Sends Ctrl-C and returns the exit status and everything printed.
    pub(crate) fn stop(mut self) -> (i32, String) {
        interrupt(&self.child);
        let status = wait_for("the server to stop", || self.child.try_wait().unwrap());
        let mut err = String::new();
        let mut out = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        (status.code().unwrap_or(-1), out + &err)
    }
}

fn interrupt(child: &Child) {
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
}

impl Drop for Serve {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            interrupt(&self.child);
            let start = Instant::now();
            while let Ok(None) = self.child.try_wait() {
                if start.elapsed() > Duration::from_secs(10) {
                    let _ = self.child.kill();
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// The live-reload stream, read in the background into a growing string.
struct Events {
    text: Arc<Mutex<String>>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /__unionpress/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let text = Arc::new(Mutex::new(String::new()));
        let sink = text.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = s.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let events = Events { text };
        events.wait("event: hello");
        events
    }

    /// Waits for `needle` to arrive; it must come after what was seen so far.
    fn wait(&self, needle: &str) {
        wait_for(&format!("`{needle}` on the live-reload stream"), || {
            self.text.lock().unwrap().contains(needle).then_some(())
        });
    }

    /// Waits for the `n`th occurrence of `needle`.
    fn wait_count(&self, needle: &str, n: usize) {
        wait_for(
            &format!("{n} × `{needle}` on the live-reload stream"),
            || (self.text.lock().unwrap().matches(needle).count() >= n).then_some(()),
        );
    }
}

pub(crate) fn h1(html: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("h1").unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

fn site() -> TestSite {
    TestSite::fixture("serve")
}

#[test]
fn serves_pretty_urls_with_content_types_and_the_404_page() {
    let site = site();
    let serve = Serve::start(&site);
    let page = serve.get("/articles/jingxian/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(h1(&page.body), "泾县总工会指导企业推进产改");

    let moved = serve.get("/articles/jingxian");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), Some("/articles/jingxian/"));

    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/atom.xml", "application/xml; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__unionpress/reload.js", "text/javascript; charset=utf-8"),
        ("/__unionpress/status", "application/json; charset=utf-8"),
    ] {
        let r = serve.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(kind)),
            "{path}"
        );
    }

    let missing = serve.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(h1(&missing.body), "页面不存在");
}

#[test]
fn the_reload_script_is_added_to_served_pages_but_never_to_a_build() {
    let site = site();
    let serve = Serve::start(&site);
    let page = Html::parse_document(&serve.get("/").body);
    let scripts: Vec<String> = page
        .select(&Selector::parse("script[src]").unwrap())
        .filter_map(|e| e.value().attr("src").map(str::to_string))
        .collect();
    assert!(
        scripts
            .iter()
            .any(|s| s.starts_with("/__unionpress/reload.js?g=")),
        "{scripts:?}"
    );
    // Pages allow scripts from 'self' only: the reload script is a file, not inline.
    assert_eq!(
        page.select(&Selector::parse("script:not([src])").unwrap())
            .count(),
        0
    );
    drop(serve);

    site.build().ok();
    for (path, bytes) in site.snapshot() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__unionpress"),
            "{path} carries the preview's reload script"
        );
    }
}

#[test]
fn paths_that_escape_the_site_are_refused() {
    let site = site();
    site.write("secret.txt", "not for the web");
    let serve = Serve::start(&site);
    for raw in [
        "/../secret.txt",
        "/../../secret.txt",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/articles%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%00",
        "/..\\secret.txt",
    ] {
        let r = serve.get(raw);
        assert_eq!(r.status, 400, "{raw} was not refused");
        assert_eq!(r.body, "this path is refused: it would leave the site\n");
    }
}

#[test]
fn saving_an_article_rebuilds_it_and_reloads_the_browser() {
    let site = site();
    let serve = Serve::start(&site);
    let events = Events::open(serve.port);
    let path = "content/articles/2024/jingxian.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(
        path,
        &text.replace("泾县总工会指导企业推进产改", "泾县总工会驻企指导产改"),
    );
    events.wait("event: reload");
    assert_eq!(
        h1(&serve.get("/articles/jingxian/").body),
        "泾县总工会驻企指导产改"
    );
    // The lists that show it changed too.
    assert!(serve.get("/").body.contains("泾县总工会驻企指导产改"));
    assert!(
        serve
            .get("/programmes/chan-gai/")
            .body
            .contains("泾县总工会驻企指导产改")
    );
    // The preview lives in a temporary folder, never in the site, and Ctrl-C
    // removes it.
    let preview = std::env::temp_dir().join(format!("unionpress-serve-{}", serve.child.id()));
    assert!(preview.join("articles/jingxian/index.html").is_file());
    assert!(!site.public().exists());
    let (status, printed) = serve.stop();
    assert!(!preview.exists(), "Ctrl-C left {}", preview.display());
    assert_eq!(status, 0, "{printed}");
    assert!(
        printed.contains("changed: content/articles/2024/jingxian.md"),
        "{printed}"
    );
    assert!(printed.contains("stopped"), "{printed}");
}

/// The preview's status as JSON.
fn status(serve: &Serve) -> serde_json::Value {
    serde_json::from_str(&serve.get("/__unionpress/status").body).unwrap()
}

#[test]
fn the_browser_reloads_before_the_search_index_which_is_switched_in_whole() {
    let site = site();
    let serve = Serve::start(&site);
    // The first index follows the first pages.
    let first = wait_for("the first search index", || {
        Some(status(&serve)).filter(|s| s["search_ready"] == true)
    });
    let events = Events::open(serve.port);
    let path = "content/articles/2024/jingxian.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(
        path,
        &text.replace("泾县总工会指导企业推进产改", "泾县总工会驻企指导产改"),
    );
    events.wait("event: reload");
    let generation = first["generation"].as_u64().unwrap() + 1;
    let now = wait_for("the new search index", || {
        let s = status(&serve);
        (s["generation"].as_u64() == Some(generation) && s["search_ready"] == true).then_some(s)
    });
    // The reload came first: either the index was done by then, or a
    // `search` event follows it (read from the stream as it arrives, which
    // may be a moment after the status says the index is ready).
    wait_for("a search event after the reload", || {
        let stream = events.text.lock().unwrap().clone();
        let reload = &stream[stream.find("event: reload").unwrap()..];
        (reload.contains("event: search") || reload.contains("\"search_ready\":true")).then_some(())
    });

    // What is served is what a fresh build writes.
    let out = tempfile::tempdir().unwrap();
    let full = fresh_search(
        &site,
        &format!("http://127.0.0.1:{}/", serve.port),
        out.path(),
    );
    let preview = std::env::temp_dir().join(format!("unionpress-serve-{}", serve.child.id()));
    let version = now["search_version"].as_u64().unwrap();
    assert_eq!(version, generation);
    let served = preview.with_file_name(format!(
        "unionpress-serve-{}.search/{version}",
        serve.child.id()
    ));
    assert!(same_index(
        &crate::harness::snapshot(&preview.join("search")),
        &full
    ));
    assert_same_index(&served, &full);
    let meta = std::fs::read_to_string(preview.join("search/meta.json")).unwrap();
    assert_eq!(serve.get("/search/meta.json").body, meta);
    // The search page reads the version it was served with.
    let page = serve.get("/search/").body;
    let pinned = format!("data-index=\"/__unionpress/search/{version}/\"");
    assert!(page.contains(&pinned), "{page}");
    // Its preloads name the same version, so the preloaded files are the
    // ones the script then reads; the forms still lead to the search page.
    let doc = Html::parse_document(&page);
    let preloads: Vec<&str> = doc
        .select(&Selector::parse(r#"link[rel="preload"]"#).unwrap())
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(!preloads.is_empty(), "{page}");
    for href in preloads {
        assert!(
            href.starts_with(&format!("/__unionpress/search/{version}/")),
            "{href}"
        );
    }
    for form in doc.select(&Selector::parse("form[role=search]").unwrap()) {
        assert_eq!(form.value().attr("action"), Some("/search/"));
    }
    assert_eq!(
        serve
            .get(&format!("/__unionpress/search/{version}/meta.json"))
            .body,
        meta
    );
    assert_eq!(serve.get("/__unionpress/search/1/../meta.json").status, 400);
}

/// The files under `search/` of a fresh build of `site` into `out`.
fn fresh_search(site: &TestSite, base_url: &str, out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut options = unionpress::BuildOptions::new(site.root());
    options.output = Some(out.join("public"));
    options.base_url = Some(base_url.to_string());
    unionpress::build(&options).unwrap();
    let full = crate::harness::snapshot(&out.join("public/search"));
    assert!(full.iter().any(|(p, _)| p == "meta.json"));
    full
}

/// The search index published in `served` holds what the index files of
/// `full` hold (`search/index.html` is the search page, not the index):
/// the same terms, documents, facets and meta, whether it was made in full
/// or updated in place (then cut and packed differently).
fn assert_same_index(served: &Path, full: &[(String, Vec<u8>)]) {
    assert!(
        same_index(&crate::harness::snapshot(served), full),
        "{} differs from a fresh build",
        served.display()
    );
}

/// Whether two snapshots of `search/` hold the same index.
fn same_index(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> bool {
    use unionpress::search::read::content;
    let index = |s: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        s.iter()
            .filter(|f| f.0 != "index.html")
            .map(|(p, b)| (format!("search/{p}"), b.clone()))
            .collect()
    };
    content(&index(a)) == content(&index(b))
}

/// The title of the 泾县 article, changed to `title`.
fn retitle(site: &TestSite, title: &str) -> PathBuf {
    let path = site.root().join("content/articles/2024/jingxian.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (before, rest) = text.split_once("title: ").unwrap();
    let (_, after) = rest.split_once('\n').unwrap();
    std::fs::write(&path, format!("{before}title: {title}\n{after}")).unwrap();
    path
}

/// A save's pages are published while the index of the save before is
/// still being made; that index, out of date, is dropped for the newer
/// one. The steps of `serve`'s two threads are taken here one by one, so
/// that the order is the one under test, whatever the machine's speed.
#[test]
fn a_save_does_not_wait_for_the_search_index_of_the_save_before() {
    use unionpress::cli::Verbosity;
    use unionpress::serve::index::{Indexer, Jobs, Outcome};
    use unionpress::serve::{Builder, Preview, http};

    let site = site();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("preview");
    std::fs::create_dir(&dir).unwrap();
    let base_url = "http://127.0.0.1:1/";
    let live = Preview::new(dir.clone());
    let jobs = Jobs::default();
    let mut builder = Builder::new(site.root(), false, base_url, &dir);
    let mut indexer = Indexer::new(&dir);
    let status =
        || -> serde_json::Value { serde_json::from_str(&http::status_json(&live)).unwrap() };
    let state = |s: &serde_json::Value| {
        (
            s["generation"].as_u64().unwrap(),
            s["search_ready"].as_bool().unwrap(),
            s["search_version"].as_u64().unwrap(),
        )
    };
    let title = || h1(&std::fs::read_to_string(dir.join("articles/jingxian/index.html")).unwrap());

    builder.rebuild_and_publish(&live, Verbosity::Quiet, None, &jobs);
    assert_eq!(state(&status()), (1, false, 0), "pages first");
    let job = jobs.take().unwrap();
    assert!(matches!(indexer.run(&job, &live), Outcome::Published(_)));
    assert_eq!(state(&status()), (1, true, 1));

    let saved = retitle(&site, "第一次改的标题");
    builder.rebuild_and_publish(&live, Verbosity::Quiet, Some(&[saved]), &jobs);
    // The indexer starts on the first save's index …
    let first = jobs.take().unwrap();
    assert_eq!((first.generation, state(&status())), (2, (2, false, 1)));
    assert_eq!(title(), "第一次改的标题");
    // … and the second save's pages are published before it is done.
    let saved = retitle(&site, "第二次改的标题");
    builder.rebuild_and_publish(&live, Verbosity::Quiet, Some(&[saved]), &jobs);
    assert_eq!(state(&status()), (3, false, 1));
    assert_eq!(title(), "第二次改的标题");
    assert!(matches!(indexer.run(&first, &live), Outcome::Cancelled));
    assert_eq!(
        state(&status()),
        (3, false, 1),
        "the old index is still served"
    );
    let second = jobs.take().unwrap();
    assert!(matches!(indexer.run(&second, &live), Outcome::Published(_)));
    assert_eq!(state(&status()), (3, true, 3));

    let out = tempfile::tempdir().unwrap();
    let full = fresh_search(&site, base_url, out.path());
    assert_same_index(&live.search_versions.join("3"), &full);
    assert!(same_index(
        &crate::harness::snapshot(&dir.join("search")),
        &full
    ));
}

/// Two saves in quick succession, through the real server: the pages of
/// the second show, and the index served in the end is a fresh build's.
#[test]
fn quick_saves_end_with_the_index_of_the_last() {
    let site = site();
    let serve = Serve::start(&site);
    let events = Events::open(serve.port);
    let start = status(&serve)["generation"].as_u64().unwrap();
    retitle(&site, "第一次改的标题");
    events.wait("event: reload");
    retitle(&site, "第二次改的标题");
    // A save may take more than one build; pages are written before their
    // build is announced, so the status is read first.
    let last = wait_for("the second save's build and its index", || {
        let s = status(&serve);
        (s["generation"].as_u64() >= Some(start + 2)
            && s["search_ready"] == true
            && h1(&serve.get("/articles/jingxian/").body) == "第二次改的标题")
            .then_some(s)
    });
    let version = last["search_version"].as_u64().unwrap();
    assert_eq!(Some(version), last["generation"].as_u64(), "{last}");
    let out = tempfile::tempdir().unwrap();
    let full = fresh_search(
        &site,
        &format!("http://127.0.0.1:{}/", serve.port),
        out.path(),
    );
    let served = std::env::temp_dir().join(format!(
        "unionpress-serve-{}.search/{version}",
        serve.child.id()
    ));
    assert_same_index(&served, &full);
    // The search page reads that version.
    assert!(
        serve
            .get("/search/")
            .body
            .contains(&format!("data-index=\"/__unionpress/search/{version}/\""))
    );
}

#[test]
fn an_error_keeps_the_last_good_site_and_shows_in_the_overlay_until_fixed() {
    let site = site();
    let serve = Serve::start(&site);
    let events = Events::open(serve.port);
    let path = "content/articles/2024/jingxian.md";
    let good = std::fs::read_to_string(site.root().join(path)).unwrap();

    let broken = good
        .replace("date: 2024-12-20", "date: 2024-13-45")
        .replace("泾县总工会指导企业推进产改", "改坏了的标题");
    site.write(path, &broken);
    events.wait("event: problem");
    let status: serde_json::Value =
        serde_json::from_str(&serve.get("/__unionpress/status").body).unwrap();
    assert_eq!(status["ok"], false);
    let problem = &status["problems"][0];
    assert_eq!(problem["severity"], "error");
    assert_eq!(problem["file"], "content/articles/2024/jingxian.md");
    assert_eq!(problem["line"], 3);
    assert_eq!(
        problem["location"],
        format!("content/articles/2024/jingxian.md:3:{}", problem["column"])
    );
    assert_eq!(
        problem["message"],
        "`2024-13-45` is not a real day of the calendar"
    );
    assert!(problem["help"].as_str().unwrap().contains("YYYY-MM-DD"));
    // The old page is still there.
    assert_eq!(
        h1(&serve.get("/articles/jingxian/").body),
        "泾县总工会指导企业推进产改"
    );
    // The overlay is drawn by the reload script from that JSON, as text.
    let script = serve.get("/__unionpress/reload.js").body;
    for needle in [
        "/__unionpress/status",
        "addEventListener('problem'",
        "p.location",
        "p.message",
        "p.help",
        "textContent",
    ] {
        assert!(script.contains(needle), "reload.js lacks {needle}");
    }
    assert!(
        !script.contains("innerHTML"),
        "the overlay must not parse messages as HTML"
    );

    site.write(
        path,
        &good.replace("泾县总工会指导企业推进产改", "泾县产改见成效"),
    );
    events.wait("event: reload");
    let status: serde_json::Value =
        serde_json::from_str(&serve.get("/__unionpress/status").body).unwrap();
    assert_eq!(status["ok"], true);
    assert_eq!(status["problems"].as_array().unwrap().len(), 0);
    assert_eq!(h1(&serve.get("/articles/jingxian/").body), "泾县产改见成效");
    let (_, printed) = serve.stop();
    assert!(
        printed.contains("content/articles/2024/jingxian.md:3:")
            && printed.contains("still serving the last good site"),
        "{printed}"
    );
}

#[test]
fn the_overlay_and_the_terminal_speak_the_language_of_the_messages() {
    for (lang, heading, error, close, serving, failed, changed) in [
        (
            "zh-CN",
            "页面没有更新：发现 2 个错误。改好文件并保存后会自动刷新。",
            "错误",
            "关闭",
            "正在预览 ",
            "2 个错误：预览仍显示上一次正确的网站；请改好文件后再保存",
            "已修改：content/articles/2024/jingxian.md",
        ),
        (
            "en",
            "The page was not updated: 2 errors found. It reloads by itself once the file is fixed and saved.",
            "error",
            "Close",
            "serving ",
            "2 errors: still serving the last good site; fix the file and save it again",
            "changed: content/articles/2024/jingxian.md",
        ),
    ] {
        let site = site();
        let serve = Serve::start_in(lang, &site, &[]);
        let events = Events::open(serve.port);
        let path = "content/articles/2024/jingxian.md";
        let good = std::fs::read_to_string(site.root().join(path)).unwrap();
        // Two errors: the bulletin that lists the article no longer finds it.
        site.write(path, &good.replace("date: 2024-12-20", "date: 2024-13-45"));
        events.wait("event: problem");
        let status: serde_json::Value =
            serde_json::from_str(&serve.get("/__unionpress/status").body).unwrap();
        assert_eq!(status["ok"], false, "{lang}: {status}");
        assert_eq!(status["words"]["heading"], heading, "{lang}: {status}");
        assert_eq!(status["words"]["error"], error, "{lang}");
        assert_eq!(status["words"]["close"], close, "{lang}");
        let (_, printed) = serve.stop();
        for wanted in [serving, failed, changed] {
            assert!(
                printed.contains(wanted),
                "{lang}: no {wanted:?} in {printed}"
            );
        }
    }
}

#[test]
fn a_template_error_names_the_template_and_recovers() {
    let site = site();
    site.write("templates/.keep", "");
    let serve = Serve::start(&site);
    let events = Events::open(serve.port);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ oops( }}{% endblock main %}",
    );
    events.wait("event: problem");
    let status: serde_json::Value =
        serde_json::from_str(&serve.get("/__unionpress/status").body).unwrap();
    assert_eq!(status["problems"][0]["file"], "templates/404.html");
    assert!(
        status["problems"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("template error:")
    );
    std::fs::remove_file(site.root().join("templates/404.html")).unwrap();
    events.wait_count("event: reload", 1);
    assert_eq!(serve.get("/no/such/").status, 404);
}

#[test]
fn a_busy_port_is_a_usage_error() {
    let site = site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: "))
            && run.stderr.contains("choose another --port"),
        "{}",
        run.stderr
    );
}

#[test]
fn serving_a_folder_without_a_site_is_a_usage_error() {
    let site = TestSite::empty();
    let run = site.run(&["serve", "--port", "0"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(
            "holds no site.yaml; run `unionpress serve` in a site's folder or give --root"
        ),
        "{}",
        run.stderr
    );
}

/// Pages whose values did not change are not rendered again; a template
/// change must still reach every page that uses it.
#[test]
fn editing_a_template_rerenders_the_pages_that_use_it() {
    let site = site();
    site.write("templates/.keep", "");
    let serve = Serve::start(&site);
    let events = Events::open(serve.port);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>找不到这一页</h1>{% endblock main %}",
    );
    events.wait("event: reload");
    assert_eq!(h1(&serve.get("/no/such/").body), "找不到这一页");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>这一页已经不在了</h1>{% endblock main %}",
    );
    events.wait_count("event: reload", 2);
    assert_eq!(h1(&serve.get("/no/such/").body), "这一页已经不在了");
}

/// A `templates/` folder made while previewing is watched from then on.
#[test]
fn a_templates_folder_made_while_serving_is_watched() {
    let site = site();
    let serve = Serve::start(&site);
    let events = Events::open(serve.port);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>新建的模板</h1>{% endblock main %}",
    );
    events.wait("event: reload");
    wait_for("the new template to show", || {
        (h1(&serve.get("/no/such/").body) == "新建的模板").then_some(())
    });
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>改过的模板</h1>{% endblock main %}",
    );
    wait_for("the edited template to show", || {
        (h1(&serve.get("/no/such/").body) == "改过的模板").then_some(())
    });
}

#[test]
fn drafts_are_served_only_with_the_drafts_flag() {
    let site = site();
    site.article(
        "2024/caogao.md",
        "title: 还没发布的稿子\ndate: 2024-12-21\ndraft: true",
        "草稿。",
    );
    let serve = Serve::start(&site);
    assert_eq!(serve.get("/articles/caogao/").status, 404);
    drop(serve);
    let serve = Serve::start_with(&site, &["--drafts"]);
    let page = serve.get("/articles/caogao/");
    assert_eq!(
        (page.status, h1(&page.body)),
        (200, "还没发布的稿子".to_string())
    );
}

/// `GET path` with a `Range` header.
fn ranged(serve: &Serve, path: &str, range: &str) -> Reply {
    request(
        serve.port,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: {range}\r\nConnection: close\r\n\r\n"
        ),
    )
    .unwrap()
}

/// The search client reads parts of files with `Range` requests, as it
/// does from a static host: the preview answers them the same way.
#[test]
fn ranges_are_answered_like_a_static_host() {
    let site = site();
    let serve = Serve::start(&site);
    wait_for("the search index", || {
        (status(&serve)["search_ready"] == true).then_some(())
    });
    for path in ["/style.css", "/search/meta.json"] {
        let whole = serve.get(path);
        assert_eq!(whole.status, 200, "{path}");
        let len = whole.bytes.len();
        assert!(len > 40, "{path}: {len} bytes");

        let part = ranged(&serve, path, "bytes=10-29");
        assert_eq!(part.status, 206, "{path}");
        assert_eq!(
            part.header("content-range"),
            Some(format!("bytes 10-29/{len}").as_str())
        );
        assert_eq!(part.bytes, whole.bytes[10..30], "{path}");

        let tail = ranged(&serve, path, "bytes=-16");
        assert_eq!(tail.status, 206, "{path}");
        assert_eq!(
            tail.header("content-range"),
            Some(format!("bytes {}-{}/{len}", len - 16, len - 1).as_str())
        );
        assert_eq!(tail.bytes, whole.bytes[len - 16..], "{path}");

        let from = ranged(&serve, path, &format!("bytes={}-", len - 5));
        assert_eq!(
            (from.status, &from.bytes[..]),
            (206, &whole.bytes[len - 5..])
        );

        // Several ranges: the whole file, as a static host may answer.
        let several = ranged(&serve, path, "bytes=0-3,8-11");
        assert_eq!(several.status, 200, "{path}");
        assert_eq!(several.bytes, whole.bytes, "{path}");

        let beyond = ranged(&serve, path, "bytes=999999999-");
        assert_eq!(beyond.status, 416, "{path}");
        assert_eq!(
            beyond.header("content-range"),
            Some(format!("bytes */{len}").as_str())
        );
    }
}

#[test]
fn several_files_are_served_at_once() {
    let site = site();
    let serve = Serve::start(&site);
    let _events = Events::open(serve.port);
    let paths = [
        "/",
        "/articles/jingxian/",
        "/style.css",
        "/search.js",
        "/atom.xml",
        "/favicon.svg",
        "/robots.txt",
        "/__unionpress/reload.js",
    ];
    let expected: Vec<Vec<u8>> = paths.iter().map(|p| serve.get(p).bytes).collect();
    let port = serve.port;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..16)
            .map(|i| {
                let (paths, expected) = (&paths, &expected);
                scope.spawn(move || {
                    for k in 0..paths.len() {
                        let j = (i + k) % paths.len();
                        let r = get(port, paths[j]).unwrap();
                        assert_eq!(r.status, 200, "{}", paths[j]);
                        assert!(r.bytes == expected[j], "{} differs", paths[j]);
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
    });
}

/// `GET path` addressed to `host`.
fn get_for_host(serve: &Serve, path: &str, host: &str) -> Reply {
    request(
        serve.port,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
    .unwrap()
}

/// A web page the editor visits could read the preview through DNS
/// rebinding (its own name, resolved to 127.0.0.1): only requests for the
/// preview's own names are answered, on every route.
#[test]
fn requests_for_other_host_names_are_refused() {
    let site = site();
    let serve = Serve::start(&site);
    let port = serve.port;
    for path in [
        "/",
        "/style.css",
        "/no/such/",
        "/__unionpress/status",
        "/__unionpress/events",
        "/__unionpress/reload.js",
    ] {
        for host in [
            "evil.com",
            &format!("evil.com:{port}"),
            "localhost.evil.com",
        ] {
            let r = get_for_host(&serve, path, host);
            assert_eq!(r.status, 403, "{path} for {host}");
            assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
            assert!(
                r.body
                    .contains("answers only requests for 127.0.0.1, localhost or [::1]")
                    && r.body.contains("--allow-host NAME"),
                "{}",
                r.body
            );
        }
    }
    for host in [
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = get_for_host(&serve, "/__unionpress/status", &host);
        assert_eq!(r.status, 200, "{host}");
        assert_eq!(get_for_host(&serve, "/", &host).status, 200, "{host}");
    }
    // HTTP/1.0 may leave out the Host header; then nothing says whom the
    // request is for, and it is refused too.
    let bare = request(port, "GET / HTTP/1.0\r\n\r\n").unwrap();
    assert_eq!(bare.status, 403);
}

#[test]
fn names_given_with_allow_host_are_answered() {
    let site = site();
    let serve = Serve::start_with(
        &site,
        &[
            "--allow-host",
            "preview.example",
            "--allow-host",
            "Desk.LAN",
        ],
    );
    let port = serve.port;
    for host in [
        format!("preview.example:{port}"),
        "desk.lan".to_string(),
        format!("DESK.lan:{port}"),
    ] {
        let r = get_for_host(&serve, "/articles/jingxian/", &host);
        assert_eq!(r.status, 200, "{host}");
        assert_eq!(h1(&r.body), "泾县总工会指导企业推进产改");
    }
    for host in ["evil.com", "preview.example.evil.com", "desk.lan.evil.com"] {
        assert_eq!(get_for_host(&serve, "/", host).status, 403, "{host}");
    }
}

/// Reads one response whose body has a Content-Length, leaving the
/// connection open.
fn read_one(s: &mut TcpStream) -> Reply {
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(s.read(&mut byte).unwrap(), 1, "closed in the head");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let reply = Reply::parse(&head, Vec::new());
    let len: usize = reply
        .header("content-length")
        .expect("a Content-Length")
        .parse()
        .unwrap();
    let mut body = vec![0; len];
    s.read_exact(&mut body).unwrap();
    Reply::parse(&head, body)
}

/// `ab -k` and other HTTP/1.0 clients ask for keep-alive with a header and
/// wait for the server's answer to it.
#[test]
fn http_1_0_keeps_the_connection_alive_only_when_asked() {
    let site = site();
    let serve = Serve::start(&site);
    let mut s = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let ask = |path: &str, keep: bool| {
        format!(
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{}\r\n",
            if keep {
                "Connection: keep-alive\r\n"
            } else {
                ""
            }
        )
    };
    s.write_all(ask("/style.css", true).as_bytes()).unwrap();
    let first = read_one(&mut s);
    assert_eq!(first.status, 200);
    assert_eq!(
        first.header("connection").map(str::to_ascii_lowercase),
        Some("keep-alive".to_string())
    );
    assert_eq!(first.bytes, serve.get("/style.css").bytes);
    // The same connection serves a second request; without keep-alive
    // asked for again, the server closes it after answering.
    s.write_all(ask("/articles/jingxian/", false).as_bytes())
        .unwrap();
    let second = read_one(&mut s);
    assert_eq!(second.status, 200);
    assert_eq!(h1(&second.body), "泾县总工会指导企业推进产改");
    assert_ne!(
        second.header("connection").map(str::to_ascii_lowercase),
        Some("keep-alive".to_string())
    );
    let mut rest = Vec::new();
    assert_eq!(
        s.read_to_end(&mut rest).unwrap(),
        0,
        "the connection stayed open"
    );
}

/// A preview folder and the builder and shared state that serve it,
/// driven step by step.
struct Steps {
    _temp: tempfile::TempDir,
    dir: PathBuf,
    live: unionpress::serve::Preview,
    jobs: unionpress::serve::index::Jobs,
    builder: unionpress::serve::Builder,
}

impl Steps {
    fn new(site: &TestSite) -> Steps {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("preview");
        std::fs::create_dir(&dir).unwrap();
        Steps {
            live: unionpress::serve::Preview::new(dir.clone()),
            jobs: unionpress::serve::index::Jobs::default(),
            builder: unionpress::serve::Builder::new(
                site.root(),
                false,
                "http://127.0.0.1:1/",
                &dir,
            ),
            dir,
            _temp: temp,
        }
    }

    /// Rebuilds as `serve` does after a save, and gives the status the
    /// overlay reads.
    fn save(&mut self, saved: &Path) -> serde_json::Value {
        let saved = [saved.to_path_buf()];
        self.builder.rebuild_and_publish(
            &self.live,
            unionpress::cli::Verbosity::Quiet,
            Some(&saved),
            &self.jobs,
        );
        serde_json::from_str(&unionpress::serve::http::status_json(&self.live)).unwrap()
    }
}

/// A template the builder cannot read is an error with its file and the
/// reason, in the terminal and the overlay, and the pages of the last
/// good build stay as they were: pages rendered with a template the
/// preview could not read would be served without a word.
#[test]
fn a_template_that_cannot_be_read_is_reported_and_the_last_pages_stay() {
    use std::os::unix::fs::PermissionsExt;

    let site = site();
    let good = "{% extends \"base.html\" %}{% block main %}<p>没有这个页面</p>{% endblock main %}";
    site.write("templates/404.html", good);
    let template = site.root().join("templates/404.html");
    let mut steps = Steps::new(&site);
    assert_eq!(steps.save(&template)["ok"], true);
    let before = crate::harness::snapshot(&steps.dir);

    std::fs::set_permissions(&template, std::fs::Permissions::from_mode(0o000)).unwrap();
    let reason = match std::fs::read(&template) {
        Err(e) => e.to_string(),
        // Running as root reads it all the same: bytes that are not UTF-8
        // make a template that cannot be read as text.
        Ok(_) => {
            std::fs::set_permissions(&template, std::fs::Permissions::from_mode(0o644)).unwrap();
            std::fs::write(&template, b"{% block main %}\xff\xfe{% endblock main %}").unwrap();
            std::fs::read_to_string(&template).unwrap_err().to_string()
        }
    };
    let status = steps.save(&template);
    assert_eq!(status["ok"], false);
    assert_eq!(status["problems"].as_array().unwrap().len(), 1, "{status}");
    assert_eq!(status["problems"][0]["file"], "templates/404.html");
    assert_eq!(
        status["problems"][0]["message"],
        unionpress::t!("io-failed", reason = reason)
    );
    assert!(
        crate::harness::snapshot(&steps.dir) == before,
        "the preview folder is untouched"
    );

    std::fs::set_permissions(&template, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(&template, good.replace("没有这个页面", "找不到")).unwrap();
    assert_eq!(steps.save(&template)["ok"], true);
    assert!(
        std::fs::read_to_string(steps.dir.join("404.html"))
            .unwrap()
            .contains("找不到")
    );
}

/// A page the site no longer makes but that cannot be deleted from the
/// preview folder is an error naming it: the folder would otherwise go on
/// serving a page the site does not have.
#[test]
fn a_page_that_cannot_be_deleted_from_the_preview_is_reported() {
    let site = site();
    site.article(
        "2024/sanya.md",
        "title: 三亚职工读书会开班\ndate: 2024-12-10\nslug: sanya",
        "读书会每周一次。",
    );
    let mut steps = Steps::new(&site);
    let article = site.root().join("content/articles/2024/sanya.md");
    assert_eq!(steps.save(&article)["ok"], true);
    let page = steps.dir.join("articles/sanya/index.html");
    assert!(page.is_file());
    // A folder with a file in it cannot be deleted as a file, whoever asks.
    std::fs::remove_file(&page).unwrap();
    std::fs::create_dir(&page).unwrap();
    std::fs::write(page.join("kept.html"), "kept").unwrap();

    std::fs::remove_file(&article).unwrap();
    let status = steps.save(&article);
    assert_eq!(status["ok"], false, "{status}");
    let problems = status["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{status}");
    assert_eq!(problems[0]["file"], "articles/sanya/index.html");
    let reason = std::fs::remove_file(&page).unwrap_err().to_string();
    assert_eq!(
        problems[0]["message"],
        unionpress::t!("io-failed", reason = reason)
    );
    // Still reported by the next save, until the folder is cleared.
    let status = steps.save(&article);
    assert_eq!(status["problems"][0]["file"], "articles/sanya/index.html");

    std::fs::remove_dir_all(&page).unwrap();
    let status = steps.save(&article);
    assert_eq!(status["ok"], true, "{status}");
    assert!(!steps.dir.join("articles/sanya").join("index.html").exists());
    assert!(steps.dir.join("articles/jingxian/index.html").is_file());
}
