//! What the threads of one run share: the clock, the stop signal, the
//! process exit, and who has started and ended. One mutex, one condvar:
//! every blocking step of every thread waits here, so pause, stop and exit
//! reach them all at once.

use std::collections::BTreeSet;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::clock::{Clock, ClockState};
use crate::event::{MAIN, Nanos, ThreadId};

/// Why a wait ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupt {
    /// The run was stopped (quit or restart): return at once, report nothing.
    Stopped,
    /// The process exited at this time while this daemon thread still ran.
    CutShort(Nanos),
}

pub type Waited<T = ()> = Result<T, Interrupt>;

struct Shared {
    clock: Clock,
    stopped: bool,
    exit_at: Option<Nanos>,
    started: Vec<bool>,
    daemon: Vec<bool>,
    /// Per thread: it is a child process, run elsewhere and reported here
    /// (it takes no part in this process's GIL).
    remote: Vec<bool>,
    ends: Vec<Option<Nanos>>,
    /// Per thread: no output of it can come before this time.
    horizon: Vec<Nanos>,
    /// Per thread: the thread it is joining, if any.
    joining: Vec<Option<ThreadId>>,
    /// Per thread: the program time it waits for, if it waits for a time.
    wake: Vec<Option<Nanos>>,
    /// The simulated GIL when it is on, else the CPU cores.
    gil: Gil,
    /// Holders waiting, at the end of a switch interval, for a decision.
    switch_waiters: usize,
    /// Per lock: who holds it, and when it was last released.
    locks: Vec<(Option<ThreadId>, Nanos)>,
    /// Per thread: the lock it waits for, and (once released) when the
    /// release that woke it happened.
    lock_wait: Vec<Option<(usize, Option<Nanos>)>>,
    /// Per thread: a release it made that no waiter has seen yet.
    unlocked: Vec<Option<(usize, Nanos)>>,
}

/// What a thread must hold to run, in program time: CPython's GIL (one
/// place), or without it the machine's CPU cores (one place each).
/// Requests are served in the order of their program time, and a holder
/// that computes hands over at the end of each switch interval when
/// somebody waits. Every decision is taken only once no other thread could
/// still ask before it, so the interleaving is the same on every machine
/// and at every speed.
#[derive(Debug, Default)]
struct Gil {
    holders: Vec<ThreadId>,
    /// One entry per free place: when it was last released.
    free: Vec<Nanos>,
    /// Waiting requests: (program time, thread), first served first.
    queue: BTreeSet<(Nanos, ThreadId)>,
    /// Per thread: its waiting request's time, if it has one.
    request: Vec<Option<Nanos>>,
    /// A grant waiting to be picked up by its thread.
    granted: Vec<Option<Nanos>>,
}

impl Gil {
    fn new(places: usize, threads: usize) -> Self {
        Gil {
            holders: Vec::new(),
            free: vec![0; places.max(1)],
            queue: BTreeSet::new(),
            request: vec![None; threads],
            granted: vec![None; threads],
        }
    }

    /// When the earliest free place became free, if one is.
    fn free_at(&self) -> Option<Nanos> {
        self.free.iter().copied().min()
    }

    fn enqueue(&mut self, at: Nanos, who: ThreadId) {
        self.withdraw(who);
        self.queue.insert((at, who));
        self.request[who as usize] = Some(at);
    }

    fn withdraw(&mut self, who: ThreadId) {
        if let Some(q) = self.request[who as usize].take() {
            self.queue.remove(&(q, who));
        }
    }
}

impl Shared {
    /// The earliest time after `now` that a live thread waits for.
    fn next_wake(&self, now: Nanos) -> Option<Nanos> {
        (0..self.wake.len())
            .filter(|&i| self.ends[i].is_none())
            .filter_map(|i| self.wake[i])
            .filter(|&t| t > now)
            .min()
    }

    fn queued(&self, i: usize) -> bool {
        self.gil.request[i].is_some()
    }

    /// The earliest a waiting request can be served: when a place is free,
    /// or else not before a holder acts.
    fn place_bound(&self) -> Nanos {
        let g = &self.gil;
        g.free_at().unwrap_or_else(|| {
            g.holders
                .iter()
                .map(|&h| self.horizon[h as usize])
                .min()
                .unwrap_or(0)
        })
    }

    /// A lower bound on when thread `i` acts next (`freed`: the
    /// [`place_bound`](Self::place_bound)).
    fn next_action(&self, i: usize, depth: usize, freed: Nanos) -> Nanos {
        if let Some(e) = self.ends[i] {
            return e;
        }
        if let Some(q) = self.gil.request[i] {
            return q.max(freed);
        }
        match self.joining[i] {
            // A joiner runs again only after its target has ended.
            Some(t) if depth < self.ends.len() => self
                .next_action(t as usize, depth + 1, freed)
                .saturating_add(1),
            Some(_) => Nanos::MAX,
            None => self.horizon[i],
        }
    }

    /// The earliest time thread `i` could ask for the GIL (MAX: it cannot,
    /// or already did).
    fn gil_earliest(&self, i: usize, freed: Nanos) -> Nanos {
        if self.remote[i] || !self.started[i] || self.ends[i].is_some() || self.queued(i) {
            return Nanos::MAX;
        }
        self.next_action(i, 0, freed)
    }

    /// At the end of `me`'s switch interval at `t`: no request before it
    /// waits, and the free places outnumber every thread that could still
    /// ask before it, so each of those gets a free place and nobody will
    /// need `me`'s. (The answer a settled decision would give, without
    /// waiting for it.)
    fn nobody_needs_a_place(&self, me: ThreadId, t: Nanos) -> bool {
        let g = &self.gil;
        if g.queue.first().is_some_and(|&r| r < (t, me)) {
            return false;
        }
        let freed = self.place_bound();
        let could = (0..self.ends.len())
            .filter(|&j| j != me as usize)
            .filter(|&j| {
                let e = self.gil_earliest(j, freed);
                e < t || (e == t && j < me as usize)
            })
            .count();
        could <= g.free.len()
    }

    /// No thread but `me` could still act at a time before `t` (ties go to
    /// the lower thread id).
    fn settled(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        (0..self.ends.len()).filter(|&j| j != me as usize).all(|j| {
            let e = self.gil_earliest(j, freed);
            e > t || (e == t && j > me as usize)
        })
    }

    /// Grant a place to the first request, if one is free and that is
    /// settled; who got it.
    fn dispatch(&mut self) -> Option<ThreadId> {
        let g = &self.gil;
        let freed = g.free_at()?;
        let &(q, head) = g.queue.first()?;
        let at = q.max(freed);
        if !self.settled(head, at) {
            return None;
        }
        let g = &mut self.gil;
        g.withdraw(head);
        if let Some(i) = g.free.iter().position(|&f| f == freed) {
            g.free.swap_remove(i);
        }
        g.holders.push(head);
        g.granted[head as usize] = Some(at);
        self.horizon[head as usize] = at;
        Some(head)
    }

    /// The earliest time thread `i` could print next.
    fn earliest(&self, i: usize, depth: usize) -> Nanos {
        if let Some(e) = self.ends[i] {
            return if depth == 0 { Nanos::MAX } else { e };
        }
        match self.joining[i] {
            Some(t) if depth < self.ends.len() => {
                self.horizon[i].max(self.earliest(t as usize, depth + 1))
            }
            _ => self.horizon[i],
        }
    }
}

/// Threads wait on one of three kinds of condition, so that a change
/// wakes only those it concerns: with thousands of threads, waking all of
/// them at every step would cost more than the program.
pub struct Control {
    shared: Mutex<Shared>,
    /// Waits for program time (sleep, compute): the clock, stop, exit.
    time: Condvar,
    /// Waits on other threads: join, locks, the exit wait, switch decisions.
    others: Condvar,
    /// Per thread: its wait for the GIL (or a core).
    grant: Vec<Condvar>,
}

impl Control {
    /// `gil`: simulate the GIL for these threads, else `cores` CPU cores;
    /// `locks`: how many locks; `remote`: which ids are child processes.
    pub fn new(
        clock: Clock,
        daemon: Vec<bool>,
        remote: Vec<bool>,
        gil: bool,
        cores: usize,
        locks: usize,
    ) -> Self {
        let n = daemon.len();
        let mut started = vec![false; n];
        if n > 0 {
            started[0] = true;
        }
        Control {
            shared: Mutex::new(Shared {
                clock,
                stopped: false,
                exit_at: None,
                started,
                daemon,
                remote,
                ends: vec![None; n],
                horizon: vec![0; n],
                joining: vec![None; n],
                wake: vec![None; n],
                locks: vec![(None, 0); locks],
                lock_wait: vec![None; n],
                unlocked: vec![None; n],
                gil: Gil::new(if gil { 1 } else { cores }, n),
                switch_waiters: 0,
            }),
            time: Condvar::new(),
            others: Condvar::new(),
            grant: (0..n).map(|_| Condvar::new()).collect(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A thread that panicked while holding the lock leaves consistent
        // data behind (every update is a single assignment).
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
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
        self.settle(&mut s);
        self.others.notify_all();
        r
    }

    /// Grant every place that can be granted; wake each thread granted one.
    fn dispatch_all(&self, s: &mut Shared) {
        while let Some(head) = s.dispatch() {
            self.grant[head as usize].notify_all();
        }
    }

    /// A thread's horizon moved: a waiting request, or a holder waiting at
    /// the end of its switch interval, may now be settled.
    fn settle(&self, s: &mut Shared) {
        self.dispatch_all(s);
        if s.switch_waiters > 0 {
            self.others.notify_all();
        }
    }

    /// Take `lock` if it is free; if not, register as one of its waiters
    /// at once (still holding the GIL), so no release can be missed.
    pub fn try_lock(&self, who: ThreadId, lock: usize) -> bool {
        let mut s = self.lock();
        let w = who as usize;
        if s.unlocked[w].is_some_and(|(l, _)| l != lock) && Self::flush_unlock(&mut s, who) {
            self.settle(&mut s);
            self.others.notify_all();
        }
        match s.locks[lock].0 {
            None => {
                // Taking back the lock it just released: nobody could have
                // taken it meanwhile (this thread holds the GIL), so its
                // waiters were never woken.
                s.unlocked[w] = None;
                s.locks[lock].0 = Some(who);
                true
            }
            Some(holder) => {
                s.lock_wait[w] = Some((lock, None));
                s.joining[w] = Some(holder);
                false
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
        if Self::flush_unlock(&mut s, who) {
            self.settle(&mut s);
            self.others.notify_all();
        }
        s.locks[lock] = (None, at);
        s.unlocked[who as usize] = Some((lock, at));
    }

    /// The release `who` made last becomes visible: wake the lock's waiters.
    fn flush_unlock(s: &mut Shared, who: ThreadId) -> bool {
        let Some((lock, at)) = s.unlocked[who as usize].take() else {
            return false;
        };
        if s.locks[lock].0.is_some() {
            return false;
        }
        let mut woke = false;
        for t in 0..s.lock_wait.len() {
            if let Some((l, None)) = s.lock_wait[t]
                && l == lock
            {
                s.lock_wait[t] = Some((l, Some(at)));
                s.joining[t] = None;
                s.horizon[t] = at;
                woke = true;
            }
        }
        woke
    }

    /// Before any other step of `who`: its pending release takes effect.
    fn flush(&self, s: &mut Shared, who: ThreadId) {
        if Self::flush_unlock(s, who) {
            self.settle(s);
            self.others.notify_all();
        }
    }

    /// After a failed `try_lock`: block until the lock is released;
    /// returns when that happened.
    pub fn wait_lock(&self, who: ThreadId, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        self.flush(&mut s, who);
        let w = who as usize;
        s.wake[w] = None;
        self.settle(&mut s);
        loop {
            let interrupted = if s.stopped {
                Some(Interrupt::Stopped)
            } else {
                s.exit_at.filter(|_| daemon).map(Interrupt::CutShort)
            };
            if let Some(why) = interrupted {
                s.lock_wait[w] = None;
                return Err(why);
            }
            if let Some((_, Some(at))) = s.lock_wait[w] {
                s.lock_wait[w] = None;
                return Ok(at);
            }
            s = self.others.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Ask for the GIL at program time `at`; returns when it was granted.
    pub fn acquire_gil(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        self.flush(&mut s, who);
        s.gil.enqueue(at, who);
        s.horizon[who as usize] = at;
        s.wake[who as usize] = None;
        s.joining[who as usize] = None;
        self.settle(&mut s);
        loop {
            if let Some(t) = s.gil.granted[who as usize].take() {
                return Ok(t);
            }
            let interrupted = if s.stopped {
                Some(Interrupt::Stopped)
            } else {
                s.exit_at.filter(|_| daemon).map(Interrupt::CutShort)
            };
            if let Some(why) = interrupted {
                s.gil.withdraw(who);
                return Err(why);
            }
            s = self.grant[who as usize]
                .wait(s)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Give the GIL back at program time `at`.
    pub fn release_gil(&self, who: ThreadId, at: Nanos) {
        self.changed(|s| {
            Self::flush_unlock(s, who);
            let g = &mut s.gil;
            if let Some(i) = g.holders.iter().position(|&h| h == who) {
                g.holders.swap_remove(i);
                g.free.push(at);
            }
        });
    }

    /// The holder at the end of a switch interval: does another thread
    /// wait for the GIL by `at`? Waits until that is settled.
    pub fn switch_due(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited<bool> {
        let mut s = self.lock();
        self.flush(&mut s, who);
        s.horizon[who as usize] = at;
        self.settle(&mut s);
        if s.nobody_needs_a_place(who, at) {
            return Ok(false);
        }
        // Others' horizons matter now: they wake this waiter as they move.
        s.switch_waiters += 1;
        let result = loop {
            if let Err(e) = Self::check(&s, daemon, at) {
                break Err(e);
            }
            if s.settled(who, at) {
                let waiting = s.gil.queue.first().is_some_and(|&r| r < (at, who));
                break Ok(waiting);
            }
            s = self.others.wait(s).unwrap_or_else(|e| e.into_inner());
        };
        s.switch_waiters -= 1;
        result
    }

    pub fn now(&self) -> Nanos {
        self.lock().clock.now(Instant::now())
    }

    pub fn is_paused(&self) -> bool {
        self.lock().clock.is_paused(Instant::now())
    }

    pub fn speed(&self) -> f64 {
        self.lock().clock.speed()
    }

    pub fn pause(&self) {
        self.update(|s| s.clock.pause(Instant::now()));
    }

    pub fn resume(&self) {
        self.update(|s| s.clock.resume(Instant::now()));
    }

    pub fn step(&self, dt: Nanos) {
        self.update(|s| s.clock.step(Instant::now(), dt));
    }

    /// Freeze, then jump to the next moment a thread acts (the earliest
    /// time any thread waits for); returns the new time, or None when no
    /// thread waits for a time.
    pub fn step_next(&self) -> Option<Nanos> {
        self.update(|s| {
            let wall = Instant::now();
            let next = s.next_wake(s.clock.now(wall));
            match next {
                Some(t) => s.clock.advance_to(wall, t),
                None => s.clock.pause(wall),
            }
            next
        })
    }

    pub fn set_speed(&self, speed: f64) {
        self.update(|s| s.clock.set_speed(Instant::now(), speed));
    }

    /// The clock as it stands, to send to child processes.
    pub fn clock_state(&self) -> ClockState {
        self.lock().clock.state(Instant::now())
    }

    /// A child process: take over the parent's clock.
    pub fn follow_clock(&self, state: ClockState) {
        self.update(|s| s.clock.follow(state, Instant::now()));
    }

    /// The next time any live thread waits for, after now.
    pub fn next_wake(&self) -> Option<Nanos> {
        let s = self.lock();
        s.next_wake(s.clock.now(Instant::now()))
    }

    /// A child process reported how far it got: it prints nothing before
    /// `horizon`, and next waits for `wake`.
    pub fn remote_progress(&self, id: ThreadId, horizon: Nanos, wake: Option<Nanos>) {
        self.changed(|s| {
            let i = id as usize;
            if s.ends[i].is_none() {
                s.horizon[i] = s.horizon[i].max(horizon);
                s.wake[i] = wake;
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
            s.started[id as usize] = true;
            s.horizon[id as usize] = begin;
        });
    }

    /// Record that `id` ended at `at`.
    pub fn mark_ended(&self, id: ThreadId, at: Nanos) {
        self.changed(|s| {
            Self::flush_unlock(s, id);
            s.ends[id as usize] = Some(at);
            s.horizon[id as usize] = Nanos::MAX;
            s.wake[id as usize] = None;
        });
    }

    /// The process exits at `at`: daemon threads past it are cut short.
    pub fn exit(&self, at: Nanos) {
        self.update(|s| s.exit_at = Some(at));
    }

    pub fn exit_at(&self) -> Option<Nanos> {
        self.lock().exit_at
    }

    fn check(s: &Shared, daemon: bool, target: Nanos) -> Waited {
        if s.stopped {
            return Err(Interrupt::Stopped);
        }
        match s.exit_at {
            Some(x) if daemon && x < target => Err(Interrupt::CutShort(x)),
            _ => Ok(()),
        }
    }

    /// Block (releasing the CPU) until program time reaches `target`.
    pub fn wait_until(&self, who: ThreadId, target: Nanos, daemon: bool) -> Waited {
        let mut s = self.lock();
        self.flush(&mut s, who);
        s.horizon[who as usize] = target;
        s.joining[who as usize] = None;
        s.wake[who as usize] = Some(target);
        self.settle(&mut s);
        loop {
            Self::check(&s, daemon, target)?;
            match s.clock.wall_until(target, Instant::now()) {
                Some(Duration::ZERO) => return Ok(()),
                Some(d) => {
                    s = self
                        .time
                        .wait_timeout(s, d)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
                None => s = self.time.wait(s).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    /// Burn CPU until program time reaches `target`; while the clock is
    /// frozen, wait without burning.
    pub fn compute_until(&self, who: ThreadId, target: Nanos, daemon: bool) -> Waited {
        {
            let mut s = self.lock();
            self.flush(&mut s, who);
            s.horizon[who as usize] = target;
            s.wake[who as usize] = Some(target);
            self.settle(&mut s);
        }
        loop {
            {
                let mut s = self.lock();
                loop {
                    Self::check(&s, daemon, target)?;
                    match s.clock.wall_until(target, Instant::now()) {
                        Some(Duration::ZERO) => return Ok(()),
                        Some(_) => break,
                        None => s = self.time.wait(s).unwrap_or_else(|e| e.into_inner()),
                    }
                }
            }
            burn(Duration::from_micros(200));
        }
    }

    /// Block until thread `target` has ended; returns its end time.
    pub fn wait_end(&self, who: ThreadId, target: ThreadId, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        self.flush(&mut s, who);
        s.joining[who as usize] = Some(target);
        s.wake[who as usize] = None;
        self.settle(&mut s);
        loop {
            if s.stopped {
                return Err(Interrupt::Stopped);
            }
            let end = s.ends[target as usize];
            if let (Some(x), true) = (s.exit_at, daemon)
                && end.is_none_or(|e| e > x)
            {
                return Err(Interrupt::CutShort(x));
            }
            if let Some(e) = end {
                return Ok(e);
            }
            s = self.others.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Main's wait at exit: block until every started non-daemon thread
    /// (main aside) has ended; returns the last end time.
    pub fn wait_non_daemon(&self) -> Waited<Nanos> {
        let mut s = self.lock();
        self.flush(&mut s, MAIN);
        // Main prints nothing more once its code has ended.
        s.horizon[0] = Nanos::MAX;
        s.wake[0] = None;
        self.settle(&mut s);
        loop {
            if s.stopped {
                return Err(Interrupt::Stopped);
            }
            let mut last = 0;
            let mut pending = false;
            for i in 1..s.started.len() {
                if s.started[i] && !s.daemon[i] {
                    match s.ends[i] {
                        Some(e) => last = last.max(e),
                        None => pending = true,
                    }
                }
            }
            if !pending {
                return Ok(last);
            }
            s = self.others.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Control {
    /// Every output line earlier than this has been sent: no live thread
    /// can print before it.
    pub fn output_watermark(&self) -> Nanos {
        let s = self.lock();
        (0..s.ends.len())
            .filter(|&i| s.started[i] && s.ends[i].is_none())
            .map(|i| s.earliest(i, 0))
            .min()
            .unwrap_or(Nanos::MAX)
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
