//! The program's locks: taken in program time, released and handed on.

use super::{Control, Interrupt, Waited};
use crate::event::{Nanos, ThreadId};

impl Control {
    /// Without the GIL threads run at once, so which of two takes a lock
    /// first is decided in program time: wait until no other thread could
    /// still act before `at` (or at `at`, with a lower id).
    pub fn settle_lock(&self, who: ThreadId, at: Nanos, daemon: bool) -> Waited {
        self.wait_settled(who, at, daemon, |s| s.first_at(who, at))
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
        if s.slot(who).unlocked.is_some_and(|(l, _)| l != lock) {
            self.flush(&mut s, who);
        }
        match s.locks[lock].0 {
            None => {
                // Taking back the lock it just released: nobody could have
                // taken it meanwhile (this thread holds the GIL), so its
                // waiters were never woken.
                s.edit(who).unlocked = None;
                s.locks[lock].0 = Some(who);
                let (_, released, last) = s.locks[lock];
                Ok((at.max(released), last))
            }
            Some(holder) => {
                s.wait_for_lock(who, lock, holder);
                Err(holder)
            }
        }
    }

    /// Release `lock` at program time `at`. Its waiters are woken by this
    /// release only if the releaser does anything but take it straight back
    /// (as a CPython thread holding the GIL does in a loop); then each asks
    /// for the GIL at `at`. All in program time, so nothing depends on who
    /// wakes first.
    ///
    /// False if the lock was not held at `at` (by anybody): Python raises
    /// `RuntimeError: release unlocked lock` there. (Held by another
    /// thread, which a `Lock` lets any thread release, it is left so.)
    pub fn unlock(&self, who: ThreadId, lock: usize, at: Nanos) -> bool {
        let mut s = self.lock();
        match s.locks[lock] {
            (Some(holder), ..) if holder == who => {}
            (Some(_), ..) => return true,
            // Let go after `at` by a thread that ran ahead: held at `at`.
            (None, released, _) => return released > at,
        }
        self.flush(&mut s, who);
        s.locks[lock] = (None, at, who);
        s.edit(who).unlocked = Some((lock, at));
        true
    }

    /// After a failed `try_lock`: block until the lock is released;
    /// returns when that happened.
    pub fn wait_lock(&self, who: ThreadId, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        let holder = s.slot(who).joining;
        self.begin(&mut s, who, None, None, holder);
        loop {
            if s.stopped {
                s.edit(who).lock_wait = None;
                return Err(Interrupt::Stopped);
            }
            let exit = s.exit_at.filter(|_| daemon);
            if let Some((_, Some(at))) = s.slot(who).lock_wait {
                s.edit(who).lock_wait = None;
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
                s.edit(who).lock_wait = None;
                return Err(Interrupt::CutShort(x));
            }
            s = Self::wait(&self.others, s, None);
        }
    }
}
