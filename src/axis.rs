//! The time axis, shared by the dashboard and the pictures: round window
//! widths, tick steps and tick labels. All arithmetic saturates, so no time
//! (up to `u64::MAX`) can make it loop or overflow.

use crate::event::{Nanos, SECOND};

/// The smallest "round" number (1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k) ≥ `x`.
pub fn round_up(x: Nanos) -> Nanos {
    let x = x.max(1);
    let mut p: Nanos = 1;
    loop {
        for m in [10, 15, 20, 30, 40, 50, 60, 80, 100] {
            let v = p.saturating_mul(m) / 10;
            if v >= x {
                return v;
            }
        }
        if p > Nanos::MAX / 10 {
            return x; // nothing rounder fits
        }
        p *= 10;
    }
}

/// A tick step giving about one label per `cols_per_label` columns.
pub fn tick_step(width: Nanos, cols: u16, cols_per_label: u16) -> Nanos {
    let labels = (cols / cols_per_label.max(1)).max(1) as Nanos;
    round_up_125(width / labels)
}

fn round_up_125(x: Nanos) -> Nanos {
    let x = x.max(1);
    let mut p: Nanos = 1;
    loop {
        for m in [1, 2, 5] {
            if p.saturating_mul(m) >= x {
                return p.saturating_mul(m);
            }
        }
        if p > Nanos::MAX / 10 {
            return x;
        }
        p *= 10;
    }
}

/// The ticks of `step` from `from` (rounded up to a multiple of `step`)
/// up to `to`, inclusive or not; never more than `max` of them.
pub fn ticks(
    from: Nanos,
    to: Nanos,
    step: Nanos,
    inclusive: bool,
    max: usize,
) -> impl Iterator<Item = Nanos> {
    let step = step.max(1);
    let first = from.div_ceil(step).checked_mul(step);
    std::iter::successors(first, move |t| t.checked_add(step))
        .take_while(move |&t| if inclusive { t <= to } else { t < to })
        .take(max)
}

/// A time label short enough for the axis: `3s`, `1.5s`, `20ms`, `150µs`.
pub fn label(t: Nanos, step: Nanos) -> String {
    if step >= SECOND {
        format!("{}s", t / SECOND)
    } else if step >= SECOND / 10 {
        format!("{:.1}s", t as f64 / SECOND as f64)
    } else if step >= SECOND / 100 {
        format!("{:.2}s", t as f64 / SECOND as f64)
    } else if step >= 1_000_000 {
        format!("{}ms", t / 1_000_000)
    } else if step >= 100_000 {
        format!("{:.1}ms", t as f64 / 1e6)
    } else {
        format!("{}µs", t / 1_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_steps() {
        assert_eq!(round_up(3_050_000_000), 4 * SECOND);
        assert_eq!(round_up(SECOND), SECOND);
        assert_eq!(round_up(1_100_000_000), 1_500_000_000);
        assert_eq!(tick_step(4 * SECOND, 80, 10), SECOND / 2);
        assert_eq!(tick_step(4 * SECOND, 40, 10), SECOND);
    }

    #[test]
    fn absurd_times_neither_hang_nor_overflow() {
        assert_eq!(round_up(u64::MAX), u64::MAX);
        assert_eq!(round_up(u64::MAX - 5), u64::MAX - 5);
        assert!(tick_step(u64::MAX, 80, 10) > 0);
        let near = u64::MAX - 3;
        assert_eq!(ticks(near, u64::MAX, 2, true, 100).count(), 2);
        assert_eq!(ticks(0, u64::MAX, 1, true, 100).count(), 100);
        assert_eq!(ticks(0, 10, 5, false, 100).collect::<Vec<_>>(), [0, 5]);
        assert_eq!(ticks(0, 10, 5, true, 100).collect::<Vec<_>>(), [0, 5, 10]);
    }

    #[test]
    fn labels() {
        assert_eq!(label(2 * SECOND, SECOND), "2s");
        assert_eq!(label(1_500_000_000, SECOND / 2), "1.5s");
        assert_eq!(label(20_000_000, 10_000_000), "0.02s");
        assert_eq!(label(2_000_000, 1_000_000), "2ms");
        assert_eq!(label(150_000, 50_000), "150µs");
    }
}
