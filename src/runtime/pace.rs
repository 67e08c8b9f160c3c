//! The program clock that runs share: one [`Clock`] behind a lock, and the
//! runs that follow it. A change (pause, resume, step, speed) is made once
//! and then told to every follower, so two runs on one `Pace` are frozen,
//! stepped and sped up by the same change: they cannot drift apart.
//!
//! Lock order: a follower's lock may be held while the clock is read (a
//! thread checks the time under its run's lock), never the other way
//! round; followers are told of a change after the clock's lock is let go.

use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Instant;

use super::clock::{Clock, ClockState};
use crate::event::Nanos;

/// What follows a program clock: a run's threads (woken at a change),
/// its child processes (sent the new state).
pub trait Follower: Send + Sync {
    /// The clock changed to `state`.
    fn clock_changed(&self, state: ClockState);
    /// The first time after `now` any of its threads waits for.
    fn next_wake(&self, _now: Nanos) -> Option<Nanos> {
        None
    }
}

pub struct Pace {
    clock: Mutex<Clock>,
    /// Held through a change and its telling, so followers hear changes
    /// in the order they were made.
    changing: Mutex<()>,
    followers: Mutex<Vec<Weak<dyn Follower>>>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every update is a single assignment: a panic leaves consistent data.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Pace {
    /// A clock at `speed` from t = 0, frozen there if `paused`.
    pub fn new(speed: f64, paused: bool) -> Arc<Pace> {
        let wall = Instant::now();
        let mut clock = Clock::new(speed, wall);
        if paused {
            clock.pause(wall);
        }
        Pace::of(clock)
    }

    pub fn of(clock: Clock) -> Arc<Pace> {
        Arc::new(Pace {
            clock: Mutex::new(clock),
            changing: Mutex::new(()),
            followers: Mutex::new(Vec::new()),
        })
    }

    /// `f` is told of every change from now on, as long as it lives.
    pub fn follow(&self, f: Weak<dyn Follower>) {
        let mut all = locked(&self.followers);
        all.retain(|w| w.strong_count() > 0);
        all.push(f);
    }

    /// The clock as it stands (a copy: it goes on by itself).
    pub fn read(&self) -> Clock {
        *locked(&self.clock)
    }

    pub fn now(&self) -> Nanos {
        self.read().now(Instant::now())
    }

    pub fn is_paused(&self) -> bool {
        self.read().is_paused(Instant::now())
    }

    pub fn speed(&self) -> f64 {
        self.read().speed()
    }

    pub fn state(&self) -> ClockState {
        self.read().state(Instant::now())
    }

    fn followers(&self) -> Vec<Arc<dyn Follower>> {
        locked(&self.followers)
            .iter()
            .filter_map(Weak::upgrade)
            .collect()
    }

    /// Change the clock, then tell every follower.
    fn change<R>(&self, f: impl FnOnce(&mut Clock, Instant) -> R) -> R {
        let _order = locked(&self.changing);
        let (r, state) = {
            let mut c = locked(&self.clock);
            let wall = Instant::now();
            let r = f(&mut c, wall);
            (r, c.state(wall))
        };
        for follower in self.followers() {
            follower.clock_changed(state);
        }
        r
    }

    pub fn pause(&self) {
        self.change(|c, w| c.pause(w));
    }

    pub fn resume(&self) {
        self.change(|c, w| c.resume(w));
    }

    /// Run for `dt` of program time, then freeze.
    pub fn step(&self, dt: Nanos) {
        self.change(|c, w| c.step(w, dt));
    }

    pub fn set_speed(&self, speed: f64) {
        self.change(|c, w| c.set_speed(w, speed));
    }

    /// Take over a state sent from another process (never going back).
    pub fn follow_state(&self, state: ClockState) {
        self.change(|c, w| c.follow(state, w));
    }

    /// Freeze, then jump to the next moment a thread of any follower acts;
    /// returns the new time, or None when no thread waits for a time (the
    /// clock stays frozen where it is).
    pub fn step_next(&self) -> Option<Nanos> {
        self.pause();
        let now = self.now();
        let next = self
            .followers()
            .iter()
            .filter_map(|f| f.next_wake(now))
            .min();
        if let Some(t) = next {
            self.change(|c, w| c.advance_to(w, t));
        }
        next
    }
}

/// A run's clock, as the run's users ask for it: all of it is the pace's.
impl super::Control {
    pub fn now(&self) -> Nanos {
        self.pace().now()
    }

    pub fn is_paused(&self) -> bool {
        self.pace().is_paused()
    }

    pub fn speed(&self) -> f64 {
        self.pace().speed()
    }

    pub fn pause(&self) {
        self.pace().pause();
    }

    pub fn resume(&self) {
        self.pace().resume();
    }

    pub fn step(&self, dt: Nanos) {
        self.pace().step(dt);
    }

    /// Freeze, then jump to the next moment a thread acts (the earliest
    /// time any thread of any run on this clock waits for); returns the
    /// new time, or None when no thread waits for a time (then the clock
    /// stays where it is).
    pub fn step_next(&self) -> Option<Nanos> {
        self.pace().step_next()
    }

    pub fn set_speed(&self, speed: f64) {
        self.pace().set_speed(speed);
    }

    /// The clock as it stands, to send to child processes.
    pub fn clock_state(&self) -> ClockState {
        self.pace().state()
    }

    /// A child process: take over the parent's clock.
    pub fn follow_clock(&self, state: ClockState) {
        self.pace().follow_state(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    struct Probe {
        told: AtomicU64,
        wake: Option<Nanos>,
    }

    impl Follower for Probe {
        fn clock_changed(&self, state: ClockState) {
            self.told.store(state.now + 1, Ordering::SeqCst);
        }
        fn next_wake(&self, now: Nanos) -> Option<Nanos> {
            self.wake.filter(|&w| w > now)
        }
    }

    #[test]
    fn every_follower_hears_a_change_and_a_step_goes_to_the_first_wake() {
        let pace = Pace::new(1.0, true);
        let a = Arc::new(Probe {
            told: AtomicU64::new(0),
            wake: Some(700),
        });
        let b = Arc::new(Probe {
            told: AtomicU64::new(0),
            wake: Some(300),
        });
        let (wa, wb): (Weak<dyn Follower>, Weak<dyn Follower>) =
            (Arc::downgrade(&a) as _, Arc::downgrade(&b) as _);
        pace.follow(wa);
        pace.follow(wb);
        assert_eq!(pace.step_next(), Some(300), "the earlier of the two");
        assert_eq!(pace.now(), 300);
        assert_eq!(a.told.load(Ordering::SeqCst), 301);
        assert_eq!(b.told.load(Ordering::SeqCst), 301);
        assert_eq!(pace.step_next(), Some(700));
        drop(a);
        assert_eq!(pace.step_next(), None, "a follower gone is not asked");
        assert!(pace.is_paused());
    }
}
