//! What the threads of one run share, and every blocking step they take:
//! each waits here, on program time or on other threads, so pause, stop and
//! exit reach them all at once.
//!
//! Lock order: a thread holding `Children::live` (process.rs) may take
//! `Control::shared`, never the other way round. Nothing else is locked
//! while `shared` is held.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use super::clock::{Clock, ClockState};
use super::pace::{Follower, Pace};
use super::shared::Shared;
pub use super::shared::{Interrupt, Waited};
use crate::event::{MAIN, Nanos, ThreadId};

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

    /// A child process asks, at program time `at`, for one of the
    /// machine's cores; returns when it was granted (None: stopped).
    pub fn acquire_core(&self, who: ThreadId, at: Nanos) -> Option<Nanos> {
        let mut s = self.lock();
        s.machine.queue.insert((at, who));
        s.slots[who as usize].core_request = Some(at);
        self.dispatch_all(&mut s);
        self.others.notify_all();
        loop {
            if let Some(t) = s.slots[who as usize].core_granted.take() {
                return Some(t);
            }
            if s.stopped || s.slots[who as usize].end.is_some() {
                if let Some(q) = s.slots[who as usize].core_request.take() {
                    s.machine.queue.remove(&(q, who));
                }
                return None;
            }
            s = Self::wait(&self.grant[who as usize], s, None);
        }
    }

    /// A child process lets go of its core at program time `at`.
    pub fn release_core(&self, who: ThreadId, at: Nanos) {
        self.changed(|s| {
            let slot = &mut s.slots[who as usize];
            if std::mem::take(&mut slot.holds_core) {
                slot.horizon = slot.horizon.max(at);
                s.machine.free.push(at);
            }
        });
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
        let slot = &mut s.slots[who as usize];
        if let Some(h) = horizon {
            slot.horizon = h;
        }
        slot.wake = wake;
        slot.joining = joining;
        self.settle(s);
        if woke {
            self.others.notify_all();
        }
    }

    /// Without the GIL threads run at once, so which of two takes a lock
    /// first is decided in program time: wait until no other thread could
    /// still act before `at` (or at `at`, with a lower id).
    pub fn settle_lock(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(at), None, None);
        loop {
            if let Some(why) = s.interrupted(daemon, at) {
                return Err(why);
            }
            if s.first_at(who, at) {
                return Ok(());
            }
            s.horizon_waiters += 1;
            s = Self::wait(&self.others, s, None);
            s.horizon_waiters -= 1;
        }
    }

    /// Take `lock` if it is free; if not, register as one of its waiters
    /// at once (still holding the GIL), so no release can be missed; the
    /// holder then. Asked at program time `at`: a lock free now but let go
    /// after `at` (by a thread that ran ahead, without the GIL) was held at
    /// `at`, so it is taken when it was let go; `Ok` says when.
    pub fn try_lock(
        &self,
        who: ThreadId,
        lock: usize,
        at: Nanos,
    ) -> Result<(Nanos, ThreadId), ThreadId> {
        let mut s = self.lock();
        let w = who as usize;
        if s.slots[w].unlocked.is_some_and(|(l, _)| l != lock) && s.flush_unlock(who) {
            self.settle(&mut s);
            self.others.notify_all();
        }
        match s.locks[lock].0 {
            None => {
                // Taking back the lock it just released: nobody could have
                // taken it meanwhile (this thread holds the GIL), so its
                // waiters were never woken.
                s.slots[w].unlocked = None;
                s.locks[lock].0 = Some(who);
                let (_, released, last) = s.locks[lock];
                Ok((at.max(released), last))
            }
            Some(holder) => {
                s.slots[w].lock_wait = Some((lock, None));
                s.slots[w].joining = Some(holder);
                Err(holder)
            }
        }
    }

    /// Release `lock` at program time `at`. Its waiters are woken by this
    /// release only if the releaser does anything but take it straight back
    /// (as a CPython thread holding the GIL does in a loop); then each asks
    /// for the GIL at `at`. All in program time, so nothing depends on who
    /// wakes first.
    pub fn unlock(&self, who: ThreadId, lock: usize, at: Nanos) {
        let mut s = self.lock();
        if s.locks[lock].0 != Some(who) {
            return;
        }
        if s.flush_unlock(who) {
            self.settle(&mut s);
            self.others.notify_all();
        }
        s.locks[lock] = (None, at, who);
        s.slots[who as usize].unlocked = Some((lock, at));
    }

    /// After a failed `try_lock`: block until the lock is released;
    /// returns when that happened.
    pub fn wait_lock(&self, who: ThreadId, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        let w = who as usize;
        let holder = s.slots[w].joining;
        self.begin(&mut s, who, None, None, holder);
        loop {
            if s.stopped {
                s.slots[w].lock_wait = None;
                return Err(Interrupt::Stopped);
            }
            let exit = s.exit_at.filter(|_| daemon);
            if let Some((_, Some(at))) = s.slots[w].lock_wait {
                s.slots[w].lock_wait = None;
                // Freed after the exit: the daemon was cut short first.
                return match exit {
                    Some(x) if x < at => Err(Interrupt::CutShort(x)),
                    _ => Ok(at),
                };
            }
            // Cut short once the holder cannot let go before the exit.
            if let Some(x) = exit
                && !holder.is_some_and(|h| s.can_act_before(h as usize, x))
            {
                s.slots[w].lock_wait = None;
                return Err(Interrupt::CutShort(x));
            }
            s = Self::wait(&self.others, s, None);
        }
    }

    /// Ask for the GIL at program time `at`; returns when it was granted.
    pub fn acquire_gil(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        s.enqueue(at, who);
        self.begin(&mut s, who, Some(at), None, None);
        loop {
            if let Some(t) = s.slots[who as usize].granted.take() {
                // Granted only after the exit: the daemon was cut short first.
                if let Some(x) = s.exit_at.filter(|&x| daemon && x < t) {
                    let p = &mut s.places;
                    p.holders.retain(|&h| h != who);
                    p.free.push(t);
                    self.dispatch_all(&mut s);
                    return Err(Interrupt::CutShort(x));
                }
                return Ok(t);
            }
            // Asked before the exit: it may still be granted in time.
            if let Some(why) = s.interrupted(daemon, at) {
                s.withdraw(who);
                return Err(why);
            }
            s = Self::wait(&self.grant[who as usize], s, None);
        }
    }

    /// Give the GIL back at program time `at`.
    pub fn release_gil(&self, who: ThreadId, at: Nanos) {
        self.changed(|s| {
            s.flush_unlock(who);
            let p = &mut s.places;
            if let Some(i) = p.holders.iter().position(|&h| h == who) {
                p.holders.swap_remove(i);
                p.free.push(at);
            }
        });
    }

    /// The holder at the end of a switch interval: does another thread
    /// wait for the GIL by `at`? Waits until that is settled.
    pub fn switch_due(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited<bool> {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(at), None, None);
        if s.nobody_needs_a_place(who, at) {
            return Ok(false);
        }
        // Others' horizons matter now: they wake this waiter as they move.
        s.switch_waiters += 1;
        let result = loop {
            if let Some(why) = s.interrupted(daemon, at) {
                break Err(why);
            }
            if s.settled(who, at) {
                let waiting = s.places.queue.first().is_some_and(|&r| r < (at, who));
                break Ok(waiting);
            }
            s = Self::wait(&self.others, s, None);
        };
        s.switch_waiters -= 1;
        result
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
            let slot = &mut s.slots[id as usize];
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

    /// Mark `id` started (before its OS thread exists, so that main's wait
    /// at exit already counts it).
    pub fn mark_started(&self, id: ThreadId, begin: Nanos) {
        self.changed(|s| {
            let slot = &mut s.slots[id as usize];
            slot.started = true;
            slot.horizon = begin;
        });
    }

    /// Record that `id` ended at `at`.
    pub fn mark_ended(&self, id: ThreadId, at: Nanos) {
        self.changed(|s| {
            s.flush_unlock(id);
            if std::mem::take(&mut s.slots[id as usize].holds_core) {
                s.machine.free.push(at);
            }
            let slot = &mut s.slots[id as usize];
            slot.end = Some(at);
            slot.horizon = Nanos::MAX;
            slot.wake = None;
        });
    }

    /// The process exits at `at`: daemon threads past it are cut short.
    pub fn exit(&self, at: Nanos) {
        self.update(|s| s.exit_at = Some(at));
    }

    pub fn exit_at(&self) -> Option<Nanos> {
        self.lock().exit_at
    }

    /// Main will exit at `at` unless a non-daemon thread starts meanwhile.
    pub fn plan_exit(&self, at: Nanos) {
        self.changed(|s| s.planned_exit = Some(at));
    }

    /// Block (releasing the CPU) until program time reaches `target`. A
    /// daemon also waits until the exit is known not to come first, so it
    /// never acts past an exit that main is about to make.
    pub fn wait_until(&self, who: ThreadId, target: Nanos, daemon: bool) -> Waited {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(target), Some(target), None);
        loop {
            if let Some(why) = s.interrupted(daemon, target) {
                return Err(why);
            }
            match self.clock().wall_until(target, Instant::now()) {
                Some(Duration::ZERO) if !daemon || s.exit_not_before() >= target => return Ok(()),
                Some(Duration::ZERO) => {
                    s.horizon_waiters += 1;
                    s = Self::wait(&self.others, s, None);
                    s.horizon_waiters -= 1;
                }
                Some(d) => s = Self::wait(&self.time, s, Some(d)),
                None => s = Self::wait(&self.time, s, None),
            }
        }
    }

    /// Burn CPU until program time reaches `target`; while the clock is
    /// frozen, wait without burning.
    pub fn compute_until(&self, who: ThreadId, target: Nanos, daemon: bool) -> Waited {
        {
            let mut s = self.lock();
            self.begin(&mut s, who, Some(target), Some(target), None);
        }
        loop {
            {
                let mut s = self.lock();
                loop {
                    if let Some(why) = s.interrupted(daemon, target) {
                        return Err(why);
                    }
                    match self.clock().wall_until(target, Instant::now()) {
                        Some(Duration::ZERO) => {
                            drop(s);
                            // The end of a compute is a step like any
                            // other: a daemon settles with the exit first.
                            return self.wait_until(who, target, daemon);
                        }
                        Some(_) => break,
                        None => s = Self::wait(&self.time, s, None),
                    }
                }
            }
            burn(Duration::from_micros(200));
        }
    }

    /// Block until no thread but `who` could still act before `t` (so
    /// that what they wrote before `t` is known).
    pub fn wait_others_past(&self, who: ThreadId, t: Nanos, daemon: bool) -> Waited {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(t), None, None);
        loop {
            if let Some(why) = s.interrupted(daemon, t) {
                return Err(why);
            }
            if s.others_past(who, t) {
                return Ok(());
            }
            s.horizon_waiters += 1;
            s = Self::wait(&self.others, s, None);
            s.horizon_waiters -= 1;
        }
    }

    /// Block until thread `target` has ended; returns its end time.
    pub fn wait_end(&self, who: ThreadId, target: ThreadId, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        self.begin(&mut s, who, None, None, Some(target));
        loop {
            if s.stopped {
                return Err(Interrupt::Stopped);
            }
            let end = s.slots[target as usize].end;
            let exit = s.exit_at.filter(|_| daemon);
            match (end, exit) {
                (Some(e), Some(x)) if e > x => return Err(Interrupt::CutShort(x)),
                (Some(e), _) => return Ok(e),
                // It cannot end before the exit: cut short.
                (None, Some(x)) if !s.can_act_before(target as usize, x) => {
                    return Err(Interrupt::CutShort(x));
                }
                (None, _) => {}
            }
            s = Self::wait(&self.others, s, None);
        }
    }

    /// When main's code ends at `t`: is a non-daemon thread left for the
    /// interpreter to wait for? Blocks until that is settled.
    pub fn non_daemon_alive_at(&self, who: ThreadId, t: Nanos) -> Waited<bool> {
        let mut s = self.lock();
        self.begin(&mut s, who, Some(t), None, None);
        loop {
            if s.stopped {
                return Err(Interrupt::Stopped);
            }
            if let Some(alive) = s.non_daemon_alive_at(t) {
                return Ok(alive);
            }
            s.horizon_waiters += 1;
            s = Self::wait(&self.others, s, None);
            s.horizon_waiters -= 1;
        }
    }

    /// Main's wait at exit: block until every started non-daemon thread
    /// (main aside) has ended; returns the last end time. `code_end`: when
    /// main's code ended.
    pub fn wait_non_daemon(&self, code_end: Nanos) -> Waited<Nanos> {
        let mut s = self.lock();
        s.code_end = Some(code_end);
        s.planned_exit = None;
        // Main prints nothing more once its code has ended.
        self.begin(&mut s, MAIN, Some(Nanos::MAX), None, None);
        loop {
            if s.stopped {
                return Err(Interrupt::Stopped);
            }
            if let Some(last) = s.non_daemons_done() {
                return Ok(last);
            }
            s = Self::wait(&self.others, s, None);
        }
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

/// Real CPU work for about `d` of wall time.
fn burn(d: Duration) {
    let start = Instant::now();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while start.elapsed() < d {
        for _ in 0..256 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        std::hint::black_box(x);
    }
}
