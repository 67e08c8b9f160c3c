//! One scenario thread: a real OS thread walking its steps.
//!
//! Each thread keeps a cursor in program time. Before it acts it waits, on
//! the shared clock, until the clock reaches the cursor; so the picture is
//! live, pause freezes it, and the times it reports are the scheduled ones,
//! exact and repeatable for a given seed.

use std::sync::{Arc, Mutex};

use crossbeam_channel::Sender;

use super::control::{Control, Interrupt, Waited};
use crate::event::{Batch, Detail, Event, EventKind, Nanos, Outcome, State, ThreadId};
use crate::scenario::{Program, Step};

/// What a step costs in program time (CPython's own overheads, roughly).
pub const PRINT_COST: Nanos = 20_000;
pub const CREATE_COST: Nanos = 10_000;
/// A started thread begins this long after `start()` is called…
pub const CHILD_BEGIN: Nanos = 80_000;
/// …and `start()` returns a little later (it waits for the thread to run).
pub const START_COST: Nanos = 100_000;
/// A child process (fork, then the worker's start) takes longer.
pub const PROCESS_BEGIN: Nanos = 2_000_000;
pub const PROCESS_START_COST: Nanos = 3_000_000;
pub const JOIN_RETURN: Nanos = 10_000;
/// `lock.acquire()` or `release()` when nobody waits.
pub const LOCK_COST: Nanos = 1_000;
/// From the last non-daemon thread's end to the process exit (measured
/// 2–9 ms after main's last line on 3.8–3.13: docs/semantics.md (f)).
pub const EXIT_COST: Nanos = 3_000_000;
/// Computes vary by up to this fraction either way.
pub const JITTER: f64 = 0.02;
/// A sleep ends late by up to this (and a thousandth of its length).
pub const SLEEP_LATE: Nanos = 400_000;
/// CPython's switch interval (`sys.getswitchinterval()`), in program time.
pub const SWITCH_INTERVAL: Nanos = 5_000_000;
/// The interval's end is noticed a little later, by a drop request from a
/// waiting thread's own timer: up to this much (seeded), so that where an
/// interval ends inside a loop's iteration varies as it does in CPython.
pub const SWITCH_LATE: Nanos = 20_000;

/// Where a warning was shown, as Python's warnings registry keys it: the
/// line of the scenario that warns (any thread that runs it) and the text.
/// A warning is shown once per place, as the default filter does.
pub type Warned = (Option<u32>, String);

/// Everything the threads of one run share.
pub struct Ctx {
    pub run: u64,
    pub seed: u64,
    pub program: Arc<Program>,
    pub control: Arc<Control>,
    pub tx: Sender<Batch>,
    pub handles: Arc<Mutex<super::start::Handles>>,
    /// The shared counters' reads and writes.
    pub counters: Vec<super::counters::CounterLog>,
    /// Without the GIL: how many threads run at once.
    pub cores: usize,
    /// The run's child processes.
    pub children: Arc<super::process::Children>,
    /// The warnings shown already (by the lock that stands for each).
    pub warned: Mutex<std::collections::HashSet<Warned>>,
    /// A child process: its way to the machine's cores, through its parent.
    pub broker: Option<super::cores::Broker>,
}

impl Ctx {
    /// The warning behind `lock` is shown now, for the first time in this
    /// process (the caller holds `lock`).
    pub fn first_warning(&self, place: Warned) -> bool {
        self.warned
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(place)
    }

    /// Send one event of this run. A closed receiver means nobody watches
    /// any more; the stop signal ends the threads soon after.
    pub fn send(&self, at: Nanos, thread: ThreadId, kind: EventKind) {
        let _ = self.tx.send(Event::new(self.run, at, thread, kind).into());
    }

    /// Thread (or child process) `id` failed at `at`.
    pub fn fail(&self, id: ThreadId, at: Nanos) {
        self.send(at, id, EventKind::ended(Outcome::Failed));
        self.control.mark_ended(id, at);
    }
}

pub(super) struct Runner {
    pub(super) ctx: Arc<Ctx>,
    pub(super) id: ThreadId,
    pub(super) daemon: bool,
    pub(super) cursor: Nanos,
    rng: fastrand::Rng,
    /// How waiting for that place is shown.
    waiting: State,
    holds_gil: bool,
    /// A child process holds one of the machine's cores.
    holds_core: bool,
    /// Where the current switch interval ends.
    pub(super) slice_end: Nanos,
    /// The step it is at, and when the timed wait or work it is in would
    /// end (for the ghost of a thread cut short).
    pub(super) step_at: usize,
    pub(super) until: Option<(State, Nanos)>,
    /// In this step it waits on another thread (the holder of a lock it
    /// takes, a thread it joins): cut short here, its ghost waits too.
    pub(super) on_other: bool,
    /// Whether the step's first change of state has said where the step
    /// was written (`join.toml:10`, made only then); the model keeps that
    /// site for the changes after (a span's site is its latest one's), so
    /// the GIL turns of a long compute carry no detail each.
    site_said: std::cell::Cell<bool>,
}

impl Runner {
    pub(super) fn new(ctx: Arc<Ctx>, id: ThreadId, cursor: Nanos) -> Self {
        let daemon = ctx.program.threads[id as usize].daemon;
        let mix = (u64::from(id) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let rng = fastrand::Rng::with_seed(ctx.seed ^ mix);
        let waiting = if ctx.program.gil {
            State::WaitingGil
        } else {
            State::WaitingCpu
        };
        Runner {
            ctx,
            id,
            daemon,
            cursor,
            rng,
            waiting,
            holds_gil: false,
            holds_core: false,
            step_at: 0,
            until: None,
            on_other: false,
            site_said: std::cell::Cell::new(false),
            slice_end: cursor + SWITCH_INTERVAL,
        }
    }

    fn emit_for(&self, thread: ThreadId, at: Nanos, kind: EventKind) {
        self.ctx.send(at, thread, kind);
    }

    /// Send an event of this thread's, now; a change of state says the
    /// step that made it.
    pub(super) fn emit(&self, mut kind: EventKind) {
        if let EventKind::State { detail, .. } = &mut kind
            && detail.site.is_none()
            && !self.site_said.replace(true)
        {
            detail.site = self.ctx.program.site(self.id, self.step_at);
        }
        self.emit_for(self.id, self.cursor, kind);
    }

    pub(super) fn state(&self, state: State) {
        self.emit(EventKind::state(state));
    }

    /// Enter a wait on `holder` (the thread joined, a lock's holder, the
    /// thread being started), with what is waited on when it has a name.
    pub(super) fn wait_state(&self, state: State, holder: ThreadId, on: Option<String>) {
        let detail = Detail {
            on,
            holder: Some(holder),
            site: None,
            forever: false,
        };
        self.emit(EventKind::state_with(state, detail));
    }

    /// Wait until the clock reaches `t`, then stand there.
    pub(super) fn reach(&mut self, t: Nanos) -> Waited {
        self.ctx.control.wait_until(self.id, t, self.daemon)?;
        self.cursor = t;
        Ok(())
    }

    /// Become Running: first get the GIL (or a core), drawn as waiting
    /// for it when it is not free at once.
    pub(super) fn run_state(&mut self) -> Waited {
        if !self.holds_gil {
            self.state(self.waiting);
            let at = self
                .ctx
                .control
                .acquire_gil(self.id, self.cursor, self.daemon)?;
            self.holds_gil = true;
            self.slice_end = at + self.interval();
            self.reach(at)?;
        }
        if !self.holds_core {
            self.take_core()?;
        }
        self.state(State::Running);
        Ok(())
    }

    /// Leave the GIL (before sleeping, joining, waiting or ending).
    pub(super) fn drop_gil(&mut self) {
        self.give_core();
        if self.holds_gil {
            self.ctx.control.release_gil(self.id, self.cursor);
            self.holds_gil = false;
        }
    }

    /// CPU-bound work for `d`; hand the GIL (or the core) over at the end
    /// of each switch interval when another thread waits for it.
    pub(super) fn compute(&mut self, d: Nanos) -> Waited {
        let mut left = d;
        while left > 0 {
            let run = left.min(self.slice_end.saturating_sub(self.cursor).max(1));
            let stop = self.cursor + run;
            self.ctx.control.compute_until(self.id, stop, self.daemon)?;
            self.cursor = stop;
            left -= run;
            if left > 0 && self.cursor >= self.slice_end {
                self.interval_over()?;
                // A child process queues again for a core, behind the
                // other processes that wait for one.
                if self.holds_core {
                    self.give_core();
                    self.take_core()?;
                }
            }
        }
        Ok(())
    }

    /// A child process: one of the machine's cores before it computes, or
    /// waiting for one (drawn as such) while other processes have them all.
    fn take_core(&mut self) -> Waited {
        let Some(broker) = &self.ctx.broker else {
            return Ok(());
        };
        let at = broker.acquire(self.cursor).ok_or(Interrupt::Stopped)?;
        self.holds_core = true;
        if at > self.cursor {
            self.state(State::WaitingCpu);
            self.reach(at)?;
            self.slice_end = at + self.interval();
            self.state(State::Running);
        }
        Ok(())
    }

    /// A child process: its core back to the machine.
    fn give_core(&mut self) {
        if let Some(broker) = &self.ctx.broker
            && std::mem::take(&mut self.holds_core)
        {
            broker.release(self.cursor);
        }
    }

    /// The switch interval is over: hand the place to a waiting thread
    /// (and queue for it again), else start a new interval.
    pub(super) fn interval_over(&mut self) -> Waited {
        if self
            .ctx
            .control
            .switch_due(self.id, self.cursor, self.daemon)?
        {
            self.drop_gil();
            self.run_state()?;
        } else {
            self.slice_end = self.cursor + self.interval();
        }
        Ok(())
    }

    /// The next switch interval's length.
    fn interval(&mut self) -> Nanos {
        SWITCH_INTERVAL + self.rng_below(SWITCH_LATE)
    }

    /// A compute of `d` takes a little more or less (the CPU varies).
    pub(super) fn jitter(&mut self, d: Nanos) -> Nanos {
        let f = 1.0 + (self.rng.f64() * 2.0 - 1.0) * JITTER;
        (d as f64 * f).round() as Nanos
    }

    /// A `time.sleep(d)` never returns early: it ends a little late, by
    /// up to [`SLEEP_LATE`] and a thousandth of `d` (the kernel's timer
    /// slack and the wake-up; measured 76–246 µs at the median here).
    pub(super) fn oversleep(&mut self, d: Nanos) -> Nanos {
        d + self.rng_below(SLEEP_LATE + d / 1000)
    }

    /// A seeded number in `0..n`.
    pub(super) fn rng_below(&mut self, n: Nanos) -> Nanos {
        self.rng.u64(0..n.max(1))
    }

    pub(super) fn exec(&mut self) -> Waited {
        let program = Arc::clone(&self.ctx.program);
        for (i, step) in program.threads[self.id as usize].steps.iter().enumerate() {
            self.step_at = i;
            self.site_said.set(false);
            self.until = None;
            self.reach(self.cursor)?;
            self.step(step)?;
        }
        self.step_at = usize::MAX;
        self.reach(self.cursor)
    }

    fn step(&mut self, step: &Step) -> Waited {
        match step {
            Step::Print(text) => {
                self.emit(EventKind::line(text.clone()));
                self.cursor += PRINT_COST;
            }
            Step::Sleep(d) => {
                self.drop_gil();
                self.state(State::Sleeping);
                let end = self.cursor + self.oversleep(*d);
                self.until = Some((State::Sleeping, end));
                self.reach(end)?;
                self.run_state()?;
            }
            Step::Compute(d) => {
                let d = self.jitter(*d);
                self.until = Some((State::Running, self.cursor + d));
                self.compute(d)?;
            }
            Step::Create(t) => {
                let spec = &self.ctx.program.threads[*t as usize];
                let kind = EventKind::Spawned {
                    name: spec.name.clone(),
                    daemon: spec.daemon,
                    parent: Some(self.id),
                };
                self.emit_for(*t, self.cursor, kind);
                self.cursor += CREATE_COST;
            }
            Step::Start(t) => {
                let (begin, cost) = if self.ctx.program.threads[*t as usize].process {
                    (PROCESS_BEGIN, PROCESS_START_COST)
                } else {
                    (CHILD_BEGIN, START_COST)
                };
                // start() waits for the new thread to run (on its `_started`
                // Event): it lets go of the GIL (or its core) meanwhile, so
                // the new thread runs at once.
                self.drop_gil();
                self.wait_state(State::Starting, *t, None);
                self.ctx.control.mark_started(*t, self.cursor + begin);
                if let Err(mut raised) = super::start::spawn(&self.ctx, *t, self.cursor + begin) {
                    // Nothing waits for a thread that never ran.
                    self.ctx.control.mark_ended(*t, self.cursor);
                    // Raised at this `start()`: its line of the scenario.
                    raised.site = self.ctx.program.site(self.id, self.step_at);
                    return Err(Interrupt::Raised(raised));
                }
                self.cursor += cost;
                self.reach(self.cursor)?;
                self.run_state()?;
            }
            Step::Increment {
                counter,
                times,
                lock,
                call,
            } => self.increment(*counter, *times, *lock, *call)?,
            Step::Acquire(l) => {
                self.take_lock(*l)?;
                self.cursor += LOCK_COST;
            }
            Step::Release(l) => self.release(*l)?,
            Step::Warn { text, lock } => self.warn(text, *lock)?,
            Step::Report(c) => {
                let value = self.counter_value(*c)?;
                let name = &self.ctx.program.counters[*c].name;
                self.emit(EventKind::line(format!("{name} = {value}")));
                self.cursor += PRINT_COST;
            }
            Step::Join(t) => {
                self.drop_gil();
                self.wait_state(State::Joining, *t, None);
                self.on_other = true;
                let end = self.ctx.control.wait_end(self.id, *t, self.daemon)?;
                self.on_other = false;
                let back = self.cursor.max(end) + JOIN_RETURN;
                self.reach(back)?;
                self.run_state()?;
            }
        }
        Ok(())
    }

    /// Report how the thread's life ended.
    pub(super) fn end(&mut self, result: Waited) {
        if let Err(Interrupt::Raised(r)) = result {
            self.drop_gil();
            let name = self.ctx.program.threads[self.id as usize].name.clone();
            self.traceback(&format!("Exception in thread {name}:"), &r);
            self.fail_with(*r);
            return;
        }
        if let Err(Interrupt::CutShort(x)) = result {
            self.cursor = self.cursor.max(x);
            let ghost = self.ghost(x);
            self.emit_for(self.id, x, ghost);
        }
        self.drop_gil();
        let (at, outcome) = match result {
            Ok(()) => (self.cursor, Outcome::Finished),
            Err(Interrupt::CutShort(x)) => (x, Outcome::CutShort),
            Err(Interrupt::Stopped | Interrupt::Raised(_)) => return,
        };
        self.emit_for(self.id, at, EventKind::ended(outcome));
        self.ctx.control.mark_ended(self.id, at);
    }
}

impl Runner {
    /// What Python prints on stderr for an exception nobody caught: the
    /// heading (`Exception in thread NAME:` or main's `Traceback …`) and
    /// the exception's line.
    pub(super) fn traceback(&mut self, heading: &str, r: &crate::event::Raised) {
        for text in [heading.to_string(), format!("{}: {}", r.kind, r.message)] {
            self.emit(EventKind::Output {
                text,
                stream: crate::event::Stream::Stderr,
                more: false,
            });
        }
        self.cursor += PRINT_COST;
    }

    /// The thread's life ends here with `r`.
    fn fail_with(&mut self, r: crate::event::Raised) {
        let kind = EventKind::Ended {
            outcome: Outcome::Failed,
            raised: Some(r),
        };
        self.emit_for(self.id, self.cursor, kind);
        self.ctx.control.mark_ended(self.id, self.cursor);
    }
}
