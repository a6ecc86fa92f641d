//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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
    #[command(subcommand)]
    pub command: Command,
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
    /// Also answer requests for this host name (repeatable); the preview
    /// answers only 127.0.0.1, localhost and [::1] otherwise.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
}
