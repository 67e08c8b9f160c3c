//! When the picture of a live run can next change by itself: once program
//! time has moved by one cell of the timeline, or the header's clock has a
//! new digit to show. A live run with nothing happening costs a frame per
//! cell, not a frame every 33 ms.

use std::time::Duration;

use crate::event::{Nanos, SECOND};

/// The header's clock while the program runs shows tenths of a second
/// (paused or finished it shows milliseconds: then it does not move).
pub const CLOCK_STEP: Nanos = SECOND / 10;

/// The header's clock at `now` while the program runs: `t=12.3 s`, cut
/// (not rounded) to the tenth, so its digit turns at each [`CLOCK_STEP`].
pub fn running_clock(now: Nanos) -> String {
    let tenths = now / CLOCK_STEP;
    format!("t={}.{} s", tenths / 10, tenths % 10)
}

/// The wall time from now until the picture can change by itself: program
/// time `now` reaches the next edge of a cell (the window `[start, end)`
/// drawn over `cols` cells) or the clock's next step, at `speed` program
/// seconds per wall second.
pub fn until_change(now: Nanos, (start, end): (Nanos, Nanos), cols: u16, speed: f64) -> Duration {
    let next = |from: Nanos, step: Nanos| {
        let step = step.max(1);
        from.saturating_add((now.saturating_sub(from) / step + 1) * step)
    };
    let cell = end.saturating_sub(start) / Nanos::from(cols.max(1));
    let at = next(start, cell).min(next(0, CLOCK_STEP));
    let program = at.saturating_sub(now) as f64;
    Duration::from_secs_f64(program / speed.max(f64::MIN_POSITIVE) / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Nanos = 1_000_000;

    #[test]
    fn the_clock_turns_at_each_tenth() {
        assert_eq!(running_clock(12_349 * MS), "t=12.3 s");
        assert_eq!(running_clock(12_399 * MS), "t=12.3 s");
        assert_eq!(running_clock(12_400 * MS), "t=12.4 s");
        assert_eq!(running_clock(0), "t=0.0 s");
    }

    #[test]
    fn a_frame_waits_for_the_next_cell_or_clock_step() {
        // 10 s over 200 cells: 50 ms a cell, sooner than the clock's step.
        let d = until_change(1_010 * MS, (0, 10 * SECOND), 200, 1.0);
        assert_eq!(d, Duration::from_millis(40));
        // 100 s over 100 cells: 1 s a cell; the clock's tenth comes first.
        let d = until_change(1_010 * MS, (0, 100 * SECOND), 100, 1.0);
        assert_eq!(d, Duration::from_millis(90));
        // Ten times the speed: a tenth of the wall time.
        let d = until_change(1_010 * MS, (0, 100 * SECOND), 100, 10.0);
        assert_eq!(d, Duration::from_millis(9));
        // On an edge: the next one, never zero.
        let d = until_change(1_000 * MS, (0, 10 * SECOND), 200, 1.0);
        assert_eq!(d, Duration::from_millis(50));
    }

    #[test]
    fn cells_are_counted_from_the_window_start() {
        // A window starting at 7 ms with 10 ms cells: edges at 17, 27, ….
        let d = until_change(20 * MS, (7 * MS, 107 * MS), 10, 1.0);
        assert_eq!(d, Duration::from_millis(7));
    }
}
