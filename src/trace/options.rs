//! What to trace and how (`TraceOptions`), why it could not start
//! (`TraceError`), and reading the interpreter's own options: some of them
//! switch the tracer off.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io;
use std::path::Path;

use crate::i18n::Msg;
use crate::msg;

/// What to run and how.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    /// The interpreter; `None` takes the first word of `command`.
    pub python: Option<OsString>,
    /// `python3 script.py ARGS…`: the interpreter (unless `python` is set)
    /// then its arguments.
    pub command: Vec<OsString>,
    /// Run id carried by every event.
    pub run: u64,
    /// Pipe the child's raw stdout/stderr and report them as main's output
    /// (for the dashboard). When false the child shares our terminal.
    pub capture: bool,
    /// Make the child's process group the terminal's foreground group, so
    /// Ctrl-C reaches it as it would without threadline (plain mode).
    pub foreground: bool,
    /// Leave Python's `sys.stderr` alone: its text goes straight to the
    /// child's stderr instead of becoming attributed output events (plain
    /// mode, so tracebacks and warnings land on stderr as usual).
    pub stderr_direct: bool,
    /// Python's `sys.stdout` writes to the child's stdout itself, as it
    /// would untraced, and its lines are reported too (plain mode: its
    /// order beside `os.write`, C code's and children's output is kept;
    /// [`super::plain::follow`] then does not write them again).
    pub stdout_direct: bool,
}

impl TraceOptions {
    pub fn new(command: Vec<OsString>) -> Self {
        TraceOptions {
            python: None,
            command,
            run: 1,
            capture: false,
            foreground: false,
            stderr_direct: false,
            stdout_direct: false,
        }
    }

    /// The interpreter and its arguments.
    pub(super) fn split(&self) -> Option<(OsString, Vec<OsString>)> {
        match &self.python {
            Some(p) => {
                let mut args = self.command.clone();
                // `--python X -- python3 script.py`: X replaces `python3`.
                if args.first().is_some_and(|a| looks_like_python(a)) {
                    args.remove(0);
                }
                Some((p.clone(), args))
            }
            None => {
                let (first, rest) = self.command.split_first()?;
                Some((first.clone(), rest.to_vec()))
            }
        }
    }
}

/// Why a trace could not start.
#[derive(Debug)]
pub enum TraceError {
    /// Nothing to run.
    NoCommand,
    /// The interpreter could not be started.
    NoPython { python: OsString, source: io::Error },
    /// Something else went wrong (temporary directory, pipe).
    Io(io::Error),
}

impl TraceError {
    /// What went wrong, to be said in any language.
    pub fn msg(&self) -> Msg {
        match self {
            TraceError::NoCommand => msg!("trace-no-command"),
            TraceError::NoPython { python, source } => msg!(
                "trace-no-python",
                python = python.to_string_lossy().into_owned(),
                error = source.to_string()
            ),
            TraceError::Io(e) => msg!("trace-cannot-start", error = e.to_string()),
        }
    }

    /// The command's failure: a missing interpreter or command is bad usage.
    pub fn failure(&self) -> crate::failure::Failure {
        use crate::failure::Failure;
        match self {
            TraceError::NoCommand | TraceError::NoPython { .. } => Failure::Usage(self.msg()),
            TraceError::Io(_) => Failure::Runtime(self.msg()),
        }
    }
}

/// English.
impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.msg().fmt(f)
    }
}

impl std::error::Error for TraceError {}

/// What to call a traced program: its script's file name (the first
/// argument after the interpreter that is not an option), else `python`.
pub fn program_name(command: &[OsString]) -> String {
    command
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(|a| {
            let p = std::path::Path::new(a);
            p.file_name().unwrap_or(a).to_string_lossy().into_owned()
        })
        .unwrap_or_else(|| "python".into())
}

/// Does this word name a Python interpreter (`python3`, `/usr/bin/python3.12`)?
pub fn looks_like_python(word: &OsStr) -> bool {
    Path::new(word)
        .file_name()
        .and_then(OsStr::to_str)
        .is_some_and(|n| n.starts_with("python") || n.starts_with("pypy"))
}

/// A warning if the interpreter's options (before the script) include `-I`,
/// `-S` or `-E`, which stop CPython from importing the tracer.
pub fn tracer_disabled_by(args: &[OsString]) -> Option<crate::i18n::Msg> {
    let mut found = Vec::new();
    let mut skip_value = false;
    for arg in args {
        if skip_value {
            skip_value = false;
            continue;
        }
        let Some(a) = arg.to_str() else { break };
        if a == "--" || !a.starts_with('-') || a == "-" || a.starts_with("--") {
            break;
        }
        let mut stop = false;
        for (i, c) in a[1..].char_indices() {
            match c {
                'I' | 'S' | 'E' => found.push(c),
                'c' | 'm' => {
                    stop = true;
                    break;
                }
                'W' | 'X' => {
                    // The value is the rest of this word, or the next word.
                    skip_value = i + 2 == a.len();
                    break;
                }
                _ => {}
            }
        }
        if stop {
            break;
        }
    }
    if found.is_empty() {
        return None;
    }
    let flags: Vec<String> = found.iter().map(|c| format!("-{c}")).collect();
    Some(crate::msg!(
        "trace-tracer-disabled",
        flags = flags.join(", ")
    ))
}

/// `words` as a command line (for the tests here and elsewhere).
#[cfg(test)]
pub(crate) fn os_words(words: &[&str]) -> Vec<OsString> {
    words.iter().map(OsString::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolated_modes_warn() {
        assert!(tracer_disabled_by(&os_words(&["-I", "x.py"])).is_some());
        assert!(tracer_disabled_by(&os_words(&["-uS", "x.py"])).is_some());
        assert!(tracer_disabled_by(&os_words(&["-W", "error", "-E", "x.py"])).is_some());
    }

    #[test]
    fn script_arguments_do_not_warn() {
        assert!(tracer_disabled_by(&os_words(&["x.py", "-I"])).is_none());
        assert!(tracer_disabled_by(&os_words(&["-c", "pass", "-I"])).is_none());
        assert!(tracer_disabled_by(&os_words(&["-u", "x.py"])).is_none());
    }
}
