//! Shared counters, in program time. A thread's `counter += 1` is a read
//! and, a little later, a write of the value it read plus one; whether
//! another thread's write falls in between decides whether an update is
//! lost. So the counter's value is not kept in memory that real threads
//! race on (their order in wall time would differ from run to run): every
//! read and write is logged at its program time, and the value at a time
//! is worked out from the log. The same seed gives the same counts on any
//! machine, GIL or not.
//!
//! A thread's iterations come in *runs*: `count` iterations, one every
//! `period`, each reading at its start and writing `write_at` later. A run
//! ends where the thread was stopped (a switch between a read and its
//! write makes a run of one iteration with a late write).

use std::sync::Mutex;

use crate::event::{Nanos, ThreadId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub thread: ThreadId,
    /// The first iteration's read.
    pub first: Nanos,
    /// From one iteration's read to the next one's.
    pub period: Nanos,
    /// From an iteration's read to its write (less than `period`, except
    /// in a run of one).
    pub write_at: Nanos,
    pub count: u64,
}

impl Run {
    fn read(&self, k: u64) -> Nanos {
        self.first + k * self.period
    }

    fn write(&self, k: u64) -> Nanos {
        self.read(k) + self.write_at
    }

    /// How many of its iterations wrote before `t`.
    fn writes_before(&self, t: Nanos) -> u64 {
        let first = self.write(0);
        if t <= first {
            return 0;
        }
        ((t - 1 - first) / self.period + 1).min(self.count)
    }

    /// Extend with one more iteration read at `read`, written `write_at`
    /// later, if it continues this run evenly.
    pub fn extends(&self, read: Nanos, write_at: Nanos, thread: ThreadId) -> bool {
        self.thread == thread
            && self.write_at == write_at
            && write_at < self.period
            && read == self.read(self.count)
    }
}

/// One counter's reads and writes.
#[derive(Debug, Default)]
pub struct CounterLog {
    runs: Mutex<Vec<Run>>,
}

impl CounterLog {
    pub fn add(&self, run: Run) {
        if run.count > 0 {
            self.runs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(run);
        }
    }

    /// How many updates wrote the counter before program time `t` (those
    /// that read it and had not written yet are not made).
    pub fn written_before(&self, t: Nanos) -> i64 {
        let runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
        let n: u64 = runs.iter().map(|r| r.writes_before(t)).sum();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    /// The counter's value just before program time `t`: every read and
    /// write before it, in program-time order (at one instant, reads before
    /// writes, then by thread).
    pub fn value_before(&self, t: Nanos) -> i64 {
        let runs = self.runs.lock().unwrap_or_else(|e| e.into_inner()).clone();
        simulate(&runs, t)
    }
}

/// Where a run stands: its next iteration, and whether that one has read.
#[derive(Clone, Copy)]
struct Cursor {
    run: Run,
    k: u64,
    /// The value it read, when its read is done and its write is not.
    holding: Option<i64>,
}

impl Cursor {
    /// Its next operation: (time, is a write).
    fn next(&self) -> Option<(Nanos, bool)> {
        if self.k >= self.run.count {
            return None;
        }
        Some(match self.holding {
            None => (self.run.read(self.k), false),
            Some(_) => (self.run.write(self.k), true),
        })
    }
}

/// Replay the runs' reads and writes before `until`. Stretches of one run
/// that no other operation interrupts are counted at once (each of those
/// iterations adds one), so the cost follows the number of runs, not of
/// iterations.
pub fn simulate(runs: &[Run], until: Nanos) -> i64 {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut cursors: Vec<Cursor> = runs
        .iter()
        .map(|&run| Cursor {
            run,
            k: 0,
            holding: None,
        })
        .collect();
    // Every cursor's next operation: (time, is a write, thread, cursor).
    let mut heap: BinaryHeap<Reverse<(Nanos, bool, ThreadId, usize)>> = BinaryHeap::new();
    let push = |heap: &mut BinaryHeap<_>, c: &Cursor, i: usize| {
        if let Some((t, w)) = c.next()
            && t < until
        {
            heap.push(Reverse((t, w, c.run.thread, i)));
        }
    };
    for (i, c) in cursors.iter().enumerate() {
        push(&mut heap, c, i);
    }
    let mut value: i64 = 0;
    while let Some(Reverse((_, is_write, _, i))) = heap.pop() {
        // When anybody else acts next.
        let others = heap.peek().map_or(until, |Reverse((t, ..))| *t);
        let c = &mut cursors[i];
        if is_write {
            value = c.holding.take().unwrap_or(value).saturating_add(1);
            c.k += 1;
        } else {
            // Whole iterations of this run that end before anybody else acts.
            let run = c.run;
            let limit = others.min(until);
            let mut n = 0;
            if run.write_at < run.period && run.write(c.k) < limit {
                let last = (limit - 1 - run.write_at - run.first) / run.period;
                n = (last + 1).saturating_sub(c.k).min(run.count - c.k);
            }
            if n > 0 {
                value = value.saturating_add(n as i64);
                c.k += n;
            } else {
                c.holding = Some(value);
            }
        }
        let c = cursors[i];
        push(&mut heap, &c, i);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(thread: ThreadId, first: Nanos, period: Nanos, write_at: Nanos, count: u64) -> Run {
        Run {
            thread,
            first,
            period,
            write_at,
            count,
        }
    }

    /// The same reads and writes, one by one.
    fn brute(runs: &[Run], until: Nanos) -> i64 {
        let mut ops: Vec<(Nanos, bool, ThreadId, usize)> = Vec::new();
        for (i, r) in runs.iter().enumerate() {
            for k in 0..r.count {
                ops.push((r.read(k), false, r.thread, i));
                ops.push((r.write(k), true, r.thread, i));
            }
        }
        ops.sort();
        let mut value = 0;
        let mut held = vec![0; runs.len()];
        for (t, w, _, i) in ops {
            if t >= until {
                break;
            }
            if w {
                value = held[i] + 1;
            } else {
                held[i] = value;
            }
        }
        value
    }

    #[test]
    fn only_the_writes_before_a_time_are_made() {
        let log = CounterLog::default();
        log.add(run(1, 0, 10, 5, 100));
        log.add(run(2, 0, 1, 1000, 1));
        assert_eq!(log.written_before(0), 0);
        assert_eq!(log.written_before(6), 1, "the first write, at 5");
        assert_eq!(
            log.written_before(1000),
            100,
            "thread 2 has read, not written"
        );
        assert_eq!(log.written_before(Nanos::MAX), 101);
    }

    #[test]
    fn runs_that_never_meet_add_up() {
        let runs = [run(1, 0, 10, 5, 100), run(2, 1000, 10, 5, 50)];
        assert_eq!(simulate(&runs, Nanos::MAX), 150);
        assert_eq!(simulate(&runs, 503), 50);
        assert_eq!(brute(&runs, 503), 50);
    }

    #[test]
    fn a_write_after_a_switch_loses_what_came_between() {
        // Thread 1 reads at 0, is switched out, writes at 1000; thread 2
        // adds 80 in between: those 80 are lost.
        let runs = [run(1, 0, 1, 1000, 1), run(2, 100, 10, 5, 80)];
        assert_eq!(simulate(&runs, Nanos::MAX), 1);
        assert_eq!(brute(&runs, Nanos::MAX), 1);
    }

    #[test]
    fn the_shortcut_agrees_with_one_by_one() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..300 {
            let runs: Vec<Run> = (0..rng.usize(1..6))
                .map(|_| {
                    let period = rng.u64(2..20);
                    let single = rng.bool();
                    let write_at = if single {
                        rng.u64(1..200)
                    } else {
                        rng.u64(1..period)
                    };
                    run(
                        rng.u32(1..4),
                        rng.u64(0..300),
                        period,
                        write_at,
                        if single { 1 } else { rng.u64(1..40) },
                    )
                })
                .collect();
            let until = rng.u64(0..1200);
            assert_eq!(
                simulate(&runs, until),
                brute(&runs, until),
                "{runs:?} until {until}"
            );
        }
    }
}
