//! Recordings: one header line, then every event as JSON Lines; and the
//! reader, which says `FILE:LINE: what is wrong` for anything it cannot use.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::event::{Event, Nanos, ThreadId};
use crate::i18n::{Lang, Msg};
use crate::msg;

/// The format's name and version, in every header.
pub const FORMAT: &str = "threadline-record";
pub const VERSION: u32 = 1;

/// What was run, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// The threadline that wrote it.
    pub threadline: String,
    pub scenario: String,
    pub title: String,
    #[serde(default)]
    pub note: Option<String>,
    pub gil: bool,
    /// The options of the run (speed, seed, overrides, command), as given.
    #[serde(default)]
    pub options: serde_json::Value,
}

impl Header {
    pub fn new(
        scenario: &str,
        title: &str,
        note: Option<&str>,
        gil: bool,
        options: serde_json::Value,
    ) -> Self {
        Header {
            format: FORMAT.into(),
            version: VERSION,
            threadline: env!("CARGO_PKG_VERSION").into(),
            scenario: scenario.into(),
            title: title.into(),
            note: note.map(String::from),
            gil,
            options,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recording {
    pub header: Header,
    pub events: Vec<Event>,
}

/// A recording that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayError {
    pub file: String,
    pub line: usize,
    pub message: Msg,
}

impl ReplayError {
    /// `FILE:LINE: what is wrong`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}:{}: {}", self.file, self.line, self.message.render(lang))
    }
}

/// English.
impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ReplayError {}

pub fn write(out: &mut dyn Write, header: &Header, events: &[Event]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, header)?;
    writeln!(out)?;
    for e in events {
        serde_json::to_writer(&mut *out, e)?;
        writeln!(out)?;
    }
    out.flush()
}

/// Read a recording from a file.
pub fn read(path: &Path) -> Result<Recording, ReplayError> {
    let file = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| ReplayError {
        file: file.clone(),
        line: 0,
        message: msg!("replay-cannot-open", error = e.to_string()),
    })?;
    parse(&file, io::BufReader::new(f))
}

/// Read a recording; `file` names it in errors.
pub fn parse(file: &str, input: impl BufRead) -> Result<Recording, ReplayError> {
    let err = |line: usize, message: Msg| ReplayError {
        file: file.to_string(),
        line,
        message,
    };
    let mut lines = input.lines().enumerate().map(|(i, l)| (i + 1, l));
    let (n, first) = match lines.next() {
        None => return Err(err(1, msg!("replay-empty"))),
        Some((n, l)) => (
            n,
            l.map_err(|e| err(n, msg!("replay-cannot-read", error = e.to_string())))?,
        ),
    };
    let header: Header = serde_json::from_str(&first)
        .map_err(|e| err(n, msg!("replay-bad-header", error = e.to_string())))?;
    if header.format != FORMAT {
        return Err(err(n, msg!("replay-bad-format", format = &header.format)));
    }
    if header.version != VERSION {
        return Err(err(
            n,
            msg!(
                "replay-bad-version",
                version = header.version.to_string(),
                supported = VERSION.to_string()
            ),
        ));
    }
    let mut events = Vec::new();
    let mut last: HashMap<ThreadId, Nanos> = HashMap::new();
    let mut run = None;
    for (n, line) in lines {
        let line = line.map_err(|e| err(n, msg!("replay-cannot-read", error = e.to_string())))?;
        if line.trim().is_empty() {
            continue;
        }
        let ev: Event = serde_json::from_str(&line)
            .map_err(|e| err(n, msg!("replay-bad-event", error = e.to_string())))?;
        if *run.get_or_insert(ev.run) != ev.run {
            return Err(err(
                n,
                msg!(
                    "replay-other-run",
                    run = ev.run.to_string(),
                    first = run.unwrap_or(0).to_string()
                ),
            ));
        }
        if let Some(&prev) = last.get(&ev.thread)
            && ev.at < prev
        {
            return Err(err(
                n,
                msg!(
                    "replay-out-of-order",
                    thread = ev.thread.to_string(),
                    prev = prev.to_string(),
                    at = ev.at.to_string()
                ),
            ));
        }
        last.insert(ev.thread, ev.at);
        events.push(ev);
    }
    Ok(Recording { header, events })
}
