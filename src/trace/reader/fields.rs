//! The fields of a record: bare words and JSON strings.

/// A field of a record: a bare word or a JSON string (borrowed from the
/// line unless it had escapes).
#[derive(Debug, PartialEq)]
pub(super) enum Field<'a> {
    Word(&'a str),
    Text(std::borrow::Cow<'a, str>),
}

impl Field<'_> {
    pub(super) fn word(&self) -> Option<&str> {
        match self {
            Field::Word(w) => Some(w),
            Field::Text(_) => None,
        }
    }

    /// A JSON string's text, or None for `-` (absent).
    pub(super) fn text(&self) -> Option<&str> {
        match self {
            Field::Text(t) => Some(t),
            Field::Word(_) => None,
        }
    }
}

/// Split a record into its fields: words separated by one space, strings
/// JSON-encoded (so a space inside one is no separator).
pub(super) fn fields(line: &str) -> Option<Vec<Field<'_>>> {
    let b = line.as_bytes();
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            if j >= b.len() {
                return None;
            }
            let raw = &line[i..=j];
            let text = if raw.contains('\\') {
                std::borrow::Cow::Owned(serde_json::from_str::<String>(raw).ok()?)
            } else {
                std::borrow::Cow::Borrowed(&line[i + 1..j])
            };
            out.push(Field::Text(text));
            i = j + 1;
        } else {
            let j = line[i..].find(' ').map_or(b.len(), |k| i + k);
            out.push(Field::Word(&line[i..j]));
            i = j;
        }
    }
    Some(out)
}

/// Field `i` as a bare word.
pub(super) fn word<'a>(f: &'a [Field<'_>], i: usize) -> Option<&'a str> {
    f.get(i)?.word()
}

/// Field `i` as a JSON string.
pub(super) fn text<'a>(f: &'a [Field<'_>], i: usize) -> Option<&'a str> {
    f.get(i)?.text()
}

/// Field `i` as a number.
pub(super) fn num(f: &[Field<'_>], i: usize) -> Option<u32> {
    word(f, i)?.parse().ok()
}

/// The time of a record (field 1). A time past the bound is no time of a
/// real run: the line is dropped.
pub(super) fn at(f: &[Field<'_>]) -> Option<crate::event::Nanos> {
    let t: crate::event::Nanos = word(f, 1)?.parse().ok()?;
    (t <= crate::event::MAX_TIME).then_some(t)
}
