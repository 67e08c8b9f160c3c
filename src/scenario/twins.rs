//! What differs between two scenarios' real Python programs (their twins,
//! `threadline source NAME`): the lines only one of them has, for a code
//! pane that shows a comparison's two programs.

use similar::{ChangeTag, TextDiff};

use super::{ScenarioError, python_source};

/// A line only one side's program has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwinLine {
    /// 0: side A's program, 1: side B's.
    pub side: usize,
    /// Its line number in that program (from 1).
    pub line: usize,
    pub text: String,
}

/// The lines of `a`'s and `b`'s programs (built-in names or scenario
/// files) that the other does not have, in the order of a line diff.
/// The same program on both sides (a variant by an override) gives none.
pub fn twin_differences(a: &str, b: &str) -> Result<Vec<TwinLine>, ScenarioError> {
    let (pa, pb) = (python_source(a)?, python_source(b)?);
    let diff = TextDiff::from_lines(&pa, &pb);
    let mut out = Vec::new();
    for change in diff.iter_all_changes() {
        let (side, index) = match change.tag() {
            ChangeTag::Equal => continue,
            ChangeTag::Delete => (0, change.old_index()),
            ChangeTag::Insert => (1, change.new_index()),
        };
        out.push(TwinLine {
            side,
            line: index.map_or(0, |i| i + 1),
            text: change.value().trim_end_matches(['\n', '\r']).to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_and_daemon_differ_by_the_daemon_flag() {
        let d = twin_differences("basic", "daemon").unwrap();
        assert!(
            d.iter().any(|l| l.side == 1 && l.text.contains("daemon")),
            "{d:?}"
        );
        assert!(d.iter().all(|l| l.line > 0));
        assert!(twin_differences("gil-cpu", "gil-cpu").unwrap().is_empty());
        assert!(twin_differences("basic", "nosuch").is_err());
    }
}
