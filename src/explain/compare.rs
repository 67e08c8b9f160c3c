//! The words of a comparison of two runs: each side's title line, and what
//! differs (from [`crate::model::diff`]), shared by the dashboard's split
//! view, plain mode and the SVG card.

use crate::event::{Nanos, to_secs};
use crate::i18n::{Arg, Lang, Msg};
use crate::look;
use crate::model::diff::{Diff, End, Side};
use crate::text::escape;
use crate::{msg, tr};

/// The sides' names, as the title lines and the differences say them.
pub const SIDES: [&str; 2] = ["A", "B"];

/// How one side runs, for its title line.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub side: Side,
    /// The scenario's title (a variant's own, when it has one), in the
    /// language it is said in.
    pub title: String,
    /// The interpreter modelled (`3.13`, `3.13t`), with its GIL or not.
    pub python: String,
    pub gil: bool,
    /// Without the GIL: the cores the threads run on.
    pub cores: usize,
    /// Every worker a daemon, none, or a mix.
    pub daemon: Option<bool>,
}

impl Heading {
    /// `A · basic: … · Python 3.13 · GIL · daemon OFF`
    pub fn render(&self, lang: Lang) -> String {
        format!("{} · {}", SIDES[self.side], self.body(lang))
    }

    /// The line without the side's letter.
    pub fn body(&self, lang: Lang) -> String {
        let engine = if self.gil {
            tr!(lang, "header-gil-on", python = self.python.as_str())
        } else {
            tr!(
                lang,
                "header-gil-off-cores",
                python = self.python.as_str(),
                n = self.cores
            )
        };
        let daemon = match self.daemon {
            Some(true) => tr!(lang, "header-daemon-on"),
            Some(false) => tr!(lang, "header-daemon-off"),
            None => tr!(lang, "header-daemon-mixed"),
        };
        format!("{} · {engine} · {daemon}", escape(&self.title))
    }
}

fn secs(t: Nanos) -> String {
    format!("{:.3}", to_secs(t))
}

fn exit(e: Option<(Nanos, i32)>) -> Msg {
    match e {
        Some((at, code)) => msg!("compare-exit-at", at = secs(at), code = code),
        None => msg!("compare-exit-never"),
    }
}

fn end(e: End) -> Msg {
    match e {
        End::Absent => msg!("compare-end-absent"),
        End::Open => msg!("compare-end-open"),
        // A thread's end (main's too: matched by name, both are main).
        End::Ended(o) => Msg {
            id: look::outcome(o, false).label_id,
            args: Vec::new(),
        },
    }
}

/// Up to six names in full; past that four and how many more.
fn names(all: &[String]) -> Arg {
    let n = if all.len() > 6 { 4 } else { all.len() };
    let shown: Vec<String> = all.iter().take(n).map(|n| escape(n).into_owned()).collect();
    let shown = shown.join(", ");
    if all.len() > n {
        Arg::from(msg!("and-more", shown = shown, more = all.len() - n))
    } else {
        Arg::from(shown)
    }
}

/// `4.0×`, or a dash where the side's workers did not share a processor.
fn share(c: Option<crate::model::CpuShare>) -> String {
    c.map_or_else(|| "—".to_string(), |c| format!("{:.1}×", c.ratio()))
}

fn value(v: Option<i64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// What differs, most telling first: the exits, the threads that ended
/// otherwise, the lines one side alone printed, the time, the counters.
/// Nothing differing is said too.
pub fn differences(d: &Diff) -> Vec<Msg> {
    let mut out = Vec::new();
    if let Some([a, b]) = d.exit {
        out.push(msg!("compare-exit", a = exit(a), b = exit(b)));
    }
    for e in &d.ends {
        out.push(msg!(
            "compare-ends",
            names = names(&e.names),
            a = end(e.ends[0]),
            b = end(e.ends[1])
        ));
    }
    if d.lines_unkept {
        out.push(msg!(
            "compare-lines-unkept",
            kept = crate::model::KEPT_LINES
        ));
    }
    for l in &d.lines {
        out.push(msg!(
            "compare-lines",
            n = l.count,
            text = escape(&l.text).into_owned(),
            side = SIDES[l.side]
        ));
    }
    if let Some([a, b]) = d.share {
        out.push(msg!("compare-share", a = share(a), b = share(b)));
    }
    for c in &d.counters {
        let expected = match c.expected {
            [Some(x), Some(y)] if x != y => format!("{x} / {y}"),
            [x, y] => value(x.or(y)),
        };
        out.push(msg!(
            "compare-counter",
            name = escape(&c.name).into_owned(),
            a = value(c.values[0]),
            b = value(c.values[1]),
            expected = expected
        ));
    }
    if out.is_empty() {
        out.push(msg!("compare-same"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::differences;
    use crate::i18n::Lang;
    use crate::model::Diff;

    #[test]
    fn outputs_not_compared_are_never_called_the_same() {
        let d = Diff {
            exit: None,
            ends: Vec::new(),
            lines: Vec::new(),
            lines_unkept: true,
            share: None,
            counters: Vec::new(),
        };
        let said: Vec<String> = differences(&d).iter().map(|m| m.render(Lang::En)).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("not compared"), "{said:?}");
        assert!(!said[0].contains("same output"), "{said:?}");
    }
}
