//! The `stance` binary: parse the command line and hand over to the library.

#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = stance::cli::Cli::parse();
    let code = stance::cli::run(
        cli,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
