//! Dispatch of the commands; the exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use crate::cli::{Cli, Command, RunArgs, TraceArgs};
use crate::runtime::RunOptions;
use crate::scenario::{self, BUILTIN, Overrides, Program};

/// Exit codes: 0 success, 1 runtime error, 2 bad usage or bad input.
pub const EXIT_RUNTIME: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main(cli: Cli) -> ExitCode {
    match cli.command.unwrap_or(Command::Run(RunArgs::default())) {
        Command::List => list(&mut io::stdout().lock()),
        Command::Run(args) => run(&args),
        Command::Trace(args) => trace(args),
    }
}

fn list(out: &mut dyn Write) -> ExitCode {
    for (name, _) in BUILTIN {
        let summary = scenario::builtin(name, Overrides::default())
            .and_then(Result::ok)
            .map(|p| p.summary)
            .unwrap_or_default();
        if writeln!(out, "{name:<8} {summary}").is_err() {
            return ExitCode::from(EXIT_RUNTIME);
        }
    }
    ExitCode::SUCCESS
}

/// The program a `run` asks for, or the error to print.
pub fn load_program(args: &RunArgs) -> Result<Program, scenario::ScenarioError> {
    let ov = Overrides {
        daemon: args.daemon_override(),
        workers: args.workers,
        gil: args.gil_override(),
    };
    scenario::load(&args.scenario, ov)
}

fn run_options(args: &RunArgs) -> RunOptions {
    RunOptions {
        speed: args.speed,
        seed: args.seed.unwrap_or_else(|| fastrand::u64(..)),
        paused: false,
    }
}

fn run(args: &RunArgs) -> ExitCode {
    let program = match load_program(args) {
        Ok(p) => Arc::new(p),
        Err(e) => {
            eprintln!("threadline: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if args.plain || !io::stdout().is_terminal() {
        let opts = run_options(args);
        return match crate::plain::run(program, opts, &mut io::stdout().lock()) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("threadline: {e}");
                ExitCode::from(EXIT_RUNTIME)
            }
        };
    }
    crate::ui::run(args)
}

fn trace(args: TraceArgs) -> ExitCode {
    use crate::trace::{self, TraceError, TraceOptions};
    let mut opts = TraceOptions::new(args.command);
    opts.python = args.python;
    if !args.plain && io::stdout().is_terminal() {
        opts.capture = true; // the dashboard shows the program's output
        return crate::ui::trace(opts);
    }
    opts.foreground = true;
    opts.stderr_direct = true;
    let traced = match trace::start(opts) {
        Ok(t) => t,
        Err(e @ (TraceError::NoPython { .. } | TraceError::NoCommand)) => {
            eprintln!("threadline: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
        Err(e) => {
            eprintln!("threadline: {e}");
            return ExitCode::from(EXIT_RUNTIME);
        }
    };
    if let Some(w) = &traced.warning {
        eprintln!("threadline: {w}");
    }
    match trace::plain::follow(traced, &mut io::stdout().lock()) {
        Ok(done) => ExitCode::from(u8::try_from(done.code).unwrap_or(EXIT_RUNTIME)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("threadline: {e}");
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}
