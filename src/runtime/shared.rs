//! The state every thread of a run shares, behind [`Control`](super::Control)'s
//! one mutex: the clock, the stop signal, the exit, one slot per thread and
//! the places (the GIL, or the CPU cores). Pure data and decisions over it;
//! the waiting and waking are `Control`'s.

use std::collections::BTreeSet;

use super::thread::EXIT_COST;
use crate::event::{MAIN, Nanos, ThreadId};

/// Why a wait ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interrupt {
    /// The run was stopped (quit or restart): return at once, report nothing.
    Stopped,
    /// The process exited at this time while this daemon thread still ran.
    CutShort(Nanos),
    /// The thread raised an exception it does not catch (a scenario's
    /// threads raise only what the runtime does: `can't start new thread`).
    Raised(Box<crate::event::Raised>),
}

pub type Waited<T = ()> = Result<T, Interrupt>;

/// One thread's part of the shared state.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    pub started: bool,
    pub daemon: bool,
    /// A child process, run elsewhere and reported here (it takes no part
    /// in this process's GIL).
    pub remote: bool,
    pub end: Option<Nanos>,
    /// No output of it can come before this time.
    pub horizon: Nanos,
    /// The thread it is joining (or, waiting on a lock, its holder).
    pub joining: Option<ThreadId>,
    /// The program time it waits for, if it waits for a time.
    pub wake: Option<Nanos>,
    /// The lock it waits for, and (once released) when the release that
    /// woke it happened.
    pub lock_wait: Option<(usize, Option<Nanos>)>,
    /// A release it made that no waiter has seen yet.
    pub unlocked: Option<(usize, Nanos)>,
    /// Its waiting request for a place, if it has one.
    pub request: Option<Nanos>,
    /// A place granted, waiting to be picked up by its thread.
    pub granted: Option<Nanos>,
    /// A child process: its waiting request for one of the machine's
    /// cores, a core granted and not picked up yet, and whether it holds one.
    pub core_request: Option<Nanos>,
    pub core_granted: Option<Nanos>,
    pub holds_core: bool,
}

/// What a thread must hold to run, in program time: CPython's GIL (one
/// place), or without it the machine's CPU cores (one place each).
/// Requests are served in the order of their program time, and a holder
/// that computes hands over at the end of each switch interval when
/// somebody waits. Every decision is taken only once no other thread could
/// still ask before it, so the interleaving is the same on every machine
/// and at every speed.
#[derive(Debug, Default)]
pub struct Places {
    pub holders: Vec<ThreadId>,
    /// One entry per free place: when it was last released.
    pub free: Vec<Nanos>,
    /// Waiting requests: (program time, thread), first served first.
    pub queue: BTreeSet<(Nanos, ThreadId)>,
}

pub struct Shared {
    pub stopped: bool,
    pub exit_at: Option<Nanos>,
    pub slots: Vec<Slot>,
    pub places: Places,
    /// The machine's CPU cores, shared by the run's child processes (each
    /// has its own GIL, but they share the cores).
    pub machine: Places,
    /// Holders waiting, at the end of a switch interval, for a decision.
    pub switch_waiters: usize,
    /// Threads waiting on others' horizons: daemons settling with the
    /// exit, reads of shared data.
    pub horizon_waiters: usize,
    /// Per lock: who holds it, when it was last released and by whom.
    pub locks: Vec<(Option<ThreadId>, Nanos, ThreadId)>,
    /// When main's code ended (it is in CPython's shutdown then)…
    pub code_end: Option<Nanos>,
    /// …and the exit it waits for, once no non-daemon thread is left.
    pub planned_exit: Option<Nanos>,
}

impl Shared {
    pub fn new(
        daemon: &[bool],
        remote: &[bool],
        (places, cores): (usize, usize),
        locks: usize,
    ) -> Self {
        let mut slots: Vec<Slot> = daemon
            .iter()
            .zip(remote)
            .map(|(&daemon, &remote)| Slot {
                daemon,
                remote,
                ..Slot::default()
            })
            .collect();
        if let Some(main) = slots.first_mut() {
            main.started = true;
        }
        Shared {
            stopped: false,
            exit_at: None,
            slots,
            places: Places {
                free: vec![0; places.max(1)],
                ..Places::default()
            },
            machine: Places {
                free: vec![0; cores.max(1)],
                ..Places::default()
            },
            switch_waiters: 0,
            horizon_waiters: 0,
            locks: vec![(None, 0, MAIN); locks],
            code_end: None,
            planned_exit: None,
        }
    }

    /// Why a wait of a thread (a daemon or not) for program time `target`
    /// must end now, if it must: the run stopped, or the process exited
    /// before `target` while this daemon still ran.
    pub fn interrupted(&self, daemon: bool, target: Nanos) -> Option<Interrupt> {
        if self.stopped {
            return Some(Interrupt::Stopped);
        }
        match self.exit_at {
            Some(x) if daemon && x < target => Some(Interrupt::CutShort(x)),
            _ => None,
        }
    }

    /// The earliest time after `now` that a live thread waits for.
    pub fn next_wake(&self, now: Nanos) -> Option<Nanos> {
        self.slots
            .iter()
            .filter(|s| s.end.is_none())
            .filter_map(|s| s.wake)
            .filter(|&t| t > now)
            .min()
    }

    fn free_at(&self) -> Option<Nanos> {
        self.places.free.iter().copied().min()
    }

    pub fn enqueue(&mut self, at: Nanos, who: ThreadId) {
        self.withdraw(who);
        self.places.queue.insert((at, who));
        self.slots[who as usize].request = Some(at);
    }

    pub fn withdraw(&mut self, who: ThreadId) {
        if let Some(q) = self.slots[who as usize].request.take() {
            self.places.queue.remove(&(q, who));
        }
    }

    /// The earliest a waiting request can be served: when a place is free,
    /// or else not before a holder acts.
    fn place_bound(&self) -> Nanos {
        self.free_at().unwrap_or_else(|| {
            self.places
                .holders
                .iter()
                .map(|&h| self.slots[h as usize].horizon)
                .min()
                .unwrap_or(0)
        })
    }

    /// A lower bound on when thread `i` acts next (`freed`: the
    /// [`place_bound`](Self::place_bound)).
    fn next_action(&self, i: usize, depth: usize, freed: Nanos) -> Nanos {
        let s = &self.slots[i];
        if let Some(e) = s.end {
            return e;
        }
        if let Some(q) = s.request {
            return q.max(freed);
        }
        match s.joining {
            // A joiner runs again only after its target has ended.
            Some(t) if depth < self.slots.len() => self
                .next_action(t as usize, depth + 1, freed)
                .saturating_add(1),
            Some(_) => Nanos::MAX,
            None => s.horizon,
        }
    }

    /// The earliest time thread `i` could ask for a place (MAX: it cannot,
    /// or already did).
    fn place_earliest(&self, i: usize, freed: Nanos) -> Nanos {
        let s = &self.slots[i];
        if s.remote || !s.started || s.end.is_some() || s.request.is_some() {
            return Nanos::MAX;
        }
        self.next_action(i, 0, freed)
    }

    /// At the end of `me`'s switch interval at `t`: no request before it
    /// waits, and the free places outnumber every thread that could still
    /// ask before it, so each of those gets a free place and nobody will
    /// need `me`'s. (The answer a settled decision would give, without
    /// waiting for it.)
    pub fn nobody_needs_a_place(&self, me: ThreadId, t: Nanos) -> bool {
        if self.places.queue.first().is_some_and(|&r| r < (t, me)) {
            return false;
        }
        let freed = self.place_bound();
        let could = (0..self.slots.len())
            .filter(|&j| j != me as usize)
            .filter(|&j| {
                let e = self.place_earliest(j, freed);
                e < t || (e == t && j < me as usize)
            })
            .count();
        could <= self.places.free.len()
    }

    /// No thread but `me` could still act at a time before `t` (ties go to
    /// the lower thread id).
    pub fn settled(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        (0..self.slots.len())
            .filter(|&j| j != me as usize)
            .all(|j| {
                let e = self.place_earliest(j, freed);
                e > t || (e == t && j > me as usize)
            })
    }

    /// Thread `j` is alive and could still act before `t`.
    pub fn can_act_before(&self, j: usize, t: Nanos) -> bool {
        let freed = self.place_bound();
        self.slots[j].end.is_none() && self.next_action(j, 0, freed) < t
    }

    /// No thread but `me` could still act before `t`: what they did before
    /// it is all known (reading shared data at `t` waits for this).
    pub fn others_past(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        (0..self.slots.len())
            .filter(|&j| j != me as usize)
            .filter(|&j| {
                self.slots[j].started && self.slots[j].end.is_none() && !self.slots[j].remote
            })
            .all(|j| self.next_action(j, 0, freed) >= t)
    }

    /// No thread but `me` could still act before `t`, nor at `t` before
    /// `me` (ties go to the lower id): a decision `me` takes at `t` about
    /// something shared (a lock without the GIL) is its to take.
    pub fn first_at(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        (0..self.slots.len())
            .filter(|&j| j != me as usize)
            .filter(|&j| {
                self.slots[j].started && self.slots[j].end.is_none() && !self.slots[j].remote
            })
            .all(|j| {
                let e = self.next_action(j, 0, freed);
                // A thread waiting for a place while every place is held
                // cannot act before a holder lets go: it comes after.
                let behind = self.slots[j].request.is_some() && self.places.free.is_empty();
                e > t || (e == t && (j > me as usize || behind))
            })
    }

    /// Grant a place to the first request, if one is free and that is
    /// settled; who got it.
    pub fn dispatch(&mut self) -> Option<ThreadId> {
        let freed = self.free_at()?;
        let &(q, head) = self.places.queue.first()?;
        let at = q.max(freed);
        if !self.settled(head, at) {
            return None;
        }
        self.withdraw(head);
        if let Some(i) = self.places.free.iter().position(|&f| f == freed) {
            self.places.free.swap_remove(i);
        }
        self.places.holders.push(head);
        let slot = &mut self.slots[head as usize];
        slot.granted = Some(at);
        slot.horizon = at;
        Some(head)
    }

    /// The earliest time child process `j` could ask for a core.
    fn core_earliest(&self, j: usize) -> Nanos {
        let s = &self.slots[j];
        if !s.remote || !s.started || s.end.is_some() {
            return Nanos::MAX;
        }
        // A holder asks again when it lets go; nobody acts before its horizon.
        s.core_request.unwrap_or(s.horizon)
    }

    /// Grant free cores to the first requests that are settled (no other
    /// child could still ask earlier); who got one.
    pub fn dispatch_core(&mut self) -> Option<ThreadId> {
        let freed = self.machine.free.iter().copied().min()?;
        let &(q, head) = self.machine.queue.first()?;
        let at = q.max(freed);
        let me = head as usize;
        let settled = (0..self.slots.len()).filter(|&j| j != me).all(|j| {
            let queued = self.slots[j].core_request.is_some();
            let e = self.core_earliest(j);
            // Queued ones are in the queue's order already.
            queued || e > at || (e == at && j > me)
        });
        if !settled {
            return None;
        }
        self.machine.queue.remove(&(q, head));
        if let Some(i) = self.machine.free.iter().position(|&f| f == freed) {
            self.machine.free.swap_remove(i);
        }
        let slot = &mut self.slots[me];
        slot.core_request = None;
        slot.core_granted = Some(at);
        slot.holds_core = true;
        slot.horizon = slot.horizon.max(at);
        Some(head)
    }

    /// The earliest time thread `i` could print next.
    fn earliest(&self, i: usize, depth: usize) -> Nanos {
        let s = &self.slots[i];
        if let Some(e) = s.end {
            return if depth == 0 { Nanos::MAX } else { e };
        }
        match s.joining {
            Some(t) if depth < self.slots.len() => {
                s.horizon.max(self.earliest(t as usize, depth + 1))
            }
            _ => s.horizon,
        }
    }

    /// Every output line earlier than this has been sent: no live thread
    /// can print before it.
    pub fn output_watermark(&self) -> Nanos {
        (0..self.slots.len())
            .filter(|&i| self.slots[i].started && self.slots[i].end.is_none())
            .map(|i| self.earliest(i, 0))
            .min()
            .unwrap_or(Nanos::MAX)
    }

    /// A lower bound on when the process exits, while it has not: after
    /// main's code and every live non-daemon thread have ended, and
    /// [`EXIT_COST`] later. A daemon may act at `t` only once this is at
    /// or after `t`: otherwise the exit could still come first.
    pub fn exit_not_before(&self) -> Nanos {
        if let Some(x) = self.exit_at {
            return x;
        }
        let freed = self.place_bound();
        let main_bound = match (self.planned_exit, self.code_end) {
            (Some(x), _) => x,
            (None, Some(end)) => end.saturating_add(EXIT_COST),
            (None, None) => self
                .next_action(MAIN as usize, 0, freed)
                .saturating_add(EXIT_COST),
        };
        (1..self.slots.len())
            .filter(|&i| {
                let s = &self.slots[i];
                s.started && !s.daemon && s.end.is_none()
            })
            .map(|i| self.next_action(i, 0, freed).saturating_add(EXIT_COST))
            .fold(main_bound, Nanos::max)
    }

    /// At `t`: is a started non-daemon thread (main aside) alive then?
    /// None while that is not settled (one could still end by `t`).
    pub fn non_daemon_alive_at(&self, t: Nanos) -> Option<bool> {
        let freed = self.place_bound();
        let mut unsettled = false;
        for j in 1..self.slots.len() {
            let s = &self.slots[j];
            if !s.started || s.daemon {
                continue;
            }
            match s.end {
                Some(e) if e <= t => {}
                Some(_) => return Some(true),
                None if self.next_action(j, 0, freed) > t => return Some(true),
                None => unsettled = true,
            }
        }
        (!unsettled).then_some(false)
    }

    /// Main's wait at exit: the last end of a started non-daemon thread
    /// (main aside), or None while one is still alive.
    pub fn non_daemons_done(&self) -> Option<Nanos> {
        let mut last = 0;
        for s in self.slots.iter().skip(1).filter(|s| s.started && !s.daemon) {
            last = last.max(s.end?);
        }
        Some(last)
    }

    /// The release `who` made last becomes visible: wake the lock's
    /// waiters; true if any was woken.
    pub fn flush_unlock(&mut self, who: ThreadId) -> bool {
        let Some((lock, at)) = self.slots[who as usize].unlocked.take() else {
            return false;
        };
        if self.locks[lock].0.is_some() {
            return false;
        }
        let mut woke = false;
        for s in &mut self.slots {
            if let Some((l, None)) = s.lock_wait
                && l == lock
            {
                s.lock_wait = Some((l, Some(at)));
                s.joining = None;
                s.horizon = at;
                woke = true;
            }
        }
        woke
    }
}
