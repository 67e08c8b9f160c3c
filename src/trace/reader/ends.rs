//! What Python cannot tell: the ends. A child process that is over, the
//! process exit (who was cut short, how main ended), raw output lines (put
//! among the tracer's records by the time they came).

use std::collections::VecDeque;
use std::time::Instant;

use super::{CHILD_BASE, Decoder};
use crate::event::{Event, EventKind, MAIN, Nanos, Outcome, ThreadId};

impl Decoder {
    /// A child process is over (with its exit code, when known): its
    /// threads still running are cut short, its row ends, failed if the
    /// code is not 0 (multiprocessing's way: -N when signal N killed it).
    ///
    /// A child that ended before its code was known (a spawned child's
    /// shutdown comes before it says its code) ends again with the code, at
    /// the same instant as before (the time to send its events at: the
    /// second of the pair returned; the model takes a second end at the same
    /// instant as the truer one).
    pub(super) fn end_process(
        &mut self,
        pid: u32,
        code: Option<i32>,
        at: Nanos,
    ) -> (Vec<(ThreadId, EventKind)>, Nanos) {
        let Some(base) = self.procs.get(&pid).map(|p| p.base).filter(|&b| b != 0) else {
            return (Vec::new(), at);
        };
        // The row's own end: its exit code, if known, then how it ended.
        let row_end = |code: Option<i32>| {
            let outcome = match code {
                Some(c) if c != 0 => Outcome::Failed,
                _ => Outcome::Finished,
            };
            let code = code.map(|code| (base, EventKind::ExitCode { code }));
            code.into_iter().chain([(base, EventKind::ended(outcome))])
        };
        let p = self.procs.get_mut(&pid).expect("found above");
        match (p.ended_at, code) {
            (Some(then), Some(_)) if !p.code_known => {
                p.code_known = true;
                return (row_end(code).collect(), then);
            }
            (Some(_), _) => return (Vec::new(), at),
            (None, _) => {
                p.ended_at = Some(at);
                p.code_known = code.is_some();
            }
        }
        let mut out = Vec::new();
        for (&t, life) in self.lives.range_mut(base..base + CHILD_BASE) {
            if life.ended || !life.running {
                continue;
            }
            life.ended = true;
            life.waits.clear();
            if t == base {
                out.extend(row_end(code));
            } else {
                out.push((t, EventKind::ended(Outcome::CutShort)));
            }
        }
        (out, at)
    }

    /// Has `thread` a line out in pieces, not ended yet?
    pub fn open_line(&self, thread: ThreadId) -> bool {
        self.open.iter().any(|(t, _)| *t == thread)
    }

    /// A raw line came (at `taken`, the tracer's time): it waits until
    /// `due` for the tracer's records of the time before it
    /// ([`Decoder::raw_ready`]).
    pub fn raw_came(&mut self, taken: Nanos, due: Instant, text: String) {
        self.raw.lines.push_back(RawLine { taken, due, text });
    }

    /// The raw lines ready to go (times in the tracer's time): those whose
    /// wait is over (a burst waits as long as one line: each line from when
    /// it came). None are left waiting when the program is over (`over`).
    pub fn raw_ready(&mut self, now: Instant, over: bool) -> Vec<Event> {
        self.raw_while(|l| over || l.due <= now)
    }

    /// Raw lines are waiting.
    pub fn raw_waiting(&self) -> bool {
        !self.raw.lines.is_empty()
    }

    /// Before a record taken at `at`: the raw lines that came before it.
    pub(super) fn raw_before(&mut self, at: Nanos) -> Vec<Event> {
        self.raw_while(|l| l.taken < at)
    }

    /// The waiting raw lines, oldest first, while `go` says they go.
    fn raw_while(&mut self, go: impl Fn(&RawLine) -> bool) -> Vec<Event> {
        let mut out = Vec::new();
        while let Some(line) = self.raw.lines.pop_front_if(|l| go(l)) {
            out.extend(self.raw_line(line.taken, line.text));
        }
        out
    }

    /// A raw line of the program's stdout or stderr (it bypassed
    /// `sys.stdout`), as main's: if main still has a line out in pieces, that
    /// line is ended first, so the two are not glued together.
    pub fn raw_line(&mut self, at: Nanos, text: String) -> Vec<Event> {
        let mut out = Vec::new();
        let open: Vec<_> = self
            .open
            .iter()
            .filter(|(t, _)| *t == MAIN)
            .copied()
            .collect();
        for key in open {
            self.open.remove(&key);
            out.push(self.ev(
                at,
                MAIN,
                EventKind::Output {
                    text: String::new(),
                    stream: key.1,
                    more: false,
                },
            ));
        }
        out.push(self.ev(at, MAIN, EventKind::line(text)));
        out
    }

    /// An event leaves for the model: never earlier than the last one of
    /// its thread (a sample's CPU time is read a little behind the tracer's
    /// records, and a recording's events of a thread go forward in time);
    /// the latest time sent is kept (the exit is never earlier).
    pub fn sent(&mut self, ev: &mut Event) {
        let last = self.sent_at.entry(ev.thread).or_insert(0);
        ev.at = ev.at.max(*last);
        *last = ev.at;
        self.latest = self.latest.max(ev.at);
    }

    /// The process exited at `at` with `code`: cut short every thread whose
    /// run began and never ended (child processes' too), end main. When
    /// threadline ended it (`by_us`: a quit, a restart, a deadlock) by a
    /// signal, main was cut short too, not failed.
    pub fn exit(&mut self, at: Nanos, code: i32, by_us: bool) -> Vec<Event> {
        let at = at.max(self.latest);
        let mut out = Vec::new();
        // CPU time sampled but not yet sent.
        for (&t, life) in &mut self.lives {
            if life.cpu_seen > life.cpu_sent && !life.ended {
                life.cpu_sent = life.cpu_seen;
                out.push(Event::new(
                    self.run,
                    at,
                    t,
                    EventKind::Cpu { ns: life.cpu_seen },
                ));
            }
        }
        let root = self.root.and_then(|r| self.procs.get(&r));
        let children: Vec<ThreadId> = self
            .procs
            .values()
            .map(|p| p.base)
            .filter(|&b| b != 0)
            .collect();
        for (&t, life) in &self.lives {
            if t == MAIN || !life.running || life.ended {
                continue;
            }
            let outcome = if children.contains(&t) {
                Outcome::Finished
            } else {
                Outcome::CutShort
            };
            out.push(self.ev(at, t, EventKind::ended(outcome)));
        }
        let raised = root.and_then(|p| p.main_raised.clone());
        let os_exit = root.and_then(|p| p.os_exit);
        let main_ended = root.is_some_and(|p| p.code_ended);
        // sys.exit(N) in main is an exit with code N, not a failure: main's
        // code ended (M) without an exception. os._exit(N != 0) in main, a
        // signal, or no word from the tracer at all is a failure. Another
        // thread's os._exit stops main where it stands, its code unfinished.
        let main = match raised {
            Some(r) => EventKind::Ended {
                outcome: Outcome::Failed,
                raised: Some(r),
            },
            None if os_exit.is_some_and(|t| t != MAIN) && !main_ended => {
                EventKind::ended(Outcome::CutShort)
            }
            None if code == 0 || (main_ended && os_exit.is_none() && code < 128) => {
                EventKind::ended(Outcome::Finished)
            }
            None if by_us && code >= 128 => EventKind::ended(Outcome::CutShort),
            None => EventKind::ended(Outcome::Failed),
        };
        out.push(self.ev(at, MAIN, main));
        out.push(self.ev(at, MAIN, EventKind::ProcessExit { code }));
        for life in self.lives.values_mut() {
            life.ended = true;
        }
        out
    }
}

/// Raw output waiting for the tracer's records of the time before it.
#[derive(Debug, Default)]
pub(super) struct Raw {
    lines: VecDeque<RawLine>,
}

#[derive(Debug)]
struct RawLine {
    taken: Nanos,
    due: Instant,
    text: String,
}
