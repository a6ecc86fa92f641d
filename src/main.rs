//! `unionpress`: arguments in, one library call, errors out with the exit
//! status (0 ok, 1 content errors, 2 usage errors).

use clap::Parser;
use unionpress::cli::Cli;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    if let Err(err) = unionpress::commands::run(cli) {
        eprintln!("{err}");
        std::process::exit(err.exit_code());
    }
}
