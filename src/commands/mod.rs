//! The commands: each returns an [`Outcome`]; this is the one place that
//! says a failure (`threadline: …`) and turns the outcome into the exit code.

mod compare;
mod docs;
mod list;
mod replay;
mod run;
mod trace;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use crate::cli::{Cli, Command, RunArgs};
use crate::failure::{Done, EXIT_RUNTIME, Failure, Outcome};
use crate::i18n::Lang;

pub fn main(cli: Cli) -> ExitCode {
    let lang = cli.lang.resolve();
    let outcome = match cli.command.unwrap_or(Command::Run(RunArgs::default())) {
        Command::List => list::list(lang),
        Command::Source(args) => list::source(&args),
        Command::Run(args) => run::run(&args, lang),
        Command::Trace(args) => trace::trace(args, lang),
        Command::Replay(args) => replay::replay(&args, lang),
        Command::Demo(args) => demo(&args, lang),
        Command::Compare(args) => compare::compare(&args, lang),
        Command::Completions(args) => docs::completions(&args),
        Command::Man => docs::man(),
        Command::Worker => crate::runtime::worker::serve(),
    };
    exit(lang, outcome)
}

/// Say a failure on stderr in `lang`, and the exit code for the outcome.
pub fn exit(lang: Lang, outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(Done::Success) => ExitCode::SUCCESS,
        Ok(Done::Exited(code)) => ExitCode::from(u8::try_from(code).unwrap_or(EXIT_RUNTIME)),
        Err(f) => {
            let said = f.msg().render(lang);
            eprintln!("threadline: {}", crate::text::escape_lines(&said));
            ExitCode::from(f.code())
        }
    }
}

fn demo(args: &crate::cli::DemoArgs, lang: Lang) -> Outcome {
    if !io::stdout().is_terminal() {
        return Err(Failure::Usage(crate::msg!("demo-needs-terminal")));
    }
    crate::ui::demo(args, lang)
}

/// After a plain run: its outputs written (also when standard output
/// closed and the run was stopped), a deadlock's failure, else the outcome
/// `done` gives.
fn plain_outcome(
    run: io::Result<crate::plain::Finished>,
    outputs: &crate::export::Outputs,
    header: &crate::export::record::Header,
    lang: Lang,
    done: impl FnOnce(&crate::plain::Finished) -> Done,
) -> Outcome {
    let finished = match run {
        Ok(f) => f,
        Err(e) => return crate::failure::ended(Err(e)),
    };
    outputs.save(header, &finished.events, &finished.timeline, lang)?;
    if finished.output_closed {
        return Ok(Done::Success); // as Unix tools end when their reader has
    }
    finished.deadlocked()?;
    Ok(done(&finished))
}

/// A warning that does not stop the command, on stderr in `lang`.
pub fn warn(lang: Lang, m: &crate::i18n::Msg) {
    eprintln!("threadline: {}", crate::text::escape_lines(&m.render(lang)));
}
