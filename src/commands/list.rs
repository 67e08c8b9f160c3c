//! `threadline list`: the built-in scenarios, one line each; `threadline
//! source`: the Python program one stands for.

use std::io::{self, Write};

use crate::failure::{Done, Outcome, ended};
use crate::i18n::Lang;
use crate::scenario::{self, BUILTIN, Overrides};
use crate::text::pad_right;

pub fn list(lang: Lang) -> Outcome {
    let mut out = io::stdout().lock();
    let mut write = || -> io::Result<Done> {
        let width = BUILTIN.iter().map(|(n, _)| n.len()).max().unwrap_or(0) + 1;
        for (name, _) in BUILTIN {
            let summary = scenario::builtin(name, Overrides::default())
                .and_then(Result::ok)
                .map(|p| p.words.summary(lang))
                .unwrap_or_default();
            writeln!(out, "{} {summary}", pad_right(name, width))?;
        }
        Ok(Done::Success)
    };
    ended(write())
}

pub fn source(args: &crate::cli::SourceArgs) -> Outcome {
    let text = scenario::python_source(&args.scenario)
        .map_err(|e| crate::failure::Failure::Usage(e.msg()))?;
    ended(
        io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map(|()| Done::Success),
    )
}
