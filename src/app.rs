//! Dispatch of the commands; the exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use crate::cli::{Cli, Command, ReplayArgs, RunArgs, TraceArgs};
use crate::event::Event;
use crate::export::Outputs;
use crate::export::record::{self, Header};
use crate::i18n::{Lang, Msg, pad_right, scenario_text};
use crate::model::Timeline;
use crate::runtime::RunOptions;
use crate::scenario::{self, BUILTIN, Overrides, Program};
use crate::tr;

/// Exit codes: 0 success, 1 runtime error, 2 bad usage or bad input.
pub const EXIT_RUNTIME: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main(cli: Cli) -> ExitCode {
    let lang = cli.lang.resolve();
    match cli.command.unwrap_or(Command::Run(RunArgs::default())) {
        Command::List => list(lang, &mut io::stdout().lock()),
        Command::Run(args) => run(&args, lang),
        Command::Trace(args) => trace(args, lang),
        Command::Replay(args) => replay(&args, lang),
        Command::Demo(args) => demo(&args, lang),
        Command::Worker => ExitCode::from(crate::runtime::worker::serve() as u8),
    }
}

/// Say an error of ours on stderr, in `lang`.
pub fn say_error(lang: Lang, e: &Msg) {
    eprintln!("threadline: {}", e.render(lang));
}

/// Say what is wrong with the output paths, before anything runs.
fn check_outputs(out: &Outputs, lang: Lang) -> Result<(), ExitCode> {
    out.check().map_err(|e| {
        say_error(lang, &e);
        ExitCode::from(EXIT_USAGE)
    })
}

/// Write the outputs of a finished run; the exit code to end with.
pub fn write_outputs(
    out: &Outputs,
    header: &Header,
    events: &[Event],
    tl: &Timeline,
    lang: Lang,
) -> ExitCode {
    match out.write(header, events, tl, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "threadline: {}",
                tr!(lang, "error-write-output", error = e.to_string())
            );
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

/// The recording header of a scenario run.
pub fn scenario_header(program: &Program, speed: f64, seed: u64, args: &RunArgs) -> Header {
    let options = serde_json::json!({
        "speed": speed,
        "seed": seed,
        "daemon": args.daemon_override(),
        "workers": args.workers,
        "gil": program.gil,
        "cores": args.cores(),
    });
    Header::new(
        &program.name,
        &program.title,
        program.note.as_deref(),
        program.gil,
        options,
    )
}

fn demo(args: &crate::cli::DemoArgs, lang: Lang) -> ExitCode {
    if !io::stdout().is_terminal() {
        say_error(lang, &crate::msg!("demo-needs-terminal"));
        return ExitCode::from(EXIT_USAGE);
    }
    crate::ui::demo(args, lang)
}

fn replay(args: &ReplayArgs, lang: Lang) -> ExitCode {
    let rec = match record::read(&args.file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("threadline: {}", e.render(lang));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if args.plain || !io::stdout().is_terminal() {
        let tl = Timeline::from_events(&rec.events);
        let h = &rec.header;
        return match crate::plain::write_finished(
            &tl,
            h.note.as_deref(),
            h.gil,
            lang,
            &mut io::stdout().lock(),
        ) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("threadline: {e}");
                ExitCode::from(EXIT_RUNTIME)
            }
            _ => ExitCode::SUCCESS,
        };
    }
    crate::ui::replay(rec, args, lang)
}

fn list(lang: Lang, out: &mut dyn Write) -> ExitCode {
    for (name, _) in BUILTIN {
        let summary = scenario::builtin(name, Overrides::default())
            .and_then(Result::ok)
            .map(|p| scenario_text(lang, &p.summary))
            .unwrap_or_default();
        if writeln!(out, "{} {summary}", pad_right(name, 8)).is_err() {
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
        cores: args.cores(),
    }
}

fn run(args: &RunArgs, lang: Lang) -> ExitCode {
    let program = match load_program(args) {
        Ok(p) => Arc::new(p),
        Err(e) => {
            eprintln!("threadline: {}", e.render(lang));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let outputs = args.out.outputs();
    if let Err(code) = check_outputs(&outputs, lang) {
        return code;
    }
    if args.plain || !io::stdout().is_terminal() {
        let opts = run_options(args);
        let header = scenario_header(&program, opts.speed, opts.seed, args);
        return match crate::plain::run(program, opts, lang, &mut io::stdout().lock()) {
            Ok(done) => write_outputs(&outputs, &header, &done.events, &done.timeline, lang),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("threadline: {e}");
                ExitCode::from(EXIT_RUNTIME)
            }
        };
    }
    crate::ui::run(args, outputs, lang)
}

/// The recording header of a traced program.
pub fn trace_header(opts: &crate::trace::TraceOptions) -> Header {
    let command: Vec<String> = opts
        .command
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let options = serde_json::json!({ "command": command });
    Header::new("trace", &command.join(" "), None, true, options)
}

fn trace(args: TraceArgs, lang: Lang) -> ExitCode {
    use crate::trace::{self, TraceError, TraceOptions};
    let outputs = args.out.outputs();
    if let Err(code) = check_outputs(&outputs, lang) {
        return code;
    }
    let mut opts = TraceOptions::new(args.command);
    opts.python = args.python;
    if !args.plain && io::stdout().is_terminal() {
        opts.capture = true; // the dashboard shows the program's output
        return crate::ui::trace(opts, args.look, outputs, lang);
    }
    let header = trace_header(&opts);
    opts.foreground = true;
    opts.stderr_direct = true;
    let traced = match trace::start(opts) {
        Ok(t) => t,
        Err(e @ (TraceError::NoPython { .. } | TraceError::NoCommand)) => {
            say_error(lang, &e.msg());
            return ExitCode::from(EXIT_USAGE);
        }
        Err(e) => {
            say_error(lang, &e.msg());
            return ExitCode::from(EXIT_RUNTIME);
        }
    };
    if let Some(w) = &traced.warning {
        say_error(lang, w);
    }
    match trace::plain::follow(traced, lang, &mut io::stdout().lock()) {
        Ok(done) => {
            let written = write_outputs(&outputs, &header, &done.events, &done.timeline, lang);
            if written != ExitCode::SUCCESS {
                return written;
            }
            ExitCode::from(u8::try_from(done.code).unwrap_or(EXIT_RUNTIME))
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("threadline: {e}");
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}
