//! What the operating system's view of a traced program's threads says
//! that the tracer cannot: a thread the tracer last saw running Python that
//! is blocked in a system call, or that is waiting for the GIL.
//!
//! Pure: given what two consecutive samples saw of the threads of one
//! process that the tracer says run Python over the whole interval between
//! them, say what each thread was doing within it. The rules, in order:
//!
//! - A thread blocked in a system call (`read`, `poll`, `nanosleep`, …) at
//!   both samples was in it over the whole interval: `BlockedIo`, or
//!   `Sleeping` for a timer the C code sleeps on (the call says which).
//! - On a build with a GIL, when at least one of the threads got CPU time
//!   in the interval, a thread that got (next to) none while not runnable
//!   was waiting for the GIL: `WaitingGil`. Threads that each got CPU ran
//!   in turns (only one holds the GIL): each is drawn running for the CPU
//!   time it got, one after the other, and waiting for the GIL for the rest
//!   — unless together they got clearly more CPU than the time they had
//!   (over the last few intervals: C code that released the GIL): then they
//!   ran at once.
//! - When no thread got CPU time, or a thread that got none was runnable
//!   (waiting for a core of a busy machine), there is no evidence either
//!   way: it stays as it was shown (no stretch).
//! - Without a GIL (a free-threaded build), nothing is inferred from CPU
//!   time: a thread is never said to wait for a GIL there is not.
//! - A thread blocked in a system call at the later sample is in the
//!   call's state from that sample on.

use crate::event::{Nanos, State, ThreadId};

/// A blocking system call a thread sat in: the state it puts the thread
/// in (`BlockedIo`, or `Sleeping` for a timer) and the call in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub state: State,
    pub words: String,
}

impl Call {
    /// Blocked on input or output, in `words`.
    pub fn io(words: impl Into<String>) -> Call {
        Call {
            state: State::BlockedIo,
            words: words.into(),
        }
    }
}

/// What was seen of one thread over an interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub thread: ThreadId,
    /// CPU time it got within the interval.
    pub cpu: Nanos,
    /// It was runnable (`R`) at the later sample: waiting for a core, not
    /// for the GIL, when it got no CPU.
    pub runnable: bool,
    /// The blocking system call it sat in at the earlier sample.
    pub io_before: Option<Call>,
    /// …and at the later one.
    pub io_after: Option<Call>,
}

/// A stretch of a thread's interval: from `at` on, `state` (with the
/// system call in words when one put it there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub at: Nanos,
    pub state: State,
    pub call: Option<String>,
}

impl Stretch {
    fn new(at: Nanos, state: State) -> Stretch {
        Stretch {
            at,
            state,
            call: None,
        }
    }
}

/// Less CPU than this share of an interval is "none" (a thread waiting for
/// the GIL wakes now and then to ask for it).
const IDLE_SHARE: Nanos = 50;

/// Busy CPU time of the threads that could run, against the time it was
/// got in: over a few intervals, far less noisy than one (the kernel adds
/// up a running thread's time at its ticks).
pub fn busy_time(from: Nanos, to: Nanos, seen: &[Seen]) -> (Nanos, Nanos) {
    let cpu = seen
        .iter()
        .filter(|s| s.io_before.is_none())
        .map(|s| s.cpu)
        .sum();
    (cpu, to.saturating_sub(from))
}

/// What each thread of one process did over `[from, to)`, in the order of
/// `seen` (threads that ran last first, so running stays running across
/// intervals); `gil` is whether the interpreter has one; `recent` the busy
/// CPU time and length of the last few intervals ([`busy_time`] summed,
/// this one included), the evidence for whether threads ran at once (this
/// interval's alone when None). Each thread's stretches are in time order
/// and begin at `from`, except that a thread found blocked at `to` gets a
/// last stretch beginning at `to`; a thread with no stretch stays as shown.
pub fn infer(
    from: Nanos,
    to: Nanos,
    gil: bool,
    seen: &[Seen],
    recent: Option<(Nanos, Nanos)>,
) -> Vec<(ThreadId, Vec<Stretch>)> {
    let len = to.saturating_sub(from);
    let idle = |s: &Seen| s.cpu < (len / IDLE_SHARE).max(50_000);
    let free: Vec<&Seen> = seen.iter().filter(|s| s.io_before.is_none()).collect();
    let busy: Vec<&Seen> = free.iter().copied().filter(|s| !idle(s)).collect();
    let total: Nanos = busy.iter().map(|s| s.cpu).sum();
    // Clearly more CPU than one thread can have had: they ran at once.
    let (cpu, span) = recent.unwrap_or((total, len));
    let parallel = cpu > span + span / 4;
    let mut cursor = from;
    let scale = |cpu: Nanos| {
        if total > len {
            (cpu as u128 * len as u128 / total.max(1) as u128) as Nanos
        } else {
            cpu
        }
    };
    let mut out = Vec::with_capacity(seen.len());
    for s in seen {
        let mut stretches = Vec::new();
        if let Some(call) = &s.io_before
            && s.io_after.as_ref() == Some(call)
        {
            stretches.push(Stretch {
                at: from,
                state: call.state,
                call: Some(call.words.clone()),
            });
            out.push((s.thread, stretches));
            continue;
        }
        if s.io_before.is_some() || !gil || parallel {
            stretches.push(Stretch::new(from, State::Running));
        } else if busy.is_empty() || (idle(s) && s.runnable) {
            // Nothing ran, or it waited for a core (the machine is busy):
            // no evidence either way; it stays as it was shown.
        } else if idle(s) {
            stretches.push(Stretch::new(from, State::WaitingGil));
        } else if busy.len() == 1 {
            stretches.push(Stretch::new(from, State::Running));
        } else {
            // Its turn: after those before it in `order`.
            let ran = scale(s.cpu);
            if cursor > from {
                stretches.push(Stretch::new(from, State::WaitingGil));
            }
            stretches.push(Stretch::new(cursor, State::Running));
            cursor = (cursor + ran).min(to);
            if cursor < to {
                stretches.push(Stretch::new(cursor, State::WaitingGil));
            }
        }
        if let Some(call) = &s.io_after {
            stretches.push(Stretch {
                at: to,
                state: call.state,
                call: Some(call.words.clone()),
            });
        }
        out.push((s.thread, stretches));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Nanos = 1_000_000;

    fn infer(from: Nanos, to: Nanos, gil: bool, seen: &[Seen]) -> Vec<(ThreadId, Vec<Stretch>)> {
        super::infer(from, to, gil, seen, None)
    }

    fn seen(thread: ThreadId, cpu: Nanos) -> Seen {
        Seen {
            thread,
            cpu,
            runnable: false,
            io_before: None,
            io_after: None,
        }
    }

    fn states(v: &[Stretch]) -> Vec<(Nanos, State)> {
        v.iter().map(|s| (s.at, s.state)).collect()
    }

    #[test]
    fn two_threads_sharing_the_gil_take_turns() {
        let got = infer(0, 10 * MS, true, &[seen(1, 6 * MS), seen(2, 4 * MS)]);
        assert_eq!(
            states(&got[0].1),
            [(0, State::Running), (6 * MS, State::WaitingGil)]
        );
        assert_eq!(
            states(&got[1].1),
            [(0, State::WaitingGil), (6 * MS, State::Running)]
        );
    }

    #[test]
    fn a_thread_without_cpu_beside_one_with_it_waits_for_the_gil() {
        let got = infer(0, 5 * MS, true, &[seen(1, 5 * MS), seen(2, 10_000)]);
        assert_eq!(states(&got[0].1), [(0, State::Running)]);
        assert_eq!(states(&got[1].1), [(0, State::WaitingGil)]);
        // Runnable with no CPU: waiting for a core; it stays as it was.
        let mut ready = seen(2, 0);
        ready.runnable = true;
        let got = infer(0, 5 * MS, true, &[seen(1, 5 * MS), ready]);
        assert_eq!(states(&got[1].1), []);
    }

    #[test]
    fn nothing_is_inferred_without_a_gil_or_without_cpu() {
        let got = infer(0, 5 * MS, false, &[seen(1, 5 * MS), seen(2, 0)]);
        assert!(got.iter().all(|(_, v)| states(v) == [(0, State::Running)]));
        // Nobody ran: nothing to say.
        let got = infer(0, 5 * MS, true, &[seen(1, 0), seen(2, 0)]);
        assert!(got.iter().all(|(_, v)| v.is_empty()), "{got:?}");
        // More CPU than the interval holds: C code ran without the GIL.
        let got = infer(0, 5 * MS, true, &[seen(1, 5 * MS), seen(2, 5 * MS)]);
        assert!(got.iter().all(|(_, v)| states(v) == [(0, State::Running)]));
    }

    #[test]
    fn a_blocking_call_is_blocked_io_from_when_it_was_seen() {
        let mut reader = seen(1, 0);
        reader.io_after = Some(Call::io("read(2) on fd 0 (pipe)"));
        let got = infer(0, 5 * MS, true, &[reader.clone(), seen(2, 5 * MS)]);
        assert_eq!(
            states(&got[0].1),
            [(0, State::WaitingGil), (5 * MS, State::BlockedIo)]
        );
        assert_eq!(got[0].1[1].call.as_deref(), Some("read(2) on fd 0 (pipe)"));
        reader.io_before = reader.io_after.clone();
        let got = infer(5 * MS, 10 * MS, true, &[reader, seen(2, 5 * MS)]);
        assert_eq!(states(&got[0].1), [(5 * MS, State::BlockedIo)]);
    }

    #[test]
    fn c_code_asleep_on_a_timer_is_sleeping_not_waiting_for_the_gil() {
        let nap = Call {
            state: State::Sleeping,
            words: "clock_nanosleep(2)".into(),
        };
        let mut napper = seen(1, 0);
        napper.io_after = Some(nap.clone());
        let got = infer(0, 5 * MS, true, &[napper.clone(), seen(2, 5 * MS)]);
        assert_eq!(
            states(&got[0].1),
            [(0, State::WaitingGil), (5 * MS, State::Sleeping)]
        );
        napper.io_before = Some(nap);
        let got = infer(5 * MS, 10 * MS, true, &[napper, seen(2, 5 * MS)]);
        assert_eq!(states(&got[0].1), [(5 * MS, State::Sleeping)]);
        assert_eq!(got[0].1[0].call.as_deref(), Some("clock_nanosleep(2)"));
    }
}
