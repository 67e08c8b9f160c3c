//! Scenario errors that point at the place in the file: `file:line:col: what`.

use std::fmt;
use std::ops::Range;

use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file's path, or `builtin:NAME`.
    pub origin: String,
    /// 1-based line and column (0 when the error has no place).
    pub line: usize,
    pub col: usize,
    /// What is wrong, in any language.
    pub message: Msg,
}

impl ScenarioError {
    /// An error at a byte range of `source`.
    pub fn at(origin: &str, source: &str, span: Option<Range<usize>>, message: Msg) -> Self {
        let (line, col) = span.map_or((0, 0), |s| line_col(source, s.start));
        ScenarioError {
            origin: origin.to_string(),
            line,
            col,
            message,
        }
    }

    /// An error about the whole input (no file position).
    pub fn whole(origin: &str, message: Msg) -> Self {
        ScenarioError {
            origin: origin.to_string(),
            line: 0,
            col: 0,
            message,
        }
    }

    /// Where it is (`file:line:col`, or the file alone).
    pub fn place(&self) -> String {
        if self.line == 0 {
            self.origin.clone()
        } else {
            format!("{}:{}:{}", self.origin, self.line, self.col)
        }
    }

    /// `file:line:col: what is wrong`, to be said in any language (the
    /// place stays as it is).
    pub fn msg(&self) -> Msg {
        crate::msg!(
            "error-at",
            place = self.place(),
            what = self.message.clone()
        )
    }

    /// `file:line:col: what is wrong`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(), self.message.render(lang))
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

/// English.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ScenarioError {}
