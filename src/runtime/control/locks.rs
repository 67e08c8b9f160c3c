//! The program's locks: taken in program time, released and handed on.

use super::{Control, Interrupt, Waited};
use crate::event::{Nanos, ThreadId};
use crate::runtime::shared::LockState;

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
        match s.locks[lock].holder {
            None => {
                // Taking back the lock it just released: nobody could have
                // taken it meanwhile (this thread holds the GIL), so its
                // waiters were never woken.
                s.edit(who).unlocked = None;
                let l = &mut s.locks[lock];
                let taken = at.max(l.released);
                l.holder = Some(who);
                l.taken = taken;
                Ok((taken, l.last))
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
    /// A `Lock` is no thread's own: any thread may release one another
    /// holds, as in Python. False if it was not held at `at` (by anybody):
    /// Python raises `RuntimeError: release unlocked lock` there.
    pub fn unlock(&self, who: ThreadId, lock: usize, at: Nanos) -> bool {
        let mut s = self.lock();
        let l = s.locks[lock];
        match l.holder {
            // Taken after `at` by a thread that ran ahead: free at `at`.
            Some(_) if l.taken > at => return false,
            Some(_) => {}
            // Let go after `at` by a thread that ran ahead: held at `at`.
            None => return l.released > at,
        }
        self.flush(&mut s, who);
        s.locks[lock] = LockState {
            holder: None,
            taken: l.taken,
            released: at,
            last: who,
        };
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
