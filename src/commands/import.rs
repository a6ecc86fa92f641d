//! `unionpress import FILE… [--date YYYY-MM-DD] [--dry-run]`: each article
//! found in the files written as a draft, with every guessed field listed.

use std::path::Path;

use super::Verbosity;
use crate::cli::ImportArgs;
use crate::config::Config;
use crate::error::{Error, Result};

pub fn run(root: &Path, args: &ImportArgs, verbosity: Verbosity) -> Result<()> {
    let config = Config::load(root)?;
    let date = match &args.date {
        Some(value) => Some(
            value
                .trim()
                .parse::<jiff::civil::Date>()
                .map_err(|_| Error::Usage(crate::t!("import-bad-date", value = value)))?,
        ),
        None => None,
    };
    let today = jiff::Timestamp::now().to_zoned(config.tz.clone()).date();
    let registries = crate::import::registries(root, &config);
    let drafts = crate::import::prepare(root, &args.files, date, today, &registries)?;
    if !args.dry_run {
        crate::import::write(&drafts)?;
    }
    if verbosity != Verbosity::Quiet {
        for d in &drafts {
            let shown = d.path.strip_prefix(root).unwrap_or(&d.path).display();
            if args.dry_run {
                println!("{}", crate::t!("import-would-write", path = shown));
            } else {
                println!("{}", crate::t!("import-wrote", path = shown));
            }
            for (field, value, from) in crate::import::front::guesses(&d.proposal) {
                println!(
                    "  {}",
                    crate::t!("import-guess", field = field, value = value, from = from)
                );
            }
            if args.dry_run && verbosity == Verbosity::Verbose {
                println!("{}", d.text);
            }
        }
        let files = args.files.len();
        eprintln!(
            "{}",
            crate::t!("import-done", articles = drafts.len(), files = files)
        );
        if args.dry_run {
            eprintln!("{}", crate::t!("import-dry-run-done"));
        }
    }
    Ok(())
}
