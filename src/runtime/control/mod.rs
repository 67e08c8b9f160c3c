//! What the threads of one run share, and every blocking step they take:
//! each waits here, on program time or on other threads, so pause, stop and
//! exit reach them all at once. By concept: `places.rs` (the GIL, cores),
//! `locks.rs`, `time.rs` (sleep, compute, reads at a time), `life.rs`
//! (start, end, join, the exit).
//!
//! Lock order: a thread holding `Children::live` (process.rs) may take
//! `Control::shared`, never the other way round; the program clock's lock
//! (`Pace`) may be taken while `shared` is held, never the other way round.
//! Nothing else is locked while `shared` is held.
//!
//! Every wait has the same shape: under `shared`, [`begin`](Control::begin)
//! (the one way in: a pending unlock flushed, the horizon set, places
//! dispatched), then a loop of `Shared::interrupted` (the one check for stop
//! and exit), the condition, and [`Control::wait`] (the one wait helper).

mod life;
mod locks;
mod places;
mod time;

use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use super::clock::{Clock, ClockState};
use super::pace::{Follower, Pace};
use super::shared::Shared;
pub use super::shared::{Interrupt, Waited};
use crate::event::{Nanos, ThreadId};

type Guard<'a> = MutexGuard<'a, Shared>;

/// Threads wait on one of three kinds of condition, so that a change
/// wakes only those it concerns: with thousands of threads, waking all of
/// them at every step would cost more than the program.
pub struct Control {
    shared: Mutex<Shared>,
    /// The program clock (shared with the runs it keeps in lockstep).
    pace: Arc<Pace>,
    /// Waits for program time (sleep, compute): the clock, stop, exit.
    time: Condvar,
    /// Waits on other threads: join, locks, the exit wait, switch
    /// decisions, a daemon's wait for the exit to be settled.
    others: Condvar,
    /// Per thread: its wait for the GIL (or a core).
    grant: Vec<Condvar>,
}

impl Control {
    /// `places`: (1 for the GIL, else the CPU cores; the machine's cores,
    /// which child processes share); `locks`: how many locks; `remote`:
    /// which ids are child processes.
    pub fn new(
        clock: Clock,
        daemon: Vec<bool>,
        remote: Vec<bool>,
        places: (usize, usize),
        locks: usize,
    ) -> Arc<Self> {
        Self::on(Pace::of(clock), daemon, remote, places, locks)
    }

    /// The same on the program clock `pace` (which other runs may follow
    /// too: then they pause, step and change speed together).
    pub fn on(
        pace: Arc<Pace>,
        daemon: Vec<bool>,
        remote: Vec<bool>,
        places: (usize, usize),
        locks: usize,
    ) -> Arc<Self> {
        let n = daemon.len();
        let control = Arc::new(Control {
            shared: Mutex::new(Shared::new(&daemon, &remote, places, locks)),
            pace,
            time: Condvar::new(),
            others: Condvar::new(),
            grant: (0..n).map(|_| Condvar::new()).collect(),
        });
        let me: Weak<dyn Follower> = Arc::downgrade(&control) as _;
        control.pace.follow(me);
        control
    }

    /// The program clock this run follows.
    pub fn pace(&self) -> &Arc<Pace> {
        &self.pace
    }

    /// The clock now (read under the run's lock: see `pace.rs`).
    fn clock(&self) -> Clock {
        self.pace.read()
    }

    fn lock(&self) -> Guard<'_> {
        // A thread that panicked while holding the lock leaves consistent
        // data behind (every update is a single assignment).
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait on `cv` (with a timeout, if any) and take the lock back.
    fn wait<'a>(cv: &Condvar, s: Guard<'a>, timeout: Option<Duration>) -> Guard<'a> {
        match timeout {
            Some(d) => cv.wait_timeout(s, d).unwrap_or_else(|e| e.into_inner()).0,
            None => cv.wait(s).unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Wait on `others` as one whose answer depends on other threads'
    /// horizons (they wake it as they move).
    fn wait_on_horizons<'a>(&self, mut s: Guard<'a>) -> Guard<'a> {
        s.horizon_waiters += 1;
        s = Self::wait(&self.others, s, None);
        s.horizon_waiters -= 1;
        s
    }

    /// Change the clock, stop or exit: wake every waiting thread.
    fn update<R>(&self, f: impl FnOnce(&mut Shared) -> R) -> R {
        let mut s = self.lock();
        let r = f(&mut s);
        self.dispatch_all(&mut s);
        self.time.notify_all();
        self.others.notify_all();
        for g in &self.grant {
            g.notify_all();
        }
        r
    }

    /// A thread started, ended, let go of its place or reported progress:
    /// wake those who wait on other threads.
    fn changed<R>(&self, f: impl FnOnce(&mut Shared) -> R) -> R {
        let mut s = self.lock();
        let r = f(&mut s);
        self.dispatch_all(&mut s);
        self.others.notify_all();
        r
    }

    /// A thread's horizon moved: grant every place that can be granted,
    /// and wake those whose decision depends on horizons (holders at the
    /// end of a switch interval, daemons settling with the exit).
    fn settle(&self, s: &mut Shared) {
        self.dispatch_all(s);
        if s.switch_waiters + s.horizon_waiters > 0 {
            self.others.notify_all();
        }
    }

    fn dispatch_all(&self, s: &mut Shared) {
        while let Some(head) = s.dispatch() {
            self.grant[head as usize].notify_all();
        }
        while let Some(head) = s.dispatch_core() {
            self.grant[head as usize].notify_all();
        }
    }

    /// The release `who` made last becomes visible (if it has one): its
    /// lock's waiters are woken, and places go to whoever that settles.
    fn flush(&self, s: &mut Shared, who: ThreadId) {
        if s.flush_unlock(who) {
            self.settle(s);
            self.others.notify_all();
        }
    }

    /// Before any step of `who`, the one way in: its pending release takes
    /// effect (waking that lock's waiters), then it stands at `horizon` (it
    /// prints nothing before), waiting for `wake` (a time) or not, and for
    /// `joining` (a thread, or a lock's holder) or not.
    fn begin(
        &self,
        s: &mut Shared,
        who: ThreadId,
        horizon: Option<Nanos>,
        wake: Option<Nanos>,
        joining: Option<ThreadId>,
    ) {
        let woke = s.flush_unlock(who);
        let mut slot = s.edit(who);
        if let Some(h) = horizon {
            slot.horizon = h;
        }
        slot.wake = wake;
        slot.joining = joining;
        drop(slot);
        self.settle(s);
        if woke {
            self.others.notify_all();
        }
    }

    /// The next time any live thread waits for, after now.
    pub fn next_wake(&self) -> Option<Nanos> {
        let s = self.lock();
        s.next_wake(self.clock().now(Instant::now()))
    }

    /// A child process reported how far it got: it prints nothing before
    /// `horizon`, and next waits for `wake`.
    pub fn remote_progress(&self, id: ThreadId, horizon: Nanos, wake: Option<Nanos>) {
        self.changed(|s| {
            let mut slot = s.edit(id);
            if slot.end.is_none() {
                slot.horizon = slot.horizon.max(horizon);
                slot.wake = wake;
            }
        });
    }

    pub fn stop(&self) {
        self.update(|s| s.stopped = true);
    }

    pub fn is_stopped(&self) -> bool {
        self.lock().stopped
    }

    pub fn exit_at(&self) -> Option<Nanos> {
        self.lock().exit_at
    }

    /// Every output line earlier than this has been sent: no live thread
    /// can print before it.
    pub fn output_watermark(&self) -> Nanos {
        self.lock().output_watermark()
    }
}

impl Follower for Control {
    /// Pause, resume, a step or a new speed: wake every waiting thread.
    fn clock_changed(&self, _: ClockState) {
        self.update(|_| ());
    }

    fn next_wake(&self, now: Nanos) -> Option<Nanos> {
        self.lock().next_wake(now)
    }
}
