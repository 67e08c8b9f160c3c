//! The state every thread of a run shares, behind [`Control`](super::Control)'s
//! one mutex: the clock, the stop signal, the exit, one slot per thread and
//! the places (the GIL, or the CPU cores). Pure data and decisions over it;
//! the waiting and waking are `Control`'s.

use std::collections::BTreeSet;
use std::ops::{Deref, DerefMut};

use super::board::Board;
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
    /// One per thread; changed only through [`edit`](Self::edit), which
    /// keeps `board` in step.
    slots: Vec<Slot>,
    /// The slots indexed by what decisions ask of them.
    pub(super) board: Board,
    /// The child processes' ids (looked at one by one).
    pub(super) remote: Vec<usize>,
    /// Per lock: the threads that registered as its waiters.
    waiters: Vec<Vec<ThreadId>>,
    pub places: Places,
    /// The machine's CPU cores, shared by the run's child processes (each
    /// has its own GIL, but they share the cores).
    pub machine: Places,
    /// Holders waiting, at the end of a switch interval, for a decision.
    pub switch_waiters: usize,
    /// Threads waiting on others' horizons: daemons settling with the
    /// exit, reads of shared data.
    pub horizon_waiters: usize,
    /// Per lock: who holds it since when, when it was last released and
    /// by whom.
    pub locks: Vec<LockState>,
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
        let remote = (0..slots.len()).filter(|&i| slots[i].remote).collect();
        Shared {
            stopped: false,
            exit_at: None,
            board: Board::new(&slots),
            slots,
            remote,
            waiters: vec![Vec::new(); locks],
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
            locks: vec![LockState::default(); locks],
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

    /// Thread `i`'s slot.
    pub fn slot(&self, i: impl Index) -> &Slot {
        &self.slots[i.at()]
    }

    /// Every slot, in id order.
    pub(super) fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Change thread `i`'s slot; the index follows when the edit ends.
    pub fn edit(&mut self, i: impl Index) -> SlotMut<'_> {
        SlotMut {
            i: i.at(),
            shared: self,
        }
    }

    /// The earliest time after `now` that a live thread waits for (asked
    /// only for a single step: a scan will do).
    pub fn next_wake(&self, now: Nanos) -> Option<Nanos> {
        self.slots
            .iter()
            .filter(|s| s.end.is_none())
            .filter_map(|s| s.wake)
            .filter(|&t| t > now)
            .min()
    }

    pub(super) fn free_at(&self) -> Option<Nanos> {
        self.places.free.iter().copied().min()
    }

    pub fn enqueue(&mut self, at: Nanos, who: ThreadId) {
        self.withdraw(who);
        self.places.queue.insert((at, who));
        self.edit(who).request = Some(at);
    }

    pub fn withdraw(&mut self, who: ThreadId) {
        let asked = self.edit(who).request.take();
        if let Some(q) = asked {
            self.places.queue.remove(&(q, who));
        }
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
        let mut slot = self.edit(head);
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
        // Only child processes ask for cores.
        let settled = self.remote.iter().filter(|&&j| j != me).all(|&j| {
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
        let mut slot = self.edit(head);
        slot.core_request = None;
        slot.core_granted = Some(at);
        slot.holds_core = true;
        slot.horizon = slot.horizon.max(at);
        Some(head)
    }

    /// `who` waits for `lock` (held by `holder`) from now on.
    pub fn wait_for_lock(&mut self, who: ThreadId, lock: usize, holder: ThreadId) {
        self.waiters[lock].push(who);
        let mut slot = self.edit(who);
        slot.lock_wait = Some((lock, None));
        slot.joining = Some(holder);
    }

    /// The release `who` made last becomes visible: wake the lock's
    /// waiters; true if any was woken.
    pub fn flush_unlock(&mut self, who: ThreadId) -> bool {
        let Some((lock, at)) = self.slots[who as usize].unlocked.take() else {
            return false;
        };
        if self.locks[lock].holder.is_some() {
            return false;
        }
        let mut woke = false;
        for w in std::mem::take(&mut self.waiters[lock]) {
            let mut s = self.edit(w);
            // A waiter that gave up (stopped, cut short) is no longer one.
            if s.lock_wait == Some((lock, None)) {
                s.lock_wait = Some((lock, Some(at)));
                s.joining = None;
                s.horizon = at;
                woke = true;
            }
        }
        woke
    }
}

/// One lock of the program, in program time.
#[derive(Debug, Clone, Copy)]
pub struct LockState {
    /// Who holds it…
    pub holder: Option<ThreadId>,
    /// …since when;
    pub taken: Nanos,
    /// when it was last released, and by whom.
    pub released: Nanos,
    pub last: ThreadId,
}

impl Default for LockState {
    fn default() -> Self {
        LockState {
            holder: None,
            taken: 0,
            released: 0,
            last: MAIN,
        }
    }
}

/// A slot being changed (see [`Shared::edit`]): the index is updated
/// when it is let go.
pub struct SlotMut<'a> {
    shared: &'a mut Shared,
    i: usize,
}

impl Deref for SlotMut<'_> {
    type Target = Slot;
    fn deref(&self) -> &Slot {
        &self.shared.slots[self.i]
    }
}

impl DerefMut for SlotMut<'_> {
    fn deref_mut(&mut self) -> &mut Slot {
        &mut self.shared.slots[self.i]
    }
}

impl Drop for SlotMut<'_> {
    fn drop(&mut self) {
        let s = &mut *self.shared;
        s.board.update(self.i, &s.slots[self.i]);
    }
}

/// A thread's index into the slots, as a `ThreadId` or a `usize`.
pub trait Index: Copy {
    fn at(self) -> usize;
}

impl Index for ThreadId {
    fn at(self) -> usize {
        self as usize
    }
}

impl Index for usize {
    fn at(self) -> usize {
        self
    }
}
