//! `unionpress`: arguments in, one library call, errors out with the exit
//! status (0 ok, 1 content errors, 2 usage errors).

use clap::FromArgMatches;
use clap::error::ErrorKind;
use unionpress::cli::{self, Cli};
use unionpress::i18n;

fn main() {
    unionpress::memory::tune_allocator();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Help and usage errors come before the arguments are understood:
    // their language is chosen from what can be read of them already.
    let (lang, root, init) = cli::prescan(&args);
    let root = root.unwrap_or_else(|| ".".into());
    let site_file = root.join(unionpress::config::FILE_NAME);
    let site_file = (!init && site_file.is_file()).then_some(site_file.as_path());
    i18n::set(i18n::choose(lang, site_file));
    let parsed = cli::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                std::process::exit(0);
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
            } else {
                eprint!("{}", cli::usage_error(&e));
            }
            std::process::exit(2);
        }
    };
    if let Err(err) = unionpress::commands::run(cli) {
        eprintln!("{err}");
        std::process::exit(err.exit_code());
    }
}
