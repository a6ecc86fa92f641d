//! Publish = `unionpress build`: the same code, into the same output
//! folder (`public/`), with the same guarantees (the old output stays
//! until the whole build succeeded). It runs on a thread of its own; the
//! desk polls `GET api/publish` for how far it has come.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Answer, Desk, Failure, blocking};

/// The last publish, and the one running.
#[derive(Default)]
pub struct Publishing {
    state: Mutex<Last>,
}

#[derive(Default)]
struct Last {
    running: Option<Arc<crate::Progress>>,
    /// `done` or `failed`, with the problems of the build.
    finished: Option<(bool, Vec<serde_json::Value>, usize)>,
}

/// `POST api/publish`: starts a build, unless one is running.
pub async fn start(State(desk): State<Arc<Desk>>, _body: Bytes) -> Response {
    blocking(move || -> Answer {
        let progress = Arc::new(crate::Progress::default());
        {
            let mut last = desk
                .publishing
                .state
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if last.running.is_some() {
                return Err(Failure::new(
                    StatusCode::CONFLICT,
                    crate::t!("desk-publishing"),
                ));
            }
            last.running = Some(progress.clone());
        }
        let d = desk.clone();
        std::thread::spawn(move || {
            let options = crate::BuildOptions::new(&d.root);
            let result = crate::build_with_progress(&options, &progress);
            let (ok, problems, files) = match result {
                Ok(report) => (true, report.warnings, report.files),
                Err(crate::error::Error::Content(problems)) => (false, problems, 0),
                Err(e) => (
                    false,
                    vec![crate::error::Diagnostic::error(
                        crate::error::Location::file("public"),
                        e.to_string(),
                    )],
                    0,
                ),
            };
            let problems = problems.iter().map(problem).collect();
            let mut last = d.publishing.state.lock().unwrap_or_else(|e| e.into_inner());
            last.running = None;
            last.finished = Some((ok, problems, files));
        });
        Ok(serde_json::json!({ "state": "running" }))
    })
    .await
}

fn problem(d: &crate::error::Diagnostic) -> serde_json::Value {
    let mut json = super::diagnostic_json(d);
    let file = d.location.file.to_string_lossy().replace('\\', "/");
    json.insert("file".into(), file.into());
    serde_json::Value::Object(json)
}

/// `GET api/publish`: `{state, done, total, step, diagnostics}`.
pub async fn state(State(desk): State<Arc<Desk>>) -> Response {
    blocking(move || -> Answer {
        let last = desk
            .publishing
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        Ok(match (&last.running, &last.finished) {
            (Some(p), _) => serde_json::json!({
                "state": "running",
                "step": crate::i18n::step_name(p.step()),
                "done": p.files(),
                "total": p.expected(),
                "diagnostics": [],
            }),
            (None, Some((ok, problems, files))) => serde_json::json!({
                "state": if *ok { "done" } else { "failed" },
                "done": files,
                "total": files,
                "diagnostics": problems,
            }),
            (None, None) => serde_json::json!({
                "state": "idle", "done": 0, "total": null, "diagnostics": [],
            }),
        })
    })
    .await
}
