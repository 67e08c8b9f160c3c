//! The code pane's program: a scenario's Python twin (what `threadline
//! source` prints) with where its steps are in it, or a traced program's
//! own script as it is on disk.

use super::{Origin, Session};
use crate::scenario::{TwinLine, TwinSites, twin_differences};

/// At most this much of a script is read for the pane.
const MAX_SOURCE: u64 = 1 << 20;

/// A program's source, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The file's name as sites say it (`bank.py`), or the twin's.
    pub file: String,
    pub lines: Vec<String>,
    /// A scenario's twin: where its steps are in it (its events say the
    /// scenario's line, `join.toml:10`).
    pub steps: Option<TwinSites>,
}

impl Code {
    fn new(file: String, text: &str, steps: Option<TwinSites>) -> Code {
        Code {
            file,
            lines: text.lines().map(str::to_string).collect(),
            steps,
        }
    }

    /// The line (from 1) of this code that `site` (`bank.py:14`, or a
    /// scenario's `join.toml:10`) says, for a thread that is waiting for a
    /// lock there or not; None for a site in another file or past the end.
    pub fn line_of(&self, site: &str, waiting_lock: bool) -> Option<usize> {
        let (file, line) = site.rsplit_once(':')?;
        let line = line.parse::<u32>().ok()?;
        let line = if file == self.file {
            line
        } else {
            let steps = self.steps.as_ref().filter(|s| s.file == file)?;
            steps.line(line, waiting_lock)?
        };
        let line = usize::try_from(line).ok()?;
        (1..=self.lines.len()).contains(&line).then_some(line)
    }
}

/// The script of `python [options] script.py args…`: the first argument
/// after the interpreter that is not an option (None for `-c` and `-m`,
/// whose code is no file of the user's).
fn script_of(command: &[std::ffi::OsString]) -> Option<&std::path::Path> {
    let mut args = command.iter().skip(1);
    while let Some(arg) = args.next() {
        let s = arg.to_str()?;
        if s.starts_with("-c") || s.starts_with("-m") {
            return None;
        }
        // The options whose value is the next argument.
        if matches!(s, "-X" | "-W" | "--check-hash-based-pycs") {
            args.next();
        } else if !s.starts_with('-') {
            return Some(std::path::Path::new(arg));
        }
    }
    None
}

fn read(path: &std::path::Path) -> Option<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_SOURCE)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

impl Session {
    /// The source the code pane shows for this session's program, if
    /// there is one (a replay has none: a recording keeps no source).
    pub(super) fn load_code(&self) -> Option<Code> {
        match &self.origin {
            Origin::Scenario { settings, .. } => {
                let (text, steps) = crate::scenario::python_twin(&settings.scenario).ok()?;
                let file = format!("{}.py", self.program.name);
                Some(Code::new(file, &text, Some(steps)))
            }
            Origin::Trace(opts) => {
                let path = script_of(&opts.command)?;
                let text = read(path)?;
                let file = path.file_name()?.to_string_lossy().into_owned();
                Some(Code::new(file, &text, None))
            }
            Origin::Replay(_) => None,
        }
    }

    /// The code pane's program.
    pub fn code(&self) -> Option<&Code> {
        self.code.as_ref()
    }

    /// The lines of a split view's two programs (scenarios' twins) that
    /// only one of them has, in a line diff's order; none for one run, or
    /// two variants of one program.
    pub(super) fn load_code_differences(&self) -> Vec<TwinLine> {
        let (Origin::Scenario { settings, .. }, Some(twin)) = (&self.origin, self.twin()) else {
            return Vec::new();
        };
        twin_differences(&settings.scenario, &twin.settings.scenario).unwrap_or_default()
    }

    /// See [`Session::load_code_differences`].
    pub fn code_differences(&self) -> &[TwinLine] {
        &self.code_diff
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::options::os_words as cmd;

    #[test]
    fn the_script_is_the_first_argument_that_is_no_option() {
        let s = cmd(&["python3", "-u", "-X", "dev", "bank.py", "--fast"]);
        assert_eq!(script_of(&s), Some(std::path::Path::new("bank.py")));
        assert_eq!(script_of(&cmd(&["python3", "-c", "print(1)"])), None);
        assert_eq!(script_of(&cmd(&["python3", "-m", "http.server"])), None);
    }
}
