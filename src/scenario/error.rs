//! Scenario errors that point at the place in the file: `file:line:col: what`.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file's path, or `builtin:NAME`.
    pub origin: String,
    /// 1-based line and column (0 when the error has no place).
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl ScenarioError {
    /// An error at a byte range of `source`.
    pub fn at(
        origin: &str,
        source: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = span.map_or((0, 0), |s| line_col(source, s.start));
        ScenarioError {
            origin: origin.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    /// An error about the whole input (no file position).
    pub fn whole(origin: &str, message: impl Into<String>) -> Self {
        ScenarioError {
            origin: origin.to_string(),
            line: 0,
            col: 0,
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.origin, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.origin, self.line, self.col, self.message
            )
        }
    }
}

impl std::error::Error for ScenarioError {}
