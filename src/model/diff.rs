//! What differs between two runs, in numbers (no words: `explain::compare`
//! says them): the exits, the threads that ended otherwise, the lines one
//! side printed and the other did not, how CPU-bound workers shared the
//! processor, the shared counters. Everything is found in the two models;
//! nothing is assumed of the scenarios.

use std::collections::{HashMap, HashSet};

use super::{CounterReport, CpuShare, Timeline};
use crate::event::{MAIN, Nanos, Outcome};

/// Side A (0, drawn on top) or B (1).
pub type Side = usize;

/// How a thread of that name ended on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// No thread of that name there.
    Absent,
    /// There, not ended (yet).
    Open,
    Ended(Outcome),
}

/// Threads (matched by name) that ended one way in A and another in B.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndDiff {
    pub ends: [End; 2],
    pub names: Vec<String>,
}

/// Lines of one kind that only one side printed: `count` lines that are
/// `text` once the printing thread's own name is taken out of them (five
/// `sub thread end` lines, one from each worker), or the one line itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinesDiff {
    pub side: Side,
    pub text: String,
    pub count: usize,
}

/// A shared counter that ended at another value (the program's own copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterDiff {
    pub name: String,
    pub values: [Option<i64>; 2],
    /// What no lost update gives, on each side.
    pub expected: [Option<i64>; 2],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// Each side's exit (time and code), when the two differ.
    pub exit: Option<[Option<(Nanos, i32)>; 2]>,
    pub ends: Vec<EndDiff>,
    pub lines: Vec<LinesDiff>,
    /// A side no longer keeps all its lines (more than
    /// [`KEPT_LINES`](super::KEPT_LINES)): the outputs were not compared.
    pub lines_unkept: bool,
    /// How CPU-bound workers shared the processor on each side, when the
    /// two differ (by a tenth of one thread's time or more).
    pub share: Option<[Option<CpuShare>; 2]>,
    pub counters: Vec<CounterDiff>,
}

impl Diff {
    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.exit.is_none()
            && self.ends.is_empty()
            && self.lines.is_empty()
            && !self.lines_unkept
            && self.share.is_none()
            && self.counters.is_empty()
    }
}

/// What differs between `a` and `b` (finished or not: as far as they got).
pub fn diff(a: &Timeline, b: &Timeline) -> Diff {
    let sides = [a, b];
    let exits = sides.map(|t| t.process_exit);
    let shares = sides.map(|t| t.cpu_share(t.horizon(0)));
    let tenths = shares.map(|s| s.map(|c| (c.ratio() * 10.0).round() as i64));
    // Lines one side no longer keeps could be any: no line is said to be
    // one side's only.
    let lines_unkept = sides.iter().any(|t| t.output.dropped() > 0);
    Diff {
        exit: (exits[0] != exits[1]).then_some(exits),
        ends: ends(a, b),
        lines: match lines_unkept {
            true => Vec::new(),
            false => [0, 1].into_iter().flat_map(|s| lines(sides, s)).collect(),
        },
        lines_unkept,
        share: (tenths[0] != tenths[1]).then_some(shares),
        counters: counters(a, b),
    }
}

/// How each thread ended, by name (the first of a name).
fn by_name(tl: &Timeline) -> HashMap<&str, End> {
    let mut m: HashMap<&str, End> = HashMap::new();
    for t in tl.tracks() {
        m.entry(&t.name)
            .or_insert(t.outcome().map_or(End::Open, End::Ended));
    }
    m
}

fn ends(a: &Timeline, b: &Timeline) -> Vec<EndDiff> {
    // By name, first of each (thousands of threads: no quadratic search).
    let (ea, eb) = (by_name(a), by_name(b));
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out: Vec<EndDiff> = Vec::new();
    for t in a.tracks().iter().chain(b.tracks()) {
        let name = t.name.as_str();
        if !seen.insert(name) {
            continue;
        }
        let end = |m: &HashMap<&str, End>| m.get(name).copied().unwrap_or(End::Absent);
        let ends = [end(&ea), end(&eb)];
        if ends[0] == ends[1] {
            continue;
        }
        match out.iter_mut().find(|d| d.ends == ends) {
            Some(d) => d.names.push(name.to_string()),
            None => out.push(EndDiff {
                ends,
                names: vec![name.to_string()],
            }),
        }
    }
    out
}

/// A line as its kind: without the name of the thread that printed it,
/// spaces run together.
fn kind(tl: &Timeline, thread: u32, text: &str) -> String {
    let name = tl.track(thread).filter(|t| t.id != MAIN).map(|t| &t.name);
    let text = match name {
        Some(n) if !n.is_empty() => text.replace(n.as_str(), " "),
        _ => text.to_string(),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines side `s` printed that the other did not (as many times as
/// it printed them more often), grouped by kind in the order first printed.
fn lines(sides: [&Timeline; 2], s: Side) -> Vec<LinesDiff> {
    let (mine, theirs) = (sides[s], sides[1 - s]);
    let mut left: HashMap<&str, usize> = HashMap::new();
    for l in theirs.output.iter() {
        *left.entry(l.text.as_str()).or_default() += 1;
    }
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for l in mine.output.iter() {
        if let Some(n) = left.get_mut(l.text.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            continue;
        }
        let k = kind(mine, l.thread, &l.text);
        match group_of.get(&k) {
            Some(&i) => groups[i].1.push(&l.text),
            None => {
                group_of.insert(k.clone(), groups.len());
                groups.push((k, vec![&l.text]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(k, all)| LinesDiff {
            side: s,
            text: if all.len() == 1 {
                all[0].to_string()
            } else {
                k
            },
            count: all.len(),
        })
        .collect()
}

/// Each counter's program copy (a parent's own, when child processes kept theirs).
fn counter_values(tl: &Timeline) -> Vec<(String, i64, i64)> {
    tl.counter_reports()
        .iter()
        .map(|r| match r {
            CounterReport::One(c) | CounterReport::Processes { parent: c, .. } => {
                (c.name.clone(), c.value, c.made())
            }
        })
        .collect()
}

fn counters(a: &Timeline, b: &Timeline) -> Vec<CounterDiff> {
    let (ca, cb) = (counter_values(a), counter_values(b));
    let mut names: Vec<&str> = ca.iter().map(|c| c.0.as_str()).collect();
    for c in &cb {
        if !names.contains(&c.0.as_str()) {
            names.push(&c.0);
        }
    }
    let find = |all: &[(String, i64, i64)], n: &str| all.iter().find(|c| c.0 == n).cloned();
    let mut out: Vec<CounterDiff> = Vec::new();
    for n in names {
        let (x, y) = (find(&ca, n), find(&cb, n));
        let values = [x.as_ref().map(|c| c.1), y.as_ref().map(|c| c.1)];
        if values[0] != values[1] {
            out.push(CounterDiff {
                name: n.to_string(),
                values,
                expected: [x.map(|c| c.2), y.map(|c| c.2)],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, EventKind, State, Stream};

    fn ev(at: Nanos, thread: u32, kind: EventKind) -> Event {
        Event {
            run: 1,
            at,
            thread,
            kind,
        }
    }

    fn run(daemon: bool) -> Timeline {
        let mut evs = vec![ev(0, 0, EventKind::state(State::Running))];
        for w in 1..=3u32 {
            let name = format!("thread {w}");
            evs.push(ev(
                0,
                w,
                EventKind::Spawned {
                    name: name.clone(),
                    daemon,
                    parent: Some(0),
                },
            ));
            evs.push(ev(1, w, EventKind::state(State::Sleeping)));
            let line = |t: &str| EventKind::Output {
                text: t.into(),
                stream: Stream::Stdout,
                more: false,
            };
            evs.push(ev(1, w, line(&format!("start {name}"))));
            if !daemon {
                evs.push(ev(50, w, line(&format!("end    {name}"))));
            }
            let o = if daemon {
                Outcome::CutShort
            } else {
                Outcome::Finished
            };
            evs.push(ev(
                if daemon { 10 } else { 50 },
                w,
                EventKind::Ended {
                    outcome: o,
                    raised: None,
                },
            ));
        }
        let exit = if daemon { 10 } else { 60 };
        evs.push(ev(exit, 0, EventKind::ProcessExit { code: 0 }));
        Timeline::from_events(&evs)
    }

    #[test]
    fn lines_of_one_kind_group_and_the_ends_that_differ_are_named() {
        let d = diff(&run(false), &run(true));
        assert_eq!(d.exit, Some([Some((60, 0)), Some((10, 0))]));
        assert_eq!(
            d.lines,
            vec![LinesDiff {
                side: 0,
                text: "end".into(),
                count: 3
            }]
        );
        assert_eq!(d.ends.len(), 1);
        assert_eq!(
            d.ends[0].ends,
            [End::Ended(Outcome::Finished), End::Ended(Outcome::CutShort)]
        );
        assert_eq!(d.ends[0].names, ["thread 1", "thread 2", "thread 3"]);
        assert!(d.share.is_none() && d.counters.is_empty());
        let same = diff(&run(true), &run(true));
        assert!(same.is_empty(), "{same:?}");
    }

    #[test]
    fn outputs_one_side_no_longer_keeps_are_not_compared() {
        let mut long = run(true);
        for i in 0..=crate::model::KEPT_LINES {
            long.output.print(
                0,
                100 + i as Nanos,
                "x",
                crate::event::Stream::Stdout,
                false,
            );
        }
        let d = diff(&long, &run(true));
        assert!(d.lines_unkept && d.lines.is_empty(), "{d:?}");
        assert!(!d.is_empty(), "not the same output");
        assert!(!diff(&run(false), &run(true)).lines_unkept);
    }
}
