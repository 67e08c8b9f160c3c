//! A thread's life as others see it: started, ended, joined; and the
//! process's exit, in CPython's order.

use super::{Control, Interrupt, Waited};
use crate::event::{MAIN, Nanos, ThreadId};

impl Control {
    /// Mark `id` started (before its OS thread exists, so that main's wait
    /// at exit already counts it).
    pub fn mark_started(&self, id: ThreadId, begin: Nanos) {
        self.changed(|s| {
            let mut slot = s.edit(id);
            slot.started = true;
            slot.horizon = begin;
        });
    }

    /// Record that `id` ended at `at`.
    pub fn mark_ended(&self, id: ThreadId, at: Nanos) {
        self.changed(|s| {
            s.flush_unlock(id);
            // A thread that ended asks for nothing any more.
            s.withdraw(id);
            let holds_core = std::mem::take(&mut s.edit(id).holds_core);
            if holds_core {
                s.machine.free.push(at);
            }
            let mut slot = s.edit(id);
            slot.end = Some(at);
            slot.horizon = Nanos::MAX;
            slot.wake = None;
        });
    }

    /// The process exits at `at`: daemon threads past it are cut short.
    pub fn exit(&self, at: Nanos) {
        self.update(|s| s.exit_at = Some(at));
    }

    /// Main will exit at `at` unless a non-daemon thread starts meanwhile.
    pub fn plan_exit(&self, at: Nanos) {
        self.changed(|s| s.planned_exit = Some(at));
    }

    /// Block until thread `target` has ended; returns its end time.
    pub fn wait_end(&self, who: ThreadId, target: ThreadId, daemon: bool) -> Waited<Nanos> {
        let mut s = self.lock();
        self.begin(&mut s, who, None, None, Some(target));
        loop {
            if s.stopped {
                return Err(Interrupt::Stopped);
            }
            let end = s.slot(target).end;
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
            s = self.wait_on_horizons(s);
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
}
