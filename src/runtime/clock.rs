//! Program time: wall time × speed, which can pause and single-step.
//!
//! Pure arithmetic over `Instant`s handed in, so it is tested without sleeping.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::event::Nanos;

/// A clock's state at one instant, to hand to another process: program
/// time then, and how it goes on from there. Monotonic time runs at the
/// same rate in every process, so a copy rebuilt on arrival keeps step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClockState {
    pub now: Nanos,
    pub speed: f64,
    pub paused: bool,
    pub limit: Option<Nanos>,
}

impl ClockState {
    /// The same clock for a program that began at `begin` of this one.
    pub fn shifted(self, begin: Nanos) -> ClockState {
        ClockState {
            now: self.now.saturating_sub(begin),
            limit: self.limit.map(|l| l.saturating_sub(begin)),
            ..self
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    speed: f64,
    /// Program time at `base_wall`.
    base: Nanos,
    base_wall: Instant,
    paused: bool,
    /// While stepping: program time stops here.
    limit: Option<Nanos>,
}

/// The slowest and fastest speeds.
pub const MIN_SPEED: f64 = 0.01;
pub const MAX_SPEED: f64 = 1000.0;

impl Clock {
    pub fn new(speed: f64, wall: Instant) -> Self {
        Clock {
            speed: speed.clamp(MIN_SPEED, MAX_SPEED),
            base: 0,
            base_wall: wall,
            paused: false,
            limit: None,
        }
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Program time at wall time `wall`.
    pub fn now(&self, wall: Instant) -> Nanos {
        if self.paused {
            return self.base;
        }
        let dt = wall.saturating_duration_since(self.base_wall).as_nanos() as f64 * self.speed;
        let t = self.base.saturating_add(dt as Nanos);
        self.limit.map_or(t, |l| t.min(l))
    }

    /// Frozen: paused, or a single step has run its course.
    pub fn is_paused(&self, wall: Instant) -> bool {
        self.paused || self.limit.is_some_and(|l| self.now(wall) >= l)
    }

    fn rebase(&mut self, wall: Instant) {
        self.base = self.now(wall);
        self.base_wall = wall;
    }

    pub fn pause(&mut self, wall: Instant) {
        self.rebase(wall);
        self.paused = true;
        self.limit = None;
    }

    pub fn resume(&mut self, wall: Instant) {
        self.rebase(wall);
        self.paused = false;
        self.limit = None;
    }

    /// Run for `dt` of program time, then freeze again.
    pub fn step(&mut self, wall: Instant, dt: Nanos) {
        self.rebase(wall);
        self.paused = false;
        self.limit = Some(self.base.saturating_add(dt));
    }

    /// While paused: jump program time forward to `to` at once.
    pub fn advance_to(&mut self, wall: Instant, to: Nanos) {
        self.pause(wall);
        self.base = self.base.max(to);
    }

    /// This clock's state at `wall`.
    pub fn state(&self, wall: Instant) -> ClockState {
        ClockState {
            now: self.now(wall),
            speed: self.speed,
            paused: self.paused,
            limit: self.limit,
        }
    }

    /// Take over a state sent from another process, as of `wall`; never
    /// going back in time.
    pub fn follow(&mut self, state: ClockState, wall: Instant) {
        self.base = self.now(wall).max(state.now);
        self.base_wall = wall;
        self.speed = state.speed.clamp(MIN_SPEED, MAX_SPEED);
        self.paused = state.paused;
        self.limit = state.limit.map(|l| l.max(self.base));
    }

    pub fn set_speed(&mut self, wall: Instant, speed: f64) {
        self.rebase(wall);
        self.speed = speed.clamp(MIN_SPEED, MAX_SPEED);
    }

    /// How long, in wall time, until program time reaches `target`;
    /// `None` when it will not get there without a change (paused or
    /// stepping short of it); zero when it is there.
    pub fn wall_until(&self, target: Nanos, wall: Instant) -> Option<Duration> {
        let now = self.now(wall);
        if now >= target {
            return Some(Duration::ZERO);
        }
        if self.is_paused(wall) {
            return None;
        }
        let stop = self.limit.map_or(target, |l| l.min(target));
        let ns = (stop - now) as f64 / self.speed;
        Some(Duration::from_nanos(ns.ceil() as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::SECOND;

    #[test]
    fn speed_scales_and_pause_freezes() {
        let w0 = Instant::now();
        let mut c = Clock::new(10.0, w0);
        let w1 = w0 + Duration::from_millis(100);
        assert_eq!(c.now(w1), SECOND);
        c.pause(w1);
        assert_eq!(c.now(w1 + Duration::from_secs(5)), SECOND);
        assert!(c.is_paused(w1));
        assert_eq!(c.wall_until(2 * SECOND, w1), None);
        let w2 = w1 + Duration::from_secs(5);
        c.resume(w2);
        assert_eq!(c.now(w2 + Duration::from_millis(100)), 2 * SECOND);
    }

    #[test]
    fn step_runs_then_freezes() {
        let w0 = Instant::now();
        let mut c = Clock::new(1.0, w0);
        c.pause(w0);
        c.step(w0, SECOND / 10);
        assert!(!c.is_paused(w0));
        let later = w0 + Duration::from_secs(3);
        assert_eq!(c.now(later), SECOND / 10);
        assert!(c.is_paused(later));
        assert_eq!(c.wall_until(SECOND, later), None);
        assert_eq!(
            c.wall_until(SECOND / 20, w0),
            Some(Duration::from_millis(50))
        );
    }

    #[test]
    fn advance_jumps_and_stays_paused() {
        let w0 = Instant::now();
        let mut c = Clock::new(1.0, w0);
        c.advance_to(w0, 2 * SECOND);
        assert_eq!(c.now(w0 + Duration::from_secs(9)), 2 * SECOND);
        assert!(c.is_paused(w0));
        c.advance_to(w0, SECOND);
        assert_eq!(c.now(w0), 2 * SECOND, "never backwards");
    }

    #[test]
    fn a_followed_state_keeps_step_and_never_goes_back() {
        let w0 = Instant::now();
        let mut parent = Clock::new(2.0, w0);
        let w1 = w0 + Duration::from_secs(1);
        parent.step(w1, SECOND);
        let sent = parent.state(w1).shifted(SECOND / 2);
        assert_eq!(sent.now, 2 * SECOND - SECOND / 2);
        assert_eq!(sent.limit, Some(3 * SECOND - SECOND / 2));
        let mut child = Clock::new(1.0, w0);
        child.pause(w0);
        child.follow(sent, w1);
        let w2 = w1 + Duration::from_millis(250);
        assert_eq!(child.now(w2), parent.now(w2) - SECOND / 2);
        assert!(child.is_paused(w1 + Duration::from_secs(9)));
        let mut ahead = Clock::new(1.0, w0);
        ahead.advance_to(w0, 5 * SECOND);
        ahead.follow(sent, w1);
        assert_eq!(ahead.now(w1), 5 * SECOND, "never backwards");
    }

    #[test]
    fn speed_change_keeps_time_continuous() {
        let w0 = Instant::now();
        let mut c = Clock::new(1.0, w0);
        let w1 = w0 + Duration::from_secs(1);
        c.set_speed(w1, 4.0);
        assert_eq!(c.now(w1), SECOND);
        assert_eq!(c.now(w1 + Duration::from_millis(250)), 2 * SECOND);
        assert_eq!(
            c.wall_until(3 * SECOND, w1),
            Some(Duration::from_millis(500))
        );
    }
}
