//! `threadline trace -- python3 x.py`: a real program, in the dashboard or
//! in plain text (its output passed through, then the summary).

use std::io::{self, IsTerminal};

use crate::cli::TraceArgs;
use crate::failure::{Done, Failure, Outcome};
use crate::i18n::Lang;
use crate::trace::{self, TraceOptions};

pub fn trace(args: TraceArgs, lang: Lang) -> Outcome {
    let outputs = args.show.out.outputs();
    outputs.check().map_err(Failure::Usage)?;
    let mut opts = TraceOptions::new(args.command);
    opts.python = args.python;
    if !args.show.plain && io::stdout().is_terminal() {
        opts.capture = true; // the dashboard shows the program's output
        return crate::ui::trace(opts, args.show.look, outputs, lang);
    }
    let header = crate::setup::trace_header(&opts.command);
    opts.foreground = true;
    opts.stderr_direct = true;
    opts.stdout_direct = true;
    let traced = trace::start(opts).map_err(|e| e.failure())?;
    if let Some(w) = &traced.warning {
        super::warn(lang, w);
    }
    let keep = outputs.needs_events();
    let run = trace::plain::follow(traced, keep, lang, &mut io::stdout().lock());
    super::plain_outcome(run, &outputs, &header, lang, |done| Done::Exited(done.code))
}
