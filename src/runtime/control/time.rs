//! Waits for program time: sleeping, computing, and reading what others
//! wrote by a time.

use std::time::{Duration, Instant};

use super::{Control, Waited};
use crate::event::{Nanos, ThreadId};
use crate::runtime::shared::Shared;

impl Control {
    /// Block (releasing the CPU) until program time reaches `target`. A
    /// daemon also waits until the exit is known not to come first, so it
    /// never acts past an exit that main is about to make.
    pub fn wait_until(&self, who: ThreadId, target: Nanos, daemon: bool) -> Waited {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(target), Some(target), None);
        loop {
            if let Some(why) = s.interrupted(daemon, target) {
                return Err(why);
            }
            match self.clock().wall_until(target, Instant::now()) {
                Some(Duration::ZERO) if !daemon || s.exit_not_before() >= target => return Ok(()),
                Some(Duration::ZERO) => s = self.wait_on_horizons(s),
                Some(d) => s = Self::wait(&self.time, s, Some(d)),
                None => s = Self::wait(&self.time, s, None),
            }
        }
    }

    /// Burn CPU until program time reaches `target`; while the clock is
    /// frozen, wait without burning.
    pub fn compute_until(&self, who: ThreadId, target: Nanos, daemon: bool) -> Waited {
        {
            let mut s = self.lock();
            self.begin(&mut s, who, Some(target), Some(target), None);
        }
        loop {
            {
                let mut s = self.lock();
                loop {
                    if let Some(why) = s.interrupted(daemon, target) {
                        return Err(why);
                    }
                    match self.clock().wall_until(target, Instant::now()) {
                        Some(Duration::ZERO) => {
                            drop(s);
                            // The end of a compute is a step like any
                            // other: a daemon settles with the exit first.
                            return self.wait_until(who, target, daemon);
                        }
                        Some(_) => break,
                        None => s = Self::wait(&self.time, s, None),
                    }
                }
            }
            burn(Duration::from_micros(200));
        }
    }

    /// Block until no thread but `who` could still act before `t` (so
    /// that what they wrote before `t` is known).
    pub fn wait_others_past(&self, who: ThreadId, t: Nanos, daemon: bool) -> Waited {
        self.wait_settled(who, t, daemon, |s| s.others_past(who, t))
    }

    /// Block, standing at `t`, until `settled` holds of the others' places
    /// in program time (each time one of them moves, it is asked again).
    pub(super) fn wait_settled(
        &self,
        who: ThreadId,
        t: Nanos,
        daemon: bool,
        settled: impl Fn(&Shared) -> bool,
    ) -> Waited {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(t), None, None);
        loop {
            if let Some(why) = s.interrupted(daemon, t) {
                return Err(why);
            }
            if settled(&s) {
                return Ok(());
            }
            s = self.wait_on_horizons(s);
        }
    }
}

/// Real CPU work for about `d` of wall time.
fn burn(d: Duration) {
    let start = Instant::now();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while start.elapsed() < d {
        for _ in 0..256 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        std::hint::black_box(x);
    }
}
