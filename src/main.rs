use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = threadline::cli::Cli::parse();
    threadline::commands::main(cli)
}
