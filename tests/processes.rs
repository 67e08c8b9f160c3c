//! Child processes (`multiprocessing.Process`): real processes that report
//! over a pipe, keep their own memory, follow the parent's clock, and are
//! never left behind.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, unbounded};
use threadline::event::{Batch, Event, EventKind, MAIN, Outcome};
use threadline::model::Timeline;
use threadline::runtime::{Run, set_worker_exe};
use threadline::scenario::{self, Overrides, Program};

mod common;

fn processes() -> Program {
    set_worker_exe(env!("CARGO_BIN_EXE_threadline"));
    scenario::builtin("processes", Overrides::default())
        .unwrap()
        .unwrap()
}

fn start(speed: f64, seed: u64) -> (Run, Receiver<Batch>) {
    let (tx, rx) = unbounded();
    let opts = common::options(speed, seed, false);
    (
        Run::start(Arc::new(processes()), opts, tx).expect("the main thread starts"),
        rx,
    )
}

/// Wait (for at most a minute) until `n` children report their pids.
fn pids(rx: &Receiver<Batch>, n: usize, seen: &mut Vec<Event>) -> Vec<u32> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut pids = Vec::new();
    while pids.len() < n {
        let batch = rx
            .recv_deadline(deadline)
            .expect("every child reports its pid");
        for e in batch {
            if let EventKind::Process { pid } = e.kind {
                pids.push(pid);
            }
            seen.push(e);
        }
    }
    pids
}

fn alive(pid: u32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}

#[test]
fn each_child_keeps_its_own_counter_and_the_parents_stays_zero() {
    set_worker_exe(env!("CARGO_BIN_EXE_threadline"));
    let (events, tl) = common::run(processes(), 3);
    let children: Vec<_> = tl.tracks().iter().filter(|t| t.is_process()).collect();
    assert_eq!(children.len(), 4);
    for c in &children {
        assert!(c.pid().is_some_and(|p| p != std::process::id()));
        assert_eq!(c.outcome(), Some(Outcome::Finished));
        assert_eq!(c.exit_code(), Some(0));
    }
    let mut pids: Vec<_> = children.iter().map(|c| c.pid()).collect();
    pids.sort_unstable();
    pids.dedup();
    assert_eq!(pids.len(), 4, "four different processes");
    let parent: Vec<_> = tl.counters.iter().filter(|c| c.thread == MAIN).collect();
    assert_eq!(parent.len(), 1);
    assert_eq!(parent[0].value, 0, "the parent's memory was never touched");
    let kids: Vec<i64> = tl
        .counters
        .iter()
        .filter(|c| c.thread != MAIN)
        .map(|c| c.value)
        .collect();
    assert_eq!(kids, vec![1000; 4]);
    let text: Vec<&str> = tl.output.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(text.iter().filter(|t| **t == "counter = 1000").count(), 4);
    assert_eq!(text.last(), Some(&"parent: all processes joined"));
    assert!(text.contains(&"counter = 0"));
    let said: Vec<String> = threadline::explain::outcome(&tl, true)
        .iter()
        .map(|m| m.render(threadline::i18n::Lang::En))
        .collect();
    let said = said.join(" ");
    assert!(said.contains("the parent's is 0"), "{said}");
    assert!(
        said.contains("each of the 4 child processes' is 1000"),
        "{said}"
    );
    // Their own GILs: the four compute at once.
    assert!(said.contains("4 ran at once"), "{said}");
    // Main joins every child: it exits after the last one ended.
    let last = children.iter().map(|c| c.end().unwrap().0).max().unwrap();
    assert!(tl.process_exit.unwrap().0 > last);
    assert!(events.iter().all(|e| e.at <= tl.process_exit.unwrap().0));
}

#[test]
fn the_same_seed_gives_the_same_events_from_the_children() {
    set_worker_exe(env!("CARGO_BIN_EXE_threadline"));
    let strip = |evs: Vec<Event>| -> Vec<(u64, u32, String)> {
        let mut v: Vec<_> = evs
            .into_iter()
            .filter(|e| !matches!(e.kind, EventKind::Process { .. }))
            .map(|e| (e.at, e.thread, format!("{:?}", e.kind)))
            .collect();
        v.sort();
        v
    };
    let (a, _) = common::run(processes(), 9);
    let (b, _) = common::run(processes(), 9);
    assert_eq!(strip(a), strip(b));
}

#[test]
fn stopping_the_run_leaves_no_child_behind() {
    // Real speed: the children compute for half a second.
    let (run, rx) = start(1.0, 1);
    let mut seen = Vec::new();
    let pids = pids(&rx, 4, &mut seen);
    assert!(pids.iter().all(|&p| alive(p)));
    assert_eq!(run.child_pids().len(), 4);
    run.stop();
    for p in pids {
        assert!(!alive(p), "child {p} is gone, reaped");
    }
    assert!(run.child_pids().is_empty());
    assert!(run.is_over());
}

#[test]
fn a_killed_child_is_reported_failed_with_its_exitcode_and_nothing_hangs() {
    let (run, rx) = start(1.0, 1);
    let mut seen = Vec::new();
    let pids = pids(&rx, 4, &mut seen);
    // SAFETY: a plain kill(2) of our own child.
    unsafe { libc::kill(pids[2] as libc::pid_t, libc::SIGKILL) };
    run.wait();
    seen.extend(rx.try_iter().flatten());
    let tl = Timeline::from_events(&seen);
    assert!(tl.is_complete(), "the parent went on and exited");
    let victim = tl
        .tracks()
        .iter()
        .find(|t| t.pid() == Some(pids[2]))
        .unwrap();
    assert_eq!(victim.outcome(), Some(Outcome::Failed));
    assert_eq!(victim.exit_code(), Some(-libc::SIGKILL));
    let finished = tl
        .tracks()
        .iter()
        .filter(|t| t.is_process() && t.outcome() == Some(Outcome::Finished))
        .count();
    assert_eq!(finished, 3);
    assert_eq!(tl.process_exit.map(|(_, c)| c), Some(0));
    assert!(!alive(pids[2]));
}

/// CPU time `pid` has used so far, in clock ticks (user + system).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the parenthesised command name: state is field 3, so
    // utime (14) and stime (15) are the 12th and 13th after it.
    let rest: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split(' ').collect();
    rest[11].parse::<u64>().unwrap() + rest[12].parse::<u64>().unwrap()
}

#[test]
fn pause_freezes_the_children_themselves() {
    let (run, rx) = start(0.5, 1);
    let mut seen = Vec::new();
    let pids = pids(&rx, 4, &mut seen);
    run.pause();
    // The pause travels over a pipe and the children settle: then, over
    // half a second, a computing child would use some 50 ticks of CPU; a
    // frozen one uses next to none.
    std::thread::sleep(Duration::from_millis(400));
    let before: Vec<u64> = pids.iter().map(|&p| cpu_ticks(p)).collect();
    std::thread::sleep(Duration::from_millis(500));
    for (&p, b) in pids.iter().zip(before) {
        let used = cpu_ticks(p) - b;
        assert!(used <= 5, "child {p} used {used} ticks while paused");
    }
    let before = rx.try_iter().flatten().count();
    run.resume();
    run.wait();
    let after: Vec<Event> = rx.try_iter().flatten().collect();
    assert!(
        after
            .iter()
            .any(|e| matches!(e.kind, EventKind::Ended { .. }) && e.thread != MAIN),
        "they go on after the resume ({before} events before it)"
    );
}
