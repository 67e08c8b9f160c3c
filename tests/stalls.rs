//! Deadlocks beyond two threads taking two locks, traced on every CPython
//! 3.8–3.13 present: every live thread waits with no timeout for what only
//! another could give (a stall), a thread waits for a lock it holds; locks
//! made on one line, in a list (an index computed) or as `self.lock` are
//! told apart by their names.
//! `--plain` names them, ends the program and exits with code 3 once no
//! thread can go on; a ring the rest of the program leaves behind is named
//! at the end of a run that ends itself; programs whose waits have
//! timeouts, or that a signal handler can wake, run to their end. A missing version is an ignored test, never a silent pass.

#[macro_use]
mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Each program, the exit code it must give under `trace --plain`, and
/// what the output must say (all of it).
const PROGRAMS: &[(&str, i32, &[&str])] = &[
    (
        "self_lock.py",
        0,
        &[
            "main leaves",
            "Deadlock: selfish waits for Lock lk (self_lock.py:7), which it holds itself",
            "The rest of the program went on without it: it waited so until the process ended",
        ],
    ),
    (
        "no_sentinel.py",
        3,
        &[
            "Deadlock: both live threads wait, with no timeout",
            "main waits in join() for consumer to end",
            "consumer waits for Queue q (no_sentinel.py:5)",
            "got 2",
        ],
    ),
    (
        "held_by_main.py",
        3,
        &[
            "main waits in join() for needs-lock to end; needs-lock waits for Lock lk (held_by_main.py:5)",
        ],
    ),
    (
        "lost_wakeup.py",
        3,
        &[
            "main waits at exit for the threads that are not daemons",
            "waiter waits for Condition cv (lost_wakeup.py:5)",
        ],
    ),
    (
        "alone.py",
        3,
        &[
            "Deadlock: the only live thread waits, with no timeout",
            "main waits for Event",
        ],
    ),
    (
        "ring_of_three.py",
        0,
        &[
            "Deadlock: 3 threads wait on each other in a ring: \
             x waits for Lock b (ring_of_three.py:7), held by y; \
             y waits for Lock c (ring_of_three.py:7), held by z; \
             z waits for Lock a (ring_of_three.py:7), held by x",
            "main leaves",
            "The rest of the program went on without them",
        ],
    ),
    (
        "philosophers.py",
        3,
        &[
            "phil0 waits for Lock forks[1] (philosophers.py:6), held by phil1; \
           phil1 waits for Lock forks[2] (philosophers.py:6), held by phil2",
            "phil4 waits for Lock forks[0] (philosophers.py:6), held by phil0",
        ],
    ),
    (
        "bank.py",
        3,
        &[
            "x-to-y holds Lock x.lock (bank.py:9) and waits for Lock y.lock (bank.py:9), held by y-to-x",
        ],
    ),
    (
        "lone_lock.py",
        3,
        &[
            "grabbed and gone",
            "Deadlock: the only live thread waits, with no timeout",
            "main waits for Lock lk (lone_lock.py:5)",
        ],
    ),
    ("polling.py", 0, &["done"]),
    ("idle_pool.py", 0, &["main ends"]),
    ("signalled.py", 0, &["woken"]),
];

fn check(python: &str) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/stall/");
    let version = python.rsplit('/').nth(2).unwrap_or("python").to_string();
    let recordings = common::fresh_scratch(&format!("stalls-{version}"));
    let recording = |file: &str| recordings.join(format!("{file}.jsonl"));
    // Each program mostly waits: all of them at once.
    let runs: Vec<_> = PROGRAMS
        .iter()
        .map(|&(file, ..)| {
            Command::new(env!("CARGO_BIN_EXE_threadline"))
                .args(["trace", "--plain", "--lang", "en", "--record"])
                .arg(recording(file))
                .args(["--", python])
                .arg(format!("{dir}{file}"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("threadline starts")
        })
        .collect();
    // A stall that is not called would hang: none may take 30 s.
    let deadline = Instant::now() + Duration::from_secs(30);
    for (mut run, &(file, code, says)) in runs.into_iter().zip(PROGRAMS) {
        while run.try_wait().expect("threadline runs").is_none() {
            if Instant::now() > deadline {
                // SIGTERM: threadline ends the traced program's group itself.
                let pid = i32::try_from(run.id()).expect("a pid");
                // SAFETY: a signal to our own child, which has not been reaped.
                unsafe { libc::kill(pid, libc::SIGTERM) };
                std::thread::sleep(Duration::from_secs(1));
                let _ = run.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let o = run.wait_with_output().expect("threadline ends");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.code(), Some(code), "{python} {file}:\n{all}");
        for s in says {
            assert!(all.contains(s), "{python} {file}: no {s:?} in\n{all}");
        }
        // A deadlock is named where it ended the program, or where it
        // stood until the program ended itself (and it is expected).
        let named = code == 3 || says.iter().any(|s| s.starts_with("Deadlock"));
        assert_eq!(all.contains("Deadlock"), named, "{python} {file}:\n{all}");
        // Its recording (the waits seen to last among its events) plays.
        let replay = Command::new(env!("CARGO_BIN_EXE_threadline"))
            .args(["replay", "--plain"])
            .arg(recording(file))
            .output()
            .expect("threadline replays");
        assert!(
            replay.status.success(),
            "{python} {file}: {}",
            String::from_utf8_lossy(&replay.stderr)
        );
    }
}

on_every_cpython!(stalls_on, check);
