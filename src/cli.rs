//! The command line as plain data, as clap parses it; the commands and
//! `serve` read it, it reads nothing of theirs.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

use crate::i18n::Lang;

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::from_tag(value).ok_or_else(|| crate::t!("cli-bad-lang", value = value))
}

#[derive(Debug, Parser)]
#[command(
    name = "unionpress",
    version,
    about = "A static site generator for trade-union news"
)]
pub struct Cli {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print each step and its time.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// The language of messages: zh-CN or en.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

/// How much to print, from `--quiet` and `--verbose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new site in DIR with the default theme and one sample article.
    Init { dir: PathBuf },
    /// Write a new draft article under content/articles/YYYY/.
    New(NewArgs),
    /// Build the site into public/ (or --output).
    Build(BuildArgs),
    /// Check everything a build checks, and write nothing.
    Check {
        /// Check drafts and scheduled articles too.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site with live reload.
    Serve(ServeArgs),
    /// Import manuscripts and newspaper pages as draft articles.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The page's issue date, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Print the proposal and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline.
    pub title: String,
    /// A programme the article is about (repeatable).
    #[arg(long)]
    pub programme: Vec<String>,
    /// An award the article reports (repeatable).
    #[arg(long)]
    pub award: Vec<String>,
    /// The region, `省/市/区县`.
    #[arg(long)]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include drafts and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.yaml's.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Open the editors' desk in a browser.
    #[arg(long)]
    pub desk: bool,
    /// Also answer requests for this host name (repeatable); the preview
    /// answers only 127.0.0.1, localhost and [::1] otherwise.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
}

/// The command line with its help in the current language: the doc
/// comments above are the English of the same texts, for readers of the
/// code; what a person sees comes from the catalogue.
pub fn command() -> clap::Command {
    use crate::t;
    use clap::{Arg, ArgAction, CommandFactory};
    // clap keeps headings as `&'static str`; the command is made once a run.
    let options: &'static str = t!("cli-heading-options").leak();
    let arguments: &'static str = t!("cli-heading-arguments").leak();
    let commands: &'static str = t!("cli-heading-commands").leak();
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t!("cli-heading-usage")
    );
    let help = |arg: Arg, text: String, heading: &'static str| arg.help(text).help_heading(heading);
    let sub = |cmd: clap::Command, about: String| {
        cmd.about(about)
            .help_template(template.clone())
            .disable_help_flag(true)
            .next_help_heading(options)
    };
    Cli::command()
        .about(t!("cli-about"))
        .help_template(template.clone())
        .subcommand_help_heading(commands)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help)
                .help(t!("cli-help"))
                .help_heading(options),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("cli-version"))
                .help_heading(options),
        )
        .mut_arg("root", |a| {
            help(a, t!("cli-root"), options).hide_default_value(true)
        })
        .mut_arg("quiet", |a| help(a, t!("cli-quiet"), options))
        .mut_arg("verbose", |a| help(a, t!("cli-verbose"), options))
        .mut_arg("lang", |a| help(a, t!("cli-lang"), options))
        .mut_subcommand("init", |c| {
            sub(c, t!("cli-init")).mut_arg("dir", |a| help(a, t!("cli-init-dir"), arguments))
        })
        .mut_subcommand("new", |c| {
            sub(c, t!("cli-new"))
                .mut_arg("title", |a| help(a, t!("cli-new-title"), arguments))
                .mut_arg("programme", |a| help(a, t!("cli-new-programme"), options))
                .mut_arg("award", |a| help(a, t!("cli-new-award"), options))
                .mut_arg("region", |a| help(a, t!("cli-new-region"), options))
        })
        .mut_subcommand("build", |c| {
            sub(c, t!("cli-build"))
                .mut_arg("output", |a| help(a, t!("cli-build-output"), options))
                .mut_arg("drafts", |a| help(a, t!("cli-build-drafts"), options))
                .mut_arg("base_url", |a| help(a, t!("cli-build-base-url"), options))
        })
        .mut_subcommand("check", |c| {
            sub(c, t!("cli-check")).mut_arg("drafts", |a| help(a, t!("cli-check-drafts"), options))
        })
        .mut_subcommand("import", |c| {
            sub(c, t!("cli-import"))
                .mut_arg("files", |a| help(a, t!("cli-import-files"), arguments))
                .mut_arg("date", |a| help(a, t!("cli-import-date"), options))
                .mut_arg("dry_run", |a| help(a, t!("cli-import-dry-run"), options))
        })
        .mut_subcommand("serve", |c| {
            sub(c, t!("cli-serve"))
                .mut_arg("port", |a| {
                    help(a, t!("cli-serve-port"), options).hide_default_value(true)
                })
                .mut_arg("drafts", |a| help(a, t!("cli-serve-drafts"), options))
                .mut_arg("open", |a| help(a, t!("cli-serve-open"), options))
                .mut_arg("desk", |a| help(a, t!("cli-serve-desk"), options))
                .mut_arg("allow_host", |a| {
                    help(a, t!("cli-serve-allow-host"), options)
                })
        })
}

/// The `--lang`, `--root` and command name in `args`, read before clap
/// parses them so that its help and errors are already in the right
/// language.
pub fn prescan(args: &[std::ffi::OsString]) -> (Option<Lang>, Option<PathBuf>, bool) {
    let mut lang = None;
    let mut root = None;
    let mut init = false;
    let mut command_seen = false;
    let mut iter = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = iter.next() {
        if let Some(v) = arg.strip_prefix("--lang=") {
            lang = Lang::from_tag(v);
        } else if arg == "--lang" {
            lang = iter.next().as_deref().and_then(Lang::from_tag);
        } else if let Some(v) = arg.strip_prefix("--root=") {
            root = Some(PathBuf::from(v));
        } else if arg == "--root" {
            root = iter.next().map(PathBuf::from);
        } else if !arg.starts_with('-') && !command_seen {
            command_seen = true;
            init = arg == "init";
        }
    }
    (lang, root, init)
}

/// A usage error from clap, in the current language where we know its
/// kind; clap's own English otherwise.
pub fn usage_error(err: &clap::Error) -> String {
    use crate::t;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let message = match err.kind() {
        ErrorKind::UnknownArgument => {
            t!("cli-unknown-argument", arg = get(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            t!(
                "cli-unknown-command",
                command = get(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue if !get(ContextKind::ValidValue).is_empty() => t!(
            "cli-invalid-value",
            value = get(ContextKind::InvalidValue),
            arg = get(ContextKind::InvalidArg),
            valid = get(ContextKind::ValidValue)
        ),
        ErrorKind::InvalidValue => t!("cli-missing-value", arg = get(ContextKind::InvalidArg)),
        ErrorKind::MissingRequiredArgument => {
            t!("cli-missing-argument", arg = get(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("cli-missing-command")
        }
        ErrorKind::ArgumentConflict => t!(
            "cli-conflict",
            arg = get(ContextKind::InvalidArg),
            other = get(ContextKind::PriorArg)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err)
                .map(|e| e.to_string())
                .unwrap_or_default();
            t!(
                "cli-bad-value",
                value = get(ContextKind::InvalidValue),
                arg = get(ContextKind::InvalidArg),
                reason = why
            )
        }
        _ => return err.render().to_string(),
    };
    let mut text = format!("{}: {message}\n", t!("label-error"));
    let suggestion = get(ContextKind::SuggestedArg) + &get(ContextKind::SuggestedSubcommand);
    if !suggestion.is_empty() {
        text.push_str(&format!(
            "  {}: {}\n",
            t!("label-help"),
            t!("cli-did-you-mean", suggestion = suggestion)
        ));
    }
    text.push_str(&format!("\n{}\n", t!("cli-try-help")));
    text
}
