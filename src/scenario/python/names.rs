//! Python spellings: reserved and taken names, identifiers, string literals
//! and f-strings for a scenario's words.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::RawStep;

/// Python's reserved words, and the names the program itself uses: its
/// modules, helpers, globals and loop variables, and the builtins it calls.
/// (`lock`, the helper for locks named from a thread's place, is taken
/// only where there is one: see [`HELPER_LOCK`].)
pub(super) const TAKEN: &[&str] = &[
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "os",
    "sys",
    "time",
    "threading",
    "multiprocessing",
    "warnings",
    "compute",
    "join_thread",
    "locks",
    "SCALE",
    "threads",
    "processes",
    "p",
    "every_thread",
    "t",
    "i",
    "_",
    "self",
    "value",
    "print",
    "range",
    "super",
    "float",
    "len",
    "DeprecationWarning",
];

/// The helper `lock(name)`, taken when some lock's name is made from a
/// thread's place.
pub(super) const HELPER_LOCK: &str = "lock";

/// A letter every CPython takes in an identifier as it is: one of Unicode
/// 2.0's, the same in NFKC, and composing with no other such letter.
/// ASCII's, Latin-1's, basic Greek and Cyrillic, kana, CJK and Hangul.
fn plain_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || matches!(c,
            'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ'
            | 'Α'..='Ρ' | 'Σ'..='Ω' | 'α'..='ω'
            | 'А'..='я'
            | '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}'
            | '\u{4e00}'..='\u{9fa5}' | '\u{ac00}'..='\u{d7a3}')
}

/// A Python identifier for `name`, not in `taken`: valid in every CPython,
/// and never the same as another (Python reads identifiers in their NFKC
/// form: `ﬁ` is `fi`). Plain letters (see [`plain_letter`]), digits and
/// `_` are kept; another letter or digit is spelled by its code point
/// (`x²` is `xu00b2`); anything else is `_`.
pub(super) fn identifier(name: &str, taken: &BTreeSet<String>) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if plain_letter(c) {
            id.push(c);
        } else if c.is_alphanumeric() {
            let _ = write!(id, "u{:04x}", c as u32);
        } else {
            id.push('_');
        }
    }
    // A name Python would mangle inside a class (`__x`), or one of its own
    // (`__name__`).
    let private = id.starts_with("__") && (!id.ends_with("__") || id.len() > 4);
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) || private {
        id.insert(0, 't');
    }
    while taken.contains(&id) || TAKEN.contains(&id.as_str()) {
        id.push('_');
    }
    id
}

/// A Python string literal for `text`.
pub(super) fn literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An f-string for `text` where each `{key}` becomes `{expr}`.
pub(super) fn f_string(text: &str, key: &str, expr: &str) -> String {
    f_string_of(text, &[(key, expr)])
}

/// An f-string for `text` where each `{key}` of `subs` becomes `{expr}`.
pub(super) fn f_string_of(text: &str, subs: &[(&str, &str)]) -> String {
    let patterns: Vec<(String, &str)> = subs
        .iter()
        .filter(|(k, _)| text.contains(&format!("{{{k}}}")))
        .map(|(k, e)| (format!("{{{k}}}"), *e))
        .collect();
    if patterns.is_empty() {
        return literal(text);
    }
    // Cut the text at every pattern, escape the pieces, put the exprs back.
    let mut out = String::from("f\"");
    let mut rest = text;
    while !rest.is_empty() {
        let next = patterns
            .iter()
            .filter_map(|(p, e)| rest.find(p.as_str()).map(|i| (i, p, e)))
            .min_by_key(|(i, _, _)| *i);
        let (piece, tail) = match next {
            Some((i, p, e)) => {
                let (piece, tail) = rest.split_at(i);
                (piece, Some((&tail[p.len()..], e)))
            }
            None => (rest, None),
        };
        let l = literal(piece);
        out.push_str(&l[1..l.len() - 1].replace('{', "{{").replace('}', "}}"));
        match tail {
            Some((tail, e)) => {
                out.push_str(&format!("{{{e}}}"));
                rest = tail;
            }
            None => rest = "",
        }
    }
    out.push('"');
    out
}

/// What `{name}`, `{i}` and `{next}` are inside a thread's `run`.
pub(super) const SELF_SUBS: [(&str, &str); 3] = [
    ("name", "self.name"),
    ("i", "self.i"),
    ("next", "(self.i + 1) % self.count"),
];

/// Does a class's run use its thread's place in its spawn (`{i}`, `{next}`)?
pub(super) fn uses_place(steps: &[&RawStep]) -> bool {
    steps.iter().any(|s| {
        [&s.print, &s.acquire, &s.release, &s.lock]
            .into_iter()
            .flatten()
            .any(|t| t.get_ref().contains("{i}") || t.get_ref().contains("{next}"))
    })
}
