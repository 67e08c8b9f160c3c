//! The model under random input: spans stay ordered and non-overlapping,
//! and the queries agree with a brute-force reading of the same changes.

use proptest::prelude::*;
use threadline::event::{Event, EventKind, Outcome, State};
use threadline::model::{DetailId, Timeline, Track};

/// A state with a detail (0: none), as a change carries them.
type Change = (State, DetailId);

fn change(k: u8, d: u8) -> Change {
    (State::ALL[usize::from(k) % 4 * 2], u32::from(d % 3).into())
}

/// A thread's state changes at non-decreasing times, then maybe an end.
fn changes() -> impl Strategy<Value = (Vec<(u64, Change)>, Option<u64>)> {
    (
        prop::collection::vec((0u64..50, 0u8..6, 0u8..3), 0..60),
        prop::option::of(0u64..50),
    )
        .prop_map(|(steps, end)| {
            let mut t = 0;
            let changes: Vec<(u64, Change)> = steps
                .into_iter()
                .map(|(dt, k, d)| {
                    t += dt;
                    (t, change(k, d))
                })
                .collect();
            let end = end.map(|d| t + d);
            (changes, end)
        })
}

fn track(changes: &[(u64, Change)], end: Option<u64>) -> Track {
    let mut tr = Track::new(1, "t", false, None, 0);
    for &(t, (s, d)) in changes {
        tr.enter(s, d, t);
    }
    if let Some(e) = end {
        tr.finish(Outcome::Finished, e);
    }
    tr
}

/// The state at `t` by scanning every change (the last one at or before t wins).
fn brute(changes: &[(u64, Change)], end: Option<u64>, t: u64) -> Option<Change> {
    if end.is_some_and(|e| t >= e) {
        return None;
    }
    let at_or_before: Vec<_> = changes.iter().filter(|(c, _)| *c <= t).collect();
    let last_time = at_or_before.last()?.0;
    // Several changes at the same instant: the last one stands.
    at_or_before
        .iter()
        .rev()
        .find(|(c, _)| *c == last_time)
        .map(|(_, s)| *s)
}

proptest! {
    #[test]
    fn spans_are_ordered_and_never_overlap((changes, end) in changes(), now in 0u64..4000) {
        let tr = track(&changes, end);
        let spans: Vec<_> = tr.spans(now).collect();
        for w in spans.windows(2) {
            prop_assert!(w[0].start < w[1].start);
            prop_assert_eq!(w[0].end, w[1].start, "contiguous");
            prop_assert!((w[0].state, w[0].detail) != (w[1].state, w[1].detail), "runs are merged");
        }
        for s in &spans {
            prop_assert!(s.start <= s.end);
        }
    }

    #[test]
    fn spans_from_the_end_are_the_spans_reversed_one_per_mark((changes, end) in changes(), now in 0u64..4000) {
        let tr = track(&changes, end);
        let forward: Vec<_> = tr.spans(now).collect();
        let mut backward: Vec<_> = tr.spans(now).rev().collect();
        backward.reverse();
        prop_assert_eq!(forward.len(), tr.span_count());
        prop_assert_eq!(&backward, &forward);
        // The spans of every change, as `spans_between` over all time.
        let between: Vec<_> = tr.spans_between(0, u64::MAX, now).collect();
        prop_assert_eq!(between, forward);
    }

    #[test]
    fn state_at_agrees_with_a_scan((changes, end) in changes(), t in 0u64..3200) {
        let tr = track(&changes, end);
        let want = brute(&changes, end, t);
        prop_assert_eq!(tr.state_at(t), want.map(|c| c.0));
        prop_assert_eq!(tr.span_at(t, 4000).map(|s| (s.state, s.detail)), want);
    }

    #[test]
    fn spans_between_returns_exactly_the_overlapping_spans((changes, end) in changes(), a in 0u64..3000, w in 1u64..500) {
        let tr = track(&changes, end);
        let now = 4000;
        let all: Vec<_> = tr.spans(now).collect();
        let expected: Vec<_> = all.iter().copied().filter(|s| s.start < a + w && s.end > a && s.end > s.start).collect();
        let got: Vec<_> = tr.spans_between(a, a + w, now).filter(|s| s.end > s.start).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn the_galloping_search_agrees_with_state_at((changes, end) in changes(), mut ts in prop::collection::vec(0u64..3200, 1..40)) {
        let tr = track(&changes, end);
        ts.sort_unstable();
        let mut hint = 0;
        for t in ts {
            let (s, _) = tr.around(t, &mut hint);
            let expected = if tr.started().is_some_and(|st| t >= st) { tr.state_at(t).or(s) } else { None };
            if end.is_none_or(|e| t < e) {
                prop_assert_eq!(s, expected);
            }
        }
    }
}

#[test]
fn output_is_ordered_by_time_and_other_runs_are_ignored() {
    let mut tl = Timeline::for_run(7);
    let out = |run, at, text: &str| Event::new(run, at, 0, EventKind::line(text));
    tl.apply(&out(7, 30, "c"));
    tl.apply(&out(7, 10, "a"));
    tl.apply(&out(7, 20, "b"));
    assert!(!tl.apply(&out(8, 15, "other run")));
    let texts: Vec<_> = tl.output.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["a", "b", "c"]);
}

#[test]
fn markers_and_ends() {
    let mut tl = Timeline::new();
    tl.apply(&Event::new(0, 0, 0, EventKind::state(State::Running)));
    tl.apply(&Event::new(0, 5, 0, EventKind::MainCodeEnd));
    tl.apply(&Event::new(0, 9, 0, EventKind::ProcessExit { code: 3 }));
    tl.apply(&Event::new(0, 9, 0, EventKind::ended(Outcome::Finished)));
    assert_eq!(tl.main_code_end, Some(5));
    assert_eq!(tl.process_exit, Some((9, 3)));
    assert!(tl.is_complete());
    assert_eq!(tl.track(0).unwrap().state_at(9), None, "ended");
}
