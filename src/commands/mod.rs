//! The commands, each a thin layer over the library: run it, print what
//! happened in plain words.

mod init;
mod new;

use std::io::IsTerminal;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::{BuildOptions, Report};

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

pub fn run(cli: Cli) -> Result<()> {
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
        Command::Build(args) => {
            let options = BuildOptions {
                root: cli.root,
                output: args.output,
                drafts: args.drafts,
                base_url: args.base_url,
            };
            let start = std::time::Instant::now();
            let spinner = progress(verbosity, "building");
            let result = crate::build(&options);
            if let Some(s) = spinner {
                s.finish_and_clear();
            }
            let report = result?;
            print_warnings(&report, verbosity);
            if verbosity != Verbosity::Quiet {
                eprintln!(
                    "built {} articles into {} ({} files) in {:.2} s",
                    report.articles,
                    report
                        .output
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    report.files,
                    start.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Check { drafts } => {
            let options = BuildOptions {
                root: cli.root,
                output: None,
                drafts,
                base_url: None,
            };
            let report = crate::check(&options)?;
            print_warnings(&report, verbosity);
            if verbosity != Verbosity::Quiet {
                for u in &report.unpublished {
                    let why = if u.draft { "draft" } else { "scheduled" };
                    eprintln!("{}: {why}: {} ({})", u.source.display(), u.title, u.date);
                }
                eprintln!(
                    "ok: {} articles checked, {} warning(s), {} unpublished",
                    report.articles,
                    report.warnings.len(),
                    report.unpublished.len()
                );
            }
            Ok(())
        }
        Command::Serve(_) => Err(Error::Usage(
            "`serve` is not available in this version yet".into(),
        )),
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
            eprintln!("  {step:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
}

/// A spinner on a terminal while long work goes on; nothing otherwise.
fn progress(verbosity: Verbosity, message: &'static str) -> Option<indicatif::ProgressBar> {
    if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}
