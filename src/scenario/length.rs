//! How long a program is expected to run: what the dashboard's axis shows
//! while a run is live, so a learner sees the run approach its end.
//!
//! An estimate, never a promise: each thread walks its steps as if it had
//! the machine to itself (sleeps, computes, prints and updates for as
//! long as they are written, `join` waiting for the joined thread's end),
//! and CPU-bound work cannot take less than its total over the places it
//! can run in (one GIL, or the cores). Lock contention and jitter are left
//! out; the axis grows past the estimate when a run outlasts it.

use super::{Program, Step};
use crate::event::Nanos;

/// What a `print` costs, roughly (as the runtime charges it).
const PRINT: Nanos = 20_000;
/// One `counter += 1`, roughly.
const UPDATE: Nanos = 60;
/// Joins followed deeper than this count as already over (a hostile
/// chain of nested threads cannot exhaust the stack).
const MAX_DEPTH: usize = 256;

struct Walk<'a> {
    program: &'a Program,
    /// When each thread was started, once its starter got there.
    started: Vec<Option<Nanos>>,
    /// When each thread ends, once known.
    ended: Vec<Option<Nanos>>,
    /// CPU-bound time of each process's threads (index: the process's
    /// main thread; 0 for the program's own).
    compute: Vec<Nanos>,
}

impl Walk<'_> {
    /// The end of thread `id`, started at `t`.
    fn end(&mut self, id: usize, depth: usize) -> Nanos {
        if let Some(e) = self.ended[id] {
            return e;
        }
        let Some(mut t) = self.started[id] else {
            return 0;
        };
        if depth > MAX_DEPTH {
            return t;
        }
        let home = self.process_of(id);
        for step in &self.program.threads[id].steps {
            match step {
                Step::Print(_) | Step::Report(_) | Step::Warn { .. } => t += PRINT,
                Step::Sleep(d) => t = t.saturating_add(*d),
                Step::Compute(d) => {
                    t = t.saturating_add(*d);
                    self.compute[home] = self.compute[home].saturating_add(*d);
                }
                Step::Increment { times, .. } => {
                    let d = Nanos::from(*times) * UPDATE;
                    t = t.saturating_add(d);
                    self.compute[home] = self.compute[home].saturating_add(d);
                }
                Step::Start(c) => {
                    let c = *c as usize;
                    if c < self.started.len() && self.started[c].is_none() {
                        self.started[c] = Some(t);
                    }
                }
                Step::Join(c) => {
                    let c = *c as usize;
                    if c < self.started.len() && c != id {
                        t = t.max(self.end(c, depth + 1));
                    }
                }
                Step::Create(_) | Step::Acquire(_) | Step::Release(_) => {}
            }
        }
        self.ended[id] = Some(t);
        t
    }

    /// The main thread of the process thread `id` runs in.
    fn process_of(&self, mut id: usize) -> usize {
        let threads = &self.program.threads;
        for _ in 0..threads.len() {
            if id == 0 || threads[id].process {
                return id;
            }
            match threads[id].parent {
                Some(p) => id = p as usize,
                None => return 0,
            }
        }
        0
    }
}

impl Program {
    /// How long the program is expected to run (see the module's words),
    /// with `cores` CPU cores for what runs without a GIL and for
    /// processes side by side.
    pub fn expected_length(&self, cores: usize) -> Nanos {
        let n = self.threads.len();
        if n == 0 {
            return 0;
        }
        let mut walk = Walk {
            program: self,
            started: vec![None; n],
            ended: vec![None; n],
            compute: vec![0; n],
        };
        walk.started[0] = Some(0);
        let mut end = walk.end(0, 0);
        // The process waits for every started thread that is not a daemon
        // (a daemon's work past that is cut short).
        for id in 1..n {
            if walk.started[id].is_some() && !self.threads[id].daemon {
                end = end.max(walk.end(id, 0));
            }
        }
        let cores = cores.max(1) as Nanos;
        let places = if self.gil { 1 } else { cores };
        // Each process computes on its own GIL (or the cores), and all of
        // them share the cores.
        let busiest = walk.compute.iter().map(|&c| c / places).max().unwrap_or(0);
        let all: Nanos = walk.compute.iter().fold(0, |a, &c| a.saturating_add(c));
        end.max(busiest).max(all / cores)
    }
}

#[cfg(test)]
mod tests {
    use crate::event::SECOND;
    use crate::scenario;

    fn program(name: &str) -> scenario::Program {
        scenario::builtin(name, scenario::Overrides::default())
            .expect("a built-in")
            .expect("it compiles")
    }

    fn length(name: &str, cores: usize) -> u64 {
        program(name).expected_length(cores)
    }

    #[test]
    fn sleeping_threads_last_as_long_as_the_longest_sleep() {
        let basic = length("basic", 2);
        assert!(
            (3 * SECOND..3 * SECOND + SECOND / 10).contains(&basic),
            "{basic}"
        );
    }

    #[test]
    fn cpu_bound_threads_under_the_gil_take_their_sum() {
        let one = program("gil-cpu");
        let workers = one.worker_count() as u64;
        let each: u64 = one.threads[1]
            .steps
            .iter()
            .map(|s| match s {
                scenario::Step::Compute(d) => *d,
                _ => 0,
            })
            .sum();
        assert!(each > 0 && workers >= 2);
        assert!(one.expected_length(2) >= workers * each);
    }

    #[test]
    fn daemons_do_not_make_the_program_longer() {
        let d = length("daemon", 2);
        assert!(d < SECOND, "main does not wait for daemons: {d}");
    }
}
