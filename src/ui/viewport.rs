//! Which stretch of program time the timeline shows.

use crate::axis::round_up;
use crate::event::{Nanos, SECOND};

/// The narrowest window (10 µs) and the widest (1 hour).
pub const MIN_WIDTH: Nanos = 10_000;
pub const MAX_WIDTH: Nanos = 3600 * SECOND;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole run, on an axis that grows in round steps.
    Fit,
    /// A window of fixed width that moves with the present.
    Follow,
    /// Where the user panned and zoomed.
    Manual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub mode: Mode,
    pub start: Nanos,
    pub width: Nanos,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            mode: Mode::Fit,
            start: 0,
            width: SECOND,
        }
    }
}

impl Viewport {
    /// The window `[start, end)` for the present `now` and the run's `horizon`.
    pub fn window(&self, now: Nanos, horizon: Nanos) -> (Nanos, Nanos) {
        match self.mode {
            Mode::Fit => (
                0,
                round_up(horizon.saturating_add(horizon / 50)).max(MIN_WIDTH * 100),
            ),
            Mode::Follow => {
                let end = now.saturating_add(self.width / 5).max(self.width);
                (end - self.width, end)
            }
            Mode::Manual => {
                let start = self.start.min(Nanos::MAX - self.width);
                (start, start + self.width)
            }
        }
    }

    fn freeze(&mut self, now: Nanos, horizon: Nanos) {
        let (s, e) = self.window(now, horizon);
        *self = Viewport {
            mode: Mode::Manual,
            start: s,
            width: e - s,
        };
    }

    /// Pan by an eighth of the window (negative: back in time).
    pub fn pan(&mut self, dir: i64, now: Nanos, horizon: Nanos) {
        self.freeze(now, horizon);
        let d = (self.width / 8).max(1);
        self.start = if dir < 0 {
            self.start.saturating_sub(d)
        } else {
            self.start.saturating_add(d)
        };
    }

    /// Zoom in (factor < 1) or out around the window's centre; in follow
    /// mode the present stays in view.
    pub fn zoom(&mut self, zoom_in: bool, now: Nanos, horizon: Nanos) {
        let follow = self.mode == Mode::Follow;
        let (s, e) = self.window(now, horizon);
        let centre = s + (e - s) / 2;
        let w = if zoom_in {
            (e - s) / 2
        } else {
            (e - s).saturating_mul(2)
        };
        let w = w.clamp(MIN_WIDTH, MAX_WIDTH);
        *self = Viewport {
            mode: if follow { Mode::Follow } else { Mode::Manual },
            start: centre.saturating_sub(w / 2),
            width: w,
        };
    }

    /// `f`: follow the present, or (when following) fit all.
    pub fn toggle_follow(&mut self, now: Nanos, horizon: Nanos) {
        if self.mode == Mode::Follow {
            self.mode = Mode::Fit;
        } else {
            let (s, e) = self.window(now, horizon);
            self.width = ((e - s) / 4).max(MIN_WIDTH);
            self.mode = Mode::Follow;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_grows_in_round_steps_and_follow_keeps_now_in_view() {
        let v = Viewport::default();
        assert_eq!(v.window(0, 3_050_000_000), (0, 4 * SECOND));
        let mut f = v;
        f.toggle_follow(10 * SECOND, 10 * SECOND);
        let (s, e) = f.window(10 * SECOND, 10 * SECOND);
        assert!(s < 10 * SECOND && 10 * SECOND < e);
        f.toggle_follow(10 * SECOND, 10 * SECOND);
        assert_eq!(f.mode, Mode::Fit);
    }

    #[test]
    fn pan_never_goes_before_zero_and_zoom_is_bounded() {
        let mut v = Viewport::default();
        v.pan(-1, 0, SECOND);
        assert_eq!(v.window(0, SECOND).0, 0);
        for _ in 0..100 {
            v.zoom(true, 0, SECOND);
        }
        assert_eq!(v.width, MIN_WIDTH);
        for _ in 0..100 {
            v.zoom(false, 0, SECOND);
        }
        assert_eq!(v.width, MAX_WIDTH);
    }
}
