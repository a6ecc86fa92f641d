//! The commands, each a thin layer over the library: run it, print what
//! happened in plain words.

mod import;
mod init;
mod new;

use std::io::IsTerminal;

use crate::cli::{Cli, Command, Verbosity};
use crate::error::Result;
use crate::{BuildOptions, Report};

pub fn run(cli: Cli) -> Result<()> {
    // `init` makes a site; every other command works on the one at --root.
    let site_file = match cli.command {
        Command::Init { .. } => None,
        _ => Some(cli.root.join(crate::config::FILE_NAME)),
    };
    crate::i18n::set(crate::i18n::choose(cli.lang, site_file.as_deref()));
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    match cli.command {
        Command::Init { dir } => init::run(&dir, verbosity),
        Command::New(args) => new::run(&cli.root, &args, verbosity),
        Command::Import(args) => import::run(&cli.root, &args, verbosity),
        Command::Build(args) => {
            let options = BuildOptions {
                root: cli.root,
                output: args.output,
                drafts: args.drafts,
                base_url: args.base_url,
                strict: false,
            };
            let start = std::time::Instant::now();
            let result = with_progress(verbosity, |p| crate::build_with_progress(&options, p));
            let report = result?;
            print_warnings(&report, verbosity);
            if verbosity != Verbosity::Quiet {
                let output = report
                    .output
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                eprintln!(
                    "{}",
                    crate::t!(
                        "build-done",
                        articles = report.articles,
                        output = output,
                        files = report.files,
                        seconds = format!("{:.2}", start.elapsed().as_secs_f64())
                    )
                );
                left_out(&report.unpublished, verbosity);
            }
            Ok(())
        }
        Command::Check { drafts } => {
            let options = BuildOptions {
                root: cli.root,
                output: None,
                drafts,
                base_url: None,
                strict: true,
            };
            check(&options, verbosity)
        }
        Command::Serve(args) => crate::serve::run(crate::serve::ServeOptions {
            root: cli.root,
            port: args.port,
            drafts: args.drafts,
            open: args.open,
            desk: args.desk,
            allowed_hosts: args.allow_host,
            verbosity,
        }),
    }
}

/// `check`: drafts and scheduled articles, then every problem with its
/// place, then one line of summary. Content errors make the exit status 1.
fn check(options: &BuildOptions, verbosity: Verbosity) -> Result<()> {
    let report = crate::check_all(options)?;
    if verbosity != Verbosity::Quiet {
        list_unpublished(&report.unpublished);
    }
    if report
        .warnings
        .iter()
        .any(crate::error::Diagnostic::is_error)
    {
        // main prints every problem and the summary line.
        return Err(crate::error::Error::Content(report.warnings));
    }
    print_warnings(&report, verbosity);
    if verbosity != Verbosity::Quiet {
        eprintln!(
            "{}",
            crate::t!(
                "check-done",
                articles = report.articles,
                warnings = report.warnings.len(),
                unpublished = report.unpublished.len()
            )
        );
    }
    Ok(())
}

/// Each draft and scheduled article: its file, why, its title and date.
fn list_unpublished(unpublished: &[crate::model::Unpublished]) {
    for u in unpublished {
        let why = if u.draft {
            crate::t!("check-draft")
        } else {
            crate::t!("check-scheduled")
        };
        match u.date {
            Some(date) => eprintln!("{}: {why}: {} ({date})", u.source.display(), u.title),
            // Its front matter cannot be read: its errors say why.
            None => eprintln!("{}: {why}", u.source.display()),
        }
    }
}

/// After a build: how many drafts and scheduled articles it left out, so
/// that none is left out silently; `--verbose` lists them.
fn left_out(unpublished: &[crate::model::Unpublished], verbosity: Verbosity) {
    if unpublished.is_empty() {
        return;
    }
    let drafts = unpublished.iter().filter(|u| u.draft).count();
    eprintln!(
        "{}",
        crate::t!(
            "build-left-out",
            drafts = drafts,
            scheduled = unpublished.len() - drafts
        )
    );
    if verbosity == Verbosity::Verbose {
        list_unpublished(unpublished);
    }
}

fn print_warnings(report: &Report, verbosity: Verbosity) {
    if verbosity == Verbosity::Quiet {
        return;
    }
    for w in &report.warnings {
        eprintln!("{w}");
    }
    if verbosity == Verbosity::Verbose {
        for (step, time) in &report.steps {
            let step = crate::i18n::step_name(step);
            eprintln!("  {step:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
}

/// Runs `work` with a progress display on a terminal, shown only if the
/// work takes more than a moment: a bar when the last build said how many
/// files to expect, else a spinner with the count. Nothing when quiet or
/// when stderr is not a terminal.
fn with_progress<T>(verbosity: Verbosity, work: impl FnOnce(&crate::Progress) -> T) -> T {
    let progress = crate::Progress::default();
    if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        return work(&progress);
    }
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| show_progress(&progress, &done));
        let out = work(&progress);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        out
    })
}

fn show_progress(progress: &crate::Progress, done: &std::sync::atomic::AtomicBool) {
    use std::sync::atomic::Ordering;
    use std::time::Duration;
    let is_done = || done.load(Ordering::Relaxed);
    // A moment: quick builds show nothing at all.
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_millis(300) {
        if is_done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let bar = indicatif::ProgressBar::new_spinner().with_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {{msg:<28}} {{pos}} {}",
            crate::t!("progress-files")
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let mut sized = false;
    while !is_done() {
        // The expected count is known once the output folder is opened.
        if !sized && let Some(n) = progress.expected() {
            bar.set_length(n as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(&format!(
                    "{{spinner}} {{msg:<28}} [{{bar:30}}] {{pos}}/{{len}} {}",
                    crate::t!("progress-files")
                ))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            sized = true;
        }
        // Pictures are resized beside the pages: how many, until done.
        let mut message = crate::i18n::step_name(progress.step());
        let (done, total) = progress.pictures();
        if done < total {
            message.push_str(" · ");
            message.push_str(&crate::t!(
                "progress-pictures",
                done = done.to_string(),
                total = total.to_string()
            ));
        }
        bar.set_message(message);
        // The last build's count is an estimate: never show more than it.
        let files = progress.files() as u64;
        bar.set_position(if sized {
            files.min(bar.length().unwrap_or(files))
        } else {
            files
        });
        std::thread::sleep(Duration::from_millis(50));
    }
    bar.finish_and_clear();
}
