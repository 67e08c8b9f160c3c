//! A track's packed and boxed fields against plain ones: whatever order
//! they are set in, each reads back as last set (a creation time and the
//! daemon flag share a word, absent times and parents are sentinels, the
//! rare fields live in a box held only while one is set); and a timeline
//! finds every thread by its id, however the ids are numbered.

use proptest::prelude::*;
use threadline::event::{Event, EventKind, MAX_TIME, Nanos, Outcome, Raised, State};
use threadline::model::{Ghost, Timeline, Track};

/// The fields as plain values.
#[derive(Debug, Default)]
struct Plain {
    created: Nanos,
    daemon: bool,
    parent: Option<u32>,
    cpu: Option<Nanos>,
    raised: Option<Raised>,
    ghost: Option<Ghost>,
    pid: Option<u32>,
    exit_code: Option<i32>,
    end: Option<(Nanos, Outcome)>,
}

#[derive(Debug, Clone)]
enum Op {
    Created(Nanos),
    Daemon(bool),
    Parent(Option<u32>),
    Cpu(Nanos),
    Raised(Option<String>),
    Ghost(Option<bool>),
    Pid(Option<u32>),
    ExitCode(Option<i32>),
    Finish(u8, Nanos),
}

fn time() -> impl Strategy<Value = Nanos> {
    prop_oneof![0..1000u64, Just(MAX_TIME), Just(u64::MAX), any::<u64>()]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        time().prop_map(Op::Created),
        any::<bool>().prop_map(Op::Daemon),
        prop::option::of(0..u32::MAX).prop_map(Op::Parent),
        time().prop_map(Op::Cpu),
        prop::option::of("[a-z]{1,8}").prop_map(Op::Raised),
        prop::option::of(any::<bool>()).prop_map(Op::Ghost),
        prop::option::of(any::<u32>()).prop_map(Op::Pid),
        prop::option::of(any::<i32>()).prop_map(Op::ExitCode),
        (0u8..3, time()).prop_map(|(o, t)| Op::Finish(o, t)),
    ]
}

const OUTCOMES: [Outcome; 3] = [Outcome::Finished, Outcome::CutShort, Outcome::Failed];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_field_reads_back_as_last_set(ops in prop::collection::vec(op(), 0..24)) {
        let mut t = Track::new(7, "Thread-7 (work)", false, None, 0);
        let mut p = Plain::default();
        for op in ops {
            match op {
                Op::Created(at) => {
                    t.set_created(at);
                    p.created = at.min(MAX_TIME);
                }
                Op::Daemon(d) => {
                    t.set_daemon(d);
                    p.daemon = d;
                }
                Op::Parent(x) => {
                    t.set_parent(x);
                    p.parent = x;
                }
                Op::Cpu(ns) => {
                    t.measured_cpu(ns);
                    p.cpu = Some(p.cpu.unwrap_or(0).max(ns.min(MAX_TIME)));
                }
                Op::Raised(kind) => {
                    let r = kind.map(|kind| Raised { kind, ..Raised::default() });
                    t.set_raised(r.clone());
                    p.raised = r;
                }
                Op::Ghost(waits) => {
                    let g = waits.map(|waits| Ghost { waits, ..Ghost::default() });
                    let old = t.set_ghost(g.clone());
                    prop_assert_eq!(old, std::mem::replace(&mut p.ghost, g));
                }
                Op::Pid(x) => {
                    t.set_pid(x);
                    p.pid = x;
                }
                Op::ExitCode(x) => {
                    t.set_exit_code(x);
                    p.exit_code = x;
                }
                Op::Finish(o, at) => {
                    t.finish(OUTCOMES[o as usize], at);
                    // The first end stands; a second one at the same
                    // instant says how it ended.
                    let end = (at.min(MAX_TIME), OUTCOMES[o as usize]);
                    p.end = match p.end {
                        Some((then, _)) if then == end.0 => Some(end),
                        Some(e) => Some(e),
                        None => Some(end),
                    };
                }
            }
            prop_assert_eq!(t.created(), p.created);
            prop_assert_eq!(t.daemon(), p.daemon);
            prop_assert_eq!(t.parent(), p.parent);
            prop_assert_eq!(t.cpu(), p.cpu);
            prop_assert_eq!(t.raised(), p.raised.as_ref());
            prop_assert_eq!(t.ghost(), p.ghost.as_ref());
            prop_assert_eq!(t.pid(), p.pid);
            prop_assert_eq!(t.exit_code(), p.exit_code);
            prop_assert_eq!(t.end(), p.end);
            prop_assert_eq!(t.outcome(), p.end.map(|e| e.1));
            prop_assert_eq!(&*t.name, "Thread-7 (work)");
            let rare = p.raised.is_some() || p.ghost.is_some() || p.pid.is_some() || p.exit_code.is_some();
            prop_assert_eq!(t.rare_bytes() > 0, rare, "the box is held only while needed");
        }
    }

    #[test]
    fn a_timeline_finds_each_thread_by_its_id(ids in prop::collection::vec(
        prop_oneof![0u32..64, any::<u32>()], 1..200)) {
        let mut tl = Timeline::new();
        for (k, &id) in ids.iter().enumerate() {
            let state = if k % 2 == 0 { State::Running } else { State::Sleeping };
            tl.apply(&Event::new(0, k as u64, id, EventKind::state(state)));
        }
        let mut seen: Vec<u32> = Vec::new();
        for &id in &ids {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        let order: Vec<u32> = tl.tracks().iter().map(|t| t.id).collect();
        prop_assert_eq!(&order, &seen, "one track a thread, in the order they came");
        for (row, &id) in seen.iter().enumerate() {
            prop_assert_eq!(tl.row_of(id), Some(row));
            prop_assert_eq!(tl.track(id).map(|t| t.id), Some(id));
        }
        for id in [64u32, 1000, u32::MAX - 1] {
            if !seen.contains(&id) {
                prop_assert!(tl.track(id).is_none());
                prop_assert_eq!(tl.row_of(id), None);
            }
        }
    }
}

#[test]
fn a_track_stays_small() {
    assert!(size_of::<Track>() <= 88, "{} bytes", size_of::<Track>());
    let mut t = Track::new(1, "Thread-10000 (work)", false, Some(0), 5);
    t.enter(State::Running, 3.into(), 10);
    assert_eq!(t.span_bytes(), 0, "one span and its detail stay inline");
    assert!(!t.name.is_heap_allocated(), "a short name stays inline");
}
