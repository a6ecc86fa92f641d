//! The preview's run loop: it prepares the preview folder, starts the
//! indexer, the watcher and the HTTP server, rebuilds after each save until
//! Ctrl-C, then cleans up.
//!
//! A problem that stops the preview from starting (no site, a busy port, a
//! preview folder that cannot be made) ends the command with an error;
//! one met while cleaning up is a warning in the terminal, since the
//! editor is done with the preview by then.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::Verbosity;
use crate::error::{Error, Result};

use super::builder::Builder;
use super::preview::Preview;
use super::publish::remove_dir_if_present;
use super::{http, index, watch};

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Open the browser at the editors' desk (`serve --desk`).
    pub desk: bool,
    /// Host names answered besides 127.0.0.1, localhost and [::1].
    pub allowed_hosts: Vec<String>,
    pub verbosity: Verbosity,
}

/// Runs the preview server until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<()> {
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    if !root.join("site.yaml").is_file() {
        return Err(Error::Usage(crate::t!(
            "serve-no-site",
            root = root.display()
        )));
    }
    let listener = std::net::TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| {
        Error::Usage(crate::t!(
            "serve-cannot-listen",
            port = options.port,
            reason = e.to_string()
        ))
    })?;
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(options.port);
    let url = format!("http://127.0.0.1:{port}/");

    let dir = std::env::temp_dir().join(format!("unionpress-serve-{}", std::process::id()));
    // Left by an earlier run of this process id: its files are not this
    // site's.
    remove_dir_if_present(&dir)?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let live = Arc::new(Preview::new(dir.clone()));
    remove_dir_if_present(&live.search_versions)?;
    let quiet = options.verbosity == Verbosity::Quiet;

    let jobs = Arc::new(index::Jobs::default());
    let mut builder = Builder::new(&root, options.drafts, &url, &dir);
    builder.rebuild_and_publish(&live, options.verbosity, None, &jobs);
    let (indexer_done, indexer_stopped) = std::sync::mpsc::channel::<()>();
    {
        let (live, jobs) = (live.clone(), jobs.clone());
        let mut indexer = index::Indexer::new(&dir);
        std::thread::spawn(move || {
            indexer.run_all(&jobs, &live, options.verbosity);
            drop(indexer_done);
        });
    }

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watching = watch::watch(&root, tx.clone())?;
    {
        let live = live.clone();
        let tx = tx.clone();
        ctrlc::set_handler(move || {
            live.stop();
            // Fails only once the loop has ended: nothing left to wake.
            let _ = tx.send(Vec::new());
        })
        .map_err(|e| {
            Error::Usage(crate::t!(
                "serve-cannot-catch-ctrl-c",
                reason = e.to_string()
            ))
        })?;
    }
    let cannot_start =
        |e: std::io::Error| Error::Usage(crate::t!("serve-cannot-start", reason = e.to_string()));
    let desk = Arc::new(crate::desk::Desk::new(&root, &url).map_err(cannot_start)?);
    let desk_url = desk.url(&url);
    let http_thread = http::spawn(listener, live.clone(), &options.allowed_hosts, Some(desk))
        .map_err(cannot_start)?;
    // Printed even with --quiet: a server that says nothing cannot be used.
    println!(
        "{}",
        crate::t!("serve-serving", root = root.display(), url = &url)
    );
    println!("{}", crate::t!("serve-desk", url = &desk_url));
    if options.desk {
        open_browser(&desk_url);
    } else if options.open {
        open_browser(&url);
    }

    while let Ok(first) = rx.recv() {
        if live.snapshot().stopping {
            break;
        }
        let paths = watch::settle(first, &rx);
        if live.snapshot().stopping {
            break;
        }
        if paths.is_empty() {
            continue;
        }
        if let Err(e) = watching.add_new_dirs(&root) {
            eprintln!("{}: {e}", crate::t!("label-warning"));
        }
        if !quiet {
            for p in &paths {
                let rel = p.strip_prefix(&root).unwrap_or(p);
                eprintln!("{}", crate::t!("serve-changed", file = rel.display()));
            }
        }
        builder.rebuild_and_publish(&live, options.verbosity, Some(&paths), &jobs);
    }
    // An Err is a panic of the server's thread, already printed by the
    // panic hook; the folders are cleaned up all the same.
    let _ = http_thread.join();
    // A cancelled index writes nothing more; one still being made (it
    // cannot be interrupted) is not waited for.
    jobs.close();
    let _ = indexer_stopped.recv_timeout(Duration::from_secs(2));
    for folder in [&dir, &live.search_versions] {
        if let Err(e) = remove_dir_if_present(folder) {
            let reason = match e {
                Error::Io(_, e) => e.to_string(),
                other => other.to_string(),
            };
            eprintln!(
                "{}: {}",
                crate::t!("label-warning"),
                crate::t!(
                    "serve-cannot-clean-up",
                    path = folder.display(),
                    reason = reason
                )
            );
        }
    }
    if !quiet {
        eprintln!("{}", crate::t!("serve-stopped"));
    }
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!(
            "{}",
            crate::t!(
                "serve-no-browser",
                opener = opener,
                reason = e.to_string(),
                url = url
            )
        );
    }
}
