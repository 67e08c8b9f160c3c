use super::*;
use crate::trace::{Reading, Round};

fn feed(d: &mut Decoder, lines: &[&str]) -> Vec<Event> {
    lines.iter().flat_map(|l| d.line(l.as_bytes())).collect()
}

const HELLO: &str = r#"V 2 100 1 5 1 root "3.12.1" "x.py""#;

/// A decoder that has read process 100's first lines (`P 100`, then
/// `hello`), then `lines`: it, and the events of them all.
fn opened(hello: &str, lines: &[&str]) -> (Decoder, Vec<Event>) {
    let mut d = Decoder::new(1);
    let mut evs = feed(&mut d, &["P 100", hello]);
    evs.extend(feed(&mut d, lines));
    (d, evs)
}

/// Whether the last event puts its thread back to running.
fn ends_running(evs: &[Event]) -> bool {
    matches!(
        evs.last().map(|e| &e.kind),
        Some(EventKind::State {
            state: State::Running,
            ..
        })
    )
}

/// [`opened`] with [`HELLO`].
fn started(lines: &[&str]) -> (Decoder, Vec<Event>) {
    opened(HELLO, lines)
}

#[test]
fn garbage_is_counted_not_fatal() {
    let mut d = Decoder::new(1);
    assert!(d.line(b"not a record").is_empty()); // before any P line
    feed(&mut d, &["P 100", HELLO]);
    assert!(d.line(b"? 5 1").is_empty());
    assert!(d.line(b"W 5").is_empty());
    assert!(d.line("T 5 0 1 0 \"unterminated".as_bytes()).is_empty());
    assert_eq!(d.dropped, 4);
    assert_eq!(d.line(b"W 6 0 sleep - - -").len(), 1);
}

#[test]
fn pieces_of_a_line_pass_through_as_pieces() {
    let (_, evs) = started(&[r#"T 1 0 1 1 "name? ""#, r#"T 2 0 1 0 "ada""#]);
    let outs: Vec<_> = evs
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Output { text, more, .. } => Some((text.as_str(), *more)),
            _ => None,
        })
        .collect();
    assert_eq!(outs, [("name? ", true), ("ada", false)]);
}

#[test]
fn a_wait_says_what_who_and_where() {
    let (d, evs) = started(&[
        r#"F 1 "/tmp/bank.py""#,
        r#"N 3 1 0 0 1:9 "teller""#,
        "R 4 1 4242 1:5",
        r#"O 5 1 "Lock" 1:2 "vault" -"#,
        "W 6 1 lock 1 0 1:14",
        "U 7 1 1:14",
    ]);
    let want = Detail {
        on: Some("Lock vault (bank.py:2)".into()),
        holder: Some(0),
        site: Some("bank.py:14".into()),
        forever: false,
    };
    assert!(
        evs.iter()
            .any(|e| e.kind == EventKind::state_with(State::WaitingLock, want.clone()))
    );
    assert_eq!(d.natives.get(&1), Some(&(100, 4242)));
    assert!(ends_running(&evs));
}

#[test]
fn a_wait_for_good_is_marked_from_its_start_and_only_while_it_lasts() {
    let (d, evs) = started(&[
        r#"F 1 "/tmp/q.py""#,
        r#"N 3 1 0 0 1:9 "consumer""#,
        "R 4 1 4242 1:5",
        r#"O 5 1 "Queue" 1:2 "q" -"#,
        "W 6 1 queue_get 1 - 1:7",
        // Another wait's G (its site differs), then this one's.
        "G 100 1 1:8",
        "G 110 1 1:7",
        "G 120 1 1:7",
        "U 130 1 1:7",
        // After its end a G is for nothing.
        "G 140 1 1:7",
    ]);
    assert_eq!(d.dropped, 0);
    let marked: Vec<(Nanos, bool)> = evs
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::State {
                state: State::Waiting,
                detail,
            } => Some((e.at, detail.forever)),
            _ => None,
        })
        .collect();
    // The W, then once its G, at the G's time (a recording's events of a
    // thread go forward in time); the model marks the W's span with it.
    assert_eq!(marked, [(6, false), (110, true)]);
    let tl = crate::model::Timeline::from_events(&evs[..evs.len() - 1]);
    let t = tl.track(1).unwrap();
    let waits: Vec<_> = t.spans(120).filter(|s| s.state == State::Waiting).collect();
    assert_eq!(waits.len(), 1, "one span for the one wait");
    assert_eq!(waits[0].start, 6);
    assert!(tl.detail(waits[0].detail).is_some_and(|d| d.forever));
    assert!(ends_running(&evs));
}

#[test]
fn start_waits_until_the_new_thread_runs() {
    let (_, evs) = started(&[r#"F 1 "s.py""#, r#"N 3 1 0 0 1:4 "w""#, "R 4 1 77 -"]);
    let main: Vec<_> = evs
        .iter()
        .filter(|e| e.thread == MAIN)
        .filter_map(|e| match &e.kind {
            EventKind::State { state, detail } => Some((*state, detail.holder, e.at)),
            _ => None,
        })
        .collect();
    assert_eq!(
        main,
        [(State::Starting, Some(1), 3), (State::Running, None, 4)]
    );
}

#[test]
fn a_running_thread_is_cut_short_at_exit() {
    let (mut d, _) = started(&[
        r#"N 1 1 0 1 - "w""#,
        "R 2 1 55 -",
        r#"N 3 2 0 0 - "never started""#,
    ]);
    let evs = d.exit(10, 0, false);
    let cut: Vec<_> = evs
        .iter()
        .filter(|e| e.kind == EventKind::ended(Outcome::CutShort))
        .map(|e| e.thread)
        .collect();
    assert_eq!(cut, vec![1]);
    assert!(matches!(
        evs.last().unwrap().kind,
        EventKind::ProcessExit { code: 0 }
    ));
}

#[test]
fn sys_exit_is_an_exit_and_an_exception_a_failure() {
    // Main's code ends, then _shutdown returns (Z): still an exit with 3.
    let (mut d, _) = started(&["M 5 ok -", "Z 6"]);
    let evs = d.exit(10, 3, false);
    assert!(
        evs.iter()
            .any(|e| e.kind == EventKind::ended(Outcome::Finished))
    );
    let (mut d, _) = started(&[r#"F 1 "m.py""#, r#"M 5 exc 1:6 "KeyError" "'x'""#]);
    let evs = d.exit(10, 1, false);
    assert!(evs.iter().any(|e| matches!(&e.kind,
        EventKind::Ended { outcome: Outcome::Failed, raised: Some(r) }
            if r.kind == "KeyError" && r.site.as_deref() == Some("m.py:6"))));
}

#[test]
fn os_exit_in_a_thread_cuts_main_short_and_names_the_caller() {
    let outcome = |evs: &[Event], t: ThreadId| {
        evs.iter()
            .find_map(|e| match &e.kind {
                EventKind::Ended { outcome, .. } if e.thread == t => Some(*outcome),
                _ => None,
            })
            .expect("it ends")
    };
    // A worker calls os._exit(3) at x.py:4 while main sleeps.
    let (mut d, evs) = started(&[
        r#"F 1 "/tmp/x.py""#,
        r#"N 1 1 0 0 - "killer""#,
        "R 2 1 55 -",
        "W 3 0 sleep - - 1:6",
        "X 4 1 1:4",
    ]);
    let call = evs
        .iter()
        .find(|e| matches!(e.kind, EventKind::OsExit { .. }));
    assert_eq!(
        call.map(|e| (e.thread, &e.kind)),
        Some((
            1,
            &EventKind::OsExit {
                site: Some("x.py:4".into())
            }
        )),
        "{evs:?}"
    );
    let evs = d.exit(10, 3, false);
    assert_eq!(outcome(&evs, MAIN), Outcome::CutShort, "main did not fail");
    assert_eq!(outcome(&evs, 1), Outcome::CutShort);
    // Main's own os._exit(3) is still main's failure.
    let (mut d, _) = started(&[r#"F 1 "/tmp/x.py""#, "X 4 0 1:4"]);
    assert_eq!(outcome(&d.exit(10, 3, false), MAIN), Outcome::Failed);
}

#[test]
fn a_child_ends_with_its_exit_code_even_when_it_comes_after_its_end() {
    let ends = |evs: &[Event]| -> Vec<(u64, String)> {
        evs.iter()
            .filter(|e| e.thread != MAIN)
            .filter_map(|e| match &e.kind {
                EventKind::ExitCode { code } => Some((e.at, format!("code {code}"))),
                EventKind::Ended { outcome, .. } => Some((e.at, format!("{outcome:?}"))),
                _ => None,
            })
            .collect()
    };
    // Spawned (exec): its shutdown (Z at 5) ends its row; its code (C at 6)
    // comes after, and ends it again at 5, failed.
    let (mut d, _) = started(&[]);
    let child = [r#"V 2 200 100 1 1 exec "3.12.1" "-c""#, "Z 5", "C 6 200 1"];
    let evs: Vec<Event> = std::iter::once("P 200")
        .chain(child)
        .flat_map(|l| d.line(l.as_bytes()))
        .collect();
    assert_eq!(
        ends(&evs),
        [
            (5, "Finished".into()),
            (5, "code 1".into()),
            (5, "Failed".into())
        ]
    );
    // The parent's reap says it again (C from pid 100): nothing more.
    assert_eq!(ends(&feed(&mut d, &["P 100", "C 7 200 1"])), []);
    // Forked and killed: it said nothing; the parent's reap ends it.
    let evs: Vec<Event> = [
        "P 300",
        r#"V 2 300 100 8 1 fork "3.12.1" "x""#,
        "P 100",
        "C 9 300 -15",
    ]
    .iter()
    .flat_map(|l| d.line(l.as_bytes()))
    .collect();
    assert_eq!(ends(&evs), [(9, "code -15".into()), (9, "Failed".into())]);
}

#[test]
fn a_program_threadline_ended_by_a_signal_was_cut_short_not_failed() {
    let main_end = |by_us: bool, code: i32| {
        let (mut d, _) = started(&[r#"N 1 1 0 0 - "w""#, "R 2 1 55 -"]);
        let evs = d.exit(10, code, by_us);
        evs.iter()
            .find_map(|e| match &e.kind {
                EventKind::Ended { outcome, .. } if e.thread == MAIN => Some(*outcome),
                _ => None,
            })
            .expect("main ends")
    };
    assert_eq!(main_end(true, 143), Outcome::CutShort, "SIGTERM from us");
    assert_eq!(
        main_end(false, 143),
        Outcome::Failed,
        "a signal from elsewhere"
    );
    assert_eq!(
        main_end(true, 1),
        Outcome::Failed,
        "it failed by itself first"
    );
}

#[test]
fn a_child_process_gets_its_own_rows() {
    let (_, evs) = started(&[
        "P 200",
        r#"V 2 200 100 9 1 fork "3.12.1" "x.py""#,
        r#"N 10 1 0 0 - "child thread""#,
    ]);
    assert!(
        evs.iter()
            .any(|e| e.kind == EventKind::Process { pid: 200 } && e.thread == CHILD_BASE)
    );
    assert!(evs.iter().any(|e| e.thread == CHILD_BASE | 1
        && matches!(&e.kind, EventKind::Spawned { parent: Some(p), .. } if *p == CHILD_BASE)));
}

fn reading(native: u32, cpu: Nanos) -> Reading {
    Reading {
        native,
        pid: 100,
        cpu,
        runnable: false,
        io: None,
    }
}

/// The states `evs` give `thread`, with their times.
fn states_of(evs: &[Event], thread: ThreadId) -> Vec<(Nanos, State)> {
    evs.iter()
        .filter(|e| e.thread == thread)
        .filter_map(|e| match &e.kind {
            EventKind::State { state, .. } => Some((e.at, *state)),
            _ => None,
        })
        .collect()
}

const MS: Nanos = 1_000_000;

/// A decoder told of process 100 (its hello line `hello`) and two running
/// threads, a (native 11) and b (native 12), sampled at 100 ms and at
/// 110 ms, when a had run 10 ms and b not at all.
fn two_running(hello: &str) -> Decoder {
    let (mut d, _) = opened(
        hello,
        &[
            r#"N 1000000 1 0 0 - "a""#,
            "R 1000000 1 11 -",
            r#"N 1000000 2 0 0 - "b""#,
            "R 1000000 2 12 -",
        ],
    );
    d.sampled(Round::new(100 * MS, vec![reading(11, 0), reading(12, 0)]));
    d.sampled(Round::new(
        110 * MS,
        vec![reading(11, 10 * MS), reading(12, 0)],
    ));
    d
}

#[test]
fn samples_say_who_waits_for_the_gil_and_never_go_back_before_a_record() {
    let mut d = two_running(HELLO);
    d.sampled(Round::new(
        130 * MS,
        vec![reading(11, 30 * MS), reading(12, 0)],
    ));
    // b's sleep at 120 ms comes in before the rounds are due: b gets the
    // interval that ended before it first, and nothing after it.
    let mut evs = d.line(b"W 120000000 2 sleep - - -");
    evs.extend(d.apply_due(Nanos::MAX));
    assert_eq!(
        states_of(&evs, 2),
        [(100 * MS, State::WaitingGil), (120 * MS, State::Sleeping)]
    );
    // a ran all along: nothing to add.
    assert_eq!(states_of(&evs, 1), []);
    // Its CPU time is sent once it grew by 20 ms.
    assert!(
        evs.iter()
            .any(|e| e.thread == 1 && e.kind == EventKind::Cpu { ns: 30 * MS })
    );
}

#[test]
fn without_a_gil_nobody_waits_for_it() {
    let mut d = two_running(r#"V 2 100 1 5 0 root "3.13.0" "x.py""#);
    let evs = d.apply_due(Nanos::MAX);
    assert_eq!(states_of(&evs, 2), []);
}

#[test]
fn a_thread_c_code_started_has_no_starter_and_ends_when_it_leaves_proc() {
    let (mut d, evs) = started(&[r#"N 1000000 1 - 1 - "Dummy-1""#, "R 1000000 1 11 -"]);
    assert!(
        evs.iter()
            .any(|e| e.thread == 1 && matches!(&e.kind, EventKind::Spawned { parent: None, .. }))
    );
    assert_eq!(states_of(&evs, MAIN), [], "main started nobody");
    assert_eq!(d.foreign_natives(), [(100, 11)]);
    d.sampled(Round::new(100 * MS, vec![reading(11, 0)]));
    let mut gone = Round::new(150 * MS, Vec::new());
    gone.gone = vec![(100, 11)];
    d.sampled(gone);
    let evs = d.apply_due(Nanos::MAX);
    assert!(
        evs.iter().any(|e| e.thread == 1
            && e.at == 150 * MS
            && e.kind == EventKind::ended(Outcome::Finished)),
        "{evs:?}"
    );
    assert_eq!(d.foreign_natives(), []);
    // A thread the program started is never ended so: its record says.
    let (mut d, _) = started(&[r#"N 1000000 1 0 0 - "a""#, "R 1000000 1 11 -"]);
    assert_eq!(d.foreign_natives(), []);
    let mut gone = Round::new(150 * MS, Vec::new());
    gone.gone = vec![(100, 11)];
    d.sampled(gone);
    assert!(d.apply_due(Nanos::MAX).is_empty());
}
