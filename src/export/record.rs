//! Recordings: one header line, then every event as JSON Lines; and the
//! reader, which says `FILE:LINE: what is wrong` for anything it cannot use.
//!
//! Version 2 (this one) writes states as one word with their detail beside
//! them (`"state":"joining","holder":3`), and a typed header; version 1
//! files (`"state":{"state":"joining","on":3}`) still play.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::event::{Event, MAX_TIME, Nanos, ThreadId};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::scenario::Words;

/// The format's name and version, in every header.
pub const FORMAT: &str = "threadline-record";
pub const VERSION: u32 = 2;
/// The longest line a recording may have (a header, one event).
pub const LINE_LIMIT: usize = 1 << 20;

/// The options a run was made with, as given (none for a traced program
/// but its command line).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordOptions {
    pub speed: Option<f64>,
    pub seed: Option<u64>,
    pub daemon: Option<bool>,
    pub workers: Option<u32>,
    /// Without the GIL, how many threads ran at once.
    pub cores: Option<usize>,
    /// The interpreter a scenario modelled.
    pub python: Option<crate::scenario::Python>,
    /// A traced program's command line.
    pub command: Option<Vec<String>>,
}

/// What was run, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// The threadline that wrote it.
    pub threadline: String,
    pub scenario: String,
    pub words: Words,
    pub gil: bool,
    #[serde(default)]
    pub options: RecordOptions,
}

impl Header {
    pub fn new(scenario: &str, words: Words, gil: bool, options: RecordOptions) -> Self {
        Header {
            format: FORMAT.into(),
            version: VERSION,
            threadline: env!("CARGO_PKG_VERSION").into(),
            scenario: scenario.into(),
            words,
            gil,
            options,
        }
    }
}

/// A version 1 header: words loose, options untyped.
#[derive(Deserialize)]
struct HeaderV1 {
    threadline: String,
    scenario: String,
    title: String,
    #[serde(default)]
    note: Option<String>,
    gil: bool,
    #[serde(default)]
    options: Value,
}

impl HeaderV1 {
    fn upgrade(self) -> Header {
        let o = &self.options;
        let options = RecordOptions {
            speed: o.get("speed").and_then(Value::as_f64),
            seed: o.get("seed").and_then(Value::as_u64),
            daemon: o.get("daemon").and_then(Value::as_bool),
            workers: o
                .get("workers")
                .and_then(Value::as_u64)
                .and_then(|w| u32::try_from(w).ok()),
            cores: o
                .get("cores")
                .and_then(Value::as_u64)
                .and_then(|c| usize::try_from(c).ok()),
            python: None,
            command: o.get("command").and_then(|c| {
                c.as_array().map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
            }),
        };
        // A built-in's title is its own: keep its id so it is said in any language.
        let builtin = crate::scenario::builtin_names()
            .find(|n| *n == self.scenario)
            .map(String::from);
        Header {
            format: FORMAT.into(),
            version: 1,
            threadline: self.threadline,
            scenario: self.scenario,
            words: Words {
                builtin,
                title: self.title,
                summary: String::new(),
                note: self.note,
                variant: None,
                unscripted: false,
            },
            gil: self.gil,
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
    /// What is wrong, with its place: `FILE:LINE: …`.
    pub fn msg(&self) -> Msg {
        let place = if self.line == 0 {
            crate::text::escape(&self.file).into_owned()
        } else {
            format!("{}:{}", crate::text::escape(&self.file), self.line)
        };
        msg!("error-at", place = place, what = self.message.clone())
    }
}

/// English.
impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render(Lang::En))
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

/// One line at most [`LINE_LIMIT`] long; `None` at the end.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Result<(), ()>>> {
    buf.clear();
    let n = Read::take(&mut *input, LINE_LIMIT as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > LINE_LIMIT {
        return Ok(Some(Err(())));
    }
    Ok(Some(Ok(())))
}

/// A version 1 event: its state was an object, `{"state":"joining","on":3}`.
fn upgrade_v1(mut v: Value) -> Value {
    if let Some(obj) = v.as_object_mut()
        && let Some(Value::Object(state)) = obj.get("state").cloned()
    {
        let word = state.get("state").cloned().unwrap_or(Value::Null);
        obj.insert("state".into(), word);
        if let Some(on) = state.get("on") {
            obj.insert("holder".into(), on.clone());
        }
    }
    v
}

/// Read a recording; `file` names it in errors.
pub fn parse(file: &str, mut input: impl BufRead) -> Result<Recording, ReplayError> {
    let err = |line: usize, message: Msg| ReplayError {
        file: file.to_string(),
        line,
        message,
    };
    let read_err =
        |n: usize, e: io::Error| err(n, msg!("replay-cannot-read", error = e.to_string()));
    let too_long = |n: usize| err(n, msg!("replay-line-too-long", max = LINE_LIMIT));
    let mut buf = Vec::new();
    match next_line(&mut input, &mut buf).map_err(|e| read_err(1, e))? {
        None => return Err(err(1, msg!("replay-empty"))),
        Some(Err(())) => return Err(too_long(1)),
        Some(Ok(())) => {}
    }
    let first: Value = serde_json::from_slice(&buf)
        .map_err(|e| err(1, msg!("replay-bad-header", error = e.to_string())))?;
    let format = first.get("format").and_then(Value::as_str).unwrap_or("");
    if format != FORMAT {
        return Err(err(
            1,
            msg!(
                "replay-bad-format",
                format = crate::text::escape(format).into_owned()
            ),
        ));
    }
    let version = first.get("version").and_then(Value::as_u64).unwrap_or(0);
    let header = match version {
        1 => serde_json::from_value::<HeaderV1>(first).map(HeaderV1::upgrade),
        2 => serde_json::from_value::<Header>(first),
        v => {
            return Err(err(
                1,
                msg!(
                    "replay-bad-version",
                    version = v.to_string(),
                    supported = "1, 2"
                ),
            ));
        }
    }
    .map_err(|e| err(1, msg!("replay-bad-header", error = e.to_string())))?;
    let mut events = Vec::new();
    let mut last: HashMap<ThreadId, Nanos> = HashMap::new();
    let mut run = None;
    let mut n = 1;
    loop {
        n += 1;
        match next_line(&mut input, &mut buf).map_err(|e| read_err(n, e))? {
            None => break,
            Some(Err(())) => return Err(too_long(n)),
            Some(Ok(())) => {}
        }
        if buf.trim_ascii().is_empty() {
            continue;
        }
        let bad = |e: serde_json::Error| err(n, msg!("replay-bad-event", error = e.to_string()));
        let ev: Event = if version == 1 {
            let v: Value = serde_json::from_slice(&buf).map_err(bad)?;
            serde_json::from_value(upgrade_v1(v)).map_err(bad)?
        } else {
            serde_json::from_slice(&buf).map_err(bad)?
        };
        if ev.at > MAX_TIME {
            return Err(err(
                n,
                msg!(
                    "replay-time-too-late",
                    at = ev.at.to_string(),
                    max = MAX_TIME.to_string()
                ),
            ));
        }
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
        // A measured CPU time places no span: one read a little behind the
        // thread's records (recordings of earlier versions) is fine.
        let measured = matches!(ev.kind, crate::event::EventKind::Cpu { .. });
        if let Some(&prev) = last.get(&ev.thread)
            && ev.at < prev
            && !measured
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
        if !measured {
            last.insert(ev.thread, ev.at);
        }
        events.push(ev);
    }
    Ok(Recording { header, events })
}
