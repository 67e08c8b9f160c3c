//! Being the scheduler: a scenario's program interpreted one step at a
//! time, the thread of each step chosen from outside (by the user, `s` in
//! the dashboard). Pure: no threads, no clock of its own; every pick sends
//! the same events a run sends, into the same `Timeline`.
//!
//! A step ends where the interpreter could switch threads. `counter += 1`
//! is a read and a write: two steps where a switch may fall between them
//! (up to 3.9, and without the GIL), one step from 3.10 on with the GIL,
//! where only a call (`counter = add(counter)`: two steps again) or the
//! loop's jump back lets another thread in. `with lock:` takes the lock
//! with the read and lets go with the write. Sleeps, joins, locks and
//! `start()` block as they do in CPython; a compute runs a switch
//! interval a step. Program time moves by the steps taken (see [`TICK`]),
//! and jumps to the next wake-up when every thread sleeps.

mod exec;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::event::{Detail, Event, EventKind, MAIN, Nanos, State, ThreadId};
use crate::scenario::{Program, Switches};

/// A step's length in program time (but a compute's, which is its slice).
pub const TICK: Nanos = 1_000_000;
/// A compute runs this much a step: CPython's switch interval.
pub const SLICE: Nanos = 5_000_000;

/// Where a thread of the program is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its thread object does not exist yet.
    Unborn,
    /// Created, not started.
    Created,
    /// It can take a step.
    Ready,
    /// In `time.sleep` until then.
    Sleeping(Nanos),
    /// In `start()`, until that thread runs.
    Starting(ThreadId),
    /// In `join()` of that thread.
    Joining(ThreadId),
    /// Waiting for a lock another thread holds.
    Lock { lock: usize, holder: ThreadId },
    /// Main: its code ended, it waits for the non-daemon threads.
    AtExit,
    /// Its life is over.
    Done,
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Did {
    /// A started thread ran for the first time (its starter's `start()`
    /// returns).
    Began {
        starter: Option<ThreadId>,
    },
    Printed(String),
    Created(ThreadId),
    /// `start()`: it waits until that thread runs.
    Started(ThreadId),
    Slept {
        until: Nanos,
    },
    Computed {
        ran: Nanos,
        done: Nanos,
        total: Nanos,
    },
    /// The read of an update (under `lock` if it took one; `call`: then
    /// it calls the function that adds one).
    Read {
        counter: usize,
        value: i64,
        call: bool,
        lock: Option<usize>,
    },
    /// The write of an update; `lost`: the writes made by others since its
    /// read, which this one overwrites (one lost update each).
    Wrote {
        counter: usize,
        value: i64,
        lost: Vec<ThreadId>,
        lock: Option<usize>,
    },
    /// A read and its write in one step: no switch can come between them.
    Updated {
        counter: usize,
        read: i64,
        lock: Option<usize>,
    },
    /// It waits for a lock (or tried again, and it is still held).
    LockWaits {
        lock: usize,
        holder: ThreadId,
    },
    Acquired(usize),
    Released(usize),
    /// `join()` returned at once: that thread had ended.
    Joined(ThreadId),
    JoinWaits(ThreadId),
    /// A `DeprecationWarning`: printed now (`shown`), or not (shown
    /// already, or this interpreter does not warn).
    Warned {
        shown: bool,
    },
    Reported {
        counter: usize,
        value: i64,
    },
    /// The process exited; these daemon threads were cut short.
    Exited {
        cut: Vec<ThreadId>,
    },
}

/// One step taken, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub thread: ThreadId,
    pub at: Nanos,
    pub did: Did,
    /// The thread's life ended with this step.
    pub ended: bool,
    /// Main's code ended with this step.
    pub code_ended: bool,
    /// Threads this step made ready (a lock let go, a thread ended, …).
    pub woke: Vec<ThreadId>,
    /// Every thread slept: time passed to this wake-up.
    pub skipped_to: Option<Nanos>,
}

/// Why a thread cannot take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No such thread.
    Unknown,
    /// The process has exited.
    Over,
    /// It is not ready: where it is.
    Not(Status),
}

/// What the scheduler cannot step: a program with child processes (each
/// is a process of its own, with its own GIL and memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HasProcesses;

#[derive(Debug, Clone, Default)]
struct Thread {
    pc: usize,
    /// The step it took last (or is taking): where its changes of state
    /// were written, said with the first of them (`said`), as a run does.
    at: usize,
    said: bool,
    begun: bool,
    /// What is left of the compute it is in.
    left: Option<Nanos>,
    /// The update loop it is in: iterations done, the value read (and
    /// how many writes the counter had then), whether it holds the lock.
    k: u32,
    read: Option<(i64, usize)>,
    code_ended: bool,
}

pub struct Stepper {
    program: Arc<Program>,
    run: u64,
    now: Nanos,
    status: Vec<Status>,
    threads: Vec<Thread>,
    /// Each counter's value, and who wrote it, write by write.
    values: Vec<i64>,
    writes: Vec<Vec<ThreadId>>,
    locks: Vec<Option<ThreadId>>,
    /// The warnings shown (by their lock).
    warned: Vec<usize>,
    /// The thread drawn running (it holds the GIL, when there is one).
    running: Option<ThreadId>,
    /// The state each thread was last drawn in.
    shown: Vec<Option<State>>,
    over: bool,
    events: Vec<Event>,
    notes: Vec<Note>,
    woke: Vec<ThreadId>,
}

impl Stepper {
    /// `program` at its start, as run `run`: main ready, holding the GIL.
    pub fn new(program: Arc<Program>, run: u64) -> Result<Stepper, HasProcesses> {
        if program.threads.iter().any(|t| t.process) {
            return Err(HasProcesses);
        }
        let n = program.threads.len();
        let mut status = vec![Status::Unborn; n];
        let mut threads = vec![Thread::default(); n];
        if n > 0 {
            status[0] = Status::Ready;
            threads[0].begun = true;
        }
        let mut s = Stepper {
            run,
            now: 0,
            status,
            threads,
            values: vec![0; program.counters.len()],
            writes: vec![Vec::new(); program.counters.len()],
            locks: vec![None; program.locks.len()],
            warned: Vec::new(),
            running: None,
            shown: vec![None; n],
            over: n == 0,
            events: Vec::new(),
            notes: Vec::new(),
            woke: Vec::new(),
            program,
        };
        if n > 0 {
            let name = s.program.threads[0].name.clone();
            s.emit(
                0,
                MAIN,
                EventKind::Spawned {
                    name,
                    daemon: false,
                    parent: None,
                },
            );
            s.draw(0, MAIN, State::Running, Detail::default());
            s.running = Some(MAIN);
        }
        Ok(s)
    }

    pub fn program(&self) -> &Arc<Program> {
        &self.program
    }

    pub fn run(&self) -> u64 {
        self.run
    }

    /// Program time: where the steps taken have brought it.
    pub fn now(&self) -> Nanos {
        self.now
    }

    /// The process has exited.
    pub fn is_over(&self) -> bool {
        self.over
    }

    pub fn status(&self, t: ThreadId) -> Option<Status> {
        self.status.get(t as usize).copied()
    }

    /// The threads that can take a step, by id.
    pub fn ready(&self) -> Vec<ThreadId> {
        if self.over {
            return Vec::new();
        }
        (0..self.status.len() as ThreadId)
            .filter(|&t| self.status[t as usize] == Status::Ready)
            .collect()
    }

    pub fn value(&self, counter: usize) -> i64 {
        self.values[counter]
    }

    pub fn holder(&self, lock: usize) -> Option<ThreadId> {
        self.locks[lock]
    }

    /// Every step taken, the latest last.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The events of the steps taken since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Thread `t` takes its next step.
    pub fn pick(&mut self, t: ThreadId) -> Result<&Note, Refused> {
        if self.over {
            return Err(Refused::Over);
        }
        match self.status(t) {
            None => return Err(Refused::Unknown),
            Some(Status::Ready) => {}
            Some(s) => return Err(Refused::Not(s)),
        }
        let t0 = self.now;
        let th = &mut self.threads[t as usize];
        if th.at != th.pc {
            (th.at, th.said) = (th.pc, false);
        }
        if let Some(h) = self.running.filter(|&h| h != t) {
            self.draw(t0, h, self.waiting(), Detail::default());
        }
        self.draw(t0, t, State::Running, Detail::default());
        self.running = Some(t);
        self.woke.clear();
        let (did, dur) = self.exec(t, t0);
        let t1 = t0 + dur;
        self.now = t1;
        let (ended, code_ended) = self.after(t, t1);
        if self.status[t as usize] != Status::Ready {
            self.running = self.running.filter(|&r| r != t);
        }
        let skipped_to = self.settle();
        self.notes.push(Note {
            thread: t,
            at: t0,
            did,
            ended,
            code_ended,
            woke: std::mem::take(&mut self.woke),
            skipped_to,
        });
        Ok(self.notes.last().expect("just pushed"))
    }

    fn emit(&mut self, at: Nanos, thread: ThreadId, kind: EventKind) {
        self.events.push(Event::new(self.run, at, thread, kind));
    }

    /// Draw `t` in `state` from `at` (once: the same state again is not sent).
    fn draw(&mut self, at: Nanos, t: ThreadId, state: State, detail: Detail) {
        let i = t as usize;
        if self.shown[i] == Some(state) && detail.is_empty() {
            return;
        }
        self.shown[i] = Some(state);
        let mut detail = detail;
        if detail.site.is_none() && !self.threads[i].said {
            detail.site = self.program.site(t, self.threads[i].at);
            self.threads[i].said = true;
        }
        self.emit(at, t, EventKind::state_with(state, detail));
    }

    /// How a ready thread that does not run is drawn.
    fn waiting(&self) -> State {
        if self.program.gil {
            State::WaitingGil
        } else {
            State::WaitingCpu
        }
    }

    /// `t` can take a step again, from `at`.
    fn wake(&mut self, t: ThreadId, at: Nanos) {
        self.status[t as usize] = Status::Ready;
        self.draw(at, t, self.waiting(), Detail::default());
        self.woke.push(t);
    }

    /// Where the interpreter may switch threads.
    fn switches(&self) -> Switches {
        self.program.python.switches()
    }

    /// A lock as people read it.
    pub fn lock_words(&self, lock: usize) -> String {
        self.program.lock_words(lock)
    }

    /// A thread started and not ended.
    fn alive(&self, t: usize) -> bool {
        !matches!(
            self.status[t],
            Status::Unborn | Status::Created | Status::Done
        )
    }

    /// After `t`'s step (ending at `t1`): draw where it is now; end its
    /// life, or main's code, when that was its last step.
    fn after(&mut self, t: ThreadId, t1: Nanos) -> (bool, bool) {
        let i = t as usize;
        let last = self.threads[i].pc >= self.program.threads[i].steps.len();
        let ready = self.status[i] == Status::Ready;
        let (mut ended, mut code_ended) = (false, false);
        if last && ready && t != MAIN && !self.over {
            self.status[i] = Status::Done;
            self.emit(t1, t, EventKind::ended(crate::event::Outcome::Finished));
            ended = true;
            for j in 0..self.status.len() {
                if self.status[j] == Status::Joining(t) {
                    self.wake(j as ThreadId, t1);
                }
            }
            if self.status[0] == Status::AtExit && !self.non_daemon_alive() {
                self.wake(MAIN, t1);
            }
        } else if last && ready && t == MAIN && !self.threads[0].code_ended {
            self.threads[0].code_ended = true;
            code_ended = true;
            self.emit(t1, MAIN, EventKind::MainCodeEnd);
            if self.non_daemon_alive() {
                self.status[0] = Status::AtExit;
            }
        }
        let detail = |holder| Detail::holder(holder);
        match self.status[i] {
            Status::Sleeping(_) => self.draw(t1, t, State::Sleeping, Detail::default()),
            Status::Starting(c) => self.draw(t1, t, State::Starting, detail(c)),
            Status::Joining(j) => self.draw(t1, t, State::Joining, detail(j)),
            Status::Lock { lock, holder } => {
                let on = Some(self.lock_words(lock));
                let d = Detail {
                    on,
                    holder: Some(holder),
                    site: None,
                    forever: false,
                };
                self.draw(t1, t, State::WaitingLock, d);
            }
            Status::AtExit => self.draw(t1, t, State::WaitingAtExit, Detail::default()),
            _ => {}
        }
        (ended, code_ended)
    }

    fn non_daemon_alive(&self) -> bool {
        (1..self.status.len()).any(|t| self.alive(t) && !self.program.threads[t].daemon)
    }

    /// Wake the sleepers whose time has come; when nobody can take a step
    /// and some sleep, time passes to the first wake-up.
    fn settle(&mut self) -> Option<Nanos> {
        let mut skipped = None;
        loop {
            for t in 0..self.status.len() {
                if let Status::Sleeping(until) = self.status[t]
                    && until <= self.now
                {
                    self.wake(t as ThreadId, until);
                }
            }
            if self.over || self.status.contains(&Status::Ready) {
                return skipped;
            }
            let next = self
                .status
                .iter()
                .filter_map(|s| match s {
                    Status::Sleeping(u) => Some(*u),
                    _ => None,
                })
                .min();
            match next {
                Some(u) => {
                    self.now = u;
                    skipped = Some(u);
                }
                None => return skipped,
            }
        }
    }
}
