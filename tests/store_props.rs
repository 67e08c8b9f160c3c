//! The span store against a plain list of runs: over random sequences of
//! state changes (same-instant changes and merges included, across the
//! search index's blocks), `state_at` and `span_at` equal a naive scan,
//! and every span's detail comes back as it was given.

use proptest::prelude::*;
use threadline::event::{Nanos, Outcome, State};
use threadline::model::{DetailId, Track};

/// The runs as a list: (start, state, detail), the same rules as a track.
#[derive(Default)]
struct Naive {
    runs: Vec<(Nanos, State, DetailId)>,
    end: Option<Nanos>,
}

impl Naive {
    fn enter(&mut self, state: State, detail: DetailId, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        let Some(&(last, s, d)) = self.runs.last() else {
            self.runs.push((at, state, detail));
            return;
        };
        if (s, d) == (state, detail) {
            return;
        }
        if at <= last {
            *self.runs.last_mut().unwrap() = (last, state, detail);
            let n = self.runs.len();
            if n >= 2 && (self.runs[n - 2].1, self.runs[n - 2].2) == (state, detail) {
                self.runs.pop();
            }
        } else {
            self.runs.push((at, state, detail));
        }
    }

    fn finish(&mut self, at: Nanos) {
        let at = self.runs.last().map_or(at, |r| at.max(r.0));
        if self.runs.len() > 1 && self.runs.last().map(|r| r.0) == Some(at) {
            self.runs.pop();
        }
        self.end = Some(at);
    }

    /// The run at `t`, by scanning every run.
    fn at(&self, t: Nanos) -> Option<(Nanos, State, DetailId)> {
        if self.end.is_some_and(|e| t >= e) {
            return None;
        }
        self.runs.iter().rev().find(|r| r.0 <= t).copied()
    }
}

const STATES: [State; 4] = [
    State::Running,
    State::Sleeping,
    State::WaitingLock,
    State::Joining,
];

/// A detail: its interned part (0: none) and the thread it names, if any.
fn detail(what: u32, holder: u32) -> DetailId {
    DetailId::new(what, (holder > 0).then_some(holder * 1000))
}

fn ops() -> impl Strategy<Value = (Vec<(u64, usize, u32, u32)>, bool)> {
    // (time step, 0 for the same instant; state; detail's interned part,
    // 0 for none; the thread it names, 0 for none)
    (
        prop::collection::vec((0u64..4, 0usize..4, 0u32..3, 0u32..3), 0..1500),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_store_answers_as_a_scan_of_its_runs((steps, ends) in ops(), probes in prop::collection::vec(0u64..5000, 64)) {
        let mut t = Track::new(1, "t", false, None, 0);
        let mut naive = Naive::default();
        let mut at = 0;
        for &(dt, s, d, h) in &steps {
            at += dt * 2;
            t.enter(STATES[s], detail(d, h), at);
            naive.enter(STATES[s], detail(d, h), at);
        }
        if ends {
            t.finish(Outcome::Finished, at + 1);
            naive.finish(at + 1);
        }
        let now = at + 10;
        let spans: Vec<_> = t.spans(now).map(|s| (s.start, s.state, s.detail)).collect();
        prop_assert_eq!(&spans, &naive.runs);
        prop_assert_eq!(t.span_count(), naive.runs.len());
        // Every start, the instants either side of it, and random times.
        let edges = naive.runs.iter().flat_map(|r| [r.0.saturating_sub(1), r.0, r.0 + 1]);
        for q in edges.chain(probes) {
            let want = naive.at(q);
            prop_assert_eq!(t.state_at(q), want.map(|r| r.1), "state at {}", q);
            let got = t.span_at(q, now).map(|s| (s.start, s.state, s.detail));
            prop_assert_eq!(got, want, "span at {}", q);
        }
    }
}

#[test]
fn a_million_spans_are_found_by_time() {
    let mut t = Track::new(1, "t", false, None, 0);
    for k in 0..1_000_000u64 {
        let state = STATES[(k % 4) as usize];
        t.enter(state, detail((k % 3) as u32, (k % 5) as u32), k * 10);
    }
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..10_000 {
        let q = rng.u64(0..10_000_000);
        let k = q / 10;
        assert_eq!(t.state_at(q), Some(STATES[(k % 4) as usize]), "at {q}");
        let s = t.span_at(q, 10_000_000).unwrap();
        let d = s.detail;
        assert_eq!((s.start, d.what()), (k * 10, (k % 3) as u32));
        assert_eq!(d.holder(), Some((k % 5) as u32 * 1000).filter(|&h| h > 0));
    }
    assert_eq!(t.state_at(u64::MAX >> 9), Some(STATES[3]));
}
