//! Places to run: the GIL (or, without it, a CPU core), and the machine's
//! cores that child processes share.

use super::{Control, Interrupt, Waited};
use crate::event::{Nanos, ThreadId};

impl Control {
    /// A child process asks, at program time `at`, for one of the
    /// machine's cores; returns when it was granted (None: stopped).
    pub fn acquire_core(&self, who: ThreadId, at: Nanos) -> Option<Nanos> {
        let mut s = self.lock();
        s.machine.queue.insert((at, who));
        s.edit(who).core_request = Some(at);
        self.dispatch_all(&mut s);
        self.others.notify_all();
        loop {
            let granted = s.edit(who).core_granted.take();
            if let Some(t) = granted {
                return Some(t);
            }
            if s.stopped || s.slot(who).end.is_some() {
                let asked = s.edit(who).core_request.take();
                if let Some(q) = asked {
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
            let mut slot = s.edit(who);
            if std::mem::take(&mut slot.holds_core) {
                slot.horizon = slot.horizon.max(at);
                drop(slot);
                s.machine.free.push(at);
            }
        });
    }

    /// Ask for the GIL at program time `at`; returns when it was granted.
    pub fn acquire_gil(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        s.enqueue(at, who);
        self.begin(&mut s, who, Some(at), None, None);
        loop {
            let granted = s.edit(who).granted.take();
            if let Some(t) = granted {
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
}
