//! Reading the interpreter's own options: some of them switch the tracer off.

use std::ffi::{OsStr, OsString};
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn isolated_modes_warn() {
        assert!(tracer_disabled_by(&args(&["-I", "x.py"])).is_some());
        assert!(tracer_disabled_by(&args(&["-uS", "x.py"])).is_some());
        assert!(tracer_disabled_by(&args(&["-W", "error", "-E", "x.py"])).is_some());
    }

    #[test]
    fn script_arguments_do_not_warn() {
        assert!(tracer_disabled_by(&args(&["x.py", "-I"])).is_none());
        assert!(tracer_disabled_by(&args(&["-c", "pass", "-I"])).is_none());
        assert!(tracer_disabled_by(&args(&["-u", "x.py"])).is_none());
    }
}
