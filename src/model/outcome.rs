//! The outcome of a run in numbers (no words: the views choose those).

use super::{CounterValue, Timeline};
use crate::event::{MAIN, Nanos, SECOND, State, ThreadId};

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
}

/// What became of one shared counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CounterReport<'a> {
    /// One copy (the program's own, or a lone child's).
    One(&'a CounterValue),
    /// The parent's copy and each child process's own.
    Processes {
        parent: &'a CounterValue,
        children: Vec<i64>,
    },
}

/// A thread's call of `os._exit`, which ended the process at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsExit {
    pub thread: ThreadId,
    /// The program's line that called it: `worker.py:12`.
    pub site: Option<String>,
}

impl Timeline {
    /// Threadline ended the process (a quit, a restart, a deadlock): main
    /// was cut short, and no thread of the program called `os._exit`.
    pub fn ended_by_us(&self) -> bool {
        self.os_exit.is_none()
            && self
                .track(MAIN)
                .is_some_and(|m| m.outcome() == Some(crate::event::Outcome::CutShort))
    }

    /// Some thread's CPU time was measured by the operating system (a
    /// traced program): CPU figures then come from those measurements, not
    /// from the spans drawn.
    pub fn cpu_measured(&self) -> bool {
        // Kept as `Cpu` events come: asked once per thread, a look at
        // every thread made the summary quadratic in threads.
        self.cpu_seen
    }

    /// A thread's CPU time up to `now`: measured when the run measured it
    /// (0 for a thread never measured), else its time drawn running.
    pub fn cpu_of(&self, t: &super::Track, now: Nanos) -> Nanos {
        if self.cpu_measured() {
            t.cpu().unwrap_or(0)
        } else {
            t.time_in(now, |s| s == State::Running)
        }
    }

    /// When two or more workers each ran for at least 0.1 s: how they shared.
    /// A traced program's figures are its measured CPU times; a thread that
    /// was blocked is never counted, whatever it was drawn as.
    pub fn cpu_share(&self, now: Nanos) -> Option<CpuShare> {
        self.memo.cpu_share(now, || self.find_cpu_share(now))
    }

    fn find_cpu_share(&self, now: Nanos) -> Option<CpuShare> {
        let measured = self.cpu_measured();
        let workers: Vec<_> = self
            .tracks()
            .iter()
            .filter(|t| t.id != MAIN && t.end().is_some())
            .map(|t| (t, self.cpu_of(t, now)))
            .filter(|(_, run)| *run >= SECOND / 10)
            .collect();
        if workers.len() < 2 {
            return None;
        }
        let first = workers.iter().filter_map(|(t, _)| t.started()).min()?;
        let last = workers
            .iter()
            .filter_map(|(t, _)| t.end().map(|(e, _)| e))
            .max()?;
        let each = workers.iter().map(|(_, r)| *r).sum::<Nanos>() / workers.len() as Nanos;
        let wall = last.saturating_sub(first);
        // Measured: what ran at once is read from spans inferred from
        // samples, which begin a few samples into a thread's life (and are
        // a sample off here and there): two pure-Python threads under the
        // GIL can be drawn running at once for up to 15% of their run on a
        // loaded machine. A level held for less than a fifth of the run is
        // no evidence; threads that really run at once (no GIL, or C code
        // that releases it) overlap for most of theirs.
        let least = if measured { wall / 5 } else { 0 };
        Some(CpuShare {
            threads: workers.len(),
            each,
            wall,
            // By id, not a search of the workers per thread (that was
            // quadratic: 0.6 s a frame at 20,000 threads).
            at_once: {
                let ids: std::collections::HashSet<_> = workers.iter().map(|(t, _)| t.id).collect();
                self.max_concurrent_for(State::Running, now, least, |t| ids.contains(&t.id))
            },
            processes: workers.iter().all(|(t, _)| t.is_process()),
        })
    }

    /// Each shared counter once, in the order first reported: its value
    /// against what no lost update gives, or (when child processes kept
    /// their own copies) copy by copy.
    pub fn counter_reports(&self) -> Vec<CounterReport<'_>> {
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for c in &self.counters {
            if seen.contains(&c.name.as_str()) {
                continue;
            }
            seen.push(&c.name);
            let copies = self.counters.iter().filter(|x| x.name == c.name);
            let (children, parent): (Vec<&CounterValue>, Vec<&CounterValue>) =
                copies.partition(|x| self.track(x.thread).is_some_and(|t| t.is_process()));
            out.push(match (parent.first(), children.is_empty()) {
                (Some(p), false) => CounterReport::Processes {
                    parent: p,
                    children: children.iter().map(|x| x.value).collect(),
                },
                (Some(p), true) => CounterReport::One(p),
                (None, _) => CounterReport::One(c),
            });
        }
        out
    }
}
