//! The outcome of a run in numbers, for the explanation pane and the plain
//! summary.

use super::Timeline;
use crate::event::{MAIN, Nanos, SECOND, State, to_secs};
use crate::i18n::Msg;
use crate::msg;

/// How CPU-bound workers shared the processor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpuShare {
    pub threads: usize,
    /// Mean time each worker spent running.
    pub each: Nanos,
    /// From the first worker's start to the last one's end.
    pub wall: Nanos,
    /// The most threads running at the same instant.
    pub at_once: usize,
    /// The workers are child processes (each with its own GIL).
    pub processes: bool,
}

impl CpuShare {
    /// Together they took this many times one thread's work.
    pub fn ratio(&self) -> f64 {
        self.wall as f64 / self.each.max(1) as f64
    }

    pub fn sentence(&self, gil: bool) -> Msg {
        let ratio = format!("{:.1}", self.ratio());
        let each = format!("{:.2}", to_secs(self.each));
        let wall = format!("{:.2}", to_secs(self.wall));
        let kind = match (self.processes, gil) {
            (true, _) => "processes",
            (false, true) => "gil",
            (false, false) => "no-gil",
        };
        msg!(
            "cpu-share",
            kind = kind,
            n = self.threads,
            ratio = ratio,
            each = each,
            wall = wall,
            at_once = self.at_once
        )
    }
}

impl Timeline {
    /// When two or more workers each ran for at least 0.1 s: how they shared.
    pub fn cpu_share(&self, now: Nanos) -> Option<CpuShare> {
        let workers: Vec<_> = self
            .tracks()
            .iter()
            .filter(|t| t.id != MAIN && t.end.is_some())
            .map(|t| (t, t.time_in(now, |s| s == State::Running)))
            .filter(|(_, run)| *run >= SECOND / 10)
            .collect();
        if workers.len() < 2 {
            return None;
        }
        let first = workers.iter().filter_map(|(t, _)| t.started()).min()?;
        let last = workers
            .iter()
            .filter_map(|(t, _)| t.end.map(|(e, _)| e))
            .max()?;
        let each = workers.iter().map(|(_, r)| *r).sum::<Nanos>() / workers.len() as Nanos;
        Some(CpuShare {
            threads: workers.len(),
            each,
            wall: last - first,
            at_once: self.max_concurrent_of(State::Running, now, |t| {
                workers.iter().any(|(w, _)| w.id == t.id)
            }),
            processes: workers.iter().all(|(t, _)| t.is_process()),
        })
    }
}

impl super::CounterValue {
    pub fn sentence(&self) -> Msg {
        let lost = self.expected - self.value;
        if lost == 0 {
            msg!(
                "counter-kept",
                name = &self.name,
                expected = self.expected,
                value = self.value
            )
        } else {
            msg!(
                "counter-lost",
                name = &self.name,
                expected = self.expected,
                value = self.value,
                lost = lost
            )
        }
    }
}

impl Timeline {
    /// The outcome in numbers: shared counters if there are any, else how
    /// CPU-bound workers shared the processor.
    pub fn outcome_sentences(&self, gil: bool) -> Vec<Msg> {
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for c in &self.counters {
            if seen.contains(&c.name.as_str()) {
                continue;
            }
            seen.push(&c.name);
            out.push(self.counter_sentence(&c.name));
        }
        let share = self.cpu_share(self.horizon(0));
        if let Some(c) = share.filter(|c| out.is_empty() || c.processes) {
            out.push(c.sentence(gil));
        }
        out
    }

    /// What became of counter `name`: against what no lost update gives,
    /// or (when child processes kept their own copies) copy by copy.
    fn counter_sentence(&self, name: &str) -> Msg {
        let copies: Vec<&super::CounterValue> =
            self.counters.iter().filter(|c| c.name == name).collect();
        let (children, parent): (Vec<&super::CounterValue>, Vec<&super::CounterValue>) = copies
            .iter()
            .partition(|c| self.track(c.thread).is_some_and(|t| t.is_process()));
        let Some(mine) = parent.first() else {
            return copies[0].sentence();
        };
        if children.is_empty() {
            return mine.sentence();
        }
        let values: Vec<i64> = children.iter().map(|c| c.value).collect();
        if values.iter().all(|&v| v == values[0]) {
            msg!(
                "counter-processes-same",
                name = name,
                parent = mine.value,
                n = values.len(),
                each = values[0],
                threads = mine.expected
            )
        } else {
            let list: Vec<String> = values.iter().map(i64::to_string).collect();
            msg!(
                "counter-processes",
                name = name,
                parent = mine.value,
                values = list.join(", "),
                threads = mine.expected
            )
        }
    }
}
