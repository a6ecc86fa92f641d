//! `gen-corpus`: the command line of the corpus generator (see the library).

use clap::Parser;

fn main() {
    match gen_corpus::generate(&gen_corpus::Args::parse()) {
        Ok(done) => eprintln!("{done}"),
        Err(why) => {
            eprintln!("{why}");
            std::process::exit(2);
        }
    }
}
